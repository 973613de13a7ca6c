// Package cli is the amplifybackend command line: its whole behaviour as one
// function, Run, from arguments, standard input, files, environment
// variables, a clock and an HTTP client to standard output, standard error
// and an exit code.
//
// The native binary (cmd/amplifybackend) and the Node CLI (which runs this
// code in WebAssembly through internal/dispatch) both call Run, so they
// behave identically: the hosts only supply an Env.
//
// Exit codes: 0 success; 1 the input was read but is invalid (or the service
// returned an error); 2 usage errors, unreadable files and missing
// configuration.
//
// # Notes
//
// Output is deterministic: JSON has a fixed key order, is indented with two
// spaces and ends with a newline. Nothing Run writes contains the secret
// access key, the session token or a value of a sensitive member, except the
// request printed by build and sign, which is the point of those commands.
package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/suggest"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Program is the command name used in messages and usage text.
const Program = "amplifybackend"

// Doer sends an HTTP request; *http.Client is one.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Env is everything Run reads from and writes to. A nil ReadFile or Getenv
// behaves as "no files" and "no variables"; a nil Now (or one that returns
// the zero time) as a host without a clock, where `sign` needs --time (and
// `call` signs with time.Now); a nil HTTP makes `call` unavailable (a usage
// error). An HTTP that returns ErrPending makes Run return ExitPending.
type Env struct {
	Args           []string // without the program name
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	ReadFile       func(name string) ([]byte, error)
	Getenv         func(string) string
	Now            func() time.Time // for `sign` without --time
	HTTP           Doer             // for `call`
	// Sleep waits between the attempts of `call` (time.Sleep when nil);
	// Random gives the jitter of that wait, in [0, 1) (math/rand/v2 when
	// nil).
	Sleep  func(time.Duration)
	Random func() float64
	// Version is what --version prints after the program name (the Node
	// CLI gives its package's version); "" means the Go build's own (the
	// module version, or the VCS revision of a development build).
	Version string
}

// Exit codes returned by Run.
const (
	ExitOK      = 0
	ExitInvalid = 1
	ExitUsage   = 2
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	usage   string // full usage text, ending with a newline
	run     func(r *runner, args []string) int
}

var commands []*command

func init() {
	commands = []*command{validateCmd, operationsCmd, buildCmd, signCmd, callCmd}
}

func lookupCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return names
}

func mainUsage() string {
	var b strings.Builder
	b.WriteString("Usage: " + Program + " <command> [flags] [arguments]\n\n")
	b.WriteString("Validate, build, sign and send AWS Amplify Admin (AmplifyBackend) requests.\n")
	b.WriteString("Inputs are JSON in the user-facing form: PascalCase member names, as in the\n")
	b.WriteString("boto3 typed-dict documentation ({\"AppId\": ..., \"ResourceConfig\": {...}}).\n\n")
	b.WriteString("Commands:\n")
	for _, c := range commands {
		b.WriteString("  " + c.name + strings.Repeat(" ", 12-len(c.name)) + c.summary + "\n")
	}
	b.WriteString("  help        show the usage of a command\n")
	b.WriteString("  --version   print the version\n\n")
	b.WriteString("Flags may come before or after the file arguments; \"--\" ends the flags.\n")
	b.WriteString("Exit status: 0 success, 1 invalid input or service error, 2 usage or I/O error.\n")
	b.WriteString("Run '" + Program + " help <command>' for the flags of a command.\n")
	return b.String()
}

