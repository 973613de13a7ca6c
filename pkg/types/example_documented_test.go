package types_test

import (
	"encoding/json"
	"fmt"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// UnmarshalInput reads the documented form, validating it as client.Build
// does; MarshalUser writes it back.
func ExampleUnmarshalInput() {
	var in types.GetBackendJobRequest
	problems, err := types.UnmarshalInput("GetBackendJob",
		[]byte(`{"AppId": "d2v6kx3qz7p1ab", "BackendEnvironmentName": "staging", "JobId": "job-1"}`), &in, nil)
	if err != nil || len(problems) > 0 {
		fmt.Println(problems, err)
		return
	}
	fmt.Println(*in.JobId)
	doc, _ := types.MarshalUser(&in)
	fmt.Println(string(doc))

	problems, _ = types.UnmarshalInput("GetBackendJob", []byte(`{"AppId": "d2v6kx3qz7p1ab", "JobID": "job-1"}`), &in, nil)
	for _, p := range problems {
		fmt.Println(p.Path, p.Code)
	}
	// Output:
	// job-1
	// {"AppId":"d2v6kx3qz7p1ab","BackendEnvironmentName":"staging","JobId":"job-1"}
	// /JobID unknown
	// /BackendEnvironmentName required
	// /JobId required
}

// json.Unmarshal reads the wire form (the json tags), and says so when it is
// given the documented form.
func ExampleWireNameError() {
	var in types.GetBackendRequest
	err := json.Unmarshal([]byte(`{"AppId": "d2v6kx3qz7p1ab"}`), &in)
	fmt.Println(err)
	fmt.Println(json.Unmarshal([]byte(`{"appId": "d2v6kx3qz7p1ab"}`), &in), *in.AppId)
	// Output:
	// types: /AppId: "AppId" is the documented name of GetBackendRequest.AppId; json.Unmarshal reads the wire form ("appId"): use types.Unmarshal or types.UnmarshalInput for the documented form
	// <nil> d2v6kx3qz7p1ab
}
