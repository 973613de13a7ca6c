package dispatch

import (
	"bytes"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// This file is the envelope reader: a strict RFC 8259 scanner over the
// dispatcher's input that decodes the few members each function takes and
// hands the user's own value (input, config, request) on as the byte slice it
// occupies, without re-encoding it. The validator then scans that slice
// itself, so this scanner only has to find where a value ends; it is
// iterative so that hostile nesting cannot exhaust the stack.

// maxEnvelopeDepth bounds the nesting this scanner accepts while skipping a
// value. The validator has its own, much smaller limit for inputs.
const maxEnvelopeDepth = 10000

type scanner struct {
	data  []byte
	pos   int
	probs []validate.Problem
	fatal bool
}

func (s *scanner) add(path string, code validate.Code, msg string) {
	if !s.fatal {
		s.probs = append(s.probs, validate.Problem{Path: path, Code: code, Message: msg})
	}
}

// fail records a syntax error at byte offset pos and stops decoding; the
// problems found before it are dropped, as nothing after it can be trusted.
func (s *scanner) fail(pos int, msg string) {
	if s.fatal {
		return
	}
	s.fatal = true
	s.probs = append(s.probs[:0], validate.Problem{Code: validate.CodeSyntax, Message: jsonfast.SyntaxMessage(s.data, pos, msg)})
}

func (s *scanner) peek() byte {
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return c
		}
	}
	return 0
}

func (s *scanner) describe(pos int) string { return jsonfast.Describe(s.data, pos) }

// kind names the JSON type of the value at the next byte.
func (s *scanner) kind() string { return jsonfast.Kind(s.peek()) }

// end checks that only white space follows the top-level value.
func (s *scanner) end() bool {
	if s.fatal {
		return false
	}
	// peek returns 0 for a NUL byte as well as at the end: test the
	// position, so that trailing NUL bytes are refused too.
	if s.peek(); s.pos < len(s.data) {
		s.fail(s.pos, "unexpected "+s.describe(s.pos)+" after the end of the JSON value")
		return false
	}
	return true
}

// str scans the string token at s.pos, strictly, and returns its decoded
// value. Lone surrogate escapes decode to U+FFFD.
func (s *scanner) str() (string, bool) {
	data := s.data
	start := s.pos
	i := start + 1
	escaped := false
	for {
		for i < len(data) {
			c := data[i]
			if c < 0x20 || c == '"' || c == '\\' || c >= 0x80 {
				break
			}
			i++
		}
		if i >= len(data) {
			s.fail(start, "the string starting here is not terminated")
			return "", false
		}
		switch c := data[i]; {
		case c == '"':
			s.pos = i + 1
			if !escaped {
				return string(data[start+1 : i]), true
			}
			return jsonfast.Unquote(data[start+1 : i]), true
		case c < 0x20:
			s.fail(i, "control character 0x"+strconv.FormatUint(uint64(c), 16)+" must be escaped in a string")
			return "", false
		case c == '\\':
			escaped = true
			if i+1 >= len(data) {
				s.fail(i, "the string is not terminated")
				return "", false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := jsonfast.Hex4(data, i+2); !ok {
					s.fail(i, `invalid \u escape`)
					return "", false
				}
				i += 6
			default:
				s.fail(i, "invalid escape character "+s.describe(i+1))
				return "", false
			}
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				s.fail(i, "invalid UTF-8 in a string")
				return "", false
			}
			i += size
		}
	}
}

// number scans a number token and returns it.
func (s *scanner) number() ([]byte, bool) {
	start := s.pos
	end, _, bad, want := jsonfast.Number(s.data, start)
	if bad >= 0 {
		if bad == start || (bad == start+1 && s.data[start] == '-') {
			want = "a JSON value" // nothing number-like here yet
		}
		s.fail(bad, "expected "+want+", found "+s.describe(bad))
		return nil, false
	}
	s.pos = end
	return s.data[start:end], true
}

