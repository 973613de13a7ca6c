package main

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func compileRules(t *testing.T, text string) (string, error) {
	t.Helper()
	var rs rsRuleSet
	require.NoError(t, json.Unmarshal([]byte(text), &rs))
	var b bytes.Buffer
	b.WriteString("package client\n\n")
	if err := emitRules(&b, &rs); err != nil {
		return "", err
	}
	src, err := format.Source(b.Bytes())
	require.NoError(t, err, b.String())
	// It must compile against the declarations of pkg/client/endpoint.go.
	const decls = `
type endpointParams struct {
	Region       string
	UseFIPS      bool
	UseDualStack bool
	Endpoint     string
}
type ruleEndpoint struct{ url, signingRegion, signingName string }
type partitionOutputs struct {
	name, dnsSuffix, dualStackDNSSuffix, implicitGlobalRegion string
	supportsFIPS, supportsDualStack                           bool
}
func awsPartition(string) *partitionOutputs { return nil }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "rules.go", string(src)+decls, 0)
	require.NoError(t, err)
	_, err = (&types.Config{}).Check("client", fset, []*ast.File{f}, nil)
	require.NoError(t, err, string(src))
	return string(src), nil
}

const ruleParams = `"parameters": {
	"Region": {"builtIn": "AWS::Region", "required": false, "type": "string"},
	"UseFIPS": {"builtIn": "AWS::UseFIPS", "required": true, "default": false, "type": "boolean"}}`

// TestEndpointRulesCompiler: the parts of the rules language the service's
// rule set does not use today compile as the language says (sigv4
// authScheme properties become the signing region and name; not,
// stringEquals), and anything unsupported fails generation instead of
// resolving wrongly.
func TestEndpointRulesCompiler(t *testing.T) {
	src, err := compileRules(t, `{"version": "1.0", `+ruleParams+`, "rules": [
		{"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]},
			{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}], "rules": [
			{"type": "endpoint", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "aws-global"]}],
			 "endpoint": {"url": "https://x.{P#dnsSuffix}", "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "us-east-1", "signingName": "x"}]}, "headers": {}}},
			{"type": "error", "conditions": [{"fn": "not", "argv": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, false]}]}], "error": "no {Region}"},
			{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://x.{Region}.{P#dnsSuffix}"}}]},
		{"type": "error", "conditions": [], "error": "Missing Region"}]}`)
	require.NoError(t, err)
	for _, want := range []string{
		`if p.Region != "" {`,
		`if p_ := awsPartition(p.Region); p_ != nil {`,
		`if p.Region == "aws-global" {`,
		`return ruleEndpoint{url: "https://x." + p_.dnsSuffix, signingName: "x", signingRegion: "us-east-1"}, ""`,
		`if !(!p.UseFIPS) {`,
		`return ruleEndpoint{}, "no " + p.Region`,
		`return ruleEndpoint{}, "Missing Region"`,
	} {
		assert.Contains(t, src, want)
	}

	for _, bad := range []struct{ rules, want string }{
		{`[{"type": "endpoint", "conditions": [{"fn": "isValidHostLabel", "argv": [{"ref": "Region"}, false]}], "endpoint": {"url": "https://x"}}]`, `the function "isValidHostLabel" is not supported`},
		{`[{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://x", "headers": {"a": ["b"]}}}]`, "endpoint headers are not supported"},
		{`[{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://x", "properties": {"authSchemes": [{"name": "sigv4a"}]}}}]`, "authSchemes without sigv4"},
		{`[{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Bucket}"}}]`, `refers to "Bucket"`},
		{`[{"type": "error", "conditions": [], "error": "a"}, {"type": "error", "conditions": [], "error": "b"}]`, "unreachable"},
	} {
		_, err := compileRules(t, `{"version": "1.0", `+ruleParams+`, "rules": `+bad.rules+`}`)
		if assert.Error(t, err, bad.rules) {
			assert.Contains(t, err.Error(), bad.want)
		}
	}
}

// TestRegionRegexCompiler: patterns a greedy matcher cannot decide exactly
// are refused.
func TestRegionRegexCompiler(t *testing.T) {
	elems, err := compileRegionRegex(`^(us|eu)\-\w+\-\d+$`)
	require.NoError(t, err)
	assert.Equal(t, []patElem{{lits: []string{"eu", "us"}}, {lits: []string{"-"}}, {run: "09AZ__az"}, {lits: []string{"-"}}, {run: "09"}}, elems)
	for _, bad := range []string{`^(a|ab)-\d+$`, `^\w+\d+$`, `^\w+_x$`, `^us-.*$`, `us-\w+`, `^(?i)us-\d+$`, `^x{2,3}$`} {
		_, err := compileRegionRegex(bad)
		assert.Error(t, err, bad)
	}
	assert.True(t, strings.HasPrefix(endpointsHeader, "// Code generated "))
}
