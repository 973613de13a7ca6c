//go:build !wasm

package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// httpCalls: this build can send requests. The WebAssembly build cannot
// (see call_wasm.go).
const httpCalls = true

// invoker calls one operation with its input in wire form (the wire JSON
// body with the URI labels added) and returns the typed output.
type invoker func(ctx context.Context, c *client.Client, wire []byte) (any, error)

// method makes the invoker of a typed client method.
func method[In any, Out any, PIn interface {
	*In
	UnmarshalJSON([]byte) error
}](m func(*client.Client, context.Context, *In) (*Out, error)) invoker {
	return func(ctx context.Context, c *client.Client, wire []byte) (any, error) {
		in := PIn(new(In))
		if err := in.UnmarshalJSON(wire); err != nil {
			return nil, err
		}
		return m(c, ctx, (*In)(in))
	}
}

// The invokers table, one method per operation, is generated from the model
// (invokers_gen.go).

// call sends the input of the operation in the one file and prints the
// response.
func (r *runner) call(f endpointFlags, files []string) int {
	if r.region(*f.region) == "" {
		return r.usageError("no region: give --region or set %s or %s (requests are signed for it)", envRegion, envDefaultRegion)
	}
	opts, code, ok := r.checkEndpoint(f)
	if !ok {
		return code
	}
	creds, code, ok := r.credentials()
	if !ok {
		return code
	}
	data, name, code, ok := r.oneFile(files, "input")
	if !ok {
		return code
	}
	op := *f.operation
	t, probs, err := validate.Transcode(op, data, &validate.Options{Lenient: opts.Lenient})
	if err != nil {
		return r.nameError(err)
	}
	if len(probs) > 0 {
		return r.invalidInput(name, probs)
	}

	c, err := client.New(client.Options{
		Region:      opts.Region,
		Endpoint:    opts.Endpoint,
		Credentials: client.StaticCredentials(creds),
		HTTPClient:  httpClient(r.env.HTTP),
		Clock:       r.clock,
		Lenient:     opts.Lenient,
	})
	if err != nil {
		if probs, ok := problemsOf(err); ok {
			return r.optionProblems(probs)
		}
		r.errorf("%v", err)
		return ExitUsage
	}
	out, err := invokers[op](context.Background(), c, wireInput(t))
	if err != nil {
		return r.callError(name, err)
	}
	o, _ := schema.LookupOperation(op)
	result, err := userOutput(o.Output, out)
	if err != nil {
		r.errorf("encoding the response: %v", err)
		return ExitUsage
	}
	return r.writeRawJSON(result)
}

// clock is the host's time, or time.Now in a host without a clock (a host
// that can send requests can read the time; the signature needs it).
func (r *runner) clock() time.Time {
	if t := r.now(); !t.IsZero() {
		return t
	}
	return time.Now()
}

// doerTransport lets an http.Client send through any Doer.
type doerTransport struct{ d Doer }

func (t doerTransport) RoundTrip(req *http.Request) (*http.Response, error) { return t.d.Do(req) }

func httpClient(d Doer) *http.Client {
	if c, ok := d.(*http.Client); ok {
		return c
	}
	return &http.Client{Transport: doerTransport{d}}
}

// callError reports a failed call: the service's error on stderr (exit 1),
// problems with the input as a report (exit 1), anything else (network,
// signing) on stderr (exit 2).
func (r *runner) callError(file string, err error) int {
	var se client.ServiceError
	if errors.As(err, &se) {
		r.errorf("%s", strings.TrimPrefix(se.Error(), "amplifybackend: "))
		return ExitInvalid
	}
	if probs, ok := problemsOf(err); ok {
		return r.invalidInput(file, probs)
	}
	r.errorf("%v", err)
	return ExitUsage
}

// wireInput is the transcoded input as one wire-form object: the URI labels
// followed by the body members, which is what the types' JSON decoders read.
func wireInput(t *validate.Transcoded) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, l := range t.Labels {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(l.Name)
		v, _ := json.Marshal(l.Value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	body := bytes.TrimSpace(t.Body)
	if len(body) >= 2 && body[0] == '{' {
		inner := bytes.TrimSpace(body[1 : len(body)-1])
		if len(inner) > 0 {
			if len(t.Labels) > 0 {
				b.WriteByte(',')
			}
			b.Write(inner)
		}
	}
	b.WriteByte('}')
	return b.Bytes()
}

// userOutput encodes a typed output in the user-facing form: the members
// of the output shape under their PascalCase names, in the model's order,
// then ResponseMetadata.
func userOutput(id schema.ShapeID, out any) ([]byte, error) {
	wire, err := json.Marshal(out) // the types encode their wire names
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := wireToUser(&b, id, wire); err != nil {
		return nil, err
	}
	v := reflect.ValueOf(out)
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		if f := v.Elem().FieldByName("ResponseMetadata"); f.IsValid() {
			md, err := json.Marshal(f.Interface().(types.ResponseMetadata))
			if err != nil {
				return nil, err
			}
			obj := b.Bytes()
			var res bytes.Buffer
			res.Write(obj[:len(obj)-1])
			if len(obj) > 2 {
				res.WriteByte(',')
			}
			res.WriteString(`"ResponseMetadata":`)
			res.Write(md)
			res.WriteByte('}')
			return res.Bytes(), nil
		}
	}
	return b.Bytes(), nil
}

// wireToUser rewrites the wire-form JSON value of shape id with the
// user-facing member names.
func wireToUser(b *bytes.Buffer, id schema.ShapeID, wire json.RawMessage) error {
	s := schema.Get(id)
	switch s.Kind {
	case schema.KindStructure:
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(wire, &obj); err != nil {
			return err
		}
		if obj == nil {
			b.WriteString("null")
			return nil
		}
		b.WriteByte('{')
		n := 0
		for _, m := range s.Members {
			v, ok := obj[m.Wire]
			if !ok {
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			n++
			k, _ := json.Marshal(m.Name)
			b.Write(k)
			b.WriteByte(':')
			if err := wireToUser(b, m.Shape, v); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case schema.KindList:
		var arr []json.RawMessage
		if err := json.Unmarshal(wire, &arr); err != nil {
			return err
		}
		if arr == nil {
			b.WriteString("null")
			return nil
		}
		b.WriteByte('[')
		for i, e := range arr {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := wireToUser(b, s.Elem, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	default:
		b.Write(wire)
	}
	return nil
}
