package validate

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
)

// subject names the value at the current path for a message: "SignInMethod",
// "Element 2 of RequiredSignUpAttributes", or "The input".
func (w *walker) subject() string {
	return subjectOf(string(w.path))
}

func subjectOf(path string) string {
	if path == "" {
		return "The input"
	}
	i := strings.LastIndexByte(path, '/')
	last := unescapeToken(path[i+1:])
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

func unescapeToken(t string) string {
	if !strings.Contains(t, "~") {
		return t
	}
	return strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
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
	if best := Closest(name, names); best != "" {
		return msg + "; did you mean " + best + "?"
	}
	return msg + "; its members are " + strings.Join(names, ", ") + "."
}

func (w *walker) enumMessage(s *schema.Shape, v string) string {
	msg := w.subject() + " must be one of " + strings.Join(s.Enum, ", ")
	if w.secret > 0 {
		return msg + "."
	}
	if best := Closest(v, s.Enum); best != "" {
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

// Closest returns the candidate closest to name, or "" when none is close: a
// candidate equal but for letter case, or one within a small edit distance
// (one edit for short names, up to three for long ones), or else the
// shortest candidate that contains name (at least four letters).
func Closest(name string, candidates []string) string {
	if len(name) > 128 {
		return ""
	}
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if strings.EqualFold(c, name) {
			return c
		}
		limit := 1
		switch {
		case len(c) >= 12:
			limit = 3
		case len(c) >= 5:
			limit = 2
		}
		if diff := len(c) - len(name); diff > limit || -diff > limit {
			continue // the distance is at least the difference in length
		}
		if d := editDistance(name, c); d <= limit && d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" || len(name) < 4 {
		return best
	}
	// A part of a name ("Secret" for "ClientSecret"): the shortest that has it.
	lower := strings.ToLower(name)
	for _, c := range candidates {
		if strings.Contains(strings.ToLower(c), lower) && (best == "" || len(c) < len(best)) {
			best = c
		}
	}
	return best
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// editDistance is the Levenshtein distance between a and b, ignoring ASCII
// letter case and counting an adjacent transposition as one edit. It works
// on bytes: every name it compares (members, enum values, operations) is
// ASCII.
func editDistance(a, b string) int {
	var bufs [3][66]int
	var prev2, prev, cur []int
	if len(b) < len(bufs[0]) {
		prev2, prev, cur = bufs[0][:len(b)+1], bufs[1][:len(b)+1], bufs[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		ai := lowerASCII(a[i-1])
		for j := 1; j <= len(b); j++ {
			bj := lowerASCII(b[j-1])
			cost := 1
			if ai == bj {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ai == lowerASCII(b[j-2]) && lowerASCII(a[i-2]) == bj {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
