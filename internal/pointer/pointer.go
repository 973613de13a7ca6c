// Package pointer escapes and unescapes the reference tokens of RFC 6901
// JSON pointers, the paths of every problem of this module.
package pointer

import "strings"

// Escape escapes one reference token ("~" becomes "~0", "/" becomes "~1").
func Escape(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	s = strings.ReplaceAll(s, "~", "~0")
	return strings.ReplaceAll(s, "/", "~1")
}

// Unescape undoes Escape.
func Unescape(t string) string {
	if !strings.Contains(t, "~") {
		return t
	}
	return strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
}
