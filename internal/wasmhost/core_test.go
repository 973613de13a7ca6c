package wasmhost

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
)

// coreHost starts the core wasip1 module (-tags nosign: no signer, no CLI):
// AMPLIFYBACKEND_WASIP1_CORE when that names a built one, else one built
// into the test's temporary directory.
func coreHost(t *testing.T) *Host {
	t.Helper()
	path := os.Getenv("AMPLIFYBACKEND_WASIP1_CORE")
	if path == "" {
		path = filepath.Join(t.TempDir(), "amplifybackend-core-wasip1.wasm")
		cmd := exec.Command("go", "build", "-tags", "nosign", "-buildmode=c-shared", "-trimpath", "-ldflags=-s -w", "-o", path, "./wasm/wasip1")
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building the core wasip1 module: %v\n%s", err, out)
		}
	}
	wasm, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(wasm) >= len(testWasm) {
		t.Fatalf("the core module (%d bytes) is not smaller than the full one (%d bytes): is it built with -tags nosign?", len(wasm), len(testWasm))
	}
	ctx := context.Background()
	h, err := New(ctx, wasm, Config{CacheDir: CacheDir(), Stderr: os.Stderr})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(ctx) })
	return h
}

// TestCoreVectors runs the shared vector suite through the core module:
// byte-identical outputs for everything it contains, the clear
// SignerMissing error for every signRequest case (and so for the signing
// vectors' inputs, valid or not), and "cli" unknown.
func TestCoreVectors(t *testing.T) {
	h := coreHost(t)
	cases, err := dispatchtest.Load("../../testdata/vectors")
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, c := range cases {
		got, err := h.Call(c.Function, c.Input)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		want, serves := dispatchtest.CoreWant(c, dispatch.SignerMissing)
		if !serves {
			if !bytes.HasPrefix(got, []byte(`{"error":{"message":"Unknown function \"`+c.Function+`\"`)) {
				t.Errorf("%s: the core module serves %s: %s", c.Name, c.Function, got)
			}
			counts["unserved"]++
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the core module's output differs\n got: %s\nwant: %s", c.Name, got, want)
		}
		counts[c.Function]++
	}
	for _, fn := range []string{"validate", "validateAuthConfig", "buildRequest", "signRequest", "buildAndSignRequest", "parseResponse", "retry", "operations", "unserved"} {
		if counts[fn] == 0 {
			t.Errorf("no vector for %s ran on the core module", fn)
		}
	}
	if !strings.Contains(dispatch.SignerMissing, "full module") {
		t.Errorf("SignerMissing does not say how to load the full module: %s", dispatch.SignerMissing)
	}
}
