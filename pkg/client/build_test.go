package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var updateGolden = flag.Bool("update", false, "rewrite pkg/client/testdata/golden from the current builder")

// goldenRequest is the form of a golden file: the body is the JSON value
// itself (not a string) so that the file reads well and compares as JSON.
type goldenRequest struct {
	Method  string            `json:"method"`
	URL     string            `json:"url"`
	Headers map[string]string `json:"headers"` // encoding/json sorts the keys
	Body    json.RawMessage   `json:"body,omitempty"`
}

func toGolden(t *testing.T, r Request) goldenRequest {
	t.Helper()
	g := goldenRequest{Method: r.Method, URL: r.URL, Headers: map[string]string{}}
	for k, vs := range r.Headers {
		require.Len(t, vs, 1, "header %s", k)
		g.Headers[k] = vs[0]
	}
	if r.Body != nil {
		var buf bytes.Buffer
		require.NoError(t, json.Indent(&buf, []byte(*r.Body), "  ", "  "), "the body is not JSON: %s", *r.Body)
		g.Body = buf.Bytes()
	}
	return g
}

// noBodyOps are the operations whose input is only URI labels.
var noBodyOps = []string{"CreateToken", "DeleteBackend", "DeleteToken", "GetBackendJob", "GetToken", "RemoveBackendConfig"}

// operationsDir is the repository's shared example inputs, one per
// operation (also the source of the dispatcher vectors).
var operationsDir = filepath.Join("..", "..", "testdata", "operations")

func readInput(t *testing.T, op string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(operationsDir, op+".json"))
	require.NoError(t, err, "every operation needs an input in testdata/operations")
	return data
}

// typedInput returns the typed value of a user-facing JSON input, made from
// its transcoded wire form (body members and URI labels under their wire
// names), the form the types' easyjson decoders read.
func typedInput(t *testing.T, op string, input []byte) testInput {
	t.Helper()
	tr, probs, err := validate.Transcode(op, input, nil)
	require.NoError(t, err)
	require.Empty(t, probs)
	members := map[string]json.RawMessage{}
	require.NoError(t, json.Unmarshal(tr.Body, &members))
	for _, l := range tr.Labels {
		v, err := json.Marshal(l.Value)
		require.NoError(t, err)
		members[l.Name] = v
	}
	wire, err := json.Marshal(members)
	require.NoError(t, err)
	v := newTestInput(op)
	require.NotNil(t, v, op)
	require.NoError(t, v.UnmarshalJSON(wire))
	return v
}

// TestGolden builds every operation from testdata/operations/<Op>.json and
// compares the request with testdata/golden/<Op>.json: method, URL and
// headers exactly, the body as JSON. BuildValue on the same input as a
// typed value must give the same request. Run with -update to rewrite the
// golden files.
func TestGolden(t *testing.T) {
	ops := validate.Operations()
	require.Len(t, ops, 31)
	for _, op := range ops {
		t.Run(op, func(t *testing.T) {
			input := readInput(t, op)
			req, err := Build(op, input, BuildOptions{Region: "us-east-1"})
			require.NoError(t, err)
			got := toGolden(t, req)
			path := filepath.Join("testdata", "golden", op+".json")
			if *updateGolden {
				data, err := json.MarshalIndent(got, "", "  ")
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(path, append(data, '\n'), 0o644))
			}
			data, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./pkg/client -run TestGolden -update")
			var want goldenRequest
			require.NoError(t, json.Unmarshal(data, &want))
			assert.Equal(t, want.Method, got.Method)
			assert.Equal(t, want.URL, got.URL)
			assert.Equal(t, want.Headers, got.Headers)
			if want.Body == nil || got.Body == nil {
				assert.Equal(t, want.Body == nil, got.Body == nil, "body present")
			} else {
				assert.JSONEq(t, string(want.Body), string(got.Body))
			}

			typed, err := BuildValue(op, typedInput(t, op, input), BuildOptions{Region: "us-east-1"})
			require.NoError(t, err)
			assert.Equal(t, req.Method, typed.Method)
			assert.Equal(t, req.URL, typed.URL)
			assert.Equal(t, req.Headers, typed.Headers)
			require.Equal(t, req.Body == nil, typed.Body == nil)
			if req.Body != nil {
				assert.JSONEq(t, *req.Body, *typed.Body)
			}
		})
	}
}

