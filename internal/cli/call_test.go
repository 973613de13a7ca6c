//go:build !wasm

package cli

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// fakeService is an httptest AmplifyBackend: it records the requests and
// answers with the next canned response.
type fakeService struct {
	mu        sync.Mutex
	requests  []recorded
	responses []canned
}

type recorded struct {
	method, path, body string
	header             http.Header
}

type canned struct {
	status int
	header map[string]string
	body   string
}

func (f *fakeService) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	f.mu.Lock()
	f.requests = append(f.requests, recorded{req.Method, req.URL.EscapedPath(), string(body), req.Header.Clone()})
	resp := canned{status: 200, body: "{}"}
	if len(f.responses) > 0 {
		resp, f.responses = f.responses[0], f.responses[1:]
	}
	f.mu.Unlock()
	for k, v := range resp.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.status)
	io.WriteString(w, resp.body)
}

func newFakeService(t *testing.T, responses ...canned) (*fakeService, *httptest.Server) {
	f := &fakeService{responses: responses}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv
}

func callEnv(srv *httptest.Server, op string, extra ...string) testEnv {
	return testEnv{
		args: append([]string{"call", "--operation", op, "--endpoint", srv.URL, "testdata/operations/" + op + ".json"}, extra...),
		env:  credsEnv(),
		now:  fixedTime,
		http: srv.Client(),
	}
}

func TestCallGetBackendJob(t *testing.T) {
	f, srv := newFakeService(t, canned{
		status: 200,
		header: map[string]string{"X-Amzn-Requestid": "req-123", "Date": "Fri, 02 Jan 2026 15:04:05 GMT"},
		body:   `{"appId":"d2v6kx3qz7p1ab","backendEnvironmentName":"staging","jobId":"3e8f","operation":"CreateBackendAuth","status":"COMPLETED","createTime":"1767366245","updateTime":"1767366290"}`,
	})
	res := run(t, callEnv(srv, "GetBackendJob"))
	require.Equal(t, ExitOK, res.code, res.stderr)
	assert.Empty(t, res.stderr)
	assert.Equal(t, `{
  "AppId": "d2v6kx3qz7p1ab",
  "BackendEnvironmentName": "staging",
  "CreateTime": "1767366245",
  "JobId": "3e8f",
  "Operation": "CreateBackendAuth",
  "Status": "COMPLETED",
  "UpdateTime": "1767366290",
  "ResponseMetadata": {
    "RequestId": "req-123",
    "HTTPStatusCode": 200,
    "HTTPHeaders": {
      "content-length": "181",
      "content-type": "application/json",
      "date": "Fri, 02 Jan 2026 15:04:05 GMT",
      "x-amzn-requestid": "req-123"
    },
    "RetryAttempts": 0
  }
}
`, res.stdout)

	require.Len(t, f.requests, 1)
	got := f.requests[0]
	assert.Equal(t, "GET", got.method)
	assert.Equal(t, "/backend/d2v6kx3qz7p1ab/job/staging/3e8f2c1a-7b5d-4e9f-a2c6-1d0b9e8f7a65", got.path)
	assert.Equal(t, "20260102T150405Z", got.header.Get("X-Amz-Date"), "signed with env.Now")
	assert.Contains(t, got.header.Get("Authorization"), "Credential="+testKeyID+"/20260102/us-east-1/amplifybackend/aws4_request")
	assert.Equal(t, testToken, got.header.Get("X-Amz-Security-Token"))
}

func TestCallSendsTheBuiltBody(t *testing.T) {
	f, srv := newFakeService(t, canned{status: 200, body: `{"appId":"d2v6kx3qz7p1ab","backendEnvironmentName":"staging","jobId":"j1","status":"IN_PROGRESS"}`})
	res := run(t, callEnv(srv, "CreateBackendAuth"))
	require.Equal(t, ExitOK, res.code, res.stderr)
	built := run(t, testEnv{args: []string{"build", "--operation", "CreateBackendAuth", "--endpoint", srv.URL, "testdata/operations/CreateBackendAuth.json"}})
	require.Equal(t, ExitOK, built.code)
	var req client.Request
	require.NoError(t, req.UnmarshalJSON([]byte(built.stdout)))
	require.Len(t, f.requests, 1)
	assert.JSONEq(t, *req.Body, f.requests[0].body)
	assert.Equal(t, "/backend/d2v6kx3qz7p1ab/auth", f.requests[0].path)
}

