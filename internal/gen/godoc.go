package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// The Go doc comments of the generated types say what the model says about
// each type and member (its use, type, names, whether it is required, its
// allowed values and range, deprecation), in our own words: no AWS prose
// is copied (the model in model/ has none).

// uses maps each shape to the members that hold it ("Parent.Member"), an
// element of a list counting as its member's.
func uses(m *Model) map[*Shape][]string {
	out := map[*Shape][]string{}
	for _, s := range m.Shapes {
		if s.Type != "structure" || !s.Referenced {
			continue
		}
		for _, mem := range s.Members {
			t := mem.Shape
			if t.Type == "list" {
				t = t.Elem
			}
			out[t] = append(out[t], s.Name+"."+mem.Name)
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// operationsOf maps each input and output shape to its operations.
func operationsOf(m *Model) (inputs, outputs map[*Shape][]*Operation) {
	inputs, outputs = map[*Shape][]*Operation{}, map[*Shape][]*Operation{}
	for _, op := range m.Operations {
		inputs[op.Input] = append(inputs[op.Input], op)
		outputs[op.Output] = append(outputs[op.Output], op)
	}
	return inputs, outputs
}

// usedBy is the sentence naming the members that hold a shape, or "".
func usedBy(holders []string) string {
	switch n := len(holders); {
	case n == 0:
		return ""
	case n <= 6:
		return "It is the value of " + joinAnd(holders) + "."
	default:
		return "It is the value of " + strings.Join(holders[:5], ", ") + " and " + strconv.Itoa(n-5) + " other members."
	}
}

// structDoc is the doc comment of a structure type, as paragraphs.
func structDoc(s *Shape, inputs, outputs map[*Shape][]*Operation, holders []string) []string {
	var paras []string
	switch {
	case len(inputs[s]) > 0:
		op := inputs[s][0]
		paras = append(paras, fmt.Sprintf("%s is the input of the %s operation, %s %s: client.Client.%s sends it, client.BuildValue builds its request, and UnmarshalInput decodes its documented form.",
			s.Name, op.Name, op.Method, op.URI, op.Name))
	case len(outputs[s]) > 0:
		op := outputs[s][0]
		paras = append(paras, fmt.Sprintf("%s is the output of the %s operation, which client.Client.%s returns.", s.Name, op.Name, op.Name))
	case s.Exception:
		paras = append(paras, fmt.Sprintf("%s is the error the service returns with HTTP status %d.", s.Name, s.HTTPError))
	case !s.Referenced:
		paras = append(paras, s.Name+" is a structure of the model that no operation uses (kept because the model defines it).")
	default:
		p := s.Name + " is a structure of the model."
		if u := usedBy(holders); u != "" {
			p += " " + u
		}
		paras = append(paras, p)
	}
	var req []string
	for _, mem := range s.Members {
		if mem.Required {
			req = append(req, mem.Name)
		}
	}
	switch len(req) {
	case 0:
		if len(outputs[s]) > 0 || s.Exception {
			paras = append(paras, "The service may leave out any member.")
		} else {
			paras = append(paras, "No member is required.")
		}
	case 1:
		paras = append(paras, req[0]+" is required.")
	default:
		paras = append(paras, joinAnd(req)+" are required.")
	}
	if s.Sensitive {
		paras = append(paras, "The model marks it sensitive: String and GoString redact it, and no message of this module ever shows its values.")
	}
	return paras
}

// enumDoc is the doc comment of an enum type.
func enumDoc(s *Shape, holders []string) string {
	p := s.Name + " is an enum of the model: " + quotedOr(s.Enum) + "."
	if u := usedBy(holders); u != "" {
		p += " " + u
	}
	return p
}

func quotedOr(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return joinOr(q)
}

// typePhrase describes the value of a member of shape t.
func typePhrase(t *Shape) string {
	switch t.Type {
	case "structure":
		if t.Freeform {
			return "any JSON object (" + t.Name + ", sent as given)"
		}
		return article(t.Name) + " " + t.Name
	case "list":
		e := t.Elem
		p := "a list of "
		switch {
		case e.Type == "string" && len(e.Enum) > 0:
			p += e.Name + " (" + quotedOr(e.Enum) + ")"
		case e.Type == "string":
			p += "strings"
		case e.Type == "structure":
			p += e.Name
		default:
			p += strings.TrimPrefix(strings.TrimPrefix(typePhrase(e), "a "), "an ") + "s"
		}
		return p + rangePhrase(t, "items")
	case "string":
		if len(t.Enum) > 0 {
			return article(t.Name) + " " + t.Name + ": " + quotedOr(t.Enum)
		}
		return "a string" + rangePhrase(t, "characters")
	case "boolean":
		return "a boolean"
	case "integer":
		return "an integer (32-bit)" + rangePhrase(t, "")
	case "long":
		return "an integer (64-bit)" + rangePhrase(t, "")
	case "double":
		return "a number" + rangePhrase(t, "")
	case "timestamp":
		return "a timestamp"
	}
	return "a " + t.Type
}

func rangePhrase(t *Shape, unit string) string {
	if unit != "" {
		unit = " " + unit
	}
	switch {
	case t.Min != nil && t.Max != nil:
		return fmt.Sprintf(" from %d to %d%s", *t.Min, *t.Max, unit)
	case t.Min != nil:
		return fmt.Sprintf(" of at least %d%s", *t.Min, unit)
	case t.Max != nil:
		return fmt.Sprintf(" of at most %d%s", *t.Max, unit)
	}
	return ""
}

// memberDoc is the doc comment of a member, as paragraphs.
func memberDoc(mem *Member) []string {
	need := "optional"
	if mem.Required {
		need = "required"
	}
	p := fmt.Sprintf("%s is %s; %s. Documented name %q, wire name %q", mem.Name, typePhrase(mem.Shape), need, mem.Name, mem.Wire)
	if mem.Location == "uri" {
		p += fmt.Sprintf(", sent in the request URI as {%s}", mem.Wire)
	}
	p += "."
	if mem.Shape.Sensitive {
		p += " Sensitive: never shown in messages."
	}
	paras := []string{p}
	if mem.Deprecated {
		paras = append(paras, "Deprecated: the service documents this member as deprecated (model/deprecated.json); the validator warns when it is set.")
	}
	return paras
}

// writeIndentedComment writes paragraphs as a comment wrapped at 80
// columns, each line starting with indent.
func writeIndentedComment(b interface{ WriteString(string) (int, error) }, indent string, paras []string) {
	for i, p := range paras {
		if i > 0 {
			b.WriteString(indent + "//\n")
		}
		line := indent + "//"
		for _, w := range strings.Fields(p) {
			if len(line) > len(indent)+2 && len(strings.ReplaceAll(line, "\t", "    "))+1+len(w) > 80 {
				b.WriteString(line + "\n")
				line = indent + "//"
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
}

// article is "a" or "an" before a name.
func article(name string) string {
	if name != "" && strings.ContainsRune("AEIOU", rune(name[0])) {
		return "an"
	}
	return "a"
}
