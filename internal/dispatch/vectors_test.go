package dispatch_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// update regenerates the generated case files and every golden output:
//
//	go test ./internal/dispatch/ -run Vectors -update
var update = flag.Bool("update", false, "regenerate testdata/vectors (cases and golden outputs)")

const (
	vectorDir = "../../testdata/vectors"
	testdata  = "../../testdata"
)

// TestVectors runs every case of the shared suite natively and compares the
// output byte for byte with its golden file.
func TestVectors(t *testing.T) {
	if *update {
		writeVectors(t)
	}
	cases, err := dispatchtest.Load(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 100 {
		t.Fatalf("only %d cases in %s", len(cases), vectorDir)
	}
	for _, c := range cases {
		got := dispatch.Handle(c.Function, c.Input)
		if c.Want == nil {
			t.Errorf("%s: no golden output; run go test ./internal/dispatch/ -run Vectors -update", c.Name)
			continue
		}
		if !bytes.Equal(got, c.Want) {
			t.Errorf("%s: output differs from %s\n got: %s\nwant: %s", c.Name, filepath.Base(dispatchtest.OutFile(c.File)), got, c.Want)
		}
		if !json.Valid(got) {
			t.Errorf("%s: output is not JSON: %s", c.Name, got)
		}
	}
}

// TestVectorsUpToDate checks that the generated cases on disk are the ones
// the sources (testdata/operations, invalid, auth, sigv4) give today.
func TestVectorsUpToDate(t *testing.T) {
	for _, g := range generateCases(t) {
		file := filepath.Join(vectorDir, g.name+".json")
		have, err := os.ReadFile(file)
		if err != nil || !bytes.Equal(have, g.file(t)) {
			t.Errorf("%s is missing or stale; run go test ./internal/dispatch/ -run Vectors -update", file)
		}
	}
}

// TestVectorsAgreeWithSources checks the goldens against what the sources
// say independently: the problems listed in testdata/invalid and the
// signatures of the AWS SigV4 suite.
func TestVectorsAgreeWithSources(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testdata, "invalid", "*.json"))
	if len(files) == 0 {
		t.Fatal("no cases in testdata/invalid")
	}
	for _, f := range files {
		var src struct {
			Problems []validate.Problem `json:"problems"`
		}
		readJSON(t, f, &src)
		name := "validate-invalid-" + strings.TrimSuffix(filepath.Base(f), ".json")
		var out struct {
			Result struct {
				Valid  bool               `json:"valid"`
				Errors []validate.Problem `json:"errors"`
			} `json:"result"`
		}
		readJSON(t, filepath.Join(vectorDir, name+".out.json"), &out)
		// testdata/invalid lists paths, codes and messages; cases given as
		// text carry ranges too (checked by the text vectors).
		for i := range out.Result.Errors {
			out.Result.Errors[i].Range = validate.Range{}
		}
		if out.Result.Valid || !slices.Equal(out.Result.Errors, src.Problems) {
			t.Errorf("%s: problems %+v, testdata/invalid says %+v", name, out.Result.Errors, src.Problems)
		}
	}
	for _, suite := range sigv4Suites {
		dirs, _ := filepath.Glob(filepath.Join(testdata, suite.dir, "*", "context.json"))
		if len(dirs) == 0 {
			t.Fatal("no SigV4 cases in testdata/" + suite.dir)
		}
		for _, ctx := range dirs {
			checkSignVector(t, suite.prefix, filepath.Dir(ctx))
		}
	}
}

// sigv4Suites are the folders of SigV4 cases (the published AWS suite, and
// botocore's signatures of values with tabs) and their vectors' prefix.
var sigv4Suites = []struct{ dir, prefix string }{
	{"sigv4", "sign-"},
	{"sigv4-botocore", "sign-botocore-"},
}

