package localservice_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNotInWasmModules: the WebAssembly modules (GOOS=js with and without
// the CLI, and wasip1) do not link the local service; only the native
// binary serves.
func TestNotInWasmModules(t *testing.T) {
	for _, b := range []struct{ goos, tags, pkg string }{
		{"js", "", "./wasm/js"},
		{"js", "nocli", "./wasm/js"},
		{"wasip1", "", "./wasm/wasip1"},
	} {
		cmd := exec.Command("go", "list", "-deps", "-tags="+b.tags, b.pkg)
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "GOOS="+b.goos, "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list %s: %v", b.pkg, err)
		}
		deps := string(out)
		if !strings.Contains(deps, "/pkg/validate\n") {
			t.Fatalf("GOOS=%s %s: the dependency list looks wrong:\n%s", b.goos, b.pkg, deps)
		}
		if strings.Contains(deps, "/pkg/localservice") {
			t.Errorf("GOOS=%s -tags=%q %s links pkg/localservice", b.goos, b.tags, b.pkg)
		}
	}
}
