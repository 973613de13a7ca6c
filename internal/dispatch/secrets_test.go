package dispatch

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

// This file is the one consolidated secrets test of issue 7: it plants
// recognisable values in the credentials and in every member of every
// sensitive shape of the model, drives every error path it can reach
// through Handle, and scans every output for them.
//
// Every planted value starts with "PLANTED", and no other value of the test
// does, so an output is clean when it does not contain "planted" in any
// letter case: that also catches a value cut short or lower-cased. The only
// places a planted value may appear are the request a call succeeded in
// making: the session token as X-Amz-Security-Token (header or query
// parameter) of a signed request, and sensitive values in the body of a
// built or signed request (they are what is sent). The secret access key
// never appears anywhere.

const (
	// plantedSecret is a valid header name and access key ID (letters and
	// digits only), so that it can be planted in every place.
	plantedSecret = "PLANTEDsecretAccessKey0wJalrXUtnFEMIK7MDENG"
	// plantedSecretSlash has the '/' and '+' of a real secret access key.
	plantedSecretSlash = "PLANTEDsecret/K7MDENG+bPxRfiCYEXAMPLEKEY0"
	plantedToken       = "PLANTEDsessionToken//FwoGZXIvYXdzEBYaDKq0c3RlbXBvcmFyeQ+abc=="
	signingDate        = "2015-08-30T12:36:00Z"
)

// fullValue writes a value of shape id with every member set: values
// valid for the model, and in every member inside a sensitive shape a
// planted value, unique to its place (plants collects them).
func fullValue(b *bytes.Buffer, id schema.ShapeID, sensitive bool, name string, plants *[]string) {
	s := &schema.Shapes[id]
	sensitive = sensitive || s.Sensitive
	switch s.Kind {
	case schema.KindStructure:
		b.WriteByte('{')
		for i, m := range s.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(m.Name) + ":")
			fullValue(b, m.Shape, sensitive, name+m.Name, plants)
		}
		b.WriteByte('}')
	case schema.KindFreeform:
		b.WriteString(`{"free":1}`)
	case schema.KindList:
		b.WriteByte('[')
		fullValue(b, s.Elem, sensitive, name+"0", plants)
		b.WriteByte(']')
	case schema.KindString, schema.KindTimestamp:
		switch {
		case sensitive:
			p := "PLANTED" + name + strconv.Itoa(len(*plants))
			*plants = append(*plants, p)
			b.WriteString(strconv.Quote(p))
		case len(s.Enum) > 0:
			b.WriteString(strconv.Quote(s.Enum[0]))
		default:
			b.WriteString(`"x"`)
		}
	case schema.KindBoolean:
		b.WriteString("true")
	default:
		n := int64(1)
		if s.HasMin {
			n = s.Min
		}
		b.WriteString(strconv.FormatInt(n, 10))
	}
}

// reachesSensitive reports whether a value of shape id can hold a
// sensitive shape.
func reachesSensitive(id schema.ShapeID, depth int) bool {
	s := &schema.Shapes[id]
	if s.Sensitive {
		return true
	}
	if depth > 16 {
		return false
	}
	switch s.Kind {
	case schema.KindStructure:
		for _, m := range s.Members {
			if reachesSensitive(m.Shape, depth+1) {
				return true
			}
		}
	case schema.KindList:
		return reachesSensitive(s.Elem, depth+1)
	}
	return false
}

// sensitiveInputs returns, for every operation whose input reaches a
// sensitive shape, a full valid input and its planted values.
func sensitiveInputs(t *testing.T) (ops []string, inputs [][]byte, plants [][]string) {
	t.Helper()
	for i := range schema.Operations {
		o := &schema.Operations[i]
		if !reachesSensitive(o.Input, 0) {
			continue
		}
		var b bytes.Buffer
		var ps []string
		fullValue(&b, o.Input, false, "", &ps)
		ops, inputs, plants = append(ops, o.Name), append(inputs, b.Bytes()), append(plants, ps)
	}
	return ops, inputs, plants
}

