package wasmhost

import (
	"bytes"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
)

// TestVectors runs the shared vector suite through the wasip1 module: every
// output must be byte-identical to the golden file (and so to the native
// run and to Node).
func TestVectors(t *testing.T) {
	cases, err := dispatchtest.Load("../../testdata/vectors")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		got, err := testHost.Call(c.Function, c.Input)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if !bytes.Equal(got, c.Want) {
			t.Errorf("%s: wazero output differs from the golden file\n got: %s\nwant: %s", c.Name, got, c.Want)
		}
	}
}
