package dispatch

import (
	"sync"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// userValue is the user's main value of a call: given as JSON ("input",
// "config", "request") or as text that may not be JSON ("inputText",
// "configText"). data is the slice of the envelope the JSON value occupies,
// or the decoded text.
type userValue struct {
	data        []byte
	json, text  bool
	name, tname string // member names, for problems
}

// readJSON takes the value at s.pos as it is written (null included).
func (v *userValue) readJSON(s *scanner, path string) {
	v.data, _ = s.skip(path, false)
	v.json = true
}

// readText takes a string member whose content is the value.
func (v *userValue) readText(s *scanner, path string) {
	t, ok := s.stringValue(path, v.tname)
	if ok {
		v.data = []byte(t)
		v.text = true
	}
}

// problems prepares the problems and warnings of the value for the
// result: those of text (inputText, configText) keep their Range, relative
// to the text; a value given as JSON ("input", "config") is a value, not
// text a person edits (the JavaScript glue writes it from an object), so
// its problems have no range.
func (v *userValue) problems(ps []validate.Problem) []validate.Problem {
	if v.json {
		for i := range ps {
			ps[i].Range = validate.Range{}
		}
	}
	return ps
}

// check reports a value given twice (as JSON and as text) or not at all.
func (v *userValue) check(s *scanner) {
	switch {
	case v.json && v.text:
		s.add("/"+v.tname, validate.CodeInvalid, "Give "+v.name+" or "+v.tname+", not both.")
	case !v.json && !v.text:
		s.add("/"+v.name, validate.CodeRequired, v.name+" is required (or "+v.tname+", to check text that may not be JSON).")
	}
}

var validateMembers = []string{"operation", "input", "inputText"}

func runValidate(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var op string
	var haveOp bool
	v := userValue{name: "input", tname: "inputText"}
	present, ok := s.object("", "the arguments of validate", validateMembers, func(name, path string) {
		switch name {
		case "operation":
			op, haveOp = s.stringValue(path, "The operation")
		case "input":
			v.readJSON(s, path)
		case "inputText":
			v.readText(s, path)
		}
	})
	if ok && s.end() && present {
		if !haveOp {
			s.add("/operation", validate.CodeRequired, "operation is required: the name of an operation, such as GetBackend.")
		}
		v.check(s)
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("validate", s.probs)
	}
	var warns []validate.Problem
	ps, err := validate.Input(op, v.data, &validate.Options{Warnings: &warns, NoRanges: v.json})
	if err != nil {
		return nil, nameFailure("validate", "/operation", err)
	}
	return appendValidity(dst, v.problems(ps), v.problems(warns)), nil
}

var authConfigMembers = []string{"config", "configText", "mode"}

func runValidateAuthConfig(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var mode string
	var haveMode bool
	v := userValue{name: "config", tname: "configText"}
	present, ok := s.object("", "the arguments of validateAuthConfig", authConfigMembers, func(name, path string) {
		switch name {
		case "config":
			v.readJSON(s, path)
		case "configText":
			v.readText(s, path)
		case "mode":
			mode, haveMode = s.stringValue(path, "The mode")
			if haveMode && mode != string(validate.AuthCreate) && mode != string(validate.AuthUpdate) {
				s.add(path, validate.CodeEnum, "The mode must be \"create\" (CreateBackendAuth) or \"update\" (UpdateBackendAuth), not "+quote(mode)+".")
			}
		}
	})
	if ok && s.end() && present {
		v.check(s)
		if !haveMode {
			s.add("/mode", validate.CodeRequired, "mode is required: \"create\" (CreateBackendAuth) or \"update\" (UpdateBackendAuth).")
		}
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("validateAuthConfig", s.probs)
	}
	var warns []validate.Problem
	ps, err := validate.AuthConfig(validate.AuthMode(mode), v.data, &validate.Options{Warnings: &warns, NoRanges: v.json})
	if err != nil { // not reached: the mode was checked above
		return nil, envelopeFailure("validateAuthConfig", []validate.Problem{{Path: "/mode", Code: validate.CodeEnum, Message: "The mode must be \"create\" or \"update\"."}})
	}
	return appendValidity(dst, v.problems(ps), v.problems(warns)), nil
}

// appendValidity writes {"valid": bool, "errors": [...], "warnings": [...]}:
// warnings never make a value invalid.
func appendValidity(dst []byte, ps, warns []validate.Problem) []byte {
	if len(ps) == 0 {
		dst = append(dst, `{"valid":true,"errors":[]`...)
	} else {
		dst = append(dst, `{"valid":false,"errors":`...)
		dst = appendProblems(dst, ps)
	}
	dst = append(dst, `,"warnings":`...)
	dst = appendProblems(dst, warns)
	return append(dst, '}')
}

var operationsJSON = sync.OnceValue(func() []byte {
	var b []byte
	b = append(b, '[')
	for i := range schema.Operations {
		op := &schema.Operations[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = jsonfast.AppendString(b, op.Name)
		b = append(b, `,"method":`...)
		b = jsonfast.AppendString(b, op.Method)
		b = append(b, `,"uri":`...)
		b = jsonfast.AppendString(b, op.URI)
		b = append(b, `,"input":`...)
		b = jsonfast.AppendString(b, schema.Shapes[op.Input].Name)
		b = append(b, `,"output":`...)
		b = jsonfast.AppendString(b, schema.Shapes[op.Output].Name)
		b = append(b, '}')
	}
	return append(b, ']')
})

func runOperations(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	if _, ok := s.object("", "the arguments of operations", nil, func(string, string) {}); ok {
		s.end()
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("operations", s.probs)
	}
	return append(dst, operationsJSON()...), nil
}