// mutations returns inputs derived from a valid input: for each planted
// value, every way of getting it wrong inside its sensitive structure
// (wrong types holding it, a lone surrogate, invalid UTF-8, a control
// character, unknown and duplicate members holding it, the input cut short
// inside it), and the input with an enum problem elsewhere.
func mutations(input []byte, plants []string) [][]byte {
	in := string(input)
	var out [][]byte
	add := func(s string) { out = append(out, []byte(s)) }
	for n, p := range plants {
		q := strconv.Quote(p)
		i := strings.Index(in, q)
		if i < 0 {
			continue
		}
		// The member name before the value: "Name":"PLANTED...".
		k := strings.LastIndex(in[:i-1], `"`)
		k = strings.LastIndex(in[:k], `"`)
		member := in[k : i-1] // `"Name"`
		for _, v := range []string{"[" + q + "]", `{"k":` + q + `}`, `{"ClientSecret":` + q + `}`, "true",
			`"` + p + `\ud800"`, `"\udc00` + p + `"`, `"` + p + "\xff\"", `"` + p + "\x01\"", `"` + p + `\u0000"`,
		} {
			add(in[:i] + v + in[i+len(q):])
		}
		if n == 0 { // over the string limit (512 KiB): once is enough
			add(in[:i] + `"` + p + strings.Repeat("!", 512<<10) + `"` + in[i+len(q):])
		}
		name := strings.Trim(member, `"`)
		for _, extra := range []string{
			`,"Zzz":` + q,                        // unknown, no close match
			`,"` + name[:len(name)-1] + `":` + q, // unknown, close to a member
			`,` + member + `:` + q,               // duplicate
			`,` + member + `:[` + q + `]`,        // duplicate of another type
		} {
			add(in[:i+len(q)] + extra + in[i+len(q):])
		}
		add(in[:i+len(q)-3]) // cut short inside the value
		add(in[:i+len(q)])   // cut short after it
	}
	for _, e := range []string{`"COGNITO"`, `"USER_POOL_ONLY"`, `"EMAIL"`} {
		if strings.Contains(in, e) {
			add(strings.Replace(in, e, `"NOT_AN_ENUM_VALUE"`, 1))
		}
	}
	return out
}

type secretCall struct {
	fn    string
	input []byte
}

func envelope(t *testing.T, members ...any) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteByte('{')
	for i := 0; i < len(members); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(members[i].(string)) + ":")
		switch v := members[i+1].(type) {
		case json.RawMessage:
			b.Write(v)
		case []byte:
			b.Write(v)
		default:
			data, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
		}
	}
	b.WriteByte('}')
	return b.Bytes()
}

var goodCredentials = map[string]any{"accessKeyId": "AKIDEXAMPLE", "secretAccessKey": plantedSecret, "sessionToken": plantedToken}

func signOptions(mod func(map[string]any)) map[string]any {
	o := map[string]any{"credentials": goodCredentials, "region": "us-east-1", "signingDate": signingDate}
	if mod != nil {
		mod(o)
	}
	return o
}

