package validate

import (
	"encoding/binary"
	"strconv"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

// This file is a strict RFC 8259 JSON scanner over a byte slice. It is
// hand-written rather than taken from encoding/json or easyjson's jlexer
// because validation needs what neither gives cheaply: the exact line and
// column of a syntax error, duplicate member detection, limits on depth and
// length enforced while scanning, rejection of invalid UTF-8 and of lone
// surrogate escapes, and a single pass that validates and rewrites member
// names at once without building a tree.

// fail records a syntax error and stops the walk: nothing after it can be
// trusted, so every other problem is dropped.
func (w *walker) fail(pos int, msg string) {
	if w.fatal {
		return
	}
	w.fatal = true
	line, col := lineCol(w.data, pos)
	w.probs = append(w.probs[:0], Problem{
		Path:    "",
		Code:    CodeSyntax,
		Message: "Invalid JSON at line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col) + ": " + msg + ".",
	})
}

// lineCol gives the 1-based line and column (in characters) of pos.
func lineCol(data []byte, pos int) (line, col int) {
	if pos > len(data) {
		pos = len(data)
	}
	line, start := 1, 0
	for i := 0; i < pos; i++ {
		if data[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(data[start:pos]) + 1
}

func (w *walker) skipWS() {
	for w.pos < len(w.data) {
		switch w.data[w.pos] {
		case ' ', '\t', '\n', '\r':
			w.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end of the input.
func (w *walker) peek() byte {
	w.skipWS()
	if w.pos < len(w.data) {
		return w.data[w.pos]
	}
	return 0
}

// describe names the token at pos for a syntax message.
func (w *walker) describe(pos int) string {
	if pos >= len(w.data) {
		return "the end of the input"
	}
	c := w.data[pos]
	if c < 0x20 || c >= 0x7f {
		return "byte 0x" + strconv.FormatUint(uint64(c), 16)
	}
	return strconv.QuoteRune(rune(c))
}

// str scans a string starting at w.pos (which holds '"'). It returns the
// raw token bounds (quotes included) and whether it contains escapes. A lone
// surrogate escape sets w.surrogate.
func (w *walker) str() (start, end int, escaped, ok bool) {
	start = w.pos
	i := w.pos + 1
	data := w.data
	for {
		// Fast path over plain ASCII, eight bytes at a time, then byte by
		// byte (inlined here: in WebAssembly a call costs more than the
		// work for a short string).
		for i+8 <= len(data) && !jsonfast.Special(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
		}
		for i < len(data) && plain[data[i]] {
			i++
		}
		if i >= len(data) {
			w.fail(start, "the string starting here is not terminated")
			return 0, 0, false, false
		}
		c := data[i]
		switch {
		case c == '"':
			w.pos = i + 1
			return start, i + 1, escaped, true
		case c < 0x20:
			w.fail(i, "control character 0x"+strconv.FormatUint(uint64(c), 16)+" must be escaped in a string")
			return 0, 0, false, false
		case c == '\\':
			escaped = true
			if i+1 >= len(data) {
				w.fail(i, "the string is not terminated")
				return 0, 0, false, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				r, n := hex4(data, i+2)
				if n < 0 {
					w.fail(i, `invalid \u escape`)
					return 0, 0, false, false
				}
				i += 6
				if r >= 0xD800 && r < 0xDC00 {
					// A high surrogate must be followed by a low one.
					if i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if r2, n2 := hex4(data, i+2); n2 >= 0 && r2 >= 0xDC00 && r2 < 0xE000 {
							i += 6
							continue
						}
					}
					w.surrogate = true
				} else if r >= 0xDC00 && r < 0xE000 {
					w.surrogate = true
				}
			default:
				w.fail(i, "invalid escape \\"+string(rune(data[i+1])))
				return 0, 0, false, false
			}
		default: // c >= 0x80
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				w.fail(i, "invalid UTF-8 in a string")
				return 0, 0, false, false
			}
			i += size
		}
	}
}

// plain marks the bytes a string may hold without a closer look: printable
// ASCII other than the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func hex4(data []byte, i int) (rune, int) {
	if i+4 > len(data) {
		return 0, -1
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, -1
		}
	}
	return r, 4
}

// unquote decodes a string token that was accepted by str. Lone surrogates
// become U+FFFD.
func unquote(tok []byte, escaped bool) string {
	body := tok[1 : len(tok)-1]
	if !escaped {
		return string(body)
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			out = append(out, c)
			i++
			continue
		}
		switch body[i+1] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, _ := hex4(body, i+2)
			i += 6
			if r >= 0xD800 && r < 0xDC00 && i+1 < len(body) && body[i] == '\\' && body[i+1] == 'u' {
				if r2, n := hex4(body, i+2); n >= 0 && r2 >= 0xDC00 && r2 < 0xE000 {
					r = (r-0xD800)<<10 | (r2 - 0xDC00) + 0x10000
					i += 6
				}
			}
			if r >= 0xD800 && r < 0xE000 {
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
			continue
		default: // '"', '\\', '/'
			out = append(out, body[i+1])
		}
		i += 2
	}
	return string(out)
}

// number scans a number at w.pos. It reports whether the token has a
// fraction or an exponent.
func (w *walker) number() (start, end int, float, ok bool) {
	data := w.data
	start = w.pos
	i := start
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && data[i] >= '1' && data[i] <= '9':
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
	default:
		w.fail(i, "expected a digit, found "+w.describe(i))
		return 0, 0, false, false
	}
	if i < len(data) && data[i] == '.' {
		float = true
		i++
		d := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		if i == d {
			w.fail(i, "expected a digit after the decimal point, found "+w.describe(i))
			return 0, 0, false, false
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		float = true
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		d := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		if i == d {
			w.fail(i, "expected a digit in the exponent, found "+w.describe(i))
			return 0, 0, false, false
		}
	}
	w.pos = i
	return start, i, float, true
}

// literal scans true, false or null.
func (w *walker) literal(lit string) bool {
	if len(w.data)-w.pos >= len(lit) && string(w.data[w.pos:w.pos+len(lit)]) == lit {
		w.pos += len(lit)
		return true
	}
	w.fail(w.pos, "expected a JSON value, found "+w.describe(w.pos))
	return false
}
