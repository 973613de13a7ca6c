// Package schema holds the AmplifyBackend service model as compact Go tables,
// generated from model/amplifybackend-2020-08-11.json by internal/gen.
//
// The validator, the request builder, the dispatcher and the JSON Schema
// output all read these tables, so that every rule comes from one place: the
// model.
package schema

import "sort"

// Kind is the JSON-level type of a shape.
type Kind uint8

// The kinds of shape in the model.
const (
	KindStructure Kind = iota + 1
	KindList
	KindString
	KindBoolean
	KindInteger
	KindLong
	KindDouble
	KindTimestamp
	// KindFreeform is a structure without members in the model, documented
	// to users as Mapping[str, Any]: any JSON object, passed through as is.
	KindFreeform
)

// String names the kind the way a user reads it in a message.
func (k Kind) String() string {
	switch k {
	case KindStructure, KindFreeform:
		return "object"
	case KindList:
		return "array"
	case KindString:
		return "string"
	case KindBoolean:
		return "boolean"
	case KindInteger, KindLong:
		return "integer"
	case KindDouble:
		return "number"
	case KindTimestamp:
		return "timestamp"
	}
	return "unknown"
}

// ShapeID indexes Shapes.
type ShapeID uint16

// Shape is one shape of the model.
type Shape struct {
	Name string
	Kind Kind
	// Sensitive is the model's trait: values inside must never be echoed.
	Sensitive bool
	// Members of a structure, sorted by Name.
	Members []Member
	// Elem is the element shape of a list.
	Elem ShapeID
	// Enum lists the allowed values of an enum string.
	Enum []string
	// Min and Max bound numbers when HasMin / HasMax are set.
	Min, Max       int64
	HasMin, HasMax bool
	// HTTPError is the status code of an error shape, 0 otherwise.
	HTTPError int
}

// Member is one member of a structure.
type Member struct {
	// Name is the user-facing name (PascalCase), as in the typed-dict
	// documentation and the Go struct field.
	Name string
	// Wire is the name on the wire (JSON body key, or URI label name).
	Wire string
	// URI is true when the member is bound to a URI label, not the body.
	URI      bool
	Required bool
	// Deprecated is set for the members the service documents as
	// deprecated (model/deprecated.json): using one is a warning.
	Deprecated bool
	Shape      ShapeID
}

// Operation is one API operation.
type Operation struct {
	Name   string
	Method string
	// URI is the request URI template, e.g. "/backend/{appId}/auth".
	URI    string
	Input  ShapeID
	Output ShapeID
	// HasBody is false when every input member is a URI label: such a
	// request carries no body and no Content-Type.
	HasBody bool
}

// Get returns the shape with the given ID.
func Get(id ShapeID) *Shape { return &Shapes[id] }

// Lookup returns the shape with the given name.
func Lookup(name string) (ShapeID, bool) {
	i := sort.Search(len(Shapes), func(i int) bool { return Shapes[i].Name >= name })
	if i < len(Shapes) && Shapes[i].Name == name {
		return ShapeID(i), true
	}
	return 0, false
}

// LookupOperation returns the operation with the given name.
func LookupOperation(name string) (*Operation, bool) {
	i := sort.Search(len(Operations), func(i int) bool { return Operations[i].Name >= name })
	if i < len(Operations) && Operations[i].Name == name {
		return &Operations[i], true
	}
	return nil, false
}
