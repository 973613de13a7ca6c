package dispatch

import (
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var (
	buildMembers       = []string{"operation", "input", "inputText", "options"}
	buildOptionMembers = []string{"region", "endpoint", "validate"}
)

func runBuildRequest(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var op string
	var haveOp bool
	v := userValue{name: "input", tname: "inputText"}
	opts := client.BuildOptions{}
	check := true
	present, ok := s.object("", "the arguments of buildRequest", buildMembers, func(name, path string) {
		switch name {
		case "operation":
			op, haveOp = s.stringValue(path, "The operation")
		case "input":
			v.readJSON(s, path)
		case "inputText":
			v.readText(s, path)
		case "options":
			if s.isNull() {
				return
			}
			s.object(path, "the options of buildRequest", buildOptionMembers, func(name, path string) {
				switch name {
				case "region":
					opts.Region, _ = s.stringValue(path, "The region")
				case "endpoint":
					opts.Endpoint, _ = s.stringValue(path, "The endpoint")
				case "validate":
					if b, ok := s.boolValue(path, "validate"); ok {
						check = b
					}
				}
			})
		}
	})
	if ok && s.end() && present {
		if !haveOp {
			s.add("/operation", validate.CodeRequired, "operation is required: the name of an operation, such as GetBackend.")
		}
		v.check(s)
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("buildRequest", s.probs)
	}
	if ps := v.loneProblem(); ps != nil {
		return nil, &failure{summary: "Cannot build the " + op + " request (1 problem):", probs: ps}
	}
	opts.Lenient = !check
	req, err := client.Build(op, v.data, opts)
	if err != nil {
		ve, ok := err.(*validate.Error)
		if !ok {
			return nil, nameFailure("buildRequest", "/operation", err)
		}
		ps := v.problems(ve.Problems)
		// Build lists the options' problems first, as opts.Check reports
		// them; they belong under /options in the envelope.
		for i := range min(len(opts.Check()), len(ps)) {
			ps[i].Path = "/options" + ps[i].Path
		}
		return nil, &failure{summary: "Cannot build the " + op + " request (" + problemCount(len(ps)) + "):", probs: ps}
	}
	return req.AppendJSON(dst), nil
}
