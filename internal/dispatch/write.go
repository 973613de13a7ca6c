package dispatch

import (
	"strconv"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// appendProblems appends the problems as a JSON array.
func appendProblems(dst []byte, ps []validate.Problem) []byte {
	dst = append(dst, '[')
	for i := range ps {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"path":`...)
		dst = jsonfast.AppendString(dst, ps[i].Path)
		dst = append(dst, `,"code":`...)
		dst = jsonfast.AppendString(dst, string(ps[i].Code))
		dst = append(dst, `,"message":`...)
		dst = jsonfast.AppendString(dst, ps[i].Message)
		if r := ps[i].Range; r.Start.Line > 0 {
			dst = append(dst, `,"range":{"start":`...)
			dst = appendPosition(dst, r.Start)
			dst = append(dst, `,"end":`...)
			dst = appendPosition(dst, r.End)
			dst = append(dst, '}')
		}
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// appendPosition writes {"line","column","offset"} (UTF-16 code units; the
// byte offset is for Go callers only).
func appendPosition(dst []byte, p validate.Position) []byte {
	dst = append(dst, `{"line":`...)
	dst = strconv.AppendInt(dst, int64(p.Line), 10)
	dst = append(dst, `,"column":`...)
	dst = strconv.AppendInt(dst, int64(p.Column), 10)
	dst = append(dst, `,"offset":`...)
	dst = strconv.AppendInt(dst, int64(p.Offset), 10)
	return append(dst, '}')
}

// maxMessageLines is how many problems the message of an error lists; the
// "errors" array always has them all.
const maxMessageLines = 20

// failure is the outcome of a call that did not succeed.
type failure struct {
	// summary is the first sentence of the message; empty when the one
	// problem's message is the whole message.
	summary string
	probs   []validate.Problem
}

// problemCount is "1 problem" or "N problems".
func problemCount(n int) string {
	if n == 1 {
		return "1 problem"
	}
	return strconv.Itoa(n) + " problems"
}

// errorEnvelope writes {"error":{"message","errors"}} for f.
func errorEnvelope(f *failure) []byte {
	size := 64 + len(f.summary)
	for i := range f.probs {
		size += 2*(len(f.probs[i].Path)+len(f.probs[i].Message)) + 48
	}
	dst := make([]byte, 0, size)
	dst = append(dst, `{"error":{"message":`...)
	msg := make([]byte, 0, size/2)
	msg = append(msg, f.summary...)
	for i := range f.probs {
		if i == maxMessageLines {
			msg = append(msg, "\n... and "...)
			msg = strconv.AppendInt(msg, int64(len(f.probs)-i), 10)
			msg = append(msg, " more."...)
			break
		}
		if len(msg) > 0 {
			msg = append(msg, '\n')
		}
		if p := f.probs[i].Path; p != "" {
			msg = append(msg, p...)
			msg = append(msg, ": "...)
		}
		msg = append(msg, f.probs[i].Message...)
	}
	dst = jsonfast.AppendString(dst, string(msg))
	dst = append(dst, `,"errors":`...)
	dst = appendProblems(dst, f.probs)
	return append(dst, "}}"...)
}
