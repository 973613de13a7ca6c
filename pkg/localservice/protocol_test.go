package localservice_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// response is what a raw request got back.
type response struct {
	status    int
	errorType string
	requestID string
	body      map[string]any
	raw       string
}

func do(t *testing.T, req *http.Request) response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := response{status: resp.StatusCode, errorType: resp.Header.Get("X-Amzn-Errortype"), requestID: resp.Header.Get("X-Amzn-Requestid"), raw: string(raw)}
	if err := json.Unmarshal(raw, &r.body); err != nil {
		t.Fatalf("response body is not a JSON object: %q", raw)
	}
	if r.requestID == "" {
		t.Fatal("response without x-amzn-RequestId")
	}
	return r
}

// signed builds a request signed with opts (Credentials, Region and Time
// default to the server's and now).
func signed(t *testing.T, srv *localservice.Server, method, path, body string, opts client.SignOptions) *http.Request {
	t.Helper()
	if opts.Credentials.AccessKeyID == "" {
		opts.Credentials = client.Credentials(srv.Credentials)
	}
	if opts.Region == "" {
		opts.Region = srv.Region
	}
	if opts.Time.IsZero() {
		opts.Time = time.Now()
	}
	req := client.Request{Method: method, URL: srv.URL + path, Headers: client.Header{}}
	if body != "" {
		req.Body = &body
		req.Headers["Content-Type"] = []string{"application/json"}
	}
	s, err := client.Sign(req, opts)
	if err != nil {
		t.Fatal(err)
	}
	hr, err := s.HTTPRequest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return hr
}

func wantError(t *testing.T, r response, status int, errorType string) {
	t.Helper()
	if r.status != status || r.errorType != errorType {
		t.Fatalf("got %d %s (%s), want %d %s", r.status, r.errorType, r.raw, status, errorType)
	}
	if m, _ := r.body["message"].(string); m == "" {
		t.Fatalf("error body without a message: %s", r.raw)
	}
}

