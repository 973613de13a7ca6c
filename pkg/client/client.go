package client

import (
	"github.com/mailru/easyjson/jlexer"

	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/response"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// CredentialsProvider supplies the credentials a request is signed with.
// The client calls Retrieve before every attempt, so a provider can refresh
// expiring credentials; it must be safe for concurrent use.
type CredentialsProvider interface {
	Retrieve(ctx context.Context) (Credentials, error)
}

// StaticCredentials is a CredentialsProvider that always returns the same
// credentials. Like Credentials, it prints without its secrets.
type StaticCredentials Credentials

// Retrieve returns the credentials.
func (s StaticCredentials) Retrieve(context.Context) (Credentials, error) {
	return Credentials(s), nil
}

// String returns a redacted description of s.
func (s StaticCredentials) String() string { return "Static" + Credentials(s).String() }

// GoString returns a redacted Go-syntax description of s, for %#v.
func (s StaticCredentials) GoString() string {
	return "client.Static" + strings.TrimPrefix(Credentials(s).GoString(), "client.")
}

// Options configure a Client.
type Options struct {
	// Region is the AWS region requests are sent to and signed for, such
	// as us-east-1. It is required.
	Region string
	// Credentials supply the credentials requests are signed with. They
	// are required. StaticCredentials gives fixed ones; SDKCredentials
	// adapts any aws-sdk-go-v2 aws.CredentialsProvider (NewFromConfig does
	// it for cfg.Credentials).
	Credentials CredentialsProvider
	// Endpoint, when set, replaces the regional endpoint (see
	// BuildOptions.Endpoint); requests are still signed for Region.
	Endpoint string
	// UseFIPSEndpoint and UseDualStackEndpoint select the region's FIPS
	// and dual-stack endpoints (see BuildOptions).
	UseFIPSEndpoint, UseDualStackEndpoint bool
	// HTTPClient sends the requests; http.DefaultClient when nil.
	HTTPClient *http.Client
	// AppID, when set, identifies the application in the User-Agent header
	// of every request ("amplifybackend-wasm-go app/AppID"), as aws.Config's
	// AppID does for the AWS SDK. Characters a User-Agent token cannot
	// hold become '-'; it is cut to 50 bytes.
	AppID string
	// MaxAttempts is the number of attempts per call, the first included;
	// DefaultMaxAttempts when 0, and 1 turns retries off.
	MaxAttempts int
	// RetryBaseDelay and RetryMaxDelay shape the backoff between attempts
	// (see DefaultRetryBaseDelay and DefaultRetryMaxDelay).
	RetryBaseDelay, RetryMaxDelay time.Duration
	// Clock gives the signing time of every attempt; time.Now when nil.
	Clock func() time.Time
	// Rand is the random source of the backoff jitter; math/rand/v2's
	// global source when nil. It need not be safe for concurrent use.
	Rand rand.Source
	// Lenient passes unknown enum values, out-of-range numbers and missing
	// body members through to the service (see BuildOptions.Lenient).
	Lenient bool
	// Limits replaces validate.DefaultLimits when set.
	Limits *validate.Limits
}

// Client calls the AmplifyBackend service: each operation method validates
// its input, builds the request, signs it with AWS Signature Version 4,
// sends it (retrying throttling, server errors and transport errors with
// capped exponential backoff and full jitter) and decodes the response.
//
// A Client is safe for concurrent use by multiple goroutines.
type Client struct {
	ep    endpoint
	creds CredentialsProvider
	http  *http.Client
	ua    string
	clock func() time.Time
	vopts validate.Options
	retry retryer
}

// New returns a Client for opts. Problems with the options are reported
// together as a *validate.Error with the paths "/region", "/endpoint",
// "/useFipsEndpoint", "/useDualstackEndpoint", "/credentials" and
// "/maxAttempts".
func New(opts Options) (*Client, error) {
	var ps []validate.Problem
	if opts.Region == "" {
		ps = append(ps, validate.Problem{Path: "/region", Code: validate.CodeRequired,
			Message: "The region is required (for example us-east-1); requests are signed for it."})
	}
	var ep endpoint
	if opts.Region != "" || opts.Endpoint != "" {
		ep, _ = resolveEndpoint(&BuildOptions{Region: opts.Region, Endpoint: opts.Endpoint,
			UseFIPSEndpoint: opts.UseFIPSEndpoint, UseDualStackEndpoint: opts.UseDualStackEndpoint}, &ps)
	}
	if opts.Credentials == nil {
		ps = append(ps, validate.Problem{Path: "/credentials", Code: validate.CodeRequired, Message: "The credentials are required."})
	}
	if opts.MaxAttempts < 0 {
		ps = append(ps, validate.Problem{Path: "/maxAttempts", Code: validate.CodeInvalid, Message: "The maximum number of attempts must not be negative."})
	}
	if len(ps) > 0 {
		return nil, &validate.Error{Problems: ps}
	}
	c := &Client{
		ep:    ep,
		creds: opts.Credentials,
		ua:    userAgent(opts.AppID),
		clock: opts.Clock,
		vopts: validate.Options{Lenient: opts.Lenient, Limits: opts.Limits},
		retry: retryer{
			maxAttempts: opts.MaxAttempts,
			base:        opts.RetryBaseDelay,
			max:         opts.RetryMaxDelay,
			src:         opts.Rand,
		},
	}
	c.http = http.DefaultClient
	if opts.HTTPClient != nil {
		c.http = opts.HTTPClient
	}
	if c.clock == nil {
		c.clock = time.Now
	}
	if c.retry.maxAttempts == 0 {
		c.retry.maxAttempts = DefaultMaxAttempts
	}
	if c.retry.base <= 0 {
		c.retry.base = DefaultRetryBaseDelay
	}
	if c.retry.max <= 0 {
		c.retry.max = DefaultRetryMaxDelay
	}
	return c, nil
}

// userAgent returns the User-Agent of a client with the given AppID, or ""
// (Go's default) without one.
func userAgent(appID string) string {
	if appID == "" {
		return ""
	}
	b := []byte(appID)
	if len(b) > 50 {
		b = b[:50]
	}
	for i, c := range b {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			b[i] = '-'
		}
	}
	return "amplifybackend-wasm-go app/" + string(b)
}

