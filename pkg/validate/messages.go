package validate

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/suggest"
)

// subject names the value at the current path for a message: "SignInMethod",
// "Element 2 of RequiredSignUpAttributes", or "The input".
func (w *walker) subject() string {
	w.flush()
	return subjectOf(string(w.path))
}

func subjectOf(path string) string {
	if path == "" {
		return "The input"
	}
	i := strings.LastIndexByte(path, '/')
	last := pointer.Unescape(path[i+1:])
	if n, err := strconv.Atoi(last); err == nil && n >= 0 {
		return "Element " + last + " of " + lowerFirst(subjectOf(path[:i]))
	}
	return displayName(last)
}

func lowerFirst(s string) string {
	if strings.HasPrefix(s, "The input") || strings.HasPrefix(s, "Element ") {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

// displayName shows a member name as given: bare when it is a plain
// identifier, quoted (and shortened) otherwise.
func displayName(name string) string {
	plain := name != ""
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || c == '-' || c == '$' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			plain = false
			break
		}
	}
	if plain && len(name) <= 64 {
		return name
	}
	return quoteShort(name)
}

// quoteShort quotes s for a message, cut to 64 characters.
func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 64 {
		r := []rune(s)
		s = string(r[:64]) + "…"
	}
	return strconv.Quote(s)
}

func memberNames(s *schema.Shape) []string {
	names := make([]string, len(s.Members))
	for i := range s.Members {
		names[i] = s.Members[i].Name
	}
	return names
}

func unknownMessage(s *schema.Shape, name string) string {
	msg := displayName(name) + " is not a member of " + s.Name
	names := memberNames(s)
	if best := suggest.Closest(name, names); best != "" {
		return msg + "; did you mean " + best + "?"
	}
	return msg + "; its members are " + strings.Join(names, ", ") + "."
}

// deprecatedMessage is the warning for a member the service documents as
// deprecated. The few messages are made once: a config that uses the
// deprecated settings is validated on every keystroke.
func deprecatedMessage(s *schema.Shape, m *schema.Member) string {
	if msg, ok := deprecatedMessages()[m]; ok {
		return msg
	}
	return m.Name + " of " + s.Name + " is deprecated by the service; it is still accepted and sent, but the service may ignore it."
}

var deprecatedMessages = sync.OnceValue(func() map[*schema.Member]string {
	msgs := map[*schema.Member]string{}
	for i := range schema.Shapes {
		s := &schema.Shapes[i]
		for j := range s.Members {
			if m := &s.Members[j]; m.Deprecated {
				msgs[m] = m.Name + " of " + s.Name + " is deprecated by the service; it is still accepted and sent, but the service may ignore it."
			}
		}
	}
	return msgs
})

func (w *walker) enumMessage(s *schema.Shape, v string) string {
	msg := w.subject() + " must be one of " + strings.Join(s.Enum, ", ")
	if w.secret > 0 {
		return msg + "."
	}
	if best := suggest.Closest(v, s.Enum); best != "" {
		return msg + "; " + quoteShort(v) + " is not allowed (did you mean " + best + "?)."
	}
	return msg + "; " + quoteShort(v) + " is not allowed."
}

func (w *walker) rangeMessage(s *schema.Shape, tok []byte) string {
	var msg string
	switch {
	case s.HasMin && s.HasMax:
		msg = w.subject() + " must be between " + strconv.FormatInt(s.Min, 10) + " and " + strconv.FormatInt(s.Max, 10)
	case s.HasMin:
		msg = w.subject() + " must be at least " + strconv.FormatInt(s.Min, 10)
	default:
		msg = w.subject() + " must be at most " + strconv.FormatInt(s.Max, 10)
	}
	if w.secret > 0 || len(tok) > 32 {
		return msg + "."
	}
	return msg + "; " + string(tok) + " is not."
}
