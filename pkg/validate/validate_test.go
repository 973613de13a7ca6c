package validate_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func problemsAt(ps []validate.Problem, path string) []validate.Problem {
	var out []validate.Problem
	for _, p := range ps {
		if p.Path == path {
			out = append(out, p)
		}
	}
	return out
}

// noRange drops the ranges, for comparisons with problems written out by
// hand (TestRanges checks them).
func noRange(ps []validate.Problem) []validate.Problem {
	if ps == nil {
		return nil
	}
	out := make([]validate.Problem, len(ps))
	for i, p := range ps {
		p.Range = validate.Range{}
		out[i] = p
	}
	return out
}

func codes(ps []validate.Problem) []validate.Code {
	out := make([]validate.Code, len(ps))
	for i, p := range ps {
		out[i] = p.Code
	}
	return out
}

func shapeProblems(t *testing.T, shape, input string) []validate.Problem {
	t.Helper()
	ps, err := validate.Shape(shape, []byte(input), nil)
	require.NoError(t, err)
	return ps
}

// TestEveryRequiredMemberReported walks every structure of the model: an
// empty object must report each required member, at its exact path, and
// nothing else; null counts as missing.
func TestEveryRequiredMemberReported(t *testing.T) {
	total := 0
	for _, s := range schema.Shapes {
		if s.Kind != schema.KindStructure {
			continue
		}
		var want []validate.Problem
		for _, m := range s.Members {
			if m.Required {
				want = append(want, validate.Problem{Path: "/" + m.Name, Code: validate.CodeRequired, Message: m.Name + " is required."})
			}
		}
		got := noRange(shapeProblems(t, s.Name, `{}`))
		assert.Equal(t, want, got, s.Name)
		total += len(want)
		for _, m := range s.Members {
			if !m.Required {
				continue
			}
			ps := shapeProblems(t, s.Name, `{"`+m.Name+`": null}`)
			at := problemsAt(ps, "/"+m.Name)
			require.Len(t, at, 1, "%s.%s null", s.Name, m.Name)
			assert.Equal(t, validate.CodeRequired, at[0].Code)
		}
	}
	assert.Greater(t, total, 80, "the model has many required members")
	// Operation inputs the same way, through Input.
	for _, op := range schema.Operations {
		ps, err := validate.Input(op.Name, []byte(`{}`), nil)
		require.NoError(t, err)
		in := schema.Get(op.Input)
		n := 0
		for _, m := range in.Members {
			if m.Required {
				n++
			}
		}
		assert.Len(t, ps, n, op.Name)
		for _, p := range ps {
			assert.Equal(t, validate.CodeRequired, p.Code)
		}
	}
}

// TestEveryEnumChecked: for every member whose shape is an enum (or a list
// of enums), each allowed value passes and a wrong one is reported with the
// allowed values listed.
func TestEveryEnumChecked(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range schema.Shapes {
		if s.Kind != schema.KindStructure {
			continue
		}
		for _, m := range s.Members {
			target := schema.Get(m.Shape)
			path := "/" + m.Name
			wrap := func(v string) string { return `{"` + m.Name + `": ` + v + `}` }
			if target.Kind == schema.KindList && len(schema.Get(target.Elem).Enum) > 0 {
				path += "/0"
				inner := wrap
				wrap = func(v string) string { return inner("[" + v + "]") }
				target = schema.Get(target.Elem)
			}
			if len(target.Enum) == 0 {
				continue
			}
			seen[target.Name] = true
			for _, v := range target.Enum {
				ps := shapeProblems(t, s.Name, wrap(`"`+v+`"`))
				assert.Empty(t, problemsAt(ps, path), "%s.%s = %s", s.Name, m.Name, v)
			}
			ps := problemsAt(shapeProblems(t, s.Name, wrap(`"NOT_A_VALUE"`)), path)
			require.Len(t, ps, 1, "%s.%s wrong value", s.Name, m.Name)
			assert.Equal(t, validate.CodeEnum, ps[0].Code)
			assert.Contains(t, ps[0].Message, strings.Join(target.Enum, ", "))
			assert.Contains(t, ps[0].Message, `"NOT_A_VALUE"`)
			// Lower case is a different value, and the message says which.
			ps = problemsAt(shapeProblems(t, s.Name, wrap(`"`+strings.ToLower(target.Enum[0])+`"`)), path)
			require.Len(t, ps, 1)
			assert.Contains(t, ps[0].Message, "did you mean "+target.Enum[0]+"?")
		}
	}
	assert.Len(t, seen, 16, "every enum of the model is used by some member")
}

