package dispatch

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
)

var knownCodes = map[string]bool{
	"required": true, "type": true, "enum": true, "range": true, "unknown": true, "empty": true,
	"syntax": true, "duplicate": true, "limit": true, "invalid": true,
}

// checkEnvelope fails unless out is one line of valid UTF-8 JSON that is
// exactly {"result": ...} or {"error": {"message": string, "errors":
// [{"path", "code", "message"}...]}} with at least one problem (only an
// internal error, which handle never returns, has none), every code known
// and every path a JSON pointer.
func checkEnvelope(t *testing.T, out []byte) {
	t.Helper()
	if !utf8.Valid(out) || !json.Valid(out) || bytes.IndexByte(out, '\n') >= 0 {
		t.Fatalf("not one line of valid UTF-8 JSON: %q", out)
	}
	var env map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(out))
	if err := dec.Decode(&env); err != nil || len(env) != 1 {
		t.Fatalf("not an envelope with one member: %s", out)
	}
	if _, ok := env["result"]; ok {
		return
	}
	raw, ok := env["error"]
	if !ok {
		t.Fatalf("neither result nor error: %s", out)
	}
	var e map[string]json.RawMessage
	if json.Unmarshal(raw, &e) != nil || len(e) != 2 || e["message"] == nil || e["errors"] == nil {
		t.Fatalf("the error is not exactly {message, errors}: %s", out)
	}
	var msg string
	if json.Unmarshal(e["message"], &msg) != nil || msg == "" {
		t.Fatalf("the message is not a non-empty string: %s", out)
	}
	if strings.HasPrefix(msg, "internal error") {
		t.Fatalf("internal error: %s", out)
	}
	var probs []map[string]json.RawMessage
	if json.Unmarshal(e["errors"], &probs) != nil || len(probs) == 0 {
		t.Fatalf("errors is not a non-empty array: %s", out)
	}
	for _, p := range probs {
		var path, code, message string
		var rng struct {
			Start, End struct{ Line, Column, Offset int }
		}
		n := 3
		if r, ok := p["range"]; ok {
			n = 4
			if json.Unmarshal(r, &rng) != nil || rng.Start.Line < 1 || rng.Start.Column < 1 || rng.End.Offset < rng.Start.Offset {
				t.Fatalf("a problem's range is not {start, end} of {line, column, offset}: %s", out)
			}
		}
		if len(p) != n || json.Unmarshal(p["path"], &path) != nil || json.Unmarshal(p["code"], &code) != nil || json.Unmarshal(p["message"], &message) != nil {
			t.Fatalf("a problem is not exactly {path, code, message[, range]}: %s", out)
		}
		if !knownCodes[code] {
			t.Fatalf("unknown code %q: %s", code, out)
		}
		if path != "" && path[0] != '/' {
			t.Fatalf("path %q is not a JSON pointer: %s", path, out)
		}
		if message == "" {
			t.Fatalf("empty message: %s", out)
		}
	}
}

// credentialsOf returns the credentials of a signRequest envelope, when it
// has them once each (member names are matched exactly, as the dispatcher
// does; with a repeated member Go's decoder would keep the last value, the
// dispatcher the first, so such inputs are not checked).
func credentialsOf(input []byte) []string {
	if bytes.Count(input, []byte(`"secretAccessKey"`)) > 1 || bytes.Count(input, []byte(`"sessionToken"`)) > 1 ||
		bytes.Count(input, []byte(`"credentials"`)) > 1 || bytes.Count(input, []byte(`"options"`)) > 1 {
		return nil
	}
	var env map[string]json.RawMessage
	var opts map[string]json.RawMessage
	var creds map[string]json.RawMessage
	if json.Unmarshal(input, &env) != nil || json.Unmarshal(env["options"], &opts) != nil || json.Unmarshal(opts["credentials"], &creds) != nil {
		return nil
	}
	var out []string
	for _, name := range []string{"secretAccessKey", "sessionToken"} {
		var s string
		if json.Unmarshal(creds[name], &s) == nil && len(s) >= minWithheldSecret {
			out = append(out, s)
		}
	}
	return out
}

