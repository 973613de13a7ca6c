package client

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vectorDir holds the AWS SigV4 test suite cases (see its README.md);
// botocoreDir holds cases in the same layout that botocore signed, for
// header values the suite does not cover (tabs).
const (
	vectorDir   = "../../testdata/sigv4"
	botocoreDir = "../../testdata/sigv4-botocore"
)

type vectorContext struct {
	Credentials struct {
		AccessKeyID     string `json:"access_key_id"`
		SecretAccessKey string `json:"secret_access_key"`
		Token           string `json:"token"`
	} `json:"credentials"`
	ExpirationInSeconds int    `json:"expiration_in_seconds"`
	Normalize           bool   `json:"normalize"`
	Region              string `json:"region"`
	Service             string `json:"service"`
	SignBody            bool   `json:"sign_body"`
	Timestamp           string `json:"timestamp"`
	OmitSessionToken    bool   `json:"omit_session_token"`
}

// rawRequest is an HTTP/1.1 request as written in a vector file.
type rawRequest struct {
	method, target string
	headers        [][2]string // in order; a continuation line is appended after "\n"
	body           *string
}

// parseRawRequest reads a request line, "Name:value" header lines (a line
// starting with white space continues the previous value; a name may
// repeat), a blank line and a body.
func parseRawRequest(t *testing.T, text string) rawRequest {
	t.Helper()
	head, body, hasBody := strings.Cut(text, "\n\n")
	if !hasBody {
		head = strings.TrimSuffix(head, "\n")
	}
	lines := strings.Split(head, "\n")
	var r rawRequest
	sp := strings.IndexByte(lines[0], ' ')
	last := strings.LastIndexByte(lines[0], ' ')
	require.True(t, sp > 0 && last > sp, "request line %q", lines[0])
	require.Equal(t, " HTTP/1.1", lines[0][last:])
	r.method, r.target = lines[0][:sp], lines[0][sp+1:last]
	for _, line := range lines[1:] {
		if line != "" && (line[0] == ' ' || line[0] == '\t') {
			require.NotEmpty(t, r.headers, "continuation line before any header")
			r.headers[len(r.headers)-1][1] += "\n" + line
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		require.True(t, ok, "header line %q", line)
		r.headers = append(r.headers, [2]string{name, value})
	}
	if body != "" {
		r.body = &body
	}
	return r
}

func (r rawRequest) header(name string) []string {
	var vs []string
	for _, h := range r.headers {
		if strings.EqualFold(h[0], name) {
			vs = append(vs, h[1])
		}
	}
	return vs
}

// toRequest turns the raw request into a Request for https://<Host><target>.
func (r rawRequest) toRequest(t *testing.T) Request {
	t.Helper()
	hosts := r.header("Host")
	require.Len(t, hosts, 1)
	req := Request{Method: r.method, URL: "https://" + hosts[0] + r.target, Headers: Header{}, Body: r.body}
	for _, h := range r.headers {
		req.Headers.Add(h[0], h[1])
	}
	return req
}

// canonicalValue is a header value as SigV4 compares it: unfolded, trimmed,
// runs of spaces collapsed.
func canonicalValue(v string) string {
	return strings.Join(strings.Fields(v), " ")
}

// headerSet maps lower-case names to canonical values, for comparison.
func headerSet(h map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, vs := range h {
		for _, v := range vs {
			out[strings.ToLower(k)] = append(out[strings.ToLower(k)], canonicalValue(v))
		}
	}
	return out
}

func rawHeaderSet(r rawRequest) map[string][]string {
	out := map[string][]string{}
	for _, h := range r.headers {
		k := strings.ToLower(h[0])
		out[k] = append(out[k], canonicalValue(h[1]))
	}
	return out
}

// queryPairs decodes a raw query into sorted name=value pairs.
func queryPairs(t *testing.T, q string) []string {
	t.Helper()
	var out []string
	if q == "" {
		return out
	}
	for _, p := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(p, "=")
		dk, err := url.QueryUnescape(k)
		require.NoError(t, err)
		dv, err := url.QueryUnescape(v)
		require.NoError(t, err)
		out = append(out, dk+"="+dv)
	}
	slices.Sort(out)
	return out
}

// splitURL returns the path and query of an absolute URL as written.
func splitURL(t *testing.T, s string) (path, query string) {
	t.Helper()
	_, rest, ok := strings.Cut(s, "://")
	require.True(t, ok, s)
	i := strings.IndexByte(rest, '/')
	if i < 0 {
		i = strings.IndexByte(rest, '?')
	}
	if i < 0 {
		return "", ""
	}
	path, query, _ = strings.Cut(rest[i:], "?")
	return path, query
}

func readVectorFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	require.NoError(t, err)
	return string(b)
}

type vectorCase struct {
	name string
	dir  string
	ctx  vectorContext
	req  Request
	opts SignOptions
}

// loadVectors reads the published suite and the botocore cases.
func loadVectors(t *testing.T) []vectorCase {
	t.Helper()
	cases := loadVectorDir(t, vectorDir)
	require.Len(t, cases, 19, "expected the 19 published cases")
	more := loadVectorDir(t, botocoreDir)
	require.Len(t, more, 2, "expected the 2 botocore cases")
	return append(cases, more...)
}

