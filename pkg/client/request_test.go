package client

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

func strptr(s string) *string { return &s }

func TestRequestJSONEncoding(t *testing.T) {
	for _, tc := range []struct {
		name string
		req  Request
		want string
	}{
		{
			name: "no headers, absent body",
			req:  Request{Method: "GET", URL: "https://h/"},
			want: `{"method":"GET","url":"https://h/","headers":{}}`,
		},
		{
			name: "empty body is present",
			req:  Request{Method: "POST", URL: "https://h/", Headers: Header{}, Body: strptr("")},
			want: `{"method":"POST","url":"https://h/","headers":{},"body":""}`,
		},
		{
			name: "single and repeated headers, sorted and canonical",
			req: Request{Method: "GET", URL: "https://h/", Headers: Header{
				"x-amz-date":    {"20150830T123600Z"},
				"Authorization": {"AWS4-HMAC-SHA256 ..."},
				"X-Multi":       {"a", "b"},
				"content-type":  {"application/json"},
				"X-None":        {},
			}},
			want: `{"method":"GET","url":"https://h/","headers":{"Authorization":"AWS4-HMAC-SHA256 ...","Content-Type":"application/json","X-Amz-Date":"20150830T123600Z","X-Multi":["a","b"],"X-None":[]}}`,
		},
		{
			name: "names differing in case are merged",
			req:  Request{Method: "GET", URL: "https://h/", Headers: Header{"x-foo": {"2"}, "X-Foo": {"1"}}},
			want: `{"method":"GET","url":"https://h/","headers":{"X-Foo":["1","2"]}}`,
		},
		{
			name: "escaping",
			req:  Request{Method: "GET", URL: "https://h/\"q\"\\", Body: strptr("line1\nline2\r\t\b\f\x00\x1f</script>&")},
			want: `{"method":"GET","url":"https://h/\"q\"\\","headers":{},"body":"line1\nline2\r\t\b\f\u0000\u001f</script>&"}`,
		},
		{
			name: "unicode",
			req:  Request{Method: "GET", URL: "https://h/ሴ", Body: strptr("é😀\u2028\u2029")},
			want: `{"method":"GET","url":"https://h/ሴ","headers":{},"body":"é😀\u2028\u2029"}`,
		},
		{
			name: "invalid UTF-8 becomes U+FFFD",
			req:  Request{Method: "GET", URL: "https://h/", Body: strptr("a\xffb\xc3")},
			want: `{"method":"GET","url":"https://h/","headers":{},"body":"a\ufffdb\ufffd"}`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.req.MarshalJSON()
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
			assert.True(t, json.Valid(got))
			assert.Equal(t, "prefix"+tc.want, string(tc.req.AppendJSON([]byte("prefix"))))

			// encoding/json uses MarshalJSON too (its HTML escaping off).
			var viaStd bytes.Buffer
			enc := json.NewEncoder(&viaStd)
			enc.SetEscapeHTML(false)
			require.NoError(t, enc.Encode(tc.req))
			assert.Equal(t, tc.want+"\n", viaStd.String())
		})
	}
}

func TestRequestJSONRoundTrip(t *testing.T) {
	for _, req := range []Request{
		{Method: "GET", URL: "https://h/"},
		{Method: "POST", URL: "https://h/a%20b?x=1", Headers: Header{"Content-Type": {"application/json"}}, Body: strptr(`{"a":"\"b\"\n"}`)},
		{Method: "GET", URL: "https://h/", Headers: Header{"X-Multi": {"a", "b", "c"}, "X-One": {"ሴ 😀"}, "X-Empty": {""}}},
		{Method: "PUT", URL: "https://h/", Headers: Header{"X-Ctl": {"\x01\u2028"}}, Body: strptr("")},
	} {
		data, err := req.MarshalJSON()
		require.NoError(t, err)
		var back Request
		require.NoError(t, back.UnmarshalJSON(data), string(data))
		if req.Headers == nil {
			req.Headers = Header{}
		}
		assert.Equal(t, req, back, string(data))

		// encoding/json calls UnmarshalJSON.
		var viaStd Request
		require.NoError(t, json.Unmarshal(data, &viaStd))
		assert.Equal(t, req, viaStd)
	}
}

