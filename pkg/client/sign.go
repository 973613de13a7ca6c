//go:build !nosign

package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// DefaultExpires is the lifetime of a presigned request when
// SignOptions.Expires is zero.
const DefaultExpires = 15 * time.Minute

// MaxExpires is the longest lifetime SigV4 allows for a presigned request.
const MaxExpires = 7 * 24 * time.Hour

// emptyPayloadHash is the hex SHA-256 of an empty payload.
const emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// SignOptions control Sign and SignHTTP. Credentials, Region and Time are
// required.
type SignOptions struct {
	Credentials Credentials
	Region      string        // required
	Service     string        // default "amplifybackend"
	Time        time.Time     // required (no time.Now() inside the signing function)
	Presign     bool          // signature in the query string (X-Amz-Signature ...)
	Expires     time.Duration // presign expiry; default 15 minutes; 1s..7 days
	// DisablePathNormalization signs the path as written. By default the
	// canonical path drops "." and ".." segments and empty segments (the
	// wire path is never changed).
	DisablePathNormalization bool
	// SignBody adds and signs X-Amz-Content-Sha256 (header mode only; a
	// presigned URL never carries it).
	SignBody bool
	// UnsignedSessionToken sends X-Amz-Security-Token (a header, or a query
	// parameter when presigning) without including it in the signature, as
	// some services (AWS IoT) require. By default the token is signed.
	UnsignedSessionToken bool
}

// Sign signs req with AWS Signature Version 4 and returns the request to
// send, in the same form. It signs any request, not only ones the builder
// made, and does not modify req; the result may share header value slices
// with req.
//
// In header mode the result has Authorization, X-Amz-Date, Host,
// X-Amz-Security-Token (with a session token), X-Amz-Content-Sha256 (with
// SignBody) and Content-Length (with a non-empty body) headers, besides the
// headers of req. With Presign the URL carries X-Amz-Algorithm,
// X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders,
// X-Amz-Signature (and X-Amz-Security-Token) instead, and the headers are
// the ones that must be sent with it (Host, Content-Length and any signed
// header of req).
//
// The path goes on the wire as written in req.URL; the canonical path is
// that path, normalized unless DisablePathNormalization is set, escaped once.
// The query on the wire is the canonical query (sorted, each name and value
// percent-encoded once), so that what is sent is exactly what was signed.
// Header values folded over several lines are unfolded (each line break and
// the white space after it become one space). Each header value is signed
// in SigV4's canonical form, trimmed and with every run of spaces and tabs
// as one space (as botocore and @smithy/signature-v4 sign it), and sent as
// written. A Host header must name the
// URL's host; a Content-Length header must be the body's length.
//
// A previous signature is replaced: the Authorization, X-Amz-Date,
// X-Amz-Security-Token and X-Amz-Content-Sha256 headers and the X-Amz-*
// signing parameters of the query are dropped from req before signing, so
// signing a signed request again gives the same result as signing the
// original.
//
// Problems with the options or the request are reported together as a
// *validate.Error with JSON-pointer paths ("/credentials/secretAccessKey",
// "/region", "/url", "/headers/Foo"). A request over one of the limits
// (MaxURLBytes, MaxHeaders, MaxHeaderValueBytes, MaxHeaderBytes,
// MaxBodyBytes) is refused with code "limit". No error ever contains the
// secret access key or the session token: a header name is repeated (in a
// path or a message) only when it is a valid token of at most 64 bytes that
// does not contain either of them, in any letter case; other names are
// reported at "/headers".
func Sign(req Request, opts SignOptions) (Request, error) {
	return sign(req, -1, "", opts)
}

// Digest describes a body that is not in the request: its length in bytes
// and its SHA-256, 64 lower-case hexadecimal digits.
type Digest struct {
	Length int64
	SHA256 string
}

// SignDigest signs req as Sign would sign it with a body of d.Length bytes
// whose SHA-256 is d.SHA256, without the body: req.Body must be nil, and
// the result has a nil Body (the caller sends its own). The signature is
// the one Sign gives for the request with that body.
//
// It is what lets a host keep a large body on its side (the JS glue hashes
// it with node:crypto in Node) and hand only its length and digest over.
func SignDigest(req Request, d Digest, opts SignOptions) (Request, error) {
	if req.Body != nil {
		return Request{}, &validate.Error{Problems: []validate.Problem{{Path: "/body", Code: validate.CodeInvalid,
			Message: "The body must not be given with its digest: SignDigest signs a request without its body."}}}
	}
	if d.Length < 0 || !isLowerHex64(d.SHA256) {
		return Request{}, &validate.Error{Problems: []validate.Problem{{Path: "/bodySha256", Code: validate.CodeInvalid,
			Message: "The body digest must be a length of 0 or more bytes and a SHA-256 of 64 lower-case hexadecimal digits."}}}
	}
	return sign(req, d.Length, d.SHA256, opts)
}