// signCalls are signRequest calls with the credentials planted: bad
// options, bad requests (with the secret in the URL, the method, header
// names and values, the body, unknown members), and good ones.
func signCalls(t *testing.T, builtBody string) []secretCall {
	get := map[string]any{"method": "GET", "url": "https://example.amazonaws.com/a?b=c"}
	var calls []secretCall
	sign := func(req any, opts any) {
		calls = append(calls, secretCall{"signRequest", envelope(t, "request", req, "options", opts)})
	}
	// Bad options: every error path of the options, with the secret in
	// the values and in member names.
	for _, mod := range []func(map[string]any){
		func(o map[string]any) { o["region"] = plantedSecret },
		func(o map[string]any) { o["region"] = "US EAST 1" },
		func(o map[string]any) { o["service"] = plantedSecret },
		func(o map[string]any) { o["signingDate"] = plantedSecret },
		func(o map[string]any) { o["signingDate"] = 5 },
		func(o map[string]any) { o["expiresIn"] = plantedSecret },
		func(o map[string]any) { o["presign"], o["expiresIn"] = true, 1e12 },
		func(o map[string]any) { o["presign"], o["expiresIn"] = true, 1.5 },
		func(o map[string]any) { o["presign"] = plantedToken },
		func(o map[string]any) { o["normalizePath"] = []any{plantedSecret} },
		func(o map[string]any) { o[plantedSecret] = plantedToken },
		func(o map[string]any) { o["secretAccessKey"] = plantedSecret },
		func(o map[string]any) { delete(o, "region"); delete(o, "signingDate") },
		func(o map[string]any) {
			o["credentials"] = map[string]any{"accessKeyId": plantedSecretSlash, "secretAccessKey": plantedSecret, "sessionToken": plantedToken + "\n"}
		},
		func(o map[string]any) {
			o["credentials"] = map[string]any{"accessKeyId": "AKID", "secretAccessKey": plantedSecret, "sessionToken": " " + plantedToken}
		},
		func(o map[string]any) {
			o["credentials"] = map[string]any{"accessKeyId": "AKID", "secretAccessKey": []any{plantedSecret}, "sessionToken": plantedToken}
		},
		func(o map[string]any) {
			o["credentials"] = map[string]any{"accessKeyId": "AKID", "secretAccessKey": plantedSecret, "sessionToken": plantedToken, plantedToken: plantedSecret, "sessionTokn": plantedToken}
		},
		func(o map[string]any) { o["credentials"] = plantedSecret },
		func(o map[string]any) {
			o["credentials"] = map[string]any{"secretAccessKey": plantedSecret, "sessionToken": plantedToken}
		},
		func(o map[string]any) {
			o["credentials"] = map[string]any{"accessKeyId": "AKID", "sessionToken": plantedToken, "secretAccessKey": ""}
		},
	} {
		sign(get, signOptions(mod))
	}
	sign(get, plantedSecret)
	sign(get, nil)
	calls = append(calls, secretCall{"signRequest", []byte(`{"request":{"method":"GET","url":"https://h/"},"options":{"credentials":{"accessKeyId":"A","secretAccessKey":"` + plantedSecret + `","secretAccessKey":"` + plantedSecret + `"},"region":"us-east-1","signingDate":"` + signingDate + `"}}`)})
	calls = append(calls, secretCall{"signRequest", []byte(`{"request":{"method":"GET","url":"https://h/"},"options":{"credentials":{"accessKeyId":"A","secretAccessKey":"` + plantedSecret + "\x01" + `"}}}`)})
	calls = append(calls, secretCall{"signRequest", []byte(`{"request":{"method":"GET","url":"https://h/"},"options":{"credentials":{"accessKeyId":"A","secretAccessKey":"` + plantedSecret)})

	// Bad requests, good options.
	long := strings.Repeat(plantedSecret, 1+client.MaxHeaderValueBytes/len(plantedSecret))
	body := plantedSecret
	many := map[string]any{}
	for i := range client.MaxHeaders + 1 {
		many[plantedSecret+strconv.Itoa(i)] = plantedToken
	}
	for _, req := range []any{
		map[string]any{"method": "GET", "url": "https://user:" + plantedSecret + "@h/"},
		map[string]any{"method": "GET", "url": "https://h/" + plantedSecret + "%zz"},
		map[string]any{"method": "GET", "url": "ftp://" + plantedSecret + "/"},
		map[string]any{"method": "GET", "url": "https://h/?" + plantedToken + ";"},
		map[string]any{"method": "GET", "url": "https://h/" + plantedSecret + "#" + plantedToken},
		map[string]any{"method": "GET", "url": "https://" + plantedSecret + "/", "headers": map[string]any{"Host": "other"}},
		map[string]any{"method": "GET", "url": "https://h/" + strings.Repeat(plantedSecret, 1+client.MaxURLBytes/len(plantedSecret))},
		map[string]any{"method": plantedSecret + " x", "url": "https://h/"},
		map[string]any{"method": []any{plantedSecret}, "url": plantedToken},
		map[string]any{"method": "GET", "url": "https://h/", "headers": map[string]any{plantedSecret: "v\x00"}},
		map[string]any{"method": "GET", "url": "nope", "headers": map[string]any{plantedSecret: "v", plantedToken: "v"}},
		map[string]any{"method": "GET", "url": "https://h/", "headers": map[string]any{plantedSecret: "a", strings.ToLower(plantedSecret): "b"}},
		map[string]any{"method": "GET", "url": "https://h/", "headers": map[string]any{plantedSecret: 5, "X-" + plantedToken: []any{1}}},
		map[string]any{"method": "GET", "url": "https://h/", "headers": map[string]any{"X-A": []any{plantedSecret, 5}, "X-B": plantedToken + "\r\n"}},
		map[string]any{"method": "GET", "url": "https://h/", "headers": map[string]any{"Host": plantedSecret}},
		map[string]any{"method": "GET", "url": "https://h/", "headers": map[string]any{"X-Amz-Security-Token": plantedToken + "\n"}},
		map[string]any{"method": "POST", "url": "https://h/", "headers": map[string]any{"Content-Length": plantedSecret}, "body": body},
		map[string]any{"method": "GET", "url": "https://h/", "headers": many},
		map[string]any{"method": "GET", "url": "https://h/", "headers": map[string]any{plantedSecret: long}},
		map[string]any{"method": "GET", "url": "https://h/", "headers": map[string]any{"X-Long": long}},
		map[string]any{"method": "POST", "url": "https://h/", "body": strings.Repeat(plantedSecret, 1+client.MaxBodyBytes/len(plantedSecret))},
		map[string]any{"method": "POST", "url": "https://h/", "body": []any{plantedSecret}},
		map[string]any{"method": "GET", "url": "https://h/", plantedSecret: 1, "bodyy": plantedToken},
		plantedSecret,
		[]any{plantedSecret, plantedToken},
	} {
		sign(req, signOptions(nil))
		sign(req, signOptions(func(o map[string]any) { o["presign"] = true }))
		sign(req, signOptions(func(o map[string]any) { o["region"] = "" })) // and an option problem
	}
	// Syntax errors inside the request, after a secret.
	for _, raw := range []string{
		`{"method":"GET","url":"https://h/","headers":{"X":"` + plantedSecret + "\x01" + `"}}`,
		`{"method":"GET","url":"https://h/","headers":{"` + plantedSecret + `":"\x"}}`,
		`{"method":"GET","url":"https://h/","body":"` + plantedSecret + "\xff" + `"}`,
		`{"method":"GET","url":"https://h/","headers":{"` + plantedSecret + `":"\ud800"}}`,
		`{"method":"GET","url":"https://h/","headers":{"` + strings.ToLower(plantedSecret) + `":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}}`,
	} {
		sign(json.RawMessage(raw), signOptions(nil))
	}
	// Successful signatures: the token only as X-Amz-Security-Token, a
	// sensitive value only in the body.
	for _, mod := range []func(map[string]any){
		nil,
		func(o map[string]any) { o["presign"] = true },
		func(o map[string]any) { o["unsignedSessionToken"] = true },
		func(o map[string]any) { o["presign"], o["unsignedSessionToken"] = true, true },
		func(o map[string]any) { o["signBody"] = true },
	} {
		sign(get, signOptions(mod))
		sign(map[string]any{"method": "POST", "url": "https://amplifybackend.us-east-1.amazonaws.com/backend/x/auth", "headers": map[string]any{"Content-Type": "application/json"}, "body": builtBody}, signOptions(mod))
	}
	return calls
}

