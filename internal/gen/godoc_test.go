package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGoDocComments reads the generated pkg/types and checks that every
// type and member says what the model says: the member's documented and
// wire names, whether it is required, its enum values and range, and
// "Deprecated:" exactly for the members of model/deprecated.json.
func TestGoDocComments(t *testing.T) {
	m, err := loadModel("../../model/amplifybackend-2020-08-11.json")
	require.NoError(t, err)
	data, err := os.ReadFile("../../model/deprecated.json")
	require.NoError(t, err)
	var dep struct {
		Members []struct{ Shape, Member string } `json:"members"`
	}
	require.NoError(t, json.Unmarshal(data, &dep))
	require.Len(t, dep.Members, 8)
	deprecated := map[string]bool{}
	for _, d := range dep.Members {
		deprecated[d.Shape+"."+d.Member] = true
	}

	f, err := parser.ParseFile(token.NewFileSet(), "../../pkg/types/types_gen.go", nil, parser.ParseComments)
	require.NoError(t, err)
	typeDocs := map[string]string{}
	fieldDocs := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		ts := g.Specs[0].(*ast.TypeSpec)
		typeDocs[ts.Name.Name] = g.Doc.Text()
		if st, ok := ts.Type.(*ast.StructType); ok {
			for _, fl := range st.Fields.List {
				fieldDocs[ts.Name.Name+"."+fl.Names[0].Name] = fl.Doc.Text()
			}
		}
	}
	nDeprecated := 0
	for _, s := range m.Shapes {
		doc, ok := typeDocs[s.Name]
		if s.Type == "structure" || len(s.Enum) > 0 {
			require.True(t, ok, s.Name)
			assert.True(t, strings.HasPrefix(doc, s.Name+" is "), "%s: %q", s.Name, doc)
		}
		for _, v := range s.Enum {
			assert.Contains(t, doc, `"`+v+`"`, s.Name)
		}
		for _, mem := range s.Members {
			key := s.Name + "." + mem.Name
			fd := strings.Join(strings.Fields(fieldDocs[key]), " ")
			assert.True(t, strings.HasPrefix(fd, mem.Name+" is "), "%s: %q", key, fd)
			assert.Contains(t, fd, `Documented name "`+mem.Name+`", wire name "`+mem.Wire+`"`, key)
			if mem.Required {
				assert.Contains(t, fd, "; required.", key)
			} else {
				assert.Contains(t, fd, "; optional.", key)
			}
			if mem.Location == "uri" {
				assert.Contains(t, fd, "sent in the request URI as {"+mem.Wire+"}", key)
			}
			if sh := mem.Shape; sh.Min != nil && sh.Max != nil {
				assert.Contains(t, fd, "from "+strconv.FormatInt(*sh.Min, 10)+" to "+strconv.FormatInt(*sh.Max, 10), key)
			}
			for _, v := range mem.Shape.Enum {
				assert.Contains(t, fd, `"`+v+`"`, key)
			}
			assert.Equal(t, deprecated[key], strings.Contains(fd, "Deprecated: "), key)
			if deprecated[key] {
				nDeprecated++
				assert.True(t, strings.Contains(fieldDocs[key], "\n\nDeprecated: "), "%s: Deprecated: must start a paragraph", key)
			}
		}
	}
	assert.Equal(t, 8, nDeprecated)
	assert.NotContains(t, typeDocs["CreateBackendAuthRequest"], "is a structure of the model")
	assert.Contains(t, typeDocs["CreateBackendAuthRequest"], "POST /backend/{appId}/auth")
}
