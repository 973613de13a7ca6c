package dispatch

import (
	"runtime"
	"strconv"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/suggest"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// function is one entry of the dispatch table. run appends the JSON result
// to dst, or returns a failure.
type function struct {
	name string
	run  func(dst, input []byte) ([]byte, *failure)
	// split is run instead by HandleSplit, for the functions whose result
	// is a built request: as run, but the body is returned apart (nil when
	// it is in the JSON).
	split func(dst, input []byte) ([]byte, *string, *failure)
}

// functions is the dispatch table, in the order the protocol documents
// them. It is filled in init to break the initialization cycle through
// unknownFunction, which lists the names.
var functions []function

func init() {
	functions = []function{
		{"validate", runValidate, nil},
		{"validateAuthConfig", runValidateAuthConfig, nil},
		{"buildRequest", runBuildRequest, splitBuildRequest},
		{"resolveEndpoint", runResolveEndpoint, nil},
		{"signRequest", runSignRequest, nil},
		{"buildAndSignRequest", runBuildAndSignRequest, splitBuildAndSignRequest},
		{"operations", runOperations, nil},
		{"parseResponse", runParseResponse, nil},
		{"retry", runRetry, nil},
	}
	if cliFunction != nil {
		functions = append(functions, function{"cli", cliFunction, nil})
	}
}

// Functions returns the names of the functions Handle serves.
func Functions() []string {
	names := make([]string, len(functions))
	for i, f := range functions {
		names[i] = f.name
	}
	return names
}

// InternalError is the envelope returned when a call panics. The adapters
// return it too if anything outside Handle panics.
const InternalError = `{"error":{"message":"internal error: the call failed unexpectedly; the module is still usable. Please report this.","errors":[]}}`

// MaxInputBytes is the largest input (the whole envelope) Handle accepts: a
// larger one is refused with one problem of code "limit" at path "" before
// anything in it is read. It is four times the validator's default limit
// for a user value (validate.DefaultLimits.MaxInputBytes, 1 MiB) and
// client.MaxBodyBytes, so that such a value still fits when it is given as
// a JSON string whose quotes and backslashes are escaped ("inputText", a
// request body), with room for the rest of the envelope.
const MaxInputBytes = 4 << 20

// Handle runs function on the JSON input and returns the JSON output
// envelope: {"result": ...} or {"error": {"message", "errors"}}. It never
// panics and never retains input after it returns; see the package
// documentation for the protocol.
func Handle(function string, input []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = internalError(r)
		}
	}()
	return handle(function, input, false)
}

// HandleSplit is Handle, except that the body of the request that
// buildRequest and buildAndSignRequest return is not a member of the
// result: it follows the JSON envelope, after one line feed (a byte the
// envelope never holds: its JSON has no white space and escapes every
// control character in a string), as its UTF-8 bytes. So a host that
// decodes the output itself (the JS glue) gets the body without the JSON
// escaping of a JSON body (a quote every few bytes) and its unescaping. A
// body that is not valid UTF-8, an error and the other functions' results
// are written as Handle writes them. Removing the line feed and what
// follows and adding the body as the result's last member "body" gives
// Handle's output.
func HandleSplit(function string, input []byte) (out []byte) {
	defer func() {
		if r := recover(); r != nil {
			out = internalError(r)
		}
	}()
	return handle(function, input, true)
}

// handle is Handle (split: HandleSplit) without the recover, so that the
// fuzz test sees a panic as a failure rather than as an internal-error
// envelope.
func handle(function string, input []byte, split bool) []byte {
	for i := range functions {
		if functions[i].name == function {
			if len(input) > MaxInputBytes {
				return errorEnvelope(envelopeFailure(function, []validate.Problem{{Code: validate.CodeLimit,
					Message: "The arguments are " + strconv.Itoa(len(input)) + " bytes; the limit is " + strconv.Itoa(MaxInputBytes) + " bytes (4 MiB)."}}))
			}
			dst := make([]byte, 0, 128+len(input)+len(input)/4)
			dst = append(dst, `{"result":`...)
			var body *string
			var f *failure
			if split && functions[i].split != nil {
				dst, body, f = functions[i].split(dst, input)
			} else {
				dst, f = functions[i].run(dst, input)
			}
			if f != nil {
				return errorEnvelope(f)
			}
			dst = append(dst, '}')
			if body != nil {
				dst = append(dst, '\n')
				dst = append(dst, *body...)
			}
			return dst
		}
	}
	return errorEnvelope(unknownFunction(function))
}

// internalError describes a recovered panic. Only a runtime error's text is
// kept (an index or a nil dereference: it never holds input); any other
// panic value could quote the input, so it is dropped.
func internalError(r any) []byte {
	re, ok := r.(runtime.Error)
	if !ok {
		return []byte(InternalError)
	}
	msg := "internal error: " + re.Error() + ". The module is still usable. Please report this."
	dst := make([]byte, 0, 2*len(msg)+48)
	dst = append(dst, `{"error":{"message":`...)
	dst = jsonfast.AppendString(dst, msg)
	return append(dst, `,"errors":[]}}`...)
}

func unknownFunction(name string) *failure {
	names := Functions()
	msg := "Unknown function " + quote(name) + "; "
	if m := suggest.CloseMatches(name, names); len(m) > 0 {
		msg += "did you mean " + strings.Join(m, " or ") + "? "
	}
	msg += "The functions are " + list(names) + "."
	return &failure{probs: []validate.Problem{{Code: validate.CodeEnum, Message: msg}}}
}

// envelopeFailure wraps the problems of an envelope of fn.
func envelopeFailure(fn string, ps []validate.Problem) *failure {
	return &failure{summary: "Invalid arguments for " + fn + " (" + problemCount(len(ps)) + "):", probs: ps}
}

// nameFailure reports an unknown operation at path.
func nameFailure(fn, path string, err error) *failure {
	msg := "The operation does not exist."
	if ne, ok := err.(*validate.NameError); ok {
		msg = "There is no operation " + quote(ne.Name)
		if len(ne.Matches) > 0 {
			msg += "; did you mean " + strings.Join(ne.Matches, " or ") + "?"
		} else {
			msg += "; the operations function lists them all."
		}
	}
	return envelopeFailure(fn, []validate.Problem{{Path: path, Code: validate.CodeEnum, Message: msg}})
}
