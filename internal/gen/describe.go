package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// describeValue says what a value of shape s is, from the model's facts
// only: its JSON type, the allowed values of an enum, the range of a number,
// the element of a list.
func describeValue(s *Shape) string {
	switch s.Type {
	case "structure":
		if s.Freeform {
			return "an object with any members"
		}
		return "an object (" + s.Name + ")"
	case "list":
		return "a list of " + plural(s.Elem)
	case "string":
		if len(s.Enum) > 0 {
			return "one of " + quoteEnum(s.Enum)
		}
		return "a string"
	case "timestamp":
		return "a timestamp string"
	case "boolean":
		return "true or false"
	case "integer", "long":
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
		if lo != nil && hi != nil {
			return "an integer from " + strconv.FormatInt(*lo, 10) + " to " + strconv.FormatInt(*hi, 10)
		}
		return "an integer"
	case "double":
		return "a number"
	}
	panic("unsupported shape type " + s.Type)
}

// plural names the elements of a list of shape s.
func plural(s *Shape) string {
	switch s.Type {
	case "structure":
		if s.Freeform {
			return "objects"
		}
		return s.Name + " objects"
	case "list":
		return "lists of " + plural(s.Elem)
	case "string":
		if len(s.Enum) > 0 {
			return "strings, each one of " + quoteEnum(s.Enum)
		}
		return "strings"
	case "boolean":
		return "booleans"
	case "integer", "long":
		return "integers"
	case "double":
		return "numbers"
	}
	return s.Type + " values"
}

func quoteEnum(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

// memberDescription is the description of a member that the JSON Schemas
// and the TypeScript declarations carry, made of the model's facts: required
// or optional, what its value is, where and under which name it is sent,
// and whether it is sensitive or deprecated. It holds no documentation prose
// from the service.
func memberDescription(mem *Member) string {
	d := memberFacts(mem)
	if mem.Deprecated {
		d += " Deprecated: " + deprecatedNote
	}
	return d
}

// memberFacts is memberDescription without the deprecation note (which the
// TypeScript declarations put in a @deprecated tag).
func memberFacts(mem *Member) string {
	var b strings.Builder
	if mem.Required {
		b.WriteString("Required. ")
	} else {
		b.WriteString("Optional. ")
	}
	v := describeValue(mem.Shape)
	b.WriteString(strings.ToUpper(v[:1]) + v[1:] + ". ")
	if mem.Location == "uri" {
		fmt.Fprintf(&b, "Sent in the request URI as {%s}; must not be empty.", mem.Wire)
	} else {
		fmt.Fprintf(&b, "Sent in the JSON body as %q.", mem.Wire)
	}
	if mem.Shape.Sensitive {
		b.WriteString(" Sensitive: its values never appear in a message.")
	}
	return b.String()
}

// deprecatedNote ends the description of a deprecated member (and is the
// text of its TypeScript @deprecated tag).
const deprecatedNote = "The service documents this member as deprecated; validation warns when it is set."

// outputMemberFacts is the description of a member of an output shape: what
// its value is and under which wire name the response has it; "Present"
// when the type says it always is, otherwise "Optional" (absent when the
// response leaves it out).
func outputMemberFacts(mem *Member, required bool) string {
	lead := "Optional. "
	if required {
		lead = "Present. "
	}
	v := describeValue(mem.Shape)
	return lead + strings.ToUpper(v[:1]) + v[1:] + ". Read from " + strconv.Quote(mem.Wire) + " in the response's JSON body."
}
