package cli

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Planted credentials: recognisable, so that a scan of every output finds
// any leak.
const (
	testKeyID  = "AKIDPLANTEDEXAMPLE"
	testSecret = "PLANTED-SECRET-wJalrXUtnFEMI-K7MDENG-bPxRfiCY"
	testToken  = "PLANTED-SESSION-TOKEN-FwoGZXIvYXdzEJr"
)

func credsEnv() map[string]string {
	return map[string]string{
		"AWS_ACCESS_KEY_ID":     testKeyID,
		"AWS_SECRET_ACCESS_KEY": testSecret,
		"AWS_SESSION_TOKEN":     testToken,
		"AWS_REGION":            "us-east-1",
	}
}

var fixedTime = time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)

// golden compares got with testdata/<name>; -update rewrites the file.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
}

func TestBuildGolden(t *testing.T) {
	res := run(t, testEnv{args: []string{"build", "--operation", "CreateBackendAuth", "--region", "eu-west-2", "testdata/operations/CreateBackendAuth.json"}})
	assert.Equal(t, ExitOK, res.code)
	assert.Empty(t, res.stderr)
	golden(t, "build-CreateBackendAuth.json", res.stdout)

	// The output is the Request form, and its body is the wire form of the
	// input.
	var req client.Request
	require.NoError(t, req.UnmarshalJSON([]byte(res.stdout)))
	data, err := os.ReadFile(filepath.Join(testdataDir, "operations", "CreateBackendAuth.json"))
	require.NoError(t, err)
	tr, probs, err := validate.Transcode("CreateBackendAuth", data, nil)
	require.NoError(t, err)
	require.Empty(t, probs)
	require.NotNil(t, req.Body)
	assert.Equal(t, string(tr.Body), *req.Body)
	assert.Equal(t, "https://amplifybackend.eu-west-2.amazonaws.com/backend/d2v6kx3qz7p1ab/auth", req.URL)
}

func TestBuildEveryExample(t *testing.T) {
	for _, op := range validate.Operations() {
		res := run(t, testEnv{
			args: []string{"build", "testdata/operations/" + op + ".json", "--operation", op},
			env:  map[string]string{"AWS_DEFAULT_REGION": "ap-southeast-2"},
		})
		require.Equal(t, ExitOK, res.code, "%s: %s", op, res.stderr)
		var req client.Request
		require.NoError(t, req.UnmarshalJSON([]byte(res.stdout)), op)
		assert.True(t, strings.HasPrefix(req.URL, "https://amplifybackend.ap-southeast-2.amazonaws.com/"), op)
		assert.True(t, strings.HasSuffix(res.stdout, "}\n"), op)
	}
}

func TestBuildRegionAndEndpoint(t *testing.T) {
	// --region wins over the environment, AWS_REGION over AWS_DEFAULT_REGION.
	env := map[string]string{"AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "eu-central-1"}
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--region", "ca-central-1"}, env, "https://amplifybackend.ca-central-1.amazonaws.com/backend/d1/details"},
		{nil, env, "https://amplifybackend.us-west-2.amazonaws.com/backend/d1/details"},
		{nil, map[string]string{"AWS_DEFAULT_REGION": "eu-central-1"}, "https://amplifybackend.eu-central-1.amazonaws.com/backend/d1/details"},
		{[]string{"--endpoint", "http://127.0.0.1:4566/mock"}, nil, "http://127.0.0.1:4566/mock/backend/d1/details"},
	} {
		args := append([]string{"build", "--operation", "GetBackend", "-"}, tc.args...)
		res := run(t, testEnv{args: args, env: tc.env, stdin: `{"AppId": "d1"}`})
		require.Equal(t, ExitOK, res.code, res.stderr)
		var req client.Request
		require.NoError(t, req.UnmarshalJSON([]byte(res.stdout)))
		assert.Equal(t, tc.want, req.URL)
	}
}

