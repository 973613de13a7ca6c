package dispatch_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
)

// summarize describes an output envelope in one line: "valid", "ok" (a
// built or signed request), "invalid: <path> <code>, ..." (validate's
// problems) or "error: <path> <code>, ..." (an error envelope; "" paths are
// written as "").
func summarize(t *testing.T, out []byte) string {
	t.Helper()
	var env struct {
		Result *struct {
			Valid  *bool
			Errors []struct{ Path, Code string }
			Method string
		}
		Error *struct {
			Errors []struct{ Path, Code string }
		}
	}
	if err := json.Unmarshal(out, &env); err != nil {
		t.Fatalf("not JSON: %s", out)
	}
	list := func(ps []struct{ Path, Code string }) string {
		var parts []string
		for _, p := range ps {
			path := p.Path
			if path == "" {
				path = `""`
			}
			parts = append(parts, path+" "+p.Code)
		}
		return strings.Join(parts, ", ")
	}
	switch {
	case env.Error != nil:
		return "error: " + list(env.Error.Errors)
	case env.Result != nil && env.Result.Valid != nil && *env.Result.Valid:
		return "valid"
	case env.Result != nil && env.Result.Valid != nil:
		return "invalid: " + list(env.Result.Errors)
	case env.Result != nil && env.Result.Method != "":
		return "ok"
	}
	t.Fatalf("unexpected output: %s", out)
	return ""
}