func checkSignVector(t *testing.T, prefix, dir string) {
	t.Helper()
	for _, mode := range []string{"header", "query"} {
		sig := strings.TrimSpace(readFile(t, filepath.Join(dir, mode+"-signature.txt")))
		name := prefix + filepath.Base(dir) + "-" + mode
		out := readFile(t, filepath.Join(vectorDir, name+".out.json"))
		want := "Signature=" + sig
		if mode == "query" {
			want = "X-Amz-Signature=" + sig
		}
		if !strings.HasPrefix(out, `{"result":`) || !strings.Contains(out, want) {
			t.Errorf("%s: output does not carry the suite's signature %s: %s", name, sig, out)
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(readFile(t, name)), v); err != nil {
		t.Fatal(name, err)
	}
}

// genCase is a generated case: input is a JSON text (any formatting; the
// case carries it compacted), or text is the exact dispatcher input.
type genCase struct {
	name, function string
	input          string
	text           *string
}

// file is the case file's content: {"name", "function", "inputText"},
// indented by two spaces, with a final newline. inputText is the exact
// dispatcher input every host passes.
func (g genCase) file(t *testing.T) []byte {
	t.Helper()
	text := g.text
	if text == nil {
		var c bytes.Buffer
		if err := json.Compact(&c, []byte(g.input)); err != nil {
			t.Fatal(g.name, err)
		}
		text = str(c.String())
	}
	if !utf8.ValidString(*text) {
		t.Fatalf("%s: the input is not UTF-8", g.name)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(struct {
		Name      string `json:"name"`
		Function  string `json:"function"`
		InputText string `json:"inputText"`
	}{g.name, g.function, *text})
	if err != nil {
		t.Fatal(g.name, err)
	}
	return out.Bytes()
}

// jsString is s as a JSON string (U+2028 and U+2029 escaped, <, > and &
// not).
func jsString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// writeVectors writes the generated cases, then the golden output of every
// case on disk (generated or written by hand).
func writeVectors(t *testing.T) {
	if err := os.MkdirAll(vectorDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, g := range generateCases(t) {
		if err := os.WriteFile(filepath.Join(vectorDir, g.name+".json"), g.file(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases, err := dispatchtest.Load(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if err := os.WriteFile(dispatchtest.OutFile(c.File), dispatch.Handle(c.Function, c.Input), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func str(s string) *string { return &s }

// generateCases returns the generated part of the suite.
func generateCases(t *testing.T) []genCase {
	t.Helper()
	var cs []genCase
	add := func(name, function, input string) {
		cs = append(cs, genCase{name: name, function: function, input: input})
	}
	addText := func(name, function, text string) {
		cs = append(cs, genCase{name: name, function: function, text: str(text)})
	}

	// validate and buildRequest for every operation's example input.
	ops, _ := filepath.Glob(filepath.Join(testdata, "operations", "*.json"))
	if len(ops) != 31 {
		t.Fatalf("%d operation inputs in testdata/operations, want 31", len(ops))
	}
	for _, f := range ops {
		op := strings.TrimSuffix(filepath.Base(f), ".json")
		in := readFile(t, f)
		add("validate-"+op, "validate", `{"operation":`+jsString(op)+`,"input":`+in+`}`)
		add("build-"+op, "buildRequest", `{"operation":`+jsString(op)+`,"input":`+in+`,"options":{"region":"us-east-1"}}`)
	}

	// validate / validateAuthConfig for every invalid input of testdata/invalid.
	invalid, _ := filepath.Glob(filepath.Join(testdata, "invalid", "*.json"))
	if len(invalid) == 0 {
		t.Fatal("no cases in testdata/invalid")
	}
	for _, f := range invalid {
		var src struct {
			Operation string          `json:"operation"`
			Shape     string          `json:"shape"`
			Raw       *string         `json:"raw"`
			Input     json.RawMessage `json:"input"`
		}
		readJSON(t, f, &src)
		name := "validate-invalid-" + strings.TrimSuffix(filepath.Base(f), ".json")
		var head, value string
		switch {
		case src.Operation != "":
			head = `{"operation":` + jsString(src.Operation)
		case src.Shape == "CreateBackendAuthResourceConfig":
			head = `{"mode":"create"`
		case src.Shape == "UpdateBackendAuthResourceConfig":
			head = `{"mode":"update"`
		default:
			t.Fatalf("%s: shape %q has no dispatcher function", f, src.Shape)
		}
		member := "input"
		if src.Operation == "" {
			member = "config"
		}
		if src.Raw != nil {
			value = `,"` + member + `Text":` + jsString(*src.Raw)
		} else {
			value = `,"` + member + `":` + string(src.Input)
		}
		fn := "validate"
		if src.Operation == "" {
			fn = "validateAuthConfig"
		}
		add(name, fn, head+value+"}")
	}

	// Problem codes the files above may not cover.
	deep := strings.Repeat("[", 70) + strings.Repeat("]", 70)
	add("validate-limit-depth", "validate", `{"operation":"GetBackend","input":{"AppId":"a","BackendEnvironmentName":"b","Extra":`+deep+`}}`)
	add("validate-invalid-lone-surrogate", "validate", `{"operation":"GetBackend","input":{"AppId":"a\ud800","BackendEnvironmentName":"b"}}`)
	add("validate-null-input", "validate", `{"operation":"GetBackend","input":null}`)
	// The AppId is raw UTF-8 (2, 3 and 4 bytes), not escapes.
	add("validate-unicode", "validate", `{"operation":"GetBackend","input":{"AppId":"`+"\u00e9\u2028\U0001F600"+`","BackendEnvironmentName":"\u0001<&>"}}`)
	addText("validate-syntax-truncated", "validate", `{"operation":"GetBackend","inputText":"{\"AppId\": \"a\",\n  \"BackendEnvironmentName\": "}`)
	addText("validate-duplicate-in-input", "validate", `{"operation":"GetBackend","input":{"AppId":"a","AppId":"b","BackendEnvironmentName":"c"}}`)

	// validateAuthConfig.
	create := readFile(t, filepath.Join(testdata, "auth", "create-valid.json"))
	update := readFile(t, filepath.Join(testdata, "auth", "update-valid.json"))
	add("auth-create-valid", "validateAuthConfig", `{"config":`+create+`,"mode":"create"}`)
	add("auth-update-valid", "validateAuthConfig", `{"config":`+update+`,"mode":"update"}`)
	add("auth-create-config-as-update", "validateAuthConfig", `{"config":`+create+`,"mode":"update"}`)
	add("auth-config-text", "validateAuthConfig", `{"configText":`+jsString(update)+`,"mode":"update"}`)
	add("auth-config-text-syntax", "validateAuthConfig", `{"configText":"{\"Service\": \"COGNITO\",}","mode":"create"}`)
	add("auth-error-mode-missing", "validateAuthConfig", `{"config":{}}`)
	add("auth-error-mode-enum", "validateAuthConfig", `{"config":{},"mode":"Create"}`)
	add("auth-error-config-missing", "validateAuthConfig", `{"mode":"create"}`)

	// buildRequest options and failures.
	getBackend := `{"AppId":"d2v6kx3qz7p1ab","BackendEnvironmentName":"staging"}`
	add("build-endpoint", "buildRequest", `{"operation":"GetBackend","input":`+getBackend+`,"options":{"endpoint":"http://127.0.0.1:4566/prefix"}}`)
	add("build-region-cn", "buildRequest", `{"operation":"GetBackend","input":`+getBackend+`,"options":{"region":"cn-north-1"}}`)
	add("build-label-escaping", "buildRequest", `{"operation":"GetBackendJob","input":{"AppId":"a b/c","BackendEnvironmentName":"é~","JobId":"j%1"},"options":{"region":"us-east-1"}}`)
	add("build-lenient", "buildRequest", `{"operation":"ListBackendJobs","input":{"AppId":"a","BackendEnvironmentName":"b","MaxResults":100,"Status":"NEW_STATUS"},"options":{"region":"us-east-1","validate":false}}`)
	add("build-strict", "buildRequest", `{"operation":"ListBackendJobs","input":{"AppId":"a","BackendEnvironmentName":"b","MaxResults":100},"options":{"region":"us-east-1","validate":true}}`)
	add("build-error-invalid-input", "buildRequest", `{"operation":"GetBackend","input":{"AppId":"","Extra":1},"options":{"region":"us-east-1"}}`)
	add("build-error-input-text-syntax", "buildRequest", `{"operation":"GetBackend","inputText":"AppId=1","options":{"region":"us-east-1"}}`)
	add("build-error-region-missing", "buildRequest", `{"operation":"GetBackend","input":`+getBackend+`}`)
	add("build-error-region-invalid", "buildRequest", `{"operation":"GetBackend","input":`+getBackend+`,"options":{"region":"US_EAST_1"}}`)
	add("build-error-endpoint-invalid", "buildRequest", `{"operation":"GetBackend","input":`+getBackend+`,"options":{"region":"us-east-1","endpoint":"ftp://example.com"}}`)
	add("build-error-options-type", "buildRequest", `{"operation":"GetBackend","input":`+getBackend+`,"options":["us-east-1"]}`)
	add("build-error-options-unknown", "buildRequest", `{"operation":"GetBackend","input":`+getBackend+`,"options":{"region":"us-east-1","regoin":"x","validate":"yes"}}`)
	add("build-error-unknown-operation", "buildRequest", `{"operation":"getbackend","input":`+getBackend+`,"options":{"region":"us-east-1"}}`)
	add("build-error-input-member-named-region", "buildRequest", `{"operation":"GetBackend","input":{"AppId":"a","BackendEnvironmentName":"b","region":"x"},"options":{"region":"us-east-1"}}`)

	// signRequest: the AWS SigV4 suite, in header and presign mode.
	var ctxs []string
	for _, suite := range sigv4Suites {
		found, _ := filepath.Glob(filepath.Join(testdata, suite.dir, "*", "context.json"))
		if len(found) == 0 {
			t.Fatal("no cases in testdata/" + suite.dir)
		}
		ctxs = append(ctxs, found...)
	}
	for _, f := range ctxs {
		dir := filepath.Dir(f)
		req := sigv4Request(t, readFile(t, filepath.Join(dir, "request.txt")))
		var vc struct {
			Credentials struct {
				AccessKeyID     string `json:"access_key_id"`
				SecretAccessKey string `json:"secret_access_key"`
				Token           string `json:"token"`
			} `json:"credentials"`
			Expiration       int    `json:"expiration_in_seconds"`
			Normalize        bool   `json:"normalize"`
			Region           string `json:"region"`
			Service          string `json:"service"`
			SignBody         bool   `json:"sign_body"`
			Timestamp        string `json:"timestamp"`
			OmitSessionToken bool   `json:"omit_session_token"`
		}
		readJSON(t, f, &vc)
		creds := `{"accessKeyId":` + jsString(vc.Credentials.AccessKeyID) + `,"secretAccessKey":` + jsString(vc.Credentials.SecretAccessKey)
		if vc.Credentials.Token != "" {
			creds += `,"sessionToken":` + jsString(vc.Credentials.Token)
		}
		opts := `{"credentials":` + creds + `},"region":` + jsString(vc.Region) + `,"service":` + jsString(vc.Service) + `,"signingDate":` + jsString(vc.Timestamp)
		if !vc.Normalize {
			opts += `,"normalizePath":false`
		}
		if vc.SignBody {
			opts += `,"signBody":true`
		}
		if vc.OmitSessionToken {
			opts += `,"unsignedSessionToken":true`
		}
		base := "sign-" + filepath.Base(dir)
		if filepath.Base(filepath.Dir(dir)) == "sigv4-botocore" {
			base = "sign-botocore-" + filepath.Base(dir)
		}
		add(base+"-header", "signRequest", `{"request":`+req+`,"options":`+opts+`}}`)
		add(base+"-query", "signRequest", `{"request":`+req+`,"options":`+opts+`,"presign":true,"expiresIn":`+strconv.Itoa(vc.Expiration)+`}}`)
	}
	vanilla := `{"method":"GET","url":"https://example.amazonaws.com/","headers":{"Host":"example.amazonaws.com"}}`
	creds := `{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}`
	add("sign-session-token", "signRequest", `{"request":`+vanilla+`,"options":{"credentials":{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","sessionToken":"FQoGZXIvYXdzEXAMPLETOKEN"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00.000Z"}}`)
	add("sign-built-request", "signRequest", `{"request":{"method":"POST","url":"https://amplifybackend.us-east-1.amazonaws.com/backend/d2v6kx3qz7p1ab/details","headers":{"Content-Type":"application/json","Host":"amplifybackend.us-east-1.amazonaws.com"},"body":"{\"backendEnvironmentName\":\"staging\"}"},"options":{"credentials":`+creds+`,"region":"us-east-1","signingDate":"2024-05-01T10:00:00.000Z","signBody":true}}`)
	add("sign-error-options-missing", "signRequest", `{"request":`+vanilla+`}`)
	add("sign-error-credentials", "signRequest", `{"request":`+vanilla+`,"options":{"credentials":{"accessKeyId":"AKID EXAMPLE"},"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}}`)
	add("sign-error-signing-date", "signRequest", `{"request":`+vanilla+`,"options":{"credentials":`+creds+`,"region":"us-east-1","signingDate":"30/08/2015"}}`)
	add("sign-error-expires-range", "signRequest", `{"request":`+vanilla+`,"options":{"credentials":`+creds+`,"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z","presign":true,"expiresIn":604801}}`)
	add("sign-error-expires-fraction", "signRequest", `{"request":`+vanilla+`,"options":{"credentials":`+creds+`,"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z","presign":true,"expiresIn":1.5}}`)
	add("sign-error-request", "signRequest", `{"request":{"method":"GET","url":"example.amazonaws.com/","headers":{"Bad Name":"x","Host":"other.example.com"}},"options":{"credentials":`+creds+`,"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}}`)
	add("sign-error-request-shape", "signRequest", `{"request":{"method":1,"headers":[],"extra":true},"options":{"credentials":`+creds+`,"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}}`)
	add("sign-error-request-missing", "signRequest", `{"options":{"credentials":`+creds+`,"region":"us-east-1","signingDate":"2015-08-30T12:36:00Z"}}`)
	add("sign-error-option-types", "signRequest", `{"request":`+vanilla+`,"options":{"credentials":"AKIDEXAMPLE:secret","region":1,"presign":"yes","signBody":0,"extra":null}}`)

	// operations.
	add("operations", "operations", `{}`)
	add("operations-error-member", "operations", `{"operation":"GetBackend"}`)

	// cli (in memory: files and env from the envelope, no network).
	add("cli-validate-file", "cli", `{"args":["validate","--operation","GetBackend","in.json"],"files":{"in.json":`+jsString(getBackend)+`}}`)
	add("cli-validate-invalid", "cli", `{"args":["validate","--operation","GetBackend","in.json"],"files":{"in.json":"{\"AppId\": \"\"}"}}`)
	add("cli-validate-stdin", "cli", `{"args":["validate","--operation","GetBackend","-"],"stdin":`+jsString(getBackend)+`}`)
	add("cli-missing-file", "cli", `{"args":["validate","--operation","GetBackend","nope.json"]}`)
	add("cli-unknown-command", "cli", `{"args":["frobnicate"]}`)
	add("cli-error-args-missing", "cli", `{"stdin":""}`)
	add("cli-error-types", "cli", `{"args":["validate",1],"files":{"a":1},"env":[],"now":"tomorrow"}`)

	// Envelope errors common to every function.
	add("error-unknown-function", "frobnicate", `{}`)
	add("error-unknown-function-close", "buildrequest", `{}`)
	add("error-envelope-array", "validate", `[]`)
	add("error-envelope-string", "validate", `"GetBackend"`)
	addText("error-envelope-syntax", "validate", `{"operation": "GetBackend", "input": {"AppId": }`)
	addText("error-envelope-empty", "validate", ``)
	addText("error-envelope-trailing", "validate", `{"operation":"GetBackend","input":{}} {}`)
	addText("error-envelope-duplicate", "validate", `{"operation":"GetBackend","operation":"GetBackend","input":{}}`)
	addText("error-envelope-too-deep", "validate", `{"operation":"GetBackend","input":`+strings.Repeat("[", 10001)+`}`)
	add("error-envelope-unknown-member", "validate", `{"operation":"GetBackend","input":{},"inptu":{}}`)
	add("error-envelope-operation-type", "validate", `{"operation":["GetBackend"],"input":{}}`)
	add("error-envelope-operation-missing", "validate", `{"input":{}}`)
	add("error-envelope-operation-null", "validate", `{"operation":null,"input":{}}`)
	add("error-envelope-input-missing", "validate", `{"operation":"GetBackend"}`)
	add("error-envelope-input-and-text", "validate", `{"operation":"GetBackend","input":{},"inputText":"{}"}`)
	add("error-envelope-input-text-type", "validate", `{"operation":"GetBackend","inputText":{}}`)
	add("error-unknown-operation", "validate", `{"operation":"GetBackends","input":{}}`)
	add("error-unknown-operation-no-match", "validate", `{"operation":"Frobnicate","input":{}}`)

	seen := map[string]bool{}
	for _, c := range cs {
		if seen[c.name] {
			t.Fatalf("two generated cases named %s", c.name)
		}
		seen[c.name] = true
	}
	cs = append(cs, responseCases(t)...)
	return cs
}

// sigv4Request turns a request.txt of the SigV4 suite into the request JSON
// for https://<Host><target>: a header line starting with white space
// continues the previous value (after "\n"); a repeated name becomes an
// array in the order given.
func sigv4Request(t *testing.T, text string) string {
	t.Helper()
	head, body, hasBody := strings.Cut(text, "\n\n")
	if !hasBody {
		head = strings.TrimSuffix(head, "\n")
	}
	lines := strings.Split(head, "\n")
	sp, last := strings.IndexByte(lines[0], ' '), strings.LastIndexByte(lines[0], ' ')
	if sp <= 0 || last <= sp {
		t.Fatalf("request line %q", lines[0])
	}
	method, target := lines[0][:sp], lines[0][sp+1:last]
	type header struct {
		name string
		vals []string
	}
	var hs []header
	lastIdx := -1
	for _, line := range lines[1:] {
		if line != "" && (line[0] == ' ' || line[0] == '\t') {
			v := &hs[lastIdx].vals[len(hs[lastIdx].vals)-1]
			*v += "\n" + line
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("header line %q", line)
		}
		lastIdx = -1
		for i := range hs {
			if strings.EqualFold(hs[i].name, name) {
				lastIdx = i
			}
		}
		if lastIdx < 0 {
			hs = append(hs, header{name: name})
			lastIdx = len(hs) - 1
		}
		hs[lastIdx].vals = append(hs[lastIdx].vals, value)
	}
	host := ""
	var b strings.Builder
	b.WriteString(`{"method":` + jsString(method))
	hb := `{`
	for i, h := range hs {
		if strings.EqualFold(h.name, "host") {
			host = h.vals[0]
		}
		if i > 0 {
			hb += ","
		}
		hb += jsString(h.name) + ":"
		if len(h.vals) == 1 {
			hb += jsString(h.vals[0])
		} else {
			vs, _ := json.Marshal(h.vals)
			hb += string(vs)
		}
	}
	hb += "}"
	b.WriteString(`,"url":` + jsString("https://"+host+target) + `,"headers":` + hb)
	if body != "" {
		b.WriteString(`,"body":` + jsString(body))
	}
	b.WriteString("}")
	return b.String()
}
