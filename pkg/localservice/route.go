//go:build !nosign

package localservice

import (
	"bytes"
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/mailru/easyjson/jlexer"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// route is one operation's method and URI template, split into segments;
// a segment "{name}" is a label.
type route struct {
	op       *schema.Operation
	segments []string
	literals int
}

// routes holds every operation of the model, the ones with more literal
// segments first, so that a literal wins over a label.
var routes = func() []route {
	rs := make([]route, 0, len(schema.Operations))
	for i := range schema.Operations {
		op := &schema.Operations[i]
		segs := strings.Split(strings.TrimPrefix(op.URI, "/"), "/")
		n := 0
		for _, s := range segs {
			if !strings.HasPrefix(s, "{") {
				n++
			}
		}
		rs = append(rs, route{op: op, segments: segs, literals: n})
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].literals > rs[j].literals })
	return rs
}()

// match finds the operation for method and an escaped path, and returns
// its URI labels (unescaped). A label must not be empty.
func match(method, escapedPath string) (*schema.Operation, map[string]string) {
	raw := strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
	segs := make([]string, len(raw))
	for i, s := range raw {
		u, err := url.PathUnescape(s)
		if err != nil {
			return nil, nil
		}
		segs[i] = u
	}
	for _, r := range routes {
		if r.op.Method != method || len(r.segments) != len(segs) {
			continue
		}
		labels := map[string]string{}
		ok := true
		for i, t := range r.segments {
			if strings.HasPrefix(t, "{") {
				if segs[i] == "" {
					ok = false
					break
				}
				labels[strings.Trim(t, "{}")] = segs[i]
			} else if t != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return r.op, labels
		}
	}
	return nil, nil
}

// decodeInput reads an operation's input from its URI labels and JSON body:
// it checks the input with pkg/validate (paths in the user-facing form, as
// the typed-dict documentation names the members), decodes it into the
// operation's type of package types and returns that value's wire form,
// labels included under their wire names.
func decodeInput(op *schema.Operation, labels map[string]string, body []byte) (obj, *apiError) {
	fields := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(body)) > 0 {
		d := json.NewDecoder(bytes.NewReader(body))
		var v any
		d.UseNumber()
		if err := d.Decode(&v); err != nil || d.More() {
			return nil, badRequest("The request body is not valid JSON.")
		}
		if _, isObj := v.(map[string]any); !isObj {
			return nil, badRequest("The request body must be a JSON object.")
		}
		if err := json.Unmarshal(body, &fields); err != nil {
			return nil, badRequest("The request body is not valid JSON.")
		}
	}
	in := schema.Get(op.Input)
	for _, m := range in.Members {
		if m.URI {
			delete(fields, m.Wire) // a label is read from the URI only
			if v, ok := labels[m.Wire]; ok {
				q, _ := json.Marshal(v)
				fields[m.Wire] = q
			}
		}
	}
	wire, _ := json.Marshal(fields)

	// Validate the user-facing form, so that every problem (types
	// included) is named by its path.
	user, ok := userForm(op.Input, wire)
	if !ok {
		return nil, badRequest("The request body is not valid JSON.")
	}
	probs, err := validate.Input(op.Name, user, nil)
	if err != nil {
		return nil, badRequest(err.Error())
	}
	if len(probs) > 0 {
		return nil, badRequest(problemsMessage(probs))
	}

	typed := shapes[op.Name].in()
	l := jlexer.Lexer{Data: wire}
	typed.UnmarshalEasyJSON(&l)
	if err := l.Error(); err != nil {
		return nil, badRequest("The request body does not match " + typed.ShapeName() + ".")
	}
	if probs := validate.Value(typed, nil); len(probs) > 0 {
		return nil, badRequest(problemsMessage(probs))
	}
	canon, err := typed.MarshalJSON()
	if err != nil {
		return nil, badRequest("The request cannot be encoded.")
	}
	return decodeObj(canon)
}

// problemsMessage is the BadRequestException message for problems: how
// many there are, then each one's path and message.
func problemsMessage(probs []validate.Problem) string {
	var b strings.Builder
	if len(probs) == 1 {
		b.WriteString("1 validation error detected: ")
	} else {
		b.WriteString(strconv.Itoa(len(probs)) + " validation errors detected: ")
	}
	for i, p := range probs {
		if i > 0 {
			b.WriteString("; ")
		}
		path := p.Path
		if path == "" {
			path = "/"
		}
		b.WriteString(path + ": " + p.Message)
	}
	return b.String()
}

func decodeObj(data []byte) (obj, *apiError) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var o obj
	if err := d.Decode(&o); err != nil {
		return nil, badRequest("The request body is not valid JSON.")
	}
	if o == nil {
		o = obj{}
	}
	return o, nil
}

// userForm rewrites a wire-form JSON value of the shape id into the
// user-facing form (member names instead of wire names), keeping members
// the shape does not have under their own names so that the validator
// reports them.
func userForm(id schema.ShapeID, wire []byte) ([]byte, bool) {
	d := json.NewDecoder(bytes.NewReader(wire))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, false
	}
	out, err := json.Marshal(rename(id, v))
	return out, err == nil
}

func rename(id schema.ShapeID, v any) any {
	s := schema.Get(id)
	switch s.Kind {
	case schema.KindStructure:
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		out := make(map[string]any, len(m))
		for k, val := range m {
			if mem := wireMember(s, k); mem != nil {
				out[mem.Name] = rename(mem.Shape, val)
			} else if _, taken := out[k]; !taken {
				out[k] = val
			}
		}
		return out
	case schema.KindList:
		l, ok := v.([]any)
		if !ok {
			return v
		}
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = rename(s.Elem, e)
		}
		return out
	}
	return v
}

func wireMember(s *schema.Shape, wire string) *schema.Member {
	for i := range s.Members {
		if s.Members[i].Wire == wire {
			return &s.Members[i]
		}
	}
	return nil
}

// encodeOutput turns an operation's output, built as a wire-form object,
// into the response body through the output's type of package types, so
// that the body has exactly the model's members.
func encodeOutput(op *schema.Operation, out obj) ([]byte, error) {
	data, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	typed := shapes[op.Name].out()
	l := jlexer.Lexer{Data: data}
	typed.UnmarshalEasyJSON(&l)
	if err := l.Error(); err != nil {
		return nil, err
	}
	return typed.MarshalJSON()
}