const authConfig = `{
  "AuthResources": "USER_POOL_ONLY",
  "Service": "COGNITO",
  "UserPoolConfigs": {
    "SignInMethod": "EMAIL",
    "UserPoolName": "pool",
    "RequiredSignUpAttributes": ["EMAIL", "NAME"],
    "PasswordPolicy": {"MinimumLength": 8, "AdditionalConstraints": ["REQUIRE_DIGIT"]}
  }
}`

func TestValidAuthConfig(t *testing.T) {
	for _, mode := range []validate.AuthMode{validate.AuthCreate} {
		ps, err := validate.AuthConfig(mode, []byte(authConfig), nil)
		require.NoError(t, err)
		assert.Empty(t, ps)
	}
	_, err := validate.AuthConfig("creat", []byte(authConfig), nil)
	var ne *validate.NameError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, []string{"create"}, ne.Matches)
}

// TestManyProblemsExactPaths: every problem of one input is reported, in
// document order, each at its exact path.
func TestManyProblemsExactPaths(t *testing.T) {
	input := `{
  "AppId": "",
  "BackendEnvironmentName": "dev",
  "ResourceName": "auth",
  "ResourceConfig": {
    "AuthResources": "USER_POOL",
    "Service": "COGNITO",
    "UserPoolConfigs": {
      "SignInMetod": "EMAIL",
      "UserPoolName": 5,
      "RequiredSignUpAttributes": ["EMAIL", "NAM", null],
      "PasswordPolicy": {"MinimumLength": "8"},
      "Mfa": {"MFAMode": "ON", "Settings": {"MfaTypes": ["SMS"], "SmsMessage": "code"}},
      "OAuth": {"OAuthGrantType": "CODE", "OAuthScopes": [], "RedirectSignInURIs": [], "RedirectSignOutURIs": [],
                "SocialProviderSettings": {"Google": {"ClientId": "id", "ClientSecret": 7, "Secret": "x"}}}
    }
  }
}`
	ps, err := validate.Input("CreateBackendAuth", []byte(input), nil)
	require.NoError(t, err)
	want := []validate.Problem{
		{Path: "/AppId", Code: validate.CodeEmpty, Message: "AppId must not be empty: it is part of the request URI."},
		{Path: "/ResourceConfig/AuthResources", Code: validate.CodeEnum, Message: `AuthResources must be one of USER_POOL_ONLY, IDENTITY_POOL_AND_USER_POOL; "USER_POOL" is not allowed (did you mean USER_POOL_ONLY?).`},
		{Path: "/ResourceConfig/UserPoolConfigs/SignInMetod", Code: validate.CodeUnknown, Message: "SignInMetod is not a member of CreateBackendAuthUserPoolConfig; did you mean SignInMethod?"},
		{Path: "/ResourceConfig/UserPoolConfigs/UserPoolName", Code: validate.CodeType, Message: "UserPoolName must be a string, not a number."},
		{Path: "/ResourceConfig/UserPoolConfigs/RequiredSignUpAttributes/1", Code: validate.CodeEnum},
		{Path: "/ResourceConfig/UserPoolConfigs/RequiredSignUpAttributes/2", Code: validate.CodeType, Message: "Element 2 of RequiredSignUpAttributes must be a string, not null."},
		{Path: "/ResourceConfig/UserPoolConfigs/PasswordPolicy/MinimumLength", Code: validate.CodeType, Message: "MinimumLength must be a number, not a string."},
		{Path: "/ResourceConfig/UserPoolConfigs/OAuth/SocialProviderSettings/Google/ClientSecret", Code: validate.CodeType, Message: "ClientSecret must be a string, not a number."},
		{Path: "/ResourceConfig/UserPoolConfigs/OAuth/SocialProviderSettings/Google/Secret", Code: validate.CodeUnknown, Message: "Secret is not a member of BackendAuthSocialProviderConfig; did you mean ClientSecret?"},
		{Path: "/ResourceConfig/UserPoolConfigs/SignInMethod", Code: validate.CodeRequired, Message: "SignInMethod is required."},
	}
	require.Len(t, ps, len(want), "%v", ps)
	for i := range want {
		assert.Equal(t, want[i].Path, ps[i].Path, i)
		assert.Equal(t, want[i].Code, ps[i].Code, i)
		if want[i].Message != "" {
			assert.Equal(t, want[i].Message, ps[i].Message, i)
		}
	}
}

