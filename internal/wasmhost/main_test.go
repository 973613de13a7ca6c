package wasmhost

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// testHost runs the wasip1 module for every test of the package. The
// module is AMPLIFYBACKEND_WASIP1 when that names a built one, else it is
// built from ./wasm/wasip1 into a temporary directory; wazero's compilation
// cache lives under os.UserCacheDir(), so that repeated runs do not compile
// it again.
var (
	testHost *Host
	testWasm []byte
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	path := os.Getenv("AMPLIFYBACKEND_WASIP1")
	if path == "" {
		dir, err := os.MkdirTemp("", "wasmhost")
		if err != nil {
			panic(err)
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "amplifybackend-wasip1.wasm")
		cmd := exec.Command("go", "build", "-buildmode=c-shared", "-trimpath", "-ldflags=-s -w", "-o", path, "./wasm/wasip1")
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			os.Stderr.WriteString("wasmhost: building the wasip1 module failed: " + err.Error() + "\n")
			return 1
		}
	}
	var err error
	if testWasm, err = os.ReadFile(path); err != nil {
		panic(err)
	}
	ctx := context.Background()
	if testHost, err = New(ctx, testWasm, Config{CacheDir: CacheDir(), Instances: 2, Stderr: os.Stderr}); err != nil {
		panic(err)
	}
	defer testHost.Close(ctx)
	return m.Run()
}

// CacheDir is the compilation cache the tests share, or "" without a user
// cache directory.
func CacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "amplifybackend-wasm", "wazero")
}
