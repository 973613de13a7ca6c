package validate

import (
	"math"
	"math/bits"
	"strconv"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
)

// walker validates one JSON input against a shape in a single pass and,
// when emit is set, writes the wire form of the body as it goes: member names
// become wire names, URI-bound members are taken out as labels, nulls of
// optional members are dropped, and integers are written canonically.
type walker struct {
	jsonfast.Reader
	// wire: object keys are wire names (typed Go values encoded by easyjson)
	// rather than the user-facing member names.
	wire    bool
	lenient bool
	// warnings: the caller wants the warnings (Options.Warnings).
	warnings bool
	lim      Limits
	emit     bool
	out      []byte
	path     []byte
	// pendShape, pendMember: the member whose value is being walked, not
	// yet in path (-1: none). It is written to path only when something
	// reads the path or goes deeper (flush): most values are scalars that
	// have no problem, whose name was copied in and cut off for nothing.
	pendShape  schema.ShapeID
	pendMember int
	depth      int
	// secret counts the sensitive shapes the walk is inside; values are
	// never echoed in messages while it is above zero.
	secret int
	fatal  bool
	probs  []Problem
	spans  []span // the bytes each problem is about, for its Range
	warns  []Problem
	wspans []span
	labels []Label
}

// span is a range of bytes of the input: the value, the member name or the
// object a problem is about (see Range).
type span struct{ start, end int }

// Label is a URI-bound member taken out of the input: Name is its wire name
// (the {label} in the URI template), Value the decoded string.
type Label struct {
	Name  string
	Value string
}

func (w *walker) run(id schema.ShapeID) {
	if w.lim.MaxInputBytes > 0 && len(w.Data) > w.lim.MaxInputBytes {
		w.stop(CodeLimit, "The input is "+strconv.Itoa(len(w.Data))+" bytes; the limit is "+strconv.Itoa(w.lim.MaxInputBytes)+" bytes.", 0, len(w.Data))
		return
	}
	if w.AtEnd() {
		w.FailValue() // "the input is empty", as every reader says
		w.syntax()
		return
	}
	w.value(id)
	if w.fatal {
		return
	}
	if !w.End() {
		w.syntax()
	}
}

// ranges gives every problem and warning its Range, in one pass over the
// input.
func (w *walker) ranges() {
	n := len(w.spans) + len(w.wspans)
	if n == 0 {
		return
	}
	offs := make([]int, 0, 2*n)
	for _, sp := range w.spans {
		offs = append(offs, sp.start, sp.end)
	}
	for _, sp := range w.wspans {
		offs = append(offs, sp.start, sp.end)
	}
	pos := jsonfast.Positions(w.Data, offs)
	rs := make([]Range, n)
	for i := range rs {
		rs[i] = Range{Start: position(pos[2*i]), End: position(pos[2*i+1])}
	}
	for i := range w.probs {
		w.probs[i].Range = rs[i]
	}
	for i := range w.warns {
		w.warns[i].Range = rs[len(w.probs)+i]
	}
}

func position(p jsonfast.Position) Position {
	return Position{Line: p.Line, Column: p.Column, Offset: p.Offset, Byte: p.Byte}
}

// problem records a problem about the bytes [start, end) at the current path.
func (w *walker) problem(code Code, msg string, start, end int) {
	if w.fatal {
		return
	}
	if w.lim.MaxProblems > 0 && len(w.probs) >= w.lim.MaxProblems {
		w.stop(CodeLimit, "More than "+strconv.Itoa(w.lim.MaxProblems)+" problems; the rest are not reported.", start, end)
		return
	}
	w.flush()
	w.probs = append(w.probs, Problem{Path: string(w.path), Code: code, Message: msg})
	w.spans = append(w.spans, span{start, end})
}

// warn records a warning about the bytes [start, end) at the current path.
func (w *walker) warn(code Code, msg string, start, end int) {
	if w.fatal {
		return
	}
	w.flush()
	w.warns = append(w.warns, Problem{Path: string(w.path), Code: code, Message: msg})
	w.wspans = append(w.wspans, span{start, end})
}

// stop records a problem and ends the walk (limits: going on would do the
// unbounded work the limit exists to prevent).
func (w *walker) stop(code Code, msg string, start, end int) {
	if w.fatal {
		return
	}
	w.flush()
	w.probs = append(w.probs, Problem{Path: string(w.path), Code: code, Message: msg})
	w.spans = append(w.spans, span{start, end})
	w.fatal = true
}

