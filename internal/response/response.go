// Package response reads the AmplifyBackend service's HTTP responses: it
// turns a successful one into the operation's output in the user-facing form
// that boto3 returns (PascalCase members, ResponseMetadata) and a failed one
// into the error fields boto3's ClientError carries. pkg/client (the typed Go
// client) and internal/dispatch (parseResponse, every other host) both read
// responses through it, so that a response means the same in every host.
package response

import (
	"sort"
	"strconv"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/httpheader"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/retry"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// MaxBodyBytes is the largest response body read: a larger one is a
// "limit" problem. It is the limit of a request body too
// (client.MaxBodyBytes); the service's responses are a few kilobytes.
const MaxBodyBytes = 1 << 20

// Metadata is a response's ResponseMetadata, as boto3 fills it in.
type Metadata struct {
	// RequestID is the x-amzn-RequestId header, else x-amz-request-id;
	// HasRequestID says whether either was there.
	RequestID    string
	HasRequestID bool
	// HostID is the x-amz-id-2 header; boto3 reports it only with
	// x-amz-request-id (HasHostID).
	HostID    string
	HasHostID bool
	Status    int
	// Headers are the response headers, names in lower case, sorted by
	// name, several values of one header joined with ", ".
	Headers       [][2]string
	RetryAttempts int
}

// NewMetadata describes a response received after attempts retries.
func NewMetadata(status int, h map[string][]string, attempts int) Metadata {
	m := Metadata{Status: status, RetryAttempts: attempts, HostID: httpheader.Get(h, "X-Amz-Id-2")}
	if v, ok := h["X-Amzn-Requestid"]; ok && len(v) > 0 {
		m.RequestID, m.HasRequestID = v[0], true
	} else if v, ok := h["X-Amz-Request-Id"]; ok && len(v) > 0 {
		m.RequestID, m.HasRequestID = v[0], true
		m.HasHostID = true
	}
	// Names that differ only in case are joined in the order of their
	// original spelling, so the result never depends on map order.
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	idx := map[string]int{}
	for _, k := range keys {
		vs := h[k]
		lk := strings.ToLower(k)
		v := strings.Join(vs, ", ")
		if i, ok := idx[lk]; ok {
			m.Headers[i][1] += ", " + v
			continue
		}
		idx[lk] = len(m.Headers)
		m.Headers = append(m.Headers, [2]string{lk, v})
	}
	sort.Slice(m.Headers, func(i, j int) bool { return m.Headers[i][0] < m.Headers[j][0] })
	return m
}

// AppendJSON appends m in boto3's form: {"RequestId", "HostId",
// "HTTPStatusCode", "HTTPHeaders", "RetryAttempts"}, RequestId and HostId
// only when boto3 has them.
func (m *Metadata) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	if m.HasRequestID {
		dst = append(dst, `"RequestId":`...)
		dst = jsonfast.AppendString(dst, m.RequestID)
		dst = append(dst, ',')
	}
	if m.HasHostID {
		dst = append(dst, `"HostId":`...)
		dst = jsonfast.AppendString(dst, m.HostID)
		dst = append(dst, ',')
	}
	dst = append(dst, `"HTTPStatusCode":`...)
	dst = strconv.AppendInt(dst, int64(m.Status), 10)
	dst = append(dst, `,"HTTPHeaders":{`...)
	for i, kv := range m.Headers {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = jsonfast.AppendString(dst, kv[0])
		dst = append(dst, ':')
		dst = jsonfast.AppendString(dst, kv[1])
	}
	dst = append(dst, `},"RetryAttempts":`...)
	dst = strconv.AppendInt(dst, int64(m.RetryAttempts), 10)
	return append(dst, '}')
}

// Successful reports whether a status is a success (2xx); boto3 reads
// every status under 300 as one, and so does this package.
func Successful(status int) bool { return status < 300 }

// Retryable reports whether a failed response is worth another attempt:
// throttling (429) and server errors (5xx).
func Retryable(status int) bool {
	return retry.RetryableStatus(status)
}

// LimitProblem is the problem of a body over MaxBodyBytes (n bytes, or
// more when n is negative).
func LimitProblem(n int) validate.Problem {
	size := "more than " + strconv.Itoa(MaxBodyBytes)
	if n >= 0 {
		size = strconv.Itoa(n)
	}
	return validate.Problem{Code: validate.CodeLimit,
		Message: "The response body is " + size + " bytes; the limit is " + strconv.Itoa(MaxBodyBytes) + " bytes (1 MiB)."}
}

// AppendOutput appends the output of operation o read from a successful
// response's body, in boto3's form: the output shape's members under their
// PascalCase names in the model's order, members absent or null on the wire
// left out, unknown members ignored; then "ResponseMetadata": md. An empty
// body is an output without members.
//
// A body that is too large, not JSON, not an object, or whose members have
// the wrong JSON types is one problem (code limit, syntax or type; the path
// points into the body, in wire names) and nothing is appended.
func AppendOutput(dst []byte, o *schema.Operation, body []byte, md *Metadata) ([]byte, *validate.Problem) {
	if len(body) > MaxBodyBytes {
		p := LimitProblem(len(body))
		return dst, &p
	}
	start := len(dst)
	if len(body) == 0 {
		dst = append(dst, '{')
	} else {
		if msg, limit := checkSyntax(body); msg != "" {
			code := validate.CodeSyntax
			if limit {
				code = validate.CodeLimit
			}
			return dst, &validate.Problem{Code: code, Message: msg}
		}
		c := converter{}
		dst = c.structure(dst, schema.Get(o.Output), body, true)
		if c.problem != nil {
			return dst[:start], c.problem
		}
		dst = dst[:len(dst)-1] // reopen the object for ResponseMetadata
		if dst[len(dst)-1] != '{' {
			dst = append(dst, ',')
		}
	}
	dst = append(dst, `"ResponseMetadata":`...)
	dst = md.AppendJSON(dst)
	return append(dst, '}'), nil
}

