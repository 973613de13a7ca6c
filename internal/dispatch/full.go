//go:build !nosign

// This file holds what only the full module has besides the signer: the
// split form of a built request's result (HandleSplit), which the core
// module writes as Handle does, to stay small (see nosign.go).

package dispatch

import (
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

// splitBuildRequest is buildRequest for HandleSplit.
func splitBuildRequest(dst, input []byte) ([]byte, *string, *failure) {
	return buildRequest(dst, input, true)
}

// appendRequest writes r; with split, a valid UTF-8 body is left out and
// returned (see HandleSplit). The core module has no HandleSplit form.
func appendRequest(dst []byte, r client.Request, split bool) ([]byte, *string) {
	if split && r.Body != nil && utf8.ValidString(*r.Body) {
		body := r.Body
		r.Body = nil
		return r.AppendJSON(dst), body
	}
	return r.AppendJSON(dst), nil
}
