//go:build !nosign

package dispatch

import (
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var (
	signMembers         = members([]string{"request", "options", "bodyLength", "bodySha256", "omitBody"}, "")
	signOptionMembers   = members([]string{"credentials", "region", "service", "signingDate", "presign", "expiresIn", "normalizePath", "signBody", "unsignedSessionToken"}, "/options", "/signOptions")
	credentialsMembers  = members([]string{"accessKeyId", "secretAccessKey", "sessionToken"}, "/options/credentials", "/signOptions/credentials")
	buildSignMembers    = members([]string{"operation", "input", "inputText", "buildOptions", "signOptions"}, "")
	maxExpiresInSeconds = int64(client.MaxExpires / time.Second)
)

// signArgs are signRequest's arguments, read.
type signArgs struct {
	raw      []byte // the request's JSON text
	opts     client.SignOptions
	digest   client.Digest
	haveHash bool
	omitBody bool
}

func runSignRequest(dst, input []byte) ([]byte, *failure) {
	a, ok := glueSignArgs(input)
	if !ok {
		var f *failure
		if f = readSignArgs(input, &a); f != nil {
			return nil, f
		}
	}
	opts, digest, haveHash, omitBody := a.opts, a.digest, a.haveHash, a.omitBody
	var req client.Request
	if err := req.UnmarshalJSON(a.raw); err != nil {
		ps := []validate.Problem{{Code: validate.CodeInvalid, Message: "The request is not valid."}}
		if ve, ok := err.(*validate.Error); ok {
			ps = withhold(ve.Problems, &opts.Credentials)
		}
		return nil, &failure{summary: "Cannot sign the request (" + problemCount(len(ps)) + "):", probs: ps}
	}
	var signed client.Request
	var err error
	if haveHash {
		// The lean form: the body stays with the host, which sent its
		// length and digest; the result has no body.
		signed, err = client.SignDigest(req, digest, opts)
	} else {
		signed, err = client.Sign(req, opts)
	}
	if err != nil {
		ps := []validate.Problem{{Code: validate.CodeInvalid, Message: "The request could not be signed."}}
		if ve, ok := err.(*validate.Error); ok {
			ps = ve.Problems
			for i := range ps {
				ps[i].Path = signOptionPath(ps[i].Path)
			}
			ps = withhold(ps, &opts.Credentials)
		}
		return nil, &failure{summary: "Cannot sign the request (" + problemCount(len(ps)) + "):", probs: ps}
	}
	if omitBody {
		signed.Body = nil // the host has it: only the URL and headers come back
	}
	return signed.AppendJSON(dst), nil
}

// readSignArgs reads signRequest's envelope into a, with every check and
// message of the protocol.
func readSignArgs(input []byte, a *signArgs) *failure {
	s := newScanner(input)
	*a = signArgs{}
	haveReq, haveLen := false, false
	present, ok := s.object("", "the arguments of signRequest", signMembers, func(name, path string) {
		switch name {
		case "bodyLength":
			a.digest.Length, haveLen = s.intValue(path, "bodyLength", 0, 1<<53-1, " bytes") // the body limit: client.SignDigest, as for a body
		case "bodySha256":
			a.digest.SHA256, a.haveHash = s.stringValue(path, "The body's SHA-256")
		case "omitBody":
			a.omitBody, _ = s.boolValue(path, "omitBody")
		case "request":
			if !s.isNull() {
				a.raw, _ = s.skip(path, false)
				haveReq = true
			}
		case "options":
			if s.isNull() {
				return
			}
			s.object(path, "the options of signRequest", signOptionMembers, func(name, path string) {
				signOption(s, &a.opts, name, path)
			})
		}
	})
	if ok && s.end() && present && !haveReq {
		s.add("/request", validate.CodeRequired, "request is required: {method, url, headers, body}.")
	}
	if haveLen != a.haveHash && len(s.probs) == 0 {
		s.add("/bodySha256", validate.CodeRequired, "bodyLength and bodySha256 go together: the length in bytes and the SHA-256 (64 lower-case hexadecimal digits) of a body that is not in the request.")
	}
	if len(s.probs) > 0 {
		return envelopeFailure("signRequest", withhold(s.probs, &a.opts.Credentials))
	}
	return nil
}

// runBuildAndSignRequest is buildRequest then signRequest in one call: the
// built request goes to the signer as a Go value, without the JSON of
// buildRequest's result and of signRequest's argument in between. The
// result is signRequest's, byte for byte (the vectors run both ways).
// Problems of the build options are under /buildOptions, those of the sign
// options under /signOptions.
func runBuildAndSignRequest(dst, input []byte) ([]byte, *failure) {
	dst, _, f := buildAndSignRequest(dst, input, false)
	return dst, f
}

func splitBuildAndSignRequest(dst, input []byte) ([]byte, *string, *failure) {
	return buildAndSignRequest(dst, input, true)
}

func buildAndSignRequest(dst, input []byte, split bool) ([]byte, *string, *failure) {
	var b buildArgs
	var opts client.SignOptions
	b.init("buildAndSignRequest")
	if !glueBuildSignArgs(input, &b, &opts) {
		if f := readBuildSignArgs(input, &b, &opts); f != nil {
			return nil, nil, f
		}
	}
	req, f := b.build("/buildOptions")
	if f != nil {
		return nil, nil, f
	}
	signed, err := signBuilt(req, opts)
	if err != nil {
		ps := []validate.Problem{{Code: validate.CodeInvalid, Message: "The request could not be signed."}}
		if ve, ok := err.(*validate.Error); ok {
			ps = ve.Problems
			for i := range ps {
				if p := signOptionPath(ps[i].Path); strings.HasPrefix(p, "/options") {
					ps[i].Path = "/signOptions" + p[len("/options"):]
				} else {
					ps[i].Path = "/request" + p // of the built request
				}
			}
			ps = withhold(ps, &opts.Credentials)
		}
		return nil, nil, &failure{summary: "Cannot sign the request (" + problemCount(len(ps)) + "):", probs: ps}
	}
	dst, body := appendRequest(dst, signed, split)
	return dst, body, nil
}

// readBuildSignArgs reads buildAndSignRequest's envelope into b and opts,
// with every check and message of the protocol.
func readBuildSignArgs(input []byte, b *buildArgs, opts *client.SignOptions) *failure {
	s := newScanner(input)
	*b, *opts = buildArgs{}, client.SignOptions{}
	b.init("buildAndSignRequest")
	present, ok := s.object("", "the arguments of buildAndSignRequest", buildSignMembers, func(name, path string) {
		if b.member(s, name, path, "buildOptions") || name != "signOptions" || s.isNull() {
			return
		}
		s.object(path, "the options of signRequest", signOptionMembers, func(name, path string) {
			signOption(s, opts, name, path)
		})
	})
	if ok && s.end() && present {
		b.check(s)
	}
	if len(s.probs) > 0 {
		return envelopeFailure("buildAndSignRequest", withhold(s.probs, &opts.Credentials))
	}
	return nil
}

// hostSHA256 is the host's SHA-256 (see SetHostSHA256), or nil.
var hostSHA256 func(s string) (hex string, ok bool)

// minHostHash is the shortest body the host hashes: for a shorter one the
// call costs about what hashing it in Go does.
const minHostHash = 256

// SetHostSHA256 gives the dispatcher a host's SHA-256 for the body of a
// request it builds and signs in one call (buildAndSignRequest): f returns
// the 64 lower-case hexadecimal digits of the hash of s, or false when the
// host cannot hash (the dispatcher then hashes in Go). The GOOS=js module
// sets it to node:crypto's, through the JS glue. Call it before any call to
// Handle.
func SetHostSHA256(f func(s string) (hex string, ok bool)) { hostSHA256 = f }

// signBuilt signs a request the dispatcher built: client.Sign, or, when
// the host hashes the body, client.SignDigest with the host's hash and the
// body put back, which is the same result (SignDigest gives the signature
// Sign gives for the body of that length and hash).
func signBuilt(req client.Request, opts client.SignOptions) (client.Request, error) {
	if hostSHA256 != nil && req.Body != nil && len(*req.Body) >= minHostHash {
		if sum, ok := hostSHA256(*req.Body); ok {
			body := req.Body
			req.Body = nil
			signed, err := client.SignDigest(req, client.Digest{Length: int64(len(*body)), SHA256: sum}, opts)
			if err != nil {
				return signed, err
			}
			signed.Body = body
			return signed, nil
		}
	}
	return client.Sign(req, opts)
}

// signOption decodes the member name of signRequest's options.
func signOption(s *scanner, o *client.SignOptions, name, path string) {
	switch name {
	case "credentials":
		if s.isNull() {
			return
		}
		c := &o.Credentials
		s.object(path, "the credentials", credentialsMembers, func(name, path string) {
			switch name {
			case "accessKeyId":
				c.AccessKeyID, _ = s.stringValue(path, "The access key ID")
			case "secretAccessKey":
				c.SecretAccessKey, _ = s.stringValue(path, "The secret access key")
			case "sessionToken":
				c.SessionToken, _ = s.stringValue(path, "The session token")
			}
		})
	case "region":
		o.Region, _ = s.stringValue(path, "The region")
	case "service":
		o.Service, _ = s.stringValue(path, "The service")
	case "signingDate":
		if d, ok := s.stringValue(path, "The signing date"); ok {
			t, err := time.Parse(time.RFC3339, d)
			if err != nil {
				s.add(path, validate.CodeInvalid, "The signing date must be an RFC 3339 date and time, such as 2015-08-30T12:36:00Z (Date.prototype.toISOString gives one).")
				return
			}
			o.Time = t
		}
	case "presign":
		o.Presign, _ = s.boolValue(path, "presign")
	case "expiresIn":
		if n, ok := s.intValue(path, "expiresIn", 1, maxExpiresInSeconds, " seconds (7 days)"); ok {
			o.Expires = time.Duration(n) * time.Second
		}
	case "normalizePath":
		if b, ok := s.boolValue(path, "normalizePath"); ok {
			o.DisablePathNormalization = !b
		}
	case "signBody":
		o.SignBody, _ = s.boolValue(path, "signBody")
	case "unsignedSessionToken":
		o.UnsignedSessionToken, _ = s.boolValue(path, "unsignedSessionToken")
	}
}

// signOptionPath maps a path of client.Sign's problems onto the envelope:
// its options become members of "/options" under their protocol names;
// request paths ("/url", "/headers/...") stay relative to the request.
func signOptionPath(p string) string {
	first := p
	rest := ""
	for i := 1; i < len(p); i++ {
		if p[i] == '/' {
			first, rest = p[:i], p[i:]
			break
		}
	}
	switch first {
	case "/credentials", "/region", "/service":
		return "/options" + p
	case "/time":
		return "/options/signingDate" + rest
	case "/expires":
		return "/options/expiresIn" + rest
	}
	return p
}

// minWithheldSecret is the shortest credential withhold looks for: a real
// secret access key is 40 bytes and a session token hundreds, and a shorter
// string would withhold ordinary messages that happen to contain it.
const minWithheldSecret = 8

// withheldMessage replaces the message of a problem that would repeat a
// credential.
const withheldMessage = "This problem is withheld: its description would repeat the secret access key or the session token."

// withhold is the last line of defence for signRequest: no problem should
// ever repeat a credential (client.Sign never repeats a header name that
// contains one, the request decoder never repeats a long or malformed one),
// but a problem whose path or message would contain the call's secret
// access key or session token anyway (in any ASCII letter case: a header
// name is case-insensitive, so the decoder may repeat one in lower case)
// is rewritten: its path is cut before
// the first segment that holds a credential and its message says it is
// withheld. ps is modified in place.
func withhold(ps []validate.Problem, c *client.Credentials) []validate.Problem {
	var secrets []string
	for _, s := range [2]string{c.SecretAccessKey, c.SessionToken} {
		if len(s) >= minWithheldSecret {
			secrets = append(secrets, s)
		}
	}
	if len(secrets) == 0 {
		return ps
	}
	holds := func(s string) bool {
		for _, x := range secrets {
			if containsFold(s, x) {
				return true
			}
		}
		return false
	}
	for i := range ps {
		p := &ps[i]
		if !holds(p.Path) && !holds(p.Message) {
			continue
		}
		// Keep the segments before the first that holds a credential (a
		// credential split by escaping, "~1" for '/', is cut with its
		// segment: the check runs on the unescaped segments too).
		cut := 0
		for cut < len(p.Path) {
			next := strings.IndexByte(p.Path[cut+1:], '/')
			end := len(p.Path)
			if next >= 0 {
				end = cut + 1 + next
			}
			seg := p.Path[cut+1 : end]
			if holds(p.Path[:end]) || holds(pointer.Unescape(seg)) {
				break
			}
			cut = end
		}
		p.Path = p.Path[:cut]
		p.Message = withheldMessage
	}
	return ps
}

// containsFold reports whether sub is within s, ignoring ASCII case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// hasSigner: this build links the signer (see HasSigner).
const hasSigner = true