// cliCalls run the CLI with the credentials in its environment.
func cliCalls(t *testing.T, ops []string, inputs [][]byte, plants [][]string) []secretCall {
	env := map[string]string{"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": plantedSecret, "AWS_SESSION_TOKEN": plantedToken, "AWS_REGION": "us-east-1"}
	var calls []secretCall
	cli := func(args []string, files map[string]string) {
		calls = append(calls, secretCall{"cli", envelope(t, "args", args, "files", files, "env", env, "now", signingDate)})
	}
	for i, op := range ops {
		for _, in := range append([][]byte{inputs[i]}, mutations(inputs[i], plants[i])...) {
			files := map[string]string{"in.json": string(in)}
			cli([]string{"validate", "--operation", op, "in.json"}, files)
			cli([]string{"validate", "--operation", op, "--format", "json", "in.json"}, files)
			cli([]string{"build", "--operation", op, "in.json"}, files)
		}
	}
	badRequests := []string{
		`{"method":"GET","url":"https://h/","headers":{"` + plantedSecret + `":5,"` + strings.ToLower(plantedSecret) + `":"a","` + plantedSecret + `":"b"}}`,
		`{"method":"GET","url":"https://user:` + plantedSecret + `@h/","headers":{"` + plantedSecret + `":"\u0000"}}`,
		`{"method":"GET","url":"https://h/","` + plantedSecret + `":1}`,
		`{"method":"GET","url":"https://h/","headers":{"X":"` + plantedSecret + "\x01" + `"}}`,
		`{"method":"GET","url":"https://h/","headers":{"Host":"` + plantedSecret + `"}}`,
	}
	for _, req := range badRequests {
		for _, args := range [][]string{
			{"sign", "req.json"},
			{"sign", "--presign", "req.json"},
			{"sign", "--format", "json", "req.json"},
		} {
			cli(args, map[string]string{"req.json": req})
		}
	}
	good := map[string]string{"req.json": `{"method":"GET","url":"https://h/"}`}
	for _, args := range [][]string{
		{"sign", "req.json"},
		{"sign", "--presign", "req.json"},
		{"sign", "--expires", plantedSecret, "--presign", "req.json"},
		{"sign", "--region", plantedSecret, "req.json"},
		{"sign", "--service", plantedSecret, "req.json"},
		{"sign", "--time", plantedSecret, "req.json"},
		{"sign", "--" + plantedSecret, "req.json"},
		{"sign", "--region=" + plantedToken, "req.json"},
		{"sign", plantedSecret},
		{"sign", "req.json", plantedSecret},
		{plantedSecret},
		{"help", plantedSecret},
		{"validate", "--operation", plantedSecret, "req.json"},
		{"build", "--operation", "GetBackend", "--endpoint", "https://" + plantedSecret + "@h/", "req.json"},
		{"build", "--operation", "GetBackend", "--region", plantedSecret, "req.json"},
	} {
		cli(args, good)
	}
	return calls
}

