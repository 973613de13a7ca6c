package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// testEnv describes one run: files is an in-memory file system (names
// not in it fall back to the real testdata directory when they start with
// "testdata/").
type testEnv struct {
	args  []string
	stdin string
	files map[string]string
	env   map[string]string
	now   time.Time
	http  Doer
	// sleep and random replace the waits between attempts of call and
	// their jitter; nil: no wait at all.
	sleep  func(time.Duration)
	random func() float64
}

type result struct {
	code           int
	stdout, stderr string
}

func run(t *testing.T, te testEnv) result {
	t.Helper()
	var stdout, stderr strings.Builder
	env := Env{
		Args:   te.args,
		Stdin:  strings.NewReader(te.stdin),
		Stdout: &stdout,
		Stderr: &stderr,
		ReadFile: func(name string) ([]byte, error) {
			if s, ok := te.files[name]; ok {
				return []byte(s), nil
			}
			if rest, ok := strings.CutPrefix(name, "testdata/"); ok {
				return os.ReadFile(filepath.Join(testdataDir, rest))
			}
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		},
		Getenv: func(k string) string { return te.env[k] },
		Now:    func() time.Time { return te.now },
		HTTP:   te.http,
		Sleep:  te.sleep,
		Random: te.random,
	}
	if env.Sleep == nil {
		env.Sleep = func(time.Duration) {}
	}
	code := Run(env)
	return result{code, stdout.String(), stderr.String()}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"-h"}, {"--help"}} {
		res := run(t, testEnv{args: args})
		assert.Equal(t, ExitOK, res.code, args)
		assert.Contains(t, res.stdout, "Usage: amplifybackend <command>")
		for _, c := range commands {
			assert.Contains(t, res.stdout, "\n  "+c.name+" ")
		}
		assert.Empty(t, res.stderr)
	}

	res := run(t, testEnv{})
	assert.Equal(t, ExitUsage, res.code)
	assert.Empty(t, res.stdout)
	assert.Contains(t, res.stderr, "amplifybackend: no command given\nUsage:")

	for _, c := range commands {
		for _, args := range [][]string{{"help", c.name}, {c.name, "-h"}, {c.name, "--help"}} {
			res := run(t, testEnv{args: args})
			assert.Equal(t, ExitOK, res.code, args)
			assert.Equal(t, c.usage, res.stdout, args)
			assert.Empty(t, res.stderr, args)
		}
		assert.True(t, strings.HasPrefix(c.usage, "Usage: amplifybackend "+c.name), c.name)
		assert.True(t, strings.HasSuffix(c.usage, "\n"), c.name)
	}
}

func TestUnknownCommand(t *testing.T) {
	res := run(t, testEnv{args: []string{"valdate", "x.json"}})
	assert.Equal(t, ExitUsage, res.code)
	assert.Empty(t, res.stdout)
	assert.Equal(t, "amplifybackend: unknown command \"valdate\"; did you mean validate?\nRun 'amplifybackend help' for the list of commands.\n", res.stderr)

	res = run(t, testEnv{args: []string{"help", "nothing"}})
	assert.Equal(t, ExitUsage, res.code)
	assert.Contains(t, res.stderr, `unknown command "nothing"`)
}

