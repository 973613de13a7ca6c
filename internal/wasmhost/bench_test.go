package wasmhost

import (
	"bytes"
	"context"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
)

// BenchmarkWazeroBuildSign is one buildRequest and one signRequest through
// the wasip1 module on one instance (compiled once, in TestMain).
func BenchmarkWazeroBuildSign(b *testing.B) {
	ctx := context.Background()
	in, err := testHost.NewInstance(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close(ctx)
	_, build, pre, suf, err := dispatchtest.BenchInputs("../../testdata")
	if err != nil {
		b.Fatal(err)
	}
	var sign []byte
	out, err := in.Call(ctx, "buildRequest", build)
	if err != nil {
		b.Fatal(err)
	}
	sign = dispatchtest.SignInput(sign, out, pre, suf)
	if out, err := in.Call(ctx, "signRequest", sign); err != nil || !bytes.Contains(out, []byte(`"Authorization":"AWS4-HMAC-SHA256 `)) {
		b.Fatalf("%s %v", out, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, _ := in.Call(ctx, "buildRequest", build)
		sign = dispatchtest.SignInput(sign, out, pre, suf)
		in.Call(ctx, "signRequest", sign)
	}
	b.ReportMetric(2*float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}

// BenchmarkWazeroValidateAuthConfig is one validateAuthConfig call through
// the wasip1 module.
func BenchmarkWazeroValidateAuthConfig(b *testing.B) {
	ctx := context.Background()
	in, err := testHost.NewInstance(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close(ctx)
	config, _, _, _, err := dispatchtest.BenchInputs("../../testdata")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		in.Call(ctx, "validateAuthConfig", config)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
}

// BenchmarkWazeroBuildAndSign is one buildAndSignRequest call (the fused
// build+sign) through the wasip1 module; "buildsigns/s" is comparable to
// half the "calls/s" of BenchmarkWazeroBuildSign.
func BenchmarkWazeroBuildAndSign(b *testing.B) {
	ctx := context.Background()
	in, err := testHost.NewInstance(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close(ctx)
	_, build, _, suf, err := dispatchtest.BenchInputs("../../testdata")
	if err != nil {
		b.Fatal(err)
	}
	// {"operation":..., "input":..., "options":{...}} -> buildOptions, plus the sign options.
	fused := bytes.Replace(build, []byte(`,"options":{"region":"us-east-1"}}`), []byte(`,"buildOptions":{"region":"us-east-1"},"signOptions":`), 1)
	fused = append(fused, bytes.TrimPrefix(suf, []byte(`,"options":`))...)
	if out, err := in.Call(ctx, "buildAndSignRequest", fused); err != nil || !bytes.Contains(out, []byte(`"Authorization":"AWS4-HMAC-SHA256 `)) {
		b.Fatalf("%s %v", out, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		in.Call(ctx, "buildAndSignRequest", fused)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "buildsigns/s")
}
