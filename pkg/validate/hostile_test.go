package validate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// TestHostileText gives each kind of hostile text (issue 7) its one
// defined result at the Go level: invalid UTF-8, lone surrogates, NUL
// bytes, huge numbers, NaN and Infinity (not JSON: they only come from JS,
// whose glue reports them before Go sees them), duplicate members, and
// __proto__ / constructor members. internal/dispatch's TestHostileText
// feeds the same kinds through the dispatcher.
func TestHostileText(t *testing.T) {
	type pc struct {
		Path string
		Code validate.Code
	}
	for _, tc := range []struct {
		name, op, in string
		want         []pc
	}{
		// Invalid UTF-8 is a syntax error wherever it is (it cannot be
		// read, so nothing after it is reported).
		{"invalid UTF-8 in a value", "GetBackend", "{\"AppId\":\"a\xffb\",\"X\":1}", []pc{{"", validate.CodeSyntax}}},
		{"invalid UTF-8 in a name", "GetBackend", "{\"App\xc3Id\":\"a\"}", []pc{{"", validate.CodeSyntax}}},
		{"encoded surrogate (CESU-8)", "GetBackend", "{\"AppId\":\"\xed\xa0\x80\"}", []pc{{"", validate.CodeSyntax}}},
		{"invalid UTF-8 outside strings", "GetBackend", "{\"AppId\":\"a\"}\xff", []pc{{"", validate.CodeSyntax}}},
		{"overlong encoding", "GetBackend", "{\"AppId\":\"\xc0\xaf\"}", []pc{{"", validate.CodeSyntax}}},
		// Lone surrogate escapes are JSON, but not Unicode: "invalid" at
		// the string, value or member name, as through every entry point.
		{"lone high surrogate", "GetBackend", `{"AppId":"a\ud800","BackendEnvironmentName":"e"}`, []pc{{"/AppId", validate.CodeInvalid}}},
		{"lone low surrogate", "GetBackend", `{"AppId":"\udfffa","BackendEnvironmentName":"e"}`, []pc{{"/AppId", validate.CodeInvalid}}},
		{"reversed pair", "GetBackend", `{"AppId":"\udc00\ud800","BackendEnvironmentName":"e"}`, []pc{{"/AppId", validate.CodeInvalid}}},
		{"surrogate in an unknown value", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","X":["\ud800"]}`, []pc{{"/X", validate.CodeUnknown}, {"/X/0", validate.CodeInvalid}}},
		{"surrogate in a name", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","\ud800":1}`, []pc{{"/\ufffd", validate.CodeInvalid}}},
		{"surrogate in a free-form name", "CreateBackend", `{"AppId":"a","AppName":"n","BackendEnvironmentName":"e","ResourceConfig":{"\udc00":1}}`, []pc{{"/ResourceConfig/\ufffd", validate.CodeInvalid}}},
		{"proper pair", "GetBackend", `{"AppId":"\ud83d\ude00","BackendEnvironmentName":"e"}`, nil},
		// NUL: escaped, it is an ordinary character; raw, it is a control
		// character JSON does not allow.
		{"escaped NUL", "GetBackend", `{"AppId":"a\u0000b","BackendEnvironmentName":"e"}`, nil},
		{"raw NUL in a string", "GetBackend", "{\"AppId\":\"a\x00b\",\"BackendEnvironmentName\":\"e\"}", []pc{{"", validate.CodeSyntax}}},
		{"raw NUL after the value", "GetBackend", "{\"AppId\":\"a\",\"BackendEnvironmentName\":\"e\"}\x00", []pc{{"", validate.CodeSyntax}}},
		{"NUL in a name", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","\u0000":1}`, []pc{{"/\x00", validate.CodeUnknown}}},
		// Huge numbers: out of range, never wrapped or rounded into range.
		{"huge integer", "ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"e","MaxResults":123456789012345678901234567890}`, []pc{{"/MaxResults", validate.CodeRange}}},
		{"huge exponent", "ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"e","MaxResults":1e999999}`, []pc{{"/MaxResults", validate.CodeRange}}},
		// 1e-999999 is 0 as a float64 (and in JS), but its exact value is
		// not an integer: integers are read from their text.
		{"tiny exponent", "ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"e","MaxResults":1e-999999}`, []pc{{"/MaxResults", validate.CodeType}}},
		{"huge double", "CreateBackendAPI", `{"AppId":"a","BackendEnvironmentName":"e","ResourceName":"r","ResourceConfig":{"DefaultAuthType":{"Mode":"API_KEY","Settings":{"ExpirationTime":1e400}}}}`, []pc{{"/ResourceConfig/DefaultAuthType/Settings/ExpirationTime", validate.CodeRange}}},
		{"huge number in an unknown member", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","X":1e999999}`, []pc{{"/X", validate.CodeUnknown}}},
		{"a million digits", "ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"e","MaxResults":1` + digits(100000) + `}`, []pc{{"/MaxResults", validate.CodeRange}}},
		// NaN and Infinity are not JSON.
		{"NaN", "ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"e","MaxResults":NaN}`, []pc{{"", validate.CodeSyntax}}},
		{"Infinity", "ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"e","MaxResults":Infinity}`, []pc{{"", validate.CodeSyntax}}},
		{"-Infinity", "ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"e","MaxResults":-Infinity}`, []pc{{"", validate.CodeSyntax}}},
		// Duplicate members are reported, never resolved silently (neither
		// the first nor the last value wins quietly).
		{"duplicate member", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","AppId":"b"}`, []pc{{"/AppId", validate.CodeDuplicate}}},
		{"duplicate null", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","AppId":null}`, []pc{{"/AppId", validate.CodeDuplicate}}},
		{"duplicate by escape", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","\u0041ppId":"b"}`, []pc{{"/AppId", validate.CodeDuplicate}}},
		{"duplicate unknown", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","x":1,"x":2}`, []pc{{"/x", validate.CodeUnknown}, {"/x", validate.CodeDuplicate}}},
		{"duplicate in a free-form object", "CreateBackend", `{"AppId":"a","AppName":"n","BackendEnvironmentName":"e","ResourceConfig":{"k":1,"k":2}}`, []pc{{"/ResourceConfig/k", validate.CodeDuplicate}}},
		// __proto__ and constructor are ordinary names: unknown members of
		// a shape, accepted in a free-form object.
		{"__proto__", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","__proto__":{"AppId":1}}`, []pc{{"/__proto__", validate.CodeUnknown}}},
		{"constructor", "GetBackend", `{"AppId":"a","BackendEnvironmentName":"e","constructor":{"prototype":{}}}`, []pc{{"/constructor", validate.CodeUnknown}}},
		{"nested __proto__", "CreateBackendAuth", `{"AppId":"a","BackendEnvironmentName":"e","ResourceName":"r","ResourceConfig":{"__proto__":null,"AuthResources":"USER_POOL_ONLY","Service":"COGNITO","UserPoolConfigs":{"SignInMethod":"EMAIL","UserPoolName":"p","RequiredSignUpAttributes":["EMAIL"]}}}`, []pc{{"/ResourceConfig/__proto__", validate.CodeUnknown}}},
		{"__proto__ in a free-form object", "CreateBackend", `{"AppId":"a","AppName":"n","BackendEnvironmentName":"e","ResourceConfig":{"__proto__":{"x":1},"constructor":1}}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := validate.Input(tc.op, []byte(tc.in), nil)
			require.NoError(t, err)
			checkProblems(t, ps)
			var got []pc
			for _, p := range ps {
				got = append(got, pc{p.Path, p.Code})
			}
			assert.Equal(t, tc.want, got)
			// The builder's transcoder agrees: it never builds from such input.
			tr, tps, _ := validate.Transcode(tc.op, []byte(tc.in), nil)
			assert.Equal(t, len(ps), len(tps))
			assert.Equal(t, tr == nil, len(ps) > 0)
		})
	}
}

func digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0' + byte(i%10)
	}
	return string(b)
}
