package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

func init() {
	extraOutputs = append(extraOutputs, struct {
		path string
		emit func(*Model) ([]byte, error)
	}{"js/generated/schemas.js", emitJSONSchemas})
	extraOutputs = append(extraOutputs, struct {
		path string
		emit func(*Model) ([]byte, error)
	}{"js/generated/schemas.d.ts", emitJSONSchemaTypes})
}

const jsonSchemaDialect = "https://json-schema.org/draft/2020-12/schema"

// obj is a JSON object whose members are written in the order given, so that
// the emitted schemas read naturally ("type" first) and never change between
// runs.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(e.k))
		b.WriteByte(':')
		v, err := marshalCompact(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalCompact(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// hasDef reports whether shape s gets an entry in $defs: structures with
// members and enums; other shapes are written inline where they are used.
func hasDef(s *Shape) bool {
	return (s.Type == "structure" && !s.Freeform) || (s.Type == "string" && len(s.Enum) > 0)
}

// valueSchema is the schema of a value of shape s, as used by a member or a
// list element.
func valueSchema(s *Shape) obj {
	if hasDef(s) {
		return obj{{"$ref", "#/$defs/" + s.Name}}
	}
	switch s.Type {
	case "structure":
		return obj{{"type", "object"}}
	case "list":
		return obj{{"type", "array"}, {"items", valueSchema(s.Elem)}}
	case "string", "timestamp":
		return obj{{"type", "string"}}
	case "boolean":
		return obj{{"type", "boolean"}}
	case "integer", "long", "double":
		t := "integer"
		if s.Type == "double" {
			t = "number"
		}
		o := obj{{"type", t}}
		lo, hi := s.Min, s.Max
		if s.Type == "integer" {
			// The validator rejects what does not fit in 32 bits.
			if lo == nil {
				v := int64(math.MinInt32)
				lo = &v
			}
			if hi == nil {
				v := int64(math.MaxInt32)
				hi = &v
			}
		}
		if lo != nil {
			o = append(o, kv{"minimum", *lo})
		}
		if hi != nil {
			o = append(o, kv{"maximum", *hi})
		}
		return o
	}
	panic("unsupported shape type " + s.Type)
}

// memberSchema is the schema of a member: its value schema, non-empty when it
// is a URI label, write-only when sensitive, null-or-value when it is
// optional (the validator treats null as absent), with a description made of
// the model's facts and "deprecated" for a deprecated member.
func memberSchema(mem *Member) obj {
	o := valueSchema(mem.Shape)
	if mem.Location == "uri" && mem.Shape.Type == "string" && !hasDef(mem.Shape) {
		o = append(o, kv{"minLength", 1})
	}
	if !mem.Required {
		if t, ok := o[0].v.(string); ok && o[0].k == "type" {
			// minimum, minLength, items... apply to their own type only.
			o[0].v = []string{t, "null"}
		} else {
			o = obj{{"anyOf", []obj{o, {{"type", "null"}}}}}
		}
	}
	if mem.Shape.Sensitive {
		o = append(o, kv{"writeOnly", true})
	}
	o = append(o, kv{"description", memberDescription(mem)})
	if mem.Deprecated {
		o = append(o, kv{"deprecated", true})
	}
	return o
}

// defSchema is the $defs entry of a shape for which hasDef is true.
func defSchema(s *Shape) obj {
	if s.Type == "string" {
		return obj{{"type", "string"}, {"enum", s.Enum}}
	}
	props := obj{}
	var required []string
	for _, mem := range s.Members {
		props = append(props, kv{mem.Name, memberSchema(mem)})
		if mem.Required {
			required = append(required, mem.Name)
		}
	}
	o := obj{{"type", "object"}, {"properties", props}}
	if len(required) > 0 {
		o = append(o, kv{"required", required})
	}
	o = append(o, kv{"additionalProperties", false})
	if s.Sensitive {
		o = append(o, kv{"writeOnly", true})
	}
	return o
}

// defsOf lists the $defs an operation input needs, in the model's order.
func defsOf(m *Model, root *Shape) []string {
	seen := reachable(root)
	var names []string
	for _, s := range m.Shapes {
		if seen[s] && hasDef(s) {
			names = append(names, s.Name)
		}
	}
	return names
}

// emitJSONSchemas writes js/generated/schemas.js: an ES module whose
// `schemas` maps every operation to a JSON Schema (draft 2020-12) of its
// input in the user-facing form. The $defs entries are written once and
// shared by the operations that use them.
func emitJSONSchemas(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("// JSON Schemas (draft 2020-12) of the AmplifyBackend operation inputs, with the user-facing\n")
	b.WriteString("// (PascalCase) member names, for editors. Objects are shared between operations: copy before\n")
	b.WriteString("// changing one (index.js's schema() returns a copy).\n\n")
	b.WriteString("const defs = {\n")
	for _, s := range inputReachable(m) {
		if !hasDef(s) {
			continue
		}
		src, err := marshalCompact(defSchema(s))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "  %s: %s,\n", strconv.Quote(s.Name), src)
	}
	b.WriteString("};\n\n")
	b.WriteString("function schema(operation, root, names) {\n")
	b.WriteString("  const $defs = {};\n")
	b.WriteString("  for (const n of names) $defs[n] = defs[n];\n")
	fmt.Fprintf(&b, "  return { $schema: %q, title: operation + \" input\", $ref: \"#/$defs/\" + root, $defs };\n", jsonSchemaDialect)
	b.WriteString("}\n\n")
	b.WriteString("/** The JSON Schema of every operation's input, by operation name. */\n")
	b.WriteString("export const schemas = {\n")
	for _, op := range m.Operations {
		if !hasDef(op.Input) {
			return nil, fmt.Errorf("operation %s: input %s has no members", op.Name, op.Input.Name)
		}
		names, err := marshalCompact(defsOf(m, op.Input))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "  %s: schema(%q, %q, %s),\n", op.Name, op.Name, op.Input.Name, names)
	}
	b.WriteString("};\n")
	return b.Bytes(), nil
}

// emitJSONSchemaTypes writes js/generated/schemas.d.ts, the types of the
// "./schemas" subpath export: the keywords the generated schemas use, and
// `schemas` keyed by operation name.
func emitJSONSchemaTypes(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString(`// Types of ./schemas.js (the package's "./schemas" export).

import type { OperationName } from "./types.js";

/** A JSON Schema (draft 2020-12), with the keywords the generated schemas use. */
export interface JSONSchema {
  $schema?: string;
  $ref?: string;
  $defs?: Record<string, JSONSchema>;
  title?: string;
  /** What the member is, generated from the model: required or not, its values, its wire name. */
  description?: string;
  /** Set on the members the service documents as deprecated. */
  deprecated?: boolean;
  /** Set on sensitive values: they never appear in a message. */
  writeOnly?: boolean;
  type?: JSONSchemaType | JSONSchemaType[];
  properties?: Record<string, JSONSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JSONSchema;
  enum?: string[];
  anyOf?: JSONSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
}

/** A JSON type name. */
export type JSONSchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean" | "null";

/** The schema of one operation's input: a $ref to its input shape and the $defs it needs. */
export interface OperationSchema extends JSONSchema {
  $schema: "https://json-schema.org/draft/2020-12/schema";
  title: string;
  $ref: string;
  $defs: Record<string, JSONSchema>;
}

/** The JSON Schema of every operation's input, by operation name. Shared objects: copy before changing. */
export declare const schemas: { readonly [Op in OperationName]: OperationSchema };
`)
	return b.Bytes(), nil
}
