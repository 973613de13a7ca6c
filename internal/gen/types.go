package main

import (
	"bytes"
	"fmt"
	"strings"
)

// goFieldType is the Go type of a member: pointers for optional scalars and
// structures, so that a value the user set to false, 0, "" or {} is told apart
// from an unset one; slices (nil means unset) for lists; value types for enums
// ("" is not a valid value of any enum, so it means unset).
func goFieldType(s *Shape) string {
	switch s.Type {
	case "structure":
		if s.Freeform {
			return s.Name
		}
		return "*" + s.Name
	case "list":
		return "[]" + goElemType(s.Elem)
	case "string":
		if len(s.Enum) > 0 {
			return s.Name
		}
		return "*string"
	case "boolean":
		return "*bool"
	case "integer":
		return "*int32"
	case "long":
		return "*int64"
	case "double":
		return "*float64"
	case "timestamp":
		return "*string"
	}
	panic("unsupported shape type " + s.Type)
}

func goElemType(s *Shape) string {
	switch s.Type {
	case "structure":
		return s.Name
	case "string":
		if len(s.Enum) > 0 {
			return s.Name
		}
		return "string"
	}
	return strings.TrimPrefix(goFieldType(s), "*")
}

// enumConstName turns an enum value into the suffix of its Go constant:
// "EMAIL_AND_PHONE_NUMBER" becomes "EmailAndPhoneNumber".
func enumConstName(v string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '_' || r == '-' || r == ' ' }) {
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(strings.ToLower(part[1:]))
	}
	return b.String()
}

func emitTypes(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("package types\n\n")
	b.WriteString("import \"github.com/mailru/easyjson/jwriter\"\n\n")
	holders := uses(m)
	inputs, outputs := operationsOf(m)
	for _, s := range m.Shapes {
		if s.Type != "string" || len(s.Enum) == 0 {
			continue
		}
		writeIndentedComment(&b, "", []string{enumDoc(s, holders[s])})
		fmt.Fprintf(&b, "type %s string\n\n", s.Name)
		fmt.Fprintf(&b, "// Values of %s.\nconst (\n", s.Name)
		for _, v := range s.Enum {
			fmt.Fprintf(&b, "\t%s%s %s = %q\n", s.Name, enumConstName(v), s.Name, v)
		}
		b.WriteString(")\n\n")
		fmt.Fprintf(&b, "// Values returns every value of %s, in the model's order.\n", s.Name)
		fmt.Fprintf(&b, "func (%s) Values() []%s {\n\treturn []%s{%s}\n}\n\n", s.Name, s.Name, s.Name, quoteList(s.Enum))
	}
	for _, s := range m.Shapes {
		if s.Type != "structure" {
			continue
		}
		if s.Freeform {
			fmt.Fprintf(&b, "// %s is a structure without members in the service model; the typed-dict\n"+
				"// documentation describes it as Mapping[str, Any], so it is any JSON object,\n"+
				"// sent as given.\ntype %s map[string]any\n\n", s.Name, s.Name)
			continue
		}
		writeIndentedComment(&b, "", structDoc(s, inputs, outputs, holders[s]))
		fmt.Fprintf(&b, "type %s struct {\n", s.Name)
		for _, mem := range s.Members {
			writeIndentedComment(&b, "\t", memberDoc(mem))
			tag := fmt.Sprintf(`json:"%s,omitzero"`, mem.Wire)
			if mem.Location == "uri" {
				tag += ` location:"uri"`
			}
			if mem.Required {
				tag += ` required:"true"`
			}
			if mem.Shape.Sensitive {
				tag += ` sensitive:"true"`
			}
			fmt.Fprintf(&b, "\t%s %s `%s`\n", mem.Name, goFieldType(mem.Shape), tag)
		}
		if s.UsedAsOutput {
			b.WriteString("\n\t// ResponseMetadata describes the HTTP exchange that produced this output.\n")
			b.WriteString("\tResponseMetadata ResponseMetadata `json:\"-\"`\n")
		}
		b.WriteString("}\n\n")
		fmt.Fprintf(&b, "// ShapeName returns the model's name of this shape, %q.\nfunc (%s) ShapeName() string { return %q }\n\n", s.Name, s.Name, s.Name)
		fmt.Fprintf(&b, "// MarshalJSON encodes v in the wire form (the json tags: the service's\n// member names); MarshalUser gives the documented form.\n//\n// It writes through a jwriter.Writer: easyjson.Marshal would encode a struct\n// whose only field is a nil pointer as null, not {} (such a struct is held in\n// an interface as that pointer, which easyjson takes for a nil value).\nfunc (v %s) MarshalJSON() ([]byte, error) {\n\tvar w jwriter.Writer\n\tv.MarshalEasyJSON(&w)\n\treturn w.BuildBytes()\n}\n\n", s.Name)
		fmt.Fprintf(&b, "// UnmarshalJSON decodes the wire form. A member under its documented\n// (PascalCase) name is a *WireNameError, not silently nothing: Unmarshal\n// and UnmarshalInput read the documented form.\nfunc (v *%s) UnmarshalJSON(data []byte) error { return unmarshalWire(data, v) }\n\n", s.Name)
		if s.Sensitive {
			fmt.Fprintf(&b, "// String redacts the sensitive value.\nfunc (%s) String() string { return %q }\n\n", s.Name, s.Name+"{<redacted>}")
			fmt.Fprintf(&b, "// GoString redacts the sensitive value.\nfunc (%s) GoString() string { return %q }\n\n", s.Name, "types."+s.Name+"{<redacted>}")
		}
	}
	return b.Bytes(), nil
}
