package wasmhost

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The native conveniences of the Go client (NewFromConfig, the aws-sdk-go-v2
// credential chain of config.LoadDefaultConfig, the HTTP Client itself) must
// stay out of the WebAssembly modules: their hosts pass credentials in and
// send requests themselves, and every byte is downloaded by a browser.

// forbiddenPackages must not be dependencies of any module.
var forbiddenPackages = []string{
	"github.com/aws/aws-sdk-go-v2/config",
	"github.com/aws/aws-sdk-go-v2/credentials",
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds",
	"github.com/aws/aws-sdk-go-v2/internal/configsources",
	"github.com/aws/aws-sdk-go-v2/service/sso",
	"github.com/aws/aws-sdk-go-v2/service/ssooidc",
	"github.com/aws/aws-sdk-go-v2/service/sts",
}

// forbiddenSymbols must not be reachable in any module (the linker drops
// unreachable functions, so pkg/client itself may be a dependency).
var forbiddenSymbols = []string{
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client.NewFromConfig",
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client.SDKCredentials",
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client.New",
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client.(*Client).invoke",
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client.(*Client).send",
}

type wasmTarget struct {
	name string
	env  []string
	args []string
}

var wasmTargets = []wasmTarget{
	{"js (browser)", []string{"GOOS=js", "GOARCH=wasm"}, []string{"-tags", "nocli", "./wasm/js"}},
	{"js (with CLI)", []string{"GOOS=js", "GOARCH=wasm"}, []string{"./wasm/js"}},
	{"wasip1", []string{"GOOS=wasip1", "GOARCH=wasm"}, []string{"-buildmode=c-shared", "./wasm/wasip1"}},
}

func goCmd(t *testing.T, env []string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String(), errb.String()
}

// TestWasmLeavesOutNativeClient: no module depends on aws-sdk-go-v2/config
// or the credential providers, and none reaches NewFromConfig or the HTTP
// client (read from the linker's reachability graph, -ldflags=-dumpdep).
func TestWasmLeavesOutNativeClient(t *testing.T) {
	touchSources(t)
	for _, tg := range wasmTargets {
		var tags []string
		pkg := tg.args[len(tg.args)-1]
		if tg.args[0] == "-tags" {
			tags = tg.args[:2]
		}
		deps, _ := goCmd(t, tg.env, append(append([]string{"list", "-deps"}, tags...), pkg)...)
		have := map[string]bool{}
		for _, p := range strings.Fields(deps) {
			have[p] = true
		}
		if !have["github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"] {
			t.Fatalf("%s: go list -deps does not list pkg/client; the check reads the wrong output:\n%s", tg.name, deps)
		}
		for _, p := range forbiddenPackages {
			if have[p] {
				t.Errorf("%s: the module depends on %s", tg.name, p)
			}
		}

		out := filepath.Join(t.TempDir(), "m.wasm")
		build := append([]string{"build", "-ldflags=-dumpdep", "-o", out}, tg.args...)
		_, graph := goCmd(t, tg.env, build...)
		reached := map[string]bool{}
		for _, line := range strings.Split(graph, "\n") {
			if _, to, ok := strings.Cut(line, " -> "); ok {
				reached[strings.TrimSpace(to)] = true
			}
		}
		if !reached["github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client.Build"] {
			t.Fatalf("%s: the linker's graph does not reach client.Build; the check reads the wrong output (%d lines)", tg.name, len(reached))
		}
		for _, s := range forbiddenSymbols {
			if reached[s] {
				t.Errorf("%s: the module links %s", tg.name, s)
			}
		}
		for s := range reached {
			for _, p := range forbiddenPackages {
				if strings.HasPrefix(s, p+".") {
					t.Errorf("%s: the module links %s", tg.name, s)
				}
			}
		}
	}
}

// touchSources reads every Go source and the module files, so that go
// test's result cache, which tracks the files a test opens but not what the
// go commands it runs read, reruns the test when any of them changes.
func touchSources(t *testing.T) {
	t.Helper()
	n := 0
	err := filepath.WalkDir("../..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "bench") {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".go") || d.Name() == "go.mod" || d.Name() == "go.sum") {
			if _, err := os.ReadFile(path); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil || n < 50 {
		t.Fatalf("reading the sources: %v (%d files)", err, n)
	}
}
