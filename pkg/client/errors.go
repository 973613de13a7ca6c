package client

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mailru/easyjson/jlexer"
)

// ServiceError is implemented by every error that carries a response of the
// service: the four exceptions of the model (*BadRequestException,
// *NotFoundException, *TooManyRequestsException, *GatewayTimeoutException)
// and *ResponseError for any other failed response.
//
// Use errors.As with a pointer to a concrete type to handle one exception,
// or with a ServiceError to read the common fields of any of them.
type ServiceError interface {
	error
	// ErrorCode returns the error type the service named, such as
	// "NotFoundException", or "" when it named none.
	ErrorCode() string
	// ErrorMessage returns the service's message.
	ErrorMessage() string
	// HTTPStatusCode returns the response's status code.
	HTTPStatusCode() int
	// ServiceRequestID returns the x-amzn-RequestId header of the response.
	ServiceRequestID() string
}

// BadRequestException is the service's error for a request it refused as
// invalid (HTTP 400).
type BadRequestException struct {
	Message    string // the service's message
	RequestID  string // the x-amzn-RequestId header of the response
	StatusCode int    // the response's status code, normally 400
}

// Error describes e with its message and request ID.
func (e *BadRequestException) Error() string {
	return errorText("BadRequestException", e.StatusCode, e.Message, e.RequestID, "")
}

// ErrorCode returns "BadRequestException".
func (e *BadRequestException) ErrorCode() string { return "BadRequestException" }

// ErrorMessage returns the service's message.
func (e *BadRequestException) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the response's status code.
func (e *BadRequestException) HTTPStatusCode() int { return e.StatusCode }

// ServiceRequestID returns the request ID of the response.
func (e *BadRequestException) ServiceRequestID() string { return e.RequestID }

// NotFoundException is the service's error for a resource that does not
// exist (HTTP 404). ResourceType names the kind of resource when the
// service says.
type NotFoundException struct {
	Message      string // the service's message
	ResourceType string // the kind of resource, when the service says
	RequestID    string // the x-amzn-RequestId header of the response
	StatusCode   int    // the response's status code, normally 404
}

// Error describes e with its message, resource type and request ID.
func (e *NotFoundException) Error() string {
	return errorText("NotFoundException", e.StatusCode, e.Message, e.RequestID, detail("resource type", e.ResourceType))
}

// ErrorCode returns "NotFoundException".
func (e *NotFoundException) ErrorCode() string { return "NotFoundException" }

// ErrorMessage returns the service's message.
func (e *NotFoundException) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the response's status code.
func (e *NotFoundException) HTTPStatusCode() int { return e.StatusCode }

// ServiceRequestID returns the request ID of the response.
func (e *NotFoundException) ServiceRequestID() string { return e.RequestID }

// TooManyRequestsException is the service's error for a request refused
// by throttling (HTTP 429). LimitType names the limit when the service
// says. The client retries it (see Options.MaxAttempts) before returning
// it.
type TooManyRequestsException struct {
	Message    string // the service's message
	LimitType  string // the limit that was hit, when the service says
	RequestID  string // the x-amzn-RequestId header of the response
	StatusCode int    // the response's status code, normally 429
}

// Error describes e with its message, limit type and request ID.
func (e *TooManyRequestsException) Error() string {
	return errorText("TooManyRequestsException", e.StatusCode, e.Message, e.RequestID, detail("limit type", e.LimitType))
}

// ErrorCode returns "TooManyRequestsException".
func (e *TooManyRequestsException) ErrorCode() string { return "TooManyRequestsException" }

// ErrorMessage returns the service's message.
func (e *TooManyRequestsException) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the response's status code.
func (e *TooManyRequestsException) HTTPStatusCode() int { return e.StatusCode }

// ServiceRequestID returns the request ID of the response.
func (e *TooManyRequestsException) ServiceRequestID() string { return e.RequestID }

// GatewayTimeoutException is the service's error for a request that timed
// out behind its gateway (HTTP 504). The client retries it before returning
// it.
type GatewayTimeoutException struct {
	Message    string // the service's message
	RequestID  string // the x-amzn-RequestId header of the response
	StatusCode int    // the response's status code, normally 504
}

// Error describes e with its message and request ID.
func (e *GatewayTimeoutException) Error() string {
	return errorText("GatewayTimeoutException", e.StatusCode, e.Message, e.RequestID, "")
}

// ErrorCode returns "GatewayTimeoutException".
func (e *GatewayTimeoutException) ErrorCode() string { return "GatewayTimeoutException" }

// ErrorMessage returns the service's message.
func (e *GatewayTimeoutException) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the response's status code.
func (e *GatewayTimeoutException) HTTPStatusCode() int { return e.StatusCode }

// ServiceRequestID returns the request ID of the response.
func (e *GatewayTimeoutException) ServiceRequestID() string { return e.RequestID }

// MaxErrorBodyExcerpt is the most bytes of a response body a ResponseError
// keeps.
const MaxErrorBodyExcerpt = 512

// ResponseError is a response the client could not turn into a result or
// into one of the model's exceptions: a failed status with another error
// type (403 AccessDeniedException, for example) or none, or a successful
// one whose body could not be decoded.
type ResponseError struct {
	// StatusCode is the response's status code.
	StatusCode int
	// Code is the error type the service named, "" when it named none.
	Code string
	// Message is the service's message, when it gave one.
	Message string
	// RequestID is the x-amzn-RequestId header of the response.
	RequestID string
	// Body holds at most MaxErrorBodyExcerpt bytes of the response body,
	// cut at a UTF-8 boundary.
	Body string
	// Err is the cause when the body could not be decoded, else nil.
	Err error
}

