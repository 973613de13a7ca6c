package validate

import (
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

// The walker reads JSON with jsonfast.Reader, the strict RFC 8259 reader
// every entry point of this module shares (the dispatcher's envelope and
// the request decoder of package client read with it too), so that one kind
// of bad text gets one answer everywhere. This file adapts its results to
// problems: a syntax error stops the walk; a lone surrogate is a problem of
// code "invalid" at the string's path.

// syntax turns the Reader's syntax error into the one problem of the walk:
// nothing after it can be trusted, so every other problem is dropped.
func (w *walker) syntax() {
	if w.fatal || !w.Failed {
		return
	}
	w.fatal = true
	w.probs = append(w.probs[:0], Problem{Code: CodeSyntax, Message: jsonfast.SyntaxMessage(w.Data, w.ErrPos, w.ErrWhat)})
	w.spans = append(w.spans[:0], span{w.ErrPos, jsonfast.CharEnd(w.Data, w.ErrPos)})
	w.warns, w.wspans = nil, nil
}

// str scans a string token at w.Pos (which holds '"'): its bounds (quotes
// included), whether it has escapes, and the offset of its first lone
// surrogate escape or -1.
func (w *walker) str() (start, end int, escaped bool, lone int, ok bool) {
	start, end, escaped, lone, ok = w.String()
	if !ok {
		w.syntax()
	}
	return
}

func (w *walker) number() (start, end int, float, ok bool) {
	start, end, float, ok = w.Number()
	if !ok {
		w.syntax()
	}
	return
}

func (w *walker) literal(lit string) bool {
	if w.Literal(lit) {
		return true
	}
	w.syntax()
	return false
}

// unquote decodes a string token that str accepted. Lone surrogates become
// U+FFFD (and have been reported).
func unquote(tok []byte, escaped bool) string {
	body := tok[1 : len(tok)-1]
	if !escaped {
		return string(body)
	}
	return jsonfast.Unquote(body)
}