// sign is Sign (bodyLen < 0: the body is req.Body) and SignDigest (the
// body is bodyLen bytes of hash bodyHash, not in req).
func sign(req Request, bodyLen int64, bodyHash string, opts SignOptions) (Request, error) {
	var ps problems
	sec := credentialSecrets(&opts.Credentials)
	service, expires := checkOptions(&ps, &opts)
	if !validToken(req.Method) {
		ps.add("/method", validate.CodeInvalid, methodMessage(req.Method))
	}
	var u wireURL
	uerr := urlTooLong
	if checkURLLimit(&ps, len(req.URL)) {
		u, uerr = parseWireURL(req.URL)
		if uerr != urlOK {
			code := validate.CodeInvalid
			if uerr == urlEmpty {
				code = validate.CodeRequired
			}
			ps.add("/url", code, uerr.message())
		}
	}
	body := ""
	if req.Body != nil {
		body = *req.Body
	}
	n := len(body)
	if bodyLen >= 0 {
		n = int(bodyLen)
	}
	bodyOK := checkBodyLimit(&ps, n)

	h := make(http.Header, len(req.Headers)+5)
	var hostHeader, lengthHeader []string
	tabs := false
	if checkHeaderLimits(&ps, req.Headers, &sec) {
		hostHeader, lengthHeader, tabs = collectHeaders(&ps, req.Headers, h, &sec)
	}
	signedHost := ""
	if uerr == urlOK {
		signedHost = hostForSigning(u.scheme, u.host)
		if hostHeader != nil {
			checkHostHeader(&ps, hostHeader, u.scheme, signedHost, &sec)
		}
	}
	if lengthHeader != nil && bodyOK {
		if len(lengthHeader) != 1 || strings.TrimSpace(lengthHeader[0]) != strconv.Itoa(n) {
			ps.add("/headers/Content-Length", validate.CodeInvalid, "The Content-Length header must be the length of the body in bytes ("+strconv.Itoa(n)+").")
		}
	}
	if ps.any() {
		return Request{}, ps.err()
	}

	sl := new(signSlots)
	t := signTarget{
		method:     req.Method,
		scheme:     u.scheme,
		host:       u.host,
		signedHost: signedHost,
		path:       u.path,
		query:      stripSigningParams(u.query),
		header:     h,
		tabs:       tabs,
		length:     int64(n),
		hash:       bodyHash,
		slots:      sl,
	}
	if bodyLen < 0 {
		t.hash = sl.hashHex(body)
	}
	query, err := signCore(&t, &opts, service, expires)
	if err != nil {
		return Request{}, err
	}
	// Host and Content-Length are listed as signed (see signCore).
	sl.vals[slotHost] = signedHost
	h["Host"] = sl.vals[slotHost : slotHost+1 : slotHost+1]
	if n > 0 {
		sl.vals[slotLength] = unsafe.String(&sl.length[0], len(strconv.AppendInt(sl.length[:0], int64(n), 10)))
		h["Content-Length"] = sl.vals[slotLength : slotLength+1 : slotLength+1]
	} else if lengthHeader != nil {
		h["Content-Length"] = lengthHeader // "0": sent, not signed
	}

	outURL := req.URL
	if !u.canonical || query != u.query {
		var b strings.Builder
		b.Grow(len(u.scheme) + 3 + len(u.host) + len(u.path) + 1 + len(query))
		b.WriteString(u.scheme)
		b.WriteString("://")
		b.WriteString(u.host)
		b.WriteString(u.path)
		if query != "" {
			b.WriteByte('?')
			b.WriteString(query)
		}
		outURL = b.String()
	}
	return Request{Method: req.Method, URL: outURL, Headers: Header(h), Body: req.Body}, nil
}

