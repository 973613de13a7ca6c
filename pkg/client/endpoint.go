package client

import (
	"strconv"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// endpoint is a resolved service endpoint: the base every request URI is
// appended to, and the Host header that goes with it.
type endpoint struct {
	// base is scheme "://" host[:port] followed by the path prefix without
	// a trailing slash, e.g. "https://amplifybackend.us-east-1.amazonaws.com"
	// or "http://127.0.0.1:4566/prefix".
	base string
	// host is host[:port] in lower case, without the scheme's default port:
	// the value of the Host header, the same value the signer signs.
	host string
}

// endpointPrefix is the service's endpoint prefix in the model.
const endpointPrefix = "amplifybackend"

// maxRegionLen bounds a region name; the longest AWS region today
// ("ap-southeast-5", "us-isob-east-1", "eu-isoe-west-1") is far shorter.
const maxRegionLen = 32

// resolveEndpoint returns the endpoint for a region, or for a custom
// endpoint URL when custom is not empty. Problems go to ps with the paths
// "/region" and "/endpoint".
//
// The region is required unless a custom endpoint is given (the builder
// does not sign, so it has no other use for it); when it is given it must
// be valid either way, since the same options are used to sign.
func resolveEndpoint(region, custom string, ps *[]validate.Problem) (endpoint, bool) {
	ok := true
	switch {
	case region == "" && custom == "":
		*ps = append(*ps, validate.Problem{Path: "/region", Code: validate.CodeRequired,
			Message: "The region is required (for example us-east-1), unless an endpoint is given."})
		ok = false
	case region != "" && !ValidRegion(region):
		*ps = append(*ps, validate.Problem{Path: "/region", Code: validate.CodeInvalid, Message: regionMessage(region)})
		ok = false
	}
	if custom != "" {
		ep, msg := parseEndpoint(custom)
		if msg != "" {
			*ps = append(*ps, validate.Problem{Path: "/endpoint", Code: validate.CodeInvalid, Message: msg})
			return endpoint{}, false
		}
		return ep, ok
	}
	if !ok {
		return endpoint{}, false
	}
	base := regionBase(region)
	return endpoint{base: base, host: base[len("https://"):]}, true
}

// regionBase returns the service's endpoint in region, in one allocation:
// https://amplifybackend.{region}.amazonaws.com, or amazonaws.com.cn for
// the China regions (cn-*).
func regionBase(region string) string {
	suffix := ".amazonaws.com"
	if strings.HasPrefix(region, "cn-") {
		suffix = ".amazonaws.com.cn"
	}
	return "https://" + endpointPrefix + "." + region + suffix
}

// ValidRegion reports whether region has the form of an AWS region name:
// two lower-case letters, one or more words of lower-case letters each
// after a '-', then '-' and a number of one to three digits, at most 32
// bytes in all. It accepts "us-east-1", "cn-north-1", "us-gov-west-1" and
// "ap-southeast-5", and refuses "US-EAST-1", "us-east", "us_east_1",
// "useast1" and anything with a '.', '/' or space, so that a region can
// never change the shape of the endpoint's host name.
func ValidRegion(region string) bool {
	n := len(region)
	if n < 6 || n > maxRegionLen {
		return false
	}
	if !isLowerLetter(region[0]) || !isLowerLetter(region[1]) || region[2] != '-' {
		return false
	}
	// The number at the end.
	d := n
	for d > 0 && region[d-1] >= '0' && region[d-1] <= '9' {
		d--
	}
	if digits := n - d; digits < 1 || digits > 3 || d < 1 || region[d-1] != '-' {
		return false
	}
	// The words in between: region[3:d-1] is word("-"word)*.
	words := region[3 : d-1]
	if words == "" {
		return false
	}
	wordLen := 0
	for i := 0; i < len(words); i++ {
		c := words[i]
		switch {
		case isLowerLetter(c):
			wordLen++
		case c == '-' && wordLen > 0:
			wordLen = 0
		default:
			return false
		}
	}
	return wordLen > 0
}

func isLowerLetter(c byte) bool { return c >= 'a' && c <= 'z' }

func regionMessage(region string) string {
	return "The region " + quoteOption(region) + " is not a valid AWS region name; expected a name such as us-east-1 or cn-north-1 (lower-case words separated by '-', ending in a number)."
}

// quoteOption quotes an option value for a message, shortened to 64 bytes.
func quoteOption(s string) string {
	if len(s) <= 64 {
		return strconv.Quote(s)
	}
	cut := 64
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

// parseEndpoint checks a custom endpoint URL and returns it resolved, or a
// message saying what is wrong.
//
// The URL must be absolute http or https, with a host (a DNS name, an IPv4
// address or a bracketed IPv6 address) and an optional port from 1 to
// 65535, and no user name, query or fragment. It may have a path prefix,
// which is kept as written (it may contain percent-escapes, but no
// character that must be escaped) without its trailing slashes. The scheme
// and host are lower-cased and a default port (:443 for https, :80 for
// http) is dropped, so that the URL, the Host header and the signed host
// agree.
func parseEndpoint(s string) (endpoint, string) {
	const shape = "The endpoint must be an absolute http or https URL such as https://amplifybackend.us-east-1.amazonaws.com or http://127.0.0.1:4566/prefix"
	i := strings.Index(s, "://")
	if i < 0 {
		return endpoint{}, shape + "."
	}
	scheme := strings.ToLower(s[:i])
	if scheme != "http" && scheme != "https" {
		return endpoint{}, shape + "; the scheme " + quoteOption(s[:i]) + " is not supported."
	}
	rest := s[i+3:]
	end := len(rest)
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		end = j
	}
	auth, path := rest[:end], rest[end:]
	if strings.IndexByte(auth, '@') >= 0 {
		return endpoint{}, "The endpoint must not contain a user name or password."
	}
	host, port, e := splitHostPort(auth)
	switch {
	case auth == "":
		return endpoint{}, "The endpoint has no host."
	case e == urlBadPort:
		return endpoint{}, "The endpoint's port must be a number from 1 to 65535."
	case e != urlOK:
		return endpoint{}, "The endpoint's host must be a DNS name, an IPv4 address or a bracketed IPv6 address."
	}
	if strings.ContainsAny(path, "?#") {
		return endpoint{}, "The endpoint must not have a query (?...) or a fragment (#...); only a path prefix is allowed."
	}
	for k := 0; k < len(path); k++ {
		c := path[k]
		switch {
		case c == '%':
			if k+2 >= len(path) || !isHex(path[k+1]) || !isHex(path[k+2]) {
				return endpoint{}, "The endpoint's path contains a '%' that is not followed by two hexadecimal digits."
			}
		case !isPathChar(c):
			return endpoint{}, "The endpoint's path contains " + describeByte(c) + ", which must be percent-encoded."
		}
	}
	path = strings.TrimRight(path, "/")
	if (scheme == "https" && port == "443") || (scheme == "http" && port == "80") {
		port = ""
	}
	hostport := strings.ToLower(host)
	if port != "" {
		hostport += ":" + port
	}
	return endpoint{base: scheme + "://" + hostport + path, host: hostport}, ""
}

// isPathChar reports whether c may appear unescaped in a URL path (RFC 3986
// pchar or '/'), '%' aside.
func isPathChar(c byte) bool {
	if isUnreserved(c) {
		return true
	}
	switch c {
	case '/', ':', '@', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=':
		return true
	}
	return false
}

// describeByte names a byte for a message.
func describeByte(c byte) string {
	switch {
	case c == ' ':
		return "a space"
	case c < 0x20 || c == 0x7f:
		return "a control character"
	case c >= 0x80:
		return "a non-ASCII character"
	}
	return strconv.QuoteRune(rune(c))
}
