package main

import (
	"bytes"
	"fmt"
)

func init() {
	extraOutputs = append(extraOutputs, struct {
		path string
		emit func(*Model) ([]byte, error)
	}{"internal/cli/invokers_gen.go", emitInvokers})
}

// emitInvokers writes the Go CLI's operation table: each operation of the
// model mapped to the invoker of its generated client method (see
// internal/cli/call_other.go), so that `amplifybackend call` serves every
// operation the model has and no other.
func emitInvokers(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("//go:build !wasm\n\n")
	b.WriteString(header)
	b.WriteString("package cli\n\n")
	b.WriteString("import \"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client\"\n\n")
	b.WriteString("// invokers maps each operation of the model to its client method.\nvar invokers = map[string]invoker{\n")
	for _, op := range m.Operations {
		fmt.Fprintf(&b, "\t%q: method((*client.Client).%s),\n", op.Name, op.Name)
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}
