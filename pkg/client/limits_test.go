package client

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// manyHeaders returns n single-valued headers X-H0 ... X-H{n-1}.
func manyHeaders(n int) Header {
	h := Header{}
	for i := range n {
		h["X-H"+strconv.Itoa(i)] = []string{"v"}
	}
	return h
}

// TestSignLimits: each limit is refused with code "limit" at its exact path,
// with a message that names the limit; one byte (or field) less is signed.
func TestSignLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	base := "https://h/"
	bigBody, maxBody := long(MaxBodyBytes+1), long(MaxBodyBytes)
	for _, tc := range []struct {
		name    string
		req     Request
		path    string // "" when the request is within the limits
		message string // a part of the message
	}{
		{"url at the limit", Request{Method: "GET", URL: base + long(MaxURLBytes-len(base))}, "", ""},
		{"url over the limit", Request{Method: "GET", URL: base + long(MaxURLBytes-len(base)+1)}, "/url", "the limit is 8192 bytes (client.MaxURLBytes)"},
		{"url far over the limit", Request{Method: "GET", URL: "https://h/" + long(10<<20)}, "/url", "The url is 10485770 bytes long"},
		{"headers at the limit", Request{Method: "GET", URL: base, Headers: manyHeaders(MaxHeaders)}, "", ""},
		{"headers over the limit", Request{Method: "GET", URL: base, Headers: manyHeaders(MaxHeaders + 1)}, "/headers", "101 header fields; the limit is 100 (client.MaxHeaders"},
		{"repeated values count", Request{Method: "GET", URL: base, Headers: Header{"X-A": make([]string, MaxHeaders+1)}}, "/headers", "the limit is 100"},
		{"headers without values count", Request{Method: "GET", URL: base, Headers: func() Header {
			h := manyHeaders(MaxHeaders)
			h["X-Empty"] = nil
			return h
		}()}, "/headers", "the limit is 100"},
		{"value at the limit", Request{Method: "GET", URL: base, Headers: Header{"X-Foo": {long(MaxHeaderValueBytes)}}}, "", ""},
		{"value over the limit", Request{Method: "GET", URL: base, Headers: Header{"X-Foo": {long(MaxHeaderValueBytes + 1)}}}, "/headers/X-Foo", "the limit is 16384 bytes for one value (client.MaxHeaderValueBytes)"},
		{"second value over the limit", Request{Method: "GET", URL: base, Headers: Header{"X-Foo": {"a", long(MaxHeaderValueBytes + 1)}}}, "/headers/X-Foo/1", "client.MaxHeaderValueBytes"},
		{"total over the limit", Request{Method: "GET", URL: base, Headers: Header{
			"X-A": {long(MaxHeaderValueBytes)}, "X-B": {long(MaxHeaderValueBytes)}, "X-C": {long(MaxHeaderValueBytes)}, "X-D": {long(MaxHeaderValueBytes)},
		}}, "/headers", "the limit is 65536 bytes (client.MaxHeaderBytes)"},
		{"body at the limit", Request{Method: "POST", URL: base, Body: &maxBody}, "", ""},
		{"body over the limit", Request{Method: "POST", URL: base, Body: &bigBody}, "/body", "The body is 1048577 bytes; the limit is 1048576 bytes (client.MaxBodyBytes)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, presign := range []bool{false, true} {
				opts := testOptions()
				opts.Presign = presign
				_, err := Sign(tc.req, opts)
				if tc.path == "" {
					require.NoError(t, err)
					continue
				}
				ps := problemsOf(t, err)
				require.Len(t, ps, 1, "%+v", ps)
				assert.Equal(t, tc.path, ps[0].Path)
				assert.Equal(t, validate.CodeLimit, ps[0].Code)
				assert.Contains(t, ps[0].Message, tc.message)
			}
		})
	}
}

// TestSignLimitsWithOtherProblems: a limit does not hide the problems of
// the other parts of the request.
func TestSignLimitsWithOtherProblems(t *testing.T) {
	body := strings.Repeat("b", MaxBodyBytes+1)
	_, err := Sign(Request{Method: "G T", URL: "https://h/" + strings.Repeat("a", MaxURLBytes), Headers: manyHeaders(200), Body: &body}, testOptions())
	assert.Equal(t, []pathCode{
		{"/body", validate.CodeLimit}, {"/headers", validate.CodeLimit}, {"/method", validate.CodeInvalid}, {"/url", validate.CodeLimit},
	}, pathCodes(problemsOf(t, err)))
}

