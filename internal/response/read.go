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

// members calls f with each member name and value text of the object v.
func members(v []byte, f func(name string, value []byte)) {
	r := jsonfast.Reader{Data: v}
	r.Peek()
	if r.Open() {
		return
	}
	for {
		r.Peek()
		name := stringOf(&r)
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