// TestHostileText feeds each kind of hostile text (issue 7) through Handle,
// for validate, buildRequest and signRequest, in the user's value and in the
// envelope: each has one defined result. (pkg/validate's TestHostileText
// checks the same kinds at the Go level; js/test/hostile.test.mjs checks
// what only JS can send: NaN, Infinity, lone surrogates in JS strings,
// __proto__ as a key of a JS object.)
func TestHostileText(t *testing.T) {
	const ok = `"AppId":"a","BackendEnvironmentName":"e"`
	build := func(input string) string {
		return `{"operation":"GetBackend","input":` + input + `,"options":{"region":"us-east-1"}}`
	}
	jobs := func(maxResults string) string {
		return `{"operation":"ListBackendJobs","input":{` + ok + `,"MaxResults":` + maxResults + `}}`
	}
	sign := func(request, options string) string {
		if options == "" {
			options = `{"credentials":{"accessKeyId":"AKID","secretAccessKey":"secret-key"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}`
		}
		return `{"request":` + request + `,"options":` + options + `}`
	}
	for _, tc := range []struct {
		name, fn, input, want string
	}{
		// Invalid UTF-8: in the user's value, a syntax problem of that
		// value; in the envelope, a syntax error of the envelope.
		{"invalid UTF-8 in the input", "validate", "{\"operation\":\"GetBackend\",\"input\":{\"AppId\":\"\xff\"}}", `invalid: "" syntax`},
		{"invalid UTF-8 in inputText", "validate", "{\"operation\":\"GetBackend\",\"inputText\":\"{\\\"AppId\\\":\\\"\xff\\\"}\"}", `error: "" syntax`},
		{"invalid UTF-8 in the operation", "validate", "{\"operation\":\"Get\xffBackend\",\"input\":{}}", `error: "" syntax`},
		{"invalid UTF-8 in a member name", "validate", "{\"operation\":\"GetBackend\",\"input\":{},\"\xc3\":1}", `error: "" syntax`},
		{"invalid UTF-8 in a built input", "buildRequest", build("{\"AppId\":\"\xed\xa0\x80\"}"), `error: "" syntax`},
		{"invalid UTF-8 in a request", "signRequest", sign("{\"method\":\"GET\",\"url\":\"https://h/\xff\"}", ""), `error: "" syntax`},
		{"invalid UTF-8 in a credential", "signRequest", sign(`{"method":"GET","url":"https://h/"}`, "{\"credentials\":{\"accessKeyId\":\"A\",\"secretAccessKey\":\"\xff\"}}"), `error: "" syntax`},
		{"invalid UTF-8 in the function name", "validate\xff", `{}`, `error: "" enum`},
		// Lone surrogates: "invalid" in a value the validator checks; the
		// request decoder refuses them (a URL or header cannot hold one);
		// in an envelope string they decode to U+FFFD.
		{"lone surrogate in the input", "validate", `{"operation":"GetBackend","input":{"AppId":"\ud800","BackendEnvironmentName":"\udfff"}}`, `invalid: /AppId invalid, /BackendEnvironmentName invalid`},
		{"lone surrogate in inputText", "validate", `{"operation":"GetBackend","inputText":"{\"AppId\":\"\\ud800\",\"BackendEnvironmentName\":\"e\"}"}`, `invalid: /AppId invalid`},
		{"lone surrogate in a built input", "buildRequest", build(`{"AppId":"a\ud800","BackendEnvironmentName":"e"}`), `error: /AppId invalid`},
		{"lone surrogate in a request", "signRequest", sign(`{"method":"GET","url":"https://h/","headers":{"X-A":"\ud800"}}`, ""), `error: /headers/X-A invalid`},
		{"lone surrogate in the operation", "validate", `{"operation":"GetBackend\ud800","input":{}}`, `error: /operation invalid`},
		// Credentials too: a lone surrogate is never replaced by U+FFFD, which
		// would sign with a different key.
		{"lone surrogate in the secret key", "signRequest", `{"request":{"method":"GET","url":"https://h/"},"options":{"credentials":{"accessKeyId":"AKID","secretAccessKey":"secret\udc00"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}}`, `error: /options/credentials/secretAccessKey invalid`},
		{"lone surrogate in a region", "buildRequest", `{"operation":"GetBackend","input":{` + ok + `},"options":{"region":"us-east-1\ud800"}}`, `error: /options/region invalid`},
		// NUL bytes: escaped, an ordinary character; raw, a syntax error.
		{"escaped NUL in the input", "validate", `{"operation":"GetBackend","input":{"AppId":"a\u0000b","BackendEnvironmentName":"e"}}`, `valid`},
		{"raw NUL in the input", "validate", "{\"operation\":\"GetBackend\",\"input\":{\"AppId\":\"a\x00b\",\"BackendEnvironmentName\":\"e\"}}", `invalid: "" syntax`},
		{"raw NUL in the envelope", "validate", "{\"operation\":\"GetBackend\",\x00\"input\":{}}", `error: "" syntax`},
		{"raw NUL after the envelope", "validate", "{\"operation\":\"GetBackend\",\"input\":{" + ok + "}}\x00", `error: "" syntax`},
		{"NUL in the function name", "validate\x00", `{}`, `error: "" enum`},
		{"escaped NUL in a label", "buildRequest", build(`{"AppId":"a\u0000b","BackendEnvironmentName":"e"}`), `ok`},
		{"escaped NUL in a header value", "signRequest", sign(`{"method":"GET","url":"https://h/","headers":{"X-A":"a\u0000b"}}`, ""), `error: /headers/X-A invalid`},
		{"escaped NUL in a header name", "signRequest", sign(`{"method":"GET","url":"https://h/","headers":{"X-\u0000":"a"}}`, ""), `error: /headers invalid`},
		{"escaped NUL in the url", "signRequest", sign(`{"method":"GET","url":"https://h/\u0000"}`, ""), `error: /url invalid`},
		// Huge numbers: out of range, never wrapped into range.
		{"huge integer", "validate", jobs(`123456789012345678901234567890`), `invalid: /MaxResults range`},
		{"huge exponent", "validate", jobs(`1e999999`), `invalid: /MaxResults range`},
		{"huge negative", "validate", jobs(`-1e999999`), `invalid: /MaxResults range`},
		{"huge number in a built input", "buildRequest", `{"operation":"ListBackendJobs","input":{` + ok + `,"MaxResults":1e999999},"options":{"region":"us-east-1","validate":false}}`, `error: /MaxResults range`},
		{"huge expiresIn", "signRequest", sign(`{"method":"GET","url":"https://h/"}`, `{"credentials":{"accessKeyId":"A","secretAccessKey":"s"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z","presign":true,"expiresIn":1e999999}`), `error: /options/expiresIn range`},
		{"huge integer expiresIn", "signRequest", sign(`{"method":"GET","url":"https://h/"}`, `{"credentials":{"accessKeyId":"A","secretAccessKey":"s"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z","presign":true,"expiresIn":123456789012345678901234567890}`), `error: /options/expiresIn range`},
		// NaN and Infinity are not JSON (the JS glue reports them as type
		// problems before anything reaches Go).
		{"NaN as the input", "validate", `{"operation":"GetBackend","input":NaN}`, `error: "" syntax`},
		{"NaN in the input", "validate", jobs(`NaN`), `error: "" syntax`},
		{"Infinity in the input", "validate", jobs(`Infinity`), `error: "" syntax`},
		{"-Infinity in the input", "validate", jobs(`-Infinity`), `error: "" syntax`},
		{"NaN in inputText", "validate", `{"operation":"ListBackendJobs","inputText":"{\"AppId\":\"a\",\"BackendEnvironmentName\":\"e\",\"MaxResults\":NaN}"}`, `invalid: "" syntax`},
		{"NaN as expiresIn", "signRequest", sign(`{"method":"GET","url":"https://h/"}`, `{"expiresIn":NaN}`), `error: "" syntax`},
		// Duplicate members: reported wherever they are, never resolved.
		{"duplicate in the input", "validate", `{"operation":"GetBackend","input":{` + ok + `,"AppId":"b"}}`, `invalid: /AppId duplicate`},
		{"duplicate in a built input", "buildRequest", build(`{` + ok + `,"AppId":"b"}`), `error: /AppId duplicate`},
		{"duplicate envelope member", "validate", `{"operation":"GetBackend","operation":"GetToken","input":{` + ok + `}}`, `error: /operation duplicate`},
		{"duplicate option", "buildRequest", `{"operation":"GetBackend","input":{` + ok + `},"options":{"region":"us-east-1","region":"eu-west-1"}}`, `error: /options/region duplicate`},
		{"duplicate request member", "signRequest", sign(`{"method":"GET","url":"https://h/","method":"POST"}`, ""), `error: /method duplicate`},
		{"duplicate header", "signRequest", sign(`{"method":"GET","url":"https://h/","headers":{"X-A":"1","x-a":"2"}}`, ""), `error: /headers/x-a duplicate`},
		{"duplicate credential", "signRequest", sign(`{"method":"GET","url":"https://h/"}`, `{"credentials":{"accessKeyId":"A","secretAccessKey":"s","secretAccessKey":"t"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}`), `error: /options/credentials/secretAccessKey duplicate`},
		// __proto__ and constructor: ordinary names everywhere.
		{"__proto__ in the input", "validate", `{"operation":"GetBackend","input":{` + ok + `,"__proto__":{"AppId":1},"constructor":{}}}`, `invalid: /__proto__ unknown, /constructor unknown`},
		{"__proto__ in a built input", "buildRequest", build(`{` + ok + `,"__proto__":null}`), `error: /__proto__ unknown`},
		{"__proto__ in the envelope", "validate", `{"operation":"GetBackend","input":{` + ok + `},"__proto__":{"operation":"x"}}`, `error: /__proto__ unknown`},
		{"constructor in the options", "buildRequest", `{"operation":"GetBackend","input":{` + ok + `},"options":{"region":"us-east-1","constructor":{}}}`, `error: /options/constructor unknown`},
		{"__proto__ in a request", "signRequest", sign(`{"method":"GET","url":"https://h/","__proto__":{}}`, ""), `error: /__proto__ unknown`},
		{"__proto__ and constructor headers", "signRequest", sign(`{"method":"GET","url":"https://h/","headers":{"__proto__":"x","constructor":"y"}}`, ""), `ok`},
		{"__proto__ in the credentials", "signRequest", sign(`{"method":"GET","url":"https://h/"}`, `{"credentials":{"accessKeyId":"A","secretAccessKey":"s","__proto__":{}},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}`), `error: /options/credentials/__proto__ unknown`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := dispatch.Handle(tc.fn, []byte(tc.input))
			if got := summarize(t, out); got != tc.want {
				t.Errorf("got  %s\nwant %s\n%s", got, tc.want, out)
			}
		})
	}
	// The two headers keep their names in the signed request.
	out := dispatch.Handle("signRequest", []byte(sign(`{"method":"GET","url":"https://h/","headers":{"__proto__":"x","constructor":"y"}}`, "")))
	if !strings.Contains(string(out), `"Constructor":"y"`) || !strings.Contains(string(out), `"__proto__":"x"`) {
		t.Errorf("headers: %s", out)
	}
}