// enter checks the depth limit at the '{' or '[' at w.Pos.
func (w *walker) enter() bool {
	if w.lim.MaxDepth > 0 && w.depth >= w.lim.MaxDepth {
		w.stop(CodeLimit, jsonfast.DepthMessage(w.lim.MaxDepth), w.Pos, w.Pos+1)
		return false
	}
	w.depth++
	return true
}

func (w *walker) pushKey(name string) {
	w.flush()
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
	w.flush()
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
	c := w.Peek()
	switch s.Kind {
	case schema.KindStructure:
		if c == '{' {
			w.object(id, s)
			return
		}
	case schema.KindFreeform:
		if c == '{' {
			start := w.Pos
			w.skip()
			if w.emit && !w.fatal {
				w.emitBytes(w.Data[start:w.Pos])
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
			start := w.Pos
			lit := "true"
			if c == 'f' {
				lit = "false"
			}
			if w.literal(lit) && w.emit {
				w.emitBytes(w.Data[start:w.Pos])
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
	start := w.Pos
	w.skip()
	if !w.fatal {
		w.problem(CodeType, w.subject()+" must be "+expected(s.Kind)+", not "+got+".", start, w.Pos)
	}
}

// memberName is the name a key of the input gives m by.
func (w *walker) memberName(m *schema.Member) string {
	if w.wire {
		return m.Wire
	}
	return m.Name
}

// memberAt returns the index of the member of s whose name, in quotes,
// starts at w.Data[at] (the key's opening quote), or -1.
func (w *walker) memberAt(s *schema.Shape, at int) int {
	d := w.Data[at+1:]
	if w.wire {
		for i := range s.Members {
			if n := s.Members[i].Wire; len(n) < len(d) && d[len(n)] == '"' && string(d[:len(n)]) == n {
				return i
			}
		}
		return -1
	}
	for i := range s.Members {
		if n := s.Members[i].Name; len(n) < len(d) && d[len(n)] == '"' && string(d[:len(n)]) == n {
			return i
		}
	}
	return -1
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

func (w *walker) object(id schema.ShapeID, s *schema.Shape) {
	if !w.enter() {
		return
	}
	w.flush()
	open := w.Pos
	empty := w.Open()
	if s.Sensitive {
		w.secret++
	}
	var seen uint64 // members are at most 64 per shape (checked by the generator)
	var unknown keySet
	first := true
	if w.emit {
		w.emitByte('{')
	}
	plen := len(w.path)
	// Only the common case is in this loop: a key written as one of the
	// member names, then a value that is not null. The rest is in
	// functions of its own (otherKey, nullMember, missing), so that this
	// one stays small: V8 compiles a Go function that runs often a second
	// time, with TurboFan, on a background thread, and its cost grows
	// faster than the function's size; at 17 KB of WebAssembly this one
	// took about 40 ms of CPU in every Node cold start (BENCHMARKS.md).
	for !empty {
		// The common cases are tested here, inline; the Reader's methods
		// give the message when they fail.
		if w.Peek() != '"' {
			w.NameStart()
			w.syntax()
			return
		}
		// A key written as one of the member names needs no scan: the
		// name is plain ASCII, so `"` name `"` is the whole string token.
		ks := w.Pos
		idx := w.memberAt(s, ks)
		var ke int
		if idx >= 0 {
			ke = ks + 2 + len(w.memberName(&s.Members[idx]))
			w.Pos = ke
			if w.Peek() == ':' {
				w.Pos++
			} else {
				w.Colon()
				w.syntax()
				return
			}
		} else {
			var ok bool
			if idx, ke, ok = w.otherKey(s, &unknown); !ok {
				return
			}
		}
		if idx >= 0 {
			m := &s.Members[idx]
			bit := uint64(1) << uint(idx)
			// Member names never need pointer escaping.
			w.pendShape, w.pendMember = id, idx
			switch {
			case seen&bit != 0:
				w.problem(CodeDuplicate, m.Name+" appears more than once in this object.", ks, ke)
				w.skip()
			case w.Peek() == 'n':
				seen |= bit
				if !w.nullMember(m) {
					return
				}
			case m.URI:
				seen |= bit
				w.label(m)
			default:
				seen |= bit
				if m.Deprecated && w.warnings {
					w.warn(CodeDeprecated, deprecatedMessage(s, m), ks, ke)
				}
				if w.emit {
					if !first {
						w.emitByte(',')
					}
					first = false
					w.emitByte('"')
					w.emitString(m.Wire)
					w.emitString(`":`)
				}
				w.value(m.Shape)
			}
		}
		w.pendMember = -1
		w.path = w.path[:plen]
		if w.fatal {
			return
		}
		if c := w.Peek(); c == ',' {
			w.Pos++
			continue
		} else if c == '}' {
			w.Pos++
			break
		}
		w.next('}') // the syntax error
		return
	}
	if w.emit {
		w.emitByte('}')
	}
	if absent := ^seen & (uint64(1)<<uint(len(s.Members)) - 1); absent != 0 {
		w.missing(s, absent, open, plen)
	}
	if s.Sensitive {
		w.secret--
	}
	w.depth--
}

// otherKey reads the key at w.Pos when it is not written as a member name
// (it has escapes, or names no member), and the colon after it. It returns the
// member's index, or -1 for an unknown key, which it reports and skips
// with its value; ok is false on a syntax error (reported).
func (w *walker) otherKey(s *schema.Shape, unknown *keySet) (idx, ke int, ok bool) {
	ks, ke, kesc, lone, ok := w.String()
	if !ok {
		w.syntax()
		return -1, ke, false
	}
	key := w.Data[ks+1 : ke-1]
	var name string
	if kesc {
		name = unquote(w.Data[ks:ke], true)
	}
	idx = -1
	if lone < 0 {
		idx = w.findMember(s, key, name, kesc)
	}
	if !w.Colon() {
		w.syntax()
		return -1, ke, false
	}
	if idx >= 0 {
		return idx, ke, true
	}
	if !kesc {
		name = string(key)
	}
	w.pushKey(name)
	if !w.keyProblem(name, lone, unknown, ks, ke) {
		w.problem(CodeUnknown, unknownMessage(s, name), ks, ke)
	}
	w.skip()
	return -1, ke, true
}

// keyProblem reports the key name at ks..ke when it has a lone surrogate
// escape (lone >= 0) or, failing that, is already in seen (it is added to
// seen otherwise), and says whether it did.
func (w *walker) keyProblem(name string, lone int, seen *keySet, ks, ke int) bool {
	switch {
	case lone >= 0:
		w.problem(CodeInvalid, jsonfast.LoneSurrogateMessage("The member name "+displayName(name)), ks, ke)
	case seen.add(name):
		w.problem(CodeDuplicate, displayName(name)+" appears more than once in this object.", ks, ke)
	default:
		return false
	}
	return true
}

// nullMember reads the null value of member m; false on a syntax error.
func (w *walker) nullMember(m *schema.Member) bool {
	vs := w.Pos
	if !w.literal("null") {
		return false
	}
	if m.Required && (!w.lenient || m.URI) {
		w.problem(CodeRequired, m.Name+" is required and must not be null.", vs, w.Pos)
	}
	return true
}

// missing reports the required members of s among absent (a bit per
// member not seen), in order, at the object that starts at open.
func (w *walker) missing(s *schema.Shape, absent uint64, open, plen int) {
	for ; absent != 0; absent &= absent - 1 {
		m := &s.Members[bits.TrailingZeros64(absent)]
		if m.Required && (!w.lenient || m.URI) {
			w.pushKey(m.Name)
			w.problem(CodeRequired, m.Name+" is required.", open, w.Pos)
			w.path = w.path[:plen]
		}
	}
}

func (w *walker) array(s *schema.Shape) {
	if !w.enter() {
		return
	}
	w.flush()
	empty := w.Open()
	if w.emit {
		w.emitByte('[')
	}
	plen := len(w.path)
	// The element's index is written once and counted up in place.
	w.pushName("0")
	for n := 0; !empty; n++ {
		if w.lim.MaxArrayLen > 0 && n >= w.lim.MaxArrayLen {
			w.path = w.path[:plen]
			w.Peek()
			w.stop(CodeLimit, w.subject()+" has more than "+strconv.Itoa(w.lim.MaxArrayLen)+" elements, the limit.", w.Pos, w.Pos+1)
			return
		}
		if n > 0 {
			w.incIndex(plen + 1)
			if w.emit {
				w.emitByte(',')
			}
		}
		ilen := len(w.path)
		w.value(s.Elem)
		w.path = w.path[:ilen]
		if w.fatal {
			w.path = w.path[:plen]
			return
		}
		if c := w.Peek(); c == ',' {
			w.Pos++
			continue
		} else if c == ']' {
			w.Pos++
			break
		}
		w.path = w.path[:plen]
		w.next(']') // the syntax error
		return
	}
	w.path = w.path[:plen]
	if w.emit {
		w.emitByte(']')
	}
	w.depth--
}

// incIndex adds one to the decimal index that is w.path[start:], in place
// (a digit longer after a run of nines).
func (w *walker) incIndex(start int) {
	p := w.path
	for i := len(p) - 1; i >= start; i-- {
		if p[i] != '9' {
			p[i]++
			return
		}
		p[i] = '0'
	}
	w.path = append(w.path, '0')
	w.path[start] = '1'
}

// The walker appends to out and path through these. Where there is room
// they only reslice, which stores the slice's length alone:
// w.out = append(w.out, b...) also stores its pointer, which costs a write
// barrier whenever the garbage collector is marking.

func (w *walker) emitByte(c byte) {
	if n := len(w.out); n < cap(w.out) {
		w.out = w.out[:n+1]
		w.out[n] = c
		return
	}
	w.out = append(w.out, c)
}

func (w *walker) emitBytes(b []byte) {
	if n := len(w.out); len(b) <= cap(w.out)-n {
		w.out = w.out[:n+len(b)]
		copy(w.out[n:], b)
		return
	}
	w.out = append(w.out, b...)
}

func (w *walker) emitString(s string) {
	if n := len(w.out); len(s) <= cap(w.out)-n {
		w.out = w.out[:n+len(s)]
		copy(w.out[n:], s)
		return
	}
	w.out = append(w.out, s...)
}

// flush writes the pending member's name to the path.
func (w *walker) flush() {
	if w.pendMember >= 0 {
		w.pushName(schema.Shapes[w.pendShape].Members[w.pendMember].Name)
		w.pendMember = -1
	}
}

// pushName appends "/" and name (which needs no escaping) to the path.
func (w *walker) pushName(name string) {
	if n := len(w.path); len(name) < cap(w.path)-n {
		w.path = w.path[:n+1+len(name)]
		w.path[n] = '/'
		copy(w.path[n+1:], name)
		return
	}
	w.path = append(append(w.path, '/'), name...)
}

// next consumes the ',' (true: more follows) or the close after a member or
// an element; anything else is a syntax error (false, with w.fatal set).
func (w *walker) next(close byte) bool {
	switch w.Peek() {
	case ',':
		w.Pos++
		return true
	case close:
		w.Pos++
		return false
	}
	w.Next(close)
	w.syntax()
	return false
}

// scanString scans a string value and applies the length limit and the
// surrogate check shared by every string.
func (w *walker) scanString() (start, end int, escaped, ok bool) {
	start, end, escaped, lone, ok := w.String()
	if !ok {
		w.syntax()
		return
	}
	if w.lim.MaxStringBytes > 0 && end-start-2 > w.lim.MaxStringBytes {
		w.stop(CodeLimit, w.subject()+" is longer than "+strconv.Itoa(w.lim.MaxStringBytes)+" bytes, the limit for a string.", start, end)
		return start, end, escaped, false
	}
	if lone >= 0 {
		w.problem(CodeInvalid, jsonfast.LoneSurrogateMessage(w.subject()), start, end)
	}
	return start, end, escaped, true
}

func (w *walker) stringValue(s *schema.Shape) {
	// An enum value written as it is in the model needs no scan (as with
	// member names in object): it is plain ASCII, and within any string
	// limit that would refuse it.
	if len(s.Enum) > 0 {
		start := w.Pos
		d := w.Data[start+1:]
		for _, e := range s.Enum {
			if len(e) < len(d) && d[len(e)] == '"' && string(d[:len(e)]) == e && (w.lim.MaxStringBytes <= 0 || len(e) <= w.lim.MaxStringBytes) {
				w.Pos = start + 2 + len(e)
				if w.emit {
					w.emitBytes(w.Data[start:w.Pos])
				}
				return
			}
		}
	}
	start, end, escaped, ok := w.scanString()
	if !ok {
		return
	}
	if len(s.Enum) > 0 && !w.lenient {
		w.enumValue(s, start, end, escaped)
	}
	if w.emit {
		w.emitBytes(w.Data[start:end])
	}
}

// enumValue checks the string token at start..end against s's enum, when
// it is not written as one of the values (stringValue's fast path): it may
// still be one, with escapes. A function of its own so that stringValue
// stays small (see object).
func (w *walker) enumValue(s *schema.Shape, start, end int, escaped bool) {
	raw := w.Data[start+1 : end-1]
	var v string
	if escaped {
		v = unquote(w.Data[start:end], true)
	}
	for _, e := range s.Enum {
		if (!escaped && string(raw) == e) || (escaped && v == e) {
			return
		}
	}
	if !escaped {
		v = string(raw)
	}
	w.problem(CodeEnum, w.enumMessage(s, v), start, end)
}

func (w *walker) label(m *schema.Member) {
	if w.Peek() != '"' {
		w.value(m.Shape) // reports the type problem
		return
	}
	start, end, escaped, ok := w.scanString()
	if !ok {
		return
	}
	v := unquote(w.Data[start:end], escaped)
	switch v {
	case "":
		w.problem(CodeEmpty, m.Name+" must not be empty: it is part of the request URI.", start, end)
	case ".", "..":
		// A dot segment: URL normalization would remove it, so the request
		// could never be built (client.Build refuses it with this message).
		w.problem(CodeInvalid, m.Name+` must not be "." or "..": as a segment of the request URI it would be removed by URL normalization.`, start, end)
	}
	w.labels = append(w.labels, Label{Name: m.Wire, Value: v})
}

func (w *walker) numberValue(s *schema.Shape) {
	start, end, _, ok := w.number()
	if !ok {
		return
	}
	tok := w.Data[start:end]
	if s.Kind == schema.KindDouble {
		f, err := strconv.ParseFloat(string(tok), 64)
		if err != nil {
			w.problem(CodeRange, w.subject()+" is too large for a 64-bit floating-point number.", start, end)
			return
		}
		if !w.lenient && ((s.HasMin && f < float64(s.Min)) || (s.HasMax && f > float64(s.Max))) {
			w.problem(CodeRange, w.rangeMessage(s, tok), start, end)
		}
		if w.emit {
			w.emitBytes(tok)
		}
		return
	}
	// The exact text, never a float64: 1.0000000000000001 is not 1.
	v, integral, fits := jsonfast.Integer(tok)
	switch {
	case !integral:
		w.problem(CodeType, jsonfast.FractionMessage(w.subject()), start, end)
		return
	case !fits:
		w.problem(CodeRange, w.subject()+" is outside the range of a 64-bit integer.", start, end)
		return
	case s.Kind == schema.KindInteger && (v < math.MinInt32 || v > math.MaxInt32):
		w.problem(CodeRange, w.subject()+" is outside the range of a 32-bit integer.", start, end)
		return
	}
	if !w.lenient && ((s.HasMin && v < s.Min) || (s.HasMax && v > s.Max)) {
		w.problem(CodeRange, w.rangeMessage(s, tok), start, end)
	}
	if w.emit {
		w.out = strconv.AppendInt(w.out, v, 10)
	}
}

// skip scans any JSON value without a shape: the value of an unknown member,
// a value of the wrong type, or a free-form object. It still enforces
// syntax, limits, duplicate members and valid Unicode.
func (w *walker) skip() {
	w.flush() // the paths below are built on the current one
	switch c := w.Peek(); {
	case c == '{':
		if !w.enter() {
			return
		}
		plen := len(w.path)
		var keys keySet
		for empty := w.Open(); !empty; {
			if !w.NameStart() {
				w.syntax()
				return
			}
			ks, ke, kesc, lone, ok := w.str()
			if !ok {
				return
			}
			if !w.Colon() {
				w.syntax()
				return
			}
			key := unquote(w.Data[ks:ke], kesc)
			w.pushKey(key)
			w.keyProblem(key, lone, &keys, ks, ke)
			w.skip()
			w.path = w.path[:plen]
			if w.fatal || !w.next('}') {
				break
			}
		}
		w.depth--
	case c == '[':
		if !w.enter() {
			return
		}
		plen := len(w.path)
		for n, empty := 0, w.Open(); !empty; n++ {
			if w.lim.MaxArrayLen > 0 && n >= w.lim.MaxArrayLen {
				w.Peek()
				w.stop(CodeLimit, w.subject()+" has more than "+strconv.Itoa(w.lim.MaxArrayLen)+" elements, the limit.", w.Pos, w.Pos+1)
				return
			}
			w.pushIndex(n)
			w.skip()
			w.path = w.path[:plen]
			if w.fatal || !w.next(']') {
				break
			}
		}
		w.depth--
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
	default:
		w.FailValue()
		w.syntax()
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
