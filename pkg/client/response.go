package client

import (
	"net/http"

	"github.com/mailru/easyjson/jlexer"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/response"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// MaxResponseBodyBytes is the largest response body the client reads (1
// MiB, as client.MaxBodyBytes for a request): a larger one is a
// *ResponseError whose Err is a *validate.Error with one problem of code
// "limit".
const MaxResponseBodyBytes = response.MaxBodyBytes

// ParseResponse reads a response of operation: for a status under 300 it
// returns the operation's output, a pointer to its type in package types
// (*types.GetBackendResponse for GetBackend) with ResponseMetadata filled
// in; otherwise the service's error, one of the model's exceptions
// (*NotFoundException, ...) or a *ResponseError, all of them ServiceErrors.
//
// It is what every Client method does with a response, and what the
// dispatcher's parseResponse does for the other hosts: the error type comes
// from the x-amzn-errortype header (before any ':'), else the body's code
// or __type (after any '#'); a response that names none is the model's
// exception for its status, if any. A successful body that is not JSON, not
// an object, has members of the wrong type or is over
// MaxResponseBodyBytes is a *ResponseError whose Err is a *validate.Error
// (code syntax, type or limit). An unknown operation is a
// *validate.NameError.
func ParseResponse(operation string, status int, header http.Header, body []byte) (any, error) {
	o, ok := schema.LookupOperation(operation)
	if !ok {
		_, _, err := validate.Transcode(operation, nil, nil)
		return nil, err
	}
	out, md := newOutput(o.Name)
	m, err := parse(o, status, header, body, 0, out)
	if err != nil {
		return nil, err
	}
	*md = m
	return out, nil
}

// parse reads a response received after attempts retries into out.
func parse(o *schema.Operation, status int, header http.Header, body []byte, attempts int, out decoder) (types.ResponseMetadata, error) {
	if header == nil {
		header = http.Header{}
	}
	md := metadata(status, header, attempts)
	if !response.Successful(status) {
		return md, serviceError(response.ParseError(status, header, body, attempts))
	}
	if p := response.CheckOutput(o, body); p != nil {
		return md, &ResponseError{StatusCode: status, RequestID: md.RequestId, Body: excerpt(body),
			Err: &validate.Error{Problems: []validate.Problem{*p}}}
	}
	if len(body) > 0 {
		l := jlexer.Lexer{Data: body}
		out.UnmarshalEasyJSON(&l)
		if derr := l.Error(); derr != nil {
			return md, &ResponseError{StatusCode: status, RequestID: md.RequestId, Body: excerpt(body), Err: derr}
		}
	}
	return md, nil
}

// excerpt returns at most MaxErrorBodyExcerpt bytes of body, cut at a UTF-8
// boundary.
func excerpt(body []byte) string {
	if len(body) > MaxErrorBodyExcerpt {
		return response.ParseError(0, http.Header{}, body[:MaxErrorBodyExcerpt+4], 0).Excerpt
	}
	return string(body)
}
