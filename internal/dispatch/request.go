package dispatch

import (
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var (
	buildMembers        = []string{"operation", "input", "inputText", "options"}
	buildOptionMembers  = []string{"region", "endpoint", "validate", "useFipsEndpoint", "useDualstackEndpoint"}
	signMembers         = []string{"request", "options"}
	signOptionMembers   = []string{"credentials", "region", "service", "signingDate", "presign", "expiresIn", "normalizePath", "signBody", "unsignedSessionToken"}
	credentialsMembers  = []string{"accessKeyId", "secretAccessKey", "sessionToken"}
	maxExpiresInSeconds = int64(client.MaxExpires / time.Second)
)

func runBuildRequest(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var op string
	var haveOp bool
	v := userValue{name: "input", tname: "inputText"}
	opts := client.BuildOptions{}
	check := true
	present, ok := s.object("", "the arguments of buildRequest", buildMembers, func(name, path string) {
		switch name {
		case "operation":
			op, haveOp = s.stringValue(path, "The operation")
		case "input":
			v.readJSON(s, path)
		case "inputText":
			v.readText(s, path)
		case "options":
			if s.isNull() {
				return
			}
			s.object(path, "the options of buildRequest", buildOptionMembers, func(name, path string) {
				switch name {
				case "region":
					opts.Region, _ = s.stringValue(path, "The region")
				case "endpoint":
					opts.Endpoint, _ = s.stringValue(path, "The endpoint")
				case "validate":
					if b, ok := s.boolValue(path, "validate"); ok {
						check = b
					}
				case "useFipsEndpoint":
					opts.UseFIPSEndpoint, _ = s.boolValue(path, "useFipsEndpoint")
				case "useDualstackEndpoint":
					opts.UseDualStackEndpoint, _ = s.boolValue(path, "useDualstackEndpoint")
				}
			})
		}
	})
	if ok && s.end() && present {
		if !haveOp {
			s.add("/operation", validate.CodeRequired, "operation is required: the name of an operation, such as GetBackend.")
		}
		v.check(s)
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("buildRequest", s.probs)
	}
	if ps := v.loneProblem(); ps != nil {
		return nil, &failure{summary: "Cannot build the " + op + " request (1 problem):", probs: ps}
	}
	opts.Lenient = !check
	req, err := client.Build(op, v.data, opts)
	if err != nil {
		ve, ok := err.(*validate.Error)
		if !ok {
			return nil, nameFailure("buildRequest", "/operation", err)
		}
		ps := v.problems(ve.Problems)
		// Build lists the options' problems first, as opts.Check reports
		// them; they belong under /options in the envelope.
		for i := range min(len(opts.Check()), len(ps)) {
			ps[i].Path = "/options" + ps[i].Path
		}
		return nil, &failure{summary: "Cannot build the " + op + " request (" + problemCount(len(ps)) + "):", probs: ps}
	}
	return req.AppendJSON(dst), nil
}

func runSignRequest(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var raw []byte
	haveReq := false
	var opts client.SignOptions
	present, ok := s.object("", "the arguments of signRequest", signMembers, func(name, path string) {
		switch name {
		case "request":
			if !s.isNull() {
				raw, _ = s.skip(path, false)
				haveReq = true
			}
		case "options":
			if s.isNull() {
				return
			}
			s.object(path, "the options of signRequest", signOptionMembers, func(name, path string) {
				signOption(s, &opts, name, path)
			})
		}
	})
	if ok && s.end() && present && !haveReq {
		s.add("/request", validate.CodeRequired, "request is required: {method, url, headers, body}.")
	}
	if len(s.probs) > 0 {
		return nil, envelopeFailure("signRequest", withhold(s.probs, &opts.Credentials))
	}
	var req client.Request
	if err := req.UnmarshalJSON(raw); err != nil {
		ps := []validate.Problem{{Code: validate.CodeInvalid, Message: "The request is not valid."}}
		if ve, ok := err.(*validate.Error); ok {
			ps = withhold(ve.Problems, &opts.Credentials)
		}
		return nil, &failure{summary: "Cannot sign the request (" + problemCount(len(ps)) + "):", probs: ps}
	}
	signed, err := client.Sign(req, opts)
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
	return signed.AppendJSON(dst), nil
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
