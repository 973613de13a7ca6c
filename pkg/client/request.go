// Package client builds, signs and sends AWS Amplify Admin (amplifybackend)
// requests.
//
// Every host (native Go, WebAssembly in a browser or in Node, the CLI) shares
// one request form, [Request], with a hand-written JSON encoding. [Sign] signs
// a Request with AWS Signature Version 4 and returns the request to send, in
// the same form; [SignHTTP] signs a *http.Request in place for the Go client.
//
// Signing is deterministic: the time and the credentials are inputs, so a
// signed request can be compared byte for byte with a golden file.
//
// # Notes
//
// This package avoids fmt and reflection-based JSON so that it stays small in
// a WebAssembly build. Problems with an input are reported as
// *validate.Error, whose messages never contain a secret access key or a
// session token.
package client

import (
	"net/http"
	"slices"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Header maps header names to their values, like http.Header. Names are
// normally in http.CanonicalHeaderKey form; the methods canonicalize the name
// they are given. A header with several values is sent once per value.
type Header map[string][]string

// Get returns the first value of the header name, or "" when it is absent.
func (h Header) Get(name string) string {
	if v := h[http.CanonicalHeaderKey(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns every value of the header name. The slice is not a copy.
func (h Header) Values(name string) []string {
	return h[http.CanonicalHeaderKey(name)]
}

// Set replaces the values of the header name with the single value.
func (h Header) Set(name, value string) {
	h[http.CanonicalHeaderKey(name)] = []string{value}
}

// Add appends value to the values of the header name.
func (h Header) Add(name, value string) {
	k := http.CanonicalHeaderKey(name)
	h[k] = append(h[k], value)
}

// Del removes the header name.
func (h Header) Del(name string) {
	delete(h, http.CanonicalHeaderKey(name))
}

// Request is an HTTP request in the form shared by every host.
//
// Its JSON form is {"method","url","headers","body"}: headers is an object
// with sorted, canonical header names whose value is a string for a header
// with one value and an array of strings for a repeated header; body is a
// string and is absent when Body is nil.
type Request struct {
	Method  string
	URL     string  // absolute URL, path as it goes on the wire
	Headers Header  // header name -> values
	Body    *string // nil when there is no body (absent in JSON)
}

// problems collects Problems; the zero value is ready to use.
type problems struct {
	list []validate.Problem
}

func (p *problems) add(path string, code validate.Code, msg string) *problems {
	p.list = append(p.list, validate.Problem{Path: path, Code: code, Message: msg})
	return p
}

func (p *problems) any() bool { return len(p.list) > 0 }

// err returns the problems as a *validate.Error, sorted by path (stable) so
// that the order does not depend on map iteration.
func (p *problems) err() error {
	slices.SortStableFunc(p.list, func(a, b validate.Problem) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		// Problems at one path (several at "/headers") may come from a map
		// walk: order them by their text, so the order is always the same.
		if c := strings.Compare(string(a.Code), string(b.Code)); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	return &validate.Error{Problems: p.list}
}
