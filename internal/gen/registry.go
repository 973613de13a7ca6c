package main

import (
	"bytes"
	"fmt"
)

func init() {
	extraOutputs = append(extraOutputs, struct {
		path string
		emit func(*Model) ([]byte, error)
	}{"pkg/types/registry_gen_test.go", emitRegistry})
}

// emitRegistry writes a test-only index of every generated type, so that
// tests can walk all of them without putting a registry (which would keep
// every type in every binary) into the package itself.
func emitRegistry(m *Model) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString("package types\n\n")
	b.WriteString("// Registry maps every structure of the model to a zero value of its Go type.\nfunc Registry() map[string]any {\n\treturn map[string]any{\n")
	for _, s := range m.Shapes {
		if s.Type == "structure" {
			fmt.Fprintf(&b, "\t\t%q: %s{},\n", s.Name, s.Name)
		}
	}
	b.WriteString("\t}\n}\n\n")
	b.WriteString("// EnumValues maps every enum of the model to its Values.\nfunc EnumValues() map[string][]string {\n\treturn map[string][]string{\n")
	for _, s := range m.Shapes {
		if len(s.Enum) > 0 {
			fmt.Fprintf(&b, "\t\t%q: stringsOf(%s(\"\").Values()),\n", s.Name, s.Name)
		}
	}
	b.WriteString("\t}\n}\n\nfunc stringsOf[T ~string](vs []T) []string {\n\tout := make([]string, len(vs))\n\tfor i, v := range vs {\n\t\tout[i] = string(v)\n\t}\n\treturn out\n}\n")
	return b.Bytes(), nil
}
