package response

import (
	"strconv"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

// MaxDepth is the deepest nesting of arrays and objects a response body may
// have. The model's outputs nest five levels; the rest is room for members
// the model does not know (which are skipped, but still read).
const MaxDepth = 128

// checkSyntax reads the whole body as one JSON value (RFC 8259) followed by
// nothing but white space. It returns "" or a sentence for a syntax problem.
//
// The response reader is a small strict skipper over jsonfast's shared
// pieces (numbers, string escapes, messages); the conversion that follows
// it can then assume well-formed text.
func checkSyntax(data []byte) (msg string, limit bool) {
	s := skipper{data: data}
	s.ws()
	s.value(0)
	if s.msg == "" {
		s.ws()
		if s.pos < len(s.data) {
			s.fail(s.pos, "expected the end of the body, found "+jsonfast.Describe(s.data, s.pos))
		}
	}
	return s.msg, s.limit
}

type skipper struct {
	data  []byte
	pos   int
	msg   string
	limit bool
}

func (s *skipper) fail(pos int, what string) {
	if s.msg == "" {
		s.msg = jsonfast.SyntaxMessage(s.data, pos, what)
	}
	s.pos = len(s.data)
}

func (s *skipper) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *skipper) value(depth int) {
	if s.pos >= len(s.data) {
		s.fail(s.pos, "expected a value, found the end of the body")
		return
	}
	switch c := s.data[s.pos]; c {
	case '{', '[':
		if depth >= MaxDepth {
			s.msg = "The body nests deeper than " + strconv.Itoa(MaxDepth) + " levels."
			s.limit = true
			s.pos = len(s.data)
			return
		}
		s.container(c, depth)
	case '"':
		s.str()
	case 't':
		s.lit("true")
	case 'f':
		s.lit("false")
	case 'n':
		s.lit("null")
	default:
		if c == '-' || c >= '0' && c <= '9' {
			end, _, bad, want := jsonfast.Number(s.data, s.pos)
			if bad >= 0 {
				s.fail(bad, "expected "+want+", found "+jsonfast.Describe(s.data, bad))
				return
			}
			s.pos = end
			return
		}
		s.fail(s.pos, "expected a value, found "+jsonfast.Describe(s.data, s.pos))
	}
}

func (s *skipper) container(open byte, depth int) {
	closer := byte(']')
	if open == '{' {
		closer = '}'
	}
	s.pos++
	s.ws()
	if s.pos < len(s.data) && s.data[s.pos] == closer {
		s.pos++
		return
	}
	for s.msg == "" {
		if open == '{' {
			if s.pos >= len(s.data) || s.data[s.pos] != '"' {
				s.fail(s.pos, "expected a member name, found "+jsonfast.Describe(s.data, s.pos))
				return
			}
			s.str()
			s.ws()
			if s.pos >= len(s.data) || s.data[s.pos] != ':' {
				s.fail(s.pos, "expected ':', found "+jsonfast.Describe(s.data, s.pos))
				return
			}
			s.pos++
			s.ws()
		}
		s.value(depth + 1)
		if s.msg != "" {
			return
		}
		s.ws()
		if s.pos < len(s.data) && s.data[s.pos] == ',' {
			s.pos++
			s.ws()
			continue
		}
		if s.pos < len(s.data) && s.data[s.pos] == closer {
			s.pos++
			return
		}
		s.fail(s.pos, "expected ',' or '"+string(closer)+"', found "+jsonfast.Describe(s.data, s.pos))
	}
}

// str skips a string token, checking its escapes, control characters and
// UTF-8.
func (s *skipper) str() {
	start := s.pos
	s.pos++
	for {
		s.pos += jsonfast.Plain(s.data[s.pos:])
		if s.pos >= len(s.data) {
			s.fail(start, "the string does not end")
			return
		}
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			return
		case c == '\\':
			if s.pos+1 >= len(s.data) {
				s.fail(start, "the string does not end")
				return
			}
			switch s.data[s.pos+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.pos += 2
			case 'u':
				if _, ok := jsonfast.Hex4(s.data, s.pos+2); !ok {
					s.fail(s.pos, "expected four hex digits after \\u")
					return
				}
				s.pos += 6
			default:
				s.fail(s.pos, "invalid escape \\"+string(rune(s.data[s.pos+1])))
				return
			}
		case c < 0x20:
			s.fail(s.pos, "expected a character, found "+jsonfast.Describe(s.data, s.pos)+" (control characters must be escaped)")
			return
		default: // not ASCII
			n := utf8Len(s.data[s.pos:])
			if n == 0 {
				s.fail(s.pos, "invalid UTF-8 ("+jsonfast.Describe(s.data, s.pos)+")")
				return
			}
			s.pos += n
		}
	}
}

func (s *skipper) lit(word string) {
	if len(s.data)-s.pos >= len(word) && string(s.data[s.pos:s.pos+len(word)]) == word {
		s.pos += len(word)
		return
	}
	s.fail(s.pos, "expected a value, found "+jsonfast.Describe(s.data, s.pos))
}
