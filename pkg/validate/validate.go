// Package validate checks AmplifyBackend inputs against the service model
// before anything is sent, and reports every problem with the exact JSON
// pointer of the field it concerns, so that an editor can underline it.
//
// Inputs are raw JSON in the user-facing form: PascalCase member names,
// exactly the shapes of the API's typed-dict documentation, for example
//
//	{"AppId": "d1", "ResourceConfig": {"UserPoolConfigs": {"SignInMethod": "EMAIL"}}}
//
// Typed Go values from package types are checked by Value with the same
// rules (they are encoded by easyjson and walked by the same code).
//
// Every function returns all problems, never just the first, in the order
// they occur in the input; a missing member is reported where it should be,
// when its object closes. A syntax error is the one exception: it is
// reported alone, with its line and column, since nothing after it can be
// read.
package validate

import (
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/suggest"
)

// Limits bound the work and memory one input may cost. A zero field means
// no limit; DefaultLimits is used when Options.Limits is nil.
type Limits struct {
	// MaxInputBytes is the largest input accepted.
	MaxInputBytes int
	// MaxDepth is the deepest nesting of objects and arrays.
	MaxDepth int
	// MaxStringBytes is the longest string, in bytes as written in the JSON
	// (escapes included).
	MaxStringBytes int
	// MaxArrayLen is the most elements an array may have.
	MaxArrayLen int
	// MaxProblems is the most problems reported; one more ends the walk.
	MaxProblems int
}

// DefaultLimits are generous for every real AmplifyBackend input (the
// deepest shape nests 7 levels; a GraphQL transform schema is the longest
// string) and small enough that no input can exhaust a browser tab.
var DefaultLimits = Limits{
	MaxInputBytes:  1 << 20,
	MaxDepth:       64,
	MaxStringBytes: 512 << 10,
	MaxArrayLen:    10000,
	MaxProblems:    1000,
}

// Options tune validation. The zero value (or nil) is the strict default.
type Options struct {
	// Lenient keeps only the problems that make a request impossible to
	// build: syntax, wrong JSON types, unknown members (they have no wire
	// name), duplicates, limits, and missing or empty URI labels. Unknown
	// enum values, out-of-range numbers and missing body members pass, as
	// AWS's own SDKs let them pass, since the service may accept values
	// newer than this module's model.
	Lenient bool
	// Limits replaces DefaultLimits when set.
	Limits *Limits
	// Warnings, when not nil, receives the warnings of JSON text: members
	// the service documents as deprecated (code "deprecated"), with their
	// Range. A warning never makes an input invalid, so it is never among
	// the problems. Input, Shape, AuthConfig and Transcode append to it.
	Warnings *[]Problem
	// NoRanges leaves Problem.Range zero: for input that is not text a
	// person edits (the dispatcher's "input", written by the JavaScript glue
	// from an object), it saves the pass over the input that positions take.
	NoRanges bool
}

// AuthMode selects the auth resource config shape of AuthConfig.
type AuthMode string

// The two auth resource config shapes an editor validates on their own.
const (
	AuthCreate AuthMode = "create" // CreateBackendAuthResourceConfig
	AuthUpdate AuthMode = "update" // UpdateBackendAuthResourceConfig
)

// NameError reports an operation or shape name that the model does not
// have, with the close matches.
type NameError struct {
	Kind    string // "operation" or "shape"
	Name    string
	Matches []string
}

func (e *NameError) Error() string {
	msg := "unknown " + e.Kind + " " + quoteShort(e.Name)
	if len(e.Matches) > 0 {
		msg += "; did you mean " + strings.Join(e.Matches, " or ") + "?"
	}
	return msg
}

// Operations returns the names of the 31 operations, sorted.
func Operations() []string {
	names := make([]string, len(schema.Operations))
	for i := range schema.Operations {
		names[i] = schema.Operations[i].Name
	}
	return names
}

// Shapes returns the names of the structure shapes, sorted.
func Shapes() []string {
	var names []string
	for i := range schema.Shapes {
		if schema.Shapes[i].Kind == schema.KindStructure || schema.Shapes[i].Kind == schema.KindFreeform {
			names = append(names, schema.Shapes[i].Name)
		}
	}
	return names
}

func lookupOperation(name string) (*schema.Operation, error) {
	if op, ok := schema.LookupOperation(name); ok {
		return op, nil
	}
	return nil, &NameError{Kind: "operation", Name: name, Matches: suggest.CloseMatches(name, Operations())}
}

func lookupShape(name string) (schema.ShapeID, error) {
	if id, ok := schema.Lookup(name); ok {
		k := schema.Shapes[id].Kind
		if k == schema.KindStructure || k == schema.KindFreeform {
			return id, nil
		}
	}
	return 0, &NameError{Kind: "shape", Name: name, Matches: suggest.CloseMatches(name, Shapes())}
}

