// Command amplifybackend validates, builds, signs and sends AWS Amplify
// Admin (AmplifyBackend) requests. Its behaviour lives in internal/cli, which
// the Node CLI runs too (in WebAssembly); this file only supplies the
// operating system.
package main

import (
	"net/http"
	"os"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/cli"
)

func main() {
	os.Exit(cli.Run(cli.Env{
		Args:     os.Args[1:],
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		ReadFile: os.ReadFile,
		Getenv:   os.Getenv,
		Now:      time.Now,
		// Like the AWS SDKs (and the Node CLI's fetch), call does not follow
		// redirects: a 3xx is the response.
		HTTP: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
	}))
}
