//go:build !wasm

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain keeps the package's tests from reading this machine's shared AWS
// files (the native call looks for a default profile there) or reaching
// instance metadata: HOME is an empty directory and the SDK's variables are
// cleared.
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "cli-home")
	if err != nil {
		panic(err)
	}
	os.Setenv("HOME", home)
	for _, k := range []string{"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"} {
		os.Unsetenv(k)
	}
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}

const (
	profileKeyID  = "AKIDPROFILEEXAMPLE"
	profileSecret = "PROFILE-SECRET-wJalrXUtnFEMI-K7MDENG"
	profileToken  = "PROFILE-SESSION-TOKEN-FwoGZXIvYXdzEJr"
)

// profileFiles writes shared config and credentials files with a default
// profile (region eu-west-1, keys AKIDDEFAULT) and a "dev" profile (region
// us-west-2, the profile* keys and a session token), and returns the
// environment that points at them. The process environment is isolated as
// well, since aws-sdk-go-v2/config reads it directly, and instance metadata
// is off (no traffic off 127.0.0.1).
func profileFiles(t *testing.T, withDefault bool) map[string]string {
	dir := t.TempDir()
	cfgText, credText := "[profile dev]\nregion = us-west-2\n", "[dev]\naws_access_key_id = "+profileKeyID+"\naws_secret_access_key = "+profileSecret+"\naws_session_token = "+profileToken+"\n"
	if withDefault {
		cfgText = "[default]\nregion = eu-west-1\n\n" + cfgText
		credText = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret-value-0123456789\n\n" + credText
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config"), []byte(cfgText), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "credentials"), []byte(credText), 0o600))
	env := map[string]string{
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
	}
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"} {
		t.Setenv(k, "")
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	t.Setenv("HOME", dir)
	return env
}

func callWith(t *testing.T, env map[string]string, args ...string) (result, *fakeService) {
	f, srv := newFakeService(t, canned{status: 200, body: `{"appId":"d2v6kx3qz7p1ab"}`})
	e := callEnv(srv, "GetBackend", args...)
	e.env = env
	return run(t, e), f
}

func merged(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// TestCallProfile: --profile and $AWS_PROFILE take the region and the
// credentials (session token included) from the shared files, as the AWS
// CLI does; --region and $AWS_REGION still win for the region.
func TestCallProfile(t *testing.T) {
	files := profileFiles(t, true)
	for _, tc := range []struct {
		name   string
		env    map[string]string
		args   []string
		key    string
		region string
	}{
		{"--profile", files, []string{"--profile", "dev"}, profileKeyID, "us-west-2"},
		{"AWS_PROFILE", merged(files, map[string]string{"AWS_PROFILE": "dev"}), nil, profileKeyID, "us-west-2"},
		{"default profile", files, nil, "AKIDDEFAULT", "eu-west-1"},
		{"--region wins", files, []string{"--profile", "dev", "--region", "ap-south-1"}, profileKeyID, "ap-south-1"},
		{"AWS_DEFAULT_REGION wins", merged(files, map[string]string{"AWS_DEFAULT_REGION": "ca-central-1"}), []string{"--profile", "dev"}, profileKeyID, "ca-central-1"},
		// The environment's keys beat AWS_PROFILE, but not --profile; the
		// profile's region is used with them.
		{"env keys over AWS_PROFILE", merged(files, credsEnv(), map[string]string{"AWS_PROFILE": "dev", "AWS_REGION": ""}), nil, testKeyID, "us-west-2"},
		{"--profile over env keys", merged(files, credsEnv()), []string{"--profile", "dev"}, profileKeyID, "us-east-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, f := callWith(t, tc.env, tc.args...)
			require.Equal(t, ExitOK, res.code, res.stderr)
			require.Len(t, f.requests, 1)
			auth := f.requests[0].header.Get("Authorization")
			assert.Contains(t, auth, "Credential="+tc.key+"/", auth)
			assert.Contains(t, auth, "/"+tc.region+"/amplifybackend/aws4_request", auth)
			if tc.key == profileKeyID {
				assert.Equal(t, profileToken, f.requests[0].header.Get("X-Amz-Security-Token"))
			}
		})
	}
}

// TestCallProfileErrors: a missing profile, a profile without a region,
// and no credentials anywhere are usage errors that name what is missing;
// no secret of a profile is printed.
func TestCallProfileErrors(t *testing.T) {
	files := profileFiles(t, false)
	res, f := callWith(t, files, "--profile", "nope")
	assert.Equal(t, ExitUsage, res.code)
	assert.Contains(t, res.stderr, `amplifybackend call: profile "nope": `)
	assert.Empty(t, f.requests)

	// Without a default profile and keys: the environment's message, as in
	// the WebAssembly build.
	res, _ = callWith(t, merged(files, map[string]string{"AWS_REGION": "us-east-1"}))
	assert.Equal(t, ExitUsage, res.code)
	assert.Equal(t, "amplifybackend call: no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set\n", res.stderr)
	res, _ = callWith(t, merged(files, credsEnv(), map[string]string{"AWS_REGION": ""}))
	assert.Equal(t, ExitUsage, res.code)
	assert.True(t, strings.HasPrefix(res.stderr, "amplifybackend call: no region: give --region"), res.stderr)

	for _, r := range []result{res} {
		assert.NotContains(t, r.stderr+r.stdout, profileSecret)
	}
}

// TestCallProfileSecretsRedacted: a secret read from a profile is redacted
// like one from the environment, even when the service echoes it.
func TestCallProfileSecretsRedacted(t *testing.T) {
	files := profileFiles(t, false)
	_, srv := newFakeService(t, canned{status: 400, header: map[string]string{"X-Amzn-Errortype": "BadRequestException"},
		body: `{"message":"bad key ` + profileSecret + ` and token ` + profileToken + `"}`})
	e := callEnv(srv, "GetBackend", "--profile", "dev")
	e.env = files
	res := run(t, e)
	assert.Equal(t, ExitInvalid, res.code, res.stderr)
	assert.Contains(t, res.stderr, "bad key")
	assert.NotContains(t, res.stderr+res.stdout, profileSecret)
	assert.NotContains(t, res.stderr+res.stdout, profileToken)
}