func TestSignHTTPLimits(t *testing.T) {
	hr, err := http.NewRequest("GET", "https://h/"+strings.Repeat("a", MaxURLBytes), nil)
	require.NoError(t, err)
	assert.Equal(t, []pathCode{{"/url", validate.CodeLimit}}, pathCodes(problemsOf(t, SignHTTP(hr, "", testOptions()))))
	hr, err = http.NewRequest("GET", "https://h/", nil)
	require.NoError(t, err)
	hr.Header = http.Header(manyHeaders(MaxHeaders + 1))
	assert.Equal(t, []pathCode{{"/headers", validate.CodeLimit}}, pathCodes(problemsOf(t, SignHTTP(hr, "", testOptions()))))
	hr.Header = http.Header{"X-Foo": {strings.Repeat("v", MaxHeaderValueBytes+1)}}
	assert.Equal(t, []pathCode{{"/headers/X-Foo", validate.CodeLimit}}, pathCodes(problemsOf(t, SignHTTP(hr, "", testOptions()))))
}

// TestSignNeverRepeatsSecretHeaderNames: a header name is repeated in a
// problem (path and message) only when it is a valid token of at most 64
// bytes without a credential in it; any other name is reported at
// "/headers" without being repeated.
func TestSignNeverRepeatsSecretHeaderNames(t *testing.T) {
	// A secret access key without '/' is a valid header name.
	const tokenSecret = "PLANTEDsecretKEY8d1eZq0wXyVbN3mLk7Jh5Gf0"
	require.True(t, validToken(tokenSecret))
	opts := testOptions()
	opts.Credentials.SecretAccessKey = tokenSecret
	opts.Credentials.SessionToken = plantedToken
	long := "X-" + strings.Repeat("L", 70)
	for _, tc := range []struct {
		name string
		hdr  Header
		want []pathCode
	}{
		{"secret as a name with a bad value", Header{tokenSecret: {"a\x00"}}, []pathCode{{"/headers", validate.CodeInvalid}}},
		{"secret inside a name, duplicated", Header{"X-" + tokenSecret: {"a"}, "x-" + strings.ToLower(tokenSecret): {"b"}}, []pathCode{{"/headers", validate.CodeDuplicate}}},
		{"secret name twice, both withheld", Header{"X-" + tokenSecret: {"a"}, "X-" + tokenSecret + "\x00": {"b"}, "x-" + tokenSecret: {"c"}}, []pathCode{
			{"/headers", validate.CodeDuplicate}, {"/headers", validate.CodeInvalid},
		}},
		{"token with slashes as a name", Header{plantedToken: {"v"}}, []pathCode{{"/headers", validate.CodeInvalid}}},
		{"secret with a slash as a name", Header{plantedSecret: {"v"}, "Also Bad": {"v"}}, []pathCode{{"/headers", validate.CodeInvalid}}},
		{"long name with a bad value", Header{long: {"\n"}}, []pathCode{{"/headers", validate.CodeInvalid}}},
		{"long value under a secret name", Header{"X-" + tokenSecret: {strings.Repeat("v", MaxHeaderValueBytes+1)}}, []pathCode{{"/headers", validate.CodeLimit}}},
		{"secret as the Host", Header{"Host": {tokenSecret}}, []pathCode{{"/headers/Host", validate.CodeInvalid}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, presign := range []bool{false, true} {
				o := opts
				o.Presign = presign
				_, err := Sign(Request{Method: "GET", URL: "https://h/", Headers: tc.hdr}, o)
				ps := problemsOf(t, err)
				assert.Equal(t, tc.want, pathCodes(ps))
				text := err.Error()
				for _, p := range ps {
					text += p.Path + p.Message
				}
				assert.NotContains(t, text, "PLANTED")
				assert.NotContains(t, strings.ToLower(text), strings.ToLower(tokenSecret)[:20])
				assert.NotContains(t, text, long)
			}
		})
	}
	// The URL's host is not repeated when it holds a secret either.
	_, err := Sign(Request{Method: "GET", URL: "https://" + tokenSecret + "/", Headers: Header{"Host": {"other"}}}, opts)
	assert.NotContains(t, err.Error(), "PLANTED")
	_, err = Sign(Request{Method: "GET", URL: "https://example.com/", Headers: Header{"Host": {"other"}}}, opts)
	assert.Contains(t, err.Error(), "(example.com)", "an ordinary host is named")
	// Decoding: a name that is not a token, or is long, is not repeated.
	var r Request
	err = r.UnmarshalJSON([]byte(`{"method":"GET","url":"https://h/","headers":{"` + plantedSecret + `":1,"` + long + `":[2],"X-Ok":{}}}`))
	ps := problemsOf(t, err)
	assert.Equal(t, []pathCode{{"/headers", validate.CodeType}, {"/headers", validate.CodeType}, {"/headers/X-Ok", validate.CodeType}}, pathCodes(ps))
	assert.NotContains(t, err.Error(), "PLANTED")
	assert.NotContains(t, err.Error(), long)
	// HTTPRequest likewise.
	_, err = Request{Method: "GET", URL: "https://h/", Headers: Header{plantedSecret: {"v"}, long: {"\x00"}}}.HTTPRequest(t.Context())
	assert.Equal(t, []pathCode{{"/headers", validate.CodeInvalid}, {"/headers", validate.CodeInvalid}}, pathCodes(problemsOf(t, err)))
	assert.NotContains(t, err.Error(), "PLANTED")
}
