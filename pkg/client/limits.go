package client

import (
	"strconv"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Limits on the request Sign accepts. A request over one of them is refused
// with a problem of code "limit" whose message names the limit, before any
// other work is done on the part that is too large; the path is "/url",
// "/body", "/headers" (the count and the total) or "/headers/Name" (one
// value; "/headers/Name/2" for the third value of a repeated header).
//
// They are far above what an AmplifyBackend request needs (the builder's
// requests have two headers, a URL under 300 bytes, and a body no larger than
// the input, which validate.DefaultLimits caps at 1 MiB) and small enough
// that signing one request cannot exhaust a browser tab. SignHTTP applies
// the same limits to the URL and the headers; it hashes the body as a
// stream, so it does not limit the body.
const (
	// MaxURLBytes is the longest URL, in bytes.
	MaxURLBytes = 8 << 10
	// MaxHeaders is the most header fields: each value of a header counts
	// once, and a header without values counts once.
	MaxHeaders = 100
	// MaxHeaderValueBytes is the longest value of one header field.
	MaxHeaderValueBytes = 16 << 10
	// MaxHeaderBytes is the most bytes of all header names and values
	// together (each field counts its name and its value).
	MaxHeaderBytes = 64 << 10
	// MaxBodyBytes is the largest body.
	MaxBodyBytes = 1 << 20
)

// maxShownHeaderName is the longest header name a problem repeats.
const maxShownHeaderName = 64

// secrets are the credential values that no problem may repeat: the secret
// access key and the session token (either may be empty).
type secrets [2]string

func credentialSecrets(c *Credentials) secrets {
	return secrets{c.SecretAccessKey, c.SessionToken}
}

// in reports whether s contains one of the secrets, ignoring ASCII case
// (header names and hosts are case-insensitive: a name that holds the
// secret in lower case is the same header).
func (sec *secrets) in(s string) bool {
	for _, x := range sec {
		if x != "" && len(x) <= len(s) && containsFold(s, x) {
			return true
		}
	}
	return false
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

// showHeaderName reports whether a problem may repeat a header name: a
// valid HTTP token of at most 64 bytes that contains no secret. Any other
// name may be a pasted secret (a secret access key is not a token when it
// has a '/', a session token is hundreds of bytes long), so problems refer
// to it without repeating it, at the path "/headers".
func showHeaderName(name string, sec *secrets) bool {
	return len(name) <= maxShownHeaderName && validToken(name) && (sec == nil || !sec.in(name))
}

// withheldHeader is how a message refers to a header whose name it does
// not repeat.
const withheldHeader = "a header whose name is withheld (it is not a valid HTTP token, is longer than 64 bytes or contains a credential)"

// headerRef returns the JSON pointer and the message subject ("header
// \"X-Foo\"") of a problem with the header name, or "/headers" and
// withheldHeader when the name is not to be repeated.
func headerRef(name string, sec *secrets) (path, subject string) {
	if !showHeaderName(name, sec) {
		return "/headers", withheldHeader
	}
	return "/headers/" + pointer.Escape(name), "header " + strconv.Quote(name)
}

// upperFirst capitalizes the first letter of an ASCII sentence.
func upperFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}

// checkURLLimit reports a URL longer than MaxURLBytes.
func checkURLLimit(ps *problems, n int) bool {
	if n <= MaxURLBytes {
		return true
	}
	ps.add("/url", validate.CodeLimit, "The url is "+strconv.Itoa(n)+" bytes long; the limit is "+strconv.Itoa(MaxURLBytes)+" bytes (client.MaxURLBytes).")
	return false
}

// checkHeaderLimits reports headers over MaxHeaders, MaxHeaderValueBytes or
// MaxHeaderBytes. It returns false when any limit is exceeded; the headers
// are then not examined further. It does no work proportional to a value's
// length.
func checkHeaderLimits(ps *problems, hdr map[string][]string, sec *secrets) bool {
	// One pass counts; the rare request over a limit is walked again for
	// the messages.
	fields, total, long := 0, 0, false
	for name, vals := range hdr {
		fields += max(len(vals), 1)
		if fields > MaxHeaders {
			continue // only the count is reported, and values are not read
		}
		total += len(name) * max(len(vals), 1)
		for _, v := range vals {
			total += len(v)
			long = long || len(v) > MaxHeaderValueBytes
		}
	}
	if fields > MaxHeaders {
		ps.add("/headers", validate.CodeLimit, "The request has "+strconv.Itoa(fields)+" header fields; the limit is "+strconv.Itoa(MaxHeaders)+" (client.MaxHeaders; each value of a repeated header counts).")
		return false
	}
	if long {
		for name, vals := range hdr {
			for i, v := range vals {
				if len(v) > MaxHeaderValueBytes {
					path, subject := headerRef(name, sec)
					if path != "/headers" {
						path = valuePath(path, vals, i)
					}
					ps.add(path, validate.CodeLimit, "The value of "+subject+" is "+strconv.Itoa(len(v))+" bytes long; the limit is "+strconv.Itoa(MaxHeaderValueBytes)+" bytes for one value (client.MaxHeaderValueBytes).")
				}
			}
		}
	}
	if total > MaxHeaderBytes {
		ps.add("/headers", validate.CodeLimit, "The header names and values are "+strconv.Itoa(total)+" bytes in all; the limit is "+strconv.Itoa(MaxHeaderBytes)+" bytes (client.MaxHeaderBytes).")
	}
	return !long && total <= MaxHeaderBytes
}

// checkBodyLimit reports a body larger than MaxBodyBytes.
func checkBodyLimit(ps *problems, n int) bool {
	if n <= MaxBodyBytes {
		return true
	}
	ps.add("/body", validate.CodeLimit, "The body is "+strconv.Itoa(n)+" bytes; the limit is "+strconv.Itoa(MaxBodyBytes)+" bytes (client.MaxBodyBytes).")
	return false
}
