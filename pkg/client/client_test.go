package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/response"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// The fixed credentials, region and time every client test signs with.
var (
	cliCreds = Credentials{
		AccessKeyID:     "AKIDEXAMPLE",
		SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
	}
	cliRegion = "us-west-2"
	cliTime   = time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC)
)

// stepClock returns a clock that starts at cliTime and moves one second
// on every reading, so that each attempt is signed for a different time.
func stepClock() func() time.Time {
	var n atomic.Int64
	return func() time.Time { return cliTime.Add(time.Duration(n.Add(1)-1) * time.Second) }
}

// reply is a canned service answer.
type reply struct {
	status int
	header map[string]string
	body   string
	delay  time.Duration // waits this long (or until the request is cancelled) first
}

// exchange is one request the fake service received.
type exchange struct {
	method, path, query string
	header              http.Header
	body                string
	signedAt            time.Time
}

// fakeService is an httptest handler that verifies the SigV4 signature of
// every request it receives against the aws-sdk-go-v2 signer, records the
// request and answers with canned replies.
type fakeService struct {
	t      *testing.T
	creds  Credentials
	answer func(n int, ex exchange) reply // n counts requests from 0

	mu        sync.Mutex
	exchanges []exchange
	badSigs   []string
}

func newFakeService(t *testing.T, answer func(n int, ex exchange) reply) (*fakeService, *httptest.Server) {
	f := &fakeService{t: t, creds: cliCreds, answer: answer}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		assert.Empty(t, f.badSigs, "requests with a bad signature")
	})
	return f, srv
}

