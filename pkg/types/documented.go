package types

import (
	"strconv"
	"strings"

	"github.com/mailru/easyjson"
	"github.com/mailru/easyjson/jlexer"
	"github.com/mailru/easyjson/jwriter"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/pointer"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Value is a structure of this package, by pointer: *CreateBackendAuthRequest,
// *GetBackendResponse and so on.
type Value interface {
	ShapeName() string
	easyjson.MarshalerUnmarshaler
}

// Unmarshal decodes the documented form of v's shape (PascalCase member
// names, as in the API's typed-dict documentation and this package's field
// names) into v, after validating it with validate.Shape and opts (nil:
// strict). When there are problems, v is left as it was and the problems
// are returned; the error is for a v of no shape of the model.
func Unmarshal(data []byte, v Value, opts *validate.Options) ([]validate.Problem, error) {
	name := v.ShapeName()
	id, ok := schema.Lookup(name)
	if !ok {
		return nil, &validate.NameError{Kind: "shape", Name: name}
	}
	probs, err := validate.Shape(name, data, opts)
	if err != nil || len(probs) > 0 {
		return probs, err
	}
	return nil, decodeDocumented(data, id, v)
}

// UnmarshalInput decodes the documented form of the input of operation op
// into v, which must be a pointer to op's input type (a
// *GetBackendRequest for "GetBackend"), after validating it exactly as
// client.Build does (validate.Input with opts; nil: strict). When there
// are problems, v is left as it was and the problems are returned; the
// error is a *validate.NameError for an unknown operation, or says that v
// is not op's input type.
func UnmarshalInput(op string, data []byte, v Value, opts *validate.Options) ([]validate.Problem, error) {
	o, ok := schema.LookupOperation(op)
	if !ok {
		_, err := validate.Input(op, nil, nil) // the NameError, with close matches
		return nil, err
	}
	if want := schema.Get(o.Input).Name; v.ShapeName() != want {
		return nil, &ShapeError{Operation: op, Want: want, Got: v.ShapeName()}
	}
	probs, err := validate.Input(op, data, opts)
	if err != nil || len(probs) > 0 {
		return probs, err
	}
	return nil, decodeDocumented(data, o.Input, v)
}

// ShapeError reports a typed value of another shape than the one expected.
type ShapeError struct {
	Operation string // the operation, when the value is its input
	Want, Got string // shape names
}

func (e *ShapeError) Error() string {
	return "types: " + e.Operation + " takes a *types." + e.Want + ", not a *types." + e.Got
}

// MarshalUser encodes v in the documented form: PascalCase member names,
// in the model's order, unset members left out. A response's
// ResponseMetadata, which is no member of the shape, is left out too.
// Unmarshal reads the result back.
func MarshalUser(v Value) ([]byte, error) {
	id, ok := schema.Lookup(v.ShapeName())
	if !ok {
		return nil, &validate.NameError{Kind: "shape", Name: v.ShapeName()}
	}
	wire, err := easyjson.Marshal(v)
	if err != nil {
		return nil, err
	}
	l := jlexer.Lexer{Data: wire}
	var w jwriter.Writer
	rename(&l, &w, id, false)
	if err := l.Error(); err != nil {
		return nil, err
	}
	return w.BuildBytes()
}

// decodeDocumented renames the members of valid documented-form data to
// their wire names and decodes the result into v.
func decodeDocumented(data []byte, id schema.ShapeID, v Value) error {
	l := jlexer.Lexer{Data: data}
	var w jwriter.Writer
	rename(&l, &w, id, true)
	if err := l.Error(); err != nil {
		return err
	}
	wire, err := w.BuildBytes()
	if err != nil {
		return err
	}
	return easyjson.Unmarshal(wire, v)
}

// rename copies the JSON value of shape id from l to w with every member
// name of a structure turned into its wire name (toWire) or its documented
// name. Members of neither name are dropped (the validator refuses them in
// the documented form; the types never write them).
func rename(l *jlexer.Lexer, w *jwriter.Writer, id schema.ShapeID, toWire bool) {
	s := schema.Get(id)
	if l.IsNull() {
		l.Skip()
		w.RawString("null")
		return
	}
	switch s.Kind {
	case schema.KindStructure:
		l.Delim('{')
		w.RawByte('{')
		first := true
		for !l.IsDelim('}') && l.Ok() {
			key := l.UnsafeFieldName(false)
			l.WantColon()
			m := findMember(s, key, toWire)
			if m == nil {
				l.SkipRecursive()
				l.WantComma()
				continue
			}
			if !first {
				w.RawByte(',')
			}
			first = false
			if toWire {
				w.String(m.Wire)
			} else {
				w.String(m.Name)
			}
			w.RawByte(':')
			rename(l, w, m.Shape, toWire)
			l.WantComma()
		}
		l.Delim('}')
		w.RawByte('}')
	case schema.KindList:
		l.Delim('[')
		w.RawByte('[')
		first := true
		for !l.IsDelim(']') && l.Ok() {
			if !first {
				w.RawByte(',')
			}
			first = false
			rename(l, w, s.Elem, toWire)
			l.WantComma()
		}
		l.Delim(']')
		w.RawByte(']')
	default:
		w.Raw(l.Raw(), nil)
	}
}

func findMember(s *schema.Shape, key string, byWire bool) *schema.Member {
	for i := range s.Members {
		m := &s.Members[i]
		if (!byWire && m.Wire == key) || (byWire && m.Name == key) {
			return m
		}
	}
	return nil
}

// WireNameError is what UnmarshalJSON (and so json.Unmarshal) returns for
// data in the documented form: the types' JSON encoding is the wire form,
// and decoding documented names would otherwise succeed with nothing set.
type WireNameError struct {
	Shape string // the shape whose member was named
	Path  string // JSON pointer of the member in the data
	Name  string // the documented name found
	Wire  string // the member's wire name
}

func (e *WireNameError) Error() string {
	return "types: " + e.Path + ": " + strconv.Quote(e.Name) + " is the documented name of " + e.Shape + "." + e.Name +
		"; json.Unmarshal reads the wire form (" + strconv.Quote(e.Wire) + "): use types.Unmarshal or types.UnmarshalInput for the documented form"
}

// unmarshalWire is every structure's UnmarshalJSON: easyjson's decoder, then
// a check that no member was given under its documented name instead of its
// wire name. (Names of neither kind are ignored, as a newer service may send
// members this model does not have.)
func unmarshalWire(data []byte, v Value) error {
	if err := easyjson.Unmarshal(data, v); err != nil {
		return err
	}
	id, ok := schema.Lookup(v.ShapeName())
	if !ok {
		return nil
	}
	l := jlexer.Lexer{Data: data}
	return checkWire(&l, id, "")
}

func checkWire(l *jlexer.Lexer, id schema.ShapeID, path string) error {
	s := schema.Get(id)
	if l.IsNull() {
		l.Skip()
		return nil
	}
	switch s.Kind {
	case schema.KindStructure:
		l.Delim('{')
		for !l.IsDelim('}') && l.Ok() {
			key := strings.Clone(l.UnsafeFieldName(false))
			l.WantColon()
			if m := findMember(s, key, false); m != nil {
				if err := checkWire(l, m.Shape, path+"/"+pointer.Escape(key)); err != nil {
					return err
				}
			} else if m := findMember(s, key, true); m != nil {
				return &WireNameError{Shape: s.Name, Path: path + "/" + pointer.Escape(key), Name: m.Name, Wire: m.Wire}
			} else {
				l.SkipRecursive()
			}
			l.WantComma()
		}
		l.Delim('}')
	case schema.KindList:
		l.Delim('[')
		for i := 0; !l.IsDelim(']') && l.Ok(); i++ {
			if err := checkWire(l, s.Elem, path+"/"+strconv.Itoa(i)); err != nil {
				return err
			}
			l.WantComma()
		}
		l.Delim(']')
	default:
		l.SkipRecursive()
	}
	return nil
}
