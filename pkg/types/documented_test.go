package types_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// newValue returns a new *T for the structure shape name.
func newValue(t *testing.T, name string) types.Value {
	t.Helper()
	z, ok := types.Registry()[name]
	require.True(t, ok, name)
	return reflect.New(reflect.TypeOf(z)).Interface().(types.Value)
}

func asAny(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(data, &v), string(data))
	return v
}

// TestUnmarshalInputRoundTrip: every operation's documented example input
// decodes into its typed input and MarshalUser gives the same document back.
func TestUnmarshalInputRoundTrip(t *testing.T) {
	files, err := filepath.Glob("../../testdata/operations/*.json")
	require.NoError(t, err)
	require.Len(t, files, 31)
	for _, f := range files {
		op := strings.TrimSuffix(filepath.Base(f), ".json")
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		o, ok := schema.LookupOperation(op)
		require.True(t, ok, op)
		v := newValue(t, schema.Get(o.Input).Name)
		probs, err := types.UnmarshalInput(op, data, v, nil)
		require.NoError(t, err, op)
		require.Empty(t, probs, op)
		out, err := types.MarshalUser(v)
		require.NoError(t, err, op)
		assert.Equal(t, asAny(t, data), asAny(t, out), op)
		// The typed value holds what the document says (not zero values).
		assert.NotEqual(t, reflect.Zero(reflect.TypeOf(v).Elem()).Interface(), reflect.ValueOf(v).Elem().Interface(), op)
	}
}

func TestUnmarshalInputFields(t *testing.T) {
	var in types.CreateBackendAuthRequest
	data, err := os.ReadFile("../../testdata/operations/CreateBackendAuth.json")
	require.NoError(t, err)
	probs, err := types.UnmarshalInput("CreateBackendAuth", data, &in, nil)
	require.NoError(t, err)
	require.Empty(t, probs)
	assert.Equal(t, "d2v6kx3qz7p1ab", *in.AppId)
	assert.Equal(t, types.AuthResourcesIdentityPoolAndUserPool, in.ResourceConfig.AuthResources)
	assert.Equal(t, types.SignInMethodEmailAndPhoneNumber, in.ResourceConfig.UserPoolConfigs.SignInMethod)
	assert.Contains(t, in.ResourceConfig.UserPoolConfigs.RequiredSignUpAttributes, types.RequiredSignUpAttributesElementGivenName)
}

// TestUnmarshalInputProblems: invalid input gives the validator's problems
// (with exact paths) and leaves the value alone; a wrong type or operation
// is an error.
func TestUnmarshalInputProblems(t *testing.T) {
	in := types.GetBackendRequest{AppId: types.String("keep")}
	probs, err := types.UnmarshalInput("GetBackend", []byte(`{"AppId": 1, "BackendEnviromentName": "x"}`), &in, nil)
	require.NoError(t, err)
	require.Len(t, probs, 2)
	assert.Equal(t, "/AppId", probs[0].Path)
	assert.Equal(t, validate.CodeType, probs[0].Code)
	assert.Equal(t, "/BackendEnviromentName", probs[1].Path)
	assert.Equal(t, validate.CodeUnknown, probs[1].Code)
	assert.Equal(t, "keep", *in.AppId)

	probs, err = types.UnmarshalInput("GetBackend", []byte(`{"AppId": "a"`), &in, nil)
	require.NoError(t, err)
	require.Len(t, probs, 1)
	assert.Equal(t, validate.CodeSyntax, probs[0].Code)

	_, err = types.UnmarshalInput("GetBackend", []byte(`{}`), &types.GetBackendJobRequest{}, nil)
	var se *types.ShapeError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "types: GetBackend takes a *types.GetBackendRequest, not a *types.GetBackendJobRequest", err.Error())

	_, err = types.UnmarshalInput("GetBakend", []byte(`{}`), &in, nil)
	var ne *validate.NameError
	require.ErrorAs(t, err, &ne)
	assert.Contains(t, ne.Matches, "GetBackend")

	// Lenient, as client.BuildOptions.Lenient: an unknown enum value passes.
	var auth types.CreateBackendAuthRequest
	probs, err = types.UnmarshalInput("CreateBackendAuth", []byte(`{"AppId":"a","BackendEnvironmentName":"b","ResourceName":"r",
		"ResourceConfig":{"AuthResources":"NEW_KIND","Service":"COGNITO","UserPoolConfigs":{"UserPoolName":"p","SignInMethod":"EMAIL","RequiredSignUpAttributes":[]}}}`),
		&auth, &validate.Options{Lenient: true})
	require.NoError(t, err)
	require.Empty(t, probs)
	assert.Equal(t, types.AuthResources("NEW_KIND"), auth.ResourceConfig.AuthResources)
}

