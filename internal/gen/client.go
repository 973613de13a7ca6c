package main

import (
	"bytes"
	"fmt"
	"strings"
)

func init() {
	extraOutputs = append(extraOutputs, struct {
		path string
		emit func(*Model) ([]byte, error)
	}{"pkg/client/operations_gen.go", emitClient})
	extraOutputs = append(extraOutputs, struct {
		path string
		emit func(*Model) ([]byte, error)
	}{"pkg/client/operations_gen_test.go", emitClientTest})
}

// emitClient writes one method of client.Client per operation: each takes
// the operation's typed input and returns its typed output, through
// Client.invoke (validate, build, sign, send with retries, decode).
func emitClient(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("package client\n\n")
	b.WriteString("import (\n\t\"context\"\n\n\t\"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types\"\n)\n")
	for _, op := range m.Operations {
		if op.Input == nil || op.Output == nil || op.Input.Type != "structure" || op.Output.Type != "structure" {
			return nil, fmt.Errorf("operation %s: input and output must be structures", op.Name)
		}
		in, out := op.Input.Name, op.Output.Name
		var labels []string
		for _, mem := range op.Input.Members {
			if mem.Location == "uri" {
				labels = append(labels, mem.Name)
			}
		}
		doc := op.Name + " calls the " + op.Name + " operation, " + op.Method + " " + op.URI + ": it sends a *types." + in + " and returns a *types." + out + "."
		para := "The input is validated before anything is sent: problems are returned as a *validate.Error, and a nil in counts as an empty input."
		switch len(labels) {
		case 0:
		case 1:
			para += " " + labels[0] + " goes in the request URI."
		default:
			para += " " + joinAnd(labels) + " go in the request URI."
		}
		var errs []string
		for _, e := range op.Errors {
			errs = append(errs, "*"+e.Name)
		}
		if len(errs) > 0 {
			para += " A failure the service reports is a " + joinOr(errs) + ", or a *ResponseError for any other failed response."
		} else {
			para += " A failure the service reports is a *ResponseError."
		}
		b.WriteString("\n")
		writeComment(&b, doc)
		b.WriteString("//\n")
		writeComment(&b, para)
		fmt.Fprintf(&b, "func (c *Client) %s(ctx context.Context, in *types.%s) (*types.%s, error) {\n", op.Name, in, out)
		fmt.Fprintf(&b, "\tif in == nil {\n\t\tin = &types.%s{}\n\t}\n", in)
		fmt.Fprintf(&b, "\tout := new(types.%s)\n", out)
		fmt.Fprintf(&b, "\tmd, err := c.invoke(ctx, %q, in, out)\n", op.Name)
		b.WriteString("\tif err != nil {\n\t\treturn nil, err\n\t}\n")
		b.WriteString("\tout.ResponseMetadata = md\n\treturn out, nil\n}\n")
	}
	return b.Bytes(), nil
}

func joinAnd(ss []string) string {
	if len(ss) < 2 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}

func joinOr(ss []string) string {
	if len(ss) < 2 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " or " + ss[len(ss)-1]
}

// writeComment writes text as a // comment wrapped at 80 columns.
func writeComment(b *bytes.Buffer, text string) {
	line := "//"
	for _, w := range strings.Fields(text) {
		if len(line) > 2 && len(line)+1+len(w) > 80 {
			b.WriteString(line + "\n")
			line = "//"
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
}

// emitClientTest writes a test-only table of the operations: a new input
// value per operation and a call of its Client method, so that tests can run
// every generated method without a hand-kept list.
func emitClientTest(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("package client\n\n")
	b.WriteString("import (\n\t\"context\"\n\n\t\"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types\"\n\t\"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate\"\n)\n\n")
	b.WriteString("// testInput is the input type of an operation.\ntype testInput interface {\n\tvalidate.Shaped\n\tUnmarshalJSON([]byte) error\n}\n\n")
	b.WriteString("// newTestInput returns a new zero input of op, nil for an unknown op.\nfunc newTestInput(op string) testInput {\n\tswitch op {\n")
	for _, op := range m.Operations {
		fmt.Fprintf(&b, "\tcase %q:\n\t\treturn new(types.%s)\n", op.Name, op.Input.Name)
	}
	b.WriteString("\t}\n\treturn nil\n}\n\n")
	b.WriteString("// callOperation calls the Client method of op with in (a value from\n// newTestInput) and returns the output and its metadata.\nfunc callOperation(ctx context.Context, c *Client, op string, in testInput) (any, types.ResponseMetadata, error) {\n\tswitch op {\n")
	for _, op := range m.Operations {
		fmt.Fprintf(&b, "\tcase %q:\n\t\tout, err := c.%s(ctx, in.(*types.%s))\n\t\tif err != nil {\n\t\t\treturn nil, types.ResponseMetadata{}, err\n\t\t}\n\t\treturn out, out.ResponseMetadata, nil\n", op.Name, op.Name, op.Input.Name)
	}
	b.WriteString("\t}\n\tpanic(\"unknown operation \" + op)\n}\n")
	return b.Bytes(), nil
}
