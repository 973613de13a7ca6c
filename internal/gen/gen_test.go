package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeneratedFilesUpToDate fails when a generated file differs from what
// the generator makes of the model now: run `go generate ./...`.
func TestGeneratedFilesUpToDate(t *testing.T) {
	m, err := loadModel("../../model/amplifybackend-2020-08-11.json")
	require.NoError(t, err)
	files, err := render(m)
	require.NoError(t, err)
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join("../..", f.path))
		require.NoError(t, err, "%s is missing: run go generate ./...", f.path)
		assert.Equal(t, string(f.src), string(got), "%s is out of date: run go generate ./...", f.path)
	}
}

func TestModelFacts(t *testing.T) {
	m, err := loadModel("../../model/amplifybackend-2020-08-11.json")
	require.NoError(t, err)
	assert.Len(t, m.Operations, 31)
	assert.Len(t, m.Shapes, 178)
	members, structs, enums := 0, 0, 0
	for _, s := range m.Shapes {
		if s.Type == "structure" {
			structs++
			members += len(s.Members)
		}
		if len(s.Enum) > 0 {
			enums++
		}
	}
	assert.Equal(t, 144, structs)
	assert.Equal(t, 505, members)
	assert.Equal(t, 16, enums)
	assert.Equal(t, "EmailAndPhoneNumber", enumConstName("EMAIL_AND_PHONE_NUMBER"))
}
