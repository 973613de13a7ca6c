package main

import (
	"bytes"
	"fmt"
	"strings"
)

func init() {
	extraOutputs = append(extraOutputs,
		struct {
			path string
			emit func(*Model) ([]byte, error)
		}{"internal/schema/errors_gen.go", emitSchemaErrors},
		struct {
			path string
			emit func(*Model) ([]byte, error)
		}{"pkg/client/errors_gen.go", emitClientErrors},
	)
}

func exceptions(m *Model) []*Shape {
	var out []*Shape
	for _, s := range m.Shapes {
		if s.Exception {
			out = append(out, s)
		}
	}
	return out
}

// emitSchemaErrors writes the exception table: the model's exceptions by
// name, and by HTTP status (the status-to-error table).
func emitSchemaErrors(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("package schema\n\n")
	b.WriteString("// Exceptions lists the model's exception shapes, sorted by name.\nvar Exceptions = [...]ShapeID{\n")
	for _, s := range exceptions(m) {
		fmt.Fprintf(&b, "\t%d, // %s (HTTP %d)\n", s.ID, s.Name, s.HTTPError)
	}
	b.WriteString("}\n\n")
	b.WriteString("// exceptionByStatus is the status-to-error table: the exception whose\n// httpStatusCode trait is the status.\nvar exceptionByStatus = map[int]ShapeID{\n")
	seen := map[int]bool{}
	for _, s := range exceptions(m) {
		if s.HTTPError == 0 {
			continue
		}
		if seen[s.HTTPError] {
			return nil, fmt.Errorf("two exceptions have HTTP status %d", s.HTTPError)
		}
		seen[s.HTTPError] = true
		fmt.Fprintf(&b, "\t%d: %d, // %s\n", s.HTTPError, s.ID, s.Name)
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

func faultOf(s *Shape) string {
	switch {
	case s.HTTPError >= 500:
		return "FaultServer"
	case s.HTTPError >= 400:
		return "FaultClient"
	}
	return "FaultUnknown"
}

// emitClientErrors writes pkg/client/errors_gen.go: one Go error type per
// exception of the model, as smithy-go's types/errors.go does, with the
// constructor the response reader uses, and the output value of every
// operation for ParseResponse.
func emitClientErrors(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("package client\n\n")
	b.WriteString("import (\n\t\"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/response\"\n\t\"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema\"\n\t\"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types\"\n)\n\n")
	for _, s := range exceptions(m) {
		fault := "client"
		if faultOf(s) == "FaultServer" {
			fault = "server"
		}
		fmt.Fprintf(&b, "// %s is the model's exception %s (HTTP %d, a %s fault).\n", s.Name, s.Name, s.HTTPError, fault)
		fmt.Fprintf(&b, "type %s struct {\n", s.Name)
		var details []string
		for _, mem := range s.Members {
			if mem.Name == "Message" {
				b.WriteString("\t// Message is the body's \"message\" (or \"Message\") member, else the\n\t// status's reason phrase.\n\tMessage string\n")
			} else {
				fmt.Fprintf(&b, "\t// %s is the body's %q member, \"\" when it has none.\n\t%s string\n", mem.Name, mem.Wire, mem.Name)
			}
			if mem.Name != "Message" {
				details = append(details, fmt.Sprintf("{Name: %q, Value: e.%s}", mem.Name, mem.Name))
			}
		}
		fmt.Fprintf(&b, "\t// RequestID is the x-amzn-RequestId header of the response.\n\tRequestID string\n")
		fmt.Fprintf(&b, "\t// StatusCode is the response's status code, normally %d.\n\tStatusCode int\n}\n\n", s.HTTPError)
		msg := "\"\""
		if hasMember(s, "Message") {
			msg = "e.Message"
		}
		det := "nil"
		if len(details) > 0 {
			det = "[]response.Field{" + strings.Join(details, ", ") + "}"
		}
		fmt.Fprintf(&b, "// Error describes e: its type, message, details and request ID.\nfunc (e *%s) Error() string {\n\treturn prefix + response.Text(%q, e.StatusCode, %s, e.RequestID, %s, \"\")\n}\n\n", s.Name, s.Name, msg, det)
		fmt.Fprintf(&b, "// ErrorCode returns %q.\nfunc (e *%s) ErrorCode() string { return %q }\n\n", s.Name, s.Name, s.Name)
		fmt.Fprintf(&b, "// ErrorMessage returns the service's message.\nfunc (e *%s) ErrorMessage() string { return %s }\n\n", s.Name, msg)
		fmt.Fprintf(&b, "// ErrorFault returns %s.\nfunc (e *%s) ErrorFault() ErrorFault { return %s }\n\n", faultOf(s), s.Name, faultOf(s))
		fmt.Fprintf(&b, "// HTTPStatusCode returns the response's status code.\nfunc (e *%s) HTTPStatusCode() int { return e.StatusCode }\n\n", s.Name)
		fmt.Fprintf(&b, "// ServiceRequestID returns the request ID of the response.\nfunc (e *%s) ServiceRequestID() string { return e.RequestID }\n\n", s.Name)
	}
	b.WriteString("// newException returns the Go error of exception s for a failed response.\nfunc newException(s *schema.Shape, r *response.Error) error {\n\tswitch s.Name {\n")
	for _, s := range exceptions(m) {
		fmt.Fprintf(&b, "\tcase %q:\n\t\treturn &%s{", s.Name, s.Name)
		for _, mem := range s.Members {
			if mem.Name == "Message" {
				b.WriteString("Message: r.Message, ")
				continue
			}
			fmt.Fprintf(&b, "%s: r.Member(s, %q), ", mem.Name, mem.Name)
		}
		b.WriteString("RequestID: r.Meta.RequestID, StatusCode: r.Meta.Status}\n")
	}
	b.WriteString("\t}\n\treturn nil\n}\n\n")
	b.WriteString("// newOutput returns a new output value of the operation and its\n// ResponseMetadata field, or nils for an unknown operation.\nfunc newOutput(op string) (decoder, *types.ResponseMetadata) {\n\tswitch op {\n")
	for _, op := range m.Operations {
		fmt.Fprintf(&b, "\tcase %q:\n\t\to := new(types.%s)\n\t\treturn o, &o.ResponseMetadata\n", op.Name, op.Output.Name)
	}
	b.WriteString("\t}\n\treturn nil, nil\n}\n")
	return b.Bytes(), nil
}

func hasMember(s *Shape, name string) bool {
	for _, m := range s.Members {
		if m.Name == name {
			return true
		}
	}
	return false
}
