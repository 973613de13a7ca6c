package validate_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var knownCodes = map[validate.Code]bool{
	validate.CodeRequired: true, validate.CodeType: true, validate.CodeEnum: true, validate.CodeRange: true,
	validate.CodeUnknown: true, validate.CodeEmpty: true, validate.CodeSyntax: true, validate.CodeDuplicate: true,
	validate.CodeLimit: true, validate.CodeInvalid: true,
}

// checkProblems holds for every problem of every input: a known code, a
// well-formed JSON pointer, a message that is one sentence of valid UTF-8.
func checkProblems(t *testing.T, ps []validate.Problem) {
	t.Helper()
	for _, p := range ps {
		if !knownCodes[p.Code] {
			t.Fatalf("unknown code %q in %+v", p.Code, p)
		}
		if p.Path != "" && !strings.HasPrefix(p.Path, "/") {
			t.Fatalf("path %q is not a JSON pointer", p.Path)
		}
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(p.Path, "~0", ""), "~1", ""), "~") {
			t.Fatalf("path %q has a bad escape", p.Path)
		}
		if p.Message == "" || !utf8.ValidString(p.Message) {
			t.Fatalf("bad message in %+v", p)
		}
		if p.Code == validate.CodeSyntax && (p.Path != "" || len(ps) != 1) {
			t.Fatalf("a syntax error is reported alone at the root: %+v", ps)
		}
	}
}

func seedInputs(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/operations/*.json")
	more, _ := filepath.Glob("../../bench/fixtures/*.json")
	if len(files) == 0 || len(more) == 0 {
		f.Fatal("no seed inputs in testdata/operations or bench/fixtures")
	}
	for i, name := range append(files, more...) {
		data, err := os.ReadFile(name)
		if err == nil {
			f.Add(uint8(i), data)
		}
	}
	for i, s := range []string{``, `{}`, `[]`, `null`, `{"AppId":""}`, `{"AppId":"a\ud800"}`, `{"a":1,"a":2}`, `{"MaxResults":1e999}`, "{\"AppId\":\"\xff\"}", `[[[[[[[[`, `{"ResourceConfig":{"x":{"y":[1,2,{"z":null}]}}}`} {
		f.Add(uint8(i), []byte(s))
	}
}

// FuzzInput: no input panics, every problem is well formed, lenient
// problems are a subset of strict ones, and a valid input transcodes to
// valid JSON.
func FuzzInput(f *testing.F) {
	seedInputs(f)
	ops := validate.Operations()
	f.Fuzz(func(t *testing.T, opIndex uint8, data []byte) {
		op := ops[int(opIndex)%len(ops)]
		strict, err := validate.Input(op, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkProblems(t, strict)
		lenient, _ := validate.Input(op, data, &validate.Options{Lenient: true})
		checkProblems(t, lenient)
		if len(strict) < validate.DefaultLimits.MaxProblems {
			set := map[validate.Problem]bool{}
			for _, p := range strict {
				set[p] = true
			}
			for _, p := range lenient {
				if !set[p] {
					t.Fatalf("lenient problem %+v is not a strict one: %+v", p, strict)
				}
			}
		}
		tr, ps, _ := validate.Transcode(op, data, nil)
		if (tr == nil) != (len(strict) > 0) || len(ps) != len(strict) {
			t.Fatalf("Transcode and Input disagree: %v vs %v", ps, strict)
		}
		if tr != nil && !json.Valid(tr.Body) {
			t.Fatalf("transcoded body is not JSON: %s", tr.Body)
		}
	})
}

// FuzzShape runs the auth config shapes, what editors call on every key.
func FuzzShape(f *testing.F) {
	seedInputs(f)
	f.Fuzz(func(t *testing.T, mode uint8, data []byte) {
		m := validate.AuthCreate
		if mode%2 == 1 {
			m = validate.AuthUpdate
		}
		ps, err := validate.AuthConfig(m, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkProblems(t, ps)
	})
}