func TestSignatureChecks(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	srv, _ := start(t, localservice.Options{Clock: func() time.Time { return now }})
	const path = "/backend/app1/details"
	const body = `{}`
	good := client.Credentials(srv.Credentials)

	t.Run("valid", func(t *testing.T) {
		// A valid signature gets past the check: the app does not exist.
		r := do(t, signed(t, srv, "POST", path, body, client.SignOptions{Time: now}))
		wantError(t, r, 404, "NotFoundException")
	})
	t.Run("missing", func(t *testing.T) {
		req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(body))
		wantError(t, do(t, req), 403, "MissingAuthenticationTokenException")
	})
	t.Run("unknown key", func(t *testing.T) {
		r := do(t, signed(t, srv, "POST", path, body, client.SignOptions{Time: now, Credentials: client.Credentials{AccessKeyID: "AKIDUNKNOWN", SecretAccessKey: good.SecretAccessKey}}))
		wantError(t, r, 403, "UnrecognizedClientException")
	})
	t.Run("wrong secret", func(t *testing.T) {
		r := do(t, signed(t, srv, "POST", path, body, client.SignOptions{Time: now, Credentials: client.Credentials{AccessKeyID: good.AccessKeyID, SecretAccessKey: "wrong"}}))
		wantError(t, r, 403, "InvalidSignatureException")
		if strings.Contains(r.raw, good.SecretAccessKey) {
			t.Fatal("the error shows the secret")
		}
	})
	t.Run("tampered body", func(t *testing.T) {
		req := signed(t, srv, "POST", path, `{"backendEnvironmentName":"a"}`, client.SignOptions{Time: now})
		req.Body = io.NopCloser(strings.NewReader(`{"backendEnvironmentName":"b"}`))
		wantError(t, do(t, req), 403, "InvalidSignatureException")
	})
	t.Run("wrong region", func(t *testing.T) {
		r := do(t, signed(t, srv, "POST", path, body, client.SignOptions{Time: now, Region: "eu-west-1"}))
		wantError(t, r, 403, "InvalidSignatureException")
		if !strings.Contains(r.body["message"].(string), "region") {
			t.Fatalf("message does not say region: %s", r.raw)
		}
	})
	t.Run("wrong service", func(t *testing.T) {
		r := do(t, signed(t, srv, "POST", path, body, client.SignOptions{Time: now, Service: "amplify"}))
		wantError(t, r, 403, "InvalidSignatureException")
	})
	for _, d := range []time.Duration{-16 * time.Minute, 16 * time.Minute} {
		t.Run("skew "+d.String(), func(t *testing.T) {
			wantError(t, do(t, signed(t, srv, "POST", path, body, client.SignOptions{Time: now.Add(d)})), 403, "InvalidSignatureException")
		})
	}
	for _, d := range []time.Duration{-14 * time.Minute, 14 * time.Minute} {
		t.Run("within "+d.String(), func(t *testing.T) {
			wantError(t, do(t, signed(t, srv, "POST", path, body, client.SignOptions{Time: now.Add(d)})), 404, "NotFoundException")
		})
	}
	t.Run("presigned", func(t *testing.T) {
		req := signed(t, srv, "GET", "/backend/app1/challenge/s1", "", client.SignOptions{Time: now.Add(-10 * time.Minute), Presign: true, Expires: time.Hour})
		if req.Header.Get("Authorization") != "" || !strings.Contains(req.URL.RawQuery, "X-Amz-Signature=") {
			t.Fatalf("not a presigned request: %v", req.URL)
		}
		wantError(t, do(t, req), 404, "NotFoundException")
	})
	t.Run("presigned expired", func(t *testing.T) {
		req := signed(t, srv, "GET", "/backend/app1/challenge/s1", "", client.SignOptions{Time: now.Add(-2 * time.Minute), Presign: true, Expires: time.Minute})
		r := do(t, req)
		wantError(t, r, 403, "InvalidSignatureException")
		if !strings.Contains(r.body["message"].(string), "expired") {
			t.Fatalf("message: %s", r.raw)
		}
	})
	t.Run("presigned tampered", func(t *testing.T) {
		req := signed(t, srv, "GET", "/backend/app1/challenge/s1", "", client.SignOptions{Time: now, Presign: true})
		req.URL.Path, req.URL.RawPath = "/backend/app1/challenge/s2", ""
		wantError(t, do(t, req), 403, "InvalidSignatureException")
	})
	t.Run("session token", func(t *testing.T) {
		creds := good
		creds.SessionToken = "token-1"
		wantError(t, do(t, signed(t, srv, "POST", path, body, client.SignOptions{Time: now, Credentials: creds})), 404, "NotFoundException")
	})
	t.Run("go client wrong secret", func(t *testing.T) {
		opts := srv.ClientOptions()
		opts.Credentials = client.StaticCredentials{AccessKeyID: good.AccessKeyID, SecretAccessKey: "wrong"}
		opts.Clock = func() time.Time { return now }
		c, _ := client.New(opts)
		_, err := c.GetBackend(context.Background(), &types.GetBackendRequest{AppId: types.String("app1")})
		var se client.ServiceError
		if !errors.As(err, &se) || se.ErrorCode() != "InvalidSignatureException" || se.HTTPStatusCode() != 403 {
			t.Fatalf("got %v", err)
		}
	})
}

func TestSessionTokenChecked(t *testing.T) {
	// A key configured with a session token needs that token, in the
	// header or in a presigned URL; the error does not show it.
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	creds := client.Credentials{AccessKeyID: "ASIATESTTOKENKEY", SecretAccessKey: "token-key-secret", SessionToken: "the-session-token"}
	srv, _ := start(t, localservice.Options{Clock: func() time.Time { return now }, Credentials: []client.Credentials{creds}})
	const path = "/backend/app1/details"
	with := func(token string) client.SignOptions {
		c := creds
		c.SessionToken = token
		return client.SignOptions{Time: now, Credentials: c}
	}
	wantError(t, do(t, signed(t, srv, "POST", path, `{}`, with("the-session-token"))), 404, "NotFoundException")
	for name, token := range map[string]string{"wrong": "another-token", "missing": ""} {
		t.Run(name, func(t *testing.T) {
			r := do(t, signed(t, srv, "POST", path, `{}`, with(token)))
			wantError(t, r, 403, "UnrecognizedClientException")
			if strings.Contains(r.raw, "the-session-token") || strings.Contains(r.raw, creds.SecretAccessKey) {
				t.Fatalf("the error shows a credential: %s", r.raw)
			}
		})
	}
	t.Run("presigned", func(t *testing.T) {
		ok := with("the-session-token")
		ok.Presign, ok.Expires = true, time.Hour
		wantError(t, do(t, signed(t, srv, "GET", "/backend/app1/challenge/s1", "", ok)), 404, "NotFoundException")
		bad := with("another-token")
		bad.Presign, bad.Expires = true, time.Hour
		wantError(t, do(t, signed(t, srv, "GET", "/backend/app1/challenge/s1", "", bad)), 403, "UnrecognizedClientException")
	})
}