// Run runs the command line in env.Args and returns the exit code.
func Run(env Env) int {
	r := &runner{env: env}
	for _, name := range []string{envSecretAccessKey, envSessionToken} {
		if v := r.getenv(name); len(v) >= minRedactLen {
			r.secrets = append(r.secrets, v)
		}
	}
	if r.env.Stdout == nil {
		r.env.Stdout = io.Discard
	}
	if r.env.Stderr == nil {
		r.env.Stderr = io.Discard
	}
	args := env.Args
	if len(args) == 0 {
		r.errorf("no command given")
		io.WriteString(r.env.Stderr, mainUsage())
		return ExitUsage
	}
	switch name := args[0]; name {
	case "--version", "-version":
		if len(args) > 1 {
			return r.usageError("%s takes no arguments", name)
		}
		io.WriteString(r.env.Stdout, Program+" "+r.version()+"\n")
		return ExitOK
	case "help", "-h", "-help", "--help":
		if name == "help" && len(args) > 1 {
			if len(args) > 2 {
				return r.usageError("help takes one command name")
			}
			c := lookupCommand(args[1])
			if c == nil {
				return r.unknownCommand(args[1])
			}
			io.WriteString(r.env.Stdout, c.usage)
			return ExitOK
		}
		io.WriteString(r.env.Stdout, mainUsage())
		return ExitOK
	default:
		c := lookupCommand(name)
		if c == nil {
			return r.unknownCommand(name)
		}
		r.cmd = c
		return c.run(r, args[1:])
	}
}

// runner carries the Env and the command being run.
type runner struct {
	env Env
	cmd *command
	// secrets (AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) are redacted from
	// everything written to stderr and from problem reports (defence in
	// depth: no message should hold one).
	secrets []string
	stdin   []byte
	stdinOK bool
}

func (r *runner) unknownCommand(name string) int {
	msg := "unknown command " + strconv.Quote(name)
	if m := suggest.CloseMatches(name, commandNames()); len(m) > 0 {
		msg += "; did you mean " + strings.Join(m, " or ") + "?"
	}
	r.errorf("%s", msg)
	fmt.Fprintf(r.env.Stderr, "Run '%s help' for the list of commands.\n", Program)
	return ExitUsage
}

// errorf writes "amplifybackend CMD: message" to stderr, with secrets
// redacted.
func (r *runner) errorf(format string, a ...any) {
	prefix := Program
	if r.cmd != nil {
		prefix += " " + r.cmd.name
	}
	msg := r.redact(fmt.Sprintf(format, a...))
	io.WriteString(r.env.Stderr, prefix+": "+msg+"\n")
}

// usageError reports a usage error and points at the command's usage.
func (r *runner) usageError(format string, a ...any) int {
	r.errorf(format, a...)
	if r.cmd != nil {
		fmt.Fprintf(r.env.Stderr, "Run '%s help %s' for usage.\n", Program, r.cmd.name)
	} else {
		fmt.Fprintf(r.env.Stderr, "Run '%s help' for usage.\n", Program)
	}
	return ExitUsage
}

// minRedactLen is the shortest secret redacted: real secret keys and
// session tokens are far longer, and redacting a short string would mangle
// ordinary text.
const minRedactLen = 8

// redactingWriter writes to stderr with secrets redacted (the flag
// package writes each message in one call).
type redactingWriter struct{ r *runner }