func TestBuildInvalid(t *testing.T) {
	res := run(t, testEnv{
		args:  []string{"build", "--operation", "ListBackendJobs", "--region", "us-east-1", "-"},
		stdin: `{"AppId": "d1", "BackendEnvironmentName": "dev", "MaxResults": 26}`,
	})
	assert.Equal(t, ExitInvalid, res.code)
	assert.Empty(t, res.stderr)
	assert.Equal(t, `[
  {
    "file": "<stdin>",
    "valid": false,
    "errors": [
      {
        "path": "/MaxResults",
        "code": "range",
        "message": "MaxResults must be between 1 and 25; 26 is not.",
        "range": {
          "start": {
            "line": 1,
            "column": 64,
            "offset": 63
          },
          "end": {
            "line": 1,
            "column": 66,
            "offset": 65
          }
        }
      }
    ]
  }
]
`, res.stdout)

	// --no-validate lets the service judge the range, not the JSON types.
	res = run(t, testEnv{
		args:  []string{"build", "--operation", "ListBackendJobs", "--region", "us-east-1", "--no-validate", "-"},
		stdin: `{"AppId": "d1", "BackendEnvironmentName": "dev", "MaxResults": 26}`,
	})
	assert.Equal(t, ExitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, `\"maxResults\":26`)
	res = run(t, testEnv{
		args:  []string{"build", "--operation", "ListBackendJobs", "--region", "us-east-1", "--no-validate", "-"},
		stdin: `{"AppId": "d1", "BackendEnvironmentName": "dev", "MaxResults": "26"}`,
	})
	assert.Equal(t, ExitInvalid, res.code)
	assert.Contains(t, res.stdout, `"code": "type"`)
}

func TestBuildUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"build", "x.json"}, "amplifybackend build: --operation is required\n"},
		{[]string{"build", "--operation", "GetBakend", "--region", "us-east-1", "x.json"}, "amplifybackend build: unknown operation \"GetBakend\"; did you mean GetBackend?\n"},
		{[]string{"build", "--operation", "GetBackend", "x.json"}, "amplifybackend build: --region: Invalid Configuration: Missing Region\n"},
		{[]string{"build", "--operation", "GetBackend", "--region", "US-EAST-1", "x.json"}, "amplifybackend build: --region: The region \"US-EAST-1\" is not a valid AWS region name"},
		{[]string{"build", "--operation", "GetBackend", "--endpoint", "ftp://x", "x.json"}, "amplifybackend build: --endpoint: "},
		{[]string{"build", "--operation", "GetBackend", "--region", "us-east-1"}, "amplifybackend build: no input file (use - for standard input)\n"},
		{[]string{"build", "--operation", "GetBackend", "--region", "us-east-1", "a.json", "b.json"}, "amplifybackend build: one input file expected, got 2\n"},
		{[]string{"build", "--operation", "GetBackend", "--region", "us-east-1", "missing.json"}, "amplifybackend build: missing.json: open missing.json: file does not exist\n"},
	} {
		res := run(t, testEnv{args: tc.args})
		assert.Equal(t, ExitUsage, res.code, tc.args)
		assert.Empty(t, res.stdout, tc.args)
		assert.True(t, strings.HasPrefix(res.stderr, tc.want), "%v: %q", tc.args, res.stderr)
	}
}

// signEnv signs the golden build output of CreateBackendAuth.
func signEnv(t *testing.T, args ...string) testEnv {
	req, err := os.ReadFile(filepath.Join("testdata", "build-CreateBackendAuth.json"))
	require.NoError(t, err)
	return testEnv{
		args:  append([]string{"sign"}, args...),
		files: map[string]string{"req.json": string(req)},
		env:   credsEnv(),
		now:   fixedTime.Add(time.Hour), // unused when --time is given
	}
}