// SignHTTP signs r in place with AWS Signature Version 4, for the Go client.
//
// payloadHash is the lowercase hex SHA-256 of the body, or
// "UNSIGNED-PAYLOAD"; when it is empty it is computed from r.GetBody (or is
// the hash of an empty body when r has none). SignHTTP applies the same rules
// and workarounds as Sign: the path net/http will send (r.URL.Opaque's path,
// else r.URL.EscapedPath()) is the wire path; r.URL.RawQuery becomes the
// canonical query (with the X-Amz-* parameters when presigning); r.Host is
// set to the signed host; r.Header (the same map) gets canonical names,
// unfolded values and the signature headers, and loses the headers of an
// earlier signature and a Host entry. r.URL.Opaque and the path are not
// changed.
//
// On error r is not modified.
func SignHTTP(r *http.Request, payloadHash string, opts SignOptions) error {
	var ps problems
	sec := credentialSecrets(&opts.Credentials)
	service, expires := checkOptions(&ps, &opts)
	if r == nil {
		return ps.add("", validate.CodeRequired, "The request is required.").err()
	}
	if r.URL == nil {
		return ps.add("/url", validate.CodeRequired, "The url is required.").err()
	}
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	if !validToken(method) {
		ps.add("/method", validate.CodeInvalid, methodMessage(method))
	}
	scheme := strings.ToLower(r.URL.Scheme)
	uerr := urlOK
	switch {
	case scheme != "http" && scheme != "https":
		uerr = urlNotAbsolute
	case r.URL.User != nil:
		uerr = urlUserinfo
	default:
		uerr = checkHostPort(r.URL.Host)
	}
	path, ok := httpWirePath(r.URL)
	if uerr == urlOK && !ok {
		uerr = urlNotAbsolute
	}
	if uerr == urlOK && !checkURLLimit(&ps, len(scheme)+3+len(r.URL.Host)+len(path)+1+len(r.URL.RawQuery)) {
		uerr = urlTooLong
	}
	if uerr == urlOK {
		uerr = checkWireText(path)
	}
	if uerr == urlOK {
		uerr = checkWireText(r.URL.RawQuery)
		if uerr == urlOK && strings.IndexByte(r.URL.RawQuery, ';') >= 0 {
			uerr = urlBadQuery
		}
	}
	if uerr != urlOK && uerr != urlTooLong {
		ps.add("/url", validate.CodeInvalid, uerr.message())
	}
	host := strings.ToLower(r.URL.Host)
	if r.Host != "" {
		if checkHostPort(r.Host) != urlOK {
			ps.add("/host", validate.CodeInvalid, "The request's Host must be one host name, with an optional port.")
		}
		host = strings.ToLower(r.Host)
	}
	signedHost := hostForSigning(scheme, host)

	h := make(http.Header, len(r.Header)+5)
	var hostHeader, lengthHeader []string
	tabs := false
	if checkHeaderLimits(&ps, r.Header, &sec) {
		hostHeader, lengthHeader, tabs = collectHeaders(&ps, r.Header, h, &sec)
	}
	if hostHeader != nil {
		checkHostHeader(&ps, hostHeader, scheme, signedHost, &sec)
	}
	if lengthHeader != nil {
		// net/http sends r.ContentLength and ignores this entry; keep it.
		h["Content-Length"] = lengthHeader
	}
	switch {
	case payloadHash == "":
		if r.Body == nil || r.Body == http.NoBody {
			payloadHash = emptyPayloadHash
		} else if r.GetBody == nil {
			ps.add("/payloadHash", validate.CodeRequired, "The payload hash is required when the body cannot be read again (set GetBody or pass the hash).")
		} else if ps.any() {
			// Do not read the body of a request that will not be signed.
		} else if rc, err := r.GetBody(); err != nil {
			return err
		} else {
			hsh := sha256.New()
			_, err = io.Copy(hsh, rc)
			rc.Close()
			if err != nil {
				return err
			}
			payloadHash = hex.EncodeToString(hsh.Sum(nil))
		}
	case payloadHash == "UNSIGNED-PAYLOAD" || isLowerHex64(payloadHash):
	default:
		ps.add("/payloadHash", validate.CodeInvalid, "The payload hash must be the lowercase hex SHA-256 of the body or UNSIGNED-PAYLOAD.")
	}
	if ps.any() {
		return ps.err()
	}

	length := r.ContentLength
	if r.Body == nil || r.Body == http.NoBody {
		length = 0
	}
	t := signTarget{
		method:     method,
		scheme:     scheme,
		host:       host,
		signedHost: signedHost,
		path:       path,
		query:      stripSigningParams(r.URL.RawQuery),
		header:     h,
		tabs:       tabs,
		length:     length,
		hash:       payloadHash,
		slots:      new(signSlots),
	}
	query, err := signCore(&t, &opts, service, expires)
	if err != nil {
		return err
	}
	if r.Header == nil {
		r.Header = h
	} else {
		clear(r.Header)
		maps.Copy(r.Header, h)
	}
	r.Host = signedHost
	r.URL.RawQuery = query
	r.URL.ForceQuery = false
	return nil
}

// signTarget is a validated request, ready for the signer.
type signTarget struct {
	method     string
	scheme     string
	host       string // the URL's host[:port], lower case
	signedHost string // the Host header value: host without a default port
	path       string // the wire path, as written ("" means "/")
	query      string // the raw query, without earlier signing parameters
	header     http.Header
	tabs       bool  // a value in header holds a tab (see signerHeader)
	length     int64 // body length; signed as Content-Length when > 0
	hash       string
	slots      *signSlots
}

