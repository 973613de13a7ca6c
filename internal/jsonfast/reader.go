package jsonfast

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of objects and arrays that a reader of
// this module accepts in a value it reads without a shape: the dispatcher's
// arguments (the envelope) and the request form of package client. A user
// value checked against the model has its own, smaller limit,
// validate.Limits.MaxDepth (64 by default); 512 is also the limit of the
// JavaScript glue when it converts a value to JSON, so that everything the
// glue sends is read.
const MaxDepth = 512

// Reader is the one strict RFC 8259 JSON reader of this module: the
// validator, the dispatcher's envelope and the request decoder of package
// client all read JSON text with it, so that one kind of bad text gets one
// answer through every entry point:
//
//   - A syntax error (a malformed token, a control character or invalid
//     UTF-8 in a string, a missing ',' or ':', text after the value) stops
//     reading. Failed is set, and ErrPos and ErrWhat say where and what;
//     SyntaxMessage makes the one sentence every entry point gives.
//   - A lone UTF-16 surrogate escape (\uD800 to \uDFFF without its pair) is
//     not a syntax error: JSON allows it, but it is not Unicode, so a
//     consumer reports it as code "invalid" at the path of the string
//     (LoneSurrogateMessage). String returns its offset.
//   - Nesting deeper than a layer's limit is code "limit" (DepthMessage).
//
// Numbers keep their exact text (see Integer), so that an integer is never
// read through a float64.
//
// A Reader is a value with no allocation of its own; consumers embed it.
type Reader struct {
	Data []byte
	Pos  int
	// Failed is set by the first syntax error; ErrPos (a byte offset into
	// Data) and ErrWhat (a phrase, see SyntaxMessage) describe it. Later
	// failures do not replace it.
	Failed  bool
	ErrPos  int
	ErrWhat string
}

// Fail records a syntax error at byte offset pos (unless one is already
// recorded) and returns false.
func (r *Reader) Fail(pos int, what string) bool {
	if !r.Failed {
		r.Failed, r.ErrPos, r.ErrWhat = true, pos, what
	}
	return false
}

// SkipWS moves past white space.
func (r *Reader) SkipWS() {
	for r.Pos < len(r.Data) {
		switch r.Data[r.Pos] {
		case ' ', '\t', '\n', '\r':
			r.Pos++
		default:
			return
		}
	}
}

// Peek returns the next byte after white space, or 0 at the end of the
// input (test AtEnd to tell it from a NUL byte). The common case, no white
// space, is inlined; the loop is out of line.
func (r *Reader) Peek() byte {
	if r.Pos < len(r.Data) && r.Data[r.Pos] > ' ' {
		return r.Data[r.Pos]
	}
	return r.peekSlow()
}

func (r *Reader) peekSlow() byte {
	r.SkipWS()
	if r.Pos < len(r.Data) {
		return r.Data[r.Pos]
	}
	return 0
}

// AtEnd reports whether only white space is left.
func (r *Reader) AtEnd() bool {
	r.SkipWS()
	return r.Pos >= len(r.Data)
}

// Describe names the byte at pos for a message (see the function Describe).
func (r *Reader) Describe(pos int) string { return Describe(r.Data, pos) }

// Kind names the JSON type of the next value (see the function Kind).
func (r *Reader) Kind() string { return Kind(r.Peek()) }

// FailValue records that a value was expected at the next byte.
func (r *Reader) FailValue() bool {
	if r.AtEnd() {
		blank := true
		for _, c := range r.Data {
			blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		}
		if blank {
			return r.Fail(r.Pos, "the input is empty")
		}
		return r.Fail(r.Pos, "unexpected end of the input, expected a JSON value")
	}
	return r.Fail(r.Pos, "expected a JSON value, found "+r.Describe(r.Pos))
}

// End checks that only white space follows the top-level value.
func (r *Reader) End() bool {
	if r.Failed {
		return false
	}
	if r.AtEnd() {
		return true
	}
	return r.Fail(r.Pos, "unexpected "+r.Describe(r.Pos)+" after the end of the JSON value")
}

// NameStart checks that a member name starts at the next byte.
func (r *Reader) NameStart() bool {
	if r.Peek() == '"' {
		return true
	}
	return r.Fail(r.Pos, "expected a member name in double quotes, found "+r.Describe(r.Pos))
}

// Colon consumes the ':' after a member name.
func (r *Reader) Colon() bool {
	if r.Peek() == ':' {
		r.Pos++
		return true
	}
	return r.failColon()
}

