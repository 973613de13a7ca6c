//go:build !nosign

package localservice

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

const (
	algorithm  = "AWS4-HMAC-SHA256"
	amzDate    = "20060102T150405Z"
	signingFor = "amplifybackend"
)

// claim is what a request says about its signature.
type claim struct {
	presign       bool
	keyID         string
	scopeDate     string
	region        string
	service       string
	terminator    string
	signedHeaders []string // lower case, as listed
	signature     string
	date          string // X-Amz-Date
	expires       string // X-Amz-Expires (presign)
	token         string // X-Amz-Security-Token
}

// authenticate checks a request's SigV4 signature, in the Authorization
// header or in the query (a presigned URL), the way the service does.
//
// It does not compute a signature itself: it signs the request it received
// again with pkg/client's signer (the aws-sdk-go-v2 signer and our
// canonicalization), for the access key, date and scope the request claims
// and with exactly the headers the request lists as signed, and compares
// the two signatures.
func (s *Service) authenticate(r *http.Request, body []byte, now time.Time) *apiError {
	c, e := parseClaim(r)
	if e != nil {
		return e
	}
	key, known := s.keys[c.keyID]
	if !known {
		return forbidden("UnrecognizedClientException", msgUnknownKey)
	}
	// A key configured with a session token needs exactly that token; the
	// service answers a missing or wrong one as it does an unknown key.
	if key.SessionToken != "" && subtle.ConstantTimeCompare([]byte(c.token), []byte(key.SessionToken)) != 1 {
		return forbidden("UnrecognizedClientException", msgUnknownKey)
	}
	secret := key.SecretAccessKey
	if c.terminator != "aws4_request" || len(c.scopeDate) != 8 {
		return forbidden("IncompleteSignatureException", "Credential should be scoped with a valid terminator: 'aws4_request', not '"+c.terminator+"'.")
	}
	if c.region != s.opts.Region {
		return invalidSignature(msgWrongRegion)
	}
	if c.service != signingFor {
		return invalidSignature(msgWrongService)
	}
	t, err := time.Parse(amzDate, c.date)
	if err != nil {
		return forbidden("IncompleteSignatureException", "The X-Amz-Date must be in the ISO 8601 basic format (YYYYMMDD'T'HHMMSS'Z').")
	}
	if t.Format("20060102") != c.scopeDate {
		return invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" + c.scopeDate + "' != '" + t.Format("20060102") + "', from '" + c.date + "'.")
	}
	var expires time.Duration
	if c.presign {
		n, err := strconv.ParseInt(c.expires, 10, 64)
		if err != nil || n < 1 || n > int64(client.MaxExpires/time.Second) {
			return invalidSignature("X-Amz-Expires must be a whole number of seconds from 1 to 604800.")
		}
		expires = time.Duration(n) * time.Second
		if now.After(t.Add(expires)) {
			return invalidSignature("Signature expired: the presigned request was valid until " + t.Add(expires).UTC().Format(amzDate) + "; it is now " + now.UTC().Format(amzDate) + ".")
		}
	}
	if e := checkSkew(t, now, c.presign); e != nil {
		return e
	}
	if !slices.Contains(c.signedHeaders, "host") {
		return invalidSignature(msgHostNotSigned)
	}

	sum := sha256.Sum256(body)
	bodyHash := hex.EncodeToString(sum[:])
	hashes := []string{bodyHash}
	signBody := false
	if v := r.Header.Get("X-Amz-Content-Sha256"); v != "" && slices.Contains(c.signedHeaders, "x-amz-content-sha256") {
		if v != bodyHash && v != "UNSIGNED-PAYLOAD" {
			return invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.")
		}
		hashes, signBody = []string{v}, !c.presign
	} else if c.presign {
		hashes = append(hashes, "UNSIGNED-PAYLOAD")
	}
	for _, h := range hashes {
		sig, signed, ok := s.resign(r, body, &c, secret, t, expires, h, signBody)
		if ok && slices.Equal(signed, c.signedHeaders) &&
			subtle.ConstantTimeCompare([]byte(sig), []byte(c.signature)) == 1 {
			return nil
		}
	}
	return invalidSignature(msgBadSignature)
}

// checkSkew refuses a signing time more than MaxClockSkew from now (for a
// presigned URL, only one in the future).
func checkSkew(t, now time.Time, presign bool) *apiError {
	f := func(x time.Time) string { return x.UTC().Format(amzDate) }
	if t.After(now.Add(MaxClockSkew)) {
		return invalidSignature("Signature not yet current: " + f(t) + " is still later than " + f(now.Add(MaxClockSkew)) + " (" + f(now) + " + 15 min.)")
	}
	if !presign && t.Before(now.Add(-MaxClockSkew)) {
		return invalidSignature("Signature expired: " + f(t) + " is now earlier than " + f(now.Add(-MaxClockSkew)) + " (" + f(now) + " - 15 min.)")
	}
	return nil
}

