package localservice_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/cli"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
)

// lifecycleStep is one step of test/localservice/lifecycle.json (its
// "about" member describes the fields).
type lifecycleStep struct {
	Op          string            `json:"op"`
	Input       map[string]any    `json:"input"`
	Expect      map[string]any    `json:"expect"`
	Pluck       map[string]string `json:"pluck"`
	Save        map[string]string `json:"save"`
	Error       string            `json:"error"`
	Credentials string            `json:"credentials"`
	Paginate    *struct {
		Items   string `json:"items"`
		Key     string `json:"key"`
		MaxPage int    `json:"maxPage"`
	} `json:"paginate"`
	ExpectCount int `json:"expectCount"`
}

// caller runs one operation with a user-form input and returns the output
// (user form) or the service error's name.
type caller func(op string, input map[string]any, wrongSecret bool) (out map[string]any, errName string)

// runLifecycleSteps is the Go runner of lifecycle.json, the same as
// lifecycle.py and lifecycle.mjs.
func runLifecycleSteps(t *testing.T, call caller) {
	t.Helper()
	data, err := os.ReadFile(lifecycleDir + "/lifecycle.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Steps []lifecycleStep }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Steps) < 40 {
		t.Fatalf("lifecycle.json has %d steps", len(doc.Steps))
	}
	saved := map[string]any{}
	for i, s := range doc.Steps {
		where := fmt.Sprintf("step %d (%s)", i+1, s.Op)
		in := substitute(s.Input, saved).(map[string]any)
		if s.Paginate != nil {
			seen := map[any]bool{}
			n, pages := 0, 0
			var token any
			for {
				p := map[string]any{}
				for k, v := range in {
					p[k] = v
				}
				p["MaxResults"] = s.Paginate.MaxPage
				if token != nil {
					p["NextToken"] = token
				}
				out, e := call(s.Op, p, false)
				if e != "" {
					t.Fatalf("%s: %s", where, e)
				}
				items, _ := out[s.Paginate.Items].([]any)
				if len(items) > s.Paginate.MaxPage {
					t.Fatalf("%s: a page of %d", where, len(items))
				}
				for _, it := range items {
					seen[it.(map[string]any)[s.Paginate.Key]] = true
					n++
				}
				pages++
				if token = out["NextToken"]; token == nil {
					break
				}
			}
			if n != len(seen) || n != s.ExpectCount {
				t.Fatalf("%s: %d items (%d distinct) in %d pages, want %d", where, n, len(seen), pages, s.ExpectCount)
			}
			continue
		}
		out, e := call(s.Op, in, s.Credentials == "wrong-secret")
		if s.Error != "" {
			if e != s.Error {
				t.Fatalf("%s: want %s, got %q %v", where, s.Error, e, out)
			}
			continue
		}
		if e != "" {
			t.Fatalf("%s: %s", where, e)
		}
		for member, field := range s.Pluck {
			list, _ := out[member].([]any)
			vals := []any{}
			for _, it := range list {
				vals = append(vals, it.(map[string]any)[field])
			}
			out[member] = vals
		}
		for k, want := range substitute(s.Expect, saved).(map[string]any) {
			if !jsonEqual(out[k], want) {
				t.Fatalf("%s: %s is %v, want %v", where, k, out[k], want)
			}
		}
		for v, member := range s.Save {
			saved[v] = out[member]
		}
	}
}

var placeholder = regexp.MustCompile(`^\$\{(\w+)\}$`)

func substitute(v any, saved map[string]any) any {
	switch x := v.(type) {
	case nil:
		return map[string]any{}
	case string:
		if m := placeholder.FindStringSubmatch(x); m != nil {
			return saved[m[1]]
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = substitute(e, saved)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = substitute(e, saved)
		}
		return out
	}
	return v
}

// jsonEqual compares two JSON values as JSON (numbers by value).
func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	var va, vb any
	json.Unmarshal(ja, &va)
	json.Unmarshal(jb, &vb)
	return reflect.DeepEqual(va, vb)
}

var cliErrorName = regexp.MustCompile(`amplifybackend call: ([A-Za-z]+):`)

// TestGoCLICallLifecycle runs the lifecycle with `amplifybackend call`, in
// process (the same cli.Run the native binary runs).
func TestGoCLICallLifecycle(t *testing.T) {
	srv, err := localservice.Start("", localservice.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	runLifecycleSteps(t, func(op string, input map[string]any, wrong bool) (map[string]any, string) {
		secret := srv.Credentials.SecretAccessKey
		if wrong {
			secret += "-wrong"
		}
		in, _ := json.Marshal(input)
		var stdout, stderr bytes.Buffer
		env := map[string]string{"AWS_ACCESS_KEY_ID": srv.Credentials.AccessKeyID, "AWS_SECRET_ACCESS_KEY": secret}
		code := cli.Run(cli.Env{
			Args:   []string{"call", "--operation", op, "--region", srv.Region, "--endpoint", srv.URL, "-"},
			Stdin:  bytes.NewReader(in),
			Stdout: &stdout, Stderr: &stderr,
			Getenv: func(k string) string { return env[k] },
			Now:    time.Now,
			HTTP:   http.DefaultClient,
		})
		if code != 0 {
			m := cliErrorName.FindStringSubmatch(stderr.String())
			if code != cli.ExitInvalid || m == nil {
				t.Fatalf("%s: exit %d: %s%s", op, code, stdout.String(), stderr.String())
			}
			if strings.Contains(stderr.String(), secret) {
				t.Fatal("the secret is on stderr")
			}
			return nil, m[1]
		}
		var out map[string]any
		if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
			t.Fatalf("%s: output %q: %v", op, stdout.String(), err)
		}
		delete(out, "ResponseMetadata")
		return out, ""
	})
}
