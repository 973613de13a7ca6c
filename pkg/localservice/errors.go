//go:build !nosign

package localservice

import (
	"encoding/json"
	"net/http"
)

// apiError is an error response in the service's wire form: a status, the
// x-amzn-ErrorType header and a JSON body {"message": ...} with the
// exception's other members (resourceType, limitType) under their wire
// names.
type apiError struct {
	status       int
	code         string
	message      string
	resourceType string
	limitType    string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func badRequest(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, code: "BadRequestException", message: msg}
}

// notFound reports a missing resource; resourceType is one of the kinds
// listed in docs/LOCALSERVICE.md.
func notFound(resourceType, msg string) *apiError {
	return &apiError{status: http.StatusNotFound, code: "NotFoundException", message: msg, resourceType: resourceType}
}

func forbidden(code, msg string) *apiError {
	return &apiError{status: http.StatusForbidden, code: code, message: msg}
}

func invalidSignature(msg string) *apiError {
	return forbidden("InvalidSignatureException", msg)
}

// The messages AWS services send for the signature failures, word for word
// where they are public.
const (
	msgMissingToken  = "Missing Authentication Token"
	msgUnknownKey    = "The security token included in the request is invalid."
	msgBadSignature  = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgWrongRegion   = "Credential should be scoped to a valid region."
	msgWrongService  = "Credential should be scoped to correct service: 'amplifybackend'."
	msgHostNotSigned = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
)

// writeError writes e. The request ID header is already set.
func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]string{"message": e.message}
	if e.resourceType != "" {
		body["resourceType"] = e.resourceType
	}
	if e.limitType != "" {
		body["limitType"] = e.limitType
	}
	data, _ := json.Marshal(body)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h["x-amzn-ErrorType"] = []string{e.code}
	w.WriteHeader(e.status)
	w.Write(data)
}
