package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/response"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/retry"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

var callCmd = &command{
	name:    "call",
	summary: "validate an input, send the request and print the response",
	run:     runCall,
	usage: `Usage: ` + Program + ` call --operation OP [--region R] [--profile P] [--use-fips-endpoint]
       [--use-dualstack-endpoint] [--endpoint URL] [--no-validate] FILE

Validates the input of OP in FILE ("-" is standard input), signs the request,
sends it (retrying throttling, server errors and network errors up to 3
attempts, with capped exponential backoff and full jitter) and prints the
response as JSON in the form boto3 returns: PascalCase members as in the
typed-dict documentation, then "ResponseMetadata" (RequestId, HTTPStatusCode,
HTTPHeaders, RetryAttempts). Redirects are not followed.

Flags:
  --operation OP   the operation ('` + Program + ` operations' lists them)
` + regionHelp + `
` + endpointHelp + `
  --endpoint URL   send to this http(s) URL (a mock, a proxy) instead of
                   the region's endpoint; the request is still signed for the
                   region
  --no-validate    as for 'build': leave enum values, ranges and missing body
                   members to the service
  --profile P      (native binary) the profile of the shared config and
                   credentials files to take credentials and region from;
                   default $AWS_PROFILE

Credentials and region come as for the AWS CLI. The native binary reads them
through aws-sdk-go-v2/config: --profile, else AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), else $AWS_PROFILE or the
default profile of $AWS_CONFIG_FILE and $AWS_SHARED_CREDENTIALS_FILE
(~/.aws/config, ~/.aws/credentials), with whatever the profile names (keys,
SSO, roles, credential processes); the region from --region, $AWS_REGION,
$AWS_DEFAULT_REGION, then the profile. The Node CLI takes the environment's
keys and region only.

Exit status: 0 success; 1 invalid input (problems on standard output as by
'validate --format json'), an error response from the service (its type,
message and request ID on standard error) or a response that cannot be read;
2 usage error, unreadable file, missing credentials or region, a network
failure, or a host without HTTP.
`,
}

// ErrPending is what an Env.HTTP returns when it cannot answer yet: the
// dispatcher's "cli" function hands the request to its host (the Node CLI),
// which fetches it and runs the command again with the responses so far.
// call then stops without writing anything and Run returns ExitPending.
var ErrPending = errors.New("the response is not there yet")

// ExitPending is Run's result when the Env.HTTP returned ErrPending.
const ExitPending = -1

func runCall(r *runner, args []string) int {
	fs := r.newFlags()
	f := addEndpointFlags(fs)
	f.profile = fs.String("profile", "", "")
	files, code, ok := r.parse(fs, args)
	if !ok {
		return code
	}
	if r.env.HTTP == nil {
		r.errorf("not available in this host (it cannot send HTTP requests); use 'build' and 'sign' and send the request yourself")
		return ExitUsage
	}
	return r.call(f, files)
}

// call sends the input of the operation in the one file and prints the
// response: the request is built and signed as build and sign do, each
// attempt signed anew, and the response read with internal/response (as
// the Go client and parseResponse read it) and retried by internal/retry's
// policy.
func (r *runner) call(f endpointFlags, files []string) int {
	// The region and, from a profile, the credentials: profile_other.go in
	// the native binary (aws-sdk-go-v2/config), profile_wasm.go elsewhere
	// (the environment only).
	region, profileCreds, code, ok := r.callSettings(f)
	if !ok {
		return code
	}
	*f.region = region
	opts, code, ok := r.checkEndpoint(f)
	if !ok {
		return code
	}
	creds, code, ok := r.callCredentials(profileCreds)
	if !ok {
		return code
	}
	// Signed for the region the endpoint's rules say (its sigv4
	// signingRegion when there is one).
	ep, err := client.ResolveEndpoint(opts)
	if err != nil { // not reached: checkEndpoint checked the options
		r.errorf("%v", err)
		return ExitUsage
	}
	req, code, ok := r.buildInput(files, *f.operation, opts)
	if !ok {
		return code
	}
	o, _ := schema.LookupOperation(*f.operation)
	var body string
	if req.Body != nil {
		body = *req.Body
	}
	sum := sha256.Sum256([]byte(body))
	payloadHash := hex.EncodeToString(sum[:])
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			r.sleep(time.Duration(retry.Delay(attempt, retry.DefaultBaseDelay, retry.DefaultMaxDelay, r.random())))
		}
		last := attempt+1 >= retry.DefaultMaxAttempts
		now, ok := r.clock()
		if !ok {
			r.errorf("this host gives no time to sign the request with")
			return ExitUsage
		}
		hr, err := req.HTTPRequest(context.Background())
		if err == nil {
			err = client.SignHTTP(hr, payloadHash, client.SignOptions{Credentials: creds, Region: ep.SigningRegion, Service: ep.SigningName, Time: now})
		}
		if err != nil {
			r.errorf("%v", err)
			return ExitUsage
		}
		resp, err := r.env.HTTP.Do(hr)
		var data []byte
		if err == nil {
			data, err = io.ReadAll(io.LimitReader(resp.Body, response.MaxBodyBytes+1))
			resp.Body.Close()
		}
		if err != nil {
			if errors.Is(err, ErrPending) {
				return ExitPending
			}
			if last {
				r.errorf("%v", err)
				return ExitUsage
			}
			continue
		}
		status := resp.StatusCode
		if !response.Successful(status) {
			e := response.ParseError(status, resp.Header, data, attempt)
			if e.Retryable() && !last {
				continue
			}
			r.errorf("%s", e.Text())
			return ExitInvalid
		}
		md := response.NewMetadata(status, resp.Header, attempt)
		out, p := response.AppendOutput(nil, o, data, &md)
		if len(data) > response.MaxBodyBytes {
			pp := response.LimitProblem(-1)
			p = &pp
		}
		if p != nil {
			where := ""
			if p.Path != "" {
				where = " at " + p.Path
			}
			id := ""
			if md.RequestID != "" {
				id = ", request ID " + md.RequestID
			}
			r.errorf("unreadable %s response (HTTP %s%s)%s: %s", o.Name, strconv.Itoa(status), id, where, p.Message)
			return ExitInvalid
		}
		return r.writeRawJSON(out)
	}
}

// clock is the host's time, or time.Now when the host gives no Now at all
// (a host that can send requests can read the time; the signature needs
// it). A host whose Now returns the zero time (the dispatcher without
// "now") has no clock to sign with.
func (r *runner) clock() (time.Time, bool) {
	if t := r.now(); !t.IsZero() {
		return t, true
	}
	if r.env.Now == nil {
		return time.Now(), true
	}
	return time.Time{}, false
}

func (r *runner) sleep(d time.Duration) {
	if r.env.Sleep != nil {
		r.env.Sleep(d)
		return
	}
	time.Sleep(d)
}

func (r *runner) random() float64 {
	if r.env.Random != nil {
		return r.env.Random()
	}
	return rand.Float64()
}
