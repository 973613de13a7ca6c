//go:build !nocli

package dispatch

import (
	"io/fs"
	"strconv"
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/cli"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// cliFunction serves "cli". Builds tagged nocli leave it (and the CLI, with
// flag, fmt and encoding/json) out: the browser module has no use for it.
var cliFunction = runCLI

var cliMembers = []string{"args", "stdin", "files", "env", "now"}

func runCLI(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var args []string
	haveArgs := false
	var stdin string
	var fileNames, fileData, envNames, envValues []string
	var now time.Time
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
		}
	})
	if ok && s.end() && present && !haveArgs {
		s.add("/args", validate.CodeRequired, "args is required: the command line without the program name, such as [\"validate\", \"--help\"].")
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("cli", s.probs)
	}
	var stdout, stderr strings.Builder
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
		Now: func() time.Time { return now },
	})
	dst = append(dst, `{"stdout":`...)
	dst = jsonfast.AppendString(dst, stdout.String())
	dst = append(dst, `,"stderr":`...)
	dst = jsonfast.AppendString(dst, stderr.String())
	dst = append(dst, `,"exitCode":`...)
	dst = strconv.AppendInt(dst, int64(code), 10)
	return append(dst, '}'), nil
}