// decoder is an output type of package types.
type decoder interface {
	UnmarshalEasyJSON(l *jlexer.Lexer)
}

// invoke runs one operation: it validates and builds the request from in,
// then signs and sends it until it succeeds, fails for good or runs out of
// attempts, and decodes a successful response into out.
func (c *Client) invoke(ctx context.Context, op string, in validate.Shaped, out decoder) (types.ResponseMetadata, error) {
	var md types.ResponseMetadata
	o, ok := schema.LookupOperation(op)
	if !ok {
		_, _, err := validate.Transcode(op, nil, nil)
		return md, err
	}
	if msg := checkShape(o, in); msg != "" {
		return md, &validate.Error{Problems: []validate.Problem{{Code: validate.CodeType, Message: msg}}}
	}
	t, probs := validate.TranscodeValue(in, &c.vopts)
	req, err := finish(o, c.ep, true, t, probs)
	if err != nil {
		return md, err
	}
	payloadHash := hashBody(req.Body)
	for attempt := 0; ; attempt++ {
		status, header, body, err := c.send(ctx, req, payloadHash)
		var final error
		switch {
		case err != nil:
			if pe, permanent := err.(permanentError); permanent {
				return md, pe.err
			}
			final = err
		default:
			m, perr := parse(o, status, header, body, attempt, out)
			md = m
			if perr == nil {
				return md, nil
			}
			if _, failed := perr.(ServiceError); !failed || !response.Retryable(status) {
				return md, perr
			}
			final = perr
		}
		if attempt+1 >= c.retry.maxAttempts || ctx.Err() != nil {
			return md, final
		}
		if werr := wait(ctx, c.retry.delay(attempt+1)); werr != nil {
			return md, werr
		}
	}
}

// permanentError marks a failure that another attempt cannot fix (bad
// credentials, a request that cannot be signed or sent, a context that is
// done).
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }

// send makes one attempt: it signs req for the current time and sends it,
// and returns the response's status, headers and body. A transport error
// is returned as is (it may be retried); any other error is wrapped in
// permanentError.
func (c *Client) send(ctx context.Context, req Request, payloadHash string) (int, http.Header, []byte, error) {
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return 0, nil, nil, permanentError{err}
	}
	hr, err := req.HTTPRequest(ctx)
	if err != nil {
		return 0, nil, nil, permanentError{err}
	}
	if c.ua != "" {
		hr.Header.Set("User-Agent", c.ua)
	}
	if err := SignHTTP(hr, payloadHash, SignOptions{Credentials: creds, Region: c.ep.signingRegion, Service: c.ep.signingName, Time: c.clock()}); err != nil {
		return 0, nil, nil, permanentError{err}
	}
	resp, err := c.http.Do(hr)
	if err != nil {
		if ctx.Err() != nil {
			return 0, nil, nil, permanentError{err}
		}
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBodyBytes+1))
	if err != nil {
		if ctx.Err() != nil {
			return 0, nil, nil, permanentError{err}
		}
		return 0, nil, nil, err
	}
	if len(body) > MaxResponseBodyBytes {
		return 0, nil, nil, permanentError{&ResponseError{StatusCode: resp.StatusCode, RequestID: requestID(resp.Header),
			Err: &validate.Error{Problems: []validate.Problem{response.LimitProblem(-1)}}}}
	}
	return resp.StatusCode, resp.Header, body, nil
}

// hashBody returns the lowercase hex SHA-256 of the body (of "" when there
// is none), the payload hash SigV4 signs.
func hashBody(body *string) string {
	var s string
	if body != nil {
		s = *body
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// requestID returns the request ID header of a response.
func requestID(h http.Header) string {
	if id := h.Get("X-Amzn-Requestid"); id != "" {
		return id
	}
	return h.Get("X-Amz-Request-Id")
}

// metadata describes a response for an output's ResponseMetadata: the
// header names in lower case, several values of one header joined with
// ", ".
func metadata(status int, h http.Header, attempt int) types.ResponseMetadata {
	hh := make(map[string]string, len(h))
	for k, vs := range h {
		hh[strings.ToLower(k)] = strings.Join(vs, ", ")
	}
	return types.ResponseMetadata{
		RequestId:      requestID(h),
		HostId:         h.Get("X-Amz-Id-2"),
		HTTPStatusCode: status,
		HTTPHeaders:    hh,
		RetryAttempts:  attempt,
	}
}
