package dispatch

import (
	"strconv"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/suggest"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// This file is the envelope reader: it reads the dispatcher's arguments
// with jsonfast.Reader, the strict reader the validator and the request
// decoder share (one rule per kind of bad text through every entry point),
// decodes the few members each function takes and hands the user's own
// value (input, config, request) on as the byte slice it occupies, without
// re-encoding it. The consumer (the validator, the request decoder) reads
// that slice again with the same Reader and reports at the value's own
// paths, so the envelope only finds where such a value ends. Skipping is
// iterative, so that hostile nesting cannot exhaust the stack; its depth
// limit is jsonfast.MaxDepth for the envelope's own values.

type scanner struct {
	jsonfast.Reader
	probs []validate.Problem
	fatal bool
}

func newScanner(data []byte) *scanner { return &scanner{Reader: jsonfast.Reader{Data: data}} }

func (s *scanner) add(path string, code validate.Code, msg string) {
	if !s.fatal {
		s.probs = append(s.probs, validate.Problem{Path: path, Code: code, Message: msg})
	}
}

// syntax turns the Reader's syntax error into the one problem: the
// problems found before it are dropped, as nothing after it can be trusted.
func (s *scanner) syntax() {
	if s.fatal || !s.Failed {
		return
	}
	s.fatal = true
	s.probs = append(s.probs[:0], validate.Problem{Code: validate.CodeSyntax, Message: jsonfast.SyntaxMessage(s.Data, s.ErrPos, s.ErrWhat)})
}

// end checks that only white space follows the top-level value.
func (s *scanner) end() bool {
	if s.fatal {
		return false
	}
	if !s.End() {
		s.syntax()
		return false
	}
	return true
}

// str scans the string token at s.Pos and returns its decoded value. A
// lone surrogate is a problem of code "invalid" at path (subject names the
// string); the value then holds U+FFFD, but the call fails with the problem.
func (s *scanner) str(path, subject string) (string, bool) {
	start, end, escaped, lone, ok := s.String()
	if !ok {
		s.syntax()
		return "", false
	}
	if lone >= 0 {
		s.add(path, validate.CodeInvalid, jsonfast.LoneSurrogateMessage(subject))
	}
	return s.StringValue(start, end, escaped), true
}

func (s *scanner) literal(lit string) bool {
	if s.Literal(lit) {
		return true
	}
	s.syntax()
	return false
}

// skip moves past one value of any type (at path, for problems) and returns
// the bytes it occupies. With check unset, the value is handed on to a
// consumer that reads it again with the same Reader (the validator, the
// request decoder), so it is only delimited: its strings are not checked
// and its depth is bounded by MaxInputBytes alone (the skip is iterative),
// so that the consumer's own limit applies, at the consumer's paths.
func (s *scanner) skip(path string, check bool) ([]byte, bool) {
	limit := jsonfast.MaxDepth
	if !check {
		limit = len(s.Data)
	}
	raw, lone, deep, ok := s.Skip(limit, check)
	switch {
	case deep:
		s.add(path, validate.CodeLimit, jsonfast.DepthMessage(jsonfast.MaxDepth))
		s.fatal = true
		return nil, false
	case !ok:
		s.syntax()
		return nil, false
	case lone >= 0:
		s.add(path, validate.CodeInvalid, jsonfast.LoneSurrogateMessage("A string in this value"))
	}
	return raw, true
}

// object reads the object at s.Pos member by member. allowed holds the
// members the object may have (nil: none); for each one present, member is
// called with its name (callers switch on the name, never on a position in
// the list) and its JSON pointer, and must consume the value. An unknown
// member is a problem naming the allowed members (what names the object,
// e.g. "the options"); a member given twice is a problem. It returns false on a syntax error.
// A value that is not an object is a type problem; ok is then true but
// present false.
func (s *scanner) object(path, what string, allowed *memberList, member func(name, path string)) (present, ok bool) {
	switch s.Peek() {
	case '{':
	default:
		if s.AtEnd() {
			s.FailValue()
			s.syntax()
			return false, false
		}
		k := s.Kind()
		if _, ok := s.skip(path, true); !ok {
			return false, false
		}
		s.add(path, validate.CodeType, upperFirst(what)+" must be a JSON object, not "+k+".")
		return false, true
	}
	var seen uint64
	var names, paths []string
	if allowed != nil {
		names, paths = allowed.names, allowed.pathsUnder(path)
	}
	for empty := s.Open(); !empty; {
		if !s.NameStart() {
			s.syntax()
			return true, false
		}
		ks, ke, kesc, lone, ok := s.String()
		if !ok {
			s.syntax()
			return true, false
		}
		// A member name without escapes is matched in place; only an
		// escaped or unknown one is decoded into a string of its own.
		var key string
		idx := -1
		if !kesc {
			idx = memberIndex(names, s.Data[ks+1:ke-1])
		}
		if idx >= 0 {
			key = names[idx]
		} else {
			key = s.StringValue(ks, ke, kesc)
			if kesc {
				idx = memberIndex(names, []byte(key))
			}
		}
		if !s.Colon() {
			s.syntax()
			return true, false
		}
		var mpath string
		if idx >= 0 && paths != nil {
			mpath = paths[idx]
		} else {
			mpath = path + "/" + pointer.Escape(key)
		}
		switch {
		case lone >= 0:
			s.add(mpath, validate.CodeInvalid, jsonfast.LoneSurrogateMessage("The member name "+quote(key)))
			s.skip(mpath, true)
		case idx < 0:
			msg := quote(key) + " is not a member of " + what
			switch m := suggest.Closest(key, names); {
			case len(names) == 0:
				msg += ", which take none."
			case m != "":
				msg += "; did you mean " + m + "? The members are " + list(names) + "."
			default:
				msg += "; the members are " + list(names) + "."
			}
			s.add(mpath, validate.CodeUnknown, msg)
			s.skip(mpath, true)
		case seen&(1<<uint(idx)) != 0:
			s.add(mpath, validate.CodeDuplicate, key+" appears more than once in "+what+".")
			s.skip(mpath, true)
		default:
			seen |= 1 << uint(idx)
			member(names[idx], mpath)
		}
		if s.fatal {
			return true, false
		}
		more, ok := s.Next('}')
		if !ok {
			s.syntax()
			return true, false
		}
		if !more {
			break
		}
	}
	return true, true
}

// typeProblem skips a value of the wrong type and reports it.
func (s *scanner) typeProblem(path, subject, want string) {
	k := s.Kind()
	if _, ok := s.skip(path, true); ok {
		s.add(path, validate.CodeType, subject+" must be "+want+", not "+k+".")
	}
}

// isNull consumes a null and reports whether there was one.
func (s *scanner) isNull() bool {
	if s.Peek() == 'n' {
		return s.literal("null")
	}
	return false
}

// stringValue reads an optional string member: null counts as absent.
func (s *scanner) stringValue(path, subject string) (v string, present bool) {
	switch s.Peek() {
	case '"':
		return s.str(path, subject)
	case 'n':
		s.literal("null")
		return "", false
	}
	s.typeProblem(path, subject, "a string")
	return "", false
}

// boolValue reads an optional boolean member: null counts as absent.
func (s *scanner) boolValue(path, subject string) (v, present bool) {
	switch s.Peek() {
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
// in a message): null counts as absent. The number is read from its exact
// text, as the validator reads one: 3600, 3600.0 and 3.6e3 are the same
// integer; 3600.0000000000001 is not an integer.
func (s *scanner) intValue(path, subject string, lo, hi int64, unit string) (v int64, present bool) {
	switch c := s.Peek(); {
	case c == 'n':
		s.literal("null")
		return 0, false
	case c == '-' || c >= '0' && c <= '9':
	default:
		s.typeProblem(path, subject, "an integer")
		return 0, false
	}
	start, end, _, ok := s.Number()
	if !ok {
		s.syntax()
		return 0, false
	}
	v, integral, fits := jsonfast.Integer(s.Data[start:end])
	if !integral {
		s.add(path, validate.CodeType, jsonfast.FractionMessage(subject))
		return 0, false
	}
	if !fits || v < lo || v > hi {
		s.add(path, validate.CodeRange, subject+" must be between "+strconv.FormatInt(lo, 10)+" and "+strconv.FormatInt(hi, 10)+unit+".")
		return 0, false
	}
	return v, true
}

// stringMap reads an optional object whose values are strings.
func (s *scanner) stringMap(path, subject string) (keys, vals []string, present bool) {
	switch s.Peek() {
	case 'n':
		s.literal("null")
		return nil, nil, false
	case '{':
	default:
		s.typeProblem(path, subject, "an object of strings")
		return nil, nil, false
	}
	for empty := s.Open(); !empty; {
		if !s.NameStart() {
			s.syntax()
			return nil, nil, false
		}
		// The name's path is only known once it is decoded: a lone
		// surrogate in it is reported at the object.
		key, ok := s.str(path, "A member name in "+subject)
		if !ok {
			return nil, nil, false
		}
		if !s.Colon() {
			s.syntax()
			return nil, nil, false
		}
		mpath := path + "/" + pointer.Escape(key)
		dup := false
		for _, k := range keys {
			if k == key {
				dup = true
				break
			}
		}
		switch {
		case s.Peek() != '"':
			s.typeProblem(mpath, "The value of "+quote(key)+" in "+subject, "a string")
		case dup:
			s.add(mpath, validate.CodeDuplicate, quote(key)+" appears more than once in "+subject+".")
			s.skip(mpath, true)
		default:
			v, ok := s.str(mpath, "The value of "+quote(key)+" in "+subject)
			if !ok {
				return nil, nil, false
			}
			keys = append(keys, key)
			vals = append(vals, v)
		}
		if s.fatal {
			return nil, nil, false
		}
		more, ok := s.Next('}')
		if !ok {
			s.syntax()
			return nil, nil, false
		}
		if !more {
			break
		}
	}
	return keys, vals, true
}

// stringArray reads an array of strings (null counts as absent).
func (s *scanner) stringArray(path, subject string) (vals []string, present bool) {
	switch s.Peek() {
	case 'n':
		s.literal("null")
		return nil, false
	case '[':
	default:
		s.typeProblem(path, subject, "an array of strings")
		return nil, false
	}
	vals = []string{}
	for i, empty := 0, s.Open(); !empty; i++ {
		epath := path + "/" + strconv.Itoa(i)
		esubject := "Element " + strconv.Itoa(i) + " of " + subject
		if s.Peek() == '"' {
			v, ok := s.str(epath, esubject)
			if !ok {
				return nil, false
			}
			vals = append(vals, v)
		} else {
			s.typeProblem(epath, esubject, "a string")
		}
		if s.fatal {
			return nil, false
		}
		more, ok := s.Next(']')
		if !ok {
			s.syntax()
			return nil, false
		}
		if !more {
			break
		}
	}
	return vals, true
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

// memberList holds the members one of the envelopes' objects may have, and
// their JSON pointers under each path the object occurs at, built once by
// members: a reader needs a member's path only for a problem, but takes it
// as a string, and building it on every call cost an allocation per member.
// Read-only after init.
type memberList struct {
	names []string
	under []memberPaths
}

type memberPaths struct {
	parent string
	paths  []string // parent + "/" + names[i]
}

// members returns the member list of names, with their paths under each of
// parents built (an object read at any other path builds them as it reads).
func members(names []string, parents ...string) *memberList {
	m := &memberList{names: names}
	for _, parent := range parents {
		p := memberPaths{parent: parent, paths: make([]string, len(names))}
		for i, n := range names {
			p.paths[i] = parent + "/" + pointer.Escape(n)
		}
		m.under = append(m.under, p)
	}
	return m
}

// pathsUnder returns the members' paths under parent, or nil when members
// did not build them.
func (m *memberList) pathsUnder(parent string) []string {
	for i := range m.under {
		if m.under[i].parent == parent {
			return m.under[i].paths
		}
	}
	return nil
}

// memberIndex returns the index of the member name raw in names, or -1.
func memberIndex(names []string, raw []byte) int {
	for i, n := range names {
		if string(raw) == n {
			return i
		}
	}
	return -1
}
