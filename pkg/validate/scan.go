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
	w.probs = append(w.probs[:0], Problem{Code: CodeSyntax, Message: jsonfast.SyntaxMessage(w.data, pos, msg)})
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
func (w *walker) describe(pos int) string { return jsonfast.Describe(w.data, pos) }

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
				r, ok := jsonfast.Hex4(data, i+2)
				if !ok {
					w.fail(i, `invalid \u escape`)
					return 0, 0, false, false
				}
				i += 6
				if r >= 0xD800 && r < 0xDC00 {
					// A high surrogate must be followed by a low one.
					if i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if r2, ok2 := jsonfast.Hex4(data, i+2); ok2 && r2 >= 0xDC00 && r2 < 0xE000 {
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

// unquote decodes a string token that was accepted by str. Lone surrogates
// become U+FFFD.
func unquote(tok []byte, escaped bool) string {
	body := tok[1 : len(tok)-1]
	if !escaped {
		return string(body)
	}
	return jsonfast.Unquote(body)
}

// number scans a number at w.pos. It reports whether the token has a
// fraction or an exponent.
func (w *walker) number() (start, end int, float, ok bool) {
	start = w.pos
	end, float, bad, want := jsonfast.Number(w.data, start)
	if bad >= 0 {
		w.fail(bad, "expected "+want+", found "+w.describe(bad))
		return 0, 0, false, false
	}
	w.pos = end
	return start, end, float, true
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
