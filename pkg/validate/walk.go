package validate

import (
	"math"
	"strconv"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
)

// walker validates one JSON input against a shape in a single pass and,
// when emit is set, writes the wire form of the body as it goes: member names
// become wire names, URI-bound members are taken out as labels, nulls of
// optional members are dropped, and integers are written canonically.
type walker struct {
	data []byte
	pos  int
	// wire: object keys are wire names (typed Go values encoded by easyjson)
	// rather than the user-facing member names.
	wire    bool
	lenient bool
	lim     Limits
	emit    bool
	out     []byte
	path    []byte
	depth   int
	// secret counts the sensitive shapes the walk is inside; values are
	// never echoed in messages while it is above zero.
	secret    int
	surrogate bool
	fatal     bool
	probs     []Problem
	labels    []Label
}

// Label is a URI-bound member taken out of the input: Name is its wire name
// (the {label} in the URI template), Value the decoded string.
type Label struct {
	Name  string
	Value string
}

func (w *walker) run(id schema.ShapeID) {
	if w.lim.MaxInputBytes > 0 && len(w.data) > w.lim.MaxInputBytes {
		w.stop(CodeLimit, "The input is "+strconv.Itoa(len(w.data))+" bytes; the limit is "+strconv.Itoa(w.lim.MaxInputBytes)+" bytes.")
		return
	}
	if w.skipWS(); w.pos >= len(w.data) {
		w.fail(w.pos, "the input is empty")
		return
	}
	w.value(id)
	if w.fatal {
		return
	}
	if w.skipWS(); w.pos < len(w.data) {
		w.fail(w.pos, "unexpected "+w.describe(w.pos)+" after the end of the JSON value")
	}
}

func (w *walker) problem(code Code, msg string) {
	if w.fatal {
		return
	}
	if w.lim.MaxProblems > 0 && len(w.probs) >= w.lim.MaxProblems {
		w.stop(CodeLimit, "More than "+strconv.Itoa(w.lim.MaxProblems)+" problems; the rest are not reported.")
		return
	}
	w.probs = append(w.probs, Problem{Path: string(w.path), Code: code, Message: msg})
}

// stop records a problem and ends the walk (limits: going on would do the
// unbounded work the limit exists to prevent).
func (w *walker) stop(code Code, msg string) {
	if w.fatal {
		return
	}
	w.probs = append(w.probs, Problem{Path: string(w.path), Code: code, Message: msg})
	w.fatal = true
}

func (w *walker) enter() bool {
	if w.lim.MaxDepth > 0 && w.depth >= w.lim.MaxDepth {
		w.stop(CodeLimit, "The input nests objects and arrays deeper than "+strconv.Itoa(w.lim.MaxDepth)+" levels, the limit.")
		return false
	}
	w.depth++
	return true
}

func (w *walker) pushKey(name string) {
	w.path = append(w.path, '/')
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '~':
			w.path = append(w.path, '~', '0')
		case '/':
			w.path = append(w.path, '~', '1')
		default:
			w.path = append(w.path, name[i])
		}
	}
}

func (w *walker) pushIndex(i int) {
	w.path = append(w.path, '/')
	w.path = strconv.AppendInt(w.path, int64(i), 10)
}

func expected(k schema.Kind) string {
	switch k {
	case schema.KindStructure, schema.KindFreeform:
		return "an object"
	case schema.KindList:
		return "an array"
	case schema.KindString, schema.KindTimestamp:
		return "a string"
	case schema.KindBoolean:
		return "a boolean (true or false)"
	case schema.KindInteger, schema.KindLong:
		return "an integer"
	}
	return "a number"
}

func (w *walker) value(id schema.ShapeID) {
	s := &schema.Shapes[id]
	c := w.peek()
	switch s.Kind {
	case schema.KindStructure:
		if c == '{' {
			w.object(s)
			return
		}
	case schema.KindFreeform:
		if c == '{' {
			start := w.pos
			w.skip()
			if w.emit && !w.fatal {
				w.out = append(w.out, w.data[start:w.pos]...)
			}
			return
		}
	case schema.KindList:
		if c == '[' {
			w.array(s)
			return
		}
	case schema.KindString, schema.KindTimestamp:
		if c == '"' {
			w.stringValue(s)
			return
		}
	case schema.KindBoolean:
		if c == 't' || c == 'f' {
			start := w.pos
			lit := "true"
			if c == 'f' {
				lit = "false"
			}
			if w.literal(lit) && w.emit {
				w.out = append(w.out, w.data[start:w.pos]...)
			}
			return
		}
	case schema.KindInteger, schema.KindLong, schema.KindDouble:
		if c == '-' || (c >= '0' && c <= '9') {
			w.numberValue(s)
			return
		}
	}
	got := jsonfast.Kind(c)
	w.skip()
	if !w.fatal {
		w.problem(CodeType, w.subject()+" must be "+expected(s.Kind)+", not "+got+".")
	}
}