func TestSignGolden(t *testing.T) {
	te := signEnv(t, "--region", "eu-west-2", "--time", "2026-01-02T15:04:05Z", "req.json")
	res := run(t, te)
	assert.Equal(t, ExitOK, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	golden(t, "sign-CreateBackendAuth.json", res.stdout)
	assert.Equal(t, res, run(t, te), "signing is deterministic")

	var signed client.Request
	require.NoError(t, signed.UnmarshalJSON([]byte(res.stdout)))
	assert.Equal(t, referenceAuthorization(t, signed, "eu-west-2", "amplifybackend"), signed.Headers.Get("Authorization"))
	assert.Equal(t, testToken, signed.Headers.Get("X-Amz-Security-Token"))
	assert.NotContains(t, res.stdout, testSecret)

	// The compact SigV4 time form and the environment's clock give the
	// same signature.
	res2 := run(t, signEnv(t, "--region", "eu-west-2", "--time", "20260102T150405Z", "req.json"))
	assert.Equal(t, res.stdout, res2.stdout)
	te = signEnv(t, "--region", "eu-west-2", "req.json")
	te.now = fixedTime
	assert.Equal(t, res.stdout, run(t, te).stdout)
}

func TestSignPipeline(t *testing.T) {
	built := run(t, testEnv{args: []string{"build", "--operation", "GetBackendJob", "testdata/operations/GetBackendJob.json"}, env: credsEnv()})
	require.Equal(t, ExitOK, built.code)
	te := testEnv{args: []string{"sign", "-", "--time", "2026-01-02T15:04:05Z"}, stdin: built.stdout, env: credsEnv()}
	res := run(t, te)
	require.Equal(t, ExitOK, res.code, res.stderr)
	var signed client.Request
	require.NoError(t, signed.UnmarshalJSON([]byte(res.stdout)))
	assert.Equal(t, "GET", signed.Method)
	assert.Nil(t, signed.Body)
	assert.Equal(t, referenceAuthorization(t, signed, "us-east-1", "amplifybackend"), signed.Headers.Get("Authorization"))
}

func TestSignPresign(t *testing.T) {
	res := run(t, signEnv(t, "--presign", "--expires", "300", "--time", "2026-01-02T15:04:05Z", "req.json"))
	require.Equal(t, ExitOK, res.code, res.stderr)
	var signed client.Request
	require.NoError(t, signed.UnmarshalJSON([]byte(res.stdout)))
	assert.Empty(t, signed.Headers.Get("Authorization"))
	assert.Contains(t, signed.URL, "X-Amz-Expires=300")
	assert.Contains(t, signed.URL, "X-Amz-Signature=")
	assert.Contains(t, signed.URL, "X-Amz-Credential="+testKeyID+"%2F20260102%2Fus-east-1%2Famplifybackend%2Faws4_request")
	assert.NotContains(t, res.stdout, testSecret)
}

func TestSignFlags(t *testing.T) {
	base := run(t, signEnv(t, "--time", "2026-01-02T15:04:05Z", "req.json"))
	require.Equal(t, ExitOK, base.code)
	res := run(t, signEnv(t, "--time", "2026-01-02T15:04:05Z", "--sign-body", "--service", "execute-api", "req.json"))
	require.Equal(t, ExitOK, res.code, res.stderr)
	var signed client.Request
	require.NoError(t, signed.UnmarshalJSON([]byte(res.stdout)))
	assert.Len(t, signed.Headers.Get("X-Amz-Content-Sha256"), 64)
	assert.Contains(t, signed.Headers.Get("Authorization"), "/us-east-1/execute-api/aws4_request")
	assert.Equal(t, referenceAuthorization(t, signed, "us-east-1", "execute-api"), signed.Headers.Get("Authorization"))
}

func TestSignUsageErrors(t *testing.T) {
	noKey := credsEnv()
	delete(noKey, "AWS_ACCESS_KEY_ID")
	noCreds := map[string]string{"AWS_REGION": "us-east-1"}
	noRegion := credsEnv()
	delete(noRegion, "AWS_REGION")
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--time", "2026-01-02T15:04:05Z", "req.json"}, noKey, "amplifybackend sign: no credentials: AWS_ACCESS_KEY_ID is not set\n"},
		{[]string{"--time", "2026-01-02T15:04:05Z", "req.json"}, noCreds, "amplifybackend sign: no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set\n"},
		{[]string{"--time", "2026-01-02T15:04:05Z", "req.json"}, noRegion, "amplifybackend sign: no region: give --region or set AWS_REGION or AWS_DEFAULT_REGION\n"},
		{[]string{"--time", "yesterday", "req.json"}, nil, "amplifybackend sign: --time \"yesterday\" is not an RFC 3339 time such as 2026-01-02T15:04:05Z\n"},
		{[]string{"--expires", "60", "req.json"}, nil, "amplifybackend sign: --expires needs --presign\n"},
		{[]string{"--presign", "--expires", "604801", "req.json"}, nil, "amplifybackend sign: --expires must be between 1 and 604800 seconds\n"},
		{[]string{"--region", "Mars", "--time", "2026-01-02T15:04:05Z", "req.json"}, nil, "amplifybackend sign: --region: The region must be 1 to 64 lowercase letters, digits or hyphens, such as us-east-1.\n"},
		{[]string{"--time", "2026-01-02T15:04:05Z"}, nil, "amplifybackend sign: no request file (use - for standard input)\n"},
	} {
		te := signEnv(t, tc.args...)
		if tc.env != nil {
			te.env = tc.env
		}
		res := run(t, te)
		assert.Equal(t, ExitUsage, res.code, tc.args)
		assert.Empty(t, res.stdout, tc.args)
		assert.True(t, strings.HasPrefix(res.stderr, tc.want), "%v: %q", tc.args, res.stderr)
	}

	// A host without a clock (the dispatcher without "now") needs --time.
	var stdout, stderr strings.Builder
	code := Run(Env{
		Args:     []string{"sign", "req.json"},
		Stdout:   &stdout,
		Stderr:   &stderr,
		ReadFile: func(string) ([]byte, error) { return []byte(`{"method":"GET","url":"https://h/"}`), nil },
		Getenv:   func(k string) string { return credsEnv()[k] },
	})
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr.String(), "this host has no clock; give --time")

	// The dispatcher's clock without "now" gives the zero time.
	te := signEnv(t, "req.json")
	te.now = time.Time{}
	res := run(t, te)
	assert.Equal(t, ExitUsage, res.code)
	assert.Contains(t, res.stderr, "this host has no clock; give --time")
}