// signSlots is the memory of the header values a signature adds, one
// allocation per signed request: the signer appends its X-Amz-Date and
// Authorization values into entries that signCore puts in the header map
// with length 0 and capacity 1 (it appends to header[k][:0]), where it would
// otherwise allocate a slice for each. Every entry is a full slice
// expression, so that appending to one value never writes into another.
type signSlots struct {
	vals   [slotCount]string
	length [20]byte              // the digits of Content-Length
	hash   [2 * sha256.Size]byte // the hex SHA-256 of the body
}

// The values of signSlots.vals.
const (
	slotHost = iota
	slotLength
	slotDate
	slotAuthorization
	slotToken
	slotContentSHA256
	slotCount
)

// slot returns value i as a slice of length n (0 or 1) and capacity 1.
func (sl *signSlots) slot(i, n int) []string { return sl.vals[i : i+n : i+1] }

// hashHex returns the lowercase hex SHA-256 of s, in sl's memory.
func (sl *signSlots) hashHex(s string) string {
	if s == "" {
		return emptyPayloadHash
	}
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(s), len(s)))
	hex.Encode(sl.hash[:], sum[:])
	return unsafe.String(&sl.hash[0], len(sl.hash))
}

// signCore signs t with the aws-sdk-go-v2 signer on a scratch *http.Request
// and returns the raw query to send. It adds the signature headers to
// t.header (header mode) or removes the headers the signer hoisted into the
// query (presign mode).
//
// The scratch request works around the places where the signer, given a
// plain *http.Request, does not produce the published SigV4 test vectors:
//
//   - Canonical path, escaped exactly once: the signer takes
//     URL.EscapedPath() and escapes it again, so a path net/url has already
//     escaped (a space, UTF-8) would come out escaped twice ("%2520"). We set
//     URL.Opaque to the wire path, which the signer uses as given and then
//     escapes once. A path starting with "//" is given as "//host//path",
//     since the signer strips a leading "//" and a host from Opaque.
//   - Path normalization: the signer never removes ".", ".." or empty
//     segments. Unless DisablePathNormalization is set, Opaque carries the
//     normalized path; the wire path (the URL we return) stays as written.
//   - Host: the signer signs Request.Host (else URL.Host) with a default
//     port removed, and ignores the value of a "Host" entry in the header
//     map, so a Host header naming another host would be sent unsigned; the
//     callers reject that (checkHostHeader) and remove the entry. We set
//     Request.Host to the host we computed ourselves, because the signer's
//     default-port removal also strips the brackets of an IPv6 literal
//     ("[::1]:443" becomes "::1"), and list Host in the result so that the
//     caller sends exactly the signed value.
//   - Content-Length: the signer signs Request.ContentLength when it is
//     positive and ignores a Content-Length header. We set ContentLength to
//     the body's length and list Content-Length in the result.
//   - Multi-line header values: the signer only trims and collapses spaces,
//     so a value folded over several lines would keep its line breaks; the
//     caller (Sign, SignHTTP) unfolds them before they get here.
//   - Tabs in header values: SigV4 canonicalizes a value by collapsing every
//     run of spaces and tabs to one space (botocore, @smithy/signature-v4,
//     and so the service), but the signer collapses spaces only, so "a<TAB>b"
//     would be signed as written and refused. When a value holds a tab the
//     signer gets a copy of the header map with such runs collapsed (see
//     signerHeader); the values sent stay as written, as the SDKs send them.
//   - X-Amz-Content-Sha256 is one of the signer's always-signed headers and
//     is never hoisted into the query, so when presigning we never add it
//     (SignBody only applies to header mode) and any such header was dropped
//     with the other signature headers; the payload hash still covers the
//     body.
//   - Secret keys: the signer caches derived signing keys per region and
//     service, checking only the access key ID and the day, so a second
//     secret for the same key ID would be signed with the first one's key.
//     signerFor keeps one signer per secret.
//   - UnsignedSessionToken: the signer's DisableSessionToken leaves the
//     token out, and we add it after signing.
func signCore(t *signTarget, o *SignOptions, service string, expires int64) (string, error) {
	canonPath := t.path
	if canonPath == "" {
		canonPath = "/"
	}
	if !o.DisablePathNormalization {
		canonPath = normalizePath(canonPath)
	}
	opaque := canonPath
	if strings.HasPrefix(canonPath, "//") {
		opaque = "//" + t.host + canonPath
	}
	query := t.query
	if o.Presign {
		// PresignHTTP does not set the expiry; it signs what it finds.
		exp := "X-Amz-Expires=" + strconv.FormatInt(expires, 10)
		if query == "" {
			query = exp
		} else {
			query = query + "&" + exp
		}
	} else if o.SignBody {
		t.slots.vals[slotContentSHA256] = t.hash
		t.header["X-Amz-Content-Sha256"] = t.slots.slot(slotContentSHA256, 1)
	}
	header, copied := t.header, false
	if t.tabs {
		header, copied = signerHeader(t.header)
	}
	// sc is zero (new, or cleared by release): its fields are set one by
	// one, since assigning whole structs would copy every word of an
	// http.Request (with a write barrier for each pointer while the GC
	// marks).
	sc := getScratch()
	defer sc.release()
	sc.u.Scheme, sc.u.Host, sc.u.Opaque, sc.u.RawQuery = t.scheme, t.host, opaque, query
	hr := &sc.r
	hr.Method, hr.URL, hr.Header, hr.Host, hr.ContentLength = t.method, &sc.u, header, t.signedHost, t.length
	creds := aws.Credentials{
		AccessKeyID:     o.Credentials.AccessKeyID,
		SecretAccessKey: o.Credentials.SecretAccessKey,
		SessionToken:    o.Credentials.SessionToken,
	}
	token := o.Credentials.SessionToken
	unsignedToken := o.UnsignedSessionToken && token != ""
	var optFns []func(*v4.SignerOptions)
	if unsignedToken {
		optFns = disableSessionToken[:]
	}
	s := signerFor(o.Credentials.SecretAccessKey)
	ctx := context.Background()

	if !o.Presign {
		if !copied {
			// The entries the signer fills (see signSlots); each is set
			// below or by the signer before it reads the header map
			// (Authorization, set last, is never signed).
			header["X-Amz-Date"] = t.slots.slot(slotDate, 0)
			header["Authorization"] = t.slots.slot(slotAuthorization, 0)
			if token != "" && !unsignedToken {
				header["X-Amz-Security-Token"] = t.slots.slot(slotToken, 0)
			}
		}
		if err := s.SignHTTP(ctx, creds, hr, t.hash, service, o.Region, o.Time, optFns...); err != nil {
			return "", signerError(err)
		}
		if copied {
			// The signature headers the signer added to the copy.
			for k, vs := range header {
				if _, ok := t.header[k]; !ok {
					t.header[k] = vs
				}
			}
		}
		if unsignedToken {
			t.slots.vals[slotToken] = token
			t.header["X-Amz-Security-Token"] = t.slots.slot(slotToken, 1)
		}
		return hr.URL.RawQuery, nil
	}

	signedURL, signed, err := s.PresignHTTP(ctx, creds, hr, t.hash, service, o.Region, o.Time, optFns...)
	if err != nil {
		return "", signerError(err)
	}
	// The URL is scheme ":" Opaque "?" query; neither part before the query
	// can contain '?'.
	query = ""
	if i := strings.IndexByte(signedURL, '?'); i >= 0 {
		query = signedURL[i+1:]
	}
	if unsignedToken {
		query += "&X-Amz-Security-Token=" + escape(token, false)
	}
	// The signer moved every X-Amz-* header it does not always sign into the
	// query; they must not be sent twice.
	for k := range t.header {
		if len(k) >= 6 && strings.EqualFold(k[:6], "X-Amz-") {
			if _, ok := signed[k]; !ok {
				delete(t.header, k)
			}
		}
	}
	return query, nil
}

