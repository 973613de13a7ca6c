package response

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
)

// MaxErrorBodyExcerpt is the most bytes of a failed response's body an
// error keeps (cut at a UTF-8 boundary).
const MaxErrorBodyExcerpt = 512

// Error is a failed response (status 300 or more), read as boto3 reads it.
type Error struct {
	// Code is the error code: the x-amzn-errortype header before any ':',
	// else the body's code or __type after any '#', else the status.
	Code string
	// Named is false when Code is the status (the response named no type).
	Named bool
	// Message is the body's message (or Message), else the status's
	// reason phrase ("Bad Gateway").
	Message string
	// FromBody is true when Message came from the body.
	FromBody bool
	// Shape is the model's exception named by Code, nil for any other code
	// (403 AccessDeniedException, a status).
	Shape *schema.Shape
	// Meta describes the response.
	Meta Metadata
	// Excerpt holds at most MaxErrorBodyExcerpt bytes of the body.
	Excerpt string
	// fields are the body's top-level string members, by wire name.
	fields map[string]string
}

// ParseError reads a failed response received after attempts retries.
func ParseError(status int, h http.Header, body []byte, attempts int) *Error {
	e := &Error{Meta: NewMetadata(status, h, attempts), Excerpt: excerpt(body)}
	if len(body) <= MaxBodyBytes {
		if msg, _ := checkSyntax(body); msg == "" && len(body) > 0 {
			if first(body) == '{' {
				e.fields = map[string]string{}
				members(body, func(name, v []byte) {
					if v[0] == '"' {
						e.fields[string(name)] = stringValue(v)
					} else {
						delete(e.fields, string(name))
					}
				})
			}
		}
	}
	if t := h.Get("X-Amzn-Errortype"); t != "" {
		if i := strings.IndexByte(t, ':'); i >= 0 {
			t = t[:i]
		}
		e.Code = strings.TrimSpace(t)
	}
	if e.Code == "" {
		for _, k := range []string{"code", "Code", "__type"} {
			if t, ok := e.fields[k]; ok && t != "" {
				if i := strings.LastIndexByte(t, '#'); i >= 0 {
					t = t[i+1:]
				}
				if i := strings.IndexByte(t, ':'); i >= 0 {
					t = t[:i]
				}
				e.Code = strings.TrimSpace(t)
				break
			}
		}
	}
	e.Named = e.Code != ""
	if !e.Named {
		e.Code = strconv.Itoa(status)
	}
	for _, k := range []string{"message", "Message"} {
		if m, ok := e.fields[k]; ok {
			e.Message, e.FromBody = m, true
			break
		}
	}
	if !e.FromBody {
		e.Message = http.StatusText(status)
	}
	if e.Named {
		if id, ok := schema.LookupException(e.Code); ok {
			e.Shape = schema.Get(id)
		}
	}
	return e
}

// Field is one modeled member of an error.
type Field struct{ Name, Value string }

// Members returns the members of exception s found in the body as strings
// (every member of the model's exceptions is one), in the model's order.
// Message is among them when the body has it.
func (e *Error) Members(s *schema.Shape) []Field {
	var out []Field
	for _, m := range s.Members {
		if v, ok := e.fields[m.Wire]; ok {
			out = append(out, Field{m.Name, v})
		}
	}
	return out
}

// Member returns the value of the member named name (user-facing) of
// exception s, or "".
func (e *Error) Member(s *schema.Shape, name string) string {
	for _, m := range s.Members {
		if m.Name == name {
			return e.fields[m.Wire]
		}
	}
	return ""
}

// Typed is the exception the Go client returns: Shape, or for a response
// that names no error type, the model's exception for its status (see
// schema.ExceptionForStatus); nil when neither applies.
func (e *Error) Typed() *schema.Shape {
	if e.Shape != nil || e.Named {
		return e.Shape
	}
	if id, ok := schema.ExceptionForStatus(e.Meta.Status); ok {
		return schema.Get(id)
	}
	return nil
}

// Retryable reports whether another attempt may succeed (429 and 5xx).
func (e *Error) Retryable() bool { return Retryable(e.Meta.Status) }

// AppendResponse appends the error in the form of boto3's
// ClientError.response: {"Error": {"Code", "Message"}, "ResponseMetadata",
// then the modeled members of the exception named by Code}.
func (e *Error) AppendResponse(dst []byte) []byte {
	dst = append(dst, `{"Error":{"Code":`...)
	dst = jsonfast.AppendString(dst, e.Code)
	dst = append(dst, `,"Message":`...)
	dst = jsonfast.AppendString(dst, e.Message)
	dst = append(dst, `},"ResponseMetadata":`...)
	dst = e.Meta.AppendJSON(dst)
	if e.Shape != nil {
		for _, f := range e.Members(e.Shape) {
			dst = append(dst, ',')
			dst = jsonfast.AppendString(dst, f.Name)
			dst = append(dst, ':')
			dst = jsonfast.AppendString(dst, f.Value)
		}
	}
	return append(dst, '}')
}

// Text describes the error as every host prints it, without a prefix:
// "NotFoundException: message (HTTP 404, resource type X, request ID Y)".
func (e *Error) Text() string {
	name, details := e.Code, []Field(nil)
	if s := e.Typed(); s != nil {
		name = s.Name
		for _, f := range e.Members(s) {
			if f.Name != "Message" {
				details = append(details, f)
			}
		}
	}
	body := ""
	if e.Typed() == nil && !e.FromBody {
		body = e.Excerpt
	}
	return Text(name, e.Meta.Status, e.Message, e.Meta.RequestID, details, body)
}

// Text formats an error: "name: message (HTTP status, <detail label>
// value..., request ID id)", then `; body: "..."` when body is not empty.
// A detail's label is its member name in lower-case words ("resource
// type").
func Text(name string, status int, msg, requestID string, details []Field, body string) string {
	var b strings.Builder
	b.WriteString(name)
	if msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	b.WriteString(" (HTTP ")
	b.WriteString(strconv.Itoa(status))
	for _, d := range details {
		if d.Value == "" {
			continue
		}
		b.WriteString(", ")
		b.WriteString(words(d.Name))
		b.WriteByte(' ')
		b.WriteString(d.Value)
	}
	if requestID != "" {
		b.WriteString(", request ID ")
		b.WriteString(requestID)
	}
	b.WriteByte(')')
	if body != "" {
		b.WriteString("; body: ")
		b.WriteString(strconv.Quote(body))
	}
	return b.String()
}

// words turns "ResourceType" into "resource type".
func words(name string) string {
	var b strings.Builder
	for i, r := range name {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte(' ')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// excerpt returns at most MaxErrorBodyExcerpt bytes of body, cut at a UTF-8
// boundary.
func excerpt(body []byte) string {
	if len(body) <= MaxErrorBodyExcerpt {
		return string(body)
	}
	cut := MaxErrorBodyExcerpt
	for cut > 0 && !utf8.RuneStart(body[cut]) {
		cut--
	}
	return string(body[:cut])
}