func (s *scanner) literal(lit string) bool {
	if len(s.data)-s.pos >= len(lit) && string(s.data[s.pos:s.pos+len(lit)]) == lit {
		s.pos += len(lit)
		return true
	}
	s.fail(s.pos, "expected a JSON value, found "+s.describe(s.pos))
	return false
}

// skipString moves past the string token at s.pos without checking what
// it holds (control characters, escapes, UTF-8): it is only used for values
// that are either validated again by their consumer (the input by the
// validator, the request by its decoder) or refused anyway (unknown and
// duplicate members, wrong types). bytes.IndexByte is assembly in the wasm
// port, so a long string (a request body) costs little.
func (s *scanner) skipString() bool {
	data := s.data
	for i := s.pos + 1; ; {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			s.fail(s.pos, "the string starting here is not terminated")
			return false
		}
		end := i + j
		k := end - 1
		for k >= i && data[k] == '\\' {
			k--
		}
		if (end-1-k)%2 == 0 { // an even run of backslashes escapes nothing
			s.pos = end + 1
			return true
		}
		i = end + 1
	}
}

// scalar scans one string, number or literal.
func (s *scanner) scalar() bool {
	switch c := s.peek(); c {
	case '"':
		return s.skipString()
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	default:
		_, ok := s.number()
		return ok
	}
}

// skip scans one value of any type and returns the bytes it occupies
// (without the white space around it). It checks the syntax only: duplicate
// members inside are the validator's business.
func (s *scanner) skip() ([]byte, bool) {
	c := s.peek()
	start := s.pos
	if c != '{' && c != '[' {
		if !s.scalar() {
			return nil, false
		}
		return s.data[start:s.pos], true
	}
	// stack holds the open brackets; expectValue is set after '[', ',' and
	// ':'; in an object, a member name comes after '{' and ','.
	var small [32]byte
	stack := small[:0]
	for {
		switch c = s.peek(); c {
		case '{', '[':
			if len(stack) >= maxEnvelopeDepth {
				s.add("", validate.CodeLimit, "The arguments nest objects and arrays deeper than "+strconv.Itoa(maxEnvelopeDepth)+" levels, the limit.")
				s.fatal = true
				return nil, false
			}
			stack = append(stack, c)
			s.pos++
			if c == '{' {
				if s.peek() == '}' {
					s.pos++
					stack = stack[:len(stack)-1]
					break
				}
				if !s.memberName() {
					return nil, false
				}
				continue
			}
			if s.peek() == ']' {
				s.pos++
				stack = stack[:len(stack)-1]
				break
			}
			continue
		default:
			if !s.scalar() {
				return nil, false
			}
		}
		// A value ended: close containers and move to the next value.
		for {
			if len(stack) == 0 {
				return s.data[start:s.pos], true
			}
			top := stack[len(stack)-1]
			c = s.peek()
			if c == ',' {
				s.pos++
				if top == '{' && !s.memberName() {
					return nil, false
				}
				break
			}
			if top == '{' && c == '}' || top == '[' && c == ']' {
				s.pos++
				stack = stack[:len(stack)-1]
				continue
			}
			if top == '{' {
				s.fail(s.pos, "expected ',' or '}' after an object member, found "+s.describe(s.pos))
			} else {
				s.fail(s.pos, "expected ',' or ']' after an array element, found "+s.describe(s.pos))
			}
			return nil, false
		}
	}
}

// memberName scans `"name" :` inside an object being skipped.
func (s *scanner) memberName() bool {
	if s.peek() != '"' {
		s.fail(s.pos, "expected a member name in double quotes, found "+s.describe(s.pos))
		return false
	}
	if !s.skipString() {
		return false
	}
	if s.peek() != ':' {
		s.fail(s.pos, "expected ':' after the member name, found "+s.describe(s.pos))
		return false
	}
	s.pos++
	return true
}

