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
	usage: `Usage: ` + Program + ` validate --operation OP [--format F] [--warnings-as-errors] FILE...
       ` + Program + ` validate --shape SHAPE [--format F] [--warnings-as-errors] FILE...

Checks each FILE (JSON; "-" is standard input) against the input of the
operation OP (e.g. CreateBackendAuth) or against the structure SHAPE of the
model (e.g. CreateBackendAuthResourceConfig), and reports every problem with
its place in the file and the JSON pointer of the value it concerns.
Warnings (code "deprecated": a member the service documents as deprecated)
do not make a file invalid.

Flags:
  --operation OP        the operation whose input the files are
                        ('` + Program + ` operations' lists them)
  --shape SHAPE         a structure shape of the model instead of an operation
  --format FORMAT       text (default), json, sarif or github
  --warnings-as-errors  exit with status 1 when there are warnings

Output (lines and columns count from 1; columns in UTF-16 code units):
  text    one line per problem, compiler-style:
          "FILE:LINE:COL: error: PATH: message [CODE]" ("warning:" for a
          warning; no "PATH: " when the problem concerns the whole input);
          nothing at all for a valid file without warnings.
  json    one array with an element per FILE, in argument order:
          {"file": FILE, "valid": true|false, "errors": [PROBLEM...],
           "warnings": [PROBLEM...]}, where a PROBLEM is {"path", "code",
          "message", "range": {"start": {"line", "column", "offset"},
          "end": {...}}} ("errors" and "warnings" are [] when empty).
  sarif   a SARIF 2.1.0 log: one run, a rule per problem code, a result per
          problem with its region (for code scanning tools).
  github  GitHub Actions workflow commands, which annotate the file:
          "::error file=FILE,line=L,col=C,endLine=L,endColumn=C,title=T::PATH: message"
          ("::warning" for a warning; a span over several lines has no col
          and endColumn).
Standard input is named "` + stdinName + `" in reports.

Exit status: 0 every file is valid (warnings allowed, unless
--warnings-as-errors); 1 some file is invalid; 2 usage error, unknown
operation or shape, or a file that cannot be read (reported on standard
error; the other files are still checked).
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
	format := reportFormat("text")
	fs.Var(&format, "format", "")
	warningsAsErrors := fs.Bool("warnings-as-errors", false, "")
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
	reports := make([]validateReport, 0, len(files))
	for _, name := range files {
		data, err := r.readInput(name)
		if err != nil {
			r.errorf("%s: %v", printable(displayFile(name)), err)
			exit = ExitUsage
			continue
		}
		errs, warns, _ := t.checkText(data) // the name was checked above
		reports = append(reports, validateReport{File: displayFile(name), Valid: len(errs) == 0, Errors: errs, Warnings: warns})
		if (len(errs) > 0 || (*warningsAsErrors && len(warns) > 0)) && exit == ExitOK {
			exit = ExitInvalid
		}
	}

	var c int
	if format == "json" {
		c = r.writeValidateReports(reports)
	} else {
		files := make([]fileDiags, len(reports))
		for i, rep := range reports {
			files[i] = fileDiags{rep.File, diagsOf(rep)}
		}
		c = r.writeDiags(format, files)
	}
	if c != ExitOK {
		return c
	}
	return exit
}

// writeDiags prints the diagnostics in the text, github or sarif format.
func (r *runner) writeDiags(format reportFormat, files []fileDiags) int {
	if format == "sarif" {
		return r.writeJSON(sarifReport(files, r.toolVersion(), r.redact))
	}
	write := writeText
	if format == "github" {
		write = writeGitHub
	}
	var b strings.Builder
	for _, f := range files {
		write(&b, f.file, f.diags, r.redact)
	}
	return r.write([]byte(b.String()))
}

// writeValidateReports prints validate's JSON report; secrets are redacted
// from file names, paths and messages.
func (r *runner) writeValidateReports(reports []validateReport) int {
	redact := func(ps []validate.Problem) []validate.Problem {
		out := make([]validate.Problem, len(ps))
		for i, p := range ps {
			p.Path = r.redact(p.Path)
			p.Message = r.redact(p.Message)
			out[i] = p
		}
		return out
	}
	for i := range reports {
		reports[i].File = r.redact(reports[i].File)
		reports[i].Errors = redact(reports[i].Errors)
		reports[i].Warnings = redact(reports[i].Warnings)
	}
	return r.writeJSON(reports)
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