func (r *Reader) failColon() bool {
	return r.Fail(r.Pos, "expected ':' after the member name, found "+r.Describe(r.Pos))
}

// Next consumes what follows a member (close is '}') or an element (close
// is ']'): a ',' (more is true) or close (more is false). Anything else is a
// syntax error (ok is false). It is small enough to be inlined: the failure
// is out of line.
func (r *Reader) Next(close byte) (more, ok bool) {
	c := r.Peek()
	r.Pos++
	if c == ',' {
		return true, true
	}
	if c == close {
		return false, true
	}
	r.Pos--
	return false, r.failNext(close)
}

func (r *Reader) failNext(close byte) bool {
	if close == '}' {
		return r.Fail(r.Pos, "expected ',' or '}' after an object member, found "+r.Describe(r.Pos))
	}
	return r.Fail(r.Pos, "expected ',' or ']' after an array element, found "+r.Describe(r.Pos))
}

// Open consumes the '{' or '[' at the next byte and reports whether the
// container is empty (its closing byte is consumed too).
func (r *Reader) Open() (empty bool) {
	c := r.Data[r.Pos]
	r.Pos++
	want := byte('}')
	if c == '[' {
		want = ']'
	}
	if r.Peek() == want {
		r.Pos++
		return true
	}
	return false
}

