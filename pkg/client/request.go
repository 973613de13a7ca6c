// Package client builds, signs and sends AWS Amplify Admin (amplifybackend)
// requests.
//
// Every host (native Go, WebAssembly in a browser or in Node, the CLI) shares
// one request form, [Request], with a hand-written JSON encoding. [Sign] signs
// a Request with AWS Signature Version 4 and returns the request to send, in
// the same form; [SignHTTP] signs a *http.Request in place for the Go client.
//
// Signing is deterministic: the time and the credentials are inputs, so a
// signed request can be compared byte for byte with a golden file.
//
// # Notes
//
// This package avoids fmt and reflection-based JSON so that it stays small in
// a WebAssembly build. Problems with an input are reported as
// *validate.Error, whose messages never contain a secret access key or a
// session token.
package client

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Header maps header names to their values, like http.Header. Names are
// normally in http.CanonicalHeaderKey form; the methods canonicalize the name
// they are given. A header with several values is sent once per value.
type Header map[string][]string

// Get returns the first value of the header name, or "" when it is absent.
func (h Header) Get(name string) string {
	if v := h[http.CanonicalHeaderKey(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of the header name. The slice is not a copy.
func (h Header) Values(name string) []string {
	return h[http.CanonicalHeaderKey(name)]
}

// Set replaces the values of the header name with the single value.
func (h Header) Set(name, value string) {
	h[http.CanonicalHeaderKey(name)] = []string{value}
}

// Add appends value to the values of the header name.
func (h Header) Add(name, value string) {
	k := http.CanonicalHeaderKey(name)
	h[k] = append(h[k], value)
}

// Del removes the header name.
func (h Header) Del(name string) {
	delete(h, http.CanonicalHeaderKey(name))
}

// Request is an HTTP request in the form shared by every host.
//
// Its JSON form is {"method","url","headers","body"}: headers is an object
// with sorted, canonical header names whose value is a string for a header
// with one value and an array of strings for a repeated header; body is a
// string and is absent when Body is nil.
type Request struct {
	Method  string
	URL     string  // absolute URL, path as it goes on the wire
	Headers Header  // header name -> values
	Body    *string // nil when there is no body (absent in JSON)
}

// MarshalJSON encodes r as {"method","url","headers","body"}. It never fails;
// see AppendJSON.
func (r Request) MarshalJSON() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, r.jsonSizeHint())), nil
}

// AppendJSON appends the JSON form of r to dst and returns the extended
// slice.
//
// Header names are written in http.CanonicalHeaderKey form and sorted; two
// names that differ only in case are merged (values in the order of the
// names as given, sorted). A header with exactly one value is written as a
// string, any other number of values as an array. Bytes that are not valid
// UTF-8 are written as U+FFFD, as encoding/json does.
func (r Request) AppendJSON(dst []byte) []byte {
	dst = append(dst, `{"method":`...)
	dst = jsonfast.AppendString(dst, r.Method)
	dst = append(dst, `,"url":`...)
	dst = jsonfast.AppendString(dst, r.URL)
	dst = append(dst, `,"headers":{`...)
	dst = r.Headers.appendJSON(dst)
	dst = append(dst, '}')
	if r.Body != nil {
		dst = append(dst, `,"body":`...)
		dst = jsonfast.AppendString(dst, *r.Body)
	}
	return append(dst, '}')
}

func (r Request) jsonSizeHint() int {
	n := 48 + len(r.Method) + len(r.URL)
	for k, vs := range r.Headers {
		n += len(k) + 6
		for _, v := range vs {
			n += len(v) + 3
		}
	}
	if r.Body != nil {
		n += len(*r.Body) + 10
	}
	return n + n/16
}

// headerKey is one header name of a Header being encoded.
type headerKey struct {
	canon, orig string
}