// TestCallEveryOperation: each example input is sent as build builds it,
// and its response read with the operation's output shape.
func TestCallEveryOperation(t *testing.T) {
	for _, op := range validate.Operations() {
		f, srv := newFakeService(t)
		res := run(t, callEnv(srv, op))
		require.Equal(t, ExitOK, res.code, "%s: %s", op, res.stderr)
		assert.Contains(t, res.stdout, `"ResponseMetadata": {`, op)
		require.Len(t, f.requests, 1, op)

		built := run(t, testEnv{args: []string{"build", "--operation", op, "--endpoint", srv.URL, "testdata/operations/" + op + ".json"}})
		require.Equal(t, ExitOK, built.code)
		var req client.Request
		require.NoError(t, req.UnmarshalJSON([]byte(built.stdout)))
		assert.Equal(t, req.Method, f.requests[0].method, op)
		assert.Equal(t, strings.TrimPrefix(req.URL, srv.URL), f.requests[0].path, op)
		if req.Body != nil {
			assert.JSONEq(t, *req.Body, f.requests[0].body, op)
		} else {
			assert.Empty(t, f.requests[0].body, op)
		}
	}
}

func TestCallListsAndNesting(t *testing.T) {
	_, srv := newFakeService(t, canned{status: 200, body: `{"jobs":[{"appId":"d1","backendEnvironmentName":"dev","jobId":"j1","status":"COMPLETED"},{"appId":"d1","backendEnvironmentName":"dev","jobId":"j2"}],"nextToken":"t2"}`})
	res := run(t, callEnv(srv, "ListBackendJobs"))
	require.Equal(t, ExitOK, res.code, res.stderr)
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.stdout), &out))
	assert.Equal(t, "t2", out["NextToken"])
	assert.Equal(t, []any{
		map[string]any{"AppId": "d1", "BackendEnvironmentName": "dev", "JobId": "j1", "Status": "COMPLETED"},
		map[string]any{"AppId": "d1", "BackendEnvironmentName": "dev", "JobId": "j2"},
	}, out["Jobs"])
}

func TestCallServiceError(t *testing.T) {
	_, srv := newFakeService(t, canned{
		status: 404,
		header: map[string]string{"X-Amzn-Requestid": "req-404", "X-Amzn-Errortype": "NotFoundException"},
		body:   `{"message":"App d2v6kx3qz7p1ab not found","resourceType":"App"}`,
	})
	res := run(t, callEnv(srv, "GetBackend"))
	assert.Equal(t, ExitInvalid, res.code)
	assert.Empty(t, res.stdout)
	assert.Equal(t, "amplifybackend call: NotFoundException: App d2v6kx3qz7p1ab not found (HTTP 404, resource type App, request ID req-404)\n", res.stderr)
}

func TestCallRetriesThrottling(t *testing.T) {
	f, srv := newFakeService(t,
		canned{status: 429, body: `{"message":"Rate exceeded"}`},
		canned{status: 200, header: map[string]string{"X-Amzn-Requestid": "r2"}, body: `{"appId":"d1","appName":"storefront"}`})
	res := run(t, callEnv(srv, "GetBackend"))
	require.Equal(t, ExitOK, res.code, res.stderr)
	assert.Len(t, f.requests, 2)
	assert.Contains(t, res.stdout, `"RetryAttempts": 1`)
	assert.Contains(t, res.stdout, `"AppName": "storefront"`)
}

func TestCallInvalidInputSendsNothing(t *testing.T) {
	f, srv := newFakeService(t)
	te := callEnv(srv, "GetBackend")
	te.args = []string{"call", "--operation", "GetBackend", "--endpoint", srv.URL, "-"}
	te.stdin = `{"AppId": ""}`
	res := run(t, te)
	assert.Equal(t, ExitInvalid, res.code)
	assert.Contains(t, res.stdout, `"code": "empty"`)
	assert.Empty(t, res.stderr)
	assert.Empty(t, f.requests)
}

// doerFunc is a Doer that is not an *http.Client.
type doerFunc func(*http.Request) (*http.Response, error)

func (d doerFunc) Do(r *http.Request) (*http.Response, error) { return d(r) }

