package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

const testdataDir = "../../testdata"

// TestOperationExamples: one valid example input per operation, no more,
// with every URI label set.
func TestOperationExamples(t *testing.T) {
	dir := filepath.Join(testdataDir, "operations")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var have []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".json"); ok {
			have = append(have, name)
		}
	}
	assert.Equal(t, validate.Operations(), have, "exactly one example per operation")

	for _, op := range validate.Operations() {
		t.Run(op, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, op+".json"))
			require.NoError(t, err)
			probs, err := validate.Input(op, data, nil)
			require.NoError(t, err)
			assert.Empty(t, probs)

			tr, probs, err := validate.Transcode(op, data, nil)
			require.NoError(t, err)
			require.Empty(t, probs)
			o, _ := schema.LookupOperation(op)
			for _, m := range schema.Get(o.Input).Members {
				if m.URI {
					v, ok := tr.Label(m.Wire)
					assert.True(t, ok && v != "", "URI label %s set", m.Wire)
				}
			}
		})
	}
}

// TestOperationExamplesCoverage: the big examples exercise most members of
// their input, nested ones included.
func TestOperationExamplesCoverage(t *testing.T) {
	for _, op := range []string{
		"CreateBackendAuth", "UpdateBackendAuth", "CreateBackendAPI", "UpdateBackendAPI",
		"CreateBackendStorage", "UpdateBackendStorage", "UpdateBackendConfig", "ListBackendJobs",
	} {
		t.Run(op, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(testdataDir, "operations", op+".json"))
			require.NoError(t, err)
			var v any
			require.NoError(t, json.Unmarshal(data, &v))
			o, _ := schema.LookupOperation(op)
			used, total := memberCoverage(o.Input, v)
			assert.GreaterOrEqual(t, float64(used)/float64(total), 0.7, "%d of %d members used", used, total)
		})
	}
}

// memberCoverage counts the members of id's structure tree (each member
// shape once per path) and how many of them v sets.
func memberCoverage(id schema.ShapeID, v any) (used, total int) {
	s := schema.Get(id)
	switch s.Kind {
	case schema.KindStructure:
		obj, _ := v.(map[string]any)
		for _, m := range s.Members {
			total++
			mv, ok := obj[m.Name]
			if ok {
				used++
			}
			u, n := memberCoverage(m.Shape, mv)
			used, total = used+u, total+n
		}
	case schema.KindList:
		// The richest element stands for the list.
		used, total = memberCoverage(s.Elem, nil)
		arr, _ := v.([]any)
		for _, e := range arr {
			if u, n := memberCoverage(s.Elem, e); u > used {
				used, total = u, n
			}
		}
	}
	return used, total
}

func TestAuthExamples(t *testing.T) {
	for _, mode := range []validate.AuthMode{validate.AuthCreate, validate.AuthUpdate} {
		data, err := os.ReadFile(filepath.Join(testdataDir, "auth", string(mode)+"-valid.json"))
		require.NoError(t, err)
		probs, err := validate.AuthConfig(mode, data, nil)
		require.NoError(t, err)
		assert.Empty(t, probs, mode)
	}
}

// invalidCase is one file of testdata/invalid.
type invalidCase struct {
	Operation string             `json:"operation,omitempty"`
	Shape     string             `json:"shape,omitempty"`
	Input     json.RawMessage    `json:"input,omitempty"`
	Raw       *string            `json:"raw,omitempty"`
	Problems  []validate.Problem `json:"problems"`
}

// update rewrites the expected problems of testdata/invalid from the
// validator. Read the diff before committing it.
var update = flag.Bool("update", false, "rewrite the problems in testdata/invalid")

func (c invalidCase) data() []byte {
	if c.Raw != nil {
		return []byte(*c.Raw)
	}
	return c.Input
}

func loadInvalidCases(t *testing.T) map[string]invalidCase {
	files, err := filepath.Glob(filepath.Join(testdataDir, "invalid", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	cases := map[string]invalidCase{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		var c invalidCase
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&c), f)
		require.True(t, (c.Operation == "") != (c.Shape == ""), "%s: operation or shape", f)
		require.True(t, (c.Raw == nil) != (c.Input == nil), "%s: input or raw", f)
		require.NotEmpty(t, c.Problems, f)
		cases[filepath.Base(f)] = c
	}
	return cases
}

// TestInvalidCases runs every invalid input through the validator and
// through `validate --format json` (on standard input), and checks the
// problems are exactly the ones frozen in the file.
func TestInvalidCases(t *testing.T) {
	cases := loadInvalidCases(t)
	codes := map[validate.Code]bool{}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var probs []validate.Problem
			var err error
			if c.Operation != "" {
				probs, err = validate.Input(c.Operation, c.data(), nil)
			} else {
				probs, err = validate.Shape(c.Shape, c.data(), nil)
			}
			require.NoError(t, err)
			// The cases list paths, codes and messages; ranges are checked
			// by pkg/validate's TestRanges and the text vectors.
			probs = noRange(probs)
			if *update {
				c.Problems = probs
				writeInvalidCase(t, name, c)
			}
			assert.Equal(t, c.Problems, probs)

			args := []string{"validate", "--format", "json", "-"}
			if c.Operation != "" {
				args = append(args, "--operation", c.Operation)
			} else {
				args = append(args, "--shape", c.Shape)
			}
			res := run(t, testEnv{args: args, stdin: string(c.data())})
			assert.Equal(t, ExitInvalid, res.code)
			assert.Empty(t, res.stderr)
			var reports []fileReport
			require.NoError(t, json.Unmarshal([]byte(res.stdout), &reports))
			for i := range reports {
				for j, p := range reports[i].Errors {
					if p.Range.Start.Line < 1 {
						t.Errorf("%s: the CLI gives no range for %+v", name, p)
					}
					reports[i].Errors[j].Range = validate.Range{}
				}
			}
			assert.Equal(t, []fileReport{{File: "<stdin>", Valid: false, Errors: c.Problems}}, reports)
		})
		for _, p := range c.Problems {
			codes[p.Code] = true
		}
	}
	for _, code := range []validate.Code{
		validate.CodeRequired, validate.CodeType, validate.CodeEnum, validate.CodeRange,
		validate.CodeUnknown, validate.CodeEmpty, validate.CodeSyntax, validate.CodeDuplicate,
	} {
		assert.True(t, codes[code], "some invalid case has code %s", code)
	}
	var many int
	for _, c := range cases {
		many = max(many, len(c.Problems))
	}
	assert.GreaterOrEqual(t, many, 5, "one case has many problems")
}

func writeInvalidCase(t *testing.T, name string, c invalidCase) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	require.NoError(t, enc.Encode(c))
	require.NoError(t, os.WriteFile(filepath.Join(testdataDir, "invalid", name), buf.Bytes(), 0o644))
}

// TestInvalidCasesNoSecrets: the sensitive values planted in the cases
// never appear in a message.
func TestInvalidCasesNoSecrets(t *testing.T) {
	for name, c := range loadInvalidCases(t) {
		for _, p := range c.Problems {
			for _, secret := range []string{"TOPSECRET", "12345"} {
				assert.NotContains(t, p.Message, secret, name)
			}
		}
	}
}

// noRange drops the ranges of problems.
func noRange(ps []validate.Problem) []validate.Problem {
	for i := range ps {
		ps[i].Range = validate.Range{}
	}
	return ps
}