func loadVectorDir(t *testing.T, root string) []vectorCase {
	t.Helper()
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	var cases []vectorCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		var vc vectorContext
		require.NoError(t, json.Unmarshal([]byte(readVectorFile(t, dir, "context.json")), &vc), e.Name())
		ts, err := time.Parse(time.RFC3339, vc.Timestamp)
		require.NoError(t, err)
		raw := parseRawRequest(t, readVectorFile(t, dir, "request.txt"))
		cases = append(cases, vectorCase{
			name: filepath.Base(root) + "/" + e.Name(),
			dir:  dir,
			ctx:  vc,
			req:  raw.toRequest(t),
			opts: SignOptions{
				Credentials: Credentials{
					AccessKeyID:     vc.Credentials.AccessKeyID,
					SecretAccessKey: vc.Credentials.SecretAccessKey,
					SessionToken:    vc.Credentials.Token,
				},
				Region:                   vc.Region,
				Service:                  vc.Service,
				Time:                     ts,
				DisablePathNormalization: !vc.Normalize,
				SignBody:                 vc.SignBody,
				UnsignedSessionToken:     vc.OmitSessionToken,
			},
		})
	}
	return cases
}

// canonicalQueryLine is line 3 of a canonical request file.
func canonicalQueryLine(t *testing.T, dir, name string) string {
	t.Helper()
	lines := strings.Split(readVectorFile(t, dir, name), "\n")
	require.GreaterOrEqual(t, len(lines), 3)
	return lines[2]
}

func TestSigV4VectorsHeader(t *testing.T) {
	for _, vc := range loadVectors(t) {
		t.Run(vc.name, func(t *testing.T) {
			signed, err := Sign(vc.req, vc.opts)
			require.NoError(t, err)

			wantSig := strings.TrimSpace(readVectorFile(t, vc.dir, "header-signature.txt"))
			want := parseRawRequest(t, readVectorFile(t, vc.dir, "header-signed-request.txt"))

			auth := signed.Headers["Authorization"]
			require.Len(t, auth, 1)
			assert.Equal(t, want.header("Authorization"), auth, "Authorization")
			_, gotSig, _ := strings.Cut(auth[0], "Signature=")
			assert.Equal(t, wantSig, gotSig, "signature")

			// Every header that was signed, and nothing else, is listed.
			assert.Equal(t, rawHeaderSet(want), headerSet(signed.Headers), "headers")

			// The wire path is the path as written; the query is the
			// canonical query (the same pairs as the vector's request line).
			gotPath, gotQuery := splitURL(t, signed.URL)
			wantPath, wantQuery, _ := strings.Cut(want.target, "?")
			assert.Equal(t, wantPath, gotPath, "path")
			assert.Equal(t, queryPairs(t, wantQuery), queryPairs(t, gotQuery), "query pairs")
			assert.Equal(t, canonicalQueryLine(t, vc.dir, "header-canonical-request.txt"), gotQuery, "canonical query on the wire")

			assert.Equal(t, vc.req.Method, signed.Method)
			assert.Equal(t, vc.req.Body, signed.Body)
		})
	}
}

func TestSigV4VectorsPresign(t *testing.T) {
	for _, vc := range loadVectors(t) {
		t.Run(vc.name, func(t *testing.T) {
			opts := vc.opts
			opts.Presign = true
			opts.Expires = time.Duration(vc.ctx.ExpirationInSeconds) * time.Second
			signed, err := Sign(vc.req, opts)
			require.NoError(t, err)

			wantSig := strings.TrimSpace(readVectorFile(t, vc.dir, "query-signature.txt"))
			want := parseRawRequest(t, readVectorFile(t, vc.dir, "query-signed-request.txt"))

			gotPath, gotQuery := splitURL(t, signed.URL)
			wantPath, wantQuery, _ := strings.Cut(want.target, "?")
			assert.Equal(t, wantPath, gotPath, "path")
			assert.Equal(t, queryPairs(t, wantQuery), queryPairs(t, gotQuery), "query pairs")

			q, err := url.ParseQuery(gotQuery)
			require.NoError(t, err)
			assert.Equal(t, []string{wantSig}, q["X-Amz-Signature"], "signature")

			// Byte for byte, the wire query is the canonical query plus the
			// signature (plus the token when it is not signed).
			wantWire := canonicalQueryLine(t, vc.dir, "query-canonical-request.txt") + "&X-Amz-Signature=" + wantSig
			if vc.ctx.OmitSessionToken && vc.ctx.Credentials.Token != "" {
				wantWire += "&X-Amz-Security-Token=" + escape(vc.ctx.Credentials.Token, false)
			}
			assert.Equal(t, wantWire, gotQuery, "wire query")

			assert.NotContains(t, signed.Headers, "Authorization")
			assert.NotContains(t, signed.Headers, "X-Amz-Date")
			assert.NotContains(t, signed.Headers, "X-Amz-Content-Sha256")
			assert.Equal(t, rawHeaderSet(want), headerSet(signed.Headers), "headers")
		})
	}
}

// TestSigV4VectorsResign checks that signing a signed request again (same
// options) gives the same request: earlier signature headers and query
// parameters are replaced, not signed.
func TestSigV4VectorsResign(t *testing.T) {
	for _, vc := range loadVectors(t) {
		for _, presign := range []bool{false, true} {
			opts := vc.opts
			opts.Presign = presign
			opts.Expires = time.Duration(vc.ctx.ExpirationInSeconds) * time.Second
			first, err := Sign(vc.req, opts)
			require.NoError(t, err, vc.name)
			again, err := Sign(first, opts)
			require.NoError(t, err, vc.name)
			assert.Equal(t, first, again, "%s presign=%v", vc.name, presign)
		}
	}
}
