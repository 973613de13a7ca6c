//go:build !wasm

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
)

// DefaultServeAddr is where 'serve' listens without --addr: 8011 for the
// API version, 2020-08-11.
const DefaultServeAddr = "127.0.0.1:8011"

// The serve command exists in the native binary only: the WebAssembly
// modules neither listen nor link pkg/localservice.
func init() { commands = append(commands, serveCmd) }

var serveCmd = &command{
	name:    "serve",
	summary: "run the local AmplifyBackend service (native binary only)",
	run:     runServe,
	usage: `Usage: ` + Program + ` serve [--addr HOST:PORT] [--region R]
       [--access-key-id ID --secret-access-key S] [--state FILE]
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

func runServe(r *runner, args []string) int {
	fs := r.newFlags()
	addr := fs.String("addr", DefaultServeAddr, "")
	region := fs.String("region", "", "")
	keyID := fs.String("access-key-id", "", "")
	secret := fs.String("secret-access-key", "", "")
	stateFile := fs.String("state", "", "")
	jobDelay := fs.Duration("job-delay", 0, "")
	faultRate := fs.Float64("fault-rate", 0, "")
	seed := fs.Uint64("seed", 1, "")
	latency := fs.Duration("latency", 0, "")
	logReqs := fs.Bool("log", false, "")
	rest, code, ok := r.parse(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return r.usageError("serve takes no arguments")
	}
	if (*keyID == "") != (*secret == "") {
		return r.usageError("give --access-key-id and --secret-access-key together")
	}
	if *faultRate < 0 || *faultRate > 1 {
		return r.usageError("--fault-rate must be between 0 and 1")
	}
	if *jobDelay < 0 || *latency < 0 {
		return r.usageError("--job-delay and --latency must not be negative")
	}
	if *secret != "" {
		r.secrets = append(r.secrets, *secret)
	}
	creds, from := client.Credentials{AccessKeyID: *keyID, SecretAccessKey: *secret}, "the flags"
	if *keyID == "" {
		creds, from = client.Credentials{AccessKeyID: r.getenv(envAccessKeyID), SecretAccessKey: r.getenv(envSecretAccessKey)}, envAccessKeyID+"/"+envSecretAccessKey
		if creds.AccessKeyID == "" || creds.SecretAccessKey == "" {
			creds, from = localservice.TestCredentials, "the test pair (docs/LOCALSERVICE.md)"
		}
	}
	if *region == "" {
		*region = r.getenv(envRegion)
	}
	if *region == "" {
		*region = r.getenv(envDefaultRegion)
	}
	opts := localservice.Options{
		Region: *region, Credentials: []client.Credentials{creds}, StateFile: *stateFile,
		JobDelay: *jobDelay, FaultRate: *faultRate, Seed: *seed, Latency: *latency,
	}
	if *logReqs {
		opts.Log = r.env.Stderr
	}
	svc, err := localservice.New(opts)
	if err != nil {
		r.errorf("%v", err)
		return ExitUsage
	}
	// A bare port (":0", ":8011") means 127.0.0.1: listening on every
	// interface takes an explicit 0.0.0.0 or [::].
	if host, port, err := net.SplitHostPort(*addr); err == nil && host == "" {
		*addr = net.JoinHostPort("127.0.0.1", port)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		r.errorf("%v", err)
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := localservice.Serve(ln, svc)
	fmt.Fprintf(r.env.Stdout, "%s serve: listening on %s (region %s, access key %s from %s)\n",
		Program, srv.URL, svc.Region(), keyHint(creds.AccessKeyID), from)
	flush(r.env.Stdout)
	<-ctx.Done()
	stop()
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		r.errorf("%v", err)
	}
	fmt.Fprintf(r.env.Stderr, "%s serve: stopped\n", Program)
	return ExitOK
}

// keyHint shows an access key ID without its last characters, as the
// client's redacted Credentials do.
func keyHint(id string) string {
	if len(id) <= 8 {
		return strconv.Quote(id)
	}
	return strconv.Quote(id[:8] + "…")
}

// flush pushes w's buffered output, when it buffers: the first line must
// reach whoever waits for the URL at once.
func flush(w io.Writer) {
	switch f := w.(type) {
	case interface{ Flush() error }:
		f.Flush()
	case interface{ Sync() error }:
		f.Sync()
	}
}