func TestValidateValid(t *testing.T) {
	res := run(t, testEnv{args: []string{"validate", "--operation", "GetBackend", "testdata/operations/GetBackend.json"}})
	assert.Equal(t, result{code: ExitOK}, res, "a valid file without warnings prints nothing")

	// The CreateBackendAuth example sets the deprecated ForgotPassword
	// settings: valid, with one warning per deprecated member, exit 0.
	res = run(t, testEnv{args: []string{"validate", "--operation", "CreateBackendAuth", "testdata/operations/CreateBackendAuth.json"}})
	assert.Equal(t, ExitOK, res.code)
	assert.Empty(t, res.stderr)
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	require.Len(t, lines, 4, res.stdout)
	assert.Equal(t, "testdata/operations/CreateBackendAuth.json:21:7: warning: /ResourceConfig/UserPoolConfigs/ForgotPassword: ForgotPassword of CreateBackendAuthUserPoolConfig is deprecated by the service; it is still accepted and sent, but the service may ignore it. [deprecated]", lines[0])
	for _, l := range lines {
		assert.Regexp(t, `^testdata/operations/CreateBackendAuth\.json:\d+:\d+: warning: /ResourceConfig/UserPoolConfigs/ForgotPassword\S*: .* \[deprecated\]$`, l)
	}
	// --warnings-as-errors: the same output, exit 1.
	strict := run(t, testEnv{args: []string{"validate", "--warnings-as-errors", "--operation", "CreateBackendAuth", "testdata/operations/CreateBackendAuth.json"}})
	assert.Equal(t, result{code: ExitInvalid, stdout: res.stdout}, strict)

	// Flags after the files, json format: warnings beside the errors, with ranges.
	res = run(t, testEnv{args: []string{"validate", "testdata/auth/create-valid.json", "--shape", "CreateBackendAuthResourceConfig", "--format=json"}})
	assert.Equal(t, ExitOK, res.code)
	assert.Empty(t, res.stderr)
	var reps []validateReport
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &reps))
	require.Len(t, reps, 1)
	assert.Equal(t, "testdata/auth/create-valid.json", reps[0].File)
	assert.True(t, reps[0].Valid)
	assert.Empty(t, reps[0].Errors)
	require.Len(t, reps[0].Warnings, 4)
	w := reps[0].Warnings[0]
	assert.Equal(t, validate.Problem{Path: "/UserPoolConfigs/ForgotPassword", Code: validate.CodeDeprecated, Message: w.Message,
		Range: validate.Range{Start: validate.Position{Line: 17, Column: 5, Offset: 424}, End: validate.Position{Line: 17, Column: 21, Offset: 440}}}, w)
	assert.True(t, strings.HasPrefix(res.stdout, `[
  {
    "file": "testdata/auth/create-valid.json",
    "valid": true,
    "errors": [],
    "warnings": [
      {
        "path": "/UserPoolConfigs/ForgotPassword",
        "code": "deprecated",
`), res.stdout)
}

func TestValidateEveryExampleThroughCLI(t *testing.T) {
	for _, op := range validate.Operations() {
		res := run(t, testEnv{args: []string{"validate", "--operation", op, "--format", "json", "testdata/operations/" + op + ".json"}})
		assert.Equal(t, ExitOK, res.code, op)
		assert.Contains(t, res.stdout, `"valid": true`, op)
	}
}

func TestValidateText(t *testing.T) {
	files := map[string]string{
		"bad.json":    `{"AppId": "", "BackendEnvironmentName": "dev", "MaxResults": 26, "Extra": 1}`,
		"good.json":   `{"AppId": "d1", "BackendEnvironmentName": "dev"}`,
		"syntax.json": "{\n  \"AppId\": \"d1\",\n}",
	}
	res := run(t, testEnv{
		args:  []string{"validate", "--operation", "ListBackendJobs", "bad.json", "good.json", "syntax.json", "-"},
		stdin: `[]`,
		files: files,
	})
	assert.Equal(t, ExitInvalid, res.code)
	assert.Empty(t, res.stderr)
	assert.Equal(t, `bad.json:1:11: error: /AppId: AppId must not be empty: it is part of the request URI. [empty]
bad.json:1:62: error: /MaxResults: MaxResults must be between 1 and 25; 26 is not. [range]
bad.json:1:66: error: /Extra: Extra is not a member of ListBackendJobsRequest; its members are AppId, BackendEnvironmentName, JobId, MaxResults, NextToken, Operation, Status. [unknown]
syntax.json:3:1: error: Invalid JSON at line 3, column 1: expected a member name in double quotes, found '}'. [syntax]
<stdin>:1:1: error: The input must be an object, not an array. [type]
`, res.stdout)
}