// TestNamesArePlain: member names, wire names and enum values are printable
// ASCII without quotes or backslashes, which the walker relies on when it
// matches a key or an enum value in place, without scanning it as a string.
func TestNamesArePlain(t *testing.T) {
	plain := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
				return false
			}
		}
		return true
	}
	for _, sh := range schema.Shapes {
		for _, m := range sh.Members {
			assert.True(t, plain(m.Name) && plain(m.Wire), "%s.%s (%s)", sh.Name, m.Name, m.Wire)
		}
		for _, e := range sh.Enum {
			assert.True(t, plain(e), "%s: %q", sh.Name, e)
		}
	}
}

// TestEnumValueLimit: an enum value longer than MaxStringBytes is refused
// by the limit, as any string.
func TestEnumValueLimit(t *testing.T) {
	ps, err := validate.Shape("CreateBackendAuthUserPoolConfig", []byte(`{"SignInMethod": "EMAIL", "RequiredSignUpAttributes": [], "UserPoolName": "p"}`),
		&validate.Options{Limits: &validate.Limits{MaxStringBytes: 4}})
	require.NoError(t, err)
	require.Len(t, ps, 1, "%v", ps)
	assert.Equal(t, "/SignInMethod", ps[0].Path)
	assert.Equal(t, validate.CodeLimit, ps[0].Code)
}

// TestArrayIndexPaths: element paths are right across the carries of the
// index (9 to 10, 99 to 100), in nested values too, and the path after an
// array is the array's.
func TestArrayIndexPaths(t *testing.T) {
	bad := map[int]bool{0: true, 9: true, 10: true, 11: true, 99: true, 100: true, 104: true}
	var els []string
	for i := 0; i < 105; i++ {
		if bad[i] {
			els = append(els, "null")
		} else {
			els = append(els, `"EMAIL"`)
		}
	}
	input := `{"RequiredSignUpAttributes": [` + strings.Join(els, ",") + `], "Mfa": {"Settings": {"MfaTypes": ["SMS", 1]}}, "SignInMetod": 1}`
	ps, err := validate.Shape("CreateBackendAuthUserPoolConfig", []byte(input), &validate.Options{Lenient: true})
	require.NoError(t, err)
	var got []string
	for _, p := range ps {
		got = append(got, p.Path)
	}
	assert.Equal(t, []string{
		"/RequiredSignUpAttributes/0", "/RequiredSignUpAttributes/9", "/RequiredSignUpAttributes/10",
		"/RequiredSignUpAttributes/11", "/RequiredSignUpAttributes/99", "/RequiredSignUpAttributes/100",
		"/RequiredSignUpAttributes/104", "/Mfa/Settings/MfaTypes/1", "/SignInMetod",
	}, got)
	assert.Equal(t, "Element 100 of RequiredSignUpAttributes must be a string, not null.", ps[5].Message)
}

func TestUnknownMemberSuggestions(t *testing.T) {
	cases := map[string]string{
		"SignInMetod":   "SignInMethod",
		"signinmethod":  "SignInMethod",
		"UserPoolNmae":  "UserPoolName",
		"PasswordPolcy": "PasswordPolicy",
		"mfa":           "Mfa",
	}
	for given, want := range cases {
		ps := shapeProblems(t, "CreateBackendAuthUserPoolConfig", `{"SignInMethod":"EMAIL","UserPoolName":"p","RequiredSignUpAttributes":[],"`+given+`":1}`)
		require.Len(t, ps, 1, given)
		assert.Equal(t, validate.CodeUnknown, ps[0].Code)
		assert.Equal(t, "/"+given, ps[0].Path)
		assert.Contains(t, ps[0].Message, "did you mean "+want+"?", given)
	}
	// Nothing close: the message lists the members instead.
	ps := shapeProblems(t, "BackendAPIConflictResolution", `{"Zzz": 1}`)
	require.Len(t, ps, 1)
	assert.Equal(t, "Zzz is not a member of BackendAPIConflictResolution; its members are ResolutionStrategy.", ps[0].Message)
	// Keys are pointer-escaped in paths.
	ps = shapeProblems(t, "BackendAPIConflictResolution", `{"a/b~c": 1}`)
	require.Len(t, ps, 1)
	assert.Equal(t, "/a~1b~0c", ps[0].Path)
}

