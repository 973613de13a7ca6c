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
	// CodeDeprecated: a member the service documents as deprecated. It is
	// only ever a warning (Report.Warnings), never an error.
	CodeDeprecated Code = "deprecated"
)

// Problem is one thing wrong with an input. It is the one error shape shared
// by Go, the WebAssembly module and the JavaScript API.
//
// Path is an RFC 6901 JSON pointer into the input as the user gave it ("" for
// the whole input). Message is one plain sentence for a person; it never
// contains the value of a sensitive member or a credential.
//
// Range is where the problem is in the JSON text it was found in, when
// there was one (Input, Shape and AuthConfig read text; Value has none):
// the value for codes type, enum, range, empty and invalid, the member name
// for unknown, duplicate and deprecated, the object that lacks the member
// for required (the null itself for a required member given as null), and
// the offending character for syntax.
type Problem struct {
	Path    string `json:"path"`
	Code    Code   `json:"code"`
	Message string `json:"message"`
	Range   Range  `json:"range,omitzero"`
}

// Range is a span of JSON text, from Start up to (not including) End. The
// zero Range (Start.Line 0) means the problem has no place in text.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Position is a place in JSON text as editors count it: Line and Column
// from 1, Column and Offset in UTF-16 code units (what JavaScript strings,
// the Language Server Protocol, Monaco and CodeMirror count). Lines end at
// "\n", "\r\n" or "\r"; U+2028 and U+2029 are ordinary characters. Byte is
// the offset in the UTF-8 text, for Go callers; it is not part of the
// problem's JSON form.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
	Byte   int `json:"-"`
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
