package cli

import (
	"errors"
	"flag"
	"strconv"
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/suggest"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// The environment variables the CLI reads.
const (
	envAccessKeyID     = "AWS_ACCESS_KEY_ID"
	envSecretAccessKey = "AWS_SECRET_ACCESS_KEY"
	envSessionToken    = "AWS_SESSION_TOKEN"
	envRegion          = "AWS_REGION"
	envDefaultRegion   = "AWS_DEFAULT_REGION"
)

const regionHelp = `  --region R       the AWS region, such as us-east-1; default $AWS_REGION,
                   then $AWS_DEFAULT_REGION`

// endpointHelp describes the flags that select among a region's endpoints.
const endpointHelp = `  --use-fips-endpoint
                   the region's FIPS endpoint (amplifybackend-fips.REGION...);
                   default $AWS_USE_FIPS_ENDPOINT (true or false)
  --use-dualstack-endpoint
                   the region's dual-stack (IPv4 and IPv6) endpoint; default
                   $AWS_USE_DUALSTACK_ENDPOINT (true or false)`

const credentialsHelp = `Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and
AWS_SESSION_TOKEN when set (temporary credentials).`

var buildCmd = &command{
	name:    "build",
	summary: "validate an input and print the unsigned HTTP request",
	run:     runBuild,
	usage: `Usage: ` + Program + ` build --operation OP [--region R] [--use-fips-endpoint] [--use-dualstack-endpoint]
       [--endpoint URL] [--no-validate] FILE

Validates the input of OP in FILE ("-" is standard input) and prints the HTTP
request that carries it, unsigned, as JSON:
  {"method": ..., "url": ..., "headers": {name: value or [values]}, "body": ...}
(headers sorted; "body" absent for an operation without one). '` + Program + ` sign'
reads this form.

Flags:
  --operation OP   the operation ('` + Program + ` operations' lists them)
` + regionHelp + ` (not needed with --endpoint)
` + endpointHelp + `
  --endpoint URL   send to this http(s) URL (a mock, a proxy) instead of
                   the region's endpoint (https://amplifybackend.REGION.
                   amazonaws.com and the like, from the service's endpoint
                   rules)
  --no-validate    skip the checks AWS SDKs leave to the service (enum values,
                   number ranges, missing body members); problems that make the
                   request impossible to build (JSON types, unknown members,
                   missing or empty URI labels) still fail

Exit status: 0 built; 1 invalid input (the problems are printed on standard
output as by 'validate --format json'); 2 usage error or unreadable file.
`,
}

var signCmd = &command{
	name:    "sign",
	summary: "sign a request with AWS Signature Version 4",
	run:     runSign,
	usage: `Usage: ` + Program + ` sign [--region R] [--service S] [--time T] [--presign [--expires N]]
                      [--no-normalize] [--sign-body] REQUEST_FILE

Signs the request in REQUEST_FILE ("-" is standard input; the JSON form that
'` + Program + ` build' prints) with AWS Signature Version 4 and prints the signed
request in the same form.

Flags:
` + regionHelp + `
  --service S      the signing name; default amplifybackend
  --time T         the signing time, RFC 3339 (2026-01-02T15:04:05Z) or
                   20260102T150405Z; default now
  --presign        put the signature in the URL's query instead of headers
  --expires N      lifetime of a presigned URL in seconds, 1 to 604800;
                   default 900 (only with --presign)
  --no-normalize   sign the path as written (default: "." and ".." segments and
                   empty segments are normalized in the signed path)
  --sign-body      add and sign X-Amz-Content-Sha256 (header mode only)

` + credentialsHelp + `
The signed request is the only output that contains the session token.

Exit status: 0 signed; 1 the request file is not a valid request (problems
printed on standard output as by 'validate --format json'); 2 usage error,
unreadable file, missing credentials or region.
`,
}

// region returns the region: the flag, else AWS_REGION, else
// AWS_DEFAULT_REGION.
func (r *runner) region(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if v := r.getenv(envRegion); v != "" {
		return v
	}
	return r.getenv(envDefaultRegion)
}

// callCredentials returns the credentials callSettings found, else the
// environment's.
func (r *runner) callCredentials(found *client.Credentials) (client.Credentials, int, bool) {
	if found != nil {
		return *found, 0, true
	}
	return r.credentials()
}

// noRegion reports a call without a region.
func (r *runner) noRegion() int {
	return r.usageError("no region: give --region or set %s or %s (requests are signed for it)", envRegion, envDefaultRegion)
}

// credentials reads the credentials from the environment (Run has already
// noted the secrets for redaction).
func (r *runner) credentials() (client.Credentials, int, bool) {
	c := client.Credentials{
		AccessKeyID:     r.getenv(envAccessKeyID),
		SecretAccessKey: r.getenv(envSecretAccessKey),
		SessionToken:    r.getenv(envSessionToken),
	}
	var missing []string
	if c.AccessKeyID == "" {
		missing = append(missing, envAccessKeyID)
	}
	if c.SecretAccessKey == "" {
		missing = append(missing, envSecretAccessKey)
	}
	if len(missing) > 0 {
		r.errorf("no credentials: %s %s not set", strings.Join(missing, " and "), plural(len(missing), "is", "are"))
		return c, ExitUsage, false
	}
	return c, 0, true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// oneFile checks that exactly one file argument was given and reads it.
func (r *runner) oneFile(files []string, what string) ([]byte, string, int, bool) {
	switch {
	case len(files) == 0:
		return nil, "", r.usageError("no %s file (use - for standard input)", what), false
	case len(files) > 1:
		return nil, "", r.usageError("one %s file expected, got %d", what, len(files)), false
	}
	data, err := r.readInput(files[0])
	if err != nil {
		r.errorf("%s: %v", printable(displayFile(files[0])), err)
		return nil, "", ExitUsage, false
	}
	return data, displayFile(files[0]), 0, true
}

// optionProblems reports problems with options (paths such as "/region",
// mapped to the flag or variable that set them) as a usage error.
func (r *runner) optionProblems(probs []validate.Problem) int {
	for _, p := range probs {
		r.errorf("%s: %s", optionName(p.Path), p.Message)
	}
	return ExitUsage
}

func optionName(path string) string {
	switch path {
	case "/region":
		return "--region"
	case "/endpoint":
		return "--endpoint"
	case "/useFipsEndpoint":
		return "--use-fips-endpoint"
	case "/useDualstackEndpoint":
		return "--use-dualstack-endpoint"
	case "/service":
		return "--service"
	case "/time":
		return "--time"
	case "/expires":
		return "--expires"
	case "/credentials/accessKeyId":
		return envAccessKeyID
	case "/credentials/secretAccessKey":
		return envSecretAccessKey
	case "/credentials/sessionToken":
		return envSessionToken
	}
	return strings.TrimPrefix(path, "/")
}

// problemsOf returns the problems of a *validate.Error.
func problemsOf(err error) ([]validate.Problem, bool) {
	var ve *validate.Error
	if errors.As(err, &ve) {
		return ve.Problems, true
	}
	return nil, false
}

// invalidInput prints the problems of one file as 'validate --format json'
// does and returns ExitInvalid.
func (r *runner) invalidInput(file string, probs []validate.Problem) int {
	if c := r.writeReports([]fileReport{{File: file, Valid: false, Errors: probs}}); c != ExitOK {
		return c
	}
	return ExitInvalid
}

// endpointFlags are the flags build and call share.
type endpointFlags struct {
	operation, region, endpoint *string
	noValidate                  *bool
	useFIPS, useDualStack       *bool
	profile                     *string // call only
	fs                          *flag.FlagSet
}

func addEndpointFlags(fs *flag.FlagSet) endpointFlags {
	return endpointFlags{
		operation:    fs.String("operation", "", ""),
		region:       fs.String("region", "", ""),
		endpoint:     fs.String("endpoint", "", ""),
		noValidate:   fs.Bool("no-validate", false, ""),
		useFIPS:      fs.Bool("use-fips-endpoint", false, ""),
		useDualStack: fs.Bool("use-dualstack-endpoint", false, ""),
		fs:           fs,
	}
}

// Environment variables that select among a region's endpoints, as for the
// AWS CLI and SDKs.
const (
	envUseFIPS      = "AWS_USE_FIPS_ENDPOINT"
	envUseDualStack = "AWS_USE_DUALSTACK_ENDPOINT"
)

// endpointSwitch returns a --use-*-endpoint flag's value: the flag when it
// is given, else the environment variable (true or false, any case, as the
// AWS SDKs read it; anything else is a usage error).
func (r *runner) endpointSwitch(f endpointFlags, flagName, env string, v *bool) (bool, string) {
	given := false
	f.fs.Visit(func(fl *flag.Flag) {
		if fl.Name == flagName {
			given = true
		}
	})
	if given {
		return *v, ""
	}
	switch e := r.getenv(env); strings.ToLower(e) {
	case "":
		return false, ""
	case "true":
		return true, ""
	case "false":
		return false, ""
	default:
		return false, "$" + env + " must be true or false, not " + strconv.Quote(e)
	}
}

// checkEndpoint checks the operation name and the region/endpoint options
// before the input is read, so that their problems are usage errors and
// cannot be mistaken for problems of the input. It returns the options.
func (r *runner) checkEndpoint(f endpointFlags) (client.BuildOptions, int, bool) {
	opts := client.BuildOptions{Region: r.region(*f.region), Endpoint: *f.endpoint, Lenient: *f.noValidate}
	var bad string
	if opts.UseFIPSEndpoint, bad = r.endpointSwitch(f, "use-fips-endpoint", envUseFIPS, f.useFIPS); bad != "" {
		return opts, r.usageError("%s", bad), false
	}
	if opts.UseDualStackEndpoint, bad = r.endpointSwitch(f, "use-dualstack-endpoint", envUseDualStack, f.useDualStack); bad != "" {
		return opts, r.usageError("%s", bad), false
	}
	if *f.operation == "" {
		return opts, r.usageError("--operation is required"), false
	}
	if _, ok := schema.LookupOperation(*f.operation); !ok {
		err := &validate.NameError{Kind: "operation", Name: *f.operation, Matches: suggest.CloseMatches(*f.operation, validate.Operations())}
		return opts, r.nameError(err), false
	}
	if bad := opts.Check(); len(bad) > 0 {
		return opts, r.optionProblems(bad), false
	}
	return opts, 0, true
}

func runBuild(r *runner, args []string) int {
	fs := r.newFlags()
	f := addEndpointFlags(fs)
	files, code, ok := r.parse(fs, args)
	if !ok {
		return code
	}
	opts, code, ok := r.checkEndpoint(f)
	if !ok {
		return code
	}
	req, code, ok := r.buildInput(files, *f.operation, opts)
	if !ok {
		return code
	}
	return r.writeRawJSON(req.AppendJSON(nil))
}

// buildInput reads the one input file and builds the operation's request
// from it; build and call share it, so both report a bad input alike.
func (r *runner) buildInput(files []string, operation string, opts client.BuildOptions) (client.Request, int, bool) {
	data, name, code, ok := r.oneFile(files, "input")
	if !ok {
		return client.Request{}, code, false
	}
	req, err := client.Build(operation, data, opts)
	if err != nil {
		if probs, ok := problemsOf(err); ok {
			return client.Request{}, r.invalidInput(name, probs), false
		}
		r.errorf("%v", err)
		return client.Request{}, ExitUsage, false
	}
	return req, 0, true
}

// now is the host's time; the zero time when the host has no clock (a nil
// Now, or the dispatcher without "now").
func (r *runner) now() time.Time {
	if r.env.Now == nil {
		return time.Time{}
	}
	return r.env.Now()
}

// parseTime reads --time: RFC 3339 or the SigV4 basic format.
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("20060102T150405Z", s); err == nil {
		return t, nil
	}
	return time.Time{}, errors.New("--time " + strconv.Quote(s) + " is not an RFC 3339 time such as 2026-01-02T15:04:05Z")
}

func runSign(r *runner, args []string) int {
	fs := r.newFlags()
	region := fs.String("region", "", "")
	service := fs.String("service", "", "")
	at := fs.String("time", "", "")
	presign := fs.Bool("presign", false, "")
	expires := fs.Int64("expires", 0, "")
	noNormalize := fs.Bool("no-normalize", false, "")
	signBody := fs.Bool("sign-body", false, "")
	files, code, ok := r.parse(fs, args)
	if !ok {
		return code
	}
	expiresSet := false
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name == "expires" {
			expiresSet = true
		}
	})
	opts := client.SignOptions{
		Region:                   r.region(*region),
		Service:                  *service,
		Presign:                  *presign,
		DisablePathNormalization: *noNormalize,
		SignBody:                 *signBody,
	}
	switch {
	case expiresSet && !*presign:
		return r.usageError("--expires needs --presign")
	case expiresSet && (*expires < 1 || *expires > int64(client.MaxExpires/time.Second)):
		return r.usageError("--expires must be between 1 and %d seconds", int64(client.MaxExpires/time.Second))
	case expiresSet:
		opts.Expires = time.Duration(*expires) * time.Second
	}
	if opts.Region == "" {
		return r.usageError("no region: give --region or set %s or %s", envRegion, envDefaultRegion)
	}
	if *at != "" {
		t, err := parseTime(*at)
		if err != nil {
			return r.usageError("%v", err)
		}
		opts.Time = t
	} else if opts.Time = r.now(); opts.Time.IsZero() {
		return r.usageError("this host has no clock; give --time")
	}
	creds, code, ok := r.credentials()
	if !ok {
		return code
	}
	opts.Credentials = creds

	data, name, code, ok := r.oneFile(files, "request")
	if !ok {
		return code
	}
	var req client.Request
	if err := req.UnmarshalJSON(data); err != nil {
		if probs, ok := problemsOf(err); ok {
			return r.invalidInput(name, probs)
		}
		r.errorf("%s: %v", printable(name), err)
		return ExitUsage
	}
	signed, err := client.Sign(req, opts)
	if err != nil {
		probs, ok := problemsOf(err)
		if !ok {
			r.errorf("%v", err)
			return ExitUsage
		}
		// Problems with the request itself are the file's; the rest
		// concern the flags and the environment.
		var reqProbs, optProbs []validate.Problem
		for _, p := range probs {
			if isRequestPath(p.Path) {
				reqProbs = append(reqProbs, p)
			} else {
				optProbs = append(optProbs, p)
			}
		}
		if len(optProbs) > 0 {
			return r.optionProblems(optProbs)
		}
		return r.invalidInput(name, reqProbs)
	}
	return r.writeRawJSON(signed.AppendJSON(nil))
}

// isRequestPath reports whether a problem path points into the request
// ({"method","url","headers","body"}) rather than at an option.
func isRequestPath(path string) bool {
	for _, p := range []string{"/method", "/url", "/headers", "/body"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return path == ""
}
