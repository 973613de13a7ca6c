package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// binary is the amplifybackend command, built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "amplifybackend-serve")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "amplifybackend")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		os.Stderr.WriteString("building the amplifybackend binary failed: " + err.Error() + "\n")
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// serveProc is a running `amplifybackend serve`.
type serveProc struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	done   chan error
}

var urlRE = regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+`)

// serve starts the binary with args (and env added to the environment)
// and waits for the first line of its output, which names the URL.
func serve(t *testing.T, env []string, args ...string) *serveProc {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(cleanEnv(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &serveProc{cmd: cmd, stderr: new(bytes.Buffer), done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
	})
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		for sc.Scan() {
		}
		p.done <- cmd.Wait()
	}()
	select {
	case line, ok := <-lines:
		if !ok {
			<-p.done
			t.Fatalf("serve printed nothing; stderr: %s", p.stderr)
		}
		p.url = urlRE.FindString(line)
		if p.url == "" {
			t.Fatalf("first line names no URL: %q", line)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not print its URL")
	}
	return p
}

// cleanEnv is the environment without AWS variables, so that the test pair
// is used unless a test sets them.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			out = append(out, kv)
		}
	}
	return out
}

func (p *serveProc) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-p.done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
		return nil
	}
}

func (p *serveProc) client(t *testing.T, creds client.Credentials) *client.Client {
	t.Helper()
	c, err := client.New(client.Options{Region: localservice.DefaultRegion, Endpoint: p.url,
		Credentials: client.StaticCredentials(creds), MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestServeBarePort: ":0" listens on 127.0.0.1 (serve() checks the URL).
func TestServeBarePort(t *testing.T) {
	cmd := exec.Command(binary, "serve", "--addr", ":0")
	cmd.Env = cleanEnv()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !urlRE.MatchString(line) {
		t.Fatalf("first line %q (%v), want http://127.0.0.1:PORT", line, err)
	}
}

func TestServeStopsOnSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		p := serve(t, nil)
		c := p.client(t, localservice.TestCredentials)
		if _, err := c.ListS3Buckets(context.Background(), &types.ListS3BucketsRequest{}); err != nil {
			t.Fatal(err)
		}
		p.cmd.Process.Signal(sig)
		if err := p.wait(t); err != nil {
			t.Fatalf("%v: exit %v; stderr: %s", sig, err, p.stderr)
		}
		if !strings.Contains(p.stderr.String(), "stopped") {
			t.Fatalf("stderr: %s", p.stderr)
		}
	}
}

func TestServeCredentials(t *testing.T) {
	ctx := context.Background()
	envCreds := client.Credentials{AccessKeyID: "AKIDFROMENVIRONMENT", SecretAccessKey: "secret-from-env"}
	p := serve(t, []string{"AWS_ACCESS_KEY_ID=" + envCreds.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + envCreds.SecretAccessKey})
	if _, err := p.client(t, envCreds).ListS3Buckets(ctx, &types.ListS3BucketsRequest{}); err != nil {
		t.Fatal(err)
	}
	var se client.ServiceError
	_, err := p.client(t, localservice.TestCredentials).ListS3Buckets(ctx, &types.ListS3BucketsRequest{})
	if !errors.As(err, &se) || se.ErrorCode() != "UnrecognizedClientException" {
		t.Fatalf("the test pair with environment credentials: %v", err)
	}

	flagCreds := client.Credentials{AccessKeyID: "AKIDFROMFLAGS", SecretAccessKey: "secret-from-flags"}
	p = serve(t, []string{"AWS_ACCESS_KEY_ID=" + envCreds.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + envCreds.SecretAccessKey},
		"--access-key-id", flagCreds.AccessKeyID, "--secret-access-key", flagCreds.SecretAccessKey, "--region", "eu-west-1")
	c, _ := client.New(client.Options{Region: "eu-west-1", Endpoint: p.url, Credentials: client.StaticCredentials(flagCreds)})
	if _, err := c.ListS3Buckets(ctx, &types.ListS3BucketsRequest{}); err != nil {
		t.Fatal(err)
	}
	_, err = p.client(t, flagCreds).ListS3Buckets(ctx, &types.ListS3BucketsRequest{}) // us-east-1
	if !errors.As(err, &se) || se.ErrorCode() != "InvalidSignatureException" {
		t.Fatalf("wrong region: %v", err)
	}
	if strings.Contains(p.stderr.String(), flagCreds.SecretAccessKey) {
		t.Fatal("the secret is on stderr")
	}
}

func TestServeSessionToken(t *testing.T) {
	ctx := context.Background()
	withToken := client.Credentials{AccessKeyID: "ASIAFROMFLAGS", SecretAccessKey: "secret-from-flags", SessionToken: "token-from-flags"}
	// good signs; the same key and secret with no token or another one do not.
	check := func(p *serveProc, good client.Credentials) {
		t.Helper()
		if _, err := p.client(t, good).ListS3Buckets(ctx, &types.ListS3BucketsRequest{}); err != nil {
			t.Fatal(err)
		}
		for _, token := range []string{"", "another-token"} {
			bad := good
			bad.SessionToken = token
			var se client.ServiceError
			_, err := p.client(t, bad).ListS3Buckets(ctx, &types.ListS3BucketsRequest{})
			if !errors.As(err, &se) || se.ErrorCode() != "UnrecognizedClientException" {
				t.Fatalf("token %q: %v", bad.SessionToken, err)
			}
		}
		if strings.Contains(p.stderr.String(), good.SessionToken) {
			t.Fatal("the session token is on stderr")
		}
	}
	check(serve(t, nil, "--access-key-id", withToken.AccessKeyID, "--secret-access-key", withToken.SecretAccessKey, "--session-token", withToken.SessionToken), withToken)

	fromEnv := client.Credentials{AccessKeyID: "ASIAFROMENVIRONMENT", SecretAccessKey: "secret-from-env", SessionToken: "token-from-env"}
	check(serve(t, []string{"AWS_ACCESS_KEY_ID=" + fromEnv.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + fromEnv.SecretAccessKey, "AWS_SESSION_TOKEN=" + fromEnv.SessionToken}), fromEnv)

	// A token without the pair is a usage error.
	out, err := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--session-token", "t").CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), "--session-token goes with --access-key-id and --secret-access-key") {
		t.Fatalf("exit %v: %s", err, out)
	}
}

func TestServeFaultsAreSeeded(t *testing.T) {
	run := func() string {
		p := serve(t, nil, "--fault-rate", "0.5", "--seed", "42")
		c := p.client(t, localservice.TestCredentials)
		var b strings.Builder
		for i := 0; i < 16; i++ {
			_, err := c.ListS3Buckets(context.Background(), &types.ListS3BucketsRequest{})
			var se client.ServiceError
			switch {
			case err == nil:
				b.WriteString("ok ")
			case errors.As(err, &se):
				fmt.Fprintf(&b, "%d ", se.HTTPStatusCode())
			default:
				t.Fatal(err)
			}
		}
		return b.String()
	}
	a, b := run(), run()
	if a != b || !strings.Contains(a, "ok") || !strings.Contains(a, "429") || !strings.Contains(a, "503") {
		t.Fatalf("faults with one seed: %q then %q", a, b)
	}
}

func TestServeCorruptStateFile(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	const corrupt = `{"version": 1, "apps": {`
	os.WriteFile(state, []byte(corrupt), 0o600)
	cmd := exec.Command(binary, "serve", "--addr", "127.0.0.1:0", "--state", state)
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Fatalf("exit %v; output %s", err, out)
	}
	if !strings.Contains(string(out), "state file") || !strings.Contains(string(out), state) {
		t.Fatalf("the error does not name the state file: %s", out)
	}
	if got, _ := os.ReadFile(state); string(got) != corrupt {
		t.Fatalf("the corrupt file was replaced: %q", got)
	}
}

// TestServeKill9KeepsEveryAcknowledgedChange writes from several
// goroutines, kills the process with SIGKILL in the middle, restarts it on
// the same state file and finds every change that got a 2xx.
func TestServeKill9KeepsEveryAcknowledgedChange(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	p := serve(t, nil, "--state", state)
	c := p.client(t, localservice.TestCredentials)
	ctx := context.Background()
	app, dev := types.String("app1"), types.String("dev")
	if _, err := c.CreateBackend(ctx, &types.CreateBackendRequest{AppId: app, AppName: app, BackendEnvironmentName: dev}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	enough := make(chan struct{})
	var once sync.Once
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				name := fmt.Sprintf("api-%d-%d", w, i)
				_, err := c.CreateBackendAPI(ctx, &types.CreateBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: &name,
					ResourceConfig: &types.BackendAPIResourceConfig{ApiName: &name}})
				if err != nil {
					return // killed
				}
				mu.Lock()
				acked = append(acked, name)
				if len(acked) >= 80 {
					once.Do(func() { close(enough) })
				}
				mu.Unlock()
			}
		}(w)
	}
	select {
	case <-enough:
	case <-time.After(60 * time.Second):
		t.Fatal("too slow to get 80 writes acknowledged")
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.wait(t)
	wg.Wait()

	p = serve(t, nil, "--state", state)
	c = p.client(t, localservice.TestCredentials)
	for _, name := range acked {
		g, err := c.GetBackendAPI(ctx, &types.GetBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: &name})
		if err != nil {
			t.Fatalf("%s was acknowledged before the kill, and is lost: %v", name, err)
		}
		if *g.ResourceConfig.ApiName != name {
			t.Fatalf("%s: %+v", name, g.ResourceConfig)
		}
	}
	t.Logf("%d acknowledged writes survived kill -9", len(acked))
}
