package client

import "strconv"

// valuePath is the JSON pointer of value i of a header at path: the header
// itself for a single value (a JSON string), else an array element.
func valuePath(path string, vals []string, i int) string {
	if len(vals) == 1 {
		return path
	}
	return path + "/" + strconv.Itoa(i)
}

func methodMessage(m string) string {
	if m == "" {
		return "The method is required."
	}
	return "The method must be an HTTP token such as GET or POST."
}

// invalidNamesMessage reports n header names that are not valid HTTP
// tokens. The names are not repeated: such a name may be a pasted secret.
func invalidNamesMessage(n int) string {
	const rule = " (one or more letters, digits and !#$%&'*+-.^_`|~)"
	if n == 1 {
		return "A header name is not a valid HTTP token" + rule + "; it is not repeated here, since it could be a secret."
	}
	return strconv.Itoa(n) + " header names are not valid HTTP tokens" + rule + "; they are not repeated here, since they could be secrets."
}

// isTokenChar reports whether c is an RFC 9110 tchar.
func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// validToken reports whether s is a non-empty RFC 9110 token.
func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTokenChar(s[i]) {
			return false
		}
	}
	return true
}

// validHeaderValue reports whether v has no control characters other than
// horizontal tab (in particular no CR, LF or NUL).
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