func (w *walker) findMember(s *schema.Shape, key []byte, name string, escaped bool) int {
	for i := range s.Members {
		m := &s.Members[i]
		want := m.Name
		if w.wire {
			want = m.Wire
		}
		if escaped {
			if name == want {
				return i
			}
		} else if string(key) == want {
			return i
		}
	}
	return -1
}

func (w *walker) object(s *schema.Shape) {
	if !w.enter() {
		return
	}
	w.pos++ // '{'
	if s.Sensitive {
		w.secret++
	}
	var seen uint64 // members are at most 64 per shape (checked by the generator)
	var unknown keySet
	first := true
	if w.emit {
		w.out = append(w.out, '{')
	}
	plen := len(w.path)
	c := w.peek()
	if c == '}' {
		w.pos++
	} else {
		for {
			if c != '"' {
				w.fail(w.pos, "expected a member name in double quotes, found "+w.describe(w.pos))
				return
			}
			ks, ke, kesc, ok := w.str()
			if !ok {
				return
			}
			w.surrogate = false // keys with lone surrogates are reported as unknown
			if w.peek() != ':' {
				w.fail(w.pos, "expected ':' after the member name, found "+w.describe(w.pos))
				return
			}
			w.pos++
			key := w.data[ks+1 : ke-1]
			var name string
			if kesc {
				name = unquote(w.data[ks:ke], true)
			}
			idx := w.findMember(s, key, name, kesc)
			if idx >= 0 {
				m := &s.Members[idx]
				bit := uint64(1) << uint(idx)
				// Member names never need pointer escaping.
				w.path = append(append(w.path, '/'), m.Name...)
				switch {
				case seen&bit != 0:
					w.problem(CodeDuplicate, m.Name+" appears more than once in this object.")
					w.skip()
				case w.peek() == 'n':
					seen |= bit
					if !w.literal("null") {
						return
					}
					if m.Required && (!w.lenient || m.URI) {
						w.problem(CodeRequired, m.Name+" is required and must not be null.")
					}
				case m.URI:
					seen |= bit
					w.label(m)
				default:
					seen |= bit
					if w.emit {
						if !first {
							w.out = append(w.out, ',')
						}
						first = false
						w.out = append(w.out, '"')
						w.out = append(w.out, m.Wire...)
						w.out = append(w.out, '"', ':')
					}
					w.value(m.Shape)
				}
			} else {
				if !kesc {
					name = string(key)
				}
				w.pushKey(name)
				if unknown.add(name) {
					w.problem(CodeDuplicate, displayName(name)+" appears more than once in this object.")
				} else {
					w.problem(CodeUnknown, unknownMessage(s, name))
				}
				w.skip()
			}
			w.path = w.path[:plen]
			if w.fatal {
				return
			}
			c = w.peek()
			if c == ',' {
				w.pos++
				c = w.peek()
				continue
			}
			if c == '}' {
				w.pos++
				break
			}
			w.fail(w.pos, "expected ',' or '}' after an object member, found "+w.describe(w.pos))
			return
		}
	}
	if w.emit {
		w.out = append(w.out, '}')
	}
	for i := range s.Members {
		m := &s.Members[i]
		if m.Required && seen&(uint64(1)<<uint(i)) == 0 && (!w.lenient || m.URI) {
			w.pushKey(m.Name)
			w.problem(CodeRequired, m.Name+" is required.")
			w.path = w.path[:plen]
		}
	}
	if s.Sensitive {
		w.secret--
	}
	w.depth--
}