// signerHeader returns the header map to give the signer: h itself, or,
// when a value holds a tab, a copy in which every run of spaces and tabs in
// such a value is one space, the canonical form SigV4 signs. The copy shares
// the value slices of the other headers.
func signerHeader(h http.Header) (http.Header, bool) {
	var out http.Header
	for k, vs := range h {
		for i, v := range vs {
			if strings.IndexByte(v, '\t') < 0 {
				continue
			}
			if out == nil {
				out = maps.Clone(h)
			}
			if &out[k][0] == &vs[0] {
				out[k] = slices.Clone(vs)
			}
			out[k][i] = collapseBlanks(v)
		}
	}
	if out == nil {
		return h, false
	}
	return out, true
}

// collapseBlanks replaces every run of spaces and tabs in v with one space.
func collapseBlanks(v string) string {
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != ' ' && c != '\t' {
			b = append(b, c)
			continue
		}
		b = append(b, ' ')
		for i+1 < len(v) && (v[i+1] == ' ' || v[i+1] == '\t') {
			i++
		}
	}
	return string(b)
}

// scratch is the *http.Request (and its URL) signCore hands the signer.
// The signer does not keep it (PresignHTTP signs a clone), so one is reused
// from a free list rather than allocated for every signature. (Not a
// sync.Pool: putting a *scratch in an interface keeps every exported method
// of http.Request in the WebAssembly module, 350 KB.)
type scratch struct {
	r http.Request
	u url.URL
}

