package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

func rng(l1, c1, o1, l2, c2, o2 int) *textRange {
	return &textRange{position{l1, c1, o1}, position{l2, c2, o2}}
}

// formatFixture has what the formats must get right: a warning between two
// errors, a problem without a place, a whole-input problem, characters the
// GitHub format escapes, a secret, a file name that needs URI escaping and
// standard input.
func formatFixture() []fileDiags {
	return []fileDiags{
		{"dir/bad auth.json", []diag{
			{sevError, "", validate.CodeSyntax, "Invalid JSON at line 9, column 2: unexpected end.", rng(9, 2, 120, 9, 2, 120)},
			{sevError, "/ResourceConfig/UserPoolConfigs/SignInMethd", validate.CodeUnknown, "SignInMethd is not a member; did you mean SignInMethod?", rng(5, 7, 80, 5, 20, 93)},
			{sevWarning, "/ResourceConfig/UserPoolConfigs/ForgotPassword", codeDeprecated, "ForgotPassword is deprecated, the service says: use VerificationMessage.", rng(6, 7, 100, 8, 8, 119)},
			{sevError, "/a,b:c", validate.CodeType, "100% wrong:\nsecret SECRETSECRETSECRET here", nil},
		}},
		{stdinName, []diag{
			{sevError, "", validate.CodeType, "The input must be an object, not an array.", rng(1, 1, 0, 1, 3, 2)},
		}},
		{"good.json", nil},
	}
}

func redactFixture(s string) string { return strings.ReplaceAll(s, "SECRETSECRETSECRET", "[REDACTED]") }

func TestTextFormat(t *testing.T) {
	var b strings.Builder
	for _, f := range formatFixture() {
		writeText(&b, f.file, f.diags, redactFixture)
	}
	assert.Equal(t, `dir/bad auth.json:9:2: error: Invalid JSON at line 9, column 2: unexpected end. [syntax]
dir/bad auth.json:5:7: error: /ResourceConfig/UserPoolConfigs/SignInMethd: SignInMethd is not a member; did you mean SignInMethod? [unknown]
dir/bad auth.json:6:7: warning: /ResourceConfig/UserPoolConfigs/ForgotPassword: ForgotPassword is deprecated, the service says: use VerificationMessage. [deprecated]
dir/bad auth.json: error: /a,b:c: "100% wrong:\nsecret [REDACTED] here" [type]
<stdin>:1:1: error: The input must be an object, not an array. [type]
`, b.String())
}

func TestGitHubFormat(t *testing.T) {
	var b strings.Builder
	for _, f := range formatFixture() {
		writeGitHub(&b, f.file, f.diags, redactFixture)
	}
	assert.Equal(t, `::error file=dir/bad auth.json,line=9,col=2,endLine=9,endColumn=2,title=amplifybackend syntax::Invalid JSON at line 9, column 2: unexpected end.
::error file=dir/bad auth.json,line=5,col=7,endLine=5,endColumn=20,title=amplifybackend unknown::/ResourceConfig/UserPoolConfigs/SignInMethd: SignInMethd is not a member; did you mean SignInMethod?
::warning file=dir/bad auth.json,line=6,endLine=8,title=amplifybackend deprecated::/ResourceConfig/UserPoolConfigs/ForgotPassword: ForgotPassword is deprecated, the service says: use VerificationMessage.
::error file=dir/bad auth.json,title=amplifybackend type::/a,b:c: 100%25 wrong:%0Asecret [REDACTED] here
::error file=<stdin>,line=1,col=1,endLine=1,endColumn=3,title=amplifybackend type::The input must be an object, not an array.
`, b.String())
	assert.Equal(t, "a%2Cb%3Ac%25%0D%0A", ghProperty("a,b:c%\r\n"))
}

// TestSARIFFormat compares the log with a golden file, which
// js/test/formats.test.mjs validates against the SARIF 2.1.0 schema.
func TestSARIFFormat(t *testing.T) {
	log := sarifReport(formatFixture(), "1.2.3", redactFixture)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(log))
	golden := filepath.Join("testdata", "sarif", "fixture.sarif")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run UPDATE_GOLDEN=1 go test ./internal/cli -run TestSARIFFormat")
	assert.Equal(t, string(want), buf.String())

	// What a consumer reads.
	run := log.Runs[0]
	assert.Equal(t, "utf16CodeUnits", run.ColumnKind)
	ids := []string{}
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"required", "type", "enum", "range", "unknown", "empty", "syntax", "duplicate", "limit", "invalid", "deprecated"}, ids)
	require.Len(t, run.Results, 5)
	for _, res := range run.Results {
		assert.Equal(t, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID)
	}
	w := run.Results[2]
	assert.Equal(t, "warning", w.Level)
	assert.Equal(t, &sarifRegion{StartLine: 6, StartColumn: 7, EndLine: 8, EndColumn: 8, CharOffset: 100, CharLength: 19}, w.Locations[0].PhysicalLocation.Region)
	assert.Equal(t, "dir/bad%20auth.json", w.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Equal(t, "/ResourceConfig/UserPoolConfigs/ForgotPassword", w.Locations[0].LogicalLocations[0].FullyQualifiedName)
	assert.Nil(t, run.Results[3].Locations[0].PhysicalLocation.Region, "no place, no region")
	assert.Contains(t, run.Results[3].Message.Text, "[REDACTED]")
	assert.NotContains(t, buf.String(), "SECRETSECRETSECRET")
	assert.Equal(t, "", run.Results[4].Locations[0].PhysicalLocation.ArtifactLocation.URI, "standard input has no URI")

	assert.Equal(t, "file:///tmp/a%20b.json", artifactOf("/tmp/a b.json").URI)
	assert.Equal(t, "./c:d.json", artifactOf("c:d.json").URI, "not read as a scheme")
}

func TestValidateWarningsAsErrorsFlag(t *testing.T) {
	// Without warnings the flag changes nothing.
	res := run(t, testEnv{args: []string{"validate", "--warnings-as-errors", "--operation", "GetBackend", "a.json"}, files: map[string]string{"a.json": `{"AppId": "d1"}`}})
	assert.Equal(t, result{code: ExitOK}, res)
}

func TestVersion(t *testing.T) {
	res := run(t, testEnv{args: []string{"--version"}})
	assert.Equal(t, ExitOK, res.code)
	assert.Regexp(t, `^amplifybackend (v\S+|devel( [0-9a-f]{12}(\+dirty)?)?) \(go1\.\d+\S* \w+/\w+\)\n$`, res.stdout)
	assert.Empty(t, res.stderr)

	var stdout strings.Builder
	code := Run(Env{Args: []string{"-version"}, Stdout: &stdout, Version: "0.1.0"})
	assert.Equal(t, ExitOK, code)
	assert.Regexp(t, `^amplifybackend 0\.1\.0 \(go1\.\d+\S* \w+/\w+\)\n$`, stdout.String())

	res = run(t, testEnv{args: []string{"--version", "x"}})
	assert.Equal(t, ExitUsage, res.code)
	assert.Contains(t, res.stderr, "--version takes no arguments")
}