func TestCallAnyDoer(t *testing.T) {
	var got *http.Request
	te := testEnv{
		args: []string{"call", "--operation", "CreateToken", "testdata/operations/CreateToken.json"},
		env:  credsEnv(),
		now:  fixedTime,
		http: doerFunc(func(r *http.Request) (*http.Response, error) {
			got = r
			return &http.Response{
				StatusCode: 200,
				Header:     http.Header{"X-Amzn-Requestid": {"r1"}},
				Body:       io.NopCloser(strings.NewReader(`{"appId":"d2v6kx3qz7p1ab","challengeCode":"123456","sessionId":"s1","ttl":"600"}`)),
				Request:    r,
			}, nil
		}),
	}
	res := run(t, te)
	require.Equal(t, ExitOK, res.code, res.stderr)
	require.NotNil(t, got)
	assert.Equal(t, "https://amplifybackend.us-east-1.amazonaws.com/backend/d2v6kx3qz7p1ab/challenge", got.URL.String())
	assert.Contains(t, res.stdout, `"ChallengeCode": "123456"`)
}

func TestCallUnavailableAndUsage(t *testing.T) {
	res := run(t, testEnv{args: []string{"call", "--operation", "GetBackend", "x.json"}, env: credsEnv()})
	assert.Equal(t, ExitUsage, res.code)
	assert.Equal(t, "amplifybackend call: not available in this host (it cannot send HTTP requests); use 'build' and 'sign' and send the request yourself\n", res.stderr)

	_, srv := newFakeService(t)
	te := callEnv(srv, "GetBackend")
	te.env = map[string]string{"AWS_REGION": "us-east-1"}
	res = run(t, te)
	assert.Equal(t, ExitUsage, res.code)
	assert.Equal(t, "amplifybackend call: no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set\n", res.stderr)

	te = callEnv(srv, "GetBackend")
	delete(te.env, "AWS_REGION")
	res = run(t, te)
	assert.Equal(t, ExitUsage, res.code)
	assert.Contains(t, res.stderr, "no region: give --region or set AWS_REGION or AWS_DEFAULT_REGION")

	te = callEnv(srv, "GetBackendz")
	res = run(t, te)
	assert.Equal(t, ExitUsage, res.code)
	assert.Contains(t, res.stderr, `unknown operation "GetBackendz"; did you mean GetBackend`)
}

func TestCallNetworkFailure(t *testing.T) {
	_, srv := newFakeService(t)
	te := callEnv(srv, "GetBackend")
	srv.Close()
	var waits []time.Duration
	te.sleep = func(d time.Duration) { waits = append(waits, d) }
	te.random = func() float64 { return 0.5 }
	res := run(t, te)
	assert.Equal(t, ExitUsage, res.code)
	assert.Empty(t, res.stdout)
	assert.Regexp(t, `^amplifybackend call: Post "http://127\.0\.0\.1:\d+/backend/d2v6kx3qz7p1ab/details": dial tcp 127\.0\.0\.1:\d+: connect: connection refused\n$`, res.stderr)
	assert.Equal(t, []time.Duration{50 * time.Millisecond, 100 * time.Millisecond}, waits, "two retries, full jitter over 100 ms and 200 ms")
}

func TestCallRetriesAreExhausted(t *testing.T) {
	f, srv := newFakeService(t,
		canned{status: 503, body: `{"message":"one"}`},
		canned{status: 502, body: `<html>`},
		canned{status: 500, header: map[string]string{"X-Amzn-Requestid": "r3"}, body: `{"message":"three"}`})
	te := callEnv(srv, "GetBackend")
	te.sleep = func(time.Duration) {}
	res := run(t, te)
	assert.Equal(t, ExitInvalid, res.code)
	assert.Len(t, f.requests, 3)
	assert.Equal(t, "amplifybackend call: 500: three (HTTP 500, request ID r3)\n", res.stderr)
}

func TestCallUnreadableResponse(t *testing.T) {
	_, srv := newFakeService(t, canned{status: 200, header: map[string]string{"X-Amzn-Requestid": "r1"}, body: `{"jobs":[{"appId":7}]}`})
	res := run(t, callEnv(srv, "ListBackendJobs"))
	assert.Equal(t, ExitInvalid, res.code)
	assert.Empty(t, res.stdout)
	assert.Equal(t, "amplifybackend call: unreadable ListBackendJobs response (HTTP 200, request ID r1) at /jobs/0/appId: The response has a number where the model has a string.\n", res.stderr)
}

