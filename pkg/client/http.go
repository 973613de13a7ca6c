package client

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// This file converts between Request and net/http.

// HTTPRequest returns r as a *http.Request for ctx, ready for an
// http.Client.
//
// The path and query are sent exactly as they appear in r.URL; a path or
// query that cannot go on the wire as written (a space, a non-ASCII byte or
// another character that must be percent-encoded) is an error rather than
// being escaped, because escaping would change what was signed. A Host
// header sets the request's Host; a Content-Length header must agree with
// the body, whose length net/http sends. Problems are reported as
// *validate.Error.
func (r Request) HTTPRequest(ctx context.Context) (*http.Request, error) {
	var ps problems
	u, uok := parseWireURL(r.URL)
	if !uok.ok() {
		ps.add("/url", validate.CodeInvalid, uok.message())
	} else if msg := u.notSendable(); msg != "" {
		ps.add("/url", validate.CodeInvalid, msg)
	}
	if !validToken(r.Method) {
		ps.add("/method", validate.CodeInvalid, methodMessage(r.Method))
	}
	bodyLen := 0
	if r.Body != nil {
		bodyLen = len(*r.Body)
	}
	host := ""
	invalid := 0
	for name, vals := range r.Headers {
		if !validToken(name) {
			invalid++
			continue
		}
		path, subject := headerRef(name, nil)
		for i, v := range vals {
			if !validHeaderValue(v) {
				vpath := path
				if path != "/headers" {
					vpath = valuePath(path, vals, i)
				}
				ps.add(vpath, validate.CodeInvalid, "The value of "+subject+" must not contain line breaks or other control characters.")
			}
		}
		switch http.CanonicalHeaderKey(name) {
		case "Host":
			if len(vals) != 1 || !validHostPort(vals[0]) {
				ps.add(path, validate.CodeInvalid, "The Host header must be one host name, with an optional port.")
			} else {
				host = vals[0]
			}
		case "Content-Length":
			if len(vals) != 1 || vals[0] != strconv.Itoa(bodyLen) {
				ps.add(path, validate.CodeInvalid, "The Content-Length header must be the length of the body in bytes ("+strconv.Itoa(bodyLen)+").")
			}
		}
	}
	if invalid > 0 {
		ps.add("/headers", validate.CodeInvalid, invalidNamesMessage(invalid))
	}
	if ps.any() {
		return nil, ps.err()
	}
	var body io.Reader
	if r.Body != nil {
		body = strings.NewReader(*r.Body)
	}
	hr, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return nil, err
	}
	if hr.URL.EscapedPath() != u.path {
		// url.Parse would send a different path than r.URL has.
		return nil, ps.add("/url", validate.CodeInvalid, notSendablePath).err()
	}
	hr.Header = make(http.Header, len(r.Headers))
	for name, vals := range r.Headers {
		switch k := http.CanonicalHeaderKey(name); k {
		case "Host", "Content-Length":
			// net/http sends these from Request.Host and ContentLength.
		default:
			hr.Header[k] = append(hr.Header[k], vals...)
		}
	}
	if host != "" {
		hr.Host = host
	}
	return hr, nil
}

// RequestFromHTTP returns the Request form of hr: its method, the URL as
// net/http would send it, its headers (with a Host header when hr.Host
// differs from the URL's host) and its body.
//
// Reading the body consumes hr.Body unless hr.GetBody is set; when it is
// not, hr.Body is replaced by a reader over the bytes read, so hr can still
// be sent.
func RequestFromHTTP(hr *http.Request) (Request, error) {
	var ps problems
	if hr == nil {
		return Request{}, ps.add("", validate.CodeRequired, "The request is required.").err()
	}
	if hr.URL == nil {
		return Request{}, ps.add("/url", validate.CodeRequired, "The request has no URL.").err()
	}
	method := hr.Method
	if method == "" {
		method = http.MethodGet
	}
	path, ok := httpWirePath(hr.URL)
	if !ok {
		return Request{}, ps.add("/url", validate.CodeInvalid, "The URL's opaque form must be \"//host/path\" or \"/path\".").err()
	}
	var b strings.Builder
	b.Grow(len(hr.URL.Scheme) + 3 + len(hr.URL.Host) + len(path) + 1 + len(hr.URL.RawQuery))
	b.WriteString(hr.URL.Scheme)
	b.WriteString("://")
	b.WriteString(hr.URL.Host)
	b.WriteString(path)
	if hr.URL.RawQuery != "" {
		b.WriteByte('?')
		b.WriteString(hr.URL.RawQuery)
	}
	out := Request{Method: method, URL: b.String(), Headers: make(Header, len(hr.Header)+1)}
	for k, vs := range hr.Header {
		ck := http.CanonicalHeaderKey(k)
		out.Headers[ck] = append(out.Headers[ck], vs...)
	}
	if hr.Host != "" && hr.Host != hr.URL.Host {
		out.Headers["Host"] = []string{hr.Host}
	}
	if hr.Body != nil && hr.Body != http.NoBody {
		var data []byte
		var err error
		if hr.GetBody != nil {
			var rc io.ReadCloser
			if rc, err = hr.GetBody(); err == nil {
				data, err = io.ReadAll(rc)
				rc.Close()
			}
		} else {
			data, err = io.ReadAll(hr.Body)
			hr.Body.Close()
		}
		if err != nil {
			return Request{}, err
		}
		s := string(data)
		if hr.GetBody == nil {
			hr.Body = io.NopCloser(strings.NewReader(s))
			hr.GetBody = func() (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(s)), nil
			}
		}
		out.Body = &s
	}
	return out, nil
}

// httpWirePath returns the path net/http sends for u: the path part of
// u.Opaque when it is set ("//host/path" or "/path"), else u.EscapedPath().
func httpWirePath(u *url.URL) (string, bool) {
	if u.Opaque == "" {
		return u.EscapedPath(), true
	}
	o := u.Opaque
	if strings.HasPrefix(o, "//") {
		i := strings.IndexByte(o[2:], '/')
		if i < 0 {
			return "", true
		}
		return o[2+i:], true
	}
	if strings.HasPrefix(o, "/") {
		return o, true
	}
	return "", false
}

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