func TestValidationAndRouting(t *testing.T) {
	srv, c := start(t, localservice.Options{})
	ctx := context.Background()
	must[*types.CreateBackendResponse](t)(c.CreateBackend(ctx, &types.CreateBackendRequest{AppId: app, AppName: app, BackendEnvironmentName: dev}))

	t.Run("problems named by path", func(t *testing.T) {
		body := `{"backendEnvironmentName":"dev","resourceConfig":{"authResources":"USER_POOL_ONLY","service":"COGNITOO","userPoolConfigs":{"signInMethod":"EMAIL","requiredSignUpAttributes":["EMAIL"],"userPoolName":5}}}`
		r := do(t, signed(t, srv, "POST", "/backend/app1/auth", body, client.SignOptions{}))
		wantError(t, r, 400, "BadRequestException")
		msg := r.body["message"].(string)
		for _, p := range []string{"/ResourceName", "/ResourceConfig/Service", "/ResourceConfig/UserPoolConfigs/UserPoolName", "3 validation errors"} {
			if !strings.Contains(msg, p) {
				t.Errorf("message does not name %s: %s", p, msg)
			}
		}
	})
	t.Run("not JSON", func(t *testing.T) {
		wantError(t, do(t, signed(t, srv, "POST", "/backend/app1/details", `{"a":`, client.SignOptions{})), 400, "BadRequestException")
		wantError(t, do(t, signed(t, srv, "POST", "/backend/app1/details", `[1]`, client.SignOptions{})), 400, "BadRequestException")
	})
	t.Run("MaxResults bounds", func(t *testing.T) {
		for _, n := range []string{"0", "26", "2.5"} {
			r := do(t, signed(t, srv, "POST", "/backend/app1/job/dev", `{"maxResults":`+n+`}`, client.SignOptions{}))
			wantError(t, r, 400, "BadRequestException")
			if !strings.Contains(r.body["message"].(string), "/MaxResults") {
				t.Errorf("MaxResults %s: %s", n, r.raw)
			}
		}
	})
	t.Run("unknown route", func(t *testing.T) {
		wantError(t, do(t, signed(t, srv, "GET", "/nothing/here", "", client.SignOptions{})), 404, "UnknownOperationException")
		wantError(t, do(t, signed(t, srv, "DELETE", "/backend/app1/details", "", client.SignOptions{})), 404, "UnknownOperationException")
	})
	t.Run("body too large", func(t *testing.T) {
		// The size is checked before the signature (which could not cover
		// more than client.MaxBodyBytes anyway), with a Content-Length and
		// without one (chunked).
		big := `{"appId":"` + strings.Repeat("a", localservice.DefaultMaxBodyBytes) + `"}`
		req, _ := http.NewRequest("POST", srv.URL+"/backend", strings.NewReader(big))
		wantError(t, do(t, req), 413, "RequestEntityTooLargeException")
		req, _ = http.NewRequest("POST", srv.URL+"/backend", io.MultiReader(strings.NewReader(big)))
		if req.ContentLength != 0 {
			t.Fatal("not a chunked request")
		}
		wantError(t, do(t, req), 413, "RequestEntityTooLargeException")
	})
	t.Run("typed client sees BadRequestException", func(t *testing.T) {
		_, err := c.CreateBackend(ctx, &types.CreateBackendRequest{AppId: app, AppName: app, BackendEnvironmentName: dev})
		var br *client.BadRequestException
		if !errors.As(err, &br) || !strings.Contains(br.Message, "already") {
			t.Fatalf("got %v", err)
		}
	})
}

// TestSlowClient: a client that never finishes its request headers is cut
// off, and does not hold up anyone else meanwhile.
func TestSlowClient(t *testing.T) {
	srv, c := start(t, localservice.Options{ReadHeaderTimeout: 300 * time.Millisecond, ReadTimeout: 300 * time.Millisecond})
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("POST /backend HTTP/1.1\r\nHost: x\r\n")); err != nil {
		t.Fatal(err)
	}
	// Another client is served meanwhile.
	if _, err := c.ListS3Buckets(context.Background(), &types.ListS3BucketsRequest{}); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 512)
	for {
		_, err := conn.Read(buf)
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatal("the slow connection was not closed by the server")
			}
			break // closed by the server
		}
	}
}

