package client

import (
	"net/netip"
	"strings"
	"unicode/utf8"
)

// This file parses request URLs as written. It does not use url.Parse for
// the path and query: the signature covers them exactly as written, and
// url.Parse accepts (and re-escapes) text that would then be sent
// differently from what was signed; HTTPRequest still checks that net/url
// sends the path unchanged.

// wireURL is an absolute http or https URL split into its parts, as
// written.
type wireURL struct {
	scheme string // "http" or "https", lower case
	host   string // host[:port], lower case
	path   string // as written, possibly ""
	query  string // as written, without '?'
	// canonical is true when the URL string already has a lower-case scheme
	// and host (so it can be reused as is).
	canonical bool
}

// urlError says what is wrong with a URL; urlOK means nothing.
type urlError uint8

const (
	urlOK urlError = iota
	urlEmpty
	urlNotAbsolute
	urlUserinfo
	urlBadHost
	urlBadPort
	urlFragment
	urlControl
	urlBadUTF8
	urlBadEscape
	urlBadQuery
	urlTooLong // reported by checkURLLimit
)

func (e urlError) ok() bool { return e == urlOK }

func (e urlError) message() string {
	switch e {
	case urlEmpty:
		return "The url is required."
	case urlNotAbsolute:
		return "The url must be an absolute http or https URL."
	case urlUserinfo:
		return "The url must not contain a user name or password."
	case urlBadHost:
		return "The url's host must be a DNS name or an IP address."
	case urlBadPort:
		return "The url's port must be a number from 1 to 65535."
	case urlFragment:
		return "The url must not have a fragment (#...); it is never sent."
	case urlControl:
		return "The url must not contain control characters."
	case urlBadUTF8:
		return "The url must be valid UTF-8."
	case urlBadEscape:
		return "The url contains a '%' that is not followed by two hexadecimal digits."
	case urlBadQuery:
		return "The url's query must be name=value pairs separated by '&' (a ';' is not allowed)."
	}
	return ""
}

const notSendablePath = "The url's path or query contains a character that must be percent-encoded before it can be sent; escape it before signing, since the signature covers the path as written."

// parseWireURL splits an absolute http(s) URL. The path and query are kept
// as written: they may contain spaces and UTF-8 (the signing test vectors
// do), but no control characters, no invalid UTF-8 and no malformed
// percent-escapes.
func parseWireURL(s string) (wireURL, urlError) {
	var u wireURL
	if s == "" {
		return u, urlEmpty
	}
	i := strings.Index(s, "://")
	if i < 0 {
		return u, urlNotAbsolute
	}
	u.canonical = true
	switch s[:i] {
	case "https":
		u.scheme = "https"
	case "http":
		u.scheme = "http"
	default:
		switch {
		case strings.EqualFold(s[:i], "https"):
			u.scheme = "https"
		case strings.EqualFold(s[:i], "http"):
			u.scheme = "http"
		default:
			return u, urlNotAbsolute
		}
		u.canonical = false
	}
	rest := s[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	auth := rest[:end]
	rest = rest[end:]
	if strings.IndexByte(auth, '@') >= 0 {
		return u, urlUserinfo
	}
	if e := checkHostPort(auth); e != urlOK {
		return u, e
	}
	u.host = auth
	if hasUpper(auth) {
		u.host = strings.ToLower(auth)
		u.canonical = false
	}
	if strings.IndexByte(rest, '#') >= 0 {
		return u, urlFragment
	}
	if q := strings.IndexByte(rest, '?'); q >= 0 {
		u.path, u.query = rest[:q], rest[q+1:]
	} else {
		u.path = rest
	}
	if e := checkWireText(u.path); e != urlOK {
		return u, e
	}
	if e := checkWireText(u.query); e != urlOK {
		return u, e
	}
	if strings.IndexByte(u.query, ';') >= 0 {
		// url.ParseQuery rejects ';' and the signer would silently drop the
		// pair from the canonical query while it still went on the wire.
		return u, urlBadQuery
	}
	return u, urlOK
}

// notSendable returns a message when the path or query holds a byte that
// cannot appear in an HTTP request target as written.
func (u wireURL) notSendable() string {
	for _, s := range [2]string{u.path, u.query} {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c <= ' ' || c >= 0x7f {
				return notSendablePath
			}
			switch c {
			case '"', '<', '>', '\\', '^', '`', '{', '|', '}':
				return notSendablePath
			}
		}
	}
	return ""
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// checkWireText checks a path or query as written: valid UTF-8, no control
// characters, and every '%' followed by two hexadecimal digits.
func checkWireText(s string) urlError {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < 0x20 || c == 0x7f:
			return urlControl
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return urlBadEscape
			}
			i += 3
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				return urlBadUTF8
			}
			i += size
		default:
			i++
		}
	}
	return urlOK
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

// validHostPort reports whether s is host[:port] as checkHostPort accepts.
func validHostPort(s string) bool { return checkHostPort(s) == urlOK }

// checkHostPort checks an authority without user information (see
// splitHostPort).
func checkHostPort(s string) urlError {
	_, _, e := splitHostPort(s)
	return e
}

// splitHostPort splits and checks an authority without user information: a
// DNS name (letters, digits, '-', '.', '_', '~', not starting with '.' or
// '-'), an IPv4 address or a bracketed IPv6 address, with an optional port
// from 1 to 65535. Request URLs and custom endpoints share it.
func splitHostPort(s string) (host, port string, e urlError) {
	if s == "" {
		return "", "", urlBadHost
	}
	host = s
	if s[0] == '[' {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", urlBadHost
		}
		host, port = s[:end+1], s[end+1:]
		if port != "" {
			if port[0] != ':' {
				return "", "", urlBadHost
			}
			port = port[1:]
			if port == "" {
				return "", "", urlBadPort
			}
		}
		// An IPv6 address, checked by net/netip (linked anyway, by
		// net/http): no zone, since a "%25" zone is not sent to a server.
		if a, err := netip.ParseAddr(host[1 : len(host)-1]); err != nil || !a.Is6() || a.Zone() != "" {
			return "", "", urlBadHost
		}
	} else {
		if c := strings.IndexByte(s, ':'); c >= 0 {
			host, port = s[:c], s[c+1:]
			if port == "" {
				return "", "", urlBadPort
			}
		}
		if host == "" || host[0] == '.' || host[0] == '-' {
			return "", "", urlBadHost
		}
		for i := 0; i < len(host); i++ {
			c := host[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
				return "", "", urlBadHost
			}
		}
	}
	if port != "" {
		if len(port) > 5 {
			return "", "", urlBadPort
		}
		n := 0
		for i := 0; i < len(port); i++ {
			c := port[i]
			if c < '0' || c > '9' {
				return "", "", urlBadPort
			}
			n = n*10 + int(c-'0')
		}
		if n < 1 || n > 65535 {
			return "", "", urlBadPort
		}
	}
	return host, port, urlOK
}
