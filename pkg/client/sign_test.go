package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Recognisable secrets: no error, message or formatted value may contain
// them.
const (
	plantedSecret = "PLANTEDsecretKEY/8d1e+Zq0wXyVbN3mLk7Jh5Gf"
	plantedToken  = "PLANTEDtokenVALUE//FwoGZXIvYXdzEBYaDKq0c3RlbXBvcmFyeQ=="
)

var testTime = time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC)

func testOptions() SignOptions {
	return SignOptions{
		Credentials: Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: plantedSecret},
		Region:      "us-east-1",
		Time:        testTime,
	}
}

func testRequest() Request {
	body := `{"backendEnvironmentName":"staging"}`
	return Request{
		Method:  http.MethodPost,
		URL:     "https://amplifybackend.us-east-1.amazonaws.com/backend/app123/environments",
		Headers: Header{"Content-Type": {"application/json"}},
		Body:    &body,
	}
}

// problemsOf returns the problems of a *validate.Error.
func problemsOf(t *testing.T, err error) []validate.Problem {
	t.Helper()
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	require.NotEmpty(t, verr.Problems)
	return verr.Problems
}

type pathCode struct {
	Path string
	Code validate.Code
}

func pathCodes(ps []validate.Problem) []pathCode {
	out := make([]pathCode, len(ps))
	for i, p := range ps {
		out[i] = pathCode{p.Path, p.Code}
	}
	return out
}

// authParts splits an Authorization header into credential, signed headers
// and signature.
func authParts(t *testing.T, auth string) (credential, signedHeaders, signature string) {
	t.Helper()
	rest, ok := strings.CutPrefix(auth, "AWS4-HMAC-SHA256 Credential=")
	require.True(t, ok, auth)
	credential, rest, _ = strings.Cut(rest, ", SignedHeaders=")
	signedHeaders, signature, _ = strings.Cut(rest, ", Signature=")
	return credential, signedHeaders, signature
}

func TestCredentialsRedaction(t *testing.T) {
	creds := Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: plantedSecret, SessionToken: plantedToken}
	opts := SignOptions{Credentials: creds, Region: "us-east-1", Time: testTime}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		for _, v := range []any{creds, &creds, opts, &opts} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, plantedSecret, verb)
			assert.NotContains(t, out, plantedToken, verb)
			assert.NotContains(t, out, "PLANTED", verb)
			assert.NotContains(t, out, "IOSFODNN7EXAMPLE", verb, "only the first 4 characters of the key id")
		}
	}
	assert.Equal(t, "Credentials{AccessKeyID: AKIA…, SecretAccessKey: <redacted>, SessionToken: <redacted>}", creds.String())
	assert.Equal(t, `client.Credentials{AccessKeyID:"AKIA…", SecretAccessKey:"<redacted>", SessionToken:"<redacted>"}`, fmt.Sprintf("%#v", creds))
	assert.Contains(t, fmt.Sprintf("%+v", opts), "Region:us-east-1")
	assert.Equal(t, "Credentials{AccessKeyID: , SecretAccessKey: , SessionToken: }", Credentials{}.String(), "empty fields show as empty")
}

func TestSignHeaderMode(t *testing.T) {
	req := testRequest()
	signed, err := Sign(req, testOptions())
	require.NoError(t, err)

	assert.Equal(t, req.URL, signed.URL)
	assert.Equal(t, req.Method, signed.Method)
	assert.Same(t, req.Body, signed.Body)
	assert.Equal(t, []string{"amplifybackend.us-east-1.amazonaws.com"}, signed.Headers["Host"])
	assert.Equal(t, []string{"20240517T103000Z"}, signed.Headers["X-Amz-Date"])
	assert.Equal(t, []string{"36"}, signed.Headers["Content-Length"])
	assert.Equal(t, []string{"application/json"}, signed.Headers["Content-Type"])
	assert.NotContains(t, signed.Headers, "X-Amz-Security-Token")
	assert.NotContains(t, signed.Headers, "X-Amz-Content-Sha256")

	cred, sh, sig := authParts(t, signed.Headers.Get("Authorization"))
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE/20240517/us-east-1/amplifybackend/aws4_request", cred)
	assert.Equal(t, "content-length;content-type;host;x-amz-date", sh)
	assert.Len(t, sig, 64)

	// Every signed header is listed, and nothing else.
	listed := []string{}
	for k := range signed.Headers {
		if k != "Authorization" {
			listed = append(listed, strings.ToLower(k))
		}
	}
	assert.ElementsMatch(t, strings.Split(sh, ";"), listed)

	// The same request signed by the bare signer gives the same signature.
	hr, err := http.NewRequest(req.Method, req.URL, strings.NewReader(*req.Body))
	require.NoError(t, err)
	hr.Header.Set("Content-Type", "application/json")
	require.NoError(t, v4.NewSigner().SignHTTP(context.Background(),
		aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: plantedSecret},
		hr, hashHex(*req.Body), "amplifybackend", "us-east-1", testTime))
	assert.Equal(t, hr.Header.Get("Authorization"), signed.Headers.Get("Authorization"))
}

