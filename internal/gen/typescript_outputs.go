package main

import (
	"bytes"
	"fmt"
)

// emitTypeScriptOutputs appends the output side of js/generated/types.d.ts:
// an interface per structure an output reaches that no input does (those
// are shared with the inputs), the OperationOutput map that parseResponse
// and send are typed with, and the modeled members of every exception for
// ServiceError.
func emitTypeScriptOutputs(b *bytes.Buffer, m *Model) {
	inputs := map[*Shape]bool{}
	for _, s := range inputReachable(m) {
		inputs[s] = true
	}
	roots := make([]*Shape, len(m.Operations))
	for i, op := range m.Operations {
		roots[i] = op.Output
	}
	seen := reachable(roots...)
	b.WriteString("\n// The output shapes, as parseResponse() and send() return them: PascalCase members, members\n")
	b.WriteString("// the response does not have left out, and ResponseMetadata.\n\n")
	for _, s := range m.Shapes {
		if !seen[s] || inputs[s] {
			continue
		}
		switch {
		case s.Type == "string" && len(s.Enum) > 0:
			fmt.Fprintf(b, "export type %s =", s.Name)
			for i, v := range s.Enum {
				if i > 0 {
					b.WriteString(" |")
				}
				fmt.Fprintf(b, " %q", v)
			}
			b.WriteString(";\n\n")
		case s.Type == "structure" && !s.Freeform:
			fmt.Fprintf(b, "export interface %s {\n", s.Name)
			for _, mem := range s.Members {
				opt := "?"
				if mem.Required && !s.UsedAsOutput {
					opt = ""
				}
				fmt.Fprintf(b, "  /**\n   * %s\n   */\n", outputMemberFacts(mem, opt == ""))
				fmt.Fprintf(b, "  %s%s: %s;\n", mem.Name, opt, tsType(mem.Shape))
			}
			if s.UsedAsOutput {
				b.WriteString("  ResponseMetadata: ResponseMetadata;\n")
			}
			b.WriteString("}\n\n")
		}
	}
	b.WriteString("/** The HTTP exchange behind an output or a ServiceError, as boto3 describes it. */\n")
	b.WriteString("export interface ResponseMetadata {\n")
	b.WriteString("  /** The x-amzn-RequestId header (else x-amz-request-id); absent when the response has neither. */\n  RequestId?: string;\n")
	b.WriteString("  /** The x-amz-id-2 header, with x-amz-request-id only. */\n  HostId?: string;\n")
	b.WriteString("  HTTPStatusCode: number;\n  /** The response headers, names in lower case. */\n  HTTPHeaders: Record<string, string>;\n")
	b.WriteString("  /** The attempts before this response (0 when the first one answered). */\n  RetryAttempts: number;\n}\n\n")
	b.WriteString("/** The output of every operation, by operation name. */\nexport interface OperationOutput {\n")
	for _, op := range m.Operations {
		fmt.Fprintf(b, "  %s: %s;\n", op.Name, op.Output.Name)
	}
	b.WriteString("}\n\n")
	b.WriteString("/** The modeled members of every exception of the model, by error code. */\nexport interface ModeledErrors {\n")
	for _, s := range exceptions(m) {
		fmt.Fprintf(b, "  %s: {", s.Name)
		for i, mem := range s.Members {
			if i > 0 {
				b.WriteString(";")
			}
			fmt.Fprintf(b, " %s?: %s", mem.Name, tsType(mem.Shape))
		}
		b.WriteString(" };\n")
	}
	b.WriteString("}\n")
}