// TestGoldenMatchesModel checks the golden files against the operation
// table directly, so that -update cannot bless a wrong method or a body on
// a label-only operation.
func TestGoldenMatchesModel(t *testing.T) {
	for i := range schema.Operations {
		o := &schema.Operations[i]
		data, err := os.ReadFile(filepath.Join("testdata", "golden", o.Name+".json"))
		require.NoError(t, err)
		var g goldenRequest
		require.NoError(t, json.Unmarshal(data, &g))
		assert.Equal(t, o.Method, g.Method, o.Name)
		assert.True(t, strings.HasPrefix(g.URL, "https://amplifybackend.us-east-1.amazonaws.com/"), o.Name)
		assert.NotContains(t, g.URL, "{", o.Name)
		assert.Equal(t, "amplifybackend.us-east-1.amazonaws.com", g.Headers["Host"], o.Name)
		if o.HasBody {
			assert.Equal(t, "application/json", g.Headers["Content-Type"], o.Name)
			assert.NotNil(t, g.Body, o.Name)
			assert.Len(t, g.Headers, 2, o.Name)
		} else {
			assert.Nil(t, g.Body, o.Name)
			assert.Len(t, g.Headers, 1, o.Name)
		}
	}
}

// TestSharedOperationInputs builds every input of the repository's shared
// vector suite (testdata/operations at the root) in another region; every
// operation must have one.
func TestSharedOperationInputs(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(operationsDir, "*.json"))
	require.NoError(t, err)
	require.Len(t, files, len(validate.Operations()), "one input per operation in testdata/operations")
	for _, op := range validate.Operations() {
		_, err = Build(op, readInput(t, op), BuildOptions{Region: "eu-west-1"})
		assert.NoError(t, err, op)
	}
}