// String scans the string token at r.Pos (which holds '"') strictly and
// moves past it. start and end are the token's bounds, quotes included;
// escaped says whether it holds an escape (see StringValue). lone is the
// offset of the first lone surrogate escape in it, or -1.
func (r *Reader) String() (start, end int, escaped bool, lone int, ok bool) {
	start = r.Pos
	lone = -1
	i := start + 1
	data := r.Data
	for {
		// Plain ASCII eight bytes at a time, then byte by byte (inlined:
		// in WebAssembly a call costs more than the work for a short
		// string).
		for i+8 <= len(data) {
			if m := SpecialMask(binary.LittleEndian.Uint64(data[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3 // the byte the switch below reads
				break
			}
			i += 8
		}
		for i < len(data) && safe[data[i]] {
			i++
		}
		if i >= len(data) {
			r.Fail(start, "the string starting here is not terminated")
			return 0, 0, false, -1, false
		}
		c := data[i]
		switch {
		case c == '"':
			r.Pos = i + 1
			return start, i + 1, escaped, lone, true
		case c < 0x20:
			r.Fail(i, "control character 0x"+strconv.FormatUint(uint64(c), 16)+" must be escaped in a string")
			return 0, 0, false, -1, false
		case c == '\\':
			escaped = true
			if i+1 >= len(data) {
				r.Fail(start, "the string starting here is not terminated")
				return 0, 0, false, -1, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				u, ok := Hex4(data, i+2)
				if !ok {
					r.Fail(i, `invalid \u escape`)
					return 0, 0, false, -1, false
				}
				at := i
				i += 6
				if u >= 0xD800 && u < 0xDC00 {
					// A high surrogate must be followed by a low one.
					if i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						if u2, ok2 := Hex4(data, i+2); ok2 && u2 >= 0xDC00 && u2 < 0xE000 {
							i += 6
							continue
						}
					}
					if lone < 0 {
						lone = at
					}
				} else if u >= 0xDC00 && u < 0xE000 && lone < 0 {
					lone = at
				}
			default:
				r.Fail(i, "invalid escape "+strconv.QuoteToASCII(string(data[i:i+2])))
				return 0, 0, false, -1, false
			}
		default: // c >= 0x80
			u, size := utf8.DecodeRune(data[i:])
			if u == utf8.RuneError && size <= 1 {
				r.Fail(i, "invalid UTF-8 in a string")
				return 0, 0, false, -1, false
			}
			i += size
		}
	}
}

// StringDecode is String and decoding in one pass (decodeString), for long
// strings (a request body): it returns the decoded bytes, which alias
// r.Data when the string has no escape and are appended to buf[:0]
// otherwise, and the offset of the first lone surrogate escape (decoded as
// U+FFFD) or -1; escaped says whether val is buf's memory.
func (r *Reader) StringDecode(buf []byte) (val []byte, escaped bool, lone int, ok bool) {
	start := r.Pos
	data := r.Data
	i := start + 1
	// Without escapes, the value is the token's body.
	for {
		i += Plain(data[i:])
		if i >= len(data) {
			r.Fail(start, "the string starting here is not terminated")
			return nil, false, -1, false
		}
		c := data[i]
		if c == '"' {
			r.Pos = i + 1
			return data[start+1 : i], false, -1, true
		}
		if c < 0x80 {
			break // a control character or a backslash
		}
		u, size := utf8.DecodeRune(data[i:])
		if u == utf8.RuneError && size <= 1 {
			r.Fail(i, "invalid UTF-8 in a string")
			return nil, false, -1, false
		}
		i += size
	}
	out, end, lone, bad, why := decodeString(append(buf[:0], data[start+1:i]...), data, i, false)
	switch {
	case bad >= 0:
		r.Fail(bad, why)
		return nil, false, -1, false
	case end < 0:
		r.Fail(start, "the string starting here is not terminated")
		return nil, false, -1, false
	}
	r.Pos = end + 1
	return out, true, lone, true
}

// StringValue returns the decoded value of a string token String accepted
// (bounds quotes included). A lone surrogate becomes U+FFFD: the caller has
// reported it.
func (r *Reader) StringValue(start, end int, escaped bool) string {
	body := r.Data[start+1 : end-1]
	if !escaped {
		return string(body)
	}
	return Unquote(body)
}

// Number scans the number token at r.Pos (which holds '-' or a digit) and
// moves past it. float says whether it has a fraction or an exponent.
func (r *Reader) Number() (start, end int, float, ok bool) {
	start = r.Pos
	end, float, bad, want := Number(r.Data, start)
	if bad >= 0 {
		return 0, 0, false, r.Fail(bad, "expected "+want+", found "+r.Describe(bad))
	}
	r.Pos = end
	return start, end, float, true
}

// Literal consumes the literal lit (true, false or null) at r.Pos.
func (r *Reader) Literal(lit string) bool {
	if len(r.Data)-r.Pos >= len(lit) && string(r.Data[r.Pos:r.Pos+len(lit)]) == lit {
		r.Pos += len(lit)
		return true
	}
	return r.Fail(r.Pos, "expected a JSON value, found "+r.Describe(r.Pos))
}

// Scalar scans one string, number or literal and reports the first lone
// surrogate of a string (-1 when there is none).
func (r *Reader) Scalar() (lone int, ok bool) {
	switch c := r.Peek(); {
	case c == '"':
		_, _, _, lone, ok = r.String()
		return lone, ok
	case c == 't':
		return -1, r.Literal("true")
	case c == 'f':
		return -1, r.Literal("false")
	case c == 'n':
		return -1, r.Literal("null")
	case c == '-' || c >= '0' && c <= '9':
		_, _, _, ok = r.Number()
		return -1, ok
	}
	return -1, r.FailValue()
}

// Skip moves past one value of any type, with the same syntax rules as the
// rest of the Reader, and returns the bytes it occupies. It is iterative, so
// nesting costs no stack: deeper than maxDepth, it stops with deep set (and
// ok false, Failed unset). lone is the first lone surrogate in a string of
// the value, or -1.
//
// When check is false, strings are only delimited (with bytes.IndexByte,
// assembly in the wasm port), not checked: the dispatcher uses that for the
// value it hands on to a consumer that reads it again with this Reader (the
// user's input to the validator, a request to its decoder), so that a
// large value is checked once, by the reader that knows its paths.
func (r *Reader) Skip(maxDepth int, check bool) (raw []byte, lone int, deep, ok bool) {
	lone = -1
	c := r.Peek()
	start := r.Pos
	if c != '{' && c != '[' {
		if !check && c == '"' {
			ok = r.skipString()
		} else {
			lone, ok = r.Scalar()
		}
		if !ok {
			return nil, -1, false, false
		}
		return r.Data[start:r.Pos], lone, false, true
	}
	// stack holds the open brackets.
	var small [32]byte
	stack := small[:0]
	for {
		switch c = r.Peek(); c {
		case '{', '[':
			if len(stack) >= maxDepth {
				return nil, -1, true, false
			}
			stack = append(stack, c)
			if r.Open() {
				stack = stack[:len(stack)-1]
				break
			}
			if c == '{' && !r.skipName(check, &lone) {
				return nil, -1, false, false
			}
			continue
		default:
			if !check && c == '"' {
				ok = r.skipString()
			} else {
				var l int
				l, ok = r.Scalar()
				if lone < 0 {
					lone = l
				}
			}
			if !ok {
				return nil, -1, false, false
			}
		}
		// A value ended: close containers and move to the next value.
		for {
			if len(stack) == 0 {
				return r.Data[start:r.Pos], lone, false, true
			}
			top := stack[len(stack)-1]
			close := byte('}')
			if top == '[' {
				close = ']'
			}
			more, ok := r.Next(close)
			if !ok {
				return nil, -1, false, false
			}
			if more {
				if top == '{' && !r.skipName(check, &lone) {
					return nil, -1, false, false
				}
				break
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// skipName scans `"name" :` inside an object being skipped.
func (r *Reader) skipName(check bool, lone *int) bool {
	if !r.NameStart() {
		return false
	}
	if check {
		_, _, _, l, ok := r.String()
		if !ok {
			return false
		}
		if *lone < 0 {
			*lone = l
		}
	} else if !r.skipString() {
		return false
	}
	return r.Colon()
}

// skipString moves past the string token at r.Pos without checking what it
// holds (see Skip).
func (r *Reader) skipString() bool {
	data := r.Data
	for i := r.Pos + 1; ; {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			return r.Fail(r.Pos, "the string starting here is not terminated")
		}
		end := i + j
		k := end - 1
		for k >= i && data[k] == '\\' {
			k--
		}
		if (end-1-k)%2 == 0 { // an even run of backslashes escapes nothing
			r.Pos = end + 1
			return true
		}
		i = end + 1
	}
}

// LoneSurrogateMessage is the one sentence for a string holding a lone
// UTF-16 surrogate; subject names the string ("SignInMethod", "The secret
// access key") and never quotes it.
func LoneSurrogateMessage(subject string) string {
	return subject + ` contains a lone UTF-16 surrogate (\uD800-\uDFFF without its pair), which is not valid Unicode.`
}

// DepthMessage is the one sentence for nesting deeper than a layer's
// limit.
func DepthMessage(limit int) string {
	return "Objects and arrays are nested deeper than " + strconv.Itoa(limit) + " levels here, the limit."
}

// FractionMessage is the one sentence for a number with a fraction where
// an integer is expected.
func FractionMessage(subject string) string {
	return subject + " must be an integer, not a number with a fraction."
}

// Integer reads the text of a number token (one Number accepted) exactly,
// never through a float64: integral says whether its value is a whole
// number (5, 5.0, 5e0 and 50e-1 are; 1.0000000000000001,
// 24.9999999999999999 and 1e-400 are not), and, when it is, fits says
// whether it is within the range of an int64 and v is its value.
func Integer(tok []byte) (v int64, integral, fits bool) {
	neg := len(tok) > 0 && tok[0] == '-'
	if neg {
		tok = tok[1:]
	}
	// The significant digits, without leading zeros, and the power of ten
	// they are multiplied by.
	var digits []byte
	var small [24]byte
	digits = small[:0]
	exp := 0
	i := 0
	for ; i < len(tok) && tok[i] >= '0' && tok[i] <= '9'; i++ {
		if len(digits) > 0 || tok[i] != '0' {
			digits = append(digits, tok[i])
		}
	}
	if i < len(tok) && tok[i] == '.' {
		for i++; i < len(tok) && tok[i] >= '0' && tok[i] <= '9'; i++ {
			if len(digits) > 0 || tok[i] != '0' {
				digits = append(digits, tok[i])
			}
			exp--
		}
	}
	if i < len(tok) && (tok[i] == 'e' || tok[i] == 'E') {
		i++
		eneg := false
		if i < len(tok) && (tok[i] == '+' || tok[i] == '-') {
			eneg = tok[i] == '-'
			i++
		}
		e := 0
		for ; i < len(tok); i++ {
			if e < 1<<30 {
				e = e*10 + int(tok[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	for len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		exp++
	}
	if len(digits) == 0 {
		return 0, true, true
	}
	if exp < 0 {
		return 0, false, false
	}
	if len(digits)+exp > 19 {
		return 0, true, false
	}
	var u uint64
	for _, c := range digits {
		u = u*10 + uint64(c-'0')
	}
	for ; exp > 0; exp-- {
		u *= 10 // at most 19 digits in all: no overflow of uint64
	}
	if neg {
		if u > 1<<63 {
			return 0, true, false
		}
		return -int64(u), true, true
	}
	if u > 1<<63-1 {
		return 0, true, false
	}
	return int64(u), true, true
}