// FuzzHandle calls the dispatcher with arbitrary function names and bytes.
// It calls handle, not Handle, so that a panic fails the test instead of
// being recovered into an internal-error envelope. Every output must be a
// well-formed envelope (see checkEnvelope), and an error of signRequest
// never repeats the call's secret access key or session token.
func FuzzHandle(f *testing.F) {
	cases, err := dispatchtest.Load("../../testdata/vectors")
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		f.Add(c.Function, c.Input)
	}
	for _, c := range dispatchtest.Hostile(7, 64) {
		f.Add(c.Function, c.Input)
	}
	for _, s := range []struct{ fn, in string }{
		{"", ""},
		{"validate", "{\"operation\":\"GetBackend\",\"input\":{\"AppId\":\"a\"}}\x00"},
		{"validate", `{"operation":"ListBackendJobs","input":{"MaxResults":NaN}}`},
		{"signRequest", `{"request":{"method":"GET","url":"https://h/","headers":{"PLANTEDsecretAccessKey0":[1],"plantedsecretaccesskey0":"x"}},"options":{"credentials":{"accessKeyId":"A","secretAccessKey":"PLANTEDsecretAccessKey0","sessionToken":"PLANTEDtoken/abc+=="},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}}`},
		{"signRequest", `{"options":{"credentials":{"secretAccessKey":"PLANTEDsecretAccessKey0","PLANTEDsecretAccessKey0":1}},"request":{"method":"GET","url":"https://h/","PLANTEDsecretAccessKey0":1}}`},
		{"cli", `{"args":["sign","--region","PLANTEDsecret","r"],"files":{"r":"{\"method\":\"GET\",\"url\":\"https://h/\"}"},"env":{"AWS_ACCESS_KEY_ID":"A","AWS_SECRET_ACCESS_KEY":"PLANTEDsecret"},"now":"2015-08-30T12:36:00Z"}`},
		{"operations", `{"x":1}`},
	} {
		f.Add(s.fn, []byte(s.in))
	}
	f.Fuzz(func(t *testing.T, function string, input []byte) {
		out := handle(function, input, false)
		checkEnvelope(t, out)
		if got := joinSplit(handle(function, input, true)); !bytes.Equal(got, out) {
			t.Fatalf("HandleSplit's output, joined, differs from Handle's:\n%s\n%s", got, out)
		}
		if function == "signRequest" && bytes.HasPrefix(out, []byte(`{"error"`)) {
			for _, s := range credentialsOf(input) {
				if containsFold(string(out), s) {
					t.Fatalf("an error repeats a credential %q: %s", s, out)
				}
			}
		}
	})
}

// joinSplit turns HandleSplit's output into Handle's: the body after the
// line feed becomes the result's last member.
func joinSplit(out []byte) []byte {
	i := bytes.IndexByte(out, '\n')
	if i < 0 {
		return out
	}
	j := out[:i]
	joined := append([]byte{}, j[:len(j)-2]...)
	joined = append(joined, `,"body":`...)
	joined = jsonfast.AppendString(joined, string(out[i+1:]))
	return append(joined, "}}"...)
}

// TestHandleSplitIsHandle: on every vector, HandleSplit's output joined
// is Handle's, and the body of a built request is apart.
func TestHandleSplitIsHandle(t *testing.T) {
	cases, err := dispatchtest.Load("../../testdata/vectors")
	if err != nil {
		t.Fatal(err)
	}
	apart := 0
	for _, c := range cases {
		want := Handle(c.Function, c.Input)
		out := HandleSplit(c.Function, c.Input)
		if bytes.IndexByte(out, '\n') >= 0 {
			apart++
		}
		if got := joinSplit(out); !bytes.Equal(got, want) {
			t.Errorf("%s: HandleSplit's output, joined, differs from Handle's:\n got: %s\nwant: %s", c.Name, got, want)
		}
	}
	if apart < 20 {
		t.Fatalf("only %d vectors have a body apart", apart)
	}
}
