package cli

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var validateCmd = &command{
	name:    "validate",
	summary: "check input files against the service model",
	run:     runValidate,
	usage: `Usage: ` + Program + ` validate --operation OP [--format text|json] FILE...
       ` + Program + ` validate --shape SHAPE [--format text|json] FILE...

Checks each FILE (JSON; "-" is standard input) against the input of the
operation OP (e.g. CreateBackendAuth) or against the structure SHAPE of the
model (e.g. CreateBackendAuthResourceConfig), and reports every problem with
the JSON pointer of the value it concerns.

Flags:
  --operation OP   the operation whose input the files are
                   ('` + Program + ` operations' lists them)
  --shape SHAPE    a structure shape of the model instead of an operation
  --format FORMAT  text (default) or json

Output:
  text  one line per problem, "FILE: PATH: message" ("FILE: message" when the
        problem concerns the whole input); nothing at all for a valid file.
  json  one array with an element per FILE, in argument order:
        {"file": FILE, "valid": true|false, "errors": [{"path", "code", "message"}]}
        ("errors" is [] for a valid file).
Standard input is named "` + stdinName + `" in reports.

Exit status: 0 every file is valid; 1 some file is invalid; 2 usage error,
unknown operation or shape, or a file that cannot be read (reported on
standard error; the other files are still checked).
`,
}

// target is what validate checks files against: an operation's input or a
// structure shape.
type target struct {
	operation, shape string
}

// check validates one input. The error is a *validate.NameError.
func (t target) check(data []byte) ([]validate.Problem, error) {
	if t.operation != "" {
		return validate.Input(t.operation, data, nil)
	}
	return validate.Shape(t.shape, data, nil)
}

// resolveTarget checks --operation / --shape: exactly one, and a name the
// model has. It returns an exit code when they are not.
func (r *runner) resolveTarget(operation, shape string) (target, int, bool) {
	t := target{operation: operation, shape: shape}
	switch {
	case operation == "" && shape == "":
		return t, r.usageError("--operation or --shape is required"), false
	case operation != "" && shape != "":
		return t, r.usageError("give --operation or --shape, not both"), false
	}
	// An empty input is checked only after the name is known, so this
	// returns the name error alone.
	if _, err := t.check(nil); err != nil {
		return t, r.nameError(err), false
	}
	return t, 0, true
}

// nameError reports an unknown operation or shape with its close matches.
func (r *runner) nameError(err error) int {
	var ne *validate.NameError
	if !errors.As(err, &ne) {
		r.errorf("%v", err)
		return ExitUsage
	}
	msg := ne.Error()
	if len(ne.Matches) == 0 {
		switch ne.Kind {
		case "operation":
			msg += "; run '" + Program + " operations' to list the operations"
		case "shape":
			msg += "; a shape is a structure of the model, such as CreateBackendAuthResourceConfig"
		}
	}
	return r.usageError("%s", msg)
}

func runValidate(r *runner, args []string) int {
	fs := r.newFlags()
	operation := fs.String("operation", "", "")
	shape := fs.String("shape", "", "")
	format := formatFlag("text")
	fs.Var(&format, "format", "")
	files, code, ok := r.parse(fs, args)
	if !ok {
		return code
	}
	t, code, ok := r.resolveTarget(*operation, *shape)
	if !ok {
		return code
	}
	if len(files) == 0 {
		return r.usageError("no input files (use - for standard input)")
	}

	exit := ExitOK
	reports := make([]fileReport, 0, len(files))
	for _, name := range files {
		data, err := r.readInput(name)
		if err != nil {
			r.errorf("%s: %v", printable(displayFile(name)), err)
			exit = ExitUsage
			continue
		}
		probs, _ := t.check(data) // the name was checked above
		reports = append(reports, fileReport{File: displayFile(name), Valid: len(probs) == 0, Errors: probs})
		if len(probs) > 0 && exit == ExitOK {
			exit = ExitInvalid
		}
	}

	if format == "json" {
		if c := r.writeReports(reports); c != ExitOK {
			return c
		}
		return exit
	}
	var b strings.Builder
	for _, rep := range reports {
		writeTextProblems(&b, rep.File, rep.Errors, r.redact)
	}
	if c := r.write([]byte(b.String())); c != ExitOK {
		return c
	}
	return exit
}

// writeTextProblems writes "FILE: PATH: message" lines, or "FILE: message"
// for a problem with the whole input.
func writeTextProblems(b *strings.Builder, file string, probs []validate.Problem, redact func(string) string) {
	file = printable(redact(file))
	for _, p := range probs {
		b.WriteString(file)
		b.WriteString(": ")
		if p.Path != "" {
			b.WriteString(printable(redact(p.Path)))
			b.WriteString(": ")
		}
		b.WriteString(printable(redact(p.Message)))
		b.WriteByte('\n')
	}
}

var operationsCmd = &command{
	name:    "operations",
	summary: "list the operations with their HTTP method and URI",
	run:     runOperations,
	usage: `Usage: ` + Program + ` operations [--format text|json]

Lists the 31 operations of the service, sorted by name.

Flags:
  --format FORMAT  text (default): a table of NAME, METHOD and URI template;
                   json: an array of {"name", "method", "uri", "input", "output"}
                   (input and output are the model's shape names, usable
                   with 'validate --shape').
`,
}

type operationInfo struct {
	Name   string `json:"name"`
	Method string `json:"method"`
	URI    string `json:"uri"`
	Input  string `json:"input"`
	Output string `json:"output"`
}

func runOperations(r *runner, args []string) int {
	fs := r.newFlags()
	format := formatFlag("text")
	fs.Var(&format, "format", "")
	rest, code, ok := r.parse(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return r.usageError("unexpected argument %q", rest[0])
	}
	ops := make([]operationInfo, len(schema.Operations))
	for i := range schema.Operations {
		op := &schema.Operations[i]
		ops[i] = operationInfo{
			Name:   op.Name,
			Method: op.Method,
			URI:    op.URI,
			Input:  schema.Get(op.Input).Name,
			Output: schema.Get(op.Output).Name,
		}
	}
	if format == "json" {
		return r.writeJSON(ops)
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	io.WriteString(tw, "NAME\tMETHOD\tURI\n")
	for _, op := range ops {
		io.WriteString(tw, op.Name+"\t"+op.Method+"\t"+op.URI+"\n")
	}
	tw.Flush()
	return r.write(buf.Bytes())
}
