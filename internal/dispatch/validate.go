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
	// lone is the byte offset in data of the first lone UTF-16 surrogate
	// of the text (written as an escape in the envelope; U+FFFD in data), or
	// -1: the text is not Unicode, which is a problem of the text, at its
	// exact place, rather than of the envelope.
	lone int
}

// readJSON takes the value at s.pos as it is written (null included).
func (v *userValue) readJSON(s *scanner, path string) {
	v.data, _ = s.skip(path, false)
	v.json = true
}

// readText takes a string member whose content is the value.
func (v *userValue) readText(s *scanner, path string) {
	v.lone = -1
	if s.Peek() != '"' {
		s.stringValue(path, v.tname) // null, or a type problem
		return
	}
	start, end, escaped, lone, ok := s.String()
	if !ok {
		s.syntax()
		return
	}
	body := s.Data[start+1 : end-1]
	if escaped {
		v.data = jsonfast.AppendUnquote(make([]byte, 0, len(body)), body)
	} else {
		v.data = []byte(string(body))
	}
	if lone >= 0 {
		v.lone = len(jsonfast.AppendUnquote(nil, s.Data[start+1:lone]))
	}
	v.text = true
}

// loneProblem is the problem of a text holding a lone surrogate: at its
// place in the text (U+FFFD in data stands for the one UTF-16 unit).
func (v *userValue) loneProblem() []validate.Problem {
	if !v.text || v.lone < 0 {
		return nil
	}
	pos := jsonfast.Positions(v.data, []int{v.lone, jsonfast.CharEnd(v.data, v.lone)})
	conv := func(p jsonfast.Position) validate.Position {
		return validate.Position{Line: p.Line, Column: p.Column, Offset: p.Offset, Byte: p.Byte}
	}
	return []validate.Problem{{Code: validate.CodeInvalid, Message: jsonfast.LoneSurrogateMessage("The text"),
		Range: validate.Range{Start: conv(pos[0]), End: conv(pos[1])}}}
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

var validateMembers = members([]string{"operation", "input", "inputText"}, "")

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
	if ps := v.loneProblem(); ps != nil {
		if _, err := validate.Input(op, nil, nil); err != nil {
			return nil, nameFailure("validate", "/operation", err)
		}
		return appendValidity(dst, ps, nil), nil
	}
	var warns []validate.Problem
	ps, err := validate.Input(op, v.data, &validate.Options{Warnings: &warns, NoRanges: v.json})
	if err != nil {
		return nil, nameFailure("validate", "/operation", err)
	}
	return appendValidity(dst, v.problems(ps), v.problems(warns)), nil
}

var authConfigMembers = members([]string{"config", "configText", "mode"}, "")

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
	if ps := v.loneProblem(); ps != nil {
		return appendValidity(dst, ps, nil), nil
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