func TestValidateJSONShape(t *testing.T) {
	res := run(t, testEnv{
		args: []string{"validate", "--format", "json", "--operation", "ListBackendJobs", "a.json", "-", "b.json"},
		files: map[string]string{
			"a.json": `{"AppId": "d1", "BackendEnvironmentName": "dev", "MaxResults": 0}`,
			"b.json": `{"AppId": "d1", "BackendEnvironmentName": "dev"}`,
		},
		stdin: `{"AppId": "d1", "BackendEnvironmentName": "dev", "MaxResults": 2.5}`,
	})
	assert.Equal(t, ExitInvalid, res.code)
	assert.Empty(t, res.stderr)
	assert.Equal(t, `[
  {
    "file": "a.json",
    "valid": false,
    "errors": [
      {
        "path": "/MaxResults",
        "code": "range",
        "message": "MaxResults must be between 1 and 25; 0 is not.",
        "range": {
          "start": {
            "line": 1,
            "column": 64,
            "offset": 63
          },
          "end": {
            "line": 1,
            "column": 65,
            "offset": 64
          }
        }
      }
    ],
    "warnings": []
  },
  {
    "file": "<stdin>",
    "valid": false,
    "errors": [
      {
        "path": "/MaxResults",
        "code": "type",
        "message": "MaxResults must be an integer, not a number with a fraction.",
        "range": {
          "start": {
            "line": 1,
            "column": 64,
            "offset": 63
          },
          "end": {
            "line": 1,
            "column": 67,
            "offset": 66
          }
        }
      }
    ],
    "warnings": []
  },
  {
    "file": "b.json",
    "valid": true,
    "errors": [],
    "warnings": []
  }
]
`, res.stdout)

	// The generic shape: exactly these keys, errors always an array.
	var generic []map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &generic))
	for _, rep := range generic {
		assert.Len(t, rep, 4)
		assert.IsType(t, "", rep["file"])
		assert.IsType(t, true, rep["valid"])
		_, ok := rep["warnings"].([]any)
		require.True(t, ok, "warnings is always an array")
		errs, ok := rep["errors"].([]any)
		require.True(t, ok)
		for _, e := range errs {
			// path, code, message and the range in the file.
			assert.Len(t, e, 4)
			assert.IsType(t, map[string]any{}, e.(map[string]any)["range"])
			for _, k := range []string{"path", "code", "message"} {
				assert.IsType(t, "", e.(map[string]any)[k])
			}
		}
	}
}

func TestValidateStdinTwice(t *testing.T) {
	res := run(t, testEnv{
		args:  []string{"validate", "--operation", "GetBackend", "--format", "json", "-", "-"},
		stdin: `{"AppId": "d1"}`,
	})
	assert.Equal(t, ExitOK, res.code)
	assert.Equal(t, 2, strings.Count(res.stdout, `"valid": true`))
}

func TestValidateDoubleDash(t *testing.T) {
	res := run(t, testEnv{
		args:  []string{"validate", "--operation", "GetBackend", "--", "--format"},
		files: map[string]string{"--format": `{"AppId": "d1"}`},
	})
	assert.Equal(t, result{code: ExitOK}, res)
}

func TestValidateIOError(t *testing.T) {
	res := run(t, testEnv{
		args:  []string{"validate", "--operation", "GetBackend", "missing.json", "good.json", "bad.json"},
		files: map[string]string{"good.json": `{"AppId": "d1"}`, "bad.json": `{}`},
	})
	assert.Equal(t, ExitUsage, res.code, "an unreadable file wins over an invalid one")
	assert.Equal(t, "amplifybackend validate: missing.json: open missing.json: file does not exist\n", res.stderr)
	assert.Equal(t, "bad.json:1:1: error: /AppId: AppId is required. [required]\n", res.stdout, "the other files are still checked")
}

func TestValidateUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "x.json"}, "amplifybackend validate: --operation or --shape is required\n"},
		{[]string{"validate", "--operation", "GetBackend", "--shape", "Settings", "x.json"}, "amplifybackend validate: give --operation or --shape, not both\n"},
		{[]string{"validate", "--operation", "GetBackend"}, "amplifybackend validate: no input files (use - for standard input)\n"},
		{[]string{"validate", "--operation", "GetBackend", "--format", "yaml", "x.json"}, "invalid value \"yaml\" for flag -format: must be \"text\", \"json\", \"sarif\" or \"github\"\n"},
		{[]string{"validate", "--operation", "GetBackend", "--bogus", "x.json"}, "flag provided but not defined: -bogus\n"},
		{[]string{"validate", "--operation", "GetBackendAuthh", "x.json"}, "amplifybackend validate: unknown operation \"GetBackendAuthh\"; did you mean GetBackendAuth?\n"},
		{[]string{"validate", "--operation", "UpdateBackend", "x.json"}, "amplifybackend validate: " + nameErr(t, "UpdateBackend") + "\n"},
		{[]string{"validate", "--operation", "Frobnicate", "x.json"}, "amplifybackend validate: unknown operation \"Frobnicate\"; run 'amplifybackend operations' to list the operations\n"},
		{[]string{"validate", "--shape", "CreateBackendAuthResourceConfg", "x.json"}, "amplifybackend validate: unknown shape \"CreateBackendAuthResourceConfg\"; did you mean CreateBackendAuthResourceConfig?\n"},
		{[]string{"validate", "--shape", "__string", "x.json"}, "amplifybackend validate: unknown shape \"__string\"; a shape is a structure of the model, such as CreateBackendAuthResourceConfig\n"},
	} {
		res := run(t, testEnv{args: tc.args})
		assert.Equal(t, ExitUsage, res.code, tc.args)
		assert.Empty(t, res.stdout, tc.args)
		assert.True(t, strings.HasPrefix(res.stderr, tc.want), "%v: %q", tc.args, res.stderr)
		assert.True(t, strings.HasSuffix(res.stderr, "Run 'amplifybackend help validate' for usage.\n"), "%v: %q", tc.args, res.stderr)
	}
}

// nameErr is the validator's message for an unknown operation with several
// close matches (their order is the validator's business).
func nameErr(t *testing.T, op string) string {
	_, err := validate.Input(op, nil, nil)
	var ne *validate.NameError
	require.ErrorAs(t, err, &ne)
	require.Greater(t, len(ne.Matches), 2)
	return ne.Error()
}

func TestValidateControlCharactersStayOnOneLine(t *testing.T) {
	res := run(t, testEnv{
		args:  []string{"validate", "--operation", "GetBackend", "a\nb.json"},
		files: map[string]string{"a\nb.json": "{\"AppId\": \"d1\", \"X\\nY\": 1}"},
	})
	assert.Equal(t, ExitInvalid, res.code)
	assert.Equal(t, 1, strings.Count(res.stdout, "\n"), res.stdout)
	assert.True(t, strings.HasPrefix(res.stdout, `"a\nb.json":1:17: error: "/X\nY": `), res.stdout)
}

func TestOperations(t *testing.T) {
	res := run(t, testEnv{args: []string{"operations"}})
	assert.Equal(t, ExitOK, res.code)
	assert.Empty(t, res.stderr)
	lines := strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n")
	require.Len(t, lines, 32)
	assert.Equal(t, "NAME                      METHOD  URI", lines[0])
	assert.Equal(t, "CloneBackend              POST    /backend/{appId}/environments/{backendEnvironmentName}/clone", lines[1])
	assert.Contains(t, res.stdout, "\nGetBackendJob             GET     /backend/{appId}/job/{backendEnvironmentName}/{jobId}\n")

	res = run(t, testEnv{args: []string{"operations", "--format", "json"}})
	assert.Equal(t, ExitOK, res.code)
	var ops []operationInfo
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &ops))
	require.Len(t, ops, len(schema.Operations))
	assert.Equal(t, operationInfo{"GetToken", "GET", "/backend/{appId}/challenge/{sessionId}", "GetTokenRequest", "GetTokenResponse"}, ops[19])
	assert.True(t, strings.HasPrefix(res.stdout, "[\n  {\n    \"name\": \"CloneBackend\",\n    \"method\": \"POST\",\n    \"uri\": \"/backend/{appId}/environments/{backendEnvironmentName}/clone\",\n    \"input\": \"CloneBackendRequest\",\n    \"output\": \"CloneBackendResponse\"\n  },"), res.stdout)
	assert.True(t, strings.HasSuffix(res.stdout, "}\n]\n"))

	res = run(t, testEnv{args: []string{"operations", "extra"}})
	assert.Equal(t, ExitUsage, res.code)
	assert.Contains(t, res.stderr, `unexpected argument "extra"`)
}