// appendJSON writes the members of h (without braces), sorted by canonical
// name.
func (h Header) appendJSON(dst []byte) []byte {
	if len(h) == 0 {
		return dst
	}
	var buf [16]headerKey
	keys := buf[:0]
	for k := range h {
		keys = append(keys, headerKey{http.CanonicalHeaderKey(k), k})
	}
	slices.SortFunc(keys, func(a, b headerKey) int {
		if c := strings.Compare(a.canon, b.canon); c != 0 {
			return c
		}
		return strings.Compare(a.orig, b.orig)
	})
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].canon == keys[i].canon {
			j++
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonfast.AppendString(dst, keys[i].canon)
		dst = append(dst, ':')
		n := 0
		for _, k := range keys[i:j] {
			n += len(h[k.orig])
		}
		if n == 1 {
			for _, k := range keys[i:j] {
				if v := h[k.orig]; len(v) == 1 {
					dst = jsonfast.AppendString(dst, v[0])
				}
			}
		} else {
			dst = append(dst, '[')
			first := true
			for _, k := range keys[i:j] {
				for _, v := range h[k.orig] {
					if !first {
						dst = append(dst, ',')
					}
					first = false
					dst = jsonfast.AppendString(dst, v)
				}
			}
			dst = append(dst, ']')
		}
		i = j
	}
	return dst
}

// UnmarshalJSON decodes the JSON form of a Request into r.
//
// The input must be one object with the members "method" and "url" (strings,
// required), "headers" (an object whose values are strings or arrays of
// strings; optional) and "body" (a string; optional, null means no body).
// Header names are canonicalized; two names that differ only in case are a
// duplicate. Every problem found is reported in a *validate.Error whose paths
// are JSON pointers into data ("/method", "/headers/X-Foo/1"). A syntax error
// (including invalid UTF-8) stops decoding. On error r is left unchanged.
func (r *Request) UnmarshalJSON(data []byte) error {
	d := jsonDecoder{data: data}
	out, ok := d.request()
	if !ok || len(d.probs) > 0 {
		return &validate.Error{Problems: d.probs}
	}
	*r = out
	return nil
}

// maxSkipDepth bounds the nesting of values skipped in unknown members, so
// that hostile input cannot exhaust the stack.
const maxSkipDepth = 512

// jsonDecoder is a strict RFC 8259 reader for the Request form.
type jsonDecoder struct {
	data  []byte
	pos   int
	probs []validate.Problem
	fatal bool
	buf   []byte // scratch for strings with escapes
}

func (d *jsonDecoder) add(path string, code validate.Code, msg string) {
	d.probs = append(d.probs, validate.Problem{Path: path, Code: code, Message: msg})
}

// fail records a syntax error at byte offset pos and stops decoding; other
// problems found so far are dropped, since nothing after the error can be
// trusted.
func (d *jsonDecoder) fail(path string, pos int, msg string) {
	if d.fatal {
		return
	}
	d.fatal = true
	d.probs = append(d.probs[:0], validate.Problem{Path: path, Code: validate.CodeSyntax, Message: jsonfast.SyntaxMessage(d.data, pos, msg)})
}

