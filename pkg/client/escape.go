package client

// escape percent-encodes s with upper-case hex, leaving only the RFC 3986
// unreserved characters (A-Z a-z 0-9 - . _ ~) and, when keepSlash is set,
// '/' as they are. It is the one escaper of the package: Smithy's HTTP
// binding escapes URI labels this way ('/' kept in a greedy label), and
// SigV4 canonicalizes query components the same way.
//
// It is not smithy-go's encoding/httpbinding: that package also brings in
// fmt, reflect and math/big, which a WebAssembly build should not carry for
// a dozen lines of escaping; and net/url's escapers keep characters
// (url.PathEscape keeps '$', '&', '+' and more) that these rules escape.
func escape(s string, keepSlash bool) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isUnreserved(c) && !(keepSlash && c == '/') {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUnreserved(c) || (keepSlash && c == '/') {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&0xf])
		}
	}
	return string(b)
}

// isUnreserved reports whether c is an RFC 3986 unreserved character.
func isUnreserved(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
