package types_test

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/mailru/easyjson"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type modelFile struct {
	Shapes map[string]struct {
		Type    string `json:"type"`
		Members map[string]struct {
			Shape        string `json:"shape"`
			Location     string `json:"location"`
			LocationName string `json:"locationName"`
		} `json:"members"`
		Required  []string `json:"required"`
		Sensitive bool     `json:"sensitive"`
		Enum      []string `json:"enum"`
	} `json:"shapes"`
}

func loadModel(t *testing.T) modelFile {
	t.Helper()
	data, err := os.ReadFile("../../model/amplifybackend-2020-08-11.json")
	require.NoError(t, err)
	var m modelFile
	require.NoError(t, json.Unmarshal(data, &m))
	return m
}

// TestWireNamesPinnedToModel checks the JSON tag of every member of every
// structure against the model's locationName: all 505 of them.
func TestWireNamesPinnedToModel(t *testing.T) {
	m := loadModel(t)
	registry := types.Registry()
	checked := 0
	for name, shape := range m.Shapes {
		if shape.Type != "structure" {
			continue
		}
		zero, ok := registry[name]
		require.True(t, ok, "no Go type for structure %s", name)
		typ := reflect.TypeOf(zero)
		if len(shape.Members) == 0 {
			assert.Equal(t, reflect.Map, typ.Kind(), "%s has no members: a free-form object", name)
			continue
		}
		for member, def := range shape.Members {
			f, ok := typ.FieldByName(member)
			require.True(t, ok, "%s.%s has no Go field", name, member)
			wire := def.LocationName
			if wire == "" {
				wire = member
			}
			jsonName, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			assert.Equal(t, wire, jsonName, "%s.%s wire name", name, member)
			assert.Equal(t, "omitzero", opts, "%s.%s is optional on the wire", name, member)
			if def.Location == "uri" {
				assert.Equal(t, "uri", f.Tag.Get("location"), "%s.%s is a URI label", name, member)
			} else {
				assert.Empty(t, f.Tag.Get("location"), "%s.%s is a body member", name, member)
			}
			checked++
		}
		for _, r := range shape.Required {
			f, _ := typ.FieldByName(r)
			assert.Equal(t, "true", f.Tag.Get("required"), "%s.%s is required", name, r)
		}
	}
	assert.Equal(t, 505, checked, "the model has 505 structure members")
}

// TestEnumsMatchModel checks every enum type's Values against the model.
func TestEnumsMatchModel(t *testing.T) {
	m := loadModel(t)
	enums := types.EnumValues()
	n := 0
	for name, shape := range m.Shapes {
		if len(shape.Enum) == 0 {
			continue
		}
		n++
		assert.Equal(t, shape.Enum, enums[name], "enum %s", name)
	}
	assert.Equal(t, 16, n)
	assert.Len(t, enums, 16)
	assert.Equal(t, types.MFAMode("OPTIONAL"), types.MFAModeOptional)
	assert.Equal(t, []types.SignInMethod{"EMAIL", "EMAIL_AND_PHONE_NUMBER", "PHONE_NUMBER", "USERNAME"}, types.SignInMethod("").Values())
}

// TestExplicitZeroValuesAreSent: a member set to false, 0, "" or [] is on
// the wire; an unset one is not.
func TestExplicitZeroValuesAreSent(t *testing.T) {
	v := types.CreateBackendAuthIdentityPoolConfig{UnauthenticatedLogin: types.Bool(false), IdentityPoolName: types.String("")}
	data, err := easyjson.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"unauthenticatedLogin":false,"identityPoolName":""}`, string(data))

	p := types.CreateBackendAuthPasswordPolicyConfig{MinimumLength: types.Float64(0), AdditionalConstraints: []types.AdditionalConstraintsElement{}}
	data, err = easyjson.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"minimumLength":0,"additionalConstraints":[]}`, string(data))

	data, err = easyjson.Marshal(types.CreateBackendAuthPasswordPolicyConfig{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(data))
}

// TestDecodeWireNames decodes a response in wire form.
func TestDecodeWireNames(t *testing.T) {
	var out types.GetBackendAuthResponse
	require.NoError(t, easyjson.Unmarshal([]byte(`{"appId":"a","resourceConfig":{"authResources":"USER_POOL_ONLY","userPoolConfigs":{"signInMethod":"EMAIL","oAuth":{"socialProviderSettings":{"SignInWithApple":{"client_id":"c","private_key":"k"}}}}}}`), &out))
	require.NotNil(t, out.AppId)
	assert.Equal(t, "a", *out.AppId)
	assert.Equal(t, types.SignInMethodEmail, out.ResourceConfig.UserPoolConfigs.SignInMethod)
	apple := out.ResourceConfig.UserPoolConfigs.OAuth.SocialProviderSettings.SignInWithApple
	assert.Equal(t, "k", *apple.PrivateKey)
}

// TestSensitiveRedacted: printing a sensitive value never shows it.
func TestSensitiveRedacted(t *testing.T) {
	secret := "s3cr3t-planted-value"
	vals := []any{
		types.BackendAuthSocialProviderConfig{ClientId: types.String("id"), ClientSecret: &secret},
		&types.BackendAuthAppleProviderConfig{PrivateKey: &secret},
		types.EmailSettings{EmailMessage: &secret},
		types.SmsSettings{SmsMessage: &secret},
	}
	for _, v := range vals {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			assert.NotContains(t, sprintf(verb, v), secret)
		}
	}
	// The struct tag marks members that reach a sensitive shape.
	f, _ := reflect.TypeOf(types.SocialProviderSettings{}).FieldByName("Google")
	assert.Equal(t, "true", f.Tag.Get("sensitive"))
}

func sprintf(verb string, v any) string { return fmt.Sprintf(verb, v) }
