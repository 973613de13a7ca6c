package localservice

import (
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
)

// TestTablesCoverModel checks the hand-written tables against the model:
// every operation has a handler and its own input and output types.
func TestTablesCoverModel(t *testing.T) {
	if len(handlers) != len(schema.Operations) || len(shapes) != len(schema.Operations) {
		t.Fatalf("%d handlers, %d shape pairs, %d operations", len(handlers), len(shapes), len(schema.Operations))
	}
	for _, op := range schema.Operations {
		if handlers[op.Name] == nil {
			t.Errorf("%s: no handler", op.Name)
		}
		sh, ok := shapes[op.Name]
		if !ok {
			t.Errorf("%s: no shapes", op.Name)
			continue
		}
		if got, want := sh.in().ShapeName(), schema.Get(op.Input).Name; got != want {
			t.Errorf("%s: input %s, model says %s", op.Name, got, want)
		}
		if got, want := sh.out().ShapeName(), schema.Get(op.Output).Name; got != want {
			t.Errorf("%s: output %s, model says %s", op.Name, got, want)
		}
		if got, _ := match(op.Method, templatePath(op.URI)); got != &schema.Operations[indexOf(op.Name)] {
			t.Errorf("%s: %s %s routes elsewhere", op.Name, op.Method, op.URI)
		}
	}
}

func indexOf(name string) int {
	for i := range schema.Operations {
		if schema.Operations[i].Name == name {
			return i
		}
	}
	return -1
}

// templatePath fills every label of a URI template with "x".
func templatePath(uri string) string {
	out := []byte{}
	in := false
	for i := 0; i < len(uri); i++ {
		switch {
		case uri[i] == '{':
			in = true
			out = append(out, 'x')
		case uri[i] == '}':
			in = false
		case !in:
			out = append(out, uri[i])
		}
	}
	return string(out)
}