func (w *walker) array(s *schema.Shape) {
	if !w.enter() {
		return
	}
	w.pos++ // '['
	if w.emit {
		w.out = append(w.out, '[')
	}
	plen := len(w.path)
	c := w.peek()
	if c == ']' {
		w.pos++
	} else {
		for n := 0; ; n++ {
			if w.lim.MaxArrayLen > 0 && n >= w.lim.MaxArrayLen {
				w.stop(CodeLimit, w.subject()+" has more than "+strconv.Itoa(w.lim.MaxArrayLen)+" elements, the limit.")
				return
			}
			if w.emit && n > 0 {
				w.out = append(w.out, ',')
			}
			w.pushIndex(n)
			w.value(s.Elem)
			w.path = w.path[:plen]
			if w.fatal {
				return
			}
			c = w.peek()
			if c == ',' {
				w.pos++
				continue
			}
			if c == ']' {
				w.pos++
				break
			}
			w.fail(w.pos, "expected ',' or ']' after an array element, found "+w.describe(w.pos))
			return
		}
	}
	if w.emit {
		w.out = append(w.out, ']')
	}
	w.depth--
}

// scanString scans a string value and applies the length limit and the
// surrogate check shared by every string.
func (w *walker) scanString() (start, end int, escaped, ok bool) {
	start, end, escaped, ok = w.str()
	if !ok {
		return
	}
	if w.lim.MaxStringBytes > 0 && end-start-2 > w.lim.MaxStringBytes {
		w.stop(CodeLimit, w.subject()+" is longer than "+strconv.Itoa(w.lim.MaxStringBytes)+" bytes, the limit for a string.")
		return start, end, escaped, false
	}
	if w.surrogate {
		w.surrogate = false
		w.problem(CodeInvalid, w.subject()+" contains a lone UTF-16 surrogate (\\uD800-\\uDFFF without its pair), which is not valid Unicode.")
	}
	return start, end, escaped, true
}

func (w *walker) stringValue(s *schema.Shape) {
	start, end, escaped, ok := w.scanString()
	if !ok {
		return
	}
	if len(s.Enum) > 0 && !w.lenient {
		raw := w.data[start+1 : end-1]
		var v string
		if escaped {
			v = unquote(w.data[start:end], true)
		}
		found := false
		for _, e := range s.Enum {
			if (!escaped && string(raw) == e) || (escaped && v == e) {
				found = true
				break
			}
		}
		if !found {
			if !escaped {
				v = string(raw)
			}
			w.problem(CodeEnum, w.enumMessage(s, v))
		}
	}
	if w.emit {
		w.out = append(w.out, w.data[start:end]...)
	}
}

func (w *walker) label(m *schema.Member) {
	if w.peek() != '"' {
		w.value(m.Shape) // reports the type problem
		return
	}
	start, end, escaped, ok := w.scanString()
	if !ok {
		return
	}
	v := unquote(w.data[start:end], escaped)
	if v == "" {
		w.problem(CodeEmpty, m.Name+" must not be empty: it is part of the request URI.")
	}
	w.labels = append(w.labels, Label{Name: m.Wire, Value: v})
}

func (w *walker) numberValue(s *schema.Shape) {
	start, end, float, ok := w.number()
	if !ok {
		return
	}
	tok := w.data[start:end]
	if s.Kind == schema.KindDouble {
		f, err := strconv.ParseFloat(string(tok), 64)
		if err != nil {
			w.problem(CodeRange, w.subject()+" is too large for a 64-bit floating-point number.")
			return
		}
		if !w.lenient && ((s.HasMin && f < float64(s.Min)) || (s.HasMax && f > float64(s.Max))) {
			w.problem(CodeRange, w.rangeMessage(s, tok))
		}
		if w.emit {
			w.out = append(w.out, tok...)
		}
		return
	}
	var v int64
	if !float {
		n, ok := parseInt(tok)
		if !ok {
			w.problem(CodeRange, w.subject()+" is outside the range of a 64-bit integer.")
			return
		}
		v = n
	} else {
		f, err := strconv.ParseFloat(string(tok), 64)
		switch {
		case err != nil || math.IsInf(f, 0):
			w.problem(CodeRange, w.subject()+" is outside the range of a 64-bit integer.")
			return
		case f != math.Trunc(f):
			w.problem(CodeType, w.subject()+" must be an integer, not a number with a fraction.")
			return
		case f < -9.223372036854775e18 || f > 9.223372036854775e18:
			w.problem(CodeRange, w.subject()+" is outside the range of a 64-bit integer.")
			return
		}
		v = int64(f)
	}
	if s.Kind == schema.KindInteger && (v < math.MinInt32 || v > math.MaxInt32) {
		w.problem(CodeRange, w.subject()+" is outside the range of a 32-bit integer.")
		return
	}
	if !w.lenient && ((s.HasMin && v < s.Min) || (s.HasMax && v > s.Max)) {
		w.problem(CodeRange, w.rangeMessage(s, tok))
	}
	if w.emit {
		w.out = strconv.AppendInt(w.out, v, 10)
	}
}