// scratches holds the released scratch requests, at most maxScratches.
var scratches struct {
	sync.Mutex
	free []*scratch
}

const maxScratches = 16

// getScratch returns a zero scratch.
func getScratch() *scratch {
	scratches.Lock()
	var sc *scratch
	if n := len(scratches.free); n > 0 {
		sc = scratches.free[n-1]
		scratches.free = scratches.free[:n-1]
	}
	scratches.Unlock()
	if sc == nil {
		sc = new(scratch)
	}
	return sc
}

// release clears sc, so that the list holds no request data, and returns
// it to the list.
func (sc *scratch) release() {
	*sc = scratch{}
	scratches.Lock()
	if len(scratches.free) < maxScratches {
		scratches.free = append(scratches.free, sc)
	}
	scratches.Unlock()
}

var disableSessionToken = [1]func(*v4.SignerOptions){
	func(o *v4.SignerOptions) { o.DisableSessionToken = true },
}

// signerError reports an error from the signer (it has none today) without
// any credential in it.
func signerError(err error) error {
	return &validate.Error{Problems: []validate.Problem{{
		Path: "", Code: validate.CodeInvalid, Message: "The request could not be signed: " + err.Error(),
	}}}
}

// signers holds one v4.Signer per secret access key, because a v4.Signer's
// key cache is keyed by region, service, access key ID and day only. The map
// key is a hash of the secret with a per-process random seed (so the secret
// itself is not kept, and the key cannot be matched outside the process).
// Each signer is safe for concurrent use.
var signers struct {
	sync.RWMutex
	seed maphash.Seed
	m    map[uint64]*v4.Signer
}

func init() { signers.seed = maphash.MakeSeed() }

// maxSigners bounds the signer cache; when it is full it starts over.
const maxSigners = 64

func signerFor(secret string) *v4.Signer {
	key := maphash.String(signers.seed, secret)
	signers.RLock()
	s := signers.m[key]
	signers.RUnlock()
	if s != nil {
		return s
	}
	signers.Lock()
	defer signers.Unlock()
	if s = signers.m[key]; s != nil {
		return s
	}
	if signers.m == nil || len(signers.m) >= maxSigners {
		signers.m = make(map[uint64]*v4.Signer)
	}
	s = v4.NewSigner()
	signers.m[key] = s
	return s
}

// checkOptions validates o and returns the service name and the presign
// expiry in seconds. No message quotes a credential.
func checkOptions(ps *problems, o *SignOptions) (service string, expires int64) {
	c := &o.Credentials
	switch {
	case c.AccessKeyID == "":
		ps.add("/credentials/accessKeyId", validate.CodeRequired, "The access key ID is required.")
	case !validKeyID(c.AccessKeyID):
		ps.add("/credentials/accessKeyId", validate.CodeInvalid, "The access key ID must be 1 to 128 letters, digits, '-', '_' or '.'.")
	}
	if c.SecretAccessKey == "" {
		ps.add("/credentials/secretAccessKey", validate.CodeRequired, "The secret access key is required.")
	}
	for i := 0; i < len(c.SessionToken); i++ {
		if b := c.SessionToken[i]; b <= ' ' || b == 0x7f {
			ps.add("/credentials/sessionToken", validate.CodeInvalid, "The session token must not contain spaces or control characters.")
			break
		}
	}
	switch {
	case o.Region == "":
		ps.add("/region", validate.CodeRequired, "The region is required.")
	case !validScopeName(o.Region):
		ps.add("/region", validate.CodeInvalid, "The region must be 1 to 64 lowercase letters, digits or hyphens, such as us-east-1.")
	}
	service = o.Service
	if service == "" {
		service = DefaultService
	} else if !validScopeName(service) {
		ps.add("/service", validate.CodeInvalid, "The service must be 1 to 64 lowercase letters, digits or hyphens, such as amplifybackend.")
	}
	if o.Time.IsZero() {
		ps.add("/time", validate.CodeRequired, "The signing time is required.")
	} else if y := o.Time.UTC().Year(); y < 1 || y > 9999 {
		ps.add("/time", validate.CodeRange, "The signing time must be between years 1 and 9999.")
	}
	if o.Presign {
		d := o.Expires
		if d == 0 {
			d = DefaultExpires
		}
		switch {
		case d < time.Second || d > MaxExpires:
			ps.add("/expires", validate.CodeRange, "The expiry must be between 1 second and 7 days.")
		case d%time.Second != 0:
			ps.add("/expires", validate.CodeInvalid, "The expiry must be a whole number of seconds.")
		}
		expires = int64(d / time.Second)
	}
	return service, expires
}

