package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// The fuzz targets of the package: the builder (FuzzBuild), the URI label
// escaper (FuzzEscapeLabel), the signer (FuzzSign) and the request decoder
// (FuzzRequestJSON, in request_test.go). Their seed corpora are the f.Add
// seeds below (taken from testdata/operations and testdata/vectors, whose
// sign-* cases are the testdata/sigv4 requests, plus edge cases) and the
// files under
// testdata/fuzz/<FuzzName>/; plain `go test` runs both as ordinary tests.

var knownCodes = map[validate.Code]bool{
	validate.CodeRequired: true, validate.CodeType: true, validate.CodeEnum: true, validate.CodeRange: true,
	validate.CodeUnknown: true, validate.CodeEmpty: true, validate.CodeSyntax: true, validate.CodeDuplicate: true,
	validate.CodeLimit: true, validate.CodeInvalid: true,
}

// checkError fails unless err is a *validate.Error with well-formed
// problems (a known code, a JSON pointer, a one-sentence UTF-8 message) or,
// when nameOK, a *validate.NameError. It returns the error's full text:
// err.Error() and every path and message.
func checkError(t *testing.T, err error, nameOK bool) string {
	t.Helper()
	var ne *validate.NameError
	if nameOK && errors.As(err, &ne) {
		return err.Error()
	}
	var ve *validate.Error
	if !errors.As(err, &ve) {
		t.Fatalf("error %T is not a *validate.Error: %v", err, err)
	}
	if len(ve.Problems) == 0 {
		t.Fatalf("a *validate.Error without problems")
	}
	text := err.Error()
	for _, p := range ve.Problems {
		if !knownCodes[p.Code] {
			t.Fatalf("unknown code %q in %+v", p.Code, p)
		}
		if p.Path != "" && !strings.HasPrefix(p.Path, "/") {
			t.Fatalf("path %q is not a JSON pointer", p.Path)
		}
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(p.Path, "~0", ""), "~1", ""), "~") {
			t.Fatalf("path %q has a bad escape", p.Path)
		}
		if p.Message == "" || !utf8.ValidString(p.Message) || !utf8.ValidString(p.Path) {
			t.Fatalf("bad message or path in %+v", p)
		}
		text += "\n" + p.Path + "\n" + p.Message
	}
	return text
}

// dispatchVector is the part of a testdata/vectors case the seeds use.
type dispatchVector struct {
	Function string `json:"function"`
	Input    struct {
		Operation string          `json:"operation"`
		Input     json.RawMessage `json:"input"`
		Request   json.RawMessage `json:"request"`
		Options   struct {
			Region   string `json:"region"`
			Endpoint string `json:"endpoint"`
			Presign  bool   `json:"presign"`
		} `json:"options"`
	} `json:"input"`
}