func TestSignDoesNotModifyInput(t *testing.T) {
	body := "x"
	req := Request{
		Method: "PUT",
		URL:    "https://Example.com:443/a/./b?b=2&a=1",
		Headers: Header{
			"x-multi":       {"one\n  two", "three"},
			"Authorization": {"old"},
			"X-Amz-Date":    {"old"},
		},
		Body: &body,
	}
	before := Request{Method: req.Method, URL: req.URL, Headers: Header{}, Body: req.Body}
	for k, v := range req.Headers {
		before.Headers[k] = append([]string(nil), v...)
	}
	for _, presign := range []bool{false, true} {
		opts := testOptions()
		opts.Presign = presign
		_, err := Sign(req, opts)
		require.NoError(t, err)
		assert.Equal(t, before, req)
	}
}

func TestSignSessionToken(t *testing.T) {
	opts := testOptions()
	opts.Credentials.SessionToken = plantedToken

	signed, err := Sign(testRequest(), opts)
	require.NoError(t, err)
	assert.Equal(t, []string{plantedToken}, signed.Headers["X-Amz-Security-Token"])
	_, sh, _ := authParts(t, signed.Headers.Get("Authorization"))
	assert.Contains(t, strings.Split(sh, ";"), "x-amz-security-token")

	opts.UnsignedSessionToken = true
	unsigned, err := Sign(testRequest(), opts)
	require.NoError(t, err)
	assert.Equal(t, []string{plantedToken}, unsigned.Headers["X-Amz-Security-Token"])
	_, sh, _ = authParts(t, unsigned.Headers.Get("Authorization"))
	assert.NotContains(t, strings.Split(sh, ";"), "x-amz-security-token")

	opts.UnsignedSessionToken = false
	opts.Presign = true
	pre, err := Sign(testRequest(), opts)
	require.NoError(t, err)
	u, err := url.Parse(pre.URL)
	require.NoError(t, err)
	assert.Equal(t, plantedToken, u.Query().Get("X-Amz-Security-Token"))
	assert.NotContains(t, pre.Headers, "X-Amz-Security-Token")
}

func TestSignPresign(t *testing.T) {
	opts := testOptions()
	opts.Presign = true
	opts.SignBody = true // has no effect on a presigned URL
	signed, err := Sign(testRequest(), opts)
	require.NoError(t, err)

	base, query, ok := strings.Cut(signed.URL, "?")
	require.True(t, ok)
	assert.Equal(t, testRequest().URL, base)
	q, err := url.ParseQuery(query)
	require.NoError(t, err)
	assert.Equal(t, "AWS4-HMAC-SHA256", q.Get("X-Amz-Algorithm"))
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE/20240517/us-east-1/amplifybackend/aws4_request", q.Get("X-Amz-Credential"))
	assert.Equal(t, "20240517T103000Z", q.Get("X-Amz-Date"))
	assert.Equal(t, "900", q.Get("X-Amz-Expires"), "default expiry is 15 minutes")
	assert.Equal(t, "content-length;content-type;host", q.Get("X-Amz-SignedHeaders"))
	assert.Len(t, q.Get("X-Amz-Signature"), 64)
	assert.Equal(t, Header{
		"Host":           {"amplifybackend.us-east-1.amazonaws.com"},
		"Content-Length": {"36"},
		"Content-Type":   {"application/json"},
	}, signed.Headers)

	opts.Expires = 7 * 24 * time.Hour
	signed, err = Sign(testRequest(), opts)
	require.NoError(t, err)
	assert.Contains(t, signed.URL, "X-Amz-Expires=604800&")
}

func TestSignPresignHoistsAmzHeaders(t *testing.T) {
	req := testRequest()
	req.Headers["X-Amz-Target"] = []string{"Op"}
	req.Headers["X-Amz-Meta-Color"] = []string{"blue"} // always signed, never hoisted
	opts := testOptions()
	opts.Presign = true
	signed, err := Sign(req, opts)
	require.NoError(t, err)
	u, err := url.Parse(signed.URL)
	require.NoError(t, err)
	assert.Equal(t, "Op", u.Query().Get("X-Amz-Target"))
	assert.NotContains(t, signed.Headers, "X-Amz-Target", "a hoisted header is not sent twice")
	assert.Equal(t, []string{"blue"}, signed.Headers["X-Amz-Meta-Color"])
	assert.Equal(t, "content-length;content-type;host;x-amz-meta-color", u.Query().Get("X-Amz-SignedHeaders"))
}

func TestSignBody(t *testing.T) {
	opts := testOptions()
	opts.SignBody = true
	signed, err := Sign(testRequest(), opts)
	require.NoError(t, err)
	assert.Equal(t, []string{hashHex(*testRequest().Body)}, signed.Headers["X-Amz-Content-Sha256"])
	_, sh, _ := authParts(t, signed.Headers.Get("Authorization"))
	assert.Equal(t, "content-length;content-type;host;x-amz-content-sha256;x-amz-date", sh)

	noBody := testRequest()
	noBody.Method, noBody.Body = "GET", nil
	signed, err = Sign(noBody, opts)
	require.NoError(t, err)
	assert.Equal(t, []string{emptyPayloadHash}, signed.Headers["X-Amz-Content-Sha256"])
	assert.NotContains(t, signed.Headers, "Content-Length")
}

