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

func runServe(r *runner, args []string) int {
	fs := r.newFlags()
	addr := fs.String("addr", DefaultServeAddr, "")
	region := fs.String("region", "", "")
	keyID := fs.String("access-key-id", "", "")
	secret := fs.String("secret-access-key", "", "")
	token := fs.String("session-token", "", "")
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
	if *token != "" && *keyID == "" {
		return r.usageError("--session-token goes with --access-key-id and --secret-access-key")
	}
	if *faultRate < 0 || *faultRate > 1 {
		return r.usageError("--fault-rate must be between 0 and 1")
	}
	if *jobDelay < 0 || *latency < 0 {
		return r.usageError("--job-delay and --latency must not be negative")
	}
	for _, v := range []string{*secret, *token} {
		if v != "" {
			r.secrets = append(r.secrets, v)
		}
	}
	creds, from := client.Credentials{AccessKeyID: *keyID, SecretAccessKey: *secret, SessionToken: *token}, "the flags"
	if *keyID == "" {
		creds, from = client.Credentials{AccessKeyID: r.getenv(envAccessKeyID), SecretAccessKey: r.getenv(envSecretAccessKey), SessionToken: r.getenv(envSessionToken)}, envAccessKeyID+"/"+envSecretAccessKey
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
