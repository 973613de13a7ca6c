package dispatch_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// entryPoint reads JSON text in which the value v sits at one member, and
// returns the problems with the path of that member (path).
type entryPoint struct {
	name string
	path string
	run  func(t *testing.T, v string) []validate.Problem
}

// quoteRaw quotes s as a JSON string but keeps its bytes that are not
// UTF-8 as they are (json.Marshal would replace them with U+FFFD).
func quoteRaw(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[c>>4])
			b.WriteByte("0123456789abcdef"[c&0xf])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dispatched runs a dispatcher call and returns its problems, from an error
// or from a validate result.
func dispatched(t *testing.T, function, input string) []validate.Problem {
	t.Helper()
	out := dispatch.Handle(function, []byte(input))
	var env struct {
		Result *struct {
			Errors []validate.Problem `json:"errors"`
		} `json:"result"`
		Error *struct {
			Errors []validate.Problem `json:"errors"`
		} `json:"error"`
	}
	if err := json.Unmarshal(out, &env); err != nil {
		t.Fatalf("%s: output is not JSON: %s", function, out)
	}
	switch {
	case env.Error != nil:
		return env.Error.Errors
	case env.Result != nil:
		return env.Result.Errors
	}
	return nil
}

const signOptions = `"options":{"credentials":{"accessKeyId":"AKID","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}`

// entryPoints are every reader of JSON text in the module: the validator
// (Go and through the dispatcher, as inputText), the dispatcher's envelope
// (its own members, credentials included) and the request decoder (Go and
// through signRequest).
var entryPoints = []entryPoint{
	{"validate.Input", "/AppId", func(t *testing.T, v string) []validate.Problem {
		ps, err := validate.Input("GetBackend", []byte(`{"AppId":`+v+`,"BackendEnvironmentName":"e"}`), nil)
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}},
	{"dispatch validate inputText", "/AppId", func(t *testing.T, v string) []validate.Problem {
		text := quoteRaw(`{"AppId":` + v + `,"BackendEnvironmentName":"e"}`)
		return dispatched(t, "validate", `{"operation":"GetBackend","inputText":`+text+`}`)
	}},
	{"dispatch validate input", "/AppId", func(t *testing.T, v string) []validate.Problem {
		return dispatched(t, "validate", `{"operation":"GetBackend","input":{"AppId":`+v+`,"BackendEnvironmentName":"e"}}`)
	}},
	{"envelope operation", "/operation", func(t *testing.T, v string) []validate.Problem {
		return dispatched(t, "validate", `{"operation":`+v+`,"input":{}}`)
	}},
	{"envelope secret access key", "/options/credentials/secretAccessKey", func(t *testing.T, v string) []validate.Problem {
		return dispatched(t, "signRequest", `{"request":{"method":"GET","url":"https://h/"},"options":{"credentials":{"accessKeyId":"AKID","secretAccessKey":`+v+`},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}}`)
	}},
	{"envelope region", "/options/region", func(t *testing.T, v string) []validate.Problem {
		return dispatched(t, "buildRequest", `{"operation":"GetBackend","input":{"AppId":"a"},"options":{"region":`+v+`}}`)
	}},
	{"client.Request.UnmarshalJSON", "/url", func(t *testing.T, v string) []validate.Problem {
		var r client.Request
		err := r.UnmarshalJSON([]byte(`{"method":"GET","url":` + v + `}`))
		var ve *validate.Error
		if err != nil && !errors.As(err, &ve) {
			t.Fatal(err)
		}
		if ve == nil {
			return nil
		}
		return ve.Problems
	}},
	{"dispatch signRequest request", "/url", func(t *testing.T, v string) []validate.Problem {
		return dispatched(t, "signRequest", `{"request":{"method":"GET","url":`+v+`},`+signOptions+`}`)
	}},
}

// TestOneRulePerBadText drives each kind of bad text through every entry
// point that reads JSON and checks that each gives the same code: the
// module has one reader (jsonfast.Reader), so one rule per kind of text.
// A syntax error is one problem at path ""; the others are at the member's
// path.
func TestOneRulePerBadText(t *testing.T) {
	deep := strings.Repeat("[", 600) + strings.Repeat("]", 600)
	cases := []struct {
		name   string
		value  string // JSON text at the member
		code   validate.Code
		atRoot bool // the problem's path is "" (a syntax error)
	}{
		{"unterminated string", `"abc`, validate.CodeSyntax, true},
		{"raw control character", "\"a\tb\"", validate.CodeSyntax, true},
		{"raw newline", "\"a\nb\"", validate.CodeSyntax, true},
		{"invalid escape", `"a\qb"`, validate.CodeSyntax, true},
		{"short unicode escape", `"a\u12"`, validate.CodeSyntax, true},
		{"invalid UTF-8", "\"a\xffb\"", validate.CodeSyntax, true},
		{"encoded surrogate (CESU-8)", "\"a\xed\xa0\x80\"", validate.CodeSyntax, true},
		{"overlong UTF-8", "\"\xc0\xaf\"", validate.CodeSyntax, true},
		{"bad literal", `tru`, validate.CodeSyntax, true},
		{"NaN", `NaN`, validate.CodeSyntax, true},
		{"leading zero", `01`, validate.CodeSyntax, true},
		{"fraction without digits", `1.`, validate.CodeSyntax, true},
		{"exponent without digits", `1e`, validate.CodeSyntax, true},
		{"lone minus", `-`, validate.CodeSyntax, true},
		{"missing value", ``, validate.CodeSyntax, true},
		{"unclosed array", `["a"`, validate.CodeSyntax, true},
		{"missing colon in an object", `{"a" 1}`, validate.CodeSyntax, true},
		{"trailing comma in an array", `["a",]`, validate.CodeSyntax, true},
		{"lone high surrogate", `"secret\ud800"`, validate.CodeInvalid, false},
		{"lone low surrogate", `"\udc00secret"`, validate.CodeInvalid, false},
		{"reversed pair", `"\udc00\ud800"`, validate.CodeInvalid, false},
		{"high surrogate before a non-surrogate escape", `"\ud800\u0041"`, validate.CodeInvalid, false},
		{"wrong type", `17`, validate.CodeType, false},
		{"nesting deeper than every limit", deep, validate.CodeLimit, false},
	}
	for _, c := range cases {
		for _, e := range entryPoints {
			ps := e.run(t, c.value)
			if len(ps) == 0 {
				t.Errorf("%s through %s: no problem", c.name, e.name)
				continue
			}
			if c.atRoot {
				if len(ps) != 1 || ps[0].Code != c.code || ps[0].Path != "" {
					t.Errorf("%s through %s: %+v, want one %s problem at \"\"", c.name, e.name, ps, c.code)
				}
				continue
			}
			found := false
			for _, p := range ps {
				if p.Code == c.code && strings.HasPrefix(p.Path, e.path) {
					found = true
				}
				if p.Code == validate.CodeSyntax {
					t.Errorf("%s through %s: a syntax problem %+v", c.name, e.name, p)
				}
			}
			if !found {
				t.Errorf("%s through %s: %+v, want a %s problem at %s", c.name, e.name, ps, c.code, e.path)
			}
		}
	}
}

