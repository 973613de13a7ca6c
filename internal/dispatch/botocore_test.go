package dispatch_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/dispatch/dispatchtest"
)

// botocoreParse reads every case it is given (one JSON object a line:
// operation, status, headers, body) with botocore's own rest-json parser and
// the repository's service model (argv[1]; the model botocore ships may be
// older, as Debian's is, and lack members), as boto3's client does (the
// modeled members of an error added from the shape its code names), and
// writes one JSON result a line.
const botocoreParse = `
import json, sys
from botocore import parsers
from botocore.model import ServiceModel
with open(sys.argv[1], encoding="utf-8") as f:
    model = ServiceModel(json.load(f), service_name="amplifybackend")
for line in sys.stdin:
    c = json.loads(line)
    op = model.operation_model(c["operation"])
    r = {"status_code": c["status"], "headers": c["headers"], "body": c["body"].encode("utf-8")}
    try:
        parsed = parsers.create_parser("rest-json").parse(r, op.output_shape)
        if c["status"] >= 300:
            shape = model.shape_for_error_code(parsed.get("Error", {}).get("Code"))
            if shape is not None:
                parsed.update(parsers.create_parser("rest-json").parse(r, shape))
        print(json.dumps({"parsed": parsed}))
    except Exception as e:
        print(json.dumps({"failed": type(e).__name__}))
`

// debianPython is Debian's interpreter, whose python3-boto3 scripts/ensure-clients.sh
// installs (make test-go runs it first): the botocore every machine's CI has, not
// whatever python3 comes first on PATH.
const debianPython = "/usr/bin/python3"

// TestResponsesAgreeWithBotocore feeds the bodies of the parseResponse
// vectors to botocore's parser: the members, the error code and message and
// the modeled error members must be what the dispatcher gives. Where the
// issue's rules differ from botocore on purpose, the difference is named.
func TestResponsesAgreeWithBotocore(t *testing.T) {
	if err := exec.Command(debianPython, "-c", "import botocore").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("python3 with botocore is required under CI (scripts/ensure-clients.sh installs python3-boto3): %v", err)
		}
		t.Skip("python3 with botocore is not installed (Debian: python3-boto3)")
	}
	cases, err := dispatchtest.Load(vectorDir)
	if err != nil {
		t.Fatal(err)
	}
	type vec struct {
		name string
		args struct {
			Operation string `json:"operation"`
			Response  struct {
				Status int    `json:"status"`
				Body   string `json:"body"`
			} `json:"response"`
		}
		want map[string]any
	}
	var vs []vec
	var in bytes.Buffer
	for _, c := range cases {
		if c.Function != "parseResponse" || c.Want == nil {
			continue
		}
		var v vec
		v.name = c.Name
		if json.Unmarshal(c.Input, &v.args) != nil || v.args.Response.Status == 0 || v.args.Operation == "" {
			continue
		}
		if err := json.Unmarshal(c.Want, &v.want); err != nil {
			t.Fatal(c.Name, err)
		}
		if v.want["error"] != nil {
			continue // a body the dispatcher refuses (botocore does not check types)
		}
		// The headers as a transport gives them: names in lower case, the
		// values of one name joined in the order they came.
		h := map[string]string{}
		for _, kv := range orderedHeaders(t, c.Input) {
			lk, val := strings.ToLower(kv[0]), kv[1]
			if h[lk] != "" {
				val = h[lk] + ", " + val
			}
			h[lk] = val
		}
		line, _ := json.Marshal(map[string]any{"operation": v.args.Operation, "status": v.args.Response.Status, "headers": h, "body": v.args.Response.Body})
		in.Write(line)
		in.WriteByte('\n')
		vs = append(vs, v)
	}
	if len(vs) < 31*5+8 {
		t.Fatalf("only %d response vectors", len(vs))
	}
	cmd := exec.Command(debianPython, "-c", botocoreParse, filepath.Join("..", "..", "model", "amplifybackend-2020-08-11.json"))
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("botocore: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(vs) {
		t.Fatalf("%d results for %d cases", len(lines), len(vs))
	}
	for i, v := range vs {
		var got struct {
			Parsed map[string]any `json:"parsed"`
			Failed string         `json:"failed"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatal(v.name, err)
		}
		if got.Failed != "" {
			t.Errorf("%s: botocore failed: %s", v.name, got.Failed)
			continue
		}
		result := v.want["result"].(map[string]any)
		var ours map[string]any
		if o, ok := result["output"]; ok {
			ours = o.(map[string]any)
		} else {
			ours = result["serviceError"].(map[string]any)["response"].(map[string]any)
		}
		md := ours["ResponseMetadata"].(map[string]any)
		if md["RetryAttempts"] != float64(0) {
			t.Errorf("%s: RetryAttempts %v", v.name, md["RetryAttempts"])
		}
		delete(md, "RetryAttempts") // boto3's retry handler adds it, not the parser
		if e, ok := got.Parsed["Error"].(map[string]any); ok && e["Message"] == "" {
			// botocore leaves the message empty for an empty body or a JSON
			// body without one; the rule gives the reason phrase.
			if ours["Error"].(map[string]any)["Message"] == http.StatusText(v.args.Response.Status) {
				e["Message"] = http.StatusText(v.args.Response.Status)
			}
		}
		if !reflect.DeepEqual(normalize(ours), normalize(got.Parsed)) {
			a, _ := json.Marshal(ours)
			b, _ := json.Marshal(got.Parsed)
			t.Errorf("%s:\n ours:     %s\n botocore: %s", v.name, a, b)
		}
	}
}

// normalize passes a value through JSON, so that 1500 and 1500.0 compare
// equal.
func normalize(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// orderedHeaders returns response.headers of a parseResponse input in the
// order of the text (a map would lose the order of repeated names).
func orderedHeaders(t *testing.T, input []byte) [][2]string {
	t.Helper()
	var args struct {
		Response struct {
			Headers json.RawMessage `json:"headers"`
		} `json:"response"`
	}
	if err := json.Unmarshal(input, &args); err != nil || len(args.Response.Headers) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(args.Response.Headers))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for dec.More() {
		k, err1 := dec.Token()
		v, err2 := dec.Token()
		ks, ok1 := k.(string)
		vs, ok2 := v.(string)
		if err1 != nil || err2 != nil || !ok1 || !ok2 {
			t.Fatalf("headers of %s are not strings", input)
		}
		out = append(out, [2]string{ks, vs})
	}
	return out
}