// TestSecretsNeverPrinted plants credentials and sensitive member values and
// runs every error path: neither appears on stdout or stderr. The session
// token may appear only in a signed request.
func TestSecretsNeverPrinted(t *testing.T) {
	const clientSecret = "PLANTED-CLIENT-SECRET-7f3a"
	sensitiveInput := `{"AppId": "d1", "BackendEnvironmentName": "dev", "ResourceName": "auth",
	  "ResourceConfig": {"AuthResources": "USER_POOL_ONLY", "Service": "COGNITO", "UserPoolConfigs": {
	    "OAuth": {"SocialProviderSettings": {"Google": {"ClientId": "g", "ClientSecret": "` + clientSecret + `", "Extra": "` + clientSecret + `"},
	      "SignInWithApple": {"PrivateKey": ["` + clientSecret + `"]}}},
	    "ForgotPassword": {"DeliveryMethod": "EMAIL", "SmsSettings": {"SmsMessage": 5, "Smsmessage": "` + clientSecret + `"}}}}}`
	_, srv := newFakeService(t, canned{status: 400, body: `{"message":"bad"}`})
	// The service echoing a secret in its message is redacted too.
	_, echo := newFakeService(t, canned{status: 400, body: `{"message":"bad key ` + testSecret + `"}`})
	_, down := newFakeService(t)
	down.Close()

	cases := []testEnv{
		{args: []string{"validate", "--operation", "UpdateBackendAuth", "-"}, stdin: sensitiveInput},
		{args: []string{"validate", "--operation", "UpdateBackendAuth", "--format", "json", "-"}, stdin: sensitiveInput},
		{args: []string{"build", "--operation", "UpdateBackendAuth", "-"}, stdin: sensitiveInput},
		{args: []string{"call", "--operation", "UpdateBackendAuth", "--endpoint", srv.URL, "-"}, stdin: sensitiveInput, http: srv.Client()},
		{args: []string{"call", "--operation", "GetBackend", "--endpoint", srv.URL, "testdata/operations/GetBackend.json"}, http: srv.Client()},
		{args: []string{"call", "--operation", "GetBackend", "--endpoint", echo.URL, "testdata/operations/GetBackend.json"}, http: echo.Client()},
		{args: []string{"call", "--operation", "GetBackend", "--endpoint", down.URL, "testdata/operations/GetBackend.json"}, http: down.Client()},
		{args: []string{"call", "--operation", "GetBackend", "--region", "Bad Region", "testdata/operations/GetBackend.json"}, http: srv.Client()},
		{args: []string{"sign", "--time", "2026-01-02T15:04:05Z", "-"}, stdin: `{"method":"GET","url":"https://h/` + testSecret + `","extra":1}`},
		{args: []string{"sign", "--time", "2026-01-02T15:04:05Z", "-"}, stdin: `{"method":"GET","url":"https://h/","headers":{"X":"` + testSecret + "\n" + `"}}`},
		{args: []string{"sign", "--time", "never", "-"}, stdin: `{}`},
		{args: []string{"sign", "--region", "x y", "--time", "2026-01-02T15:04:05Z", "-"}, stdin: `{"method":"GET","url":"https://h/"}`},
		{args: []string{"sign", "--time", "2026-01-02T15:04:05Z", "missing.json"}},
		{args: []string{"sign", "--bogus"}},
	}
	for i, te := range cases {
		te.env = credsEnv()
		te.now = fixedTime
		res := run(t, te)
		assert.NotEqual(t, ExitOK, res.code, "case %d %v", i, te.args)
		for _, secret := range []string{testSecret, testToken, clientSecret} {
			assert.NotContains(t, res.stdout, secret, "case %d %v stdout", i, te.args)
			assert.NotContains(t, res.stderr, secret, "case %d %v stderr", i, te.args)
		}
	}

	// A signed request holds the session token but never the secret key.
	res := run(t, testEnv{args: []string{"sign", "--time", "2026-01-02T15:04:05Z", "-"}, stdin: `{"method":"GET","url":"https://h/"}`, env: credsEnv()})
	require.Equal(t, ExitOK, res.code)
	assert.Contains(t, res.stdout, testToken)
	assert.NotContains(t, res.stdout, testSecret)
	assert.Empty(t, res.stderr)
}