// TestOneRuleForDuplicates: a member given twice is code duplicate at its
// path through every reader.
func TestOneRuleForDuplicates(t *testing.T) {
	check := func(name string, ps []validate.Problem, path string) {
		t.Helper()
		for _, p := range ps {
			if p.Code == validate.CodeDuplicate && p.Path == path {
				return
			}
		}
		t.Errorf("%s: %+v, want a duplicate problem at %s", name, ps, path)
	}
	ps, _ := validate.Input("GetBackend", []byte(`{"AppId":"a","AppId":"b"}`), nil)
	check("validate.Input", ps, "/AppId")
	check("envelope", dispatched(t, "validate", `{"operation":"GetBackend","operation":"GetBackend","input":{}}`), "/operation")
	check("envelope credentials", dispatched(t, "signRequest", `{"request":{"method":"GET","url":"https://h/"},"options":{"credentials":{"accessKeyId":"A","accessKeyId":"B"}}}`), "/options/credentials/accessKeyId")
	var r client.Request
	err := r.UnmarshalJSON([]byte(`{"method":"GET","method":"PUT","url":"https://h/"}`))
	var ve *validate.Error
	if !errors.As(err, &ve) {
		t.Fatalf("request decoder: %v", err)
	}
	check("request decoder", ve.Problems, "/method")
}

// TestTextWithLoneSurrogate: text given as inputText or configText that
// itself holds a lone surrogate (a JavaScript string with an unpaired
// UTF-16 unit, which JSON.stringify writes as \udXXX) is not Unicode: the
// result is invalid, with the exact range of that one unit in the text.
func TestTextWithLoneSurrogate(t *testing.T) {
	out := string(dispatch.Handle("validate", []byte(`{"operation":"GetBackend","inputText":"{\"AppId\": \"😀a\ud800\"}"}`)))
	want := `{"result":{"valid":false,"errors":[{"path":"","code":"invalid","message":"The text contains a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not valid Unicode.","range":{"start":{"line":1,"column":15,"offset":14},"end":{"line":1,"column":16,"offset":15}}}],"warnings":[]}}`
	if out != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	out = string(dispatch.Handle("validateAuthConfig", []byte(`{"mode":"create","configText":"\udc00"}`)))
	if !strings.Contains(out, `"valid":false`) || !strings.Contains(out, `"code":"invalid"`) || !strings.Contains(out, `"range":{"start":{"line":1,"column":1,"offset":0}`) {
		t.Errorf("configText: %s", out)
	}
	out = string(dispatch.Handle("buildRequest", []byte(`{"operation":"GetBackend","inputText":"\ud800"}`)))
	if !strings.HasPrefix(out, `{"error":`) || !strings.Contains(out, `"code":"invalid"`) {
		t.Errorf("buildRequest: %s", out)
	}
}

// TestOneRuleForLoneSurrogateNames: a member name holding a lone surrogate
// is code invalid at that member, never an unknown member, through every
// reader.
func TestOneRuleForLoneSurrogateNames(t *testing.T) {
	check := func(name string, ps []validate.Problem, path string) {
		t.Helper()
		found := false
		for _, p := range ps {
			if p.Code == validate.CodeInvalid && p.Path == path {
				found = true
			}
			if p.Code == validate.CodeUnknown && p.Path == path {
				t.Errorf("%s: %+v is unknown too", name, p)
			}
		}
		if !found {
			t.Errorf("%s: %+v, want an invalid problem at %s", name, ps, path)
		}
	}
	ps, _ := validate.Input("GetBackend", []byte(`{"AppId":"a","\ud800x":1}`), nil)
	check("validate.Input", ps, "/\ufffdx")
	check("envelope", dispatched(t, "validate", `{"operation":"GetBackend","\ud800x":1,"input":{}}`), "/\ufffdx")
	check("envelope options", dispatched(t, "buildRequest", `{"operation":"GetBackend","input":{"AppId":"a"},"options":{"\ud800x":1}}`), "/options/\ufffdx")
	var r client.Request
	err := r.UnmarshalJSON([]byte(`{"method":"GET","url":"https://h/","\ud800x":1}`))
	var ve *validate.Error
	if !errors.As(err, &ve) {
		t.Fatalf("request decoder: %v", err)
	}
	check("request decoder", ve.Problems, "/\ufffdx")
}
