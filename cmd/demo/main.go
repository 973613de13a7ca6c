// Command demo serves the AmplifyBackend config editor (web-demo/) on a local
// address, together with the ES module and WebAssembly build it runs on (js/)
// and the example inputs of every operation (testdata/operations/).
//
//	go run ./cmd/demo -addr 127.0.0.1:8080
//
// The file server only reads files: it serves GET and HEAD, sends a strict
// Content-Security-Policy on every response, never lists a directory and
// never serves a file outside the three directories above. The paths of the
// AmplifyBackend API (/backend/..., /s3Buckets) are the local service
// (pkg/localservice, in memory, region us-east-1, the test credentials of
// docs/LOCALSERVICE.md): the page's Send button signs a request and sends it
// there, to its own origin and nowhere else.
//
// Flags:
//
//	-addr  address to listen on (default 127.0.0.1:$PORT, or 127.0.0.1:8080)
//	-root  repository root (default: found from the working directory, the
//	       executable or the source location)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defAddr := "127.0.0.1:8080"
	if p := os.Getenv("PORT"); p != "" {
		defAddr = net.JoinHostPort("127.0.0.1", p)
	}
	addr := fs.String("addr", defAddr, "`address` to listen on (host:port; port 0 picks a free port)")
	rootFlag := fs.String("root", "", "repository `dir` (default: found from the working directory)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: demo [-addr host:port] [-root dir]")
		fmt.Fprintln(stderr, "Serves the AmplifyBackend config editor. The PORT environment variable sets the default port.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "demo: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}

	root, err := findRoot(*rootFlag)
	if err != nil {
		fmt.Fprintln(stderr, "demo:", err)
		return 1
	}
	srv := newServer(root)
	if msg := srv.missingBuild(); msg != "" {
		fmt.Fprintln(stderr, "amplifybackend demo: warning:", msg)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "demo:", err)
		return 1
	}
	api, err := localservice.New(localservice.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "demo:", err)
		return 1
	}
	hs := &http.Server{
		Handler:           withService(srv, api),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "amplifybackend demo: %s\n", displayURL(ln.Addr()))
	fmt.Fprintf(stderr, "amplifybackend demo: the local AmplifyBackend service answers on the same origin (region %s, test credentials)\n", api.Region())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintln(stderr, "demo:", err)
		return 1
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
		return 0
	}
}

// displayURL is the URL a person opens for the listener's address.
func displayURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// findRoot returns the repository root: dir when given, else the first
// directory holding go.mod and web-demo/index.html found walking up from the
// working directory, the executable's directory, or this source file's
// directory (which is where `go run` builds from).
func findRoot(dir string) (string, error) {
	if dir != "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return "", err
		}
		if !isRoot(abs) {
			return "", fmt.Errorf("-root %s: not the repository root (no go.mod and web-demo/index.html there)", dir)
		}
		return abs, nil
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		starts = append(starts, filepath.Dir(file))
	}
	for _, s := range starts {
		for d := s; ; {
			if isRoot(d) {
				return d, nil
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
	}
	return "", errors.New("cannot find the repository root (a directory with go.mod and web-demo/index.html); run from inside the repository or pass -root")
}

func isRoot(d string) bool {
	if st, err := os.Stat(filepath.Join(d, "go.mod")); err != nil || st.IsDir() {
		return false
	}
	st, err := os.Stat(filepath.Join(d, "web-demo", "index.html"))
	return err == nil && !st.IsDir()
}
