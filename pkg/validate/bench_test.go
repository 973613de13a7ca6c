package validate_test

import (
	"os"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// The fixtures are the realistic CreateBackendAuth inputs the Node
// benchmark uses too, so native and WebAssembly figures are comparable.
func fixture(b *testing.B, name string) []byte {
	data, err := os.ReadFile("../../bench/fixtures/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkInputCreateBackendAuth(b *testing.B) {
	data := fixture(b, "create-backend-auth.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ps, _ := validate.Input("CreateBackendAuth", data, nil)
		if len(ps) != 0 {
			b.Fatal(ps)
		}
	}
}

func BenchmarkInputCreateBackendAuthInvalid(b *testing.B) {
	data := fixture(b, "create-backend-auth-invalid.json")
	b.ReportAllocs()
	for b.Loop() {
		ps, _ := validate.Input("CreateBackendAuth", data, nil)
		if len(ps) == 0 {
			b.Fatal("expected problems")
		}
	}
}

func BenchmarkTranscodeCreateBackendAuth(b *testing.B) {
	data := fixture(b, "create-backend-auth.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		tr, ps, _ := validate.Transcode("CreateBackendAuth", data, nil)
		if tr == nil {
			b.Fatal(ps)
		}
	}
}