// object reads the object at s.pos member by member. names are the members
// the object may have; for each one present, member is called with its index
// and pointer and must consume the value. An unknown member is a problem
// naming the allowed members (what names the object, e.g. "the options");
// a member given twice is a problem. It returns false on a syntax error.
// A value that is not an object is a type problem; ok is then true but
// present false.
func (s *scanner) object(path, what string, names []string, member func(i int, path string)) (present, ok bool) {
	switch s.peek() {
	case '{':
	case 0:
		s.fail(s.pos, "expected a JSON value, found "+s.describe(s.pos))
		return false, false
	default:
		k := s.kind()
		if _, ok := s.skip(); !ok {
			return false, false
		}
		s.add(path, validate.CodeType, upperFirst(what)+" must be a JSON object, not "+k+".")
		return false, true
	}
	s.pos++
	var seen uint64
	if s.peek() == '}' {
		s.pos++
		return true, true
	}
	for {
		if s.peek() != '"' {
			s.fail(s.pos, "expected a member name in double quotes, found "+s.describe(s.pos))
			return true, false
		}
		key, ok := s.str()
		if !ok {
			return true, false
		}
		if s.peek() != ':' {
			s.fail(s.pos, "expected ':' after the member name, found "+s.describe(s.pos))
			return true, false
		}
		s.pos++
		mpath := path + "/" + validate.EscapePointerToken(key)
		idx := -1
		for i, n := range names {
			if n == key {
				idx = i
				break
			}
		}
		switch {
		case idx < 0:
			msg := quote(key) + " is not a member of " + what
			switch m := validate.Closest(key, names); {
			case len(names) == 0:
				msg += ", which take none."
			case m != "":
				msg += "; did you mean " + m + "? The members are " + list(names) + "."
			default:
				msg += "; the members are " + list(names) + "."
			}
			s.add(mpath, validate.CodeUnknown, msg)
			s.skip()
		case seen&(1<<uint(idx)) != 0:
			s.add(mpath, validate.CodeDuplicate, key+" appears more than once in "+what+".")
			s.skip()
		default:
			seen |= 1 << uint(idx)
			member(idx, mpath)
		}
		if s.fatal {
			return true, false
		}
		switch s.peek() {
		case ',':
			s.pos++
			continue
		case '}':
			s.pos++
			return true, true
		}
		s.fail(s.pos, "expected ',' or '}' after an object member, found "+s.describe(s.pos))
		return true, false
	}
}

// typeProblem skips a value of the wrong type and reports it.
func (s *scanner) typeProblem(path, subject, want string) {
	k := s.kind()
	if _, ok := s.skip(); ok {
		s.add(path, validate.CodeType, subject+" must be "+want+", not "+k+".")
	}
}

// isNull consumes a null and reports whether there was one.
func (s *scanner) isNull() bool {
	if s.peek() == 'n' {
		return s.literal("null")
	}
	return false
}

// stringValue reads an optional string member: null counts as absent.
func (s *scanner) stringValue(path, subject string) (v string, present bool) {
	switch s.peek() {
	case '"':
		v, ok := s.str()
		return v, ok
	case 'n':
		s.literal("null")
		return "", false
	}
	s.typeProblem(path, subject, "a string")
	return "", false
}

// boolValue reads an optional boolean member: null counts as absent.
func (s *scanner) boolValue(path, subject string) (v, present bool) {
	switch s.peek() {
	case 't':
		return true, s.literal("true")
	case 'f':
		return false, s.literal("false")
	case 'n':
		s.literal("null")
		return false, false
	}
	s.typeProblem(path, subject, "a boolean (true or false)")
	return false, false
}

