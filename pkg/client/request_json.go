package client

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/httpheader"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// This file is the JSON form of Request: its encoder, and its decoder on
// jsonfast.Reader (the one strict reader of the module).

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
	dst = appendString(dst, r.Method)
	dst = append(dst, `,"url":`...)
	dst = appendString(dst, r.URL)
	dst = append(dst, `,"headers":{`...)
	dst = r.Headers.appendJSON(dst)
	dst = append(dst, '}')
	if r.Body != nil {
		dst = append(dst, `,"body":`...)
		dst = jsonfast.AppendString(dst, *r.Body)
	}
	return append(dst, '}')
}

// appendString is jsonfast.AppendString for the short strings of a
// request (a method, a URL, header names and values): one that is
// printable ASCII without a quote or a backslash (nearly all of them) is copied
// whole, found eight bytes at a time, instead of byte by byte.
func appendString(dst []byte, s string) []byte {
	if jsonfast.PlainString(s) == len(s) {
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	return jsonfast.AppendString(dst, s)
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

// headerKey is one header of a Header being encoded.
type headerKey struct {
	canon, orig string
	vals        []string
}

// appendJSON writes the members of h (without braces), sorted by canonical
// name.
func (h Header) appendJSON(dst []byte) []byte {
	if len(h) == 0 {
		return dst
	}
	var buf [16]headerKey
	keys := buf[:0]
	for k, vs := range h {
		keys = append(keys, headerKey{httpheader.CanonicalKey(k), k, vs})
	}
	sortHeaderKeys(keys)
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j].canon == keys[i].canon {
			j++
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, keys[i].canon)
		dst = append(dst, ':')
		n := 0
		for _, k := range keys[i:j] {
			n += len(k.vals)
		}
		if n == 1 {
			for _, k := range keys[i:j] {
				if len(k.vals) == 1 {
					dst = appendString(dst, k.vals[0])
				}
			}
		} else {
			dst = append(dst, '[')
			first := true
			for _, k := range keys[i:j] {
				for _, v := range k.vals {
					if !first {
						dst = append(dst, ',')
					}
					first = false
					dst = appendString(dst, v)
				}
			}
			dst = append(dst, ']')
		}
		i = j
	}
	return dst
}

