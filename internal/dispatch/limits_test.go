package dispatch_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

// TestLimits: every limit reached through the dispatcher is one problem of
// code "limit" at its exact path, whose message names the limit, never a
// crash or a hang: the whole envelope (dispatch.MaxInputBytes), the user's
// value (the validator's limits), and the request signRequest signs
// (client.Max*).
func TestLimits(t *testing.T) {
	sign := func(request string) string {
		return `{"request":` + request + `,"options":{"credentials":{"accessKeyId":"A","secretAccessKey":"secret-key"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}}`
	}
	headers := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"X-H` + strconv.Itoa(i) + `":"v"`)
		}
		return `{` + b.String() + `}`
	}
	big := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct {
		name, fn, input, want, message string
	}{
		{"envelope", "validate", `{"operation":"GetBackend","input":{"AppId":"` + big(dispatch.MaxInputBytes) + `"}}`,
			`error: "" limit`, "bytes; the limit is 4194304 bytes (4 MiB)."},
		{"envelope of cli", "cli", `{"args":["validate"],"stdin":"` + big(dispatch.MaxInputBytes) + `"}`,
			`error: "" limit`, "the limit is 4194304 bytes"},
		{"input size", "validate", `{"operation":"GetBackend","input":{"AppId":"` + big(1<<20) + `"}}`,
			`invalid: "" limit`, "bytes; the limit is 1048576 bytes."},
		{"input size as text", "validate", `{"operation":"GetBackend","inputText":"{\"AppId\":\"` + big(1<<20) + `\"}"}`,
			`invalid: "" limit`, "the limit is 1048576 bytes."},
		{"string length", "validate", `{"operation":"GetBackend","input":{"AppId":"` + big(512<<10+1) + `"}}`,
			`invalid: /AppId limit`, "AppId is longer than 524288 bytes, the limit for a string."},
		{"depth", "validate", `{"operation":"CreateBackend","input":{"ResourceConfig":` + strings.Repeat(`{"a":`, 70) + `1` + strings.Repeat(`}`, 70) + `}}`,
			`invalid: /ResourceConfig` + strings.Repeat("/a", 63) + ` limit`, "deeper than 64 levels here, the limit."},
		// The envelope's own values are limited to jsonfast.MaxDepth; the
		// value it hands on to the validator gets the validator's limit, at
		// the validator's paths, however deep it is.
		{"envelope depth", "buildRequest", `{"operation":"GetBackend","input":{"AppId":"a"},"options":{"region":` + strings.Repeat(`[`, 513) + strings.Repeat(`]`, 513) + `}}`,
			`error: /options/region limit`, "deeper than 512 levels here, the limit."},
		{"input depth", "validate", `{"operation":"GetBackend","input":` + strings.Repeat(`[`, 20000) + strings.Repeat(`]`, 20000) + `}`,
			`invalid: ` + strings.Repeat("/0", 64) + ` limit`, "deeper than 64 levels here, the limit."},
		{"array length", "validate", `{"operation":"CreateBackend","input":{"ResourceConfig":{"a":[` + strings.Repeat(`1,`, 10000) + `1]}}}`,
			`invalid: /ResourceConfig/a limit`, "a has more than 10000 elements, the limit."},
		{"url", "signRequest", sign(`{"method":"GET","url":"https://h/` + big(client.MaxURLBytes) + `"}`),
			`error: /url limit`, "the limit is 8192 bytes (client.MaxURLBytes)."},
		{"header count", "signRequest", sign(`{"method":"GET","url":"https://h/","headers":` + headers(client.MaxHeaders+1) + `}`),
			`error: /headers limit`, "101 header fields; the limit is 100"},
		{"header value", "signRequest", sign(`{"method":"GET","url":"https://h/","headers":{"X-Foo":["a","` + big(client.MaxHeaderValueBytes+1) + `"]}}`),
			`error: /headers/X-Foo/1 limit`, "the limit is 16384 bytes for one value (client.MaxHeaderValueBytes)."},
		{"header total", "signRequest", sign(`{"method":"GET","url":"https://h/","headers":{"X-A":"` + big(client.MaxHeaderValueBytes) + `","X-B":"` + big(client.MaxHeaderValueBytes) + `","X-C":"` + big(client.MaxHeaderValueBytes) + `","X-D":"` + big(client.MaxHeaderValueBytes) + `"}}`),
			`error: /headers limit`, "the limit is 65536 bytes (client.MaxHeaderBytes)."},
		{"body", "signRequest", sign(`{"method":"POST","url":"https://h/","body":"` + big(client.MaxBodyBytes+1) + `"}`),
			`error: /body limit`, "The body is 1048577 bytes; the limit is 1048576 bytes (client.MaxBodyBytes)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := dispatch.Handle(tc.fn, []byte(tc.input))
			if got := summarize(t, out); got != tc.want {
				t.Errorf("got  %.300s\nwant %s", got, tc.want)
			}
			if !strings.Contains(string(out), tc.message) {
				t.Errorf("the message does not say %q: %.500s", tc.message, out)
			}
		})
	}
}
