// Package easyjsonapi declares the two interfaces of
// github.com/mailru/easyjson that the generated pkg/types code asserts
// (easyjson.Marshaler and easyjson.Unmarshaler), with the same method sets,
// so that pkg/types does not import easyjson's root package: that package
// imports net/http (for its http.ResponseWriter helpers), which in a
// WebAssembly module links crypto/tls and crypto/x509 and costs the core
// module about 0.6 MB of brotli. An interface assertion depends only on the
// method set, so a value that implements easyjson.Marshaler implements
// Marshaler here too.
//
// pkg/types/types_easyjson.go imports this package in place of easyjson's
// root: internal/tools/easyjsonimport rewrites that one import line after
// easyjson generates the file (see the go:generate lines in pkg/types).
package easyjsonapi

import (
	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"
)

// Marshaler is easyjson.Marshaler.
type Marshaler interface {
	MarshalEasyJSON(w *jwriter.Writer)
}

// Unmarshaler is easyjson.Unmarshaler.
type Unmarshaler interface {
	UnmarshalEasyJSON(w *jlexer.Lexer)
}