// TestUnmarshalShape: any structure, outputs included, in the documented form.
func TestUnmarshalShape(t *testing.T) {
	var out types.GetBackendJobResponse
	probs, err := types.Unmarshal([]byte(`{"AppId":"a","JobId":"j1","Status":"COMPLETED"}`), &out, nil)
	require.NoError(t, err)
	require.Empty(t, probs)
	assert.Equal(t, "j1", *out.JobId)
	out.ResponseMetadata.RequestId = "req-1"
	data, err := types.MarshalUser(&out)
	require.NoError(t, err)
	assert.JSONEq(t, `{"AppId":"a","JobId":"j1","Status":"COMPLETED"}`, string(data))

	var cfg types.CreateBackendAuthResourceConfig
	probs, err = types.Unmarshal([]byte(`{"AuthResources":"USER_POOL_ONLY"}`), &cfg, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"/Service", "/UserPoolConfigs"}, paths(probs))
}

func paths(ps []validate.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Path
	}
	return out
}

// TestJSONUnmarshalDocumentedFormFails: the types' JSON is the wire form;
// json.Unmarshal of the documented form fails loudly instead of leaving
// everything unset, at any depth, while the wire form and unknown members
// (a newer service's) decode as before.
func TestJSONUnmarshalDocumentedFormFails(t *testing.T) {
	var in types.CreateBackendAuthRequest
	err := json.Unmarshal([]byte(`{"AppId": "a", "BackendEnvironmentName": "b"}`), &in)
	var we *types.WireNameError
	require.ErrorAs(t, err, &we)
	assert.Equal(t, types.WireNameError{Shape: "CreateBackendAuthRequest", Path: "/AppId", Name: "AppId", Wire: "appId"}, *we)
	assert.Equal(t, `types: /AppId: "AppId" is the documented name of CreateBackendAuthRequest.AppId; json.Unmarshal reads the wire form ("appId"): use types.Unmarshal or types.UnmarshalInput for the documented form`, err.Error())

	err = json.Unmarshal([]byte(`{"appId": "a", "resourceConfig": {"authResources": "USER_POOL_ONLY", "userPoolConfigs": {"RequiredSignUpAttributes": ["EMAIL"]}}}`), &in)
	require.ErrorAs(t, err, &we)
	assert.Equal(t, "/resourceConfig/userPoolConfigs/RequiredSignUpAttributes", we.Path)

	var list types.ListBackendJobsResponse
	err = json.Unmarshal([]byte(`{"jobs": [{"jobId": "1"}, {"JobId": "2"}]}`), &list)
	require.ErrorAs(t, err, &we)
	assert.Equal(t, "/jobs/1/JobId", we.Path)

	in = types.CreateBackendAuthRequest{}
	require.NoError(t, json.Unmarshal([]byte(`{"appId": "a", "someNewMember": {"X": 1}, "resourceConfig": {"service": "COGNITO"}}`), &in))
	assert.Equal(t, "a", *in.AppId)
	assert.Equal(t, types.ServiceCognito, in.ResourceConfig.Service)

	// Members whose documented and wire names are the same decode either way.
	var s types.SocialProviderSettings
	require.NoError(t, json.Unmarshal([]byte(`{"Facebook": {"client_id": "x"}}`), &s))
	require.NotNil(t, s.Facebook)

	// And json.Marshal is the wire form.
	data, err := json.Marshal(types.GetBackendRequest{AppId: types.String("a")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"appId":"a"}`, string(data))
}
