package main

import (
	"bytes"
	"fmt"
	"strconv"
)

func init() {
	extraOutputs = append(extraOutputs, struct {
		path string
		emit func(*Model) ([]byte, error)
	}{"js/generated/types.d.ts", emitTypeScript})
}

// inputReachable returns the shapes an operation input reaches (the inputs
// themselves included), in the model's order (sorted by name), so that the
// JS emitters describe exactly what a user may write and nothing else.
func inputReachable(m *Model) []*Shape {
	roots := make([]*Shape, len(m.Operations))
	for i, op := range m.Operations {
		roots[i] = op.Input
	}
	seen := reachable(roots...)
	var out []*Shape
	for _, s := range m.Shapes {
		if seen[s] {
			out = append(out, s)
		}
	}
	return out
}

// tsType is the TypeScript type of a value of shape s.
func tsType(s *Shape) string {
	switch s.Type {
	case "structure":
		if s.Freeform {
			return "Record<string, unknown>"
		}
		return s.Name
	case "list":
		e := tsType(s.Elem)
		if s.Elem.Type == "list" {
			e = "(" + e + ")"
		}
		return e + "[]"
	case "string":
		if len(s.Enum) > 0 {
			return s.Name
		}
		return "string"
	case "timestamp":
		return "string"
	case "boolean":
		return "boolean"
	case "integer", "long", "double":
		return "number"
	}
	panic("unsupported shape type " + s.Type)
}

// emitTypeScript writes js/generated/types.d.ts: an interface per input
// structure, a string-literal union per enum and the OperationInput map that
// the hand-written js/index.d.ts uses to type validate and buildRequest.
func emitTypeScript(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("// The input shapes of the AmplifyBackend operations, with the user-facing (PascalCase)\n")
	b.WriteString("// member names that validate() and buildRequest() take. (The validator also accepts null\n")
	b.WriteString("// for an optional member and treats it as absent; these types leave null out.)\n\n")
	for _, s := range inputReachable(m) {
		switch {
		case s.Type == "string" && len(s.Enum) > 0:
			fmt.Fprintf(&b, "export type %s =", s.Name)
			for i, v := range s.Enum {
				if i > 0 {
					b.WriteString(" |")
				}
				b.WriteString(" " + strconv.Quote(v))
			}
			b.WriteString(";\n\n")
		case s.Type == "structure" && !s.Freeform:
			if s.Sensitive {
				b.WriteString("/** Sensitive: its values never appear in a message. */\n")
			}
			fmt.Fprintf(&b, "export interface %s {\n", s.Name)
			for _, mem := range s.Members {
				b.WriteString("  /**\n   * " + memberFacts(mem) + "\n")
				if mem.Deprecated {
					b.WriteString("   * @deprecated " + deprecatedNote + "\n")
				}
				b.WriteString("   */\n")
				opt := "?"
				if mem.Required {
					opt = ""
				}
				fmt.Fprintf(&b, "  %s%s: %s;\n", mem.Name, opt, tsType(mem.Shape))
			}
			b.WriteString("}\n\n")
		}
	}
	b.WriteString("/** The input interface of every operation, by operation name. */\n")
	b.WriteString("export interface OperationInput {\n")
	for _, op := range m.Operations {
		fmt.Fprintf(&b, "  %s: %s;\n", op.Name, tsType(op.Input))
	}
	b.WriteString("}\n\n")
	b.WriteString("/** The name of an operation. */\nexport type OperationName = keyof OperationInput;\n")
	emitTypeScriptOutputs(&b, m)
	return b.Bytes(), nil
}
