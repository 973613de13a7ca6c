package response

import (
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

// The conversion walks text that checkSyntax already accepted, with the same
// jsonfast.Reader: these helpers only move through it.

// skipValue moves r past one value and returns its text (strings are only
// delimited: checkSyntax checked them).
func skipValue(r *jsonfast.Reader) []byte {
	raw, _, _, _ := r.Skip(MaxDepth, false)
	return raw
}

// stringOf decodes the string token at r.Pos.
func stringOf(r *jsonfast.Reader) string {
	start, end, escaped, _, _ := r.String()
	return r.StringValue(start, end, escaped)
}

// members calls f with each member name (decoded; valid until f returns)
// and value text of the object v.
func members(v []byte, f func(name []byte, value []byte)) {
	r := jsonfast.Reader{Data: v}
	r.Peek()
	if r.Open() {
		return
	}
	var scratch []byte
	for {
		r.Peek()
		start, end, escaped, _, _ := r.String()
		name := v[start+1 : end-1]
		if escaped {
			scratch = jsonfast.AppendUnquote(scratch[:0], name)
			name = scratch
		}
		r.Colon()
		r.Peek()
		f(name, skipValue(&r))
		if more, _ := r.Next('}'); !more {
			return
		}
	}
}

// elements calls f with the text of each element of the array v.
func elements(v []byte, f func(i int, value []byte)) {
	r := jsonfast.Reader{Data: v}
	r.Peek()
	if r.Open() {
		return
	}
	for i := 0; ; i++ {
		r.Peek()
		f(i, skipValue(&r))
		if more, _ := r.Next(']'); !more {
			return
		}
	}
}

// first is the first byte of a value's text (after any white space).
func first(v []byte) byte {
	r := jsonfast.Reader{Data: v}
	return r.Peek()
}

// stringValue decodes the string value v.
func stringValue(v []byte) string {
	r := jsonfast.Reader{Data: v}
	r.Peek()
	return stringOf(&r)
}

// appendString appends the string value v as jsonfast.AppendString writes
// its decoded value: a token without escapes, U+2028 or U+2029 is that
// already, and is copied as it is.
func appendString(dst, v []byte) []byte {
	r := jsonfast.Reader{Data: v}
	r.Peek()
	start, end, escaped, _, _ := r.String()
	tok := v[start:end]
	if !escaped && !hasLineSeparator(tok) {
		return append(dst, tok...)
	}
	return jsonfast.AppendString(dst, r.StringValue(start, end, escaped))
}

// hasLineSeparator reports whether b holds U+2028 or U+2029 (E2 80 A8/A9).
func hasLineSeparator(b []byte) bool {
	for i := 0; i+2 < len(b); i++ {
		if b[i] == 0xE2 && b[i+1] == 0x80 && (b[i+2] == 0xA8 || b[i+2] == 0xA9) {
			return true
		}
	}
	return false
}

// appendCompact appends a well-formed value without its white space, its
// strings written as jsonfast.AppendString writes them.
func appendCompact(dst, v []byte) []byte {
	r := jsonfast.Reader{Data: v}
	for {
		c := r.Peek()
		if r.AtEnd() {
			return dst
		}
		if c == '"' {
			dst = jsonfast.AppendString(dst, stringOf(&r))
			continue
		}
		dst = append(dst, c)
		r.Pos++
	}
}