func (f *fakeService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	signedAt, err := verifySignature(r, body, f.creds)
	path, query, _ := strings.Cut(r.RequestURI, "?")
	ex := exchange{method: r.Method, path: path, query: query, header: r.Header.Clone(), body: string(body), signedAt: signedAt}
	f.mu.Lock()
	n := len(f.exchanges)
	f.exchanges = append(f.exchanges, ex)
	if err != nil {
		f.badSigs = append(f.badSigs, r.Method+" "+r.RequestURI+": "+err.Error())
	}
	f.mu.Unlock()
	if err != nil {
		w.Header().Set("X-Amzn-ErrorType", "InvalidSignatureException")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"message":"The request signature we calculated does not match the signature you provided."}`)
		return
	}
	rep := f.answer(n, ex)
	if rep.delay > 0 {
		select {
		case <-time.After(rep.delay):
		case <-r.Context().Done():
			return
		}
	}
	w.Header().Set("X-Amzn-RequestId", "req-"+strconv.Itoa(n))
	w.Header().Set("X-Amz-Id-2", "host-"+strconv.Itoa(n))
	w.Header().Set("Content-Type", "application/json")
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.status == 0 {
		rep.status = http.StatusOK
	}
	w.WriteHeader(rep.status)
	io.WriteString(w, rep.body)
}

func (f *fakeService) requests() []exchange {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]exchange(nil), f.exchanges...)
}

// verifySignature recomputes the Authorization header of r with the
// aws-sdk-go-v2 signer, from the request as received: the path as it came
// on the wire, the headers the client said it signed, the time of its
// X-Amz-Date header and the SHA-256 of the body received. It returns the
// signing time.
func verifySignature(r *http.Request, body []byte, creds Credentials) (time.Time, error) {
	auth := r.Header.Get("Authorization")
	const algo = "AWS4-HMAC-SHA256 "
	if !strings.HasPrefix(auth, algo) {
		return time.Time{}, errors.New("no SigV4 Authorization header")
	}
	var signedHeaders string
	for _, part := range strings.Split(auth[len(algo):], ", ") {
		if v, ok := strings.CutPrefix(part, "SignedHeaders="); ok {
			signedHeaders = v
		}
	}
	at, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil {
		return time.Time{}, errors.New("bad X-Amz-Date")
	}
	path, _, _ := strings.Cut(r.RequestURI, "?")
	vr := &http.Request{
		Method: r.Method,
		URL:    &url.URL{Scheme: "http", Host: r.Host, Opaque: path, RawQuery: r.URL.RawQuery},
		Header: http.Header{},
		Host:   r.Host,
	}
	for _, h := range strings.Split(signedHeaders, ";") {
		switch h {
		case "host":
		case "content-length":
			vr.ContentLength = r.ContentLength
		default:
			vr.Header[http.CanonicalHeaderKey(h)] = r.Header.Values(h)
		}
	}
	for _, must := range []string{"host", "x-amz-date"} {
		if !strings.Contains(";"+signedHeaders+";", ";"+must+";") {
			return time.Time{}, errors.New(must + " is not signed")
		}
	}
	if len(body) > 0 && !strings.Contains(signedHeaders, "content-type") {
		return time.Time{}, errors.New("content-type is not signed")
	}
	sum := sha256.Sum256(body)
	ac := aws.Credentials{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken}
	if err := v4.NewSigner().SignHTTP(context.Background(), ac, vr, hex.EncodeToString(sum[:]), "amplifybackend", cliRegion, at); err != nil {
		return time.Time{}, err
	}
	if want := vr.Header.Get("Authorization"); want != auth {
		return time.Time{}, errors.New("signature mismatch:\n got  " + auth + "\n want " + want)
	}
	return at, nil
}

func newTestClient(t *testing.T, srv *httptest.Server, mod func(*Options)) *Client {
	t.Helper()
	opts := Options{
		Region:         cliRegion,
		Credentials:    StaticCredentials(cliCreds),
		Endpoint:       srv.URL,
		HTTPClient:     srv.Client(),
		Clock:          stepClock(),
		Rand:           rand.NewPCG(1, 2),
		RetryBaseDelay: time.Millisecond,
		RetryMaxDelay:  5 * time.Millisecond,
	}
	if mod != nil {
		mod(&opts)
	}
	c, err := New(opts)
	require.NoError(t, err)
	return c
}

// genericOutput decodes into every output type: members an output does not
// have are skipped.
const genericOutput = `{"appId":"d2v6kx3qz7p1ab","backendEnvironmentName":"staging","jobId":"job-1","operation":"CreateBackendAuth","status":"IN_PROGRESS","unknownMember":{"nested":[1,2,3]}}`

// TestClientEveryOperation calls each of the 31 generated methods with the
// input of its golden file against the signature-verifying server, and
// checks that the request on the wire is the golden request (with the
// endpoint replaced) and that the response decodes.
func TestClientEveryOperation(t *testing.T) {
	f, srv := newFakeService(t, func(int, exchange) reply { return reply{body: genericOutput} })
	c := newTestClient(t, srv, nil)
	for i, op := range validate.Operations() {
		t.Run(op, func(t *testing.T) {
			in := typedInput(t, op, readInput(t, op))
			out, md, err := callOperation(t.Context(), c, op, in)
			require.NoError(t, err)
			require.NotNil(t, out)
			assert.Equal(t, "req-"+strconv.Itoa(i), md.RequestId)
			assert.Equal(t, "host-"+strconv.Itoa(i), md.HostId)
			assert.Equal(t, 200, md.HTTPStatusCode)
			assert.Equal(t, "application/json", md.HTTPHeaders["content-type"])
			assert.Equal(t, "req-"+strconv.Itoa(i), md.HTTPHeaders["x-amzn-requestid"])
			assert.Equal(t, 0, md.RetryAttempts)

			data, err := os.ReadFile(filepath.Join("testdata", "golden", op+".json"))
			require.NoError(t, err)
			var g goldenRequest
			require.NoError(t, json.Unmarshal(data, &g))
			ex := f.requests()[i]
			assert.Equal(t, g.Method, ex.method)
			assert.Equal(t, strings.TrimPrefix(g.URL, "https://amplifybackend.us-east-1.amazonaws.com"), ex.path)
			assert.Empty(t, ex.query)
			if g.Body == nil {
				assert.Empty(t, ex.body)
				assert.Empty(t, ex.header.Get("Content-Type"))
			} else {
				assert.JSONEq(t, string(g.Body), ex.body)
				assert.Equal(t, "application/json", ex.header.Get("Content-Type"))
			}
		})
	}
	assert.Len(t, f.requests(), 31)
}

func TestClientDecodesOutput(t *testing.T) {
	_, srv := newFakeService(t, func(n int, ex exchange) reply {
		return reply{
			header: map[string]string{"X-Custom": "a"},
			body: `{"jobs":[{"appId":"a","backendEnvironmentName":"b","jobId":"j1","status":"COMPLETED","createTime":"1700000000"},
				{"appId":"a","backendEnvironmentName":"b","jobId":"j2"}],"nextToken":"t-2"}`,
		}
	})
	c := newTestClient(t, srv, nil)
	out, err := c.ListBackendJobs(t.Context(), &types.ListBackendJobsRequest{AppId: types.String("a"), BackendEnvironmentName: types.String("b")})
	require.NoError(t, err)
	require.Len(t, out.Jobs, 2)
	assert.Equal(t, "j1", *out.Jobs[0].JobId)
	assert.Equal(t, "COMPLETED", *out.Jobs[0].Status)
	assert.Equal(t, "1700000000", *out.Jobs[0].CreateTime)
	assert.Nil(t, out.Jobs[1].Status)
	assert.Equal(t, "t-2", *out.NextToken)
	assert.Equal(t, "a", out.ResponseMetadata.HTTPHeaders["x-custom"])
	for k := range out.ResponseMetadata.HTTPHeaders {
		assert.Equal(t, strings.ToLower(k), k)
	}

	// An empty body is an empty output; a body that is not JSON is a
	// *ResponseError that wraps the decoding error.
	_, srv2 := newFakeService(t, func(n int, ex exchange) reply {
		if n == 0 {
			return reply{body: ""}
		}
		return reply{body: `{"jobs": [oops]}`}
	})
	c2 := newTestClient(t, srv2, nil)
	in := &types.ListBackendJobsRequest{AppId: types.String("a"), BackendEnvironmentName: types.String("b")}
	out, err = c2.ListBackendJobs(t.Context(), in)
	require.NoError(t, err)
	assert.Nil(t, out.Jobs)
	_, err = c2.ListBackendJobs(t.Context(), in)
	var rerr *ResponseError
	require.ErrorAs(t, err, &rerr)
	assert.Equal(t, 200, rerr.StatusCode)
	assert.Equal(t, "req-1", rerr.RequestID)
	assert.NotNil(t, rerr.Err)
	assert.Contains(t, rerr.Body, "oops")
}

func TestClientSessionToken(t *testing.T) {
	creds := cliCreds
	creds.SessionToken = "FwoGZXIvYXdzEXAMPLETOKEN"
	f, srv := newFakeService(t, func(int, exchange) reply { return reply{body: `{"isSuccess":true}`} })
	f.creds = creds
	c := newTestClient(t, srv, func(o *Options) { o.Credentials = StaticCredentials(creds) })
	out, err := c.DeleteToken(t.Context(), &types.DeleteTokenRequest{AppId: types.String("a"), SessionId: types.String("s 1")})
	require.NoError(t, err)
	assert.True(t, *out.IsSuccess)
	ex := f.requests()[0]
	assert.Equal(t, creds.SessionToken, ex.header.Get("X-Amz-Security-Token"))
	assert.Equal(t, "/backend/a/challenge/s%201/remove", ex.path)
}

func TestClientServiceErrors(t *testing.T) {
	long := strings.Repeat("é", 400) // 800 bytes
	cases := []struct {
		name  string
		reply reply
		check func(t *testing.T, err error)
	}{
		{"BadRequest from the header", reply{status: 400,
			header: map[string]string{"X-Amzn-ErrorType": "BadRequestException:http://internal.amazon.com/coral/com.amazonaws.amplifybackend/"},
			body:   `{"message":"Invalid ResourceConfig"}`},
			func(t *testing.T, err error) {
				var e *BadRequestException
				require.ErrorAs(t, err, &e)
				assert.Equal(t, &BadRequestException{Message: "Invalid ResourceConfig", RequestID: "req-0", StatusCode: 400}, e)
				assert.Equal(t, "amplifybackend: BadRequestException: Invalid ResourceConfig (HTTP 400, request ID req-0)", err.Error())
			}},
		{"NotFound from __type", reply{status: 404,
			body: `{"__type":"com.amazonaws.amplifybackend#NotFoundException","message":"App d1 not found","resourceType":"App"}`},
			func(t *testing.T, err error) {
				var e *NotFoundException
				require.ErrorAs(t, err, &e)
				assert.Equal(t, &NotFoundException{Message: "App d1 not found", ResourceType: "App", RequestID: "req-0", StatusCode: 404}, e)
				assert.Equal(t, "amplifybackend: NotFoundException: App d1 not found (HTTP 404, resource type App, request ID req-0)", err.Error())
			}},
		{"TooManyRequests from code", reply{status: 429,
			body: `{"code":"TooManyRequestsException","Message":"Rate exceeded","limitType":"requests per second"}`},
			func(t *testing.T, err error) {
				var e *TooManyRequestsException
				require.ErrorAs(t, err, &e)
				assert.Equal(t, &TooManyRequestsException{Message: "Rate exceeded", LimitType: "requests per second", RequestID: "req-0", StatusCode: 429}, e)
			}},
		{"GatewayTimeout from the status", reply{status: 504, body: `{"message":"Endpoint request timed out"}`},
			func(t *testing.T, err error) {
				var e *GatewayTimeoutException
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "Endpoint request timed out", e.Message)
			}},
		{"BadRequest from the status, no body", reply{status: 400},
			func(t *testing.T, err error) {
				var e *BadRequestException
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "Bad Request", e.Message, "the reason phrase")
				assert.Equal(t, "amplifybackend: BadRequestException: Bad Request (HTTP 400, request ID req-0)", err.Error())
			}},
		{"header wins over the body", reply{status: 400,
			header: map[string]string{"X-Amzn-ErrorType": "NotFoundException"},
			body:   `{"__type":"BadRequestException","message":"m"}`},
			func(t *testing.T, err error) {
				var e *NotFoundException
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 400, e.StatusCode)
			}},
		{"another error type", reply{status: 403,
			header: map[string]string{"X-Amzn-ErrorType": "AccessDeniedException"},
			body:   `{"Message":"User: arn:aws:iam::123456789012:user/x is not authorized"}`},
			func(t *testing.T, err error) {
				var e *ResponseError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 403, e.StatusCode)
				assert.Equal(t, "AccessDeniedException", e.Code)
				assert.Equal(t, "User: arn:aws:iam::123456789012:user/x is not authorized", e.Message)
				assert.Equal(t, "req-0", e.RequestID)
				var be *BadRequestException
				assert.False(t, errors.As(err, &be))
			}},
		{"unknown type with a mapped status", reply{status: 400, body: `{"__type":"ValidationException","message":"v"}`},
			func(t *testing.T, err error) {
				var e *ResponseError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "ValidationException", e.Code)
			}},
		{"not JSON, long", reply{status: 502, body: "<html>" + long + "</html>"},
			func(t *testing.T, err error) {
				var e *ResponseError
				require.ErrorAs(t, err, &e)
				assert.Equal(t, 502, e.StatusCode)
				assert.Equal(t, "502", e.Code, "the status, as boto3 gives it")
				assert.Equal(t, "Bad Gateway", e.Message)
				assert.Equal(t, FaultServer, e.ErrorFault())
				assert.LessOrEqual(t, len(e.Body), MaxErrorBodyExcerpt)
				assert.GreaterOrEqual(t, len(e.Body), MaxErrorBodyExcerpt-3)
				assert.True(t, strings.HasPrefix(e.Body, "<html>é"))
				assert.True(t, strings.HasSuffix(e.Body, "é"), "cut at a UTF-8 boundary")
				assert.Contains(t, err.Error(), "HTTP 502")
				assert.Contains(t, err.Error(), "request ID req-0")
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, srv := newFakeService(t, func(int, exchange) reply { return tc.reply })
			c := newTestClient(t, srv, func(o *Options) { o.MaxAttempts = 1 })
			in := typedInput(t, "CreateBackendAuth", readInput(t, "CreateBackendAuth"))
			_, err := c.CreateBackendAuth(t.Context(), in.(*types.CreateBackendAuthRequest))
			require.Error(t, err)
			tc.check(t, err)
			var se ServiceError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.reply.status, se.HTTPStatusCode())
			assert.Equal(t, "req-0", se.ServiceRequestID())
			// No credential and nothing of the request body in the text.
			for _, secret := range []string{cliCreds.SecretAccessKey, "EXAMPLE-facebook-app-secret", "storefrontUserPool", "BEGIN PRIVATE KEY"} {
				assert.NotContains(t, err.Error(), secret)
			}
			assert.Len(t, f.requests(), 1)
		})
	}
}

// TestClientRetry: 429 then 200 succeeds on the second attempt, signed
// again for the clock's new time.
func TestClientRetry(t *testing.T) {
	f, srv := newFakeService(t, func(n int, ex exchange) reply {
		if n == 0 {
			return reply{status: 429, body: `{"message":"Rate exceeded"}`}
		}
		return reply{body: genericOutput}
	})
	c := newTestClient(t, srv, nil)
	in := typedInput(t, "CreateBackendAuth", readInput(t, "CreateBackendAuth")).(*types.CreateBackendAuthRequest)
	out, err := c.CreateBackendAuth(t.Context(), in)
	require.NoError(t, err)
	assert.Equal(t, 1, out.ResponseMetadata.RetryAttempts)
	assert.Equal(t, "req-1", out.ResponseMetadata.RequestId)
	assert.Equal(t, "job-1", *out.JobId)
	reqs := f.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, reqs[0].body, reqs[1].body, "the body is sent again")
	assert.NotEmpty(t, reqs[1].body)
	assert.Equal(t, cliTime, reqs[0].signedAt)
	assert.Equal(t, cliTime.Add(time.Second), reqs[1].signedAt, "signed again with the current time")
	assert.NotEqual(t, reqs[0].header.Get("Authorization"), reqs[1].header.Get("Authorization"))
}

func TestClientRetryExhausted(t *testing.T) {
	f, srv := newFakeService(t, func(n int, ex exchange) reply {
		return reply{status: 500, body: `{"message":"Internal error"}`}
	})
	c := newTestClient(t, srv, nil)
	_, err := c.GetBackend(t.Context(), &types.GetBackendRequest{AppId: types.String("a")})
	var e *ResponseError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 500, e.StatusCode)
	assert.Equal(t, "req-2", e.RequestID, "the last attempt's error")
	assert.Len(t, f.requests(), 3)

	// MaxAttempts counts every attempt.
	f5, srv5 := newFakeService(t, func(n int, ex exchange) reply { return reply{status: 503} })
	c5 := newTestClient(t, srv5, func(o *Options) { o.MaxAttempts = 5 })
	_, err = c5.GetBackend(t.Context(), &types.GetBackendRequest{AppId: types.String("a")})
	require.Error(t, err)
	assert.Len(t, f5.requests(), 5)

	// A 504 is retried and then returned as GatewayTimeoutException.
	f504, srv504 := newFakeService(t, func(n int, ex exchange) reply { return reply{status: 504} })
	_, err = newTestClient(t, srv504, nil).GetBackend(t.Context(), &types.GetBackendRequest{AppId: types.String("a")})
	var gte *GatewayTimeoutException
	require.ErrorAs(t, err, &gte)
	assert.Len(t, f504.requests(), 3)
}

func TestClientNoRetryOn4xx(t *testing.T) {
	for _, status := range []int{400, 403, 404, 409} {
		f, srv := newFakeService(t, func(n int, ex exchange) reply { return reply{status: status} })
		c := newTestClient(t, srv, nil)
		_, err := c.GetBackend(t.Context(), &types.GetBackendRequest{AppId: types.String("a")})
		require.Error(t, err)
		assert.Len(t, f.requests(), 1, "status %d", status)
	}
}

// TestClientRetryTransportError: a connection closed without an answer is
// retried.
func TestClientRetryTransportError(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		if _, err := verifySignature(r, mustRead(r), cliCreds); err != nil {
			w.WriteHeader(403)
			return
		}
		w.Header().Set("X-Amzn-RequestId", "ok")
		io.WriteString(w, `{"appId":"a"}`)
	}))
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	out, err := c.RemoveAllBackends(t.Context(), &types.RemoveAllBackendsRequest{AppId: types.String("a"), CleanAmplifyApp: types.Bool(true)})
	require.NoError(t, err)
	assert.Equal(t, 1, out.ResponseMetadata.RetryAttempts)
	assert.Equal(t, "ok", out.ResponseMetadata.RequestId)
	assert.EqualValues(t, 2, calls.Load())

	// A server that is not there: every attempt fails, the transport error
	// is returned.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close()
	dead, err := New(Options{Region: cliRegion, Credentials: StaticCredentials(cliCreds), Endpoint: "http://" + addr,
		RetryBaseDelay: time.Millisecond, Clock: stepClock()})
	require.NoError(t, err)
	_, err = dead.GetBackend(t.Context(), &types.GetBackendRequest{AppId: types.String("a")})
	var uerr *url.Error
	require.ErrorAs(t, err, &uerr)
	assert.NotContains(t, err.Error(), cliCreds.SecretAccessKey)
}

func mustRead(r *http.Request) []byte {
	b, _ := io.ReadAll(r.Body)
	return b
}

// TestClientContextCancel: a slow answer and a context deadline end the
// call promptly with the context's error, also while waiting to retry.
func TestClientContextCancel(t *testing.T) {
	f, srv := newFakeService(t, func(n int, ex exchange) reply { return reply{delay: 10 * time.Second, body: "{}"} })
	c := newTestClient(t, srv, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetBackend(ctx, &types.GetBackendRequest{AppId: types.String("a")})
	elapsed := time.Since(start)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, elapsed, 2*time.Second)
	assert.Len(t, f.requests(), 1, "no retry once the context is done")

	// During the backoff: the first attempt fails with 500, the wait before
	// the second would be long; the deadline ends it.
	f2, srv2 := newFakeService(t, func(n int, ex exchange) reply { return reply{status: 500} })
	c2 := newTestClient(t, srv2, func(o *Options) {
		o.RetryBaseDelay = time.Minute
		o.RetryMaxDelay = time.Minute
		o.Rand = fixedSource(^uint64(0)) // the longest wait
	})
	ctx2, cancel2 := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel2()
	start = time.Now()
	_, err = c2.GetBackend(ctx2, &types.GetBackendRequest{AppId: types.String("a")})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Len(t, f2.requests(), 1)

	// A context that is already done sends nothing.
	f3, srv3 := newFakeService(t, func(n int, ex exchange) reply { return reply{body: "{}"} })
	done, cancel3 := context.WithCancel(t.Context())
	cancel3()
	_, err = newTestClient(t, srv3, nil).GetBackend(done, &types.GetBackendRequest{AppId: types.String("a")})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, f3.requests())
}

// fixedSource is a rand.Source that always returns the same number.
type fixedSource uint64

func (s fixedSource) Uint64() uint64 { return uint64(s) }

// TestClientConcurrent runs 50 goroutines through one client (and one
// jitter source) under -race, with a throttled first answer for some.
func TestClientConcurrent(t *testing.T) {
	var throttled sync.Map
	f, srv := newFakeService(t, func(n int, ex exchange) reply {
		if _, again := throttled.LoadOrStore(ex.path, true); !again && strings.Contains(ex.path, "/t") {
			return reply{status: 429}
		}
		return reply{body: genericOutput}
	})
	c := newTestClient(t, srv, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			app := "app" + strconv.Itoa(i)
			if i%2 == 0 {
				app = "t" + app
			}
			var err error
			switch i % 3 {
			case 0:
				var out *types.GetBackendJobResponse
				out, err = c.GetBackendJob(t.Context(), &types.GetBackendJobRequest{AppId: &app, BackendEnvironmentName: types.String("dev"), JobId: types.String("j")})
				if err == nil && out.ResponseMetadata.HTTPStatusCode != 200 {
					err = errors.New("bad status")
				}
			case 1:
				_, err = c.CreateBackendConfig(t.Context(), &types.CreateBackendConfigRequest{AppId: &app, BackendManagerAppId: types.String("m")})
			default:
				_, err = c.ListBackendJobs(t.Context(), &types.ListBackendJobsRequest{AppId: &app, BackendEnvironmentName: types.String("dev"), MaxResults: types.Int32(5)})
			}
			if err != nil {
				errs <- fmt.Errorf("%s: %w", app, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	assert.Len(t, f.requests(), 75, "50 calls and 25 retries")
}

// TestClientInputProblems: an invalid input is reported before anything is
// sent, and a nil input is an empty one.
func TestClientInputProblems(t *testing.T) {
	f, srv := newFakeService(t, func(int, exchange) reply { return reply{body: "{}"} })
	c := newTestClient(t, srv, nil)
	_, err := c.ListBackendJobs(t.Context(), &types.ListBackendJobsRequest{AppId: types.String(""), MaxResults: types.Int32(26)})
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []string{"/AppId", "/MaxResults", "/BackendEnvironmentName"}, problemPaths(verr))

	_, err = c.GetToken(t.Context(), nil)
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []string{"/AppId", "/SessionId"}, problemPaths(verr))
	assert.Empty(t, f.requests())

	// Lenient lets the range problem through, not the empty label.
	lc := newTestClient(t, srv, func(o *Options) { o.Lenient = true })
	_, err = lc.ListBackendJobs(t.Context(), &types.ListBackendJobsRequest{AppId: types.String("a"), BackendEnvironmentName: types.String("b"), MaxResults: types.Int32(26)})
	require.NoError(t, err)
	_, err = lc.ListBackendJobs(t.Context(), &types.ListBackendJobsRequest{AppId: types.String(""), BackendEnvironmentName: types.String("b")})
	require.ErrorAs(t, err, &verr)
	require.Len(t, f.requests(), 1)
	assert.JSONEq(t, `{"maxResults":26}`, f.requests()[0].body)
}

func problemPaths(e *validate.Error) []string {
	var ps []string
	for _, p := range e.Problems {
		ps = append(ps, p.Path)
	}
	return ps
}

type failingProvider struct{ calls atomic.Int32 }

func (p *failingProvider) Retrieve(context.Context) (Credentials, error) {
	p.calls.Add(1)
	return Credentials{}, errors.New("no credentials configured")
}

func TestClientCredentialsError(t *testing.T) {
	f, srv := newFakeService(t, func(int, exchange) reply { return reply{body: "{}"} })
	p := &failingProvider{}
	c := newTestClient(t, srv, func(o *Options) { o.Credentials = p })
	_, err := c.GetBackend(t.Context(), &types.GetBackendRequest{AppId: types.String("a")})
	require.EqualError(t, err, "no credentials configured")
	assert.EqualValues(t, 1, p.calls.Load(), "not retried")
	assert.Empty(t, f.requests())

	// Credentials the signer refuses are reported without the secret.
	bad := Credentials{AccessKeyID: "AKID WITH SPACES", SecretAccessKey: "topsecret-value"}
	c = newTestClient(t, srv, func(o *Options) { o.Credentials = StaticCredentials(bad) })
	_, err = c.GetBackend(t.Context(), &types.GetBackendRequest{AppId: types.String("a")})
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	assert.NotContains(t, err.Error(), "topsecret-value")
	assert.Empty(t, f.requests())
}

func TestNewOptions(t *testing.T) {
	_, err := New(Options{})
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []string{"/region", "/credentials"}, problemPaths(verr))

	_, err = New(Options{Region: "us-east-1.example.com", Credentials: StaticCredentials(cliCreds), Endpoint: "ftp://x", MaxAttempts: -1})
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []string{"/region", "/endpoint", "/maxAttempts"}, problemPaths(verr))

	c, err := New(Options{Region: "cn-north-1", Credentials: StaticCredentials(cliCreds)})
	require.NoError(t, err)
	assert.Equal(t, "https://amplifybackend.cn-north-1.amazonaws.com.cn", c.ep.base)
	assert.Equal(t, DefaultMaxAttempts, c.retry.maxAttempts)
	assert.Equal(t, http.DefaultClient, c.http)
}

func TestStaticCredentialsRedacted(t *testing.T) {
	creds := StaticCredentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret-key-value", SessionToken: "session-token-value"}
	opts := Options{Region: "us-east-1", Credentials: creds}
	for _, format := range []string{"%v", "%+v", "%s", "%#v"} {
		s := fmt.Sprintf(format, opts)
		assert.NotContains(t, s, "secret-key-value", format)
		assert.NotContains(t, s, "session-token-value", format)
		s = fmt.Sprintf(format, creds)
		assert.NotContains(t, s, "secret-key-value", format)
		assert.NotContains(t, s, "session-token-value", format)
	}
	got, err := creds.Retrieve(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "secret-key-value", got.SecretAccessKey)
}

func TestRetryDelay(t *testing.T) {
	r := retryer{base: 100 * time.Millisecond, max: 20 * time.Second, src: fixedSource(^uint64(0))}
	// The top of each window (the source's largest number is just under 1).
	for n, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 8: 12800 * time.Millisecond, 9: 20 * time.Second, 63: 20 * time.Second, 64: 20 * time.Second, 1000: 20 * time.Second} {
		d := r.delay(n)
		assert.LessOrEqual(t, d, want, "retry %d", n)
		assert.Greater(t, d, want-time.Millisecond, "retry %d", n)
	}
	r.src = fixedSource(0)
	assert.Equal(t, time.Duration(0), r.delay(5))
	r.src = fixedSource(1 << 63) // one half
	assert.Equal(t, 200*time.Millisecond, r.delay(3))

	// The default source stays in the window.
	r.src = nil
	for range 100 {
		d := r.delay(2)
		assert.GreaterOrEqual(t, d, time.Duration(0))
		assert.Less(t, d, 200*time.Millisecond)
	}
}

func TestRetryableStatus(t *testing.T) {
	for _, s := range []int{429, 500, 502, 503, 504, 599} {
		assert.True(t, response.Retryable(s), s)
	}
	for _, s := range []int{200, 301, 400, 401, 403, 404, 409, 413, 428, 600} {
		assert.False(t, response.Retryable(s), s)
	}
}

// TestVerifierRejectsTampering makes sure the fake service's check is a
// real one: a signed request with its body, path, a signed header or the
// key changed fails it.
func TestVerifierRejectsTampering(t *testing.T) {
	sign := func() (*http.Request, []byte) {
		body := []byte(`{"resourceName":"r"}`)
		r := httptest.NewRequest("POST", "http://127.0.0.1:4566/backend/a%2Fb/auth", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		sum := sha256.Sum256(body)
		require.NoError(t, SignHTTP(r, hex.EncodeToString(sum[:]), SignOptions{Credentials: cliCreds, Region: cliRegion, Time: cliTime}))
		r.RequestURI = "/backend/a%2Fb/auth" // as a server receives it
		return r, body
	}
	r, body := sign()
	at, err := verifySignature(r, body, cliCreds)
	require.NoError(t, err)
	assert.Equal(t, cliTime, at)

	r, _ = sign()
	_, err = verifySignature(r, []byte(`{"resourceName":"x"}`), cliCreds)
	assert.Error(t, err, "body")

	r, body = sign()
	r.RequestURI = "/backend/a/b/auth"
	_, err = verifySignature(r, body, cliCreds)
	assert.Error(t, err, "path")

	r, body = sign()
	r.Header.Set("Content-Type", "text/plain")
	_, err = verifySignature(r, body, cliCreds)
	assert.Error(t, err, "signed header")

	r, body = sign()
	other := cliCreds
	other.SecretAccessKey = "another-secret"
	_, err = verifySignature(r, body, other)
	assert.Error(t, err, "key")
}
