//go:build !nosign

// This file holds what only the full module has besides the signer: the
// member paths of the signing envelopes, built once, and the split form of
// a built request's result (HandleSplit), which the core module writes as
// Handle does, to stay small (see nosign.go).

package dispatch

import (
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

// memberPaths holds the JSON pointers of the members of the signing
// envelopes' objects under the paths they occur at ("/options" +
// "/region"), built once, so that reading an envelope does not build the
// same strings on every call: they are only needed for a problem, but the
// readers take them as strings. Read-only after init. The core module
// (-tags nosign), which does not sign, builds them as it reads.
var memberPaths []memberPathTable

type memberPathTable struct {
	parent string
	names  []string // one of the package's member lists (compared by identity)
	paths  []string // parent + "/" + names[i]
}

// registerPaths records the paths of names' members under each parent.
func registerPaths(names []string, parents ...string) {
	for _, parent := range parents {
		t := memberPathTable{parent: parent, names: names, paths: make([]string, len(names))}
		for i, n := range names {
			t.paths[i] = parent + "/" + pointer.Escape(n)
		}
		memberPaths = append(memberPaths, t)
	}
}

// pathsOf returns the registered paths of names' members under parent, or
// nil.
func pathsOf(parent string, names []string) []string {
	if len(names) == 0 {
		return nil
	}
	for i := range memberPaths {
		t := &memberPaths[i]
		if &t.names[0] == &names[0] && len(t.names) == len(names) && t.parent == parent {
			return t.paths
		}
	}
	return nil
}

func init() {
	registerPaths(signMembers, "")
	registerPaths(buildSignMembers, "")
	registerPaths(signOptionMembers, "/options", "/signOptions")
	registerPaths(credentialsMembers, "/options/credentials", "/signOptions/credentials")
	registerPaths(buildOptionMembers, "/buildOptions")
}

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