// parseClaim reads the signature parameters of r. Without any, the request
// is unauthenticated (MissingAuthenticationTokenException).
func parseClaim(r *http.Request) (claim, *apiError) {
	var c claim
	incomplete := func(msg string) (claim, *apiError) {
		return c, forbidden("IncompleteSignatureException", msg)
	}
	q := r.URL.Query()
	auth := r.Header.Get("Authorization")
	switch {
	case auth != "":
		alg, rest, _ := strings.Cut(auth, " ")
		if alg != algorithm {
			return incomplete("Unsupported Authorization Type; the service accepts AWS Signature Version 4 (" + algorithm + ").")
		}
		params := map[string]string{}
		for _, p := range strings.Split(rest, ",") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			params[k] = v
		}
		for _, k := range []string{"Credential", "SignedHeaders", "Signature"} {
			if params[k] == "" {
				return incomplete("Authorization header requires '" + k + "' parameter. Authorization=" + algorithm + " ...")
			}
		}
		c.signature = params["Signature"]
		c.signedHeaders = strings.Split(params["SignedHeaders"], ";")
		if err := c.scope(params["Credential"]); err != nil {
			return c, err
		}
		c.date = r.Header.Get("X-Amz-Date")
		if c.date == "" {
			return incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header; the local service reads X-Amz-Date.")
		}
		c.token = r.Header.Get("X-Amz-Security-Token")
	case q.Has("X-Amz-Signature") || q.Has("X-Amz-Algorithm") || q.Has("X-Amz-Credential"):
		c.presign = true
		if q.Get("X-Amz-Algorithm") != algorithm {
			return incomplete("X-Amz-Algorithm only supports '" + algorithm + "'.")
		}
		for _, k := range []string{"X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"} {
			if q.Get(k) == "" {
				return incomplete("A presigned request requires the query parameter '" + k + "'.")
			}
		}
		c.signature = q.Get("X-Amz-Signature")
		c.signedHeaders = strings.Split(q.Get("X-Amz-SignedHeaders"), ";")
		if err := c.scope(q.Get("X-Amz-Credential")); err != nil {
			return c, err
		}
		c.date, c.expires, c.token = q.Get("X-Amz-Date"), q.Get("X-Amz-Expires"), q.Get("X-Amz-Security-Token")
	default:
		return c, forbidden("MissingAuthenticationTokenException", msgMissingToken)
	}
	return c, nil
}

func (c *claim) scope(cred string) *apiError {
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[0] == "" {
		return forbidden("IncompleteSignatureException", "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.")
	}
	c.keyID, c.scopeDate, c.region, c.service, c.terminator = parts[0], parts[1], parts[2], parts[3], parts[4]
	return nil
}

// resign signs a copy of r made of what r's signature covers, with
// pkg/client's SignHTTP, and returns the signature and the signed headers
// it computed. ok is false when the copy cannot be signed at all.
func (s *Service) resign(r *http.Request, body []byte, c *claim, secret string, t time.Time, expires time.Duration, payloadHash string, signBody bool) (sig string, signed []string, ok bool) {
	h := http.Header{}
	lengthSigned := false
	for _, name := range c.signedHeaders {
		switch name {
		case "host":
		case "content-length":
			lengthSigned = true
		default:
			canon := http.CanonicalHeaderKey(name)
			if vals, ok := r.Header[canon]; ok {
				h[canon] = vals
			}
		}
	}
	path := r.RequestURI
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if !strings.HasPrefix(path, "/") {
		path = r.URL.EscapedPath()
	}
	sr := &http.Request{
		Method: r.Method,
		URL:    &url.URL{Scheme: "http", Host: r.Host, Opaque: path, RawQuery: r.URL.RawQuery},
		Host:   r.Host,
		Header: h,
	}
	if lengthSigned && len(body) > 0 {
		sr.Body = io.NopCloser(bytes.NewReader(body))
		sr.ContentLength = int64(len(body))
	}
	tokenSigned := slices.Contains(c.signedHeaders, "x-amz-security-token")
	opts := client.SignOptions{
		Credentials:          client.Credentials{AccessKeyID: c.keyID, SecretAccessKey: secret, SessionToken: c.token},
		Region:               c.region,
		Service:              c.service,
		Time:                 t,
		Presign:              c.presign,
		Expires:              expires,
		SignBody:             signBody,
		UnsignedSessionToken: c.token != "" && !tokenSigned && !c.presign,
	}
	if err := client.SignHTTP(sr, payloadHash, opts); err != nil {
		return "", nil, false
	}
	if c.presign {
		q, err := url.ParseQuery(sr.URL.RawQuery)
		if err != nil {
			return "", nil, false
		}
		return q.Get("X-Amz-Signature"), strings.Split(q.Get("X-Amz-SignedHeaders"), ";"), true
	}
	auth := sr.Header.Get("Authorization")
	var sh string
	for _, p := range strings.Split(strings.TrimPrefix(auth, algorithm+" "), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		switch k {
		case "Signature":
			sig = v
		case "SignedHeaders":
			sh = v
		}
	}
	return sig, strings.Split(sh, ";"), sig != ""
}