func TestSyntaxErrorsHavePositions(t *testing.T) {
	cases := []struct{ in, msg string }{
		{"", "Invalid JSON at line 1, column 1: the input is empty."},
		{"{\n  \"AppId\": \"a\",\n  \"x\" 1\n}", "Invalid JSON at line 3, column 7: expected ':' after the member name, found '1'."},
		{`{"AppId": "a",}`, "Invalid JSON at line 1, column 15: expected a member name in double quotes, found '}'."},
		{`{"AppId": "a"} x`, "Invalid JSON at line 1, column 16: unexpected 'x' after the end of the JSON value."},
		{`{"AppId": "a`, "Invalid JSON at line 1, column 11: the string starting here is not terminated."},
		{`{"AppId": tru}`, "Invalid JSON at line 1, column 11: expected a JSON value, found 't'."},
		{`{"AppId": 01}`, "Invalid JSON at line 1, column 12: expected ',' or '}' after an object member, found '1'."},
		{"{\"AppId\": \"a\tb\"}", "Invalid JSON at line 1, column 13: control character 0x9 must be escaped in a string."},
		{"{\"AppId\": \"\xff\"}", "Invalid JSON at line 1, column 12: invalid UTF-8 in a string."},
		{"{\"é\": 1, \"AppId\": [1,]}", "Invalid JSON at line 1, column 22: expected a JSON value, found ']'."},
	}
	for _, c := range cases {
		ps, err := validate.Input("GetBackend", []byte(c.in), nil)
		require.NoError(t, err)
		require.Len(t, ps, 1, c.in)
		assert.Equal(t, validate.Problem{Path: "", Code: validate.CodeSyntax, Message: c.msg}, noRange(ps)[0], c.in)
	}
}

func TestTypesAndRanges(t *testing.T) {
	in := func(v string) []validate.Problem {
		ps, err := validate.Input("ListBackendJobs", []byte(`{"AppId":"a","BackendEnvironmentName":"e","MaxResults":`+v+`}`), nil)
		require.NoError(t, err)
		return ps
	}
	for _, ok := range []string{"1", "25", "1.0", "2e1", "null", "5", "5.0", "5e0", "50e-1", "0.25e2"} {
		assert.Empty(t, in(ok), ok)
	}
	for v, code := range map[string]validate.Code{
		"0": validate.CodeRange, "26": validate.CodeRange, "-1": validate.CodeRange,
		"1.5": validate.CodeType, `"5"`: validate.CodeType, "true": validate.CodeType, "[]": validate.CodeType,
		"99999999999": validate.CodeRange, "1e400": validate.CodeRange, "123456789012345678901234567890": validate.CodeRange,
		// Integers are read from their exact text, never through a float64.
		"1.0000000000000001": validate.CodeType, "24.9999999999999999": validate.CodeType, "1e-400": validate.CodeType,
	} {
		ps := in(v)
		require.Len(t, ps, 1, v)
		assert.Equal(t, code, ps[0].Code, v)
		assert.Equal(t, "/MaxResults", ps[0].Path, v)
	}
	assert.Equal(t, "MaxResults must be between 1 and 25; 26 is not.", in("26")[0].Message)
	assert.Equal(t, "MaxResults must be an integer, not a number with a fraction.", in("1.5")[0].Message)
	// Booleans and doubles.
	ps := shapeProblems(t, "CreateBackendAuthIdentityPoolConfig", `{"IdentityPoolName":"p","UnauthenticatedLogin":"false"}`)
	assert.Equal(t, []validate.Code{validate.CodeType}, codes(ps))
	assert.Equal(t, "UnauthenticatedLogin must be a boolean (true or false), not a string.", ps[0].Message)
	assert.Empty(t, shapeProblems(t, "BackendAPIAppSyncAuthSettings", `{"ExpirationTime": 1.5e3}`))
	// The input itself must be an object.
	ps, _ = validate.Input("GetBackend", []byte(`[]`), nil)
	assert.Equal(t, []validate.Problem{{Path: "", Code: validate.CodeType, Message: "The input must be an object, not an array."}}, noRange(ps))
}