// checkClean fails when out, the output of call, holds a planted value
// outside the places a successful call may have one.
func checkClean(t *testing.T, c secretCall, out []byte) {
	t.Helper()
	fail := func(what string) {
		t.Helper()
		t.Errorf("%s(%.300q):\n%s:\n%.2000s", c.fn, c.input, what, out)
	}
	if bytes.Equal(out, []byte(InternalError)) || bytes.Contains(out, []byte("internal error")) {
		fail("a panic was recovered")
		return
	}
	var env struct {
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(out, &env); err != nil || (env.Result == nil) == (env.Error == nil) {
		fail("not an envelope")
		return
	}
	if env.Error != nil {
		if hasPlant(out) {
			fail("an error repeats a planted value")
		}
		return
	}
	switch c.fn {
	case "validate", "validateAuthConfig", "operations":
		if hasPlant(out) {
			fail("a result repeats a planted value")
		}
	case "buildRequest":
		if !cleanRequest(env.Result, false) {
			fail("a built request holds a planted value outside its body")
		}
	case "signRequest":
		if !cleanRequest(env.Result, true) {
			fail("a signed request holds a planted value outside its body and X-Amz-Security-Token")
		}
	case "cli":
		var res struct {
			Stdout, Stderr string
			ExitCode       int
		}
		if err := json.Unmarshal(env.Result, &res); err != nil {
			fail("not a cli result")
			return
		}
		if hasPlant([]byte(res.Stderr)) {
			fail("the CLI's standard error repeats a planted value")
		}
		var args struct{ Args []string }
		_ = json.Unmarshal(c.input, &args)
		switch {
		case res.ExitCode == 0 && args.Args[0] == "sign":
			if !cleanRequest([]byte(res.Stdout), true) {
				fail("the CLI's signed request holds a planted value outside X-Amz-Security-Token")
			}
		case res.ExitCode == 0 && args.Args[0] == "build":
			if !cleanRequest([]byte(res.Stdout), false) {
				fail("the CLI's request holds a planted value outside its body")
			}
		case hasPlant([]byte(res.Stdout)):
			fail("the CLI's standard output repeats a planted value")
		}
	}
}

// hasPlant reports whether data holds "planted" in any letter case, as
// written or after JSON unescaping.
func hasPlant(data []byte) bool {
	if bytes.Contains(bytes.ToLower(data), []byte("planted")) {
		return true
	}
	var v any
	if json.Unmarshal(data, &v) == nil {
		text, _ := json.Marshal(v) // escapes are normalized; \u0050 becomes P
		return bytes.Contains(bytes.ToLower(text), []byte("planted"))
	}
	return false
}

// cleanRequest checks a request in the JSON form: no planted value in the
// method, URL or headers, except the session token as X-Amz-Security-Token
// (when token is set); the body may hold sensitive values but never a
// credential.
func cleanRequest(data []byte, token bool) bool {
	var r client.Request
	if r.UnmarshalJSON(data) != nil {
		return false
	}
	u := r.URL
	if token {
		u = strings.Replace(u, "X-Amz-Security-Token="+strings.NewReplacer("/", "%2F", "+", "%2B", "=", "%3D").Replace(plantedToken), "", 1)
		if vals := r.Headers["X-Amz-Security-Token"]; len(vals) == 1 && vals[0] == plantedToken {
			delete(r.Headers, "X-Amz-Security-Token")
		}
	}
	body := ""
	if r.Body != nil {
		body = *r.Body
	}
	r.Body = nil
	r.URL = u
	rest := string(r.AppendJSON(nil))
	return !hasPlant([]byte(rest)) && !strings.Contains(body, plantedSecret) && !strings.Contains(body, plantedToken)
}

// TestSecretsNeverLeak is the consolidated secrets test (see the top of
// the file).
func TestSecretsNeverLeak(t *testing.T) {
	ops, inputs, plants := sensitiveInputs(t)
	if !slices.Contains(ops, "CreateBackendAuth") || !slices.Contains(ops, "UpdateBackendAuth") {
		t.Fatalf("the sensitive shapes are not reached: %v", ops)
	}
	// Every member of every sensitive shape is planted somewhere.
	for i := range schema.Shapes {
		s := &schema.Shapes[i]
		if !s.Sensitive {
			continue
		}
		for _, m := range s.Members {
			found := false
			for _, ps := range plants {
				for _, p := range ps {
					found = found || strings.Contains(p, m.Name)
				}
			}
			if !found {
				t.Errorf("no planted value for %s.%s", s.Name, m.Name)
			}
		}
	}
	var calls []secretCall
	var builtBody string
	for i, op := range ops {
		all := append([][]byte{inputs[i]}, mutations(inputs[i], plants[i])...)
		for _, in := range all {
			text, _ := json.Marshal(string(in))
			calls = append(calls,
				secretCall{"validate", envelope(t, "operation", op, "input", in)},
				secretCall{"validate", envelope(t, "operation", op, "inputText", json.RawMessage(text))},
				secretCall{"buildRequest", envelope(t, "operation", op, "input", in, "options", map[string]any{"region": "us-east-1"})},
				secretCall{"buildRequest", envelope(t, "operation", op, "inputText", json.RawMessage(text), "options", map[string]any{"region": "us-east-1", "validate": false})},
				secretCall{"buildRequest", envelope(t, "operation", op, "input", in, "options", map[string]any{"region": "nowhere", "endpoint": "ftp://x"})},
			)
			// The auth resource config on its own, in both modes.
			if cfg := resourceConfig(in); cfg != nil {
				for _, mode := range []string{"create", "update"} {
					calls = append(calls, secretCall{"validateAuthConfig", envelope(t, "config", cfg, "mode", mode)})
				}
			}
		}
		if op == "CreateBackendAuth" {
			out := Handle("buildRequest", envelope(t, "operation", op, "input", inputs[i], "options", map[string]any{"region": "us-east-1"}))
			var env struct{ Result client.Request }
			if err := json.Unmarshal(out, &env); err != nil || env.Result.Body == nil || !strings.Contains(*env.Result.Body, "PLANTED") {
				t.Fatalf("the full CreateBackendAuth input does not build: %s", out)
			}
			builtBody = *env.Result.Body
		}
	}
	calls = append(calls, signCalls(t, builtBody)...)
	calls = append(calls, cliCalls(t, ops, inputs, plants)...)
	counts := map[string]int{}
	errorsSeen := 0
	for _, c := range calls {
		out := Handle(c.fn, c.input)
		checkClean(t, c, out)
		counts[c.fn]++
		if bytes.HasPrefix(out, []byte(`{"error"`)) || bytes.Contains(out, []byte(`"exitCode":1`)) || bytes.Contains(out, []byte(`"exitCode":2`)) {
			errorsSeen++
		}
		if t.Failed() && testing.Short() {
			break
		}
	}
	t.Logf("%d calls (%v), %d of them errors, %d planted values in %d inputs", len(calls), counts, errorsSeen, len(plants[0])+len(plants[1]), len(ops))
	if errorsSeen < len(calls)/2 {
		t.Errorf("only %d of %d calls failed: the test no longer reaches the error paths", errorsSeen, len(calls))
	}
}

// resourceConfig returns the ResourceConfig member of an input, or nil.
func resourceConfig(in []byte) json.RawMessage {
	var v struct{ ResourceConfig json.RawMessage }
	if json.Unmarshal(in, &v) != nil {
		return nil
	}
	return v.ResourceConfig
}

// TestPanicsNeverEchoTheirValue: a recovered panic's envelope keeps only a
// runtime error's own text; any other panic value (which could quote the
// input) is dropped.
func TestPanicsNeverEchoTheirValue(t *testing.T) {
	for _, v := range []any{plantedSecret, errors.New(plantedToken), []byte(plantedSecret), struct{ S string }{plantedSecret}} {
		out := internalError(v)
		if string(out) != InternalError {
			t.Errorf("panic(%T) gives %s", v, out)
		}
	}
	var re runtime.Error
	func() {
		defer func() { re = recover().(runtime.Error) }()
		var m map[string]int
		//lint:ignore SA5000 the test needs the runtime.Error this write raises
		m[plantedSecret]++ // assignment to entry in nil map
	}()
	out := internalError(re)
	if hasPlant(out) || !json.Valid(out) || !bytes.Contains(out, []byte("internal error: assignment to entry in nil map")) {
		t.Errorf("runtime error envelope: %s", out)
	}
}