func TestSignInvalidRequest(t *testing.T) {
	res := run(t, testEnv{
		args:  []string{"sign", "--time", "2026-01-02T15:04:05Z", "-"},
		stdin: `{"method": "GET", "url": "ftp://example.com/", "verb": 1}`,
		env:   credsEnv(),
	})
	assert.Equal(t, ExitInvalid, res.code)
	assert.Empty(t, res.stderr)
	var reports []fileReport
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &reports))
	require.Len(t, reports, 1)
	assert.Equal(t, "<stdin>", reports[0].File)
	assert.False(t, reports[0].Valid)
	require.Len(t, reports[0].Errors, 1)
	assert.Equal(t, validate.Problem{Path: "/verb", Code: validate.CodeUnknown, Message: reports[0].Errors[0].Message}, reports[0].Errors[0])

	res = run(t, testEnv{
		args:  []string{"sign", "--time", "2026-01-02T15:04:05Z", "-"},
		stdin: `{"method": "GET", "url": "ftp://example.com/"}`,
		env:   credsEnv(),
	})
	assert.Equal(t, ExitInvalid, res.code)
	assert.Contains(t, res.stdout, `"path": "/url"`)
}

// referenceAuthorization signs r in header mode with a minimal, independent
// SigV4 implementation (no query, no path normalization needed) and returns
// the Authorization header value r should carry.
func referenceAuthorization(t *testing.T, r client.Request, region, service string) string {
	t.Helper()
	amzDate := r.Headers.Get("X-Amz-Date")
	require.Len(t, amzDate, 16)
	rest := strings.SplitN(r.URL, "://", 2)[1]
	path := "/" + strings.SplitN(rest, "/", 2)[1]
	require.NotContains(t, path, "?")
	var names []string
	for k := range r.Headers {
		if k != "Authorization" {
			names = append(names, strings.ToLower(k))
		}
	}
	sort.Strings(names)
	var canonHeaders strings.Builder
	for _, n := range names {
		canonHeaders.WriteString(n + ":" + strings.TrimSpace(r.Headers.Get(n)) + "\n")
	}
	body := ""
	if r.Body != nil {
		body = *r.Body
	}
	sum := sha256.Sum256([]byte(body))
	signed := strings.Join(names, ";")
	canon := strings.Join([]string{r.Method, path, "", canonHeaders.String(), signed, hex.EncodeToString(sum[:])}, "\n")
	canonSum := sha256.Sum256([]byte(canon))
	scope := amzDate[:8] + "/" + region + "/" + service + "/aws4_request"
	sts := "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(canonSum[:])
	mac := func(key []byte, s string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(s))
		return h.Sum(nil)
	}
	k := mac([]byte("AWS4"+testSecret), amzDate[:8])
	k = mac(k, region)
	k = mac(k, service)
	k = mac(k, "aws4_request")
	return "AWS4-HMAC-SHA256 Credential=" + testKeyID + "/" + scope + ", SignedHeaders=" + signed +
		", Signature=" + hex.EncodeToString(mac(k, sts))
}