// Error describes e: the status, the error type and message when the
// service gave them, the request ID, and the body excerpt when there is no
// message.
func (e *ResponseError) Error() string {
	name := e.Code
	if name == "" {
		name = "error response"
		if e.StatusCode >= 200 && e.StatusCode < 300 {
			name = "undecodable response"
		}
	}
	var extra string
	switch {
	case e.Err != nil:
		extra = "; " + e.Err.Error()
	case e.Message == "" && e.Body != "":
		extra = "; body: " + strconv.Quote(e.Body)
	}
	return errorText(name, e.StatusCode, e.Message, e.RequestID, extra)
}

// Unwrap returns the decoding error, if any.
func (e *ResponseError) Unwrap() error { return e.Err }

// ErrorCode returns the error type the service named, or "".
func (e *ResponseError) ErrorCode() string { return e.Code }

// ErrorMessage returns the service's message, or "".
func (e *ResponseError) ErrorMessage() string { return e.Message }

// HTTPStatusCode returns the response's status code.
func (e *ResponseError) HTTPStatusCode() int { return e.StatusCode }

// ServiceRequestID returns the request ID of the response.
func (e *ResponseError) ServiceRequestID() string { return e.RequestID }

// errorText formats "amplifybackend: Name: message (HTTP 404, resource type
// X, request ID Y)".
func errorText(name string, status int, msg, requestID, extra string) string {
	var b strings.Builder
	b.WriteString("amplifybackend: ")
	b.WriteString(name)
	if msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	b.WriteString(" (HTTP ")
	b.WriteString(strconv.Itoa(status))
	if strings.HasPrefix(extra, ", ") {
		b.WriteString(extra)
		extra = ""
	}
	if requestID != "" {
		b.WriteString(", request ID ")
		b.WriteString(requestID)
	}
	b.WriteByte(')')
	b.WriteString(extra)
	return b.String()
}

func detail(label, v string) string {
	if v == "" {
		return ""
	}
	return ", " + label + " " + v
}

// errorFields are the parts of an error response the client reads.
type errorFields struct {
	code, message, resourceType, limitType string
	parsed                                 bool // the body was a JSON object
}

// parseErrorBody reads the error type and fields of a JSON error body:
// __type or code (either case), message (either case), resourceType and
// limitType. Anything else, or a body that is not a JSON object, is
// ignored.
func parseErrorBody(body []byte) errorFields {
	var f errorFields
	l := jlexer.Lexer{Data: body}
	if l.CurrentToken() != jlexer.TokenDelim || !l.IsDelim('{') {
		return f
	}
	l.Delim('{')
	for l.Ok() && !l.IsDelim('}') {
		key := l.UnsafeFieldName(false)
		l.WantColon()
		var dst *string
		switch key {
		case "__type", "code", "Code":
			dst = &f.code
		case "message", "Message", "errorMessage":
			dst = &f.message
		case "resourceType", "ResourceType":
			dst = &f.resourceType
		case "limitType", "LimitType":
			dst = &f.limitType
		}
		if dst != nil && l.CurrentToken() == jlexer.TokenString {
			if s := l.String(); *dst == "" {
				*dst = s
			}
		} else {
			l.SkipRecursive()
		}
		l.WantComma()
	}
	l.Delim('}')
	f.parsed = l.Ok()
	if !f.parsed {
		return errorFields{}
	}
	return f
}

// sanitizeErrorCode reduces an error type to its name: the part before a
// ':' ("NotFoundException:http://internal...") and after a '#'
// ("com.amazonaws.amplifybackend#NotFoundException").
func sanitizeErrorCode(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}

// newServiceError turns a failed response into an error: one of the
// model's exceptions when the X-Amzn-ErrorType header, the body's
// __type/code or (when neither names a type) the status code says so, else
// a *ResponseError.
func newServiceError(status int, header http.Header, body []byte, requestID string) error {
	f := parseErrorBody(body)
	code := sanitizeErrorCode(header.Get("X-Amzn-ErrorType"))
	if code == "" {
		code = sanitizeErrorCode(f.code)
	}
	msg := f.message
	if msg == "" {
		msg = header.Get("X-Amzn-ErrorMessage")
	}
	name := code
	if name == "" {
		switch status {
		case http.StatusBadRequest:
			name = "BadRequestException"
		case http.StatusNotFound:
			name = "NotFoundException"
		case http.StatusTooManyRequests:
			name = "TooManyRequestsException"
		case http.StatusGatewayTimeout:
			name = "GatewayTimeoutException"
		}
	}
	switch name {
	case "BadRequestException":
		return &BadRequestException{Message: msg, RequestID: requestID, StatusCode: status}
	case "NotFoundException":
		return &NotFoundException{Message: msg, ResourceType: f.resourceType, RequestID: requestID, StatusCode: status}
	case "TooManyRequestsException":
		return &TooManyRequestsException{Message: msg, LimitType: f.limitType, RequestID: requestID, StatusCode: status}
	case "GatewayTimeoutException":
		return &GatewayTimeoutException{Message: msg, RequestID: requestID, StatusCode: status}
	}
	return &ResponseError{StatusCode: status, Code: code, Message: msg, RequestID: requestID, Body: excerpt(body)}
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
