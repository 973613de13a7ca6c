//go:build !nocli

package dispatch_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
)

// TestCLICallLoop drives the dispatcher's call loop as cli.mjs does: each
// answer goes back with the ones before it, until the command is done. The
// credentials never reach stdout or stderr (not even when the service
// echoes them), and the signed request carries the session token only.
func TestCLICallLoop(t *testing.T) {
	const secret = "PLANTEDsecretAccessKey0123456789abcdefXY"
	const token = "PLANTEDsessionToken/abc+=="
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": secret, "AWS_SESSION_TOKEN": token}
	base := map[string]any{
		"args":  []string{"call", "--operation", "GetBackend", "--region", "us-east-1", "in.json"},
		"files": map[string]string{"in.json": `{"AppId":"d1","BackendEnvironmentName":"dev"}`},
		"env":   env,
		"now":   "2026-01-15T12:00:00Z", "random": 0.25,
	}
	echo := map[string]any{"status": 400, "headers": map[string]string{"X-Amzn-ErrorType": "BadRequestException"}, "body": `{"message":"bad key ` + secret + ` and ` + token + `"}`}
	busy := map[string]any{"status": 500, "body": `{"message":"` + secret + `"}`}
	ok := map[string]any{"status": 200, "headers": map[string]string{"X-Amzn-RequestId": "r"}, "body": `{"appId":"d1"}`}
	for _, tc := range []struct {
		name    string
		answers []map[string]any
		code    int
	}{
		{"success after a 500", []map[string]any{busy, ok}, 0},
		{"the service echoes the credentials", []map[string]any{echo}, 1},
		{"three 500s", []map[string]any{busy, busy, busy}, 1},
	} {
		var responses []map[string]any
		fetches := 0
		for step := 0; ; step++ {
			if step > 5 {
				t.Fatalf("%s: the loop does not end", tc.name)
			}
			args := map[string]any{}
			for k, v := range base {
				args[k] = v
			}
			args["responses"] = responses
			in, _ := json.Marshal(args)
			out := dispatch.Handle("cli", in)
			if strings.Contains(string(out), secret) {
				t.Fatalf("%s: the secret access key is in the output: %s", tc.name, out)
			}
			var env struct {
				Result struct {
					Stdout, Stderr string
					ExitCode       int
					Fetch          *struct {
						Request struct {
							Headers map[string]any `json:"headers"`
						} `json:"request"`
						DelayMs float64 `json:"delayMs"`
					} `json:"fetch"`
				} `json:"result"`
			}
			if err := json.Unmarshal(out, &env); err != nil {
				t.Fatal(err)
			}
			r := env.Result
			if r.Fetch == nil {
				if r.ExitCode != tc.code {
					t.Errorf("%s: exit %d, want %d: %s", tc.name, r.ExitCode, tc.code, out)
				}
				if strings.Contains(r.Stdout+r.Stderr, token) {
					t.Errorf("%s: the session token is printed: %s", tc.name, out)
				}
				if fetches != len(tc.answers) {
					t.Errorf("%s: %d fetches for %d answers", tc.name, fetches, len(tc.answers))
				}
				break
			}
			if r.Fetch.Request.Headers["X-Amz-Security-Token"] != token {
				t.Errorf("%s: the signed request does not carry the session token", tc.name)
			}
			if want := 0.0; fetches == 0 && r.Fetch.DelayMs != want {
				t.Errorf("%s: the first attempt waits %v ms", tc.name, r.Fetch.DelayMs)
			}
			if fetches > 0 && r.Fetch.DelayMs != 25*float64(int(1)<<(fetches-1)) {
				t.Errorf("%s: retry %d waits %v ms, want %v", tc.name, fetches, r.Fetch.DelayMs, 25*float64(int(1)<<(fetches-1)))
			}
			if fetches >= len(tc.answers) {
				t.Fatalf("%s: a fetch more than the answers", tc.name)
			}
			responses = append(responses, tc.answers[fetches])
			fetches++
		}
	}
}