// sortHeaderKeys sorts keys by canonical name, then by name as given. A
// request has a few headers: they are sorted in place, by insertion; more
// than maxInsertionSort (up to MaxHeaders) are sorted by sort.Slice, on a
// copy so that keys itself can stay on its caller's stack. (A generic
// slices.SortFunc would add its own instantiation, 18 KB of code, to the
// core module; sort.Slice is linked in already.)
func sortHeaderKeys(keys []headerKey) {
	if len(keys) > maxInsertionSort {
		big := append([]headerKey(nil), keys...)
		sort.Slice(big, func(i, j int) bool { return headerKeyLess(&big[i], &big[j]) })
		copy(keys, big)
		return
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && headerKeyLess(&keys[j], &keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

const maxInsertionSort = 24

func headerKeyLess(a, b *headerKey) bool {
	if a.canon != b.canon {
		return a.canon < b.canon
	}
	return a.orig < b.orig
}

// UnmarshalJSON decodes the JSON form of a Request into r.
//
// The input must be one object with the members "method" and "url" (strings,
// required), "headers" (an object whose values are strings or arrays of
// strings; optional) and "body" (a string; optional, null means no body).
// Header names are canonicalized; two names that differ only in case are a
// duplicate. Every problem found is reported in a *validate.Error whose paths
// are JSON pointers into data ("/method", "/headers/X-Foo/1"). It reads
// with the module's one strict reader, so the rules are the validator's: a
// syntax error (including invalid UTF-8) stops decoding; a lone UTF-16
// surrogate escape is a problem of code "invalid" at its string (never
// replaced by U+FFFD); values nested deeper than jsonfast.MaxDepth (512) are
// a problem of code "limit". On error r is left unchanged.
func (r *Request) UnmarshalJSON(data []byte) error {
	d := jsonDecoder{Reader: jsonfast.Reader{Data: data}}
	out, ok := d.request()
	if !ok || len(d.probs) > 0 {
		return &validate.Error{Problems: d.probs}
	}
	*r = out
	return nil
}

// jsonDecoder reads the Request form with jsonfast.Reader.
type jsonDecoder struct {
	jsonfast.Reader
	probs []validate.Problem
	fatal bool
	buf   []byte // scratch for strings with escapes
}

func (d *jsonDecoder) add(path string, code validate.Code, msg string) {
	if !d.fatal {
		d.probs = append(d.probs, validate.Problem{Path: path, Code: code, Message: msg})
	}
}

// syntax turns the Reader's syntax error into the one problem; problems
// found before it are dropped, since nothing after the error can be trusted.
// It returns false.
func (d *jsonDecoder) syntax() bool {
	if !d.fatal && d.Failed {
		d.fatal = true
		d.probs = append(d.probs[:0], validate.Problem{Code: validate.CodeSyntax, Message: jsonfast.SyntaxMessage(d.Data, d.ErrPos, d.ErrWhat)})
	}
	return false
}

// skip checks and skips one value of any type at path.
func (d *jsonDecoder) skip(path string) bool {
	_, lone, deep, ok := d.Skip(jsonfast.MaxDepth, true)
	switch {
	case deep:
		d.add(path, validate.CodeLimit, jsonfast.DepthMessage(jsonfast.MaxDepth))
		d.fatal = true
		return false
	case !ok:
		return d.syntax()
	case lone >= 0:
		d.add(path, validate.CodeInvalid, jsonfast.LoneSurrogateMessage("A string in this value"))
	}
	return true
}

// str reads the string token at d.Pos and returns its decoded bytes; a lone
// surrogate is a problem at path (subject names the string, never quoting
// it). The slice aliases d.Data or d.buf and is only valid until the next
// call.
func (d *jsonDecoder) str(path, subject string) ([]byte, bool) {
	val, escaped, lone, ok := d.StringDecode(d.buf)
	if !ok {
		return nil, d.syntax()
	}
	if lone >= 0 {
		d.add(path, validate.CodeInvalid, jsonfast.LoneSurrogateMessage(subject))
	}
	if escaped {
		d.buf = val[:0] // keep the grown scratch buffer
	}
	return val, true
}

func (d *jsonDecoder) literal(lit string) bool {
	return d.Literal(lit) || d.syntax()
}

func (d *jsonDecoder) request() (Request, bool) {
	var r Request
	const top = ""
	if d.Peek() != '{' {
		if d.AtEnd() {
			d.FailValue()
			return r, d.syntax()
		}
		k := d.Kind()
		if !d.skip(top) {
			return r, false
		}
		if d.End() {
			d.add(top, validate.CodeType, "The input must be a JSON object, not "+k+".")
		}
		return r, d.syntax()
	}
	var seenMethod, seenURL, seenHeaders, seenBody bool
	for empty := d.Open(); !empty; {
		if !d.NameStart() {
			return r, d.syntax()
		}
		keyB, _, lone, ok := d.StringDecode(d.buf)
		if !ok {
			return r, d.syntax()
		}
		if !d.Colon() {
			return r, d.syntax()
		}
		// The four members are matched in place: the name's string and
		// its path are built only for another name.
		var key, path string
		switch string(keyB) {
		case "method":
			key, path = "method", "/method"
		case "url":
			key, path = "url", "/url"
		case "headers":
			key, path = "headers", "/headers"
		case "body":
			key, path = "body", "/body"
		default:
			key = string(keyB)
			path = "/" + pointer.Escape(key)
		}
		if lone >= 0 {
			// As the validator reports it: at the member, which names nothing.
			d.add(path, validate.CodeInvalid, jsonfast.LoneSurrogateMessage("The member name "+quoteForMessage(key)))
			if !d.skip(path) {
				return r, false
			}
			if more, ok := d.Next('}'); !ok {
				return r, d.syntax()
			} else if more {
				continue
			}
			break
		}
		var seen *bool
		switch key {
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
			d.add(path, validate.CodeUnknown, quoteForMessage(key)+" is not a member of a request; its members are method, url, headers and body.")
			ok = d.skip(path)
		case *seen:
			d.add(path, validate.CodeDuplicate, "The member "+key+" appears more than once.")
			ok = d.skip(path)
		default:
			*seen = true
			switch key {
			case "method":
				r.Method, ok = d.requiredString(path, "The method")
			case "url":
				r.URL, ok = d.requiredString(path, "The url")
			case "headers":
				r.Headers, ok = d.headers(path)
			case "body":
				r.Body, ok = d.body(path)
			}
		}
		if !ok {
			return r, false
		}
		more, ok := d.Next('}')
		if !ok {
			return r, d.syntax()
		}
		if !more {
			break
		}
	}
	if !d.End() {
		return r, d.syntax()
	}
	if !seenMethod {
		d.add("/method", validate.CodeRequired, "The method is required.")
	}
	if !seenURL {
		d.add("/url", validate.CodeRequired, "The url is required.")
	}
	return r, true
}

// requiredString reads a string member; null or another type is a problem.
func (d *jsonDecoder) requiredString(path, subject string) (string, bool) {
	switch d.Peek() {
	case '"':
		b, ok := d.str(path, subject)
		switch string(b) { // the usual methods are constants, not copies
		case "POST":
			return "POST", ok
		case "GET":
			return "GET", ok
		case "PUT":
			return "PUT", ok
		case "DELETE":
			return "DELETE", ok
		}
		return string(b), ok
	case 'n':
		if !d.literal("null") {
			return "", false
		}
		d.add(path, validate.CodeRequired, subject+" is required; it must not be null.")
		return "", true
	}
	k := d.Kind()
	if !d.skip(path) {
		return "", false
	}
	d.add(path, validate.CodeType, subject+" must be a string, not "+k+".")
	return "", true
}

func (d *jsonDecoder) body(path string) (*string, bool) {
	switch d.Peek() {
	case '"':
		b, ok := d.str(path, "The body")
		if !ok {
			return nil, false
		}
		s := string(b)
		return &s, true
	case 'n':
		return nil, d.literal("null")
	}
	k := d.Kind()
	if !d.skip(path) {
		return nil, false
	}
	d.add(path, validate.CodeType, "The body must be a string, not "+k+".")
	return nil, true
}

func (d *jsonDecoder) headers(path string) (Header, bool) {
	switch d.Peek() {
	case '{':
	case 'n':
		return nil, d.literal("null")
	default:
		k := d.Kind()
		if !d.skip(path) {
			return nil, false
		}
		d.add(path, validate.CodeType, "The headers must be an object, not "+k+".")
		return nil, true
	}
	h := Header{}
	// One backing array holds the values of the headers that have one
	// (each header's slice is capped, so that appending to one cannot
	// overwrite the next).
	var slab []string
	for empty := d.Open(); !empty; {
		if !d.NameStart() {
			return nil, d.syntax()
		}
		// A header name is never repeated before it is known to be
		// showable: a lone surrogate in one is reported at the headers.
		nameB, ok := d.str(path, "A header name")
		if !ok {
			return nil, false
		}
		name, canon := headerName(nameB)
		if !d.Colon() {
			return nil, d.syntax()
		}
		_, dup := h[canon]
		var vals []string
		switch d.Peek() {
		case '"':
			val, escaped, lone, ok := d.StringDecode(d.buf)
			if !ok {
				return nil, d.syntax()
			}
			if lone >= 0 {
				// A name that is not to be repeated (see showHeaderName)
				// is reported at the path of the headers object.
				hpath, subject := headerRef(name, nil)
				d.add(hpath, validate.CodeInvalid, jsonfast.LoneSurrogateMessage("The value of "+subject))
			}
			if escaped {
				d.buf = val[:0] // keep the grown scratch buffer
			}
			if cap(slab) == len(slab) {
				slab = make([]string, 0, 8)
			}
			slab = append(slab, headerValue(val))
			vals = slab[len(slab)-1 : len(slab) : len(slab)]
		case '[':
			hpath, _ := headerRef(name, nil)
			vals, ok = d.headerValues(hpath, hpath != path)
			if !ok {
				return nil, false
			}
		default:
			hpath, subject := headerRef(name, nil)
			k := d.Kind()
			if !d.skip(hpath) {
				return nil, false
			}
			d.add(hpath, validate.CodeType, "The value of "+subject+" must be a string or an array of strings, not "+k+".")
			dup = false
		}
		if dup {
			hpath, subject := headerRef(name, nil)
			d.add(hpath, validate.CodeDuplicate, upperFirst(subject)+" appears more than once (header names are case-insensitive); give a repeated header as an array.")
		} else if vals != nil {
			h[canon] = vals
		}
		more, ok := d.Next('}')
		if !ok {
			return nil, d.syntax()
		}
		if !more {
			return h, true
		}
	}
	return h, true
}

// headerName returns the header name b as a string and its canonical
// form; the names requests usually carry are constants, not copies.
func headerName(b []byte) (name, canon string) {
	switch string(b) {
	case "Content-Type":
		return "Content-Type", "Content-Type"
	case "content-type":
		return "content-type", "Content-Type"
	case "Host":
		return "Host", "Host"
	case "host":
		return "host", "Host"
	case "Content-Length":
		return "Content-Length", "Content-Length"
	case "content-length":
		return "content-length", "Content-Length"
	case "X-Amz-Date":
		return "X-Amz-Date", "X-Amz-Date"
	case "Authorization":
		return "Authorization", "Authorization"
	case "X-Amz-Security-Token":
		return "X-Amz-Security-Token", "X-Amz-Security-Token"
	case "Accept":
		return "Accept", "Accept"
	case "User-Agent":
		return "User-Agent", "User-Agent"
	}
	name = string(b)
	return name, httpheader.CanonicalKey(name)
}

// headerValue returns the header value b as a string; the values of
// Content-Type that requests usually carry are constants, not copies.
func headerValue(b []byte) string {
	switch string(b) {
	case "application/json":
		return "application/json"
	case "application/x-amz-json-1.1":
		return "application/x-amz-json-1.1"
	}
	return string(b)
}

// headerValues reads an array of strings; other elements are problems.
// Their paths are path/i when named is set, else path itself (the header's
// name is withheld: path is that of the headers object).
func (d *jsonDecoder) headerValues(path string, named bool) ([]string, bool) {
	vals := []string{}
	for i, empty := 0, d.Open(); !empty; i++ {
		epath := path
		if named {
			epath = path + "/" + strconv.Itoa(i)
		}
		subject := "Element " + strconv.Itoa(i) + " of a header's values"
		if d.Peek() == '"' {
			b, ok := d.str(epath, subject)
			if !ok {
				return nil, false
			}
			vals = append(vals, string(b))
		} else {
			k := d.Kind()
			if !d.skip(epath) {
				return nil, false
			}
			d.add(epath, validate.CodeType, subject+" must be a string, not "+k+".")
		}
		more, ok := d.Next(']')
		if !ok {
			return nil, d.syntax()
		}
		if !more {
			break
		}
	}
	return vals, true
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
