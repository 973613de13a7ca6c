package dispatch

import (
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var (
	buildMembers       = members([]string{"operation", "input", "inputText", "options"}, "")
	buildOptionMembers = members([]string{"region", "endpoint", "validate", "useFipsEndpoint", "useDualstackEndpoint"}, "/options", "/buildOptions")
)

func runBuildRequest(dst, input []byte) ([]byte, *failure) {
	dst, _, f := buildRequest(dst, input, false)
	return dst, f
}

func buildRequest(dst, input []byte, split bool) ([]byte, *string, *failure) {
	s := newScanner(input)
	var b buildArgs
	b.init("buildRequest")
	present, ok := s.object("", "the arguments of buildRequest", buildMembers, func(name, path string) {
		b.member(s, name, path, "options")
	})
	if ok && s.end() && present {
		b.check(s)
	}
	if len(s.probs) > 0 {
		return nil, nil, envelopeFailure("buildRequest", s.probs)
	}
	req, f := b.build("/options")
	if f != nil {
		return nil, nil, f
	}
	dst, body := appendRequest(dst, req, split)
	return dst, body, nil
}

// buildArgs are the arguments buildRequest and buildAndSignRequest share:
// the operation, the input (a value or text) and the build options.
type buildArgs struct {
	fn     string // the function, for its messages
	op     string
	haveOp bool
	v      userValue
	opts   client.BuildOptions
	strict bool
}

func (b *buildArgs) init(fn string) {
	b.fn = fn
	b.v = userValue{name: "input", tname: "inputText"}
	b.strict = true
}

// member reads the envelope member name at path; the build options are
// the member optionsName. It reports whether name is one of them.
func (b *buildArgs) member(s *scanner, name, path, optionsName string) bool {
	switch name {
	case "operation":
		b.op, b.haveOp = s.stringValue(path, "The operation")
	case "input":
		b.v.readJSON(s, path)
	case "inputText":
		b.v.readText(s, path)
	case optionsName:
		if s.isNull() {
			return true
		}
		s.object(path, "the options of buildRequest", buildOptionMembers, func(name, path string) {
			if name == "validate" {
				if v, ok := s.boolValue(path, "validate"); ok {
					b.strict = v
				}
				return
			}
			s.endpointOption(name, path, &b.opts)
		})
	default:
		return false
	}
	return true
}

// check adds the problems of a complete envelope: a missing operation or
// input.
func (b *buildArgs) check(s *scanner) {
	if !b.haveOp {
		s.add("/operation", validate.CodeRequired, "operation is required: the name of an operation, such as GetBackend.")
	}
	b.v.check(s)
}

// build validates and builds the request; the options' problems go under
// optionsPath.
func (b *buildArgs) build(optionsPath string) (client.Request, *failure) {
	if ps := b.v.loneProblem(); ps != nil {
		return client.Request{}, &failure{summary: "Cannot build the " + b.op + " request (1 problem):", probs: ps}
	}
	b.opts.Lenient = !b.strict
	req, err := client.Build(b.op, b.v.data, b.opts)
	if err != nil {
		ve, ok := err.(*validate.Error)
		if !ok {
			return client.Request{}, nameFailure(b.fn, "/operation", err)
		}
		ps := b.v.problems(ve.Problems)
		// Build lists the options' problems first, as opts.Check reports
		// them; they belong under the options in the envelope.
		for i := range min(len(b.opts.Check()), len(ps)) {
			ps[i].Path = optionsPath + ps[i].Path
		}
		return client.Request{}, &failure{summary: "Cannot build the " + b.op + " request (" + problemCount(len(ps)) + "):", probs: ps}
	}
	return req, nil
}

// endpointOption reads one of the options that choose the endpoint
// (region, endpoint, useFipsEndpoint, useDualstackEndpoint) into opts;
// buildRequest and resolveEndpoint take them alike.
func (s *scanner) endpointOption(name, path string, opts *client.BuildOptions) {
	switch name {
	case "region":
		opts.Region, _ = s.stringValue(path, "The region")
	case "endpoint":
		opts.Endpoint, _ = s.stringValue(path, "The endpoint")
	case "useFipsEndpoint":
		opts.UseFIPSEndpoint, _ = s.boolValue(path, "useFipsEndpoint")
	case "useDualstackEndpoint":
		opts.UseDualStackEndpoint, _ = s.boolValue(path, "useDualstackEndpoint")
	}
}
