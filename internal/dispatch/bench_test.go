package dispatch_test

import (
	"bytes"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
)

func BenchmarkHandleValidateAuthConfig(b *testing.B) {
	config, _, _, _, err := dispatchtest.BenchInputs(testdata)
	if err != nil {
		b.Fatal(err)
	}
	if out := dispatch.Handle("validateAuthConfig", config); !bytes.HasPrefix(out, []byte(`{"result":{"valid":true`)) {
		b.Fatalf("%s", out)
	}
	b.SetBytes(int64(len(config)))
	b.ReportAllocs()
	for b.Loop() {
		dispatch.Handle("validateAuthConfig", config)
	}
}

// BenchmarkHandleBuildSign is one buildRequest and one signRequest of the
// built request: what the JS API does to send a request.
func BenchmarkHandleBuildSign(b *testing.B) {
	_, build, pre, suf, err := dispatchtest.BenchInputs(testdata)
	if err != nil {
		b.Fatal(err)
	}
	var sign []byte
	check := func() {
		out := dispatch.Handle("buildRequest", build)
		sign = dispatchtest.SignInput(sign, out, pre, suf)
		if out := dispatch.Handle("signRequest", sign); !bytes.Contains(out, []byte(`"Authorization":"AWS4-HMAC-SHA256 `)) {
			b.Fatalf("%s", out)
		}
	}
	check()
	b.ReportAllocs()
	for b.Loop() {
		out := dispatch.Handle("buildRequest", build)
		sign = dispatchtest.SignInput(sign, out, pre, suf)
		dispatch.Handle("signRequest", sign)
	}
	b.ReportMetric(2*float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}
