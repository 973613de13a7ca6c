package validate_test

import (
	"os"
	"strconv"
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

// BenchmarkManyMembers watches that duplicate detection stays linear: ns/op
// per member should not grow with the member count.
func BenchmarkManyMembers(b *testing.B) {
	for _, n := range []int{1000, 10000, 60000} {
		data := manyMembers(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				validate.Input("CreateBackend", data, nil)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/member")
		})
	}
}