// parseInt parses an integer token without allocating.
func parseInt(tok []byte) (int64, bool) {
	neg := tok[0] == '-'
	if neg {
		tok = tok[1:]
	}
	var u uint64
	for _, c := range tok {
		d := uint64(c - '0')
		if u > (math.MaxUint64-d)/10 {
			return 0, false
		}
		u = u*10 + d
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > math.MaxInt64 {
		return 0, false
	}
	return int64(u), true
}

// skip scans any JSON value without a shape: the value of an unknown member,
// a value of the wrong type, or a free-form object. It still enforces
// syntax, limits, duplicate members and valid Unicode.
func (w *walker) skip() {
	switch c := w.peek(); {
	case c == '{':
		if !w.enter() {
			return
		}
		w.pos++
		plen := len(w.path)
		var keys keySet
		c = w.peek()
		if c == '}' {
			w.pos++
			w.depth--
			return
		}
		for {
			if c != '"' {
				w.fail(w.pos, "expected a member name in double quotes, found "+w.describe(w.pos))
				return
			}
			ks, ke, kesc, ok := w.str()
			if !ok {
				return
			}
			w.surrogate = false
			if w.peek() != ':' {
				w.fail(w.pos, "expected ':' after the member name, found "+w.describe(w.pos))
				return
			}
			w.pos++
			key := unquote(w.data[ks:ke], kesc)
			w.pushKey(key)
			if keys.add(key) {
				w.problem(CodeDuplicate, displayName(key)+" appears more than once in this object.")
			}
			w.skip()
			w.path = w.path[:plen]
			if w.fatal {
				return
			}
			c = w.peek()
			if c == ',' {
				w.pos++
				c = w.peek()
				continue
			}
			if c == '}' {
				w.pos++
				w.depth--
				return
			}
			w.fail(w.pos, "expected ',' or '}' after an object member, found "+w.describe(w.pos))
			return
		}
	case c == '[':
		if !w.enter() {
			return
		}
		w.pos++
		plen := len(w.path)
		if w.peek() == ']' {
			w.pos++
			w.depth--
			return
		}
		for n := 0; ; n++ {
			if w.lim.MaxArrayLen > 0 && n >= w.lim.MaxArrayLen {
				w.stop(CodeLimit, w.subject()+" has more than "+strconv.Itoa(w.lim.MaxArrayLen)+" elements, the limit.")
				return
			}
			w.pushIndex(n)
			w.skip()
			w.path = w.path[:plen]
			if w.fatal {
				return
			}
			c = w.peek()
			if c == ',' {
				w.pos++
				continue
			}
			if c == ']' {
				w.pos++
				w.depth--
				return
			}
			w.fail(w.pos, "expected ',' or ']' after an array element, found "+w.describe(w.pos))
			return
		}
	case c == '"':
		w.scanString()
	case c == '-' || (c >= '0' && c <= '9'):
		w.number()
	case c == 't':
		w.literal("true")
	case c == 'f':
		w.literal("false")
	case c == 'n':
		w.literal("null")
	case c == 0 && w.pos >= len(w.data):
		w.fail(w.pos, "unexpected end of the input, expected a JSON value")
	default:
		w.fail(w.pos, "expected a JSON value, found "+w.describe(w.pos))
	}
}

// keySet remembers the member names of one object to find duplicates: a
// list while it is small, a map once it grows, so that an object with many
// members costs linear time, not quadratic.
type keySet struct {
	list []string
	m    map[string]struct{}
}

// add records k and reports whether it was already there.
func (s *keySet) add(k string) bool {
	if s.m != nil {
		if _, ok := s.m[k]; ok {
			return true
		}
		s.m[k] = struct{}{}
		return false
	}
	for _, x := range s.list {
		if x == k {
			return true
		}
	}
	s.list = append(s.list, k)
	if len(s.list) > 16 {
		s.m = make(map[string]struct{}, 64)
		for _, x := range s.list {
			s.m[x] = struct{}{}
		}
		s.list = nil
	}
	return false
}