func dispatchVectors(f *testing.F, function string) []dispatchVector {
	cases, err := dispatchtest.Load("../../testdata/vectors")
	if err != nil {
		f.Fatal(err)
	}
	var out []dispatchVector
	for _, c := range cases {
		if c.Function != function {
			continue
		}
		v := dispatchVector{Function: c.Function}
		if json.Unmarshal(c.Input, &v.Input) == nil {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		f.Fatalf("no %s vectors in testdata/vectors", function)
	}
	return out
}

func opIndex(name string) uint8 {
	for i := range schema.Operations {
		if schema.Operations[i].Name == name {
			return uint8(i)
		}
	}
	return 0
}

// FuzzBuild: Build never panics, in strict and lenient mode. A request it
// builds has the operation's method, a URL that net/url parses and whose
// path segments are the operation's URI template with each label escaped
// (only unreserved bytes and %XX) and unescaping back to the label's value,
// a Host header naming the URL's host, and a JSON body exactly when the
// operation has one. A failure is a *validate.Error with well-formed
// problems.
func FuzzBuild(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/operations/*.json")
	if len(files) == 0 {
		f.Fatal("no inputs in testdata/operations")
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		op := strings.TrimSuffix(filepath.Base(name), ".json")
		f.Add(opIndex(op), data, "us-east-1", "", false)
		f.Add(opIndex(op), data, "cn-north-1", "http://127.0.0.1:4566/prefix/", true)
	}
	for _, c := range dispatchVectors(f, "buildRequest") {
		f.Add(opIndex(c.Input.Operation), []byte(c.Input.Input), c.Input.Options.Region, c.Input.Options.Endpoint, false)
	}
	get := opIndex("GetBackendJob")
	for _, s := range []struct{ input, region, endpoint string }{
		{`{"AppId":"a/b?c#d%e","BackendEnvironmentName":"..","JobId":"j"}`, "us-east-1", ""},
		{`{"AppId":".","BackendEnvironmentName":"e","JobId":"\u00e9\ud83d\ude00 \u0000"}`, "us-east-1", ""},
		{`{"AppId":"a\ud800","BackendEnvironmentName":"","JobId":null}`, "US-EAST-1", "ftp://x"},
		{`{"AppId":"~-._","BackendEnvironmentName":"%2F","JobId":"+&="}`, "", "HTTPS://Example.COM:443/p%41th"},
		{`{"AppId":"a","BackendEnvironmentName":"b","JobId":"c","Extra":[1,{"x":[]}]}`, "us-gov-west-1", "http://[::1]:8080"},
		{"{\"AppId\":\"\xff\"}", "us-east-1", "http://user:pass@h/"},
		{`[]`, "", ""},
	} {
		f.Add(get, []byte(s.input), s.region, s.endpoint, false)
		f.Add(get, []byte(s.input), s.region, s.endpoint, true)
	}
	f.Fuzz(func(t *testing.T, index uint8, input []byte, region, endpoint string, lenient bool) {
		o := &schema.Operations[int(index)%len(schema.Operations)]
		opts := BuildOptions{Region: region, Endpoint: endpoint, Lenient: lenient}
		req, err := Build(o.Name, input, opts)
		tr, probs, _ := validate.Transcode(o.Name, input, &validate.Options{Lenient: lenient})
		if err != nil {
			checkError(t, err, true)
			return
		}
		if len(probs) > 0 || tr == nil {
			t.Fatalf("built a request from an input with problems: %+v", probs)
		}
		if req.Method != o.Method {
			t.Fatalf("method %q, want %q", req.Method, o.Method)
		}
		u, perr := url.Parse(req.URL)
		if perr != nil {
			t.Fatalf("the URL %q does not parse: %v", req.URL, perr)
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			t.Fatalf("unexpected URL %q", req.URL)
		}
		if got := req.Headers["Host"]; len(got) != 1 || got[0] != u.Host {
			t.Fatalf("Host header %q for URL %q", got, req.URL)
		}
		// The path ends with the template's segments, labels filled in.
		rawPath := req.URL[len(u.Scheme)+3+len(u.Host):]
		segs := strings.Split(rawPath, "/")
		tmpl := strings.Split(o.URI, "/")[1:] // the template starts with '/'
		if !strings.HasPrefix(rawPath, "/") {
			t.Fatalf("path %q does not start with '/'", rawPath)
		}
		if len(segs) < len(tmpl) {
			t.Fatalf("path %q is shorter than the template %q", rawPath, o.URI)
		}
		segs = segs[len(segs)-len(tmpl):]
		for i, ts := range tmpl {
			if !strings.HasPrefix(ts, "{") {
				if segs[i] != ts {
					t.Fatalf("segment %d of %q is %q, want %q", i, rawPath, segs[i], ts)
				}
				continue
			}
			want, ok := tr.Label(strings.Trim(ts, "{}+"))
			if !ok {
				t.Fatalf("no value for label %s", ts)
			}
			checkEscaped(t, segs[i], false)
			if got, err := url.PathUnescape(segs[i]); err != nil || got != want {
				t.Fatalf("label %s: segment %q unescapes to %q (%v), want %q", ts, segs[i], got, err, want)
			}
		}
		ct := req.Headers["Content-Type"]
		if o.HasBody {
			if req.Body == nil || !json.Valid([]byte(*req.Body)) || len(ct) != 1 || ct[0] != "application/json" {
				t.Fatalf("%s has a body; got body %v, Content-Type %q", o.Name, req.Body, ct)
			}
			want := string(tr.Body)
			if want == "" {
				want = "{}"
			}
			if *req.Body != want {
				t.Fatalf("body %q, want the transcoded input %q", *req.Body, want)
			}
		} else if req.Body != nil || ct != nil {
			t.Fatalf("%s has no body; got body %q, Content-Type %q", o.Name, *req.Body, ct)
		}
		if len(req.Headers) != 1+len(ct) {
			t.Fatalf("unexpected headers %v", req.Headers)
		}
		// What Build makes, Sign accepts.
		if len(req.URL) <= MaxURLBytes && (req.Body == nil || len(*req.Body) <= MaxBodyBytes) {
			if _, err := Sign(req, testOptions()); err != nil {
				t.Fatalf("the built request does not sign: %v", err)
			}
		}
	})
}

// checkEscaped fails unless s has only unreserved bytes (A-Z a-z 0-9 - . _
// ~), '/' when slash is set, and %XX escapes with upper-case hex.
func checkEscaped(t *testing.T, s string, slash bool) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isUnreserved(c), slash && c == '/':
		case c == '%' && i+2 < len(s) && isUpperHex(s[i+1]) && isUpperHex(s[i+2]):
			i += 2
		default:
			t.Fatalf("byte %q at %d of %q is not escaped", c, i, s)
		}
	}
}

func isUpperHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' }

// FuzzEscapeLabel: the label escaper writes only unreserved bytes and %XX
// (and '/' for a greedy label), and url.PathUnescape gives back the value.
func FuzzEscapeLabel(f *testing.F) {
	for _, s := range []string{"", "a", "a/b", "..", ".", "%", "%2F", "~-._", " +&=?#", "\x00\x7f\x80\xff", "é😀", "\xed\xa0\x80", strings.Repeat("/", 10), "a%zz", "日本語/テスト"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, v string, greedy bool) {
		out := escape(v, greedy)
		checkEscaped(t, out, greedy)
		got, err := url.PathUnescape(out)
		if err != nil || got != v {
			t.Fatalf("%q escapes to %q, which unescapes to %q (%v)", v, out, got, err)
		}
		if !greedy && strings.Contains(out, "/") {
			t.Fatalf("a label segment %q contains '/'", out)
		}
	})
}

// Fuzz signing modes, one bit each.
const (
	fuzzPresign = 1 << iota
	fuzzSignBody
	fuzzUnsignedToken
	fuzzSessionToken
	fuzzNoNormalize
	fuzzHasBody
)

// decodeHeaders reads a header map from fuzz bytes: fields separated by
// 0x1e, each a name and a value separated by the first 0x1f; a repeated
// name gets several values, a field without 0x1f is a header without
// values.
func decodeHeaders(data []byte) Header {
	if len(data) == 0 {
		return nil
	}
	h := Header{}
	for _, field := range bytes.Split(data, []byte{0x1e}) {
		name, value, ok := bytes.Cut(field, []byte{0x1f})
		if !ok {
			if _, seen := h[string(name)]; !seen {
				h[string(name)] = []string{}
			}
			continue
		}
		h[string(name)] = append(h[string(name)], string(value))
	}
	return h
}

func encodeHeaders(h Header) []byte {
	var b []byte
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range h {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, v := range h[name] {
			if len(b) > 0 {
				b = append(b, 0x1e)
			}
			b = append(append(append(b, name...), 0x1f), v...)
		}
	}
	return b
}

// FuzzSign signs arbitrary requests (any method, URL, headers and body) in
// every mode (header or presign, signed body, session token signed or not,
// normalized path or not). Sign never panics; a failure is a
// *validate.Error with well-formed problems that never contains the secret
// access key or the session token; a signed request signs again to itself,
// never contains the secret access key, and contains the session token
// only as X-Amz-Security-Token (unless the request itself had it).
func FuzzSign(f *testing.F) {
	f.Add("GET", "https://h/a/./b?x=1", []byte("X-Foo\x1fa\n b"), "", uint8(0))
	f.Add("POST", "https://[::1]:443//x//", []byte("Content-Length\x1f3"), "abc", uint8(fuzzPresign|fuzzHasBody))
	f.Add("PUT", "http://Example.com:80/%E1%88%B4?%E1%88%B4=b", []byte("Host\x1fexample.com"), "x", uint8(fuzzPresign|fuzzHasBody|fuzzSessionToken))
	f.Add("GET", "https://h/", []byte(plantedToken+"\x1fv\x1e"+plantedSecret+"\x1fv"), "", uint8(fuzzSessionToken))
	f.Add("GET", "https://h/", []byte("X-Amz-Security-Token\x1fold\x1eX-Amz-Date\x1fx\x1eAuthorization\x1fy\x1ex-a\x1f1\x1eX-A\x1f2"), "", uint8(fuzzSessionToken|fuzzUnsignedToken|fuzzPresign))
	f.Add("GET", "https://h/?X-Amz-Signature=1&X-Amz-Security-Token=t&a=b", []byte("X-Empty"), "", uint8(fuzzSessionToken|fuzzSignBody|fuzzNoNormalize))
	f.Add("DELETE", "https://user@h/", []byte("Bad Name\x1fv\x1eX-Ok\x1f\x00"), "b", uint8(fuzzHasBody|fuzzSignBody))
	for _, c := range dispatchVectors(f, "signRequest") {
		var r Request
		if r.UnmarshalJSON(c.Input.Request) != nil {
			continue
		}
		mode := uint8(fuzzSessionToken)
		if c.Input.Options.Presign {
			mode |= fuzzPresign
		}
		body := ""
		if r.Body != nil {
			body = *r.Body
			mode |= fuzzHasBody
		}
		f.Add(r.Method, r.URL, encodeHeaders(r.Headers), body, mode)
	}
	f.Fuzz(func(t *testing.T, method, rawURL string, headers []byte, body string, mode uint8) {
		req := Request{Method: method, URL: rawURL, Headers: decodeHeaders(headers)}
		if mode&fuzzHasBody != 0 {
			req.Body = &body
		}
		opts := testOptions()
		opts.Presign = mode&fuzzPresign != 0
		opts.SignBody = mode&fuzzSignBody != 0
		opts.UnsignedSessionToken = mode&fuzzUnsignedToken != 0
		opts.DisablePathNormalization = mode&fuzzNoNormalize != 0
		if mode&fuzzSessionToken != 0 {
			opts.Credentials.SessionToken = plantedToken
		}
		in := method + "\n" + rawURL + "\n" + string(headers) + "\n" + body
		signed, err := Sign(req, opts)
		if err != nil {
			text := checkError(t, err, false)
			if strings.Contains(text, plantedSecret) || strings.Contains(text, plantedToken) {
				t.Fatalf("an error repeats a credential: %s", text)
			}
			return
		}
		out := string(signed.AppendJSON(nil))
		if strings.Contains(out, plantedSecret) && !strings.Contains(in, plantedSecret) {
			t.Fatalf("the signed request contains the secret access key: %s", out)
		}
		if !strings.Contains(in, plantedToken) {
			// Take the token out of its two places; nothing may remain.
			rest := strings.ReplaceAll(signed.URL, "X-Amz-Security-Token="+escape(plantedToken, false), "")
			for name, vals := range signed.Headers {
				for _, v := range vals {
					if name != "X-Amz-Security-Token" {
						rest += "\n" + name + ": " + v
					}
				}
			}
			if signed.Body != nil {
				rest += "\n" + *signed.Body
			}
			if strings.Contains(rest, plantedToken) {
				t.Fatalf("the session token appears outside X-Amz-Security-Token: %s", out)
			}
		}
		again, err := Sign(signed, opts)
		if err != nil {
			t.Fatalf("the signed request does not sign again: %v", err)
		}
		if again2 := string(again.AppendJSON(nil)); again2 != out {
			t.Fatalf("signing again changed the request:\n%s\n%s", out, again2)
		}
	})
}