// intValue reads an optional integer member in [lo, hi] (unit follows hi
// in a message): null counts as absent.
func (s *scanner) intValue(path, subject string, lo, hi int64, unit string) (v int64, present bool) {
	switch c := s.peek(); {
	case c == 'n':
		s.literal("null")
		return 0, false
	case c == '-' || c >= '0' && c <= '9':
	default:
		s.typeProblem(path, subject, "an integer")
		return 0, false
	}
	tok, ok := s.number()
	if !ok {
		return 0, false
	}
	if n, err := strconv.ParseInt(string(tok), 10, 64); err == nil {
		v = n
	} else {
		// 3600.0 and 3.6e3 are integers too, as in JavaScript; a number too
		// large for int64 parses as a float (or an infinity) and is out of
		// range below.
		f, _ := strconv.ParseFloat(string(tok), 64)
		if f != math.Trunc(f) {
			s.add(path, validate.CodeType, subject+" must be an integer, not a fraction.")
			return 0, false
		}
		if f < float64(lo) || f > float64(hi) {
			s.add(path, validate.CodeRange, subject+" must be between "+strconv.FormatInt(lo, 10)+" and "+strconv.FormatInt(hi, 10)+unit+".")
			return 0, false
		}
		v = int64(f)
	}
	if v < lo || v > hi {
		s.add(path, validate.CodeRange, subject+" must be between "+strconv.FormatInt(lo, 10)+" and "+strconv.FormatInt(hi, 10)+unit+".")
		return 0, false
	}
	return v, true
}

// stringMap reads an optional object whose values are strings.
func (s *scanner) stringMap(path, subject string) (keys, vals []string, present bool) {
	switch s.peek() {
	case 'n':
		s.literal("null")
		return nil, nil, false
	case '{':
	default:
		s.typeProblem(path, subject, "an object of strings")
		return nil, nil, false
	}
	s.pos++
	if s.peek() == '}' {
		s.pos++
		return nil, nil, true
	}
	for {
		if s.peek() != '"' {
			s.fail(s.pos, "expected a member name in double quotes, found "+s.describe(s.pos))
			return nil, nil, false
		}
		key, ok := s.str()
		if !ok {
			return nil, nil, false
		}
		if s.peek() != ':' {
			s.fail(s.pos, "expected ':' after the member name, found "+s.describe(s.pos))
			return nil, nil, false
		}
		s.pos++
		mpath := path + "/" + validate.EscapePointerToken(key)
		dup := false
		for _, k := range keys {
			if k == key {
				dup = true
				break
			}
		}
		switch {
		case s.peek() != '"':
			s.typeProblem(mpath, "The value of "+quote(key)+" in "+subject, "a string")
		case dup:
			s.add(mpath, validate.CodeDuplicate, quote(key)+" appears more than once in "+subject+".")
			s.skip()
		default:
			v, ok := s.str()
			if !ok {
				return nil, nil, false
			}
			keys = append(keys, key)
			vals = append(vals, v)
		}
		if s.fatal {
			return nil, nil, false
		}
		switch s.peek() {
		case ',':
			s.pos++
			continue
		case '}':
			s.pos++
			return keys, vals, true
		}
		s.fail(s.pos, "expected ',' or '}' after an object member, found "+s.describe(s.pos))
		return nil, nil, false
	}
}

// stringArray reads an array of strings (null counts as absent).
func (s *scanner) stringArray(path, subject string) (vals []string, present bool) {
	switch s.peek() {
	case 'n':
		s.literal("null")
		return nil, false
	case '[':
	default:
		s.typeProblem(path, subject, "an array of strings")
		return nil, false
	}
	s.pos++
	vals = []string{}
	if s.peek() == ']' {
		s.pos++
		return vals, true
	}
	for i := 0; ; i++ {
		if s.peek() == '"' {
			v, ok := s.str()
			if !ok {
				return nil, false
			}
			vals = append(vals, v)
		} else {
			s.typeProblem(path+"/"+strconv.Itoa(i), "Element "+strconv.Itoa(i)+" of "+subject, "a string")
		}
		if s.fatal {
			return nil, false
		}
		switch s.peek() {
		case ',':
			s.pos++
			continue
		case ']':
			s.pos++
			return vals, true
		}
		s.fail(s.pos, "expected ',' or ']' after an array element, found "+s.describe(s.pos))
		return nil, false
	}
}

func upperFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// quote quotes a name from the input for a message, shortened and escaped so
// that it cannot break the message.
func quote(s string) string {
	if len(s) > 64 {
		cut := 64
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

// list joins names as "a, b and c".
func list(names []string) string {
	out := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			out += " and "
		default:
			out += ", "
		}
		out += n
	}
	return out
}
