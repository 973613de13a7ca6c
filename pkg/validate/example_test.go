package validate_test

import (
	"fmt"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Validating the text a person edits: every problem has its place in the
// text (lines and columns from 1, columns in UTF-16 code units, as editors
// count), and deprecated members are warnings, which never make the input
// invalid.
func ExampleInput() {
	text := []byte(`{
  "AppId": "d1",
  "AppId": "d2",
  "BackendEnvironmentName": "dev",
  "MaxResults": 1.0000000000000001
}`)
	ps, err := validate.Input("ListBackendJobs", text, nil)
	if err != nil {
		panic(err)
	}
	for _, p := range ps {
		fmt.Printf("%d:%d-%d:%d %s %s: %s\n", p.Range.Start.Line, p.Range.Start.Column, p.Range.End.Line, p.Range.End.Column, p.Code, p.Path, p.Message)
	}
	// Output:
	// 3:3-3:10 duplicate /AppId: AppId appears more than once in this object.
	// 5:17-5:35 type /MaxResults: MaxResults must be an integer, not a number with a fraction.
}

// Warnings go where Options.Warnings points.
func ExampleOptions_warnings() {
	var warnings []validate.Problem
	ps, _ := validate.AuthConfig(validate.AuthUpdate, []byte(`{"UserPoolConfigs": {"ForgotPassword": {"DeliveryMethod": "EMAIL"}}}`), &validate.Options{Warnings: &warnings})
	fmt.Println("problems:", len(ps))
	for _, w := range warnings {
		fmt.Println(w.Code, w.Path, w.Range.Start.Column)
	}
	// Output:
	// problems: 2
	// deprecated /UserPoolConfigs/ForgotPassword 22
	// deprecated /UserPoolConfigs/ForgotPassword/DeliveryMethod 41
}
