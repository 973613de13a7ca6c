package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMemberDescriptions: what the JSON Schemas and the .d.ts say of a
// member comes from the model's facts, one kind of fact at a time.
func TestMemberDescriptions(t *testing.T) {
	m, err := loadModel("../../model/amplifybackend-2020-08-11.json")
	require.NoError(t, err)
	desc := func(shape, member string) string {
		s := m.Shape(shape)
		require.NotNil(t, s, shape)
		for _, mem := range s.Members {
			if mem.Name == member {
				return memberDescription(mem)
			}
		}
		t.Fatalf("%s has no member %s", shape, member)
		return ""
	}
	for _, c := range []struct{ shape, member, want string }{
		{"CreateBackendAuthRequest", "AppId", `Required. A string. Sent in the request URI as {appId}; must not be empty.`},
		{"ListBackendJobsRequest", "MaxResults", `Optional. An integer from 1 to 25. Sent in the JSON body as "maxResults".`},
		{"CreateBackendAuthUserPoolConfig", "SignInMethod", `Required. One of "EMAIL", "EMAIL_AND_PHONE_NUMBER", "PHONE_NUMBER", "USERNAME". Sent in the JSON body as "signInMethod".`},
		{"CreateBackendAuthUserPoolConfig", "RequiredSignUpAttributes", `Required. A list of strings, each one of "ADDRESS", "BIRTHDATE", "EMAIL", "FAMILY_NAME", "GENDER", "GIVEN_NAME", "LOCALE", "MIDDLE_NAME", "NAME", "NICKNAME", "PHONE_NUMBER", "PICTURE", "PREFERRED_USERNAME", "PROFILE", "UPDATED_AT", "WEBSITE", "ZONE_INFO". Sent in the JSON body as "requiredSignUpAttributes".`},
		{"CreateBackendAuthIdentityPoolConfig", "UnauthenticatedLogin", `Required. True or false. Sent in the JSON body as "unauthenticatedLogin".`},
		{"CreateBackendAuthPasswordPolicyConfig", "MinimumLength", `Required. A number. Sent in the JSON body as "minimumLength".`},
		{"BackendAPIResourceConfig", "AdditionalAuthTypes", `Optional. A list of BackendAPIAuthType objects. Sent in the JSON body as "additionalAuthTypes".`},
		{"CreateBackendRequest", "ResourceConfig", `Optional. An object with any members. Sent in the JSON body as "resourceConfig".`},
		{"SocialProviderSettings", "Facebook", `Optional. An object (BackendAuthSocialProviderConfig). Sent in the JSON body as "Facebook". Sensitive: its values never appear in a message.`},
		{"BackendAuthAppleProviderConfig", "PrivateKey", `Optional. A string. Sent in the JSON body as "private_key".`},
		{"UpdateBackendAuthUserPoolConfig", "ForgotPassword", `Optional. An object (UpdateBackendAuthForgotPasswordConfig). Sent in the JSON body as "forgotPassword". Deprecated: ` + deprecatedNote},
	} {
		assert.Equal(t, c.want, desc(c.shape, c.member), "%s.%s", c.shape, c.member)
	}

	// Every member an input reaches has one, and exactly the 8 listed
	// members say they are deprecated.
	deprecated := 0
	for _, s := range inputReachable(m) {
		for _, mem := range s.Members {
			d := memberDescription(mem)
			assert.Regexp(t, `^(Required|Optional)\. [A-Z].*\. Sent (in the JSON body as "[^"]+"|in the request URI as \{[^}]+\}; must not be empty)\.`, d, "%s.%s", s.Name, mem.Name)
			assert.NotContains(t, d, "*/", "the description goes in a doc comment")
			if strings.Contains(d, "Deprecated: ") {
				deprecated++
				assert.True(t, mem.Deprecated, "%s.%s", s.Name, mem.Name)
			}
		}
	}
	assert.Equal(t, 8, deprecated)
}
