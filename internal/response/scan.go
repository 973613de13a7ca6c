package response

import (
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

// MaxDepth is the deepest nesting of arrays and objects a response body may
// have: jsonfast.MaxDepth, the limit of every value read without a shape
// (the model's outputs nest five levels; the rest is room for members the
// model does not know, which are skipped but still read).
const MaxDepth = jsonfast.MaxDepth

// checkSyntax reads the whole body as one JSON value followed by nothing
// but white space, with jsonfast.Reader, the one strict reader of the
// module. It returns "" or the sentence of a syntax problem, and whether
// the problem is the depth limit. A lone surrogate escape is not a problem
// here: the service's text is passed on as JSON.parse and boto3 read it,
// with U+FFFD in its place.
func checkSyntax(data []byte) (msg string, limit bool) {
	r := jsonfast.Reader{Data: data}
	if _, _, deep, ok := r.Skip(MaxDepth, true); !ok {
		if deep {
			return jsonfast.DepthMessage(MaxDepth), true
		}
		if !r.Failed {
			r.FailValue()
		}
		return jsonfast.SyntaxMessage(data, r.ErrPos, r.ErrWhat), false
	}
	if !r.End() {
		return jsonfast.SyntaxMessage(data, r.ErrPos, r.ErrWhat), false
	}
	return "", false
}
