package response

import (
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

// reader walks text that checkSyntax accepted: it never meets bad JSON.
type reader struct {
	data []byte
	pos  int
}

func (r *reader) ws() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

func (r *reader) peek() byte {
	r.ws()
	if r.pos >= len(r.data) {
		return 0
	}
	return r.data[r.pos]
}

// skip passes over one value and returns its text.
func (r *reader) skip() []byte {
	r.ws()
	start := r.pos
	depth := 0
	for r.pos < len(r.data) {
		switch c := r.data[r.pos]; c {
		case '"':
			r.strEnd()
			if depth == 0 {
				return r.data[start:r.pos]
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				r.pos++
				return r.data[start:r.pos]
			}
		default:
			if depth == 0 {
				end := r.pos
				for end < len(r.data) && !isDelim(r.data[end]) {
					end++
				}
				r.pos = end
				return r.data[start:end]
			}
		}
		r.pos++
	}
	return r.data[start:r.pos]
}

func isDelim(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', ',', ']', '}', ':':
		return true
	}
	return false
}

// strEnd moves past the string token at r.pos.
func (r *reader) strEnd() {
	r.pos++
	for {
		r.pos += jsonfast.Plain(r.data[r.pos:])
		if r.pos >= len(r.data) {
			return
		}
		switch r.data[r.pos] {
		case '"':
			r.pos++
			return
		case '\\':
			r.pos += 2
		default:
			r.pos++
		}
	}
}

// str reads a string token and returns its value.
func (r *reader) str() string {
	r.ws()
	start := r.pos
	r.strEnd()
	return jsonfast.Unquote(r.data[start+1 : r.pos-1])
}

// members calls f with each member name and value text of the object at
// r.pos.
func (r *reader) members(f func(name string, value []byte)) {
	r.ws()
	r.pos++ // {
	for {
		c := r.peek()
		if c == '}' {
			r.pos++
			return
		}
		if c == ',' {
			r.pos++
			continue
		}
		name := r.str()
		r.ws()
		r.pos++ // :
		f(name, r.skip())
	}
}

// elements calls f with the text of each element of the array at r.pos.
func (r *reader) elements(f func(i int, value []byte)) {
	r.ws()
	r.pos++ // [
	for i := 0; ; {
		c := r.peek()
		if c == ']' {
			r.pos++
			return
		}
		if c == ',' {
			r.pos++
			continue
		}
		f(i, r.skip())
		i++
	}
}

// appendCompact appends a well-formed value without its white space, its
// strings written as jsonfast.AppendString writes them.
func appendCompact(dst, v []byte) []byte {
	r := reader{data: v}
	for {
		r.ws()
		if r.pos >= len(r.data) {
			return dst
		}
		c := r.data[r.pos]
		if c == '"' {
			dst = jsonfast.AppendString(dst, r.str())
			continue
		}
		dst = append(dst, c)
		r.pos++
	}
}