func newWalker(data []byte, opts *Options) walker {
	// The path buffer starts at a size that holds the deepest path of a
	// real input, so that it is allocated once rather than grown four times.
	w := walker{Reader: jsonfast.Reader{Data: data}, lim: DefaultLimits, path: make([]byte, 0, 128), pendMember: -1}
	if opts != nil {
		w.lenient = opts.Lenient
		w.warnings = opts.Warnings != nil
		if opts.Limits != nil {
			w.lim = *opts.Limits
		}
	}
	return w
}

// text finishes the walk of JSON text the caller gave: every problem and
// warning gets its Range, and the warnings go where opts says.
func (w *walker) text(opts *Options) []Problem {
	if opts == nil || !opts.NoRanges {
		w.ranges()
	}
	if w.warnings && len(w.warns) > 0 {
		*opts.Warnings = append(*opts.Warnings, w.warns...)
	}
	return w.probs
}

// Input validates the input of an operation. The error is a *NameError when
// the operation does not exist; problems are nil when the input is valid.
func Input(operation string, input []byte, opts *Options) ([]Problem, error) {
	op, err := lookupOperation(operation)
	if err != nil {
		return nil, err
	}
	w := newWalker(input, opts)
	w.run(op.Input)
	return w.text(opts), nil
}

// Shape validates input against any structure shape of the model, by name.
func Shape(shape string, input []byte, opts *Options) ([]Problem, error) {
	id, err := lookupShape(shape)
	if err != nil {
		return nil, err
	}
	w := newWalker(input, opts)
	w.run(id)
	return w.text(opts), nil
}

// AuthConfig validates an auth resource config on its own: the
// ResourceConfig of CreateBackendAuth (mode AuthCreate) or of
// UpdateBackendAuth (mode AuthUpdate). Paths are relative to the config.
func AuthConfig(mode AuthMode, input []byte, opts *Options) ([]Problem, error) {
	switch mode {
	case AuthCreate:
		return Shape("CreateBackendAuthResourceConfig", input, opts)
	case AuthUpdate:
		return Shape("UpdateBackendAuthResourceConfig", input, opts)
	}
	return nil, &NameError{Kind: "auth mode", Name: string(mode), Matches: suggest.CloseMatches(string(mode), []string{"create", "update"})}
}

// Shaped is a typed value of package types. Its MarshalJSON is generated by
// easyjson, with the wire names.
type Shaped interface {
	ShapeName() string
	MarshalJSON() ([]byte, error)
}

// Value validates a typed Go value with the same rules as Input. Paths use
// the Go field names, which are the user-facing member names.
func Value(v Shaped, opts *Options) []Problem {
	_, probs := transcodeValue(v, false, opts)
	return probs
}

// Transcoded is an input rewritten for the wire: the JSON body (members
// under their wire names, URI-bound members removed) and the URI labels.
type Transcoded struct {
	Body   []byte
	Labels []Label
}

// Label returns the value of the URI label with the given wire name.
func (t *Transcoded) Label(name string) (string, bool) {
	for _, l := range t.Labels {
		if l.Name == name {
			return l.Value, true
		}
	}
	return "", false
}

// Transcode validates the input of an operation and, when it is valid,
// rewrites it for the wire. Problems are returned instead of a result when
// there are any.
func Transcode(operation string, input []byte, opts *Options) (*Transcoded, []Problem, error) {
	op, err := lookupOperation(operation)
	if err != nil {
		return nil, nil, err
	}
	t, probs := transcode(op.Input, input, false, opts)
	return t, probs, nil
}

// TranscodeValue is Transcode for a typed input value of package types.
func TranscodeValue(v Shaped, opts *Options) (*Transcoded, []Problem) {
	return transcodeValue(v, true, opts)
}

func transcodeValue(v Shaped, emit bool, opts *Options) (*Transcoded, []Problem) {
	id, ok := schema.Lookup(v.ShapeName())
	if !ok {
		return nil, []Problem{{Code: CodeInvalid, Message: "The value's type " + v.ShapeName() + " is not a shape of the model."}}
	}
	data, err := v.MarshalJSON() // easyjson-generated: no reflection
	if err != nil {
		return nil, []Problem{{Code: CodeInvalid, Message: "The value cannot be encoded as JSON."}}
	}
	return transcode(id, data, true, opts)
}

func transcode(id schema.ShapeID, data []byte, wire bool, opts *Options) (*Transcoded, []Problem) {
	w := newWalker(data, opts)
	w.wire = wire
	w.emit = true
	w.out = make([]byte, 0, len(data)+2)
	w.run(id)
	if !wire {
		w.text(opts)
	}
	if len(w.probs) > 0 {
		return nil, w.probs
	}
	return &Transcoded{Body: w.out, Labels: w.labels}, nil
}
