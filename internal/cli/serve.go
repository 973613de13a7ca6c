package cli

// DefaultServeAddr is where 'serve' listens without --addr: 8011 for the
// API version, 2020-08-11.
const DefaultServeAddr = "127.0.0.1:8011"

// The serve command is listed in both builds, so that both CLIs print the
// same help; it runs in the native binary only (serve_other.go): the
// WebAssembly modules neither listen nor link pkg/localservice
// (serve_wasm.go).
func init() { commands = append(commands, serveCmd) }

var serveCmd = &command{
	name:    "serve",
	summary: "run the local AmplifyBackend service (native binary only)",
	run:     runServe,
	usage: `Usage: ` + Program + ` serve [--addr HOST:PORT] [--region R]
       [--access-key-id ID --secret-access-key S [--session-token T]] [--state FILE]
       [--job-delay D] [--fault-rate F --seed N] [--latency D] [--log]

Runs the local AmplifyBackend service: all 31 operations with state, every
request's SigV4 signature checked, inputs validated as the service does (see
docs/LOCALSERVICE.md). The first line on standard output names its URL, as
"` + Program + ` serve: listening on http://127.0.0.1:PORT ...". SIGINT or SIGTERM stops
it (requests in progress are finished).

Flags:
  --addr HOST:PORT      where to listen (default ` + DefaultServeAddr + `; port 0 picks a
                        free one; ":PORT" is 127.0.0.1:PORT)
  --region R            the region requests must be signed for (default
                        $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1)
  --access-key-id ID, --secret-access-key S
                        the one key pair accepted (both or neither); without
                        them $AWS_ACCESS_KEY_ID and $AWS_SECRET_ACCESS_KEY,
                        else the test pair AKIAIOSFODNN7EXAMPLE /
                        wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  --session-token T     the pair then needs this session token (from the
                        environment: $AWS_SESSION_TOKEN with the pair);
                        without one, any token or none is accepted
  --state FILE          keep the state in FILE (JSON): read at start, every
                        change written (temporary file, fsync, rename) before
                        it is acknowledged; a corrupt FILE is an error
  --job-delay D         jobs stay IN_PROGRESS for D (such as 2s) before
                        COMPLETED (default 0: at once)
  --fault-rate F        answer the share F (0 to 1) of requests with 429
                        TooManyRequestsException or 503, to test retries
  --seed N              the seed of the fault choice (default 1)
  --latency D           delay every response by D
  --log                 one line per request on standard error

Exit status: 0 stopped by a signal; 2 usage error, an address that cannot
be listened on, or a state file that cannot be read.
`,
}
