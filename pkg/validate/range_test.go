package validate_test

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// spanOf returns the range of the first occurrence of sub in text, counted
// independently of the module's code: lines split at "\n" only (the tests
// use no "\r"), UTF-16 units via unicode/utf16.
func spanOf(t *testing.T, text, sub string) validate.Range {
	t.Helper()
	i := strings.Index(text, sub)
	require.GreaterOrEqual(t, i, 0, "%q not in the text", sub)
	return validate.Range{Start: posOf(text, i), End: posOf(text, i+len(sub))}
}

func posOf(text string, byteOff int) validate.Position {
	before := text[:byteOff]
	line := strings.Count(before, "\n") + 1
	lineStart := strings.LastIndexByte(before, '\n') + 1
	units := func(s string) int { return len(utf16.Encode([]rune(s))) }
	return validate.Position{Line: line, Column: units(before[lineStart:]) + 1, Offset: units(before), Byte: byteOff}
}

// TestRanges: every problem from text has the range the issue gives: the
// value for type/enum/range/empty/invalid, the member name for
// unknown/duplicate (and deprecated warnings), the object lacking the
// member for required, the offending character for syntax. Columns and
// offsets count UTF-16 code units, so emoji, CJK and U+2028 before a
// problem shift them exactly.
func TestRanges(t *testing.T) {
	prefix := "{\n  \"ResourceName\": \"名前😀\u2028x\",\n"
	text := prefix + `  "AppId": "",
  "BackendEnvironmentName": "e",
  "Extra": 1,
  "ResourceConfig": {"AuthResources": "USER_POOL", "Service": 7,
    "UserPoolConfigs": {"SignInMethod": "EMAIL", "UserPoolName": "p", "RequiredSignUpAttributes": ["EMAIL"],
      "ForgotPassword": {"DeliveryMethod": "EMAIL"},
      "PasswordPolicy": {"MinimumLength": 8}, "Mfa": {"MFAMode": "OFF", "Settings": {"MfaTypes": ["SMS"], "SmsMessage": "\ud800"}}}},
  "Extra": 2
}`
	var warns []validate.Problem
	ps, err := validate.Input("CreateBackendAuth", []byte(text), &validate.Options{Warnings: &warns})
	require.NoError(t, err)
	want := []struct {
		path string
		code validate.Code
		span string // the text the range covers (its first occurrence)
	}{
		{"/AppId", validate.CodeEmpty, `""`},
		{"/Extra", validate.CodeUnknown, `"Extra"`},
		{"/ResourceConfig/AuthResources", validate.CodeEnum, `"USER_POOL"`},
		{"/ResourceConfig/Service", validate.CodeType, `7`},
		{"/ResourceConfig/UserPoolConfigs/Mfa/Settings/SmsMessage", validate.CodeInvalid, `"\ud800"`},
		{"/Extra", validate.CodeDuplicate, ""},
	}
	require.Len(t, ps, len(want), "%+v", ps)
	for i, w := range want {
		assert.Equal(t, w.path, ps[i].Path)
		assert.Equal(t, w.code, ps[i].Code)
		if w.span != "" {
			assert.Equal(t, spanOf(t, text, w.span), ps[i].Range, w.path)
		}
	}
	// The duplicate's range is its second name.
	second := strings.LastIndex(text, `"Extra"`)
	assert.Equal(t, validate.Range{Start: posOf(text, second), End: posOf(text, second+len(`"Extra"`))}, ps[5].Range)

	// Warnings: the deprecated member names, never among the errors.
	require.Len(t, warns, 2)
	assert.Equal(t, validate.CodeDeprecated, warns[0].Code)
	assert.Equal(t, "/ResourceConfig/UserPoolConfigs/ForgotPassword", warns[0].Path)
	assert.Equal(t, spanOf(t, text, `"ForgotPassword"`), warns[0].Range)
	assert.Equal(t, "/ResourceConfig/UserPoolConfigs/ForgotPassword/DeliveryMethod", warns[1].Path)
	assert.Equal(t, spanOf(t, text, `"DeliveryMethod"`), warns[1].Range)

	// Required: the object that lacks the member.
	text = "{\"ResourceName\": \"🙂\", \"ResourceConfig\": {}}"
	ps, _ = validate.Input("CreateBackendAuth", []byte(text), nil)
	require.Len(t, ps, 5, "%+v", ps)
	for _, p := range ps[:3] { // AuthResources, Service, UserPoolConfigs
		assert.Equal(t, validate.CodeRequired, p.Code)
		assert.Equal(t, spanOf(t, text, `{}`), p.Range, p.Path)
	}
	for _, p := range ps[3:] { // AppId, BackendEnvironmentName
		assert.Equal(t, spanOf(t, text, text), p.Range, p.Path)
	}

	// Syntax: the offending character, after multi-byte text and a line
	// separator (which is not a line break).
	text = "{\"AppId\": \"日本😀\u2028\",\n  \"x\" 1}"
	ps, _ = validate.Input("GetBackend", []byte(text), nil)
	require.Len(t, ps, 1)
	assert.Equal(t, validate.CodeSyntax, ps[0].Code)
	assert.Equal(t, spanOf(t, text, "1"), ps[0].Range)
	assert.Equal(t, validate.Position{Line: 2, Column: 7, Offset: 25, Byte: 33}, ps[0].Range.Start)
	// At the end of the input, the range is empty.
	text = `{"AppId": "a"`
	ps, _ = validate.Input("GetBackend", []byte(text), nil)
	require.Len(t, ps, 1)
	assert.Equal(t, validate.Range{Start: posOf(text, len(text)), End: posOf(text, len(text))}, ps[0].Range)
	// "\r\n" is one line break.
	text = "{\r\n\"AppId\": 1}"
	ps, _ = validate.Input("GetBackend", []byte(text), nil)
	require.Len(t, ps, 1)
	assert.Equal(t, validate.Position{Line: 2, Column: 10, Offset: 12, Byte: 12}, ps[0].Range.Start)

	// Typed values are not text: no range.
	ps = validate.Value(&types.GetBackendRequest{AppId: types.String("")}, nil)
	require.NotEmpty(t, ps)
	assert.Equal(t, validate.Range{}, ps[0].Range)
}
