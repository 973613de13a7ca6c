package client

import (
	"strings"
	"unsafe"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// BuildOptions control Build and BuildValue.
type BuildOptions struct {
	// Region selects the endpoint, as the service's endpoint rule set
	// resolves it with the region's partition (model/partitions.json):
	// https://amplifybackend.us-east-1.amazonaws.com,
	// https://amplifybackend.cn-north-1.amazonaws.com.cn,
	// https://amplifybackend.eusc-de-east-1.amazonaws.eu,
	// https://amplifybackend.us-iso-east-1.c2s.ic.gov and so on. It is
	// required unless Endpoint is set, and must be a region of a partition
	// (see ValidRegion) when given.
	Region string
	// Endpoint, when set, replaces the regional endpoint: an absolute http
	// or https URL, optionally with a path prefix that every request path is
	// appended to (for example a local mock, http://127.0.0.1:4566/prefix).
	// The rule set refuses it together with UseFIPSEndpoint or
	// UseDualStackEndpoint.
	Endpoint string
	// UseFIPSEndpoint selects the region's FIPS endpoint
	// (https://amplifybackend-fips.us-east-1.amazonaws.com), as
	// AWS_USE_FIPS_ENDPOINT or use_fips_endpoint do for the AWS SDKs.
	UseFIPSEndpoint bool
	// UseDualStackEndpoint selects the region's dual-stack (IPv4 and IPv6)
	// endpoint (https://amplifybackend.us-east-1.api.aws), as
	// AWS_USE_DUALSTACK_ENDPOINT or use_dualstack_endpoint do for the AWS
	// SDKs. With UseFIPSEndpoint it selects the FIPS dual-stack endpoint.
	UseDualStackEndpoint bool
	// Lenient passes unknown enum values, out-of-range numbers and missing
	// body members through to the service (see validate.Options). Missing or
	// empty URI labels and JSON that does not fit the wire types are still
	// refused: no request can be built from them.
	Lenient bool
	// Limits replaces validate.DefaultLimits when set.
	Limits *validate.Limits
}

// contentTypeJSON is the Content-Type of every request with a body.
const contentTypeJSON = "application/json"

// Build validates the input of an operation and builds its HTTP request,
// unsigned.
//
// The input is JSON in the user-facing form (PascalCase member names, as
// in the API's typed-dict documentation). The request has the operation's
// method, the endpoint's URL with the URI labels filled in and
// percent-encoded, a Host header and, for an operation with body members,
// a JSON body (at least {}) with the members under their wire names and a
// Content-Type: application/json header. An operation whose input is only
// URI labels (CreateToken, DeleteBackend, DeleteToken, GetBackendJob,
// GetToken, RemoveBackendConfig) has no body and no Content-Type.
//
// Members set to false, 0, "", [] or {} are sent; members left out (or
// null) are not.
//
// The error is a *validate.NameError when the operation does not exist,
// else a *validate.Error listing every problem with opts and with the input:
// first the options' problems, exactly as opts.Check reports them (paths
// "/region" and "/endpoint"), then the input's. A URI label that
// is exactly "." or ".." is refused (code "invalid"): as a path segment it
// would be removed by URL normalization in browsers, proxies and the
// signer, so the request would reach another resource than the one named.
func Build(op string, inputJSON []byte, opts BuildOptions) (Request, error) {
	// (Callers that report options apart from the input rely on the order:
	// the first len(opts.Check()) problems are the options'.)
	o, ok := schema.LookupOperation(op)
	if !ok {
		// Transcode reports the unknown name with its close matches.
		_, _, err := validate.Transcode(op, nil, nil)
		return Request{}, err
	}
	var ps []validate.Problem
	ep, epOK := resolveEndpoint(&opts, &ps)
	t, probs, err := validate.Transcode(op, inputJSON, &validate.Options{Lenient: opts.Lenient, Limits: opts.Limits})
	if err != nil {
		return Request{}, err
	}
	return finish(o, ep, epOK, t, append(ps, probs...))
}

// Check reports the problems of the options alone, as Build reports them
// (paths "/region", "/endpoint", "/useFipsEndpoint" and
// "/useDualstackEndpoint"): for example to tell a user's bad command-line
// flags apart from a bad input file.
func (o BuildOptions) Check() []validate.Problem {
	var ps []validate.Problem
	resolveEndpoint(&o, &ps)
	return ps
}

// Endpoint is an endpoint the service's rule set resolved.
type Endpoint struct {
	// URL is the base every request path is appended to, such as
	// https://amplifybackend-fips.us-east-1.amazonaws.com.
	URL string
	// SigningRegion and SigningName are what requests to the endpoint are
	// signed for: the endpoint's sigv4 properties when the rules give
	// them, else the region ("" for a custom endpoint without a region)
	// and "amplifybackend".
	SigningRegion, SigningName string
}

// ResolveEndpoint returns the endpoint Build sends requests to with opts,
// or a *validate.Error with the problems opts.Check reports.
func ResolveEndpoint(opts BuildOptions) (Endpoint, error) {
	var ps []validate.Problem
	ep, ok := resolveEndpoint(&opts, &ps)
	if !ok {
		return Endpoint{}, &validate.Error{Problems: ps}
	}
	return Endpoint{URL: ep.base, SigningRegion: ep.signingRegion, SigningName: ep.signingName}, nil
}

// BuildValue is Build for a typed input from package types, for example a
// *types.CreateBackendAuthRequest for "CreateBackendAuth". Its type must be
// the operation's input shape; problem paths use the Go field names, which
// are the user-facing member names.
func BuildValue(op string, v validate.Shaped, opts BuildOptions) (Request, error) {
	o, ok := schema.LookupOperation(op)
	if !ok {
		_, _, err := validate.Transcode(op, nil, nil)
		return Request{}, err
	}
	var ps []validate.Problem
	ep, epOK := resolveEndpoint(&opts, &ps)
	if msg := checkShape(o, v); msg != "" {
		return Request{}, &validate.Error{Problems: append(ps, validate.Problem{Code: validate.CodeType, Message: msg})}
	}
	t, probs := validate.TranscodeValue(v, &validate.Options{Lenient: opts.Lenient, Limits: opts.Limits})
	return finish(o, ep, epOK, t, append(ps, probs...))
}

// checkShape returns a message when v is not a value of o's input shape.
func checkShape(o *schema.Operation, v validate.Shaped) string {
	want := schema.Shapes[o.Input].Name
	if v == nil {
		return "The input is required: a *types." + want + "."
	}
	name, ok := shapeName(v)
	if !ok {
		return "The input is a nil pointer; " + o.Name + " takes a *types." + want + "."
	}
	if name != want {
		return "The input is a types." + name + ", but " + o.Name + " takes a types." + want + "."
	}
	return ""
}

// shapeName calls v.ShapeName, reporting false for a nil pointer (whose
// value-receiver method panics) instead of panicking.
func shapeName(v validate.Shaped) (name string, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return v.ShapeName(), true
}

// finish turns a transcoded input into a Request, or returns the problems.
func finish(o *schema.Operation, ep endpoint, epOK bool, t *validate.Transcoded, ps []validate.Problem) (Request, error) {
	if len(ps) > 0 || !epOK || t == nil {
		if len(ps) == 0 { // not reached: every failure above adds a problem
			ps = append(ps, validate.Problem{Code: validate.CodeInvalid, Message: "The request could not be built."})
		}
		return Request{}, &validate.Error{Problems: ps}
	}
	return assemble(o, ep, t)
}

// assemble builds the request of o at ep from a valid transcoded input.
func assemble(o *schema.Operation, ep endpoint, t *validate.Transcoded) (Request, error) {
	url, ps := expandURI(o, ep.base, t)
	if len(ps) > 0 {
		return Request{}, &validate.Error{Problems: ps}
	}
	// One allocation holds the body's string header and both header
	// values; each value gets a full slice expression so that appending to
	// one never writes into the other.
	st := new(requestStorage)
	h := make(Header, 2)
	st.vals[0] = ep.host
	h["Host"] = st.vals[0:1:1]
	req := Request{Method: o.Method, URL: url, Headers: h}
	if o.HasBody {
		st.vals[1] = contentTypeJSON
		h["Content-Type"] = st.vals[1:2:2]
		st.body = "{}"
		if len(t.Body) > 0 {
			// The transcoder wrote t.Body for this request alone and nothing
			// writes to it again: the string shares its bytes instead of
			// copying the whole body.
			st.body = unsafe.String(unsafe.SliceData(t.Body), len(t.Body))
		}
		req.Body = &st.body
	}
	return req, nil
}

// requestStorage is the memory a built Request points into.
type requestStorage struct {
	body string
	vals [2]string
}

// expandURI returns base followed by o's URI template with every {label}
// replaced by its escaped value from t.
func expandURI(o *schema.Operation, base string, t *validate.Transcoded) (string, []validate.Problem) {
	tmpl := o.URI
	n := len(base) + len(tmpl)
	for _, l := range t.Labels {
		n += 3 * len(l.Value)
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(base)
	var ps []validate.Problem
	for i := 0; i < len(tmpl); {
		j := strings.IndexByte(tmpl[i:], '{')
		if j < 0 {
			b.WriteString(tmpl[i:])
			break
		}
		b.WriteString(tmpl[i : i+j])
		i += j
		k := strings.IndexByte(tmpl[i:], '}')
		if k < 0 { // not in the model; the generator's table is well formed
			b.WriteString(tmpl[i:])
			break
		}
		name := tmpl[i+1 : i+k]
		i += k + 1
		greedy := len(name) > 0 && name[len(name)-1] == '+'
		if greedy {
			name = name[:len(name)-1]
		}
		v, ok := t.Label(name)
		switch {
		case !ok || v == "":
			// The validator refuses these; this guards the URI all the same.
			ps = append(ps, labelProblem(o, name, validate.CodeRequired, " is required: it is part of the request URI."))
		case v == "." || v == "..":
			ps = append(ps, labelProblem(o, name, validate.CodeInvalid, " must not be \".\" or \"..\": as a segment of the request URI it would be removed by URL normalization."))
		default:
			b.WriteString(escape(v, greedy))
		}
	}
	if len(ps) > 0 {
		return "", ps
	}
	return b.String(), nil
}

// labelProblem reports a problem with the URI label wire name of o's input,
// at the user-facing member's path.
func labelProblem(o *schema.Operation, wire string, code validate.Code, msg string) validate.Problem {
	name := wire
	for _, m := range schema.Shapes[o.Input].Members {
		if m.URI && m.Wire == wire {
			name = m.Name
			break
		}
	}
	return validate.Problem{Path: "/" + pointer.Escape(name), Code: code, Message: name + msg}
}