func TestRequestJSONDecoding(t *testing.T) {
	var r Request
	require.NoError(t, r.UnmarshalJSON([]byte(` { "url" : "https://h/" , "method":"GET",
		"headers": {"x-amz-date": "d", "X-Multi": ["a", "b"], "x-escaped\u0041": "\ud83d\ude00\u00e9\/"},
		"body": null } `)))
	assert.Equal(t, Request{
		Method: "GET",
		URL:    "https://h/",
		Headers: Header{
			"X-Amz-Date": {"d"},
			"X-Multi":    {"a", "b"},
			"X-Escapeda": {"😀é/"},
		},
	}, r)

	require.NoError(t, r.UnmarshalJSON([]byte(`{"method":"GET","url":"u","headers":null,"body":"b"}`)))
	assert.Nil(t, r.Headers)
	assert.Equal(t, strptr("b"), r.Body)
}

func TestRequestJSONDecodingErrors(t *testing.T) {
	deep := `{"method":"GET","url":"u","x":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`
	for _, tc := range []struct {
		name, in string
		want     []pathCode
	}{
		{"empty", ``, []pathCode{{"", validate.CodeSyntax}}},
		{"not an object", `["GET"]`, []pathCode{{"", validate.CodeType}}},
		{"string", `"GET"`, []pathCode{{"", validate.CodeType}}},
		{"missing members", `{}`, []pathCode{{"/method", validate.CodeRequired}, {"/url", validate.CodeRequired}}},
		{"method null", `{"method":null,"url":"u"}`, []pathCode{{"/method", validate.CodeRequired}}},
		{"method number", `{"method":1,"url":"u"}`, []pathCode{{"/method", validate.CodeType}}},
		{"url object", `{"method":"GET","url":{"a":[1,true,null]}}`, []pathCode{{"/url", validate.CodeType}}},
		{"duplicate member", `{"method":"GET","url":"u","method":"POST"}`, []pathCode{{"/method", validate.CodeDuplicate}}},
		{"unknown member", `{"method":"GET","url":"u","Method":"x"}`, []pathCode{{"/Method", validate.CodeUnknown}}},
		{"unknown member escaped", `{"method":"GET","url":"u","a/b~":1}`, []pathCode{{"/a~1b~0", validate.CodeUnknown}}},
		{"headers array", `{"method":"GET","url":"u","headers":[]}`, []pathCode{{"/headers", validate.CodeType}}},
		{"header number", `{"method":"GET","url":"u","headers":{"X-Foo":1}}`, []pathCode{{"/headers/X-Foo", validate.CodeType}}},
		{"header null", `{"method":"GET","url":"u","headers":{"X-Foo":null}}`, []pathCode{{"/headers/X-Foo", validate.CodeType}}},
		{"header object", `{"method":"GET","url":"u","headers":{"X-Foo":{}}}`, []pathCode{{"/headers/X-Foo", validate.CodeType}}},
		{"header element", `{"method":"GET","url":"u","headers":{"X-Foo":["a",2,"c",["d"]]}}`, []pathCode{{"/headers/X-Foo/1", validate.CodeType}, {"/headers/X-Foo/3", validate.CodeType}}},
		{"header duplicate", `{"method":"GET","url":"u","headers":{"x-foo":"a","X-Foo":"b"}}`, []pathCode{{"/headers/X-Foo", validate.CodeDuplicate}}},
		{"header name with slash", `{"method":"GET","url":"u","headers":{"a/b":false}}`, []pathCode{{"/headers", validate.CodeType}}},
		{"header name with tilde", `{"method":"GET","url":"u","headers":{"a~b":false}}`, []pathCode{{"/headers/a~0b", validate.CodeType}}},
		{"body number", `{"method":"GET","url":"u","body":12}`, []pathCode{{"/body", validate.CodeType}}},
		{"several", `{"method":true,"headers":{"A":1},"body":[],"zz":0}`, []pathCode{
			{"/method", validate.CodeType}, {"/headers/A", validate.CodeType}, {"/body", validate.CodeType}, {"/zz", validate.CodeUnknown}, {"/url", validate.CodeRequired},
		}},
		{"invalid UTF-8 in header value", "{\"method\":\"GET\",\"url\":\"u\",\"headers\":{\"X-Foo\":\"a\xffb\"}}", []pathCode{{"", validate.CodeSyntax}}},
		{"invalid UTF-8 in name", "{\"method\":\"GET\",\"url\":\"u\",\"headers\":{\"X-\xc3\":\"a\"}}", []pathCode{{"", validate.CodeSyntax}}},
		{"invalid UTF-8 after escape", "{\"method\":\"GET\",\"url\":\"\\n\xed\xa0\x80\"}", []pathCode{{"", validate.CodeSyntax}}},
		// A lone surrogate is "invalid" at its string, as the validator and
		// the dispatcher's envelope report it; it never decodes to U+FFFD.
		{"lone surrogate", `{"method":"GET","url":"\ud800"}`, []pathCode{{"/url", validate.CodeInvalid}}},
		{"reversed surrogates", `{"method":"GET","url":"\udc00\ud800"}`, []pathCode{{"/url", validate.CodeInvalid}}},
		{"lone surrogate in a header value", `{"method":"GET","url":"https://h/","headers":{"X-A":"\udc00"}}`, []pathCode{{"/headers/X-A", validate.CodeInvalid}}},
		{"lone surrogate in the body", `{"method":"GET","url":"https://h/","body":"a\ud800"}`, []pathCode{{"/body", validate.CodeInvalid}}},
		{"lone surrogate in a member name", `{"method":"GET","url":"https://h/","\udc00":1}`, []pathCode{{"/\ufffd", validate.CodeInvalid}}},
		{"bad escape", `{"method":"GET","url":"\x"}`, []pathCode{{"", validate.CodeSyntax}}},
		{"bad unicode escape", `{"method":"GET","url":"\u12G4"}`, []pathCode{{"", validate.CodeSyntax}}},
		{"raw newline in string", "{\"method\":\"GET\",\"url\":\"a\nb\"}", []pathCode{{"", validate.CodeSyntax}}},
		{"unterminated string", `{"method":"GET","url":"abc`, []pathCode{{"", validate.CodeSyntax}}},
		{"missing colon", `{"method" "GET"}`, []pathCode{{"", validate.CodeSyntax}}},
		{"trailing comma", `{"method":"GET","url":"u",}`, []pathCode{{"", validate.CodeSyntax}}},
		{"trailing data", `{"method":"GET","url":"u"} x`, []pathCode{{"", validate.CodeSyntax}}},
		{"trailing NUL", "{\"method\":\"GET\",\"url\":\"u\"}\x00", []pathCode{{"", validate.CodeSyntax}}},
		{"two objects", `{"method":"GET","url":"u"}{}`, []pathCode{{"", validate.CodeSyntax}}},
		{"bad number", `{"method":"GET","url":"u","x":01}`, []pathCode{{"", validate.CodeSyntax}}},
		{"bad literal", `{"method":"GET","url":"u","x":nul}`, []pathCode{{"", validate.CodeSyntax}}},
		{"deep nesting", deep, []pathCode{{"/x", validate.CodeUnknown}, {"/x", validate.CodeLimit}}},
		{"syntax error drops other problems", `{"method":1,"url":`, []pathCode{{"", validate.CodeSyntax}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Request{Method: "unchanged"}
			err := r.UnmarshalJSON([]byte(tc.in))
			ps := problemsOf(t, err)
			assert.Equal(t, tc.want, pathCodes(ps))
			for _, p := range ps {
				assert.True(t, strings.HasSuffix(p.Message, "."), p.Message)
			}
			assert.Equal(t, Request{Method: "unchanged"}, r, "not modified on error")
		})
	}
}