func TestDuplicateMembers(t *testing.T) {
	ps, _ := validate.Input("GetBackend", []byte(`{"AppId":"a","AppId":"b","X":1,"X":2}`), nil)
	assert.Equal(t, []validate.Code{validate.CodeDuplicate, validate.CodeUnknown, validate.CodeDuplicate}, codes(ps))
	assert.Equal(t, "/AppId", ps[0].Path)
	// Inside a free-form object too.
	ps, _ = validate.Input("CreateBackend", []byte(`{"AppId":"a","AppName":"n","BackendEnvironmentName":"e","ResourceConfig":{"k":1,"k":2}}`), nil)
	assert.Equal(t, []validate.Problem{{Path: "/ResourceConfig/k", Code: validate.CodeDuplicate, Message: "k appears more than once in this object."}}, noRange(ps))
}

func TestSensitiveValuesNeverEchoed(t *testing.T) {
	secret := "PLANTED-SECRET-4f9a"
	input := `{"Google":{"ClientId":"` + secret + `","ClientSecret":["` + secret + `"],"` + secret + `":1},"SignInWithApple":{"PrivateKey":{"k":"` + secret + `"}}}`
	ps := shapeProblems(t, "SocialProviderSettings", input)
	require.NotEmpty(t, ps)
	for _, p := range ps {
		assert.NotContains(t, p.Message, secret[:12]+"-4f9a\"", p)
		if p.Code != validate.CodeUnknown { // an unknown member's own name is shown, never a value
			assert.NotContains(t, p.Message, secret)
		}
	}
}

func TestLenient(t *testing.T) {
	input := `{"AppId":"a","BackendEnvironmentName":"e","MaxResults":99,"Status":"x","Operation":"y"}`
	lenient := &validate.Options{Lenient: true}
	ps, _ := validate.Input("ListBackendJobs", []byte(input), lenient)
	assert.Empty(t, ps)
	// Missing body members pass, enums pass, but labels and types do not.
	ps, _ = validate.Input("CreateBackendAuth", []byte(`{"AppId":"","ResourceConfig":{"AuthResources":"NEW_VALUE","UserPoolConfigs":{"SignInMethod":7}}}`), lenient)
	assert.Equal(t, []validate.Problem{
		{Path: "/AppId", Code: validate.CodeEmpty, Message: "AppId must not be empty: it is part of the request URI."},
		{Path: "/ResourceConfig/UserPoolConfigs/SignInMethod", Code: validate.CodeType, Message: "SignInMethod must be a string, not a number."},
	}, noRange(ps))
	ps, _ = validate.Input("GetToken", []byte(`{"AppId":"a"}`), lenient)
	assert.Equal(t, []validate.Code{validate.CodeRequired}, codes(ps))
	assert.Equal(t, "/SessionId", ps[0].Path)
}

