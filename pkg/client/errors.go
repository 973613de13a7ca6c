package client

import (
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/response"
)

// ServiceError is implemented by every error that carries a response of the
// service: the exceptions of the model (*BadRequestException,
// *NotFoundException, *TooManyRequestsException, *GatewayTimeoutException;
// generated in errors_gen.go) and *ResponseError for any other failed
// response.
//
// Use errors.As with a pointer to a concrete type to handle one exception,
// or with a ServiceError to read the common fields of any of them.
type ServiceError interface {
	error
	// ErrorCode returns the error type the service named, such as
	// "NotFoundException", or the status ("403") when it named none.
	ErrorCode() string
	// ErrorMessage returns the service's message, or the status's reason
	// phrase when the body has none.
	ErrorMessage() string
	// ErrorFault says whether the error is the caller's or the service's.
	ErrorFault() ErrorFault
	// HTTPStatusCode returns the response's status code.
	HTTPStatusCode() int
	// ServiceRequestID returns the x-amzn-RequestId header of the response.
	ServiceRequestID() string
}

// ErrorFault says who is at fault for a service error, as smithy-go's
// smithy.ErrorFault does.
type ErrorFault int

// The faults: the model's exceptions with a 4xx status are the caller's
// (FaultClient), with a 5xx status the service's (FaultServer).
const (
	FaultUnknown ErrorFault = iota
	FaultServer
	FaultClient
)

// String returns "unknown", "server" or "client".
func (f ErrorFault) String() string {
	switch f {
	case FaultServer:
		return "server"
	case FaultClient:
		return "client"
	}
	return "unknown"
}

func faultOfStatus(status int) ErrorFault {
	switch {
	case status >= 500:
		return FaultServer
	case status >= 400:
		return FaultClient
	}
	return FaultUnknown
}

const prefix = "amplifybackend: "

// MaxErrorBodyExcerpt is the most bytes of a response body a ResponseError
// keeps.
const MaxErrorBodyExcerpt = response.MaxErrorBodyExcerpt

// ResponseError is a response the client could not turn into a result or
// into one of the model's exceptions: a failed status with another error
// type (403 AccessDeniedException, for example) or none, or a successful
// one whose body could not be read (Err then holds a *validate.Error with
// one problem: syntax, type or limit).
type ResponseError struct {
	// StatusCode is the response's status code.
	StatusCode int
	// Code is the error type the service named, or the status ("502") when
	// it named none; "" for a successful response.
	Code string
	// Message is the service's message, else the status's reason phrase.
	Message string
	// RequestID is the x-amzn-RequestId header of the response.
	RequestID string
	// Body holds at most MaxErrorBodyExcerpt bytes of the response body,
	// cut at a UTF-8 boundary.
	Body string
	// Err is the cause when the body could not be read, else nil.
	Err error

	text string
}

// Error describes e: the error type, the message, the status and the
// request ID, then the body excerpt when the body gave no message, or the
// problem with the body.
func (e *ResponseError) Error() string {
	if e.text != "" {
		return prefix + e.text
	}
	name := e.Code
	if name == "" {
		name = "error response"
		if e.StatusCode < 300 {
			name = "unreadable response"
		}
	}
	body := ""
	if e.Message == "" {
		body = e.Body
	}
	s := prefix + response.Text(name, e.StatusCode, e.Message, e.RequestID, nil, body)
	if e.Err != nil {
		s += "; " + e.Err.Error()
	}
	return s
}

// Unwrap returns the decoding error, if any.
func (e *ResponseError) Unwrap() error { return e.Err }

// ErrorCode returns the error type the service named, or the status.
func (e *ResponseError) ErrorCode() string { return e.Code }

// ErrorMessage returns the service's message, or the reason phrase.
func (e *ResponseError) ErrorMessage() string { return e.Message }

// ErrorFault returns FaultClient for a 4xx status, FaultServer for a 5xx
// status or an unreadable successful response, else FaultUnknown.
func (e *ResponseError) ErrorFault() ErrorFault {
	if e.StatusCode < 300 {
		return FaultServer
	}
	return faultOfStatus(e.StatusCode)
}

// HTTPStatusCode returns the response's status code.
func (e *ResponseError) HTTPStatusCode() int { return e.StatusCode }

// ServiceRequestID returns the request ID of the response.
func (e *ResponseError) ServiceRequestID() string { return e.RequestID }

// serviceError turns a failed response into its Go error: the model's
// exception (by the type the response names, else by its status) or a
// *ResponseError.
func serviceError(r *response.Error) error {
	if s := r.Typed(); s != nil {
		if err := newException(s, r); err != nil {
			return err
		}
	}
	return &ResponseError{StatusCode: r.Meta.Status, Code: r.Code, Message: r.Message, RequestID: r.Meta.RequestID,
		Body: r.Excerpt, text: strings.TrimPrefix(r.Text(), prefix)}
}