func TestSignHostForms(t *testing.T) {
	for _, tc := range []struct{ url, host, wire string }{
		{"https://example.com/x", "example.com", "https://example.com/x"},
		{"https://example.com:443/x", "example.com", "https://example.com:443/x"},
		{"http://example.com:80/x", "example.com", "http://example.com:80/x"},
		{"http://example.com:443/x", "example.com:443", "http://example.com:443/x"},
		{"https://localhost:4566", "localhost:4566", "https://localhost:4566"},
		{"HTTPS://Example.COM/A", "example.com", "https://example.com/A"},
		{"https://[::1]:443/x", "[::1]", "https://[::1]:443/x"},
		{"https://[::1]:8443/x", "[::1]:8443", "https://[::1]:8443/x"},
		{"https://127.0.0.1/x", "127.0.0.1", "https://127.0.0.1/x"},
	} {
		req := Request{Method: "GET", URL: tc.url}
		signed, err := Sign(req, testOptions())
		require.NoError(t, err, tc.url)
		assert.Equal(t, []string{tc.host}, signed.Headers["Host"], tc.url)
		assert.Equal(t, tc.wire, signed.URL, tc.url)
	}
}

func TestSignHostHeader(t *testing.T) {
	req := testRequest()
	req.Headers["host"] = []string{"AMPLIFYBACKEND.us-east-1.amazonaws.com:443"}
	signed, err := Sign(req, testOptions())
	require.NoError(t, err)
	assert.Equal(t, []string{"amplifybackend.us-east-1.amazonaws.com"}, signed.Headers["Host"])
	assert.NotContains(t, signed.Headers, "host")

	req.Headers["host"] = []string{"evil.example.com"}
	_, err = Sign(req, testOptions())
	assert.Equal(t, []pathCode{{"/headers/Host", validate.CodeInvalid}}, pathCodes(problemsOf(t, err)))
}

func TestSignPathAndQuery(t *testing.T) {
	for _, tc := range []struct {
		name, url, wire string
		noNormalize     bool
		canonicalLike   string // a URL whose signature must be the same
	}{
		{name: "dot segments normalized", url: "https://h/a/./b/../c", wire: "https://h/a/./b/../c", canonicalLike: "https://h/a/c"},
		{name: "empty segments normalized", url: "https://h//a//", wire: "https://h//a//", canonicalLike: "https://h/a/"},
		{name: "escaped path escaped once more", url: "https://h/a%20b", wire: "https://h/a%20b"},
		{name: "query sorted and encoded", url: "https://h/?b=2&a=%7e&c", wire: "https://h/?a=~&b=2&c="},
		{name: "plus is a space", url: "https://h/?a=b+c", wire: "https://h/?a=b%20c", canonicalLike: "https://h/?a=b%20c"},
		{name: "old signature dropped", url: "https://h/?X-Amz-Signature=abc&X-Amz-Date=x&a=1", wire: "https://h/?a=1", canonicalLike: "https://h/?a=1"},
		{name: "unnormalized", url: "https://h/a/./b", wire: "https://h/a/./b", noNormalize: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := testOptions()
			opts.DisablePathNormalization = tc.noNormalize
			signed, err := Sign(Request{Method: "GET", URL: tc.url}, opts)
			require.NoError(t, err)
			assert.Equal(t, tc.wire, signed.URL)
			if tc.canonicalLike != "" {
				other, err := Sign(Request{Method: "GET", URL: tc.canonicalLike}, opts)
				require.NoError(t, err)
				assert.Equal(t, other.Headers.Get("Authorization"), signed.Headers.Get("Authorization"))
			}
		})
	}

	// With normalization disabled, "/a/./b" and "/a/b" sign differently.
	opts := testOptions()
	opts.DisablePathNormalization = true
	a, err := Sign(Request{Method: "GET", URL: "https://h/a/./b"}, opts)
	require.NoError(t, err)
	b, err := Sign(Request{Method: "GET", URL: "https://h/a/b"}, opts)
	require.NoError(t, err)
	assert.NotEqual(t, a.Headers.Get("Authorization"), b.Headers.Get("Authorization"))
}

func TestSignFoldsMultiLineValues(t *testing.T) {
	req := Request{Method: "GET", URL: "https://h/", Headers: Header{"X-Folded": {"a\r\n  b\n\tc", "plain"}}}
	signed, err := Sign(req, testOptions())
	require.NoError(t, err)
	assert.Equal(t, []string{"a b c", "plain"}, signed.Headers["X-Folded"])
	assert.Equal(t, "a\r\n  b\n\tc", req.Headers["X-Folded"][0], "input unchanged")
}