func validKeyID(s string) bool {
	if len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// validScopeName checks a region or service: [a-z0-9-]{1,64}.
func validScopeName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func isLowerHex64(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// foldValues unfolds and checks the values of header name. It returns vals
// itself when no value changes.
func foldValues(ps *problems, name string, vals []string, sec *secrets) []string {
	out, copied := vals, false
	for i, v := range vals {
		f, changed, ok := foldValue(v)
		if !ok {
			path, subject := headerRef(name, sec)
			if path != "/headers" {
				path = valuePath(path, vals, i)
			}
			ps.add(path, validate.CodeInvalid,
				"The value of "+subject+" must not contain control characters or line breaks other than folding (a line break followed by a space or tab).")
			continue
		}
		if changed {
			if !copied {
				out, copied = slices.Clone(vals), true
			}
			out[i] = f
		}
	}
	return out
}

// foldValue replaces each obs-fold (CRLF or LF followed by spaces or tabs)
// with one space, as RFC 9112 section 5.2 allows a recipient to do. It
// reports ok=false when a CR, LF, NUL or other control character (except
// tab) remains.
func foldValue(v string) (folded string, changed, ok bool) {
	i := 0
	for i < len(v) {
		if c := v[i]; c < 0x20 && c != '\t' || c == 0x7f {
			break
		}
		i++
	}
	if i == len(v) {
		return v, false, true
	}
	b := make([]byte, 0, len(v))
	b = append(b, v[:i]...)
	for i < len(v) {
		c := v[i]
		if c == '\r' || c == '\n' {
			j := i
			if c == '\r' {
				if j+1 >= len(v) || v[j+1] != '\n' {
					return "", false, false
				}
				j++
			}
			j++
			if j >= len(v) || (v[j] != ' ' && v[j] != '\t') {
				return "", false, false
			}
			for j < len(v) && (v[j] == ' ' || v[j] == '\t') {
				j++
			}
			b = append(b, ' ')
			i = j
			continue
		}
		if c < 0x20 && c != '\t' || c == 0x7f {
			return "", false, false
		}
		b = append(b, c)
		i++
	}
	return string(b), true, true
}

// reportDuplicates reports the header names of hdr that canonicalize to
// canon, except the first in sorted order.
func reportDuplicates(ps *problems, hdr map[string][]string, canon string, sec *secrets) {
	var names []string
	for name := range hdr {
		if http.CanonicalHeaderKey(name) == canon {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names[min(1, len(names)):] {
		path, subject := headerRef(name, sec)
		ps.add(path, validate.CodeDuplicate, upperFirst(subject)+" is given twice (header names are case-insensitive); give its values in one list.")
	}
}

// checkHostHeader checks that a Host header names the host that is signed
// (case-insensitively, with or without the scheme's default port).
func checkHostHeader(ps *problems, vals []string, scheme, signedHost string, sec *secrets) {
	if len(vals) == 1 && vals[0] == signedHost {
		return // as Build writes it: the test below would accept it
	}
	if len(vals) == 1 {
		v := strings.ToLower(strings.TrimSpace(vals[0]))
		if checkHostPort(v) == urlOK && hostForSigning(scheme, v) == signedHost {
			return
		}
	}
	host := " (" + signedHost + ")"
	if len(signedHost) > maxShownHeaderName || sec.in(signedHost) {
		host = ""
	}
	ps.add("/headers/Host", validate.CodeInvalid, "The Host header must name the URL's host"+host+", which is the host that is signed.")
}

// Bits of the header names collectHeaders sets aside.
const (
	hostBit = 1 << iota
	lengthBit
	signatureBit // a header that a signature sets
)

// specialHeader classifies a canonical header name: Host and
// Content-Length, which the signer takes from the request rather than from
// the header map (see signCore), and the headers a signature sets
// (Authorization, X-Amz-Date, ...), which are dropped so that signing a
// signed request again replaces them.
func specialHeader(canon string) int {
	switch canon {
	case "Host":
		return hostBit
	case "Content-Length":
		return lengthBit
	case "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
		"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Expires", "X-Amz-Signature", "X-Amz-Signedheaders":
		return signatureBit
	}
	return 0
}

// collectHeaders checks hdr and copies it into h under canonical names with
// unfolded values, leaving out Host, Content-Length (returned) and the
// headers of an earlier signature. Names that differ only in case are
// reported as duplicates. tabs reports a value in h that holds a tab (see
// signerHeader).
func collectHeaders(ps *problems, hdr map[string][]string, h http.Header, sec *secrets) (hostVals, lengthVals []string, tabs bool) {
	var collided []string
	seen := 0
	invalid := 0
	for name, vals := range hdr {
		if !validToken(name) {
			invalid++
			continue
		}
		if len(vals) == 0 {
			continue // a header without values is not sent
		}
		canon := http.CanonicalHeaderKey(name)
		if bit := specialHeader(canon); bit != 0 {
			if bit != signatureBit && seen&bit != 0 {
				collided = append(collided, canon)
				continue
			}
			seen |= bit
			switch bit {
			case hostBit:
				hostVals = foldValues(ps, name, vals, sec)
			case lengthBit:
				lengthVals = foldValues(ps, name, vals, sec)
			}
			continue
		}
		n := len(h)
		folded := foldValues(ps, name, vals, sec)
		for _, v := range folded {
			tabs = tabs || strings.IndexByte(v, '\t') >= 0
		}
		h[canon] = folded
		if len(h) == n {
			collided = append(collided, canon)
		}
	}
	if invalid > 0 {
		ps.add("/headers", validate.CodeInvalid, invalidNamesMessage(invalid))
	}
	slices.Sort(collided)
	for _, canon := range slices.Compact(collided) {
		reportDuplicates(ps, hdr, canon, sec)
	}
	return hostVals, lengthVals, tabs
}

// signingParams are the query parameters a presigned request carries.
var signingParams = [...]string{
	"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
	"X-Amz-Security-Token", "X-Amz-Signature", "X-Amz-SignedHeaders",
}

// stripSigningParams removes the parameters of an earlier presignature from
// a raw query.
func stripSigningParams(q string) string {
	if !strings.Contains(q, "X-Amz-") && !strings.Contains(q, "%") {
		return q
	}
	var b strings.Builder
	rest := q
	for rest != "" {
		pair := rest
		if i := strings.IndexByte(rest, '&'); i >= 0 {
			pair, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		name := pair
		if i := strings.IndexByte(pair, '='); i >= 0 {
			name = pair[:i]
		}
		if strings.ContainsAny(name, "%+") {
			// The signer decodes names; an encoded one must match too.
			if dec, err := url.QueryUnescape(name); err == nil {
				name = dec
			}
		}
		if slices.Contains(signingParams[:], name) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(pair)
	}
	return b.String()
}

// hostForSigning returns the Host header for host[:port]: the port is
// dropped when it is the scheme's default.
func hostForSigning(scheme, host string) string {
	port := ""
	if strings.HasPrefix(host, "[") {
		if i := strings.LastIndex(host, "]:"); i >= 0 {
			port = host[i+2:]
		}
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		port = host[i+1:]
	}
	if (scheme == "https" && port == "443") || (scheme == "http" && port == "80") {
		return host[:len(host)-len(port)-1]
	}
	return host
}

// normalizePath removes "." segments, empty segments and ".." segments
// (with the segment before them) from an absolute path, keeping a trailing
// slash. It returns p itself when nothing changes.
func normalizePath(p string) string {
	if isNormalPath(p) {
		return p
	}
	out := make([]byte, 0, len(p))
	var starts []int
	for i := 0; i < len(p); {
		if p[i] != '/' {
			i++
			continue
		}
		j := i + 1
		for j < len(p) && p[j] != '/' {
			j++
		}
		switch seg := p[i+1 : j]; seg {
		case "", ".":
		case "..":
			if n := len(starts); n > 0 {
				out = out[:starts[n-1]]
				starts = starts[:n-1]
			}
		default:
			starts = append(starts, len(out))
			out = append(out, '/')
			out = append(out, seg...)
		}
		i = j
	}
	if len(out) == 0 {
		return "/"
	}
	if p[len(p)-1] == '/' {
		out = append(out, '/')
	}
	return string(out)
}

func isNormalPath(p string) bool {
	if p == "" || p[0] != '/' {
		return p == ""
	}
	for i := 0; i < len(p); {
		j := i + 1
		for j < len(p) && p[j] != '/' {
			j++
		}
		seg := p[i+1 : j]
		if seg == "." || seg == ".." || (seg == "" && j < len(p)) {
			return false
		}
		i = j
	}
	return true
}

// hashHex returns the lowercase hex SHA-256 of s.
func hashHex(s string) string {
	if s == "" {
		return emptyPayloadHash
	}
	// Hash the string's bytes in place: a []byte(s) conversion would copy
	// the whole body, and sha256 neither keeps nor modifies its input.
	sum := sha256.Sum256(unsafe.Slice(unsafe.StringData(s), len(s)))
	var buf [2 * sha256.Size]byte
	hex.Encode(buf[:], sum[:])
	return string(buf[:])
}