func TestLimits(t *testing.T) {
	lim := &validate.Options{Limits: &validate.Limits{MaxInputBytes: 64, MaxDepth: 3, MaxStringBytes: 8, MaxArrayLen: 2, MaxProblems: 2}}
	check := func(input, path, msg string) {
		t.Helper()
		ps, _ := validate.Input("CreateBackend", []byte(input), lim)
		require.NotEmpty(t, ps, input)
		last := ps[len(ps)-1]
		assert.Equal(t, validate.CodeLimit, last.Code, input)
		assert.Equal(t, path, last.Path, input)
		assert.Equal(t, msg, last.Message, input)
	}
	check(`{"AppId":"`+strings.Repeat("a", 80)+`"}`, "", "The input is 92 bytes; the limit is 64 bytes.")
	check(`{"AppId":"123456789"}`, "/AppId", "AppId is longer than 8 bytes, the limit for a string.")
	check(`{"ResourceConfig":{"a":{"b":{}}}}`, "/ResourceConfig/a/b", "Objects and arrays are nested deeper than 3 levels here, the limit.")
	check(`{"ResourceConfig":{"a":[1,2,3]}}`, "/ResourceConfig/a", "a has more than 2 elements, the limit.")
	check(`{"x":1,"y":2,"z":3}`, "/z", "More than 2 problems; the rest are not reported.")
	// Defaults: deep nesting is refused without recursing without bound.
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	ps, _ := validate.Input("CreateBackend", []byte(`{"ResourceConfig":{"a":`+deep+`}}`), nil)
	assert.Equal(t, validate.CodeLimit, ps[len(ps)-1].Code)
}

func TestUnicodeEdges(t *testing.T) {
	// A lone surrogate escape is reported at its field; a pair is fine; NUL
	// escapes are valid JSON and accepted.
	ps, _ := validate.Input("GetBackend", []byte(`{"AppId":"a\ud800b"}`), nil)
	assert.Equal(t, []validate.Code{validate.CodeInvalid}, codes(ps))
	assert.Equal(t, "/AppId", ps[0].Path)
	ps, _ = validate.Input("GetBackend", []byte(`{"AppId":"\ud83d\ude00\u0000"}`), nil)
	assert.Empty(t, ps)
	ps, _ = validate.Input("GetBackend", []byte("{\"AppId\":\"a\"}\x00"), nil)
	assert.Equal(t, []validate.Code{validate.CodeSyntax}, codes(ps))
}

func TestTranscodeWireForm(t *testing.T) {
	in := `{"AppId":"app 1","BackendEnvironmentName":"dev","ResourceName":"r","ResourceConfig":{"AuthResources":"IDENTITY_POOL_AND_USER_POOL","Service":"COGNITO",
	"IdentityPoolConfigs":{"IdentityPoolName":"i","UnauthenticatedLogin":false},
	"UserPoolConfigs":{"SignInMethod":"EMAIL","UserPoolName":"u","RequiredSignUpAttributes":[],"Mfa":{"MFAMode":"OFF","Settings":{}},"PasswordPolicy":{"MinimumLength":8.0},
	"OAuth":{"OAuthGrantType":"CODE","OAuthScopes":["EMAIL"],"RedirectSignInURIs":["https://a"],"RedirectSignOutURIs":[],"DomainPrefix":null,
	"SocialProviderSettings":{"SignInWithApple":{"ClientId":"c","PrivateKey":"k"}}}}}}`
	tr, ps, err := validate.Transcode("CreateBackendAuth", []byte(in), nil)
	require.NoError(t, err)
	require.Empty(t, ps)
	assert.Equal(t, []validate.Label{{Name: "appId", Value: "app 1"}}, tr.Labels)
	assert.JSONEq(t, `{"backendEnvironmentName":"dev","resourceName":"r","resourceConfig":{"authResources":"IDENTITY_POOL_AND_USER_POOL","service":"COGNITO",
	"identityPoolConfigs":{"identityPoolName":"i","unauthenticatedLogin":false},
	"userPoolConfigs":{"signInMethod":"EMAIL","userPoolName":"u","requiredSignUpAttributes":[],"mfa":{"MFAMode":"OFF","settings":{}},"passwordPolicy":{"minimumLength":8.0},
	"oAuth":{"oAuthGrantType":"CODE","oAuthScopes":["EMAIL"],"redirectSignInURIs":["https://a"],"redirectSignOutURIs":[],
	"socialProviderSettings":{"SignInWithApple":{"client_id":"c","private_key":"k"}}}}}}`, string(tr.Body))
	// Integers are written canonically.
	tr, _, _ = validate.Transcode("ListBackendJobs", []byte(`{"AppId":"a","BackendEnvironmentName":"e","MaxResults":2.0e1}`), nil)
	assert.Equal(t, `{"maxResults":20}`, string(tr.Body))
	// Invalid input gives problems, no result.
	tr, ps, _ = validate.Transcode("GetBackend", []byte(`{}`), nil)
	assert.Nil(t, tr)
	assert.Len(t, ps, 1)
}