// TestSignSecretChange checks the workaround for the signer's key cache,
// which is keyed by access key ID and day but not by secret.
func TestSignSecretChange(t *testing.T) {
	optsA := testOptions()
	optsA.Credentials.AccessKeyID = "AKIDSECRETCHANGE"
	optsA.Credentials.SecretAccessKey = "first-secret"
	optsB := optsA
	optsB.Credentials.SecretAccessKey = "second-secret"

	a, err := Sign(testRequest(), optsA)
	require.NoError(t, err)
	b, err := Sign(testRequest(), optsB)
	require.NoError(t, err)
	assert.NotEqual(t, a.Headers.Get("Authorization"), b.Headers.Get("Authorization"))

	fresh := func(secret string) string {
		r := testRequest()
		hr, err := http.NewRequest(r.Method, r.URL, strings.NewReader(*r.Body))
		require.NoError(t, err)
		hr.Header.Set("Content-Type", "application/json")
		require.NoError(t, v4.NewSigner().SignHTTP(context.Background(),
			aws.Credentials{AccessKeyID: "AKIDSECRETCHANGE", SecretAccessKey: secret},
			hr, hashHex(*r.Body), "amplifybackend", "us-east-1", testTime))
		return hr.Header.Get("Authorization")
	}
	assert.Equal(t, fresh("first-secret"), a.Headers.Get("Authorization"))
	assert.Equal(t, fresh("second-secret"), b.Headers.Get("Authorization"))
}

func TestSignConcurrent(t *testing.T) {
	want, err := Sign(testRequest(), testOptions())
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			opts := testOptions()
			if i%2 == 1 {
				opts.Credentials.SecretAccessKey = "other-secret"
			}
			for j := 0; j < 50; j++ {
				got, err := Sign(testRequest(), opts)
				if err != nil {
					errs <- err
					return
				}
				if i%2 == 0 && got.Headers.Get("Authorization") != want.Headers.Get("Authorization") {
					errs <- errors.New("signature differs")
					return
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestSignOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*SignOptions)
		want []pathCode
	}{
		{"no access key id", func(o *SignOptions) { o.Credentials.AccessKeyID = "" }, []pathCode{{"/credentials/accessKeyId", validate.CodeRequired}}},
		{"bad access key id", func(o *SignOptions) { o.Credentials.AccessKeyID = "AKID/with,comma" }, []pathCode{{"/credentials/accessKeyId", validate.CodeInvalid}}},
		{"no secret", func(o *SignOptions) { o.Credentials.SecretAccessKey = "" }, []pathCode{{"/credentials/secretAccessKey", validate.CodeRequired}}},
		{"token with newline", func(o *SignOptions) { o.Credentials.SessionToken = plantedToken + "\r\nX-Injected: 1" }, []pathCode{{"/credentials/sessionToken", validate.CodeInvalid}}},
		{"no region", func(o *SignOptions) { o.Region = "" }, []pathCode{{"/region", validate.CodeRequired}}},
		{"bad region", func(o *SignOptions) { o.Region = "US_EAST_1" }, []pathCode{{"/region", validate.CodeInvalid}}},
		{"region with slash", func(o *SignOptions) { o.Region = "us-east-1/x" }, []pathCode{{"/region", validate.CodeInvalid}}},
		{"bad service", func(o *SignOptions) { o.Service = "amplify backend" }, []pathCode{{"/service", validate.CodeInvalid}}},
		{"no time", func(o *SignOptions) { o.Time = time.Time{} }, []pathCode{{"/time", validate.CodeRequired}}},
		{"time out of range", func(o *SignOptions) { o.Time = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC) }, []pathCode{{"/time", validate.CodeRange}}},
		{"expires too long", func(o *SignOptions) { o.Presign, o.Expires = true, MaxExpires+time.Second }, []pathCode{{"/expires", validate.CodeRange}}},
		{"expires too short", func(o *SignOptions) { o.Presign, o.Expires = true, time.Millisecond }, []pathCode{{"/expires", validate.CodeRange}}},
		{"expires negative", func(o *SignOptions) { o.Presign, o.Expires = true, -time.Minute }, []pathCode{{"/expires", validate.CodeRange}}},
		{"expires fraction", func(o *SignOptions) { o.Presign, o.Expires = true, 1500*time.Millisecond }, []pathCode{{"/expires", validate.CodeInvalid}}},
		{"all at once", func(o *SignOptions) {
			o.Credentials = Credentials{}
			o.Region = ""
			o.Time = time.Time{}
		}, []pathCode{
			{"/credentials/accessKeyId", validate.CodeRequired},
			{"/credentials/secretAccessKey", validate.CodeRequired},
			{"/region", validate.CodeRequired},
			{"/time", validate.CodeRequired},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := testOptions()
			tc.mod(&opts)
			_, err := Sign(testRequest(), opts)
			assert.Equal(t, tc.want, pathCodes(problemsOf(t, err)))
		})
	}
	// Expires is only checked when presigning.
	opts := testOptions()
	opts.Expires = -time.Hour
	_, err := Sign(testRequest(), opts)
	assert.NoError(t, err)
}