func (d *jsonDecoder) skipWS() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, or 0 at the end of the input.
func (d *jsonDecoder) peek() byte {
	d.skipWS()
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// describe names the token at pos for a syntax message.
func (d *jsonDecoder) describe(pos int) string { return jsonfast.Describe(d.data, pos) }

func (d *jsonDecoder) unexpected(path, want string) {
	d.fail(path, d.pos, "expected "+want+" but found "+d.describe(d.pos))
}

// kind names the JSON type of the value starting at the next byte.
func (d *jsonDecoder) kind() string { return jsonfast.Kind(d.peek()) }

func (d *jsonDecoder) request() (Request, bool) {
	var r Request
	const top = ""
	if d.peek() != '{' {
		k := d.kind()
		if !d.skipValue(top, 0) {
			return r, false
		}
		if d.trailing() {
			d.add(top, validate.CodeType, "The input must be a JSON object, not "+k+".")
		}
		return r, false
	}
	d.pos++
	var seenMethod, seenURL, seenHeaders, seenBody bool
	if d.peek() == '}' {
		d.pos++
	} else {
		for {
			if d.peek() != '"' {
				d.unexpected(top, "a member name")
				return r, false
			}
			key, ok := d.str(top)
			if !ok {
				return r, false
			}
			path := "/" + validate.EscapePointerToken(string(key))
			if d.peek() != ':' {
				d.unexpected(path, "':'")
				return r, false
			}
			d.pos++
			var seen *bool
			switch string(key) {
			case "method":
				seen = &seenMethod
			case "url":
				seen = &seenURL
			case "headers":
				seen = &seenHeaders
			case "body":
				seen = &seenBody
			}
			switch {
			case seen == nil:
				d.add(path, validate.CodeUnknown, quoteForMessage(string(key))+" is not a member of a request; its members are method, url, headers and body.")
				ok = d.skipValue(path, 0)
			case *seen:
				d.add(path, validate.CodeDuplicate, "The member "+string(key)+" appears more than once.")
				ok = d.skipValue(path, 0)
			default:
				*seen = true
				switch path {
				case "/method":
					r.Method, ok = d.requiredString(path, "The method")
				case "/url":
					r.URL, ok = d.requiredString(path, "The url")
				case "/headers":
					r.Headers, ok = d.headers(path)
				case "/body":
					r.Body, ok = d.body(path)
				}
			}
			if !ok {
				return r, false
			}
			switch d.peek() {
			case ',':
				d.pos++
				continue
			case '}':
				d.pos++
			default:
				d.unexpected(top, "',' or '}'")
				return r, false
			}
			break
		}
	}
	if !d.trailing() {
		return r, false
	}
	if !seenMethod {
		d.add("/method", validate.CodeRequired, "The method is required.")
	}
	if !seenURL {
		d.add("/url", validate.CodeRequired, "The url is required.")
	}
	return r, true
}

// trailing checks that only white space follows the top-level value.
func (d *jsonDecoder) trailing() bool {
	// peek returns 0 for a NUL byte as well as at the end: test the
	// position, so that trailing NUL bytes are refused too.
	if d.peek(); d.pos < len(d.data) {
		d.fail("", d.pos, "unexpected "+d.describe(d.pos)+" after the top-level value")
		return false
	}
	return true
}

// requiredString reads a string member; null or another type is a problem.
func (d *jsonDecoder) requiredString(path, subject string) (string, bool) {
	switch d.peek() {
	case '"':
		b, ok := d.str(path)
		return string(b), ok
	case 'n':
		if !d.literal(path, "null") {
			return "", false
		}
		d.add(path, validate.CodeRequired, subject+" is required; it must not be null.")
		return "", true
	}
	k := d.kind()
	if !d.skipValue(path, 0) {
		return "", false
	}
	d.add(path, validate.CodeType, subject+" must be a string, not "+k+".")
	return "", true
}

func (d *jsonDecoder) body(path string) (*string, bool) {
	switch d.peek() {
	case '"':
		b, ok := d.str(path)
		if !ok {
			return nil, false
		}
		s := string(b)
		return &s, true
	case 'n':
		return nil, d.literal(path, "null")
	}
	k := d.kind()
	if !d.skipValue(path, 0) {
		return nil, false
	}
	d.add(path, validate.CodeType, "The body must be a string, not "+k+".")
	return nil, true
}

func (d *jsonDecoder) headers(path string) (Header, bool) {
	switch d.peek() {
	case '{':
	case 'n':
		return nil, d.literal(path, "null")
	default:
		k := d.kind()
		if !d.skipValue(path, 0) {
			return nil, false
		}
		d.add(path, validate.CodeType, "The headers must be an object, not "+k+".")
		return nil, true
	}
	d.pos++
	h := Header{}
	if d.peek() == '}' {
		d.pos++
		return h, true
	}
	for {
		if d.peek() != '"' {
			d.unexpected(path, "a header name")
			return nil, false
		}
		nameB, ok := d.str(path)
		if !ok {
			return nil, false
		}
		name := string(nameB)
		// A name that is not to be repeated (see showHeaderName) is
		// reported at the path of the headers object.
		hpath, subject := headerRef(name, nil)
		if d.peek() != ':' {
			d.unexpected(hpath, "':'")
			return nil, false
		}
		d.pos++
		canon := http.CanonicalHeaderKey(name)
		_, dup := h[canon]
		var vals []string
		switch d.peek() {
		case '"':
			b, ok := d.str(hpath)
			if !ok {
				return nil, false
			}
			vals = []string{string(b)}
		case '[':
			vals, ok = d.headerValues(hpath, hpath != path)
			if !ok {
				return nil, false
			}
		default:
			k := d.kind()
			if !d.skipValue(hpath, 0) {
				return nil, false
			}
			d.add(hpath, validate.CodeType, "The value of "+subject+" must be a string or an array of strings, not "+k+".")
			dup = false
		}
		if dup {
			d.add(hpath, validate.CodeDuplicate, upperFirst(subject)+" appears more than once (header names are case-insensitive); give a repeated header as an array.")
		} else if vals != nil {
			h[canon] = vals
		}
		switch d.peek() {
		case ',':
			d.pos++
			continue
		case '}':
			d.pos++
			return h, true
		default:
			d.unexpected(path, "',' or '}'")
			return nil, false
		}
	}
}

// headerValues reads an array of strings; other elements are problems.
// Their paths are path/i when named is set, else path itself (the header's
// name is withheld: path is that of the headers object).
func (d *jsonDecoder) headerValues(path string, named bool) ([]string, bool) {
	d.pos++ // '['
	vals := []string{}
	if d.peek() == ']' {
		d.pos++
		return vals, true
	}
	for i := 0; ; i++ {
		epath := path
		if named {
			epath = path + "/" + strconv.Itoa(i)
		}
		if d.peek() == '"' {
			b, ok := d.str(epath)
			if !ok {
				return nil, false
			}
			vals = append(vals, string(b))
		} else {
			k := d.kind()
			if !d.skipValue(epath, 0) {
				return nil, false
			}
			d.add(epath, validate.CodeType, "Element "+strconv.Itoa(i)+" of a header's values must be a string, not "+k+".")
		}
		switch d.peek() {
		case ',':
			d.pos++
		case ']':
			d.pos++
			return vals, true
		default:
			d.unexpected(path, "',' or ']'")
			return nil, false
		}
	}
}

// str reads a string token at d.pos and returns its decoded bytes. The slice
// aliases d.data or d.buf and is only valid until the next call.
func (d *jsonDecoder) str(path string) ([]byte, bool) {
	start := d.pos
	data := d.data
	i := start + 1
	// Fast path: no escapes.
	for i < len(data) {
		i += jsonfast.Plain(data[i:])
		if i >= len(data) {
			break
		}
		c := data[i]
		if c == '"' {
			d.pos = i + 1
			return data[start+1 : i], true
		}
		if c < 0x20 || c == '\\' {
			break
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				d.fail(path, i, "invalid UTF-8 in a string")
				return nil, false
			}
			i += size
			continue
		}
		i++
	}
	buf := append(d.buf[:0], data[start+1:i]...)
	for {
		// Copy the plain run up to the next special byte in one piece: a
		// JSON body inside a JSON string has an escape every few bytes.
		if n := jsonfast.Plain(data[i:]); n > 0 {
			buf = append(buf, data[i:i+n]...)
			i += n
		}
		if i >= len(data) {
			d.fail(path, start, "the string starting here is not terminated")
			return nil, false
		}
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			d.buf = buf
			return buf, true
		case c < 0x20:
			d.fail(path, i, "control character 0x"+strconv.FormatUint(uint64(c), 16)+" must be escaped in a string")
			return nil, false
		case c == '\\':
			if i+1 >= len(data) {
				d.fail(path, start, "the string starting here is not terminated")
				return nil, false
			}
			switch e := data[i+1]; e {
			case '"', '\\', '/':
				buf = append(buf, e)
				i += 2
			case 'b':
				buf = append(buf, '\b')
				i += 2
			case 'f':
				buf = append(buf, '\f')
				i += 2
			case 'n':
				buf = append(buf, '\n')
				i += 2
			case 'r':
				buf = append(buf, '\r')
				i += 2
			case 't':
				buf = append(buf, '\t')
				i += 2
			case 'u':
				r, ok := jsonfast.Hex4(data, i+2)
				if !ok {
					d.fail(path, i, `invalid \u escape`)
					return nil, false
				}
				i += 6
				if r >= 0xD800 && r < 0xE000 {
					r2, ok2 := rune(0), false
					if r < 0xDC00 && i+1 < len(data) && data[i] == '\\' && data[i+1] == 'u' {
						r2, ok2 = jsonfast.Hex4(data, i+2)
						ok2 = ok2 && r2 >= 0xDC00 && r2 < 0xE000
					}
					if !ok2 {
						// A lone surrogate cannot be represented in UTF-8;
						// decoding it to U+FFFD would change the value.
						d.fail(path, i-6, `lone surrogate \u escape; it is not a Unicode character`)
						return nil, false
					}
					r = 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00)
					i += 6
				}
				buf = utf8.AppendRune(buf, r)
			default:
				d.fail(path, i, "invalid escape "+strconv.QuoteToASCII(string(data[i:i+2])))
				return nil, false
			}
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				d.fail(path, i, "invalid UTF-8 in a string")
				return nil, false
			}
			buf = append(buf, data[i:i+size]...)
			i += size
		default:
			buf = append(buf, c)
			i++
		}
	}
}

