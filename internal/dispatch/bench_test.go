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
	b.SetBytes(int64(len(config)))
	benchHandle(b, "validateAuthConfig", config, func(out []byte) bool { return bytes.HasPrefix(out, []byte(`{"result":{"valid":true`)) })
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

// leanSignInput is the signRequest envelope the JS glue sends in Node for
// the built CreateBackendAuth request: the body stays in JS, its length and
// SHA-256 cross instead.
const leanSignInput = `{"request":{"method":"POST","url":"https://amplifybackend.us-east-1.amazonaws.com/backend/d1a2b3c4example/auth","headers":{"Content-Type":"application/json","Host":"amplifybackend.us-east-1.amazonaws.com"}},"options":{"credentials":{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},"region":"us-east-1","signingDate":"2026-12-02T02:52:35.123Z"},"bodyLength":2061,"bodySha256":"4d0f9ba4f2cd0c5c2e3b1a3ac6b1b2aa2b6a9e4f8c16e51b9f27c7bd7d7c9b0e"}`

// BenchmarkHandleSignLean is one signRequest of the lean envelope, as the
// JS glue's signRequest sends it in Node.
func BenchmarkHandleSignLean(b *testing.B) {
	benchHandle(b, "signRequest", []byte(leanSignInput), signed)
}

// BenchmarkHandleBuildAndSign is one fused buildAndSignRequest of the
// CreateBackendAuth fixture.
func BenchmarkHandleBuildAndSign(b *testing.B) {
	_, build, _, _, err := dispatchtest.BenchInputs(testdata)
	if err != nil {
		b.Fatal(err)
	}
	in := bytes.Replace(build, []byte(`,"options":{"region":"us-east-1"}}`), []byte(`,"buildOptions":{"region":"us-east-1"},"signOptions":{"credentials":{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},"region":"us-east-1","signingDate":"2026-12-02T02:52:35.123Z"}}`), 1)
	benchHandle(b, "buildAndSignRequest", in, signed)
}

// benchHandle runs Handle(fn, in) in a loop, once ok has accepted its
// output.
func benchHandle(b *testing.B, fn string, in []byte, ok func(out []byte) bool) {
	if out := dispatch.Handle(fn, in); !ok(out) {
		b.Fatalf("%s", out)
	}
	b.ReportAllocs()
	for b.Loop() {
		dispatch.Handle(fn, in)
	}
}

// signed tells whether out holds a SigV4 Authorization header.
func signed(out []byte) bool {
	return bytes.Contains(out, []byte(`"Authorization":"AWS4-HMAC-SHA256 `))
}