func TestSignRequestErrors(t *testing.T) {
	body := "abc"
	for _, tc := range []struct {
		name string
		req  Request
		want []pathCode
	}{
		{"no method", Request{URL: "https://h/"}, []pathCode{{"/method", validate.CodeInvalid}}},
		{"bad method", Request{Method: "GE T", URL: "https://h/"}, []pathCode{{"/method", validate.CodeInvalid}}},
		{"no url", Request{Method: "GET"}, []pathCode{{"/url", validate.CodeRequired}}},
		{"relative url", Request{Method: "GET", URL: "/backend"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"ftp url", Request{Method: "GET", URL: "ftp://h/"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"userinfo", Request{Method: "GET", URL: "https://user:" + plantedSecret + "@h/"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"fragment", Request{Method: "GET", URL: "https://h/#x"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"empty host", Request{Method: "GET", URL: "https:///x"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"bad host", Request{Method: "GET", URL: "https://h h/"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"bad port", Request{Method: "GET", URL: "https://h:99999/"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"empty port", Request{Method: "GET", URL: "https://h:/"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"control in path", Request{Method: "GET", URL: "https://h/a\nb"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"bad escape", Request{Method: "GET", URL: "https://h/a%zz"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"truncated escape", Request{Method: "GET", URL: "https://h/?a=%4"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"semicolon in query", Request{Method: "GET", URL: "https://h/?a=1;b=2"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"invalid utf-8", Request{Method: "GET", URL: "https://h/\xff"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"bad header name", Request{Method: "GET", URL: "https://h/", Headers: Header{"Bad Name": {"x"}}}, []pathCode{{"/headers", validate.CodeInvalid}}},
		{"empty header name", Request{Method: "GET", URL: "https://h/", Headers: Header{"": {"x"}}}, []pathCode{{"/headers", validate.CodeInvalid}}},
		{"header name with slash", Request{Method: "GET", URL: "https://h/", Headers: Header{"a/b": {"x"}}}, []pathCode{{"/headers", validate.CodeInvalid}}},
		{"header injection", Request{Method: "GET", URL: "https://h/", Headers: Header{"X-Foo": {"a\r\nX-Injected: 1"}}}, []pathCode{{"/headers/X-Foo", validate.CodeInvalid}}},
		{"NUL in header", Request{Method: "GET", URL: "https://h/", Headers: Header{"X-Foo": {"ok", "a\x00b"}}}, []pathCode{{"/headers/X-Foo/1", validate.CodeInvalid}}},
		{"trailing newline", Request{Method: "GET", URL: "https://h/", Headers: Header{"X-Foo": {"a\n"}}}, []pathCode{{"/headers/X-Foo", validate.CodeInvalid}}},
		{"bare CR fold", Request{Method: "GET", URL: "https://h/", Headers: Header{"X-Foo": {"a\r b"}}}, []pathCode{{"/headers/X-Foo", validate.CodeInvalid}}},
		{"duplicate names", Request{Method: "GET", URL: "https://h/", Headers: Header{"X-Foo": {"a"}, "x-foo": {"b"}, "X-FOO": {"c"}}}, []pathCode{
			{"/headers/X-Foo", validate.CodeDuplicate}, {"/headers/x-foo", validate.CodeDuplicate},
		}},
		{"duplicate host", Request{Method: "GET", URL: "https://h/", Headers: Header{"Host": {"h"}, "host": {"h"}}}, []pathCode{{"/headers/host", validate.CodeDuplicate}}},
		{"content-length mismatch", Request{Method: "POST", URL: "https://h/", Headers: Header{"Content-Length": {"4"}}, Body: &body}, []pathCode{{"/headers/Content-Length", validate.CodeInvalid}}},
		{"content-length without body", Request{Method: "POST", URL: "https://h/", Headers: Header{"Content-Length": {"3"}}}, []pathCode{{"/headers/Content-Length", validate.CodeInvalid}}},
		{"two host values", Request{Method: "GET", URL: "https://h/", Headers: Header{"Host": {"h", "h"}}}, []pathCode{{"/headers/Host", validate.CodeInvalid}}},
		{"several problems", Request{Method: "", URL: "nope", Headers: Header{"A B": {"x"}, "X-Ok": {"\x01"}}}, []pathCode{
			{"/headers", validate.CodeInvalid}, {"/headers/X-Ok", validate.CodeInvalid}, {"/method", validate.CodeInvalid}, {"/url", validate.CodeInvalid},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Sign(tc.req, testOptions())
			ps := problemsOf(t, err)
			assert.Equal(t, tc.want, pathCodes(ps))
			for _, p := range ps {
				assert.NotEmpty(t, p.Message)
				assert.True(t, strings.HasSuffix(p.Message, "."), p.Message)
			}
		})
	}
}

// TestSignErrorsNeverContainSecrets plants a recognisable secret and token
// and scans every error produced by bad input.
func TestSignErrorsNeverContainSecrets(t *testing.T) {
	good := testOptions()
	good.Credentials.SessionToken = plantedToken
	body := plantedSecret
	reqs := []Request{
		{Method: "GET", URL: "https://h/", Headers: Header{"X-Amz-Security-Token": {plantedToken + "\n"}}},
		{Method: "GET", URL: "https://h/" + plantedSecret + "%zz"},
		{Method: plantedSecret + " x", URL: "https://h/"},
		{Method: "GET", URL: "https://" + plantedSecret + "@h/"},
		{Method: "GET", URL: "https://h/?" + plantedToken + ";"},
		{Method: "GET", URL: "https://h/", Headers: Header{"X-Secret": {plantedSecret + "\x00"}}},
		{Method: "GET", URL: "https://h/", Headers: Header{"Host": {plantedSecret}}},
		{Method: "POST", URL: "https://h/", Headers: Header{"Content-Length": {plantedSecret}}, Body: &body},
	}
	opts := []SignOptions{good}
	for _, mod := range []func(*SignOptions){
		func(o *SignOptions) { o.Credentials.SessionToken = plantedToken + "\n" },
		func(o *SignOptions) { o.Credentials.SessionToken = " " + plantedToken },
		func(o *SignOptions) { o.Credentials.AccessKeyID = plantedSecret },
		func(o *SignOptions) { o.Credentials.AccessKeyID = "" },
		func(o *SignOptions) { o.Region = plantedSecret },
		func(o *SignOptions) { o.Service = plantedToken },
		func(o *SignOptions) { o.Presign, o.Expires = true, -1 },
		func(o *SignOptions) { o.Time = time.Time{} },
	} {
		o := good
		mod(&o)
		opts = append(opts, o)
	}
	n := 0
	check := func(err error) {
		t.Helper()
		if err == nil {
			return
		}
		n++
		msg := err.Error()
		var verr *validate.Error
		if errors.As(err, &verr) {
			for _, p := range verr.Problems {
				msg += "\n" + p.Path + " " + string(p.Code) + " " + p.Message
			}
		}
		assert.NotContains(t, msg, plantedSecret)
		assert.NotContains(t, msg, plantedToken)
		assert.NotContains(t, msg, "PLANTED")
	}
	for _, o := range opts {
		for _, presign := range []bool{false, true} {
			o.Presign = o.Presign || presign
			_, err := Sign(testRequest(), o)
			check(err)
			for _, r := range reqs {
				_, err := Sign(r, o)
				check(err)
				hr, err := http.NewRequest("GET", "https://h/", nil)
				require.NoError(t, err)
				check(SignHTTP(hr, "", o))
				for k, v := range r.Headers {
					hr.Header[k] = v
				}
				check(SignHTTP(hr, plantedSecret, o))
			}
		}
	}
	assert.Greater(t, n, 100, "errors scanned")
}

func TestSignHTTPMatchesSign(t *testing.T) {
	for _, presign := range []bool{false, true} {
		for _, rawURL := range []string{
			"https://amplifybackend.us-east-1.amazonaws.com/backend/app123/environments",
			"https://h/a%20b/./c?x=1&b=%2F",
			"https://h:443//double//slash",
			"https://h",
		} {
			opts := testOptions()
			opts.Presign = presign
			opts.SignBody = true
			opts.Credentials.SessionToken = plantedToken
			req := testRequest()
			req.URL = rawURL
			want, err := Sign(req, opts)
			require.NoError(t, err)

			hr, err := http.NewRequest(req.Method, rawURL, strings.NewReader(*req.Body))
			require.NoError(t, err)
			hr.Header.Set("Content-Type", "application/json")
			escapedPath := hr.URL.EscapedPath()
			require.NoError(t, SignHTTP(hr, "", opts), rawURL)

			assert.Equal(t, escapedPath, hr.URL.EscapedPath(), "path unchanged")
			assert.Empty(t, hr.URL.Opaque)
			assert.Equal(t, want.Headers.Get("Host"), hr.Host)
			_, wantQuery, _ := strings.Cut(want.URL, "?")
			assert.Equal(t, wantQuery, hr.URL.RawQuery, rawURL)
			for k, v := range want.Headers {
				switch k {
				case "Host", "Content-Length":
					continue // net/http sends Request.Host and ContentLength
				}
				assert.Equal(t, v, hr.Header[k], "%s %s", rawURL, k)
			}
			assert.Len(t, hr.Header, len(want.Headers)-2, rawURL)
			b, err := io.ReadAll(hr.Body)
			require.NoError(t, err)
			assert.Equal(t, *req.Body, string(b), "body not consumed")
		}
	}
}

func TestSignHTTPOpaque(t *testing.T) {
	hr, err := http.NewRequest("GET", "https://h/ignored", nil)
	require.NoError(t, err)
	hr.URL.Opaque = "//h/a%2Fb"
	require.NoError(t, SignHTTP(hr, "", testOptions()))
	assert.Equal(t, "//h/a%2Fb", hr.URL.Opaque)
	want, err := Sign(Request{Method: "GET", URL: "https://h/a%2Fb"}, testOptions())
	require.NoError(t, err)
	assert.Equal(t, want.Headers.Get("Authorization"), hr.Header.Get("Authorization"))
}

func TestSignHTTPErrors(t *testing.T) {
	assert.Equal(t, []pathCode{{"", validate.CodeRequired}}, pathCodes(problemsOf(t, SignHTTP(nil, "", testOptions()))))
	assert.Equal(t, []pathCode{{"/url", validate.CodeRequired}}, pathCodes(problemsOf(t, SignHTTP(&http.Request{}, "", testOptions()))))

	hr, err := http.NewRequest("POST", "https://h/", io.NopCloser(strings.NewReader("x")))
	require.NoError(t, err)
	assert.Equal(t, []pathCode{{"/payloadHash", validate.CodeRequired}}, pathCodes(problemsOf(t, SignHTTP(hr, "", testOptions()))))
	assert.Equal(t, []pathCode{{"/payloadHash", validate.CodeInvalid}}, pathCodes(problemsOf(t, SignHTTP(hr, "ABC", testOptions()))))
	assert.NoError(t, SignHTTP(hr, "UNSIGNED-PAYLOAD", testOptions()))

	hr, err = http.NewRequest("GET", "ftp://h/", nil)
	require.NoError(t, err)
	hr.Header["x foo"] = []string{"1"}
	before := hr.Header.Clone()
	assert.Equal(t, []pathCode{{"/headers", validate.CodeInvalid}, {"/url", validate.CodeInvalid}}, pathCodes(problemsOf(t, SignHTTP(hr, "", testOptions()))))
	assert.Equal(t, before, hr.Header, "not modified on error")
}

// TestSignedRequestOnTheWire sends signed requests with HTTPRequest and
// checks that the server receives exactly what was signed.
func TestSignedRequestOnTheWire(t *testing.T) {
	type seen struct {
		uri    string
		host   string
		header http.Header
		body   string
		length int64
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{r.RequestURI, r.Host, r.Header.Clone(), string(b), r.ContentLength}
	}))
	defer srv.Close()

	for _, presign := range []bool{false, true} {
		for _, path := range []string{"/backend/app123/auth", "/a%2Fb/./c/", "//x", ""} {
			opts := testOptions()
			opts.Presign = presign
			opts.Credentials.SessionToken = plantedToken
			req := testRequest()
			req.URL = srv.URL + path + "?q=a+b&z=%F0%9F%98%80"
			req.Headers.Add("X-Multi", "one")
			req.Headers.Add("X-Multi", "two")
			signed, err := Sign(req, opts)
			require.NoError(t, err)

			hr, err := signed.HTTPRequest(context.Background())
			require.NoError(t, err)
			resp, err := srv.Client().Do(hr)
			require.NoError(t, err)
			resp.Body.Close()
			s := <-got

			_, rest, _ := strings.Cut(signed.URL, "://")
			wantURI := rest[strings.IndexAny(rest, "/?"):]
			if path == "" {
				wantURI = "/" + wantURI // net/http sends "/" for an empty path
			}
			assert.Equal(t, wantURI, s.uri)
			assert.Equal(t, signed.Headers.Get("Host"), s.host)
			assert.Equal(t, *req.Body, s.body)
			assert.Equal(t, int64(len(*req.Body)), s.length)
			for k, v := range signed.Headers {
				switch k {
				case "Host":
					continue
				case "Content-Length":
					assert.Equal(t, v, []string{s.header.Get("Content-Length")})
				default:
					assert.Equal(t, v, s.header[k], k)
				}
			}
		}
	}
}

func TestNormalizePath(t *testing.T) {
	for in, want := range map[string]string{
		"/":                        "/",
		"/a/b":                     "/a/b",
		"/a/b/":                    "/a/b/",
		"/./":                      "/",
		"/./example":               "/example",
		"//example//":              "/example/",
		"//":                       "/",
		"/example1/example2/../..": "/",
		"/a/../../b":               "/b",
		"/a/./b/../c/.":            "/a/c",
		"/a/.../b":                 "/a/.../b",
		"/a/..b/c":                 "/a/..b/c",
		"/%2E/a":                   "/%2E/a",
	} {
		assert.Equal(t, want, normalizePath(in), in)
	}
}

func TestFoldValue(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"plain", "plain", true},
		{"tab\tinside", "tab\tinside", true},
		{"value1\n  value2\n     value3", "value1 value2 value3", true},
		{"a\r\n\tb", "a b", true},
		{"a\n", "", false},
		{"a\nb", "", false},
		{"a\rb", "", false},
		{"a\r\nb", "", false},
		{"a\x00b", "", false},
		{"a\x7fb", "", false},
	} {
		got, _, ok := foldValue(tc.in)
		assert.Equal(t, tc.ok, ok, "%q", tc.in)
		assert.Equal(t, tc.want, got, "%q", tc.in)
	}
}

func TestSignStripsEncodedSigningParams(t *testing.T) {
	signed, err := Sign(Request{Method: "GET", URL: "https://h/?X-Amz-Signatur%65=1&X%2DAmz-Date=2&a=1"}, testOptions())
	require.NoError(t, err)
	assert.Equal(t, "https://h/?a=1", signed.URL)
}

func TestSignHTTPKeepsHeaderMap(t *testing.T) {
	hr, err := http.NewRequest("GET", "https://h/", nil)
	require.NoError(t, err)
	hr.Header["x-lower"] = []string{"v"}
	hdr := hr.Header
	require.NoError(t, SignHTTP(hr, "", testOptions()))
	assert.NotEmpty(t, hdr.Get("Authorization"), "the caller's map is updated")
	assert.Equal(t, []string{"v"}, hdr["X-Lower"])
	assert.NotContains(t, hdr, "x-lower")
}

// TestSignCollapsesTabs: SigV4 signs a header value with every run of
// spaces and tabs as one space, as botocore and @smithy/signature-v4 do
// (testdata/sigv4-botocore holds botocore's signatures), and the value is
// sent as written, as they send it. Sign and SignHTTP agree, in both modes.
func TestSignCollapsesTabs(t *testing.T) {
	opts := SignOptions{
		Credentials: Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
		Region:      "us-east-1",
		Service:     "service",
		Time:        time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC),
	}
	wantSig := strings.TrimSpace(readVectorFile(t, botocoreDir+"/get-header-value-tab", "header-signature.txt"))
	sign := func(vals ...string) Request {
		t.Helper()
		req := Request{Method: "GET", URL: "https://example.amazonaws.com/", Headers: Header{"X-Custom": vals}}
		signed, err := Sign(req, opts)
		require.NoError(t, err)
		assert.Equal(t, vals, req.Headers["X-Custom"], "input unchanged")
		return signed
	}
	signed := sign("a\tb")
	_, _, sig := authParts(t, signed.Headers.Get("Authorization"))
	assert.Equal(t, wantSig, sig, "botocore's signature")
	assert.Equal(t, []string{"a\tb"}, signed.Headers["X-Custom"], "sent as written")
	for _, v := range []string{"a b", "a \t b", "a\t\t\tb", " \ta\t b \t", "a  b"} {
		_, _, got := authParts(t, sign(v).Headers.Get("Authorization"))
		assert.Equal(t, wantSig, got, "%q signs as %q", v, "a b")
	}
	_, _, other := authParts(t, sign("a\tb", "c\td").Headers.Get("Authorization"))
	_, _, same := authParts(t, sign("a b", "c d").Headers.Get("Authorization"))
	assert.Equal(t, same, other, "every value of a header")
	assert.NotEqual(t, wantSig, other)

	hr, err := http.NewRequest("GET", "https://example.amazonaws.com/", nil)
	require.NoError(t, err)
	hr.Header.Set("X-Custom", "a\tb")
	require.NoError(t, SignHTTP(hr, "", opts))
	assert.Equal(t, signed.Headers.Get("Authorization"), hr.Header.Get("Authorization"))
	assert.Equal(t, []string{"a\tb"}, hr.Header["X-Custom"])

	opts.Presign = true
	opts.Expires = time.Hour
	wantQuerySig := strings.TrimSpace(readVectorFile(t, botocoreDir+"/get-header-value-tab", "query-signature.txt"))
	pre := sign("a\tb")
	q, err := url.ParseQuery(pre.URL[strings.IndexByte(pre.URL, '?')+1:])
	require.NoError(t, err)
	assert.Equal(t, wantQuerySig, q.Get("X-Amz-Signature"))
	assert.Equal(t, []string{"a\tb"}, pre.Headers["X-Custom"])
}

func TestCollapseBlanks(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "a": "a", "a\tb": "a b", "\t": " ", " \t \t": " ", "a \t b\t\tc": "a b c", "é\t😀": "é 😀",
	} {
		assert.Equal(t, want, collapseBlanks(in), "%q", in)
	}
	h := http.Header{"A": {"x y"}, "B": {"1", "2\t3"}}
	got, copied := signerHeader(h)
	require.True(t, copied)
	assert.Equal(t, http.Header{"A": {"x y"}, "B": {"1", "2 3"}}, got)
	assert.Equal(t, []string{"1", "2\t3"}, h["B"], "the original is unchanged")
	same, copied := signerHeader(http.Header{"A": {"x  y"}})
	assert.False(t, copied)
	assert.Equal(t, http.Header{"A": {"x  y"}}, same)
}

// Names that differ only in case (Host and host, Content-Length and
// content-length) are duplicates; every one's values are still checked, so
// the problems are the same whatever order the map gives the names in.
func TestSignDuplicateSpecialHeadersDeterministic(t *testing.T) {
	for _, hdr := range []Header{
		{"Host": {"amplifybackend.us-east-1.amazonaws.com"}, "host": {"bad\x00value"}},
		{"Host": {"other.example.com"}, "host": {"amplifybackend.us-east-1.amazonaws.com"}},
		{"Content-Length": {"36"}, "content-length": {"bad\x01"}, "CONTENT-LENGTH": {"7"}},
	} {
		req := testRequest()
		req.Headers = hdr
		_, first := Sign(req, testOptions())
		require.Error(t, first)
		for range 200 {
			_, err := Sign(req, testOptions())
			require.Equal(t, first.Error(), err.Error(), "the problems depend on the map's order")
		}
		// The duplicate is reported, and the invalid value too where there is one.
		assert.Contains(t, first.Error(), "given twice")
	}
}