func (d *jsonDecoder) literal(path, lit string) bool {
	if len(d.data)-d.pos >= len(lit) && string(d.data[d.pos:d.pos+len(lit)]) == lit {
		d.pos += len(lit)
		return true
	}
	d.unexpected(path, "a JSON value")
	return false
}

func (d *jsonDecoder) number(path string) bool {
	end, _, bad, _ := jsonfast.Number(d.data, d.pos)
	if bad >= 0 {
		d.pos = bad
		d.unexpected(path, "a digit")
		return false
	}
	d.pos = end
	return true
}

// skipValue checks and skips one value of any type.
func (d *jsonDecoder) skipValue(path string, depth int) bool {
	if depth >= maxSkipDepth {
		d.fail(path, d.pos, "values are nested more than "+strconv.Itoa(maxSkipDepth)+" deep")
		d.probs[0].Code = validate.CodeLimit
		return false
	}
	switch c := d.peek(); {
	case c == '"':
		_, ok := d.str(path)
		return ok
	case c == '{':
		d.pos++
		if d.peek() == '}' {
			d.pos++
			return true
		}
		for {
			if d.peek() != '"' {
				d.unexpected(path, "a member name")
				return false
			}
			if _, ok := d.str(path); !ok {
				return false
			}
			if d.peek() != ':' {
				d.unexpected(path, "':'")
				return false
			}
			d.pos++
			if !d.skipValue(path, depth+1) {
				return false
			}
			switch d.peek() {
			case ',':
				d.pos++
			case '}':
				d.pos++
				return true
			default:
				d.unexpected(path, "',' or '}'")
				return false
			}
		}
	case c == '[':
		d.pos++
		if d.peek() == ']' {
			d.pos++
			return true
		}
		for {
			if !d.skipValue(path, depth+1) {
				return false
			}
			switch d.peek() {
			case ',':
				d.pos++
			case ']':
				d.pos++
				return true
			default:
				d.unexpected(path, "',' or ']'")
				return false
			}
		}
	case c == 't':
		return d.literal(path, "true")
	case c == 'f':
		return d.literal(path, "false")
	case c == 'n':
		return d.literal(path, "null")
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number(path)
	default:
		d.unexpected(path, "a JSON value")
		return false
	}
}

// quoteForMessage quotes a name for a message, shortened to 64 bytes.
func quoteForMessage(s string) string {
	if len(s) > 64 {
		cut := 64
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}

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

// problems collects Problems; the zero value is ready to use.
type problems struct {
	list []validate.Problem
}

func (p *problems) add(path string, code validate.Code, msg string) *problems {
	p.list = append(p.list, validate.Problem{Path: path, Code: code, Message: msg})
	return p
}

func (p *problems) any() bool { return len(p.list) > 0 }

// err returns the problems as a *validate.Error, sorted by path (stable) so
// that the order does not depend on map iteration.
func (p *problems) err() error {
	slices.SortStableFunc(p.list, func(a, b validate.Problem) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		// Problems at one path (several at "/headers") may come from a map
		// walk: order them by their text, so the order is always the same.
		if c := strings.Compare(string(a.Code), string(b.Code)); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	return &validate.Error{Problems: p.list}
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
		inner := host[1 : len(host)-1]
		if inner == "" || strings.IndexByte(inner, ':') < 0 {
			return "", "", urlBadHost
		}
		for i := 0; i < len(inner); i++ {
			if c := inner[i]; !isHex(c) && c != ':' && c != '.' {
				return "", "", urlBadHost
			}
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
