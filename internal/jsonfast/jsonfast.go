// Package jsonfast holds the JSON string primitives every scanner and writer
// of this module shares: finding how much of a string needs no escaping
// (eight bytes at a time, which matters most in WebAssembly, where a
// byte-at-a-time loop costs several times what it does natively), and
// writing a string as JSON.
package jsonfast

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// safe marks the bytes a JSON string holds as they are: printable ASCII
// other than the quote and the backslash.
var safe = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendString appends s to dst as a JSON string. Control characters are
// escaped, and so are U+2028 and U+2029 (so that the output is also valid
// JavaScript); invalid UTF-8 becomes \ufffd, as encoding/json does.
//
// It scans with a byte table rather than eight bytes at a time: the strings
// it writes most (a JSON body inside a JSON string) have a quote every few
// bytes, where the wider step does not pay.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && safe[s[i]] {
			i++
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// Hex4 decodes the four hex digits of a \uXXXX escape at data[i:].
func Hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
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
			return 0, false
		}
	}
	return r, true
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// Special reports whether any of the eight bytes of x (read little-endian)
// is a control character, a quote, a backslash or not ASCII. It is small
// enough to be inlined into a caller's loop.
func Special(x uint64) bool {
	return SpecialMask(x) != 0
}

// SpecialMask is Special as a mask: its lowest set bit is the high bit of
// the first special byte of x (read little-endian), so that
// bits.TrailingZeros64(m)/8 is that byte's index. (Higher bits may be set
// for bytes that are not special: each test below can borrow into the bytes
// above one that passes, never into the bytes below it.)
func SpecialMask(x uint64) uint64 {
	q := x ^ (ones * '"')
	b := x ^ (ones * '\\')
	return (x | (x-ones*0x20)&^x | (q-ones)&^q | (b-ones)&^b) & highs
}

// Plain returns the length of the longest prefix of b made of printable
// ASCII other than '"' and '\\': the bytes a JSON string holds as they are.
func Plain(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if m := SpecialMask(binary.LittleEndian.Uint64(b[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// PlainString is Plain for a string.
func PlainString(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if m := SpecialMask(x); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// SyntaxMessage is the one sentence every reader of this module gives for
// a syntax error at byte offset pos: "Invalid JSON at line L, column C:
// what." Lines and columns count from 1; columns count UTF-16 code units,
// as the problem's Range does (see Positions).
func SyntaxMessage(data []byte, pos int, what string) string {
	p := Positions(data, []int{pos})[0]
	return "Invalid JSON at line " + strconv.Itoa(p.Line) + ", column " + strconv.Itoa(p.Column) + ": " + what + "."
}

// Describe names the byte at pos for a syntax message: 'x', byte 0x1f, or
// the end of the input.
func Describe(data []byte, pos int) string {
	if pos >= len(data) {
		return "the end of the input"
	}
	c := data[pos]
	if c < 0x20 || c >= 0x7f {
		return "byte 0x" + strconv.FormatUint(uint64(c), 16)
	}
	return strconv.QuoteRune(rune(c))
}

// Kind names the JSON type of a value from its first byte, for messages:
// "an object", "an array", "a string", "a boolean", "null", "a number".
func Kind(first byte) string {
	switch first {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// Unquote decodes the body (between the quotes) of a string token that a
// strict scanner already accepted. A lone surrogate escape becomes U+FFFD.
func Unquote(body []byte) string {
	return string(AppendUnquote(make([]byte, 0, len(body)), body))
}

// Number scans the RFC 8259 number that starts at data[i]. It returns the
// end of the token and whether it has a fraction or an exponent; when the
// token is malformed, bad is the offset of the offending byte and want says
// what was expected there ("a digit", "a digit after the decimal point" or
// "a digit in the exponent"); otherwise bad is -1.
func Number(data []byte, i int) (end int, float bool, bad int, want string) {
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
		return i, false, i, "a digit"
	}
	if i < len(data) && data[i] == '.' {
		float = true
		i++
		d := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		if i == d {
			return i, true, i, "a digit after the decimal point"
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
			return i, true, i, "a digit in the exponent"
		}
	}
	return i, float, -1, ""
}

// AppendUnquote appends the decoded body (between the quotes) of a string
// token that a strict scanner already accepted to dst; it is Unquote
// without the allocation, and copies runs of plain bytes in one piece (a
// JSON body inside a JSON string has an escape every few bytes).
func AppendUnquote(dst, body []byte) []byte {
	dst, _, _, _, _ = decodeString(dst, body, 0, true)
	return dst
}

// decodeString is the package's one decoder of string escapes, for
// AppendUnquote and Reader.StringDecode. It appends the decoded string
// body that starts at data[i] to dst, up to its closing quote, whose offset
// is end, or with toEnd up to the end of data (a body without its quotes;
// end is then len(data)). end is -1 when the string is not terminated.
// bad is the offset of the first byte that makes the string invalid (end
// is then meaningless) and why says what is wrong there, or -1 and ""; lone is the offset of the
// first \u escape of a surrogate that is not half of a pair (decoded as
// U+FFFD), or -1. Runs of plain bytes are copied in one piece (a JSON body
// inside a JSON string has an escape every few bytes).
func decodeString(dst, data []byte, i int, toEnd bool) (out []byte, end, lone, bad int, why string) {
	lone = -1
	for {
		if n := Plain(data[i:]); n > 0 {
			dst = append(dst, data[i:i+n]...)
			i += n
		}
		if i >= len(data) {
			if toEnd {
				return dst, i, lone, -1, ""
			}
			return dst, -1, lone, -1, ""
		}
		c := data[i]
		switch {
		case c == '"' && !toEnd:
			return dst, i, lone, -1, ""
		case c < 0x20:
			return dst, 0, lone, i, "control character 0x" + strconv.FormatUint(uint64(c), 16) + " must be escaped in a string"
		case c == '\\':
			if i+1 >= len(data) {
				return dst, -1, lone, -1, ""
			}
			switch e := data[i+1]; e {
			case '"', '\\', '/':
				dst = append(dst, e)
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				u, ok := Hex4(data, i+2)
				if !ok {
					return dst, 0, lone, i, `invalid \u escape`
				}
				at := i
				i += 6
				if u >= 0xD800 && u < 0xE000 {
					if u < 0xDC00 && i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if u2, ok2 := Hex4(data, i+2); ok2 && u2 >= 0xDC00 && u2 < 0xE000 {
							dst = utf8.AppendRune(dst, (u-0xD800)<<10|(u2-0xDC00)+0x10000)
							i += 6
							continue
						}
					}
					if lone < 0 {
						lone = at
					}
					u = utf8.RuneError
				}
				dst = utf8.AppendRune(dst, u)
				continue
			default:
				return dst, 0, lone, i, "invalid escape " + strconv.QuoteToASCII(string(data[i:i+2]))
			}
			i += 2
		default: // c >= 0x80, or a quote in a body without its quotes
			u, size := utf8.DecodeRune(data[i:])
			if u == utf8.RuneError && size <= 1 {
				return dst, 0, lone, i, "invalid UTF-8 in a string"
			}
			dst = append(dst, data[i:i+size]...)
			i += size
		}
	}
}