func TestFaults(t *testing.T) {
	seq := func(seed uint64) []string {
		srv, _ := start(t, localservice.Options{FaultRate: 0.5, Seed: seed})
		var out []string
		for i := 0; i < 20; i++ {
			r := do(t, signed(t, srv, "POST", "/s3Buckets", `{}`, client.SignOptions{}))
			out = append(out, r.errorType)
			if r.status != 200 && r.status != 429 && r.status != 503 {
				t.Fatalf("status %d", r.status)
			}
		}
		return out
	}
	a, b := seq(7), seq(7)
	if strings.Join(a, ",") != strings.Join(b, ",") {
		t.Fatalf("same seed, different faults:\n%v\n%v", a, b)
	}
	counts := map[string]int{}
	for _, e := range a {
		counts[e]++
	}
	if counts[""] == 0 || counts["TooManyRequestsException"] == 0 || counts["ServiceUnavailableException"] == 0 {
		t.Fatalf("faults %v", counts)
	}

	// The Go client retries them.
	srv, _ := start(t, localservice.Options{FaultRate: 0.5, Seed: 1})
	opts := srv.ClientOptions()
	opts.MaxAttempts, opts.RetryBaseDelay, opts.RetryMaxDelay = 20, time.Millisecond, 5*time.Millisecond
	c, _ := client.New(opts)
	for i := 0; i < 10; i++ {
		if _, err := c.ListS3Buckets(context.Background(), &types.ListS3BucketsRequest{}); err != nil {
			t.Fatal(err)
		}
	}
	// Without retries a throttled call is a TooManyRequestsException.
	srv, _ = start(t, localservice.Options{FaultRate: 1, Seed: 3})
	opts = srv.ClientOptions()
	opts.MaxAttempts = 1
	c, _ = client.New(opts)
	var tm *client.TooManyRequestsException
	var re *client.ResponseError
	for i := 0; i < 10; i++ {
		_, err := c.ListS3Buckets(context.Background(), &types.ListS3BucketsRequest{})
		if !errors.As(err, &tm) && !(errors.As(err, &re) && re.StatusCode == 503) {
			t.Fatalf("got %v", err)
		}
	}
	if tm == nil || re == nil {
		t.Fatal("fault rate 1 gave only one kind of fault in 10 requests")
	}
}

func TestLatency(t *testing.T) {
	_, c := start(t, localservice.Options{Latency: 100 * time.Millisecond})
	t0 := time.Now()
	if _, err := c.ListS3Buckets(context.Background(), &types.ListS3BucketsRequest{}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d < 100*time.Millisecond {
		t.Fatalf("answered after %v, before the latency", d)
	}
}

func TestJobDelay(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	srv, _ := start(t, localservice.Options{JobDelay: time.Minute, Clock: clock})
	opts := srv.ClientOptions()
	opts.Clock = clock
	c, _ := client.New(opts)
	ctx := context.Background()
	cb := must[*types.CreateBackendResponse](t)(c.CreateBackend(ctx, &types.CreateBackendRequest{AppId: app, AppName: app, BackendEnvironmentName: dev}))
	if *cb.Status != "IN_PROGRESS" {
		t.Fatalf("status %s", *cb.Status)
	}
	lj := must[*types.ListBackendJobsResponse](t)(c.ListBackendJobs(ctx, &types.ListBackendJobsRequest{AppId: app, BackendEnvironmentName: dev, Status: types.String("IN_PROGRESS")}))
	if len(lj.Jobs) != 1 {
		t.Fatalf("%d jobs in progress", len(lj.Jobs))
	}
	now = now.Add(61 * time.Second)
	gj := must[*types.GetBackendJobResponse](t)(c.GetBackendJob(ctx, &types.GetBackendJobRequest{AppId: app, BackendEnvironmentName: dev, JobId: cb.JobId}))
	if *gj.Status != "COMPLETED" || *gj.UpdateTime != "2026-12-01T12:01:00.000Z" || *gj.CreateTime != "2026-12-01T12:00:00.000Z" {
		t.Fatalf("after the delay: %+v", gj)
	}
}