func TestRequestJSONSyntaxMessage(t *testing.T) {
	var r Request
	err := r.UnmarshalJSON([]byte("{\n  \"method\": \"GET\",\n  \"url\": x\n}"))
	assert.EqualError(t, err, "Invalid JSON at line 3, column 10: expected a JSON value, found 'x'.")
}

func TestHeaderMethods(t *testing.T) {
	h := Header{}
	h.Set("content-type", "a")
	h.Add("x-multi", "1")
	h.Add("X-MULTI", "2")
	assert.Equal(t, "a", h.Get("Content-Type"))
	assert.Equal(t, []string{"1", "2"}, h.Values("x-multi"))
	h.Del("CONTENT-TYPE")
	assert.Equal(t, "", h.Get("content-type"))
	assert.Equal(t, Header{"X-Multi": {"1", "2"}}, h)
}

func TestHTTPRequest(t *testing.T) {
	body := `{"a":1}`
	req := Request{
		Method: "POST",
		URL:    "https://h:8443/a%2Fb/c?x=%20y&z",
		Headers: Header{
			"Host":           {"h:8443"},
			"Content-Length": {"7"},
			"content-type":   {"application/json"},
			"X-Multi":        {"1", "2"},
		},
		Body: &body,
	}
	hr, err := req.HTTPRequest(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "POST", hr.Method)
	assert.Equal(t, "/a%2Fb/c?x=%20y&z", hr.URL.RequestURI())
	assert.Equal(t, "h:8443", hr.Host)
	assert.Equal(t, int64(7), hr.ContentLength)
	assert.Equal(t, http.Header{"Content-Type": {"application/json"}, "X-Multi": {"1", "2"}}, hr.Header)
	b, err := io.ReadAll(hr.Body)
	require.NoError(t, err)
	assert.Equal(t, body, string(b))
	require.NotNil(t, hr.GetBody)

	back, err := RequestFromHTTP(hr)
	require.NoError(t, err)
	assert.Equal(t, Request{
		Method:  "POST",
		URL:     "https://h:8443/a%2Fb/c?x=%20y&z",
		Headers: Header{"Content-Type": {"application/json"}, "X-Multi": {"1", "2"}},
		Body:    &body,
	}, back)

	noBody, err := Request{Method: "GET", URL: "https://h"}.HTTPRequest(context.Background())
	require.NoError(t, err)
	assert.Nil(t, noBody.Body)
	assert.Equal(t, "/", noBody.URL.RequestURI())
}

func TestHTTPRequestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		req  Request
		want []pathCode
	}{
		{"space in path", Request{Method: "GET", URL: "https://h/a b"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"utf-8 in path", Request{Method: "GET", URL: "https://h/ሴ"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"utf-8 in query", Request{Method: "GET", URL: "https://h/?ሴ=1"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"brace in path", Request{Method: "GET", URL: "https://h/{x}"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"relative", Request{Method: "GET", URL: "/x"}, []pathCode{{"/url", validate.CodeInvalid}}},
		{"bad method", Request{Method: "G T", URL: "https://h/"}, []pathCode{{"/method", validate.CodeInvalid}}},
		{"folded value", Request{Method: "GET", URL: "https://h/", Headers: Header{"X-A": {"a\n b"}}}, []pathCode{{"/headers/X-A", validate.CodeInvalid}}},
		{"bad name", Request{Method: "GET", URL: "https://h/", Headers: Header{"X A": {"a"}}}, []pathCode{{"/headers", validate.CodeInvalid}}},
		{"length mismatch", Request{Method: "GET", URL: "https://h/", Headers: Header{"Content-Length": {"1"}}}, []pathCode{{"/headers/Content-Length", validate.CodeInvalid}}},
		{"bad host", Request{Method: "GET", URL: "https://h/", Headers: Header{"Host": {"a b"}}}, []pathCode{{"/headers/Host", validate.CodeInvalid}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.req.HTTPRequest(context.Background())
			assert.Equal(t, tc.want, pathCodes(problemsOf(t, err)))
		})
	}
	//lint:ignore SA1012 checking that a nil context is an error, not a panic
	_, err := Request{Method: "GET", URL: "https://h/"}.HTTPRequest(nil) //nolint:staticcheck
	assert.Error(t, err)
}

func TestRequestFromHTTP(t *testing.T) {
	// A body without GetBody is read once and replaced.
	hr, err := http.NewRequest("PUT", "https://h/x", io.NopCloser(bytes.NewReader([]byte("data"))))
	require.NoError(t, err)
	hr.Host = "other"
	hr.Header["x-lower"] = []string{"v"}
	r, err := RequestFromHTTP(hr)
	require.NoError(t, err)
	assert.Equal(t, Request{Method: "PUT", URL: "https://h/x", Headers: Header{"Host": {"other"}, "X-Lower": {"v"}}, Body: strptr("data")}, r)
	b, err := io.ReadAll(hr.Body)
	require.NoError(t, err)
	assert.Equal(t, "data", string(b), "body still readable")

	hr, err = http.NewRequest("GET", "https://h/ignored?q=1", nil)
	require.NoError(t, err)
	hr.URL.Opaque = "//h/a%2Fb"
	r, err = RequestFromHTTP(hr)
	require.NoError(t, err)
	assert.Equal(t, "https://h/a%2Fb?q=1", r.URL)
	assert.Nil(t, r.Body)

	_, err = RequestFromHTTP(nil)
	assert.Equal(t, []pathCode{{"", validate.CodeRequired}}, pathCodes(problemsOf(t, err)))
}

// FuzzRequestJSON checks that decoding never panics, reports problems in
// the shared shape, and that whatever decodes encodes back to the same
// Request.
func FuzzRequestJSON(f *testing.F) {
	f.Add([]byte(`{"method":"GET","url":"https://h/","headers":{"X-A":["1","2"],"B":"c"},"body":"\u00e9"}`))
	f.Add([]byte(`{"method":1,"headers":{"x":"1","X":"2"},"extra":[[[{}]]]}`))
	f.Add([]byte(`{"url":"\ud83d\ude00","method":"\u0000"}`))
	f.Add([]byte(`{"method":"GET","url":"https://h/","headers":{"a/b":[1],"X-A":"\ud800"},"body":null}`))
	f.Add([]byte("{\"method\":\"GET\",\"url\":\"\xff\"}"))
	for _, c := range dispatchVectors(f, "signRequest") {
		f.Add([]byte(c.Input.Request))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Request
		if err := r.UnmarshalJSON(data); err != nil {
			problemsOf(t, err)
			return
		}
		out := r.AppendJSON(nil)
		require.True(t, json.Valid(out), "%q", out)
		var back Request
		require.NoError(t, back.UnmarshalJSON(out), "%q", out)
		if r.Headers == nil {
			r.Headers = Header{}
		}
		assert.Equal(t, r, back)
	})
}

// TestIPv6Hosts: bracketed hosts are IPv6 addresses as net/netip reads
// them; anything else in brackets is refused.
func TestIPv6Hosts(t *testing.T) {
	for host, ok := range map[string]bool{
		"[::1]": true, "[::1]:8443": true, "[2001:db8::1]": true, "[::ffff:192.0.2.1]": true,
		"[:::::]": false, "[1::2::3]": false, "[192.0.2.1]": false, "[]": false, "[::1%25en0]": false, "[fffff::]": false,
	} {
		if got := validHostPort(host); got != ok {
			t.Errorf("validHostPort(%q) = %v, want %v", host, got, ok)
		}
	}
}
