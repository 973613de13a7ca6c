package client

import (
	"slices"
	"strconv"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// endpoint is a resolved service endpoint: the base every request URI is
// appended to, the Host header that goes with it, and what requests to it
// are signed for.
type endpoint struct {
	// base is scheme "://" host[:port] followed by the path prefix without
	// a trailing slash, e.g. "https://amplifybackend.us-east-1.amazonaws.com"
	// or "http://127.0.0.1:4566/prefix".
	base string
	// host is host[:port] in lower case, without the scheme's default port:
	// the value of the Host header, the same value the signer signs.
	host string
	// signingRegion is the region requests are signed for: the endpoint's
	// sigv4 authScheme signingRegion when the rules give one, else the
	// region ("" for a custom endpoint without a region).
	signingRegion string
	// signingName is the service name requests are signed for.
	signingName string
}

// maxRegionLen bounds a region name: it is a DNS label of the endpoint's
// host name.
const maxRegionLen = 63

// endpointParams are the parameters of the endpoint rule set
// (model/endpoint-rule-set-1.json), read by the generated evalEndpointRules.
type endpointParams struct {
	Region       string
	UseFIPS      bool
	UseDualStack bool
	Endpoint     string
}

// ruleEndpoint is an endpoint as the rules give it: its URL and the
// properties of its sigv4 authScheme, "" when the rules set none.
type ruleEndpoint struct {
	url, signingRegion, signingName string
}

// partition is one AWS partition of model/partitions.json.
type partition struct {
	id          string
	regionRegex string        // as in partitions.json, for messages and tests
	pattern     []patternElem // regionRegex, compiled by internal/gen
	regions     []string      // the listed regions, sorted
	outputs     partitionOutputs
}

// partitionOutputs are the attributes of a partition that the rules read
// (getAttr of aws.partition's result).
type partitionOutputs struct {
	name, dnsSuffix, dualStackDNSSuffix, implicitGlobalRegion string
	supportsFIPS, supportsDualStack                           bool
}

// patternElem is one element of a compiled regionRegex: either one of lits
// comes next (they are prefix-free, so at most one can), or a run of one
// or more bytes within the ranges of run (lo/hi byte pairs). internal/gen
// only compiles expressions that this greedy matcher decides exactly.
type patternElem struct {
	lits []string
	run  string
}

// matches reports whether region matches the partition's regionRegex.
func (p *partition) matches(region string) bool {
	i := 0
	for _, e := range p.pattern {
		if e.run != "" {
			n := i
			for n < len(region) && inRanges(region[n], e.run) {
				n++
			}
			if n == i {
				return false
			}
			i = n
			continue
		}
		found := false
		for _, l := range e.lits {
			if strings.HasPrefix(region[i:], l) {
				i += len(l)
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return i == len(region)
}

func inRanges(c byte, ranges string) bool {
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] <= c && c <= ranges[i+1] {
			return true
		}
	}
	return false
}

// lists reports whether the partition lists region by name.
func (p *partition) lists(region string) bool {
	_, found := slices.BinarySearch(p.regions, region)
	return found
}

// partitionOf returns the partition of region: the one that lists it, else
// the first whose regionRegex it matches, as the rules language's
// aws.partition decides; false when there is none.
func partitionOf(region string) (*partition, bool) {
	for i := range partitions {
		if partitions[i].lists(region) {
			return &partitions[i], true
		}
	}
	for i := range partitions {
		if partitions[i].matches(region) {
			return &partitions[i], true
		}
	}
	return nil, false
}

// awsPartition is the rules language's aws.partition: the outputs of the
// region's partition, or of "aws" when no partition lists or matches it
// (ValidRegion refuses such a region before the rules run).
func awsPartition(region string) *partitionOutputs {
	if p, ok := partitionOf(region); ok {
		return &p.outputs
	}
	return &partitions[defaultPartition].outputs
}

// resolveEndpoint returns the endpoint the rule set resolves the options'
// Region, Endpoint, UseFIPSEndpoint and UseDualStackEndpoint to. Problems
// go to ps with the paths "/region", "/endpoint", "/useFipsEndpoint" and
// "/useDualstackEndpoint": first the options' own (a region in no
// partition, a malformed endpoint URL), else the rule set's error for a
// combination it refuses, with its own message.
//
// The region is required unless a custom endpoint is given (the builder
// does not sign, so it has no other use for it); when it is given it must
// be valid either way, since the same options are used to sign.
func resolveEndpoint(o *BuildOptions, ps *[]validate.Problem) (endpoint, bool) {
	ok := true
	if o.Region != "" && !ValidRegion(o.Region) {
		*ps = append(*ps, validate.Problem{Path: "/region", Code: validate.CodeInvalid, Message: regionMessage(o.Region)})
		ok = false
	}
	var custom endpoint
	if o.Endpoint != "" {
		var msg string
		if custom, msg = parseEndpoint(o.Endpoint); msg != "" {
			*ps = append(*ps, validate.Problem{Path: "/endpoint", Code: validate.CodeInvalid, Message: msg})
			ok = false
		}
	}
	if !ok {
		return endpoint{}, false
	}
	p := endpointParams{Region: o.Region, UseFIPS: o.UseFIPSEndpoint, UseDualStack: o.UseDualStackEndpoint, Endpoint: custom.base}
	r, msg := evalEndpointRules(&p)
	if msg != "" {
		*ps = append(*ps, ruleProblem(o, msg))
		return endpoint{}, false
	}
	var ep endpoint
	switch {
	case o.Endpoint != "" && r.url == custom.base:
		ep = custom
	default:
		var bad string
		if ep, bad = ruleURL(r.url); bad != "" {
			// Not reached with a valid region: the rule set's templates
			// put it in a host name, which ValidRegion keeps well formed.
			*ps = append(*ps, validate.Problem{Path: "/region", Code: validate.CodeInvalid,
				Message: "The endpoint the rules resolve, " + quoteOption(r.url) + ", is not valid: " + bad})
			return endpoint{}, false
		}
	}
	ep.signingRegion, ep.signingName = o.Region, DefaultService
	if r.signingRegion != "" {
		ep.signingRegion = r.signingRegion
	}
	if r.signingName != "" {
		ep.signingName = r.signingName
	}
	return ep, true
}

// ruleURL turns a URL the rules resolved into an endpoint: at once when it
// is https:// and a lower-case host name (as the templates give), else
// through parseEndpoint.
func ruleURL(u string) (endpoint, string) {
	const https = "https://"
	if strings.HasPrefix(u, https) && len(u) > len(https) {
		plain := true
		for i := len(https); i < len(u); i++ {
			c := u[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
				plain = false
				break
			}
		}
		if plain {
			return endpoint{base: u, host: u[len(https):]}, ""
		}
	}
	return parseEndpoint(u)
}

// ruleProblem places an error of the rule set on the option that asked for
// what it refuses: a missing region, else FIPS, else dual-stack.
func ruleProblem(o *BuildOptions, msg string) validate.Problem {
	switch {
	case o.Region == "" && o.Endpoint == "":
		return validate.Problem{Path: "/region", Code: validate.CodeRequired, Message: msg}
	case o.UseFIPSEndpoint:
		return validate.Problem{Path: "/useFipsEndpoint", Code: validate.CodeInvalid, Message: msg}
	case o.UseDualStackEndpoint:
		return validate.Problem{Path: "/useDualstackEndpoint", Code: validate.CodeInvalid, Message: msg}
	case o.Endpoint != "":
		return validate.Problem{Path: "/endpoint", Code: validate.CodeInvalid, Message: msg}
	}
	return validate.Problem{Path: "/region", Code: validate.CodeInvalid, Message: msg}
}

// ValidRegion reports whether region is a region of an AWS partition: a
// DNS label (1 to 63 lower-case letters, digits and '-', starting and
// ending with a letter or digit) that model/partitions.json lists (such as
// us-east-1, cn-north-1, eusc-de-east-1 or aws-global) or that matches a
// partition's regionRegex (such as eu-west-9 or us-isob-west-2). A region
// can so never change the shape of the endpoint's host name.
func ValidRegion(region string) bool {
	if !hostLabel(region) {
		return false
	}
	_, ok := partitionOf(region)
	return ok
}

// hostLabel reports whether s is a DNS label in lower case.
func hostLabel(s string) bool {
	n := len(s)
	if n == 0 || n > maxRegionLen || s[0] == '-' || s[n-1] == '-' {
		return false
	}
	for i := 0; i < n; i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func regionMessage(region string) string {
	if !hostLabel(region) {
		return "The region " + quoteOption(region) + " is not a valid AWS region name; expected a name such as us-east-1 or cn-north-1 (lower-case words separated by '-', ending in a number)."
	}
	return "The region " + quoteOption(region) + " is in no AWS partition: it is neither a known region nor of the form of one (such as us-east-1, cn-north-1, us-gov-west-1, us-iso-east-1 or eusc-de-east-1)."
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
