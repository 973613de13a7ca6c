package cli

var callCmd = &command{
	name:    "call",
	summary: "validate an input, send the request and print the response",
	run:     runCall,
	usage: `Usage: ` + Program + ` call --operation OP [--region R] [--profile P] [--use-fips-endpoint]
       [--use-dualstack-endpoint] [--endpoint URL] [--no-validate] FILE

Validates the input of OP in FILE ("-" is standard input), signs the request,
sends it (retrying throttling and server errors) and prints the response as
JSON in the user-facing form: PascalCase members as in the typed-dict
documentation, with "ResponseMetadata" (RequestId, HostId, HTTPStatusCode,
HTTPHeaders, RetryAttempts) last. Not available in the WebAssembly build (the
Node CLI): use 'build' and 'sign' there and send the request yourself.

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
'validate --format json') or an error response from the service (its type,
message and request ID on standard error); 2 usage error, unreadable file,
missing credentials or region, a network failure, or a host without HTTP.
`,
}

func runCall(r *runner, args []string) int {
	fs := r.newFlags()
	f := addEndpointFlags(fs)
	f.profile = fs.String("profile", "", "")
	files, code, ok := r.parse(fs, args)
	if !ok {
		return code
	}
	if r.env.HTTP == nil || !httpCalls {
		r.errorf("not available in this host (it cannot send HTTP requests); use 'build' and 'sign' and send the request yourself")
		return ExitUsage
	}
	return r.call(f, files)
}
