package validate

import "strings"

// Code classifies a Problem. The set is closed: every problem produced by this
// module, in Go, WebAssembly or JavaScript, carries exactly one of these.
type Code string

const (
	// CodeRequired: a required member is missing or null.
	CodeRequired Code = "required"
	// CodeType: a value has the wrong JSON type (including a fraction where an
	// integer is expected).
	CodeType Code = "type"
	// CodeEnum: a string is not one of the values the model allows.
	CodeEnum Code = "enum"
	// CodeRange: a number is outside the model's min/max.
	CodeRange Code = "range"
	// CodeUnknown: a member that the shape does not have.
	CodeUnknown Code = "unknown"
	// CodeEmpty: a URI-bound member (AppId, BackendEnvironmentName, JobId,
	// SessionId) given as "".
	CodeEmpty Code = "empty"
	// CodeSyntax: the input is not valid JSON.
	CodeSyntax Code = "syntax"
	// CodeDuplicate: an object has the same member twice.
	CodeDuplicate Code = "duplicate"
	// CodeLimit: the input exceeds a configured limit (size, depth, length).
	CodeLimit Code = "limit"
	// CodeInvalid: a value is malformed in a way the other codes do not
	// describe (for example an invalid region or URL in options).
	CodeInvalid Code = "invalid"
)

// Problem is one thing wrong with an input. It is the one error shape shared
// by Go, the WebAssembly module and the JavaScript API.
//
// Path is an RFC 6901 JSON pointer into the input as the user gave it ("" for
// the whole input). Message is one plain sentence for a person; it never
// contains the value of a sensitive member or a credential.
type Problem struct {
	Path    string `json:"path"`
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// Error is a non-empty list of problems. It implements error so that a Go
// caller can return it, and errors.As recovers the full list.
type Error struct {
	Problems []Problem
}

// Error lists every problem, one per line, as "path: message".
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if p.Path != "" {
			b.WriteString(p.Path)
			b.WriteString(": ")
		}
		b.WriteString(p.Message)
	}
	return b.String()
}

// EscapePointerToken escapes one reference token for an RFC 6901 JSON
// pointer ("~" becomes "~0", "/" becomes "~1").
func EscapePointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	s = strings.ReplaceAll(s, "~", "~0")
	return strings.ReplaceAll(s, "/", "~1")
}