// TestBuildEndpointSwitches: --use-fips-endpoint and --use-dualstack-endpoint,
// or AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT as the AWS CLI reads
// them, select the region's endpoint from the rule set; the flag wins over
// the variable.
func TestBuildEndpointSwitches(t *testing.T) {
	const in = `{"AppId": "a1"}`
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--region", "us-east-1", "--use-fips-endpoint"}, nil, "https://amplifybackend-fips.us-east-1.amazonaws.com/backend/a1/details"},
		{[]string{"--region", "us-iso-east-1", "--use-dualstack-endpoint"}, nil, "https://amplifybackend.us-iso-east-1.api.aws.ic.gov/backend/a1/details"},
		{[]string{"--region", "eusc-de-east-1"}, map[string]string{"AWS_USE_FIPS_ENDPOINT": "TRUE", "AWS_USE_DUALSTACK_ENDPOINT": "true"}, "https://amplifybackend-fips.eusc-de-east-1.api.amazonwebservices.eu/backend/a1/details"},
		{[]string{"--region", "us-east-1", "--use-fips-endpoint=false"}, map[string]string{"AWS_USE_FIPS_ENDPOINT": "true"}, "https://amplifybackend.us-east-1.amazonaws.com/backend/a1/details"},
		{nil, map[string]string{"AWS_REGION": "us-gov-east-1", "AWS_USE_FIPS_ENDPOINT": "false"}, "https://amplifybackend.us-gov-east-1.amazonaws.com/backend/a1/details"},
	} {
		args := append([]string{"build", "--operation", "GetBackend"}, tc.args...)
		res := run(t, testEnv{args: append(args, "-"), stdin: in, env: tc.env})
		require.Equal(t, ExitOK, res.code, "%v: %s", tc.args, res.stderr)
		var req struct{ URL string }
		require.NoError(t, json.Unmarshal([]byte(res.stdout), &req))
		assert.Equal(t, tc.want, req.URL, tc.args)
	}
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--endpoint", "http://127.0.0.1:1", "--use-fips-endpoint"}, nil,
			"amplifybackend build: --use-fips-endpoint: Invalid Configuration: FIPS and custom endpoint are not supported\n"},
		{[]string{"--endpoint", "http://127.0.0.1:1"}, map[string]string{"AWS_USE_DUALSTACK_ENDPOINT": "true"},
			"amplifybackend build: --use-dualstack-endpoint: Invalid Configuration: Dualstack and custom endpoint are not supported\n"},
		{[]string{"--region", "us-east-1"}, map[string]string{"AWS_USE_FIPS_ENDPOINT": "yes"},
			"amplifybackend build: $AWS_USE_FIPS_ENDPOINT must be true or false, not \"yes\"\nRun 'amplifybackend help build' for usage.\n"},
	} {
		args := append([]string{"build", "--operation", "GetBackend"}, tc.args...)
		res := run(t, testEnv{args: append(args, "-"), stdin: in, env: tc.env})
		assert.Equal(t, ExitUsage, res.code, tc.args)
		assert.Equal(t, tc.want, res.stderr, tc.args)
	}
}
