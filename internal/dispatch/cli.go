//go:build !nocli && !nosign

package dispatch

import (
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/cli"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// cliFunction serves "cli". Builds tagged nocli leave it (and the CLI, with
// flag, fmt and encoding/json) out: the browser module has no use for it.
var cliFunction = runCLI

var (
	cliMembers       = members([]string{"args", "stdin", "files", "env", "now", "random", "responses", "version"}, "")
	cliResultMembers = members([]string{"status", "headers", "body", "error"})
	netErrorMembers  = members([]string{"code", "message"})
)

func runCLI(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var args []string
	haveArgs := false
	var stdin string
	var fileNames, fileData, envNames, envValues []string
	var now time.Time
	var random float64
	var exchanges []exchange
	var version string
	present, ok := s.object("", "the arguments of cli", cliMembers, func(name, path string) {
		switch name {
		case "args":
			args, haveArgs = s.stringArray(path, "args")
		case "stdin":
			stdin, _ = s.stringValue(path, "stdin")
		case "files":
			fileNames, fileData, _ = s.stringMap(path, "files")
		case "env":
			envNames, envValues, _ = s.stringMap(path, "env")
		case "now":
			if d, ok := s.stringValue(path, "now"); ok {
				t, err := time.Parse(time.RFC3339, d)
				if err != nil {
					s.add(path, validate.CodeInvalid, "now must be an RFC 3339 date and time, such as 2015-08-30T12:36:00Z (Date.prototype.toISOString gives one).")
					return
				}
				now = t
			}
		case "random":
			random, _ = s.unitValue(path)
		case "responses":
			exchanges = readExchanges(s, path)
		case "version":
			version, _ = s.stringValue(path, "version")
		}
	})
	if ok && s.end() && present && !haveArgs {
		s.add("/args", validate.CodeRequired, "args is required: the command line without the program name, such as [\"validate\", \"--help\"].")
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("cli", s.probs)
	}
	var stdout, stderr strings.Builder
	replay := &replayer{responses: exchanges}
	code := cli.Run(cli.Env{
		Args:   args,
		Stdin:  strings.NewReader(stdin),
		Stdout: &stdout,
		Stderr: &stderr,
		ReadFile: func(name string) ([]byte, error) {
			for i, n := range fileNames {
				if n == name {
					return []byte(fileData[i]), nil
				}
			}
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		},
		Getenv: func(name string) string {
			for i, n := range envNames {
				if n == name {
					return envValues[i]
				}
			}
			return ""
		},
		// The dispatcher never reads the clock: without "now" the time is
		// the zero time, which commands that need one refuse.
		Now:    func() time.Time { return now },
		HTTP:   replay,
		Sleep:  replay.sleep,
		Random: func() float64 { return random },
		// What --version prints: the host's package version ("" for the
		// module's build version).
		Version: version,
	})
	if code == cli.ExitPending {
		dst = append(dst, `{"fetch":{"request":`...)
		dst = replay.pending.AppendJSON(dst)
		dst = append(dst, `,"delayMs":`...)
		dst = strconv.AppendFloat(dst, float64(replay.pendingDelay.Microseconds())/1000, 'f', -1, 64)
		return append(dst, "}}"...), nil
	}
	dst = append(dst, `{"stdout":`...)
	dst = jsonfast.AppendString(dst, stdout.String())
	dst = append(dst, `,"stderr":`...)
	dst = jsonfast.AppendString(dst, stderr.String())
	dst = append(dst, `,"exitCode":`...)
	dst = strconv.AppendInt(dst, int64(code), 10)
	return append(dst, '}'), nil
}

// exchange is one answer the host got for a request of `call`: a response,
// or a network error (err set).
type exchange struct {
	status        int
	header        http.Header
	body          string
	err           bool
	code, message string
}

func readExchanges(s *scanner, path string) []exchange {
	if s.isNull() {
		return nil
	}
	if s.Peek() != '[' {
		s.typeProblem(path, "responses", "an array of {status, headers, body} or {error}")
		return nil
	}
	var out []exchange
	for i, empty := 0, s.Open(); !empty; i++ {
		epath := path + "/" + strconv.Itoa(i)
		var x exchange
		x.header = http.Header{}
		isObject, _ := s.object(epath, "a response", cliResultMembers, func(name, path string) {
			switch name {
			case "status":
				if v, ok := s.intValue(path, "The status", 100, 999, ""); ok {
					x.status = int(v)
				}
			case "headers":
				names, vals, _ := s.stringMap(path, "the headers")
				for j, n := range names {
					x.header.Add(n, vals[j])
				}
			case "body":
				x.body, _ = s.stringValue(path, "The body")
			case "error":
				x.err = true
				s.object(path, "the network error", netErrorMembers, func(name, path string) {
					switch name {
					case "code":
						x.code, _ = s.stringValue(path, "The error code")
					case "message":
						x.message, _ = s.stringValue(path, "The error message")
					}
				})
			}
		})
		if isObject && !x.err && x.status == 0 && !s.fatal && !hasProblemAt(s, epath+"/status") {
			s.add(epath+"/status", validate.CodeRequired, "status is required (or error, for a network error).")
		}
		out = append(out, x)
		if s.fatal {
			return nil
		}
		more, ok := s.Next(']')
		if !ok {
			s.syntax()
			return nil
		}
		if !more {
			break
		}
	}
	return out
}

// replayer is the CLI's HTTP client inside the dispatcher, which cannot
// send anything: it answers with the responses the host got for the
// previous attempts, in order, and when there are no more it keeps the
// request (signed for "now") for the host to fetch and returns
// cli.ErrPending. The waits between attempts are not waited: the last one
// is handed to the host with the request.
type replayer struct {
	responses    []exchange
	next         int
	lastSleep    time.Duration
	pending      client.Request
	pendingDelay time.Duration
}

func (p *replayer) sleep(d time.Duration) { p.lastSleep = d }

func (p *replayer) Do(hr *http.Request) (*http.Response, error) {
	delay := p.lastSleep
	p.lastSleep = 0
	if p.next >= len(p.responses) {
		req, err := client.RequestFromHTTP(hr)
		if err != nil {
			return nil, err
		}
		p.pending, p.pendingDelay = req, delay
		return nil, cli.ErrPending
	}
	x := p.responses[p.next]
	p.next++
	if x.err {
		return nil, &url.Error{Op: methodWord(hr.Method), URL: hr.URL.String(), Err: netError(hr.URL, x.code, x.message)}
	}
	return &http.Response{StatusCode: x.status, Header: x.header, Body: io.NopCloser(strings.NewReader(x.body)), Request: hr}, nil
}

// methodWord is the method as net/http's url.Error names it ("Post").
func methodWord(m string) string {
	if m == "" {
		return "Get"
	}
	return m[:1] + strings.ToLower(m[1:])
}

// netError describes a failed fetch in the words of Go's net package, so
// that the Node CLI prints what the native binary prints for the same
// failure: the host passes Node's error code (ECONNREFUSED, ENOTFOUND).
func netError(u *url.URL, code, message string) error {
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	switch code {
	case "ECONNREFUSED":
		return errors.New("dial tcp " + net.JoinHostPort(host, port) + ": connect: connection refused")
	case "ENOTFOUND", "EAI_AGAIN":
		return errors.New("dial tcp: lookup " + host + ": no such host")
	case "ECONNRESET":
		return errors.New("read tcp: connection reset by peer")
	case "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT":
		return errors.New("dial tcp " + net.JoinHostPort(host, port) + ": i/o timeout")
	}
	if message == "" {
		message = "the request failed"
	}
	return errors.New(message)
}