// CheckOutput reports the problem AppendOutput would report for body, or
// nil.
func CheckOutput(o *schema.Operation, body []byte) *validate.Problem {
	var md Metadata
	_, p := AppendOutput(nil, o, body, &md)
	return p
}

type converter struct {
	problem *validate.Problem
	// path is where the conversion is, as JSON pointer tokens: a member's
	// wire name, or an index (name "" and idx).
	path []segment
}

type segment struct {
	name string
	idx  int
}

func (c *converter) pointer() string {
	var b strings.Builder
	for _, s := range c.path {
		b.WriteByte('/')
		if s.name == "" {
			b.WriteString(strconv.Itoa(s.idx))
		} else {
			b.WriteString(escapeToken(s.name))
		}
	}
	return b.String()
}

func (c *converter) typeProblem(want string, v []byte) {
	if c.problem == nil {
		c.problem = &validate.Problem{Path: c.pointer(), Code: validate.CodeType,
			Message: "The response has " + jsonfast.Kind(v[0]) + " where the model has " + want + "."}
	}
}

func (c *converter) structure(dst []byte, s *schema.Shape, v []byte, top bool) []byte {
	if k := first(v); k != '{' {
		if top {
			c.problem = &validate.Problem{Code: validate.CodeType,
				Message: "The response body is " + jsonfast.Kind(k) + "; the output of the operation is an object."}
			return dst
		}
		c.typeProblem("an object ("+s.Name+")", v)
		return dst
	}
	var slots [32][]byte
	vals := slots[:0]
	if len(s.Members) > len(slots) {
		vals = make([][]byte, 0, len(s.Members))
	}
	vals = vals[:len(s.Members)]
	members(v, func(name []byte, value []byte) {
		for i := range s.Members {
			if s.Members[i].Wire == string(name) && !s.Members[i].URI {
				vals[i] = value
				return
			}
		}
	})
	dst = append(dst, '{')
	n := 0
	for i, m := range s.Members {
		val := vals[i]
		if val == nil || val[0] == 'n' {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		n++
		dst = jsonfast.AppendString(dst, m.Name)
		dst = append(dst, ':')
		c.path = append(c.path, segment{name: m.Wire})
		dst = c.value(dst, m.Shape, val)
		c.path = c.path[:len(c.path)-1]
		if c.problem != nil {
			return dst
		}
	}
	return append(dst, '}')
}

func (c *converter) value(dst []byte, id schema.ShapeID, v []byte) []byte {
	s := schema.Get(id)
	switch s.Kind {
	case schema.KindStructure:
		return c.structure(dst, s, v, false)
	case schema.KindFreeform:
		if v[0] != '{' {
			c.typeProblem("an object", v)
			return dst
		}
		return appendCompact(dst, v)
	case schema.KindList:
		if v[0] != '[' {
			c.typeProblem("an array", v)
			return dst
		}
		dst = append(dst, '[')
		elements(v, func(i int, e []byte) {
			if c.problem != nil {
				return
			}
			if i > 0 {
				dst = append(dst, ',')
			}
			if e[0] == 'n' {
				dst = append(dst, "null"...)
				return
			}
			c.path = append(c.path, segment{idx: i})
			dst = c.value(dst, s.Elem, e)
			c.path = c.path[:len(c.path)-1]
		})
		return append(dst, ']')
	case schema.KindString:
		if v[0] != '"' {
			c.typeProblem("a string", v)
			return dst
		}
		return appendString(dst, v)
	case schema.KindBoolean:
		if v[0] != 't' && v[0] != 'f' {
			c.typeProblem("a boolean", v)
			return dst
		}
		return append(dst, v...)
	case schema.KindInteger, schema.KindLong:
		if !isNumber(v[0]) {
			c.typeProblem("an integer", v)
			return dst
		}
		if _, float, _, _ := jsonfast.Number(v, 0); float {
			c.typeProblem("an integer", v)
			return dst
		}
		return append(dst, v...)
	case schema.KindDouble:
		if !isNumber(v[0]) {
			c.typeProblem("a number", v)
			return dst
		}
		return append(dst, v...)
	case schema.KindTimestamp:
		if v[0] != '"' && !isNumber(v[0]) {
			c.typeProblem("a timestamp", v)
			return dst
		}
		return appendCompact(dst, v)
	}
	return appendCompact(dst, v)
}

func isNumber(c byte) bool { return c == '-' || c >= '0' && c <= '9' }

// escapeToken escapes a member name for a JSON pointer (RFC 6901).
func escapeToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