func TestBuildNoBody(t *testing.T) {
	for _, op := range noBodyOps {
		o, ok := schema.LookupOperation(op)
		require.True(t, ok)
		assert.False(t, o.HasBody, op)
		req, err := Build(op, readInput(t, op), BuildOptions{Region: "us-east-1"})
		require.NoError(t, err, op)
		assert.Nil(t, req.Body, op)
		assert.Empty(t, req.Headers.Get("Content-Type"), op)
		assert.Equal(t, Header{"Host": {"amplifybackend.us-east-1.amazonaws.com"}}, req.Headers, op)
	}
	// Every other operation has a body, "{}" at least.
	req, err := Build("ListS3Buckets", []byte(`{}`), BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	require.NotNil(t, req.Body)
	assert.Equal(t, "{}", *req.Body)
	assert.Equal(t, "application/json", req.Headers.Get("Content-Type"))
	assert.Equal(t, "https://amplifybackend.us-east-1.amazonaws.com/s3Buckets", req.URL)

	req, err = Build("GetBackend", []byte(`{"AppId":"app1"}`), BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.Equal(t, "{}", *req.Body)
}

// TestBuildAwkwardLabels checks the exact escaping of URI labels: only
// A-Z a-z 0-9 - . _ ~ stay as they are.
func TestBuildAwkwardLabels(t *testing.T) {
	const base = "https://amplifybackend.us-east-1.amazonaws.com/backend/"
	cases := []struct {
		name             string
		app, env, job    string
		wantPathAfterApp string
	}{
		{"space", "my app", "dev env", "job 1", "my%20app/job/dev%20env/job%201"},
		{"slash", "a/b", "x/y/z", "/", "a%2Fb/job/x%2Fy%2Fz/%2F"},
		{"percent", "100%", "%2F", "%%", "100%25/job/%252F/%25%25"},
		{"plus", "a+b", "+", "c+", "a%2Bb/job/%2B/c%2B"},
		{"unicode", "café", "😀", "é😀", "caf%C3%A9/job/%F0%9F%98%80/%C3%A9%F0%9F%98%80"},
		{"unreserved", "A-Z.a_z~0", "...", "a..b", "A-Z.a_z~0/job/.../a..b"},
		{"dots inside", ".x", "x.", "..y", ".x/job/x./..y"},
		{"reserved", "?#[]@!$&'()*,;=:", "\"<>\\^`{|}", "\t\n", "%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2C%3B%3D%3A/job/%22%3C%3E%5C%5E%60%7B%7C%7D/%09%0A"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, err := json.Marshal(map[string]string{"AppId": tc.app, "BackendEnvironmentName": tc.env, "JobId": tc.job})
			require.NoError(t, err)
			req, err := Build("GetBackendJob", in, BuildOptions{Region: "us-east-1"})
			require.NoError(t, err)
			assert.Equal(t, base+tc.wantPathAfterApp, req.URL)
			assert.Equal(t, "GET", req.Method)

			// The typed path escapes the same way.
			typed, err := BuildValue("GetBackendJob", &types.GetBackendJobRequest{
				AppId: &tc.app, BackendEnvironmentName: &tc.env, JobId: &tc.job,
			}, BuildOptions{Region: "us-east-1"})
			require.NoError(t, err)
			assert.Equal(t, req.URL, typed.URL)

			// The URL is one that HTTPRequest sends exactly as written.
			hr, err := req.HTTPRequest(t.Context())
			require.NoError(t, err)
			assert.Equal(t, "/backend/"+tc.wantPathAfterApp, hr.URL.EscapedPath())
		})
	}
}

// TestBuildDotSegmentLabels: a label that is exactly "." or ".." would be
// a dot segment, which URL normalization removes; it is refused.
func TestBuildDotSegmentLabels(t *testing.T) {
	for _, v := range []string{".", ".."} {
		in, _ := json.Marshal(map[string]string{"AppId": "app", "BackendEnvironmentName": v, "JobId": v})
		_, err := Build("GetBackendJob", in, BuildOptions{Region: "us-east-1"})
		var verr *validate.Error
		require.ErrorAs(t, err, &verr, v)
		require.Len(t, verr.Problems, 2)
		assert.Equal(t, "/BackendEnvironmentName", verr.Problems[0].Path)
		assert.Equal(t, validate.CodeInvalid, verr.Problems[0].Code)
		assert.Equal(t, "/JobId", verr.Problems[1].Path)
		assert.Contains(t, verr.Problems[1].Message, "JobId must not be")

		// Also in lenient mode, and from a typed value.
		_, err = Build("GetBackendJob", in, BuildOptions{Region: "us-east-1", Lenient: true})
		require.ErrorAs(t, err, &verr)
		v := v
		_, err = BuildValue("DeleteToken", &types.DeleteTokenRequest{AppId: &v, SessionId: types.String("s")}, BuildOptions{Region: "us-east-1"})
		require.ErrorAs(t, err, &verr)
		assert.Equal(t, []validate.Problem{{Path: "/AppId", Code: validate.CodeInvalid,
			Message: `AppId must not be "." or "..": as a segment of the request URI it would be removed by URL normalization.`}}, verr.Problems)
	}
}

// TestBuildSetAndUnsetValues: members set to false, 0, "", [] or {} are
// sent; members left out (or null) are not, from JSON and from typed values.
func TestBuildSetAndUnsetValues(t *testing.T) {
	const input = `{
		"AppId": "app1",
		"BackendEnvironmentName": "dev",
		"ResourceName": "",
		"ResourceConfig": {
			"AuthResources": "USER_POOL_ONLY",
			"Service": "COGNITO",
			"IdentityPoolConfigs": {"UnauthenticatedLogin": false},
			"UserPoolConfigs": {
				"Mfa": {},
				"PasswordPolicy": {"MinimumLength": 0, "AdditionalConstraints": []},
				"OAuth": {"DomainPrefix": "", "RedirectSignInURIs": [], "SocialProviderSettings": null},
				"ForgotPassword": null
			}
		}
	}`
	const want = `{
		"resourceName": "",
		"resourceConfig": {
			"authResources": "USER_POOL_ONLY",
			"service": "COGNITO",
			"identityPoolConfigs": {"unauthenticatedLogin": false},
			"userPoolConfigs": {
				"mfa": {},
				"passwordPolicy": {"minimumLength": 0, "additionalConstraints": []},
				"oAuth": {"domainPrefix": "", "redirectSignInURIs": []}
			}
		}
	}`
	req, err := Build("UpdateBackendAuth", []byte(input), BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.JSONEq(t, want, *req.Body)
	assert.Equal(t, "https://amplifybackend.us-east-1.amazonaws.com/backend/app1/auth/dev", req.URL)

	typed := &types.UpdateBackendAuthRequest{
		AppId:                  types.String("app1"),
		BackendEnvironmentName: types.String("dev"),
		ResourceName:           types.String(""),
		ResourceConfig: &types.UpdateBackendAuthResourceConfig{
			AuthResources:       types.AuthResourcesUserPoolOnly,
			Service:             types.ServiceCognito,
			IdentityPoolConfigs: &types.UpdateBackendAuthIdentityPoolConfig{UnauthenticatedLogin: types.Bool(false)},
			UserPoolConfigs: &types.UpdateBackendAuthUserPoolConfig{
				Mfa: &types.UpdateBackendAuthMFAConfig{},
				PasswordPolicy: &types.UpdateBackendAuthPasswordPolicyConfig{
					MinimumLength:         types.Float64(0),
					AdditionalConstraints: []types.AdditionalConstraintsElement{},
				},
				OAuth: &types.UpdateBackendAuthOAuthConfig{DomainPrefix: types.String(""), RedirectSignInURIs: []string{}},
			},
		},
	}
	treq, err := BuildValue("UpdateBackendAuth", typed, BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.JSONEq(t, want, *treq.Body)
	assert.Equal(t, req.URL, treq.URL)

	// Nothing set but the labels: an empty body.
	req, err = Build("ListBackendJobs", []byte(`{"AppId":"a","BackendEnvironmentName":"b","MaxResults":null,"NextToken":null}`), BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.Equal(t, "{}", *req.Body)
	treq, err = BuildValue("ListBackendJobs", &types.ListBackendJobsRequest{AppId: types.String("a"), BackendEnvironmentName: types.String("b")}, BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.Equal(t, "{}", *treq.Body)

	// Zero values that are set are sent: "" and 0 in RemoveAllBackends'
	// neighbours, false here.
	req, err = Build("RemoveAllBackends", []byte(`{"AppId":"a","CleanAmplifyApp":false}`), BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"cleanAmplifyApp":false}`, *req.Body)
	treq, err = BuildValue("RemoveAllBackends", &types.RemoveAllBackendsRequest{AppId: types.String("a"), CleanAmplifyApp: types.Bool(false)}, BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"cleanAmplifyApp":false}`, *treq.Body)
	treq, err = BuildValue("RemoveAllBackends", &types.RemoveAllBackendsRequest{AppId: types.String("a")}, BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.Equal(t, `{}`, *treq.Body)
}

func TestBuildEndpoints(t *testing.T) {
	const in = `{"AppId":"app1","BackendEnvironmentName":"dev","JobId":"j1"}`
	cases := []struct {
		name     string
		opts     BuildOptions
		url      string
		hostHead string
	}{
		{"us-east-1", BuildOptions{Region: "us-east-1"}, "https://amplifybackend.us-east-1.amazonaws.com/backend/app1/job/dev/j1", "amplifybackend.us-east-1.amazonaws.com"},
		{"eu-central-1", BuildOptions{Region: "eu-central-1"}, "https://amplifybackend.eu-central-1.amazonaws.com/backend/app1/job/dev/j1", "amplifybackend.eu-central-1.amazonaws.com"},
		{"cn-north-1", BuildOptions{Region: "cn-north-1"}, "https://amplifybackend.cn-north-1.amazonaws.com.cn/backend/app1/job/dev/j1", "amplifybackend.cn-north-1.amazonaws.com.cn"},
		{"cn-northwest-1", BuildOptions{Region: "cn-northwest-1"}, "https://amplifybackend.cn-northwest-1.amazonaws.com.cn/backend/app1/job/dev/j1", "amplifybackend.cn-northwest-1.amazonaws.com.cn"},
		{"us-gov-west-1", BuildOptions{Region: "us-gov-west-1"}, "https://amplifybackend.us-gov-west-1.amazonaws.com/backend/app1/job/dev/j1", "amplifybackend.us-gov-west-1.amazonaws.com"},
		{"custom with prefix", BuildOptions{Region: "us-east-1", Endpoint: "http://127.0.0.1:4566/prefix"}, "http://127.0.0.1:4566/prefix/backend/app1/job/dev/j1", "127.0.0.1:4566"},
		{"custom, trailing slash", BuildOptions{Endpoint: "http://localhost:4566/a/b/"}, "http://localhost:4566/a/b/backend/app1/job/dev/j1", "localhost:4566"},
		{"custom, no region", BuildOptions{Endpoint: "https://mock.example.com"}, "https://mock.example.com/backend/app1/job/dev/j1", "mock.example.com"},
		{"custom, case and default port", BuildOptions{Endpoint: "HTTPS://Mock.Example.COM:443/"}, "https://mock.example.com/backend/app1/job/dev/j1", "mock.example.com"},
		{"custom, http default port", BuildOptions{Endpoint: "http://h:80/p%20q"}, "http://h/p%20q/backend/app1/job/dev/j1", "h"},
		{"custom, IPv6", BuildOptions{Endpoint: "http://[::1]:8080"}, "http://[::1]:8080/backend/app1/job/dev/j1", "[::1]:8080"},
		{"custom, sub-delims in the prefix", BuildOptions{Endpoint: "http://h:1/a;b/(c)/d=e/~f/%7E"}, "http://h:1/a;b/(c)/d=e/~f/%7E/backend/app1/job/dev/j1", "h:1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, err := Build("GetBackendJob", []byte(in), tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.url, req.URL)
			assert.Equal(t, Header{"Host": {tc.hostHead}}, req.Headers)

			// net/http sends the URL as built, to the Host built.
			hr, err := req.HTTPRequest(t.Context())
			require.NoError(t, err)
			_, wantPath, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(tc.url, "https://"), "http://"), "/")
			assert.Equal(t, "/"+wantPath, hr.URL.EscapedPath())
			assert.Equal(t, tc.hostHead, hr.Host)
		})
	}
}

func TestBuildOptionErrors(t *testing.T) {
	const in = `{"AppId":"app1"}`
	cases := []struct {
		name string
		opts BuildOptions
		want []validate.Problem
	}{
		{"no region", BuildOptions{}, []validate.Problem{{Path: "/region", Code: validate.CodeRequired}}},
		{"upper case", BuildOptions{Region: "US-EAST-1"}, []validate.Problem{{Path: "/region", Code: validate.CodeInvalid}}},
		{"host injection", BuildOptions{Region: "us-east-1.evil.com"}, []validate.Problem{{Path: "/region", Code: validate.CodeInvalid}}},
		{"slash", BuildOptions{Region: "us-east-1/x"}, []validate.Problem{{Path: "/region", Code: validate.CodeInvalid}}},
		{"no number", BuildOptions{Region: "us-east"}, []validate.Problem{{Path: "/region", Code: validate.CodeInvalid}}},
		{"underscores", BuildOptions{Region: "us_east_1"}, []validate.Problem{{Path: "/region", Code: validate.CodeInvalid}}},
		{"bad region with endpoint", BuildOptions{Region: "nowhere", Endpoint: "http://localhost"}, []validate.Problem{{Path: "/region", Code: validate.CodeInvalid}}},
		{"ftp", BuildOptions{Region: "us-east-1", Endpoint: "ftp://example.com"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"relative", BuildOptions{Region: "us-east-1", Endpoint: "example.com/x"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"user info", BuildOptions{Region: "us-east-1", Endpoint: "https://user:pw@example.com"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"query", BuildOptions{Region: "us-east-1", Endpoint: "https://example.com/p?x=1"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"fragment", BuildOptions{Region: "us-east-1", Endpoint: "https://example.com#f"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"port 0", BuildOptions{Region: "us-east-1", Endpoint: "http://localhost:0"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"port too big", BuildOptions{Region: "us-east-1", Endpoint: "http://localhost:65536"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"space in path", BuildOptions{Region: "us-east-1", Endpoint: "http://localhost/a b"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"bad escape", BuildOptions{Region: "us-east-1", Endpoint: "http://localhost/a%zz"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"no host", BuildOptions{Region: "us-east-1", Endpoint: "http:///x"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"bad host", BuildOptions{Region: "us-east-1", Endpoint: "http://ex ample.com"}, []validate.Problem{{Path: "/endpoint", Code: validate.CodeInvalid}}},
		{"both", BuildOptions{Region: "Mars", Endpoint: "mars://x"}, []validate.Problem{{Path: "/region", Code: validate.CodeInvalid}, {Path: "/endpoint", Code: validate.CodeInvalid}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build("GetBackend", []byte(in), tc.opts)
			var verr *validate.Error
			require.ErrorAs(t, err, &verr)
			require.Len(t, verr.Problems, len(tc.want), "%v", verr.Problems)
			for i, p := range verr.Problems {
				assert.Equal(t, tc.want[i].Path, p.Path)
				assert.Equal(t, tc.want[i].Code, p.Code)
				assert.NotEmpty(t, p.Message)
			}
		})
	}

	// Option problems and input problems come together, options first.
	_, err := Build("GetBackend", []byte(`{"AppId":""}`), BuildOptions{Region: "bad"})
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Problems, 2)
	assert.Equal(t, "/region", verr.Problems[0].Path)
	assert.Equal(t, "/AppId", verr.Problems[1].Path)
	assert.Equal(t, validate.CodeEmpty, verr.Problems[1].Code)
}

// TestBuildLenient: Lenient lets unknown enum values, out-of-range numbers
// and missing body members through, end to end, but still refuses missing
// or empty URI labels and JSON that does not fit the wire types.
func TestBuildLenient(t *testing.T) {
	const loose = `{
		"AppId": "app1",
		"BackendEnvironmentName": "dev",
		"ResourceName": "auth",
		"ResourceConfig": {
			"AuthResources": "USER_POOL_AND_IDENTITY_POOL",
			"Service": "COGNITO",
			"UserPoolConfigs": {"SignInMethod": "PASSKEY", "RequiredSignUpAttributes": ["EMAIL", "FAVOURITE_COLOUR"]}
		}
	}`
	_, err := Build("CreateBackendAuth", []byte(loose), BuildOptions{Region: "us-east-1"})
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	codes := map[validate.Code]int{}
	for _, p := range verr.Problems {
		codes[p.Code]++
	}
	assert.Equal(t, 3, codes[validate.CodeEnum], "%v", verr.Problems)
	assert.Equal(t, 1, codes[validate.CodeRequired], "%v", verr.Problems) // UserPoolName

	req, err := Build("CreateBackendAuth", []byte(loose), BuildOptions{Region: "us-east-1", Lenient: true})
	require.NoError(t, err)
	assert.JSONEq(t, `{"backendEnvironmentName":"dev","resourceName":"auth","resourceConfig":{
		"authResources":"USER_POOL_AND_IDENTITY_POOL","service":"COGNITO",
		"userPoolConfigs":{"signInMethod":"PASSKEY","requiredSignUpAttributes":["EMAIL","FAVOURITE_COLOUR"]}}}`, *req.Body)

	// Out of range, and a missing body member.
	const rangeIn = `{"AppId":"a","BackendEnvironmentName":"b","MaxResults":26}`
	_, err = Build("ListBackendJobs", []byte(rangeIn), BuildOptions{Region: "us-east-1"})
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, validate.CodeRange, verr.Problems[0].Code)
	req, err = Build("ListBackendJobs", []byte(rangeIn), BuildOptions{Region: "us-east-1", Lenient: true})
	require.NoError(t, err)
	assert.JSONEq(t, `{"maxResults":26}`, *req.Body)
	req, err = Build("CloneBackend", []byte(`{"AppId":"a","BackendEnvironmentName":"b"}`), BuildOptions{Region: "us-east-1", Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, "{}", *req.Body)

	// Typed values get the same leniency.
	treq, err := BuildValue("ListBackendJobs", &types.ListBackendJobsRequest{
		AppId: types.String("a"), BackendEnvironmentName: types.String("b"), MaxResults: types.Int32(0), Operation: types.String("x"),
	}, BuildOptions{Region: "us-east-1", Lenient: true})
	require.NoError(t, err)
	assert.JSONEq(t, `{"maxResults":0,"operation":"x"}`, *treq.Body)

	// Still refused.
	refused := []struct {
		op, in string
		path   string
		code   validate.Code
	}{
		{"GetBackendJob", `{"AppId":"a","BackendEnvironmentName":"b"}`, "/JobId", validate.CodeRequired},
		{"GetBackendJob", `{"AppId":"a","BackendEnvironmentName":"","JobId":"j"}`, "/BackendEnvironmentName", validate.CodeEmpty},
		{"GetBackendJob", `{"AppId":null,"BackendEnvironmentName":"b","JobId":"j"}`, "/AppId", validate.CodeRequired},
		{"GetBackendJob", `{"AppId":7,"BackendEnvironmentName":"b","JobId":"j"}`, "/AppId", validate.CodeType},
		{"ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"b","MaxResults":"25"}`, "/MaxResults", validate.CodeType},
		{"ListBackendJobs", `{"AppId":"a","BackendEnvironmentName":"b","MaxResults":2.5}`, "/MaxResults", validate.CodeType},
		{"RemoveAllBackends", `{"AppId":"a","CleanAmplifyApp":"yes"}`, "/CleanAmplifyApp", validate.CodeType},
		{"RemoveAllBackends", `{"AppId":"a","Clean":true}`, "/Clean", validate.CodeUnknown},
		{"RemoveAllBackends", `{"AppId":"a",}`, "", validate.CodeSyntax},
	}
	for _, r := range refused {
		_, err := Build(r.op, []byte(r.in), BuildOptions{Region: "us-east-1", Lenient: true})
		require.ErrorAs(t, err, &verr, r.in)
		require.Len(t, verr.Problems, 1, r.in)
		assert.Equal(t, r.path, verr.Problems[0].Path, r.in)
		assert.Equal(t, r.code, verr.Problems[0].Code, r.in)
	}
	_, err = BuildValue("GetToken", &types.GetTokenRequest{AppId: types.String("a")}, BuildOptions{Region: "us-east-1", Lenient: true})
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "/SessionId", verr.Problems[0].Path)
}

func TestBuildErrors(t *testing.T) {
	_, err := Build("CreateBackendAuthh", []byte(`{}`), BuildOptions{Region: "us-east-1"})
	var nerr *validate.NameError
	require.ErrorAs(t, err, &nerr)
	assert.Equal(t, "operation", nerr.Kind)
	assert.Contains(t, nerr.Matches, "CreateBackendAuth")

	_, err = BuildValue("Nope", &types.GetTokenRequest{}, BuildOptions{Region: "us-east-1"})
	require.ErrorAs(t, err, &nerr)

	var verr *validate.Error
	_, err = BuildValue("GetBackendJob", &types.GetTokenRequest{AppId: types.String("a"), SessionId: types.String("s")}, BuildOptions{Region: "us-east-1"})
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []validate.Problem{{Code: validate.CodeType,
		Message: "The input is a types.GetTokenRequest, but GetBackendJob takes a types.GetBackendJobRequest."}}, verr.Problems)

	_, err = BuildValue("GetToken", nil, BuildOptions{Region: "us-east-1"})
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, validate.CodeType, verr.Problems[0].Code)

	var nilReq *types.GetTokenRequest
	_, err = BuildValue("GetToken", nilReq, BuildOptions{Region: "us-east-1"})
	require.ErrorAs(t, err, &verr)
	assert.Contains(t, verr.Problems[0].Message, "nil pointer")

	// A value (not a pointer) is accepted too.
	req, err := BuildValue("GetToken", types.GetTokenRequest{AppId: types.String("a"), SessionId: types.String("s")}, BuildOptions{Region: "us-east-1"})
	require.NoError(t, err)
	assert.Equal(t, "https://amplifybackend.us-east-1.amazonaws.com/backend/a/challenge/s", req.URL)

	// A secret never appears in a problem.
	_, err = Build("CreateBackendAuth", []byte(`{"AppId":"a","BackendEnvironmentName":"b","ResourceName":"r","ResourceConfig":{
		"AuthResources":"USER_POOL_ONLY","Service":"COGNITO","UserPoolConfigs":{"UserPoolName":"p","SignInMethod":"EMAIL",
		"RequiredSignUpAttributes":[],"OAuth":{"OAuthGrantType":"CODE","OAuthScopes":[],"RedirectSignInURIs":[],"RedirectSignOutURIs":[],
		"SocialProviderSettings":{"Google":{"ClientId":"id","ClientSecret":123,"Secret":"hunter2-secret"}}}}}}`), BuildOptions{Region: "us-east-1"})
	require.ErrorAs(t, err, &verr)
	assert.NotContains(t, err.Error(), "hunter2")
	assert.False(t, errors.Is(err, os.ErrNotExist))
}

// TestBuildOptionsCheckComesFirst: Check reports exactly the options'
// problems, and Build lists them first, before the input's (callers rely on
// the order to report the options apart).
func TestBuildOptionsCheckComesFirst(t *testing.T) {
	opts := BuildOptions{Region: "US East", Endpoint: "ftp://x"}
	want := opts.Check()
	require.Len(t, want, 2)
	assert.Equal(t, "/region", want[0].Path)
	assert.Equal(t, "/endpoint", want[1].Path)
	_, err := Build("GetBackend", []byte(`{"AppId":"","region":1}`), opts)
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	require.Greater(t, len(verr.Problems), len(want))
	assert.Equal(t, want, verr.Problems[:len(want)])
	assert.Equal(t, "/AppId", verr.Problems[len(want)].Path)
	assert.Empty(t, BuildOptions{Region: "us-east-1"}.Check())
	_, err = Build("GetBakend", []byte(`{}`), BuildOptions{Region: "us-east-1"})
	var ne *validate.NameError
	require.ErrorAs(t, err, &ne)
	assert.Equal(t, []string{"GetBackend"}, ne.Matches)
}