func TestTypedValues(t *testing.T) {
	v := &types.CreateBackendAuthRequest{
		AppId:                  types.String(""),
		BackendEnvironmentName: types.String("dev"),
		ResourceConfig: &types.CreateBackendAuthResourceConfig{
			AuthResources: "USER_POOL",
			Service:       types.ServiceCognito,
			UserPoolConfigs: &types.CreateBackendAuthUserPoolConfig{
				UserPoolName: types.String("u"),
				SignInMethod: types.SignInMethodEmail,
			},
			IdentityPoolConfigs: &types.CreateBackendAuthIdentityPoolConfig{IdentityPoolName: types.String("i"), UnauthenticatedLogin: types.Bool(false)},
		},
	}
	ps := validate.Value(v, nil)
	assert.Equal(t, []validate.Problem{
		{Path: "/AppId", Code: validate.CodeEmpty, Message: "AppId must not be empty: it is part of the request URI."},
		{Path: "/ResourceConfig/AuthResources", Code: validate.CodeEnum, Message: `AuthResources must be one of USER_POOL_ONLY, IDENTITY_POOL_AND_USER_POOL; "USER_POOL" is not allowed (did you mean USER_POOL_ONLY?).`},
		{Path: "/ResourceConfig/UserPoolConfigs/RequiredSignUpAttributes", Code: validate.CodeRequired, Message: "RequiredSignUpAttributes is required."},
		{Path: "/ResourceName", Code: validate.CodeRequired, Message: "ResourceName is required."},
	}, ps)
	v.ResourceConfig.UserPoolConfigs.RequiredSignUpAttributes = []types.RequiredSignUpAttributesElement{}
	v.AppId = types.String("a")
	v.ResourceName = types.String("r")
	v.ResourceConfig.AuthResources = types.AuthResourcesIdentityPoolAndUserPool
	tr, ps := validate.TranscodeValue(v, nil)
	require.Empty(t, ps)
	assert.Equal(t, []validate.Label{{Name: "appId", Value: "a"}}, tr.Labels)
	assert.Contains(t, string(tr.Body), `"unauthenticatedLogin":false`)
	assert.NotContains(t, string(tr.Body), "appId")
}

func TestNameErrors(t *testing.T) {
	_, err := validate.Input("createbackendauth", nil, nil)
	var ne *validate.NameError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, "CreateBackendAuth", ne.Matches[0])
	assert.Equal(t, `unknown operation "createbackendauth"; did you mean CreateBackendAuth?`, err.Error())
	_, err = validate.Shape("CreateBackendAuthResourceConfg", nil, nil)
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, []string{"CreateBackendAuthResourceConfig"}, ne.Matches)
	_, err = validate.Shape("MFAMode", nil, nil) // an enum is not an object shape
	require.Error(t, err)
	assert.Len(t, validate.Operations(), 31)
}

func TestErrorListsProblems(t *testing.T) {
	e := &validate.Error{Problems: []validate.Problem{{Path: "/a", Code: "required", Message: "a is required."}, {Path: "", Code: "syntax", Message: "Bad."}}}
	assert.Equal(t, "/a: a is required.\nBad.", e.Error())
}

// TestManyMembers: a duplicate among 60,000 members of a free-form object
// is found at its exact path. (Duplicate detection was quadratic; the cost
// is watched by BenchmarkManyMembers, not by a timed test.)
func TestManyMembers(t *testing.T) {
	ps, _ := validate.Input("CreateBackend", manyMembers(60000), nil)
	require.Len(t, ps, 1)
	assert.Equal(t, "/ResourceConfig/k7", ps[0].Path)
	assert.Equal(t, validate.CodeDuplicate, ps[0].Code)
}

// manyMembers is a CreateBackend input whose free-form ResourceConfig has n
// members and then k7 again.
func manyMembers(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"AppId":"a","AppName":"n","BackendEnvironmentName":"e","ResourceConfig":{`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"k` + strconv.Itoa(i) + `":1`)
	}
	b.WriteString(`,"k7":2}}`)
	return []byte(b.String())
}