func (w redactingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.r.env.Stderr, w.r.redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// redact replaces every secret in s, in any ASCII letter case (a header
// name repeated in a problem is case-insensitive, and may have been
// lower-cased), with [REDACTED].
func (r *runner) redact(s string) string {
	for _, secret := range r.secrets {
		s = replaceFold(s, secret, "[REDACTED]")
	}
	return s
}

// replaceFold replaces every occurrence of old in s, ignoring ASCII case.
func replaceFold(s, old, repl string) string {
	var b strings.Builder
	i, done := 0, 0
	for i+len(old) <= len(s) {
		if strings.EqualFold(s[i:i+len(old)], old) {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[done:i])
			b.WriteString(repl)
			i += len(old)
			done = i
			continue
		}
		i++
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func (r *runner) getenv(name string) string {
	if r.env.Getenv == nil {
		return ""
	}
	return r.env.Getenv(name)
}

// newFlags returns a FlagSet for the current command. The flag package
// reports its own errors to stderr; the usage text is printed by parse.
func (r *runner) newFlags() *flag.FlagSet {
	fs := flag.NewFlagSet(Program+" "+r.cmd.name, flag.ContinueOnError)
	// The flag package quotes bad values in its errors: redact them.
	fs.SetOutput(redactingWriter{r})
	fs.Usage = func() {}
	return fs
}

// parse parses flags and positional arguments in any order: flags may come
// before, between or after the arguments, and "--" ends the flags. It
// returns the positional arguments, or an exit code when parsing stopped:
// ExitOK after printing the usage for -h/--help, ExitUsage on a bad flag.
func (r *runner) parse(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			io.WriteString(r.env.Stdout, r.cmd.usage)
			return nil, ExitOK, false
		}
		if err != nil {
			// The flag package has written the error; add the pointer.
			fmt.Fprintf(r.env.Stderr, "Run '%s help %s' for usage.\n", Program, r.cmd.name)
			return nil, ExitUsage, false
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), 0, true
		}
		if len(rest) == 0 {
			return pos, 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// formatFlag is --format text|json.
type formatFlag string

func (f *formatFlag) String() string { return string(*f) }

func (f *formatFlag) Set(s string) error {
	switch s {
	case "text", "json":
		*f = formatFlag(s)
		return nil
	}
	return errors.New(`must be "text" or "json"`)
}

// stdinName is how standard input ("-") is named in reports.
const stdinName = "<stdin>"

// readInput reads a file argument; "-" is standard input, read once (a
// second "-" sees the same bytes).
func (r *runner) readInput(name string) ([]byte, error) {
	if name == "-" {
		if !r.stdinOK {
			if r.env.Stdin == nil {
				return nil, errors.New("no standard input")
			}
			data, err := io.ReadAll(r.env.Stdin)
			if err != nil {
				return nil, err
			}
			r.stdin, r.stdinOK = data, true
		}
		return r.stdin, nil
	}
	if r.env.ReadFile == nil {
		return nil, errors.New("reading files is not available in this host")
	}
	return r.env.ReadFile(name)
}

func displayFile(name string) string {
	if name == "-" {
		return stdinName
	}
	return name
}

// writeJSON writes v as indented JSON with a trailing newline. HTML
// characters are not escaped ("<stdin>" stays readable).
func (r *runner) writeJSON(v any) int {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		r.errorf("encoding the output: %v", err)
		return ExitUsage
	}
	return r.write(buf.Bytes())
}

// writeRawJSON indents compact JSON (keeping its key order and escapes) and
// writes it with a trailing newline.
func (r *runner) writeRawJSON(data []byte) int {
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, "", "  "); err != nil {
		r.errorf("encoding the output: %v", err)
		return ExitUsage
	}
	buf.WriteByte('\n')
	return r.write(buf.Bytes())
}

func (r *runner) write(b []byte) int {
	if _, err := r.env.Stdout.Write(b); err != nil {
		r.errorf("writing the output: %v", err)
		return ExitUsage
	}
	return ExitOK
}

// fileReport is one element of `validate --format json` (and of the
// problems printed by build, sign and call).
type fileReport struct {
	File   string             `json:"file"`
	Valid  bool               `json:"valid"`
	Errors []validate.Problem `json:"errors"`
}

// writeReports prints reports as JSON; secrets are redacted from messages.
func (r *runner) writeReports(reports []fileReport) int {
	for i := range reports {
		if reports[i].Errors == nil {
			reports[i].Errors = []validate.Problem{}
		}
		reports[i].File = r.redact(reports[i].File)
		for j := range reports[i].Errors {
			reports[i].Errors[j].Path = r.redact(reports[i].Errors[j].Path)
			reports[i].Errors[j].Message = r.redact(reports[i].Errors[j].Message)
		}
	}
	return r.writeJSON(reports)
}

// printable quotes s when it holds a control character, so that one
// report stays on one line.
func printable(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return strconv.Quote(s)
		}
	}
	return s
}
