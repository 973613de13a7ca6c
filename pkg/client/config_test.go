//go:build !wasm

package client

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// isolateAWSEnv points the SDK's configuration at nothing on this machine:
// no shared files, no profile, no instance metadata (no traffic off
// 127.0.0.1), no credentials or region in the environment.
func isolateAWSEnv(t *testing.T) string {
	dir := t.TempDir()
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_ENDPOINT_URL",
		"AWS_ENDPOINT_URL_AMPLIFYBACKEND", "AWS_MAX_ATTEMPTS", "AWS_SDK_UA_APP_ID"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return dir
}

var fromConfigCreds = Credentials{
	AccessKeyID:     "AKIDFROMCONFIG",
	SecretAccessKey: "from-config-secret-wJalrXUtnFEMI",
	SessionToken:    "from-config-session-token",
}

// callThrough sends one GetBackend through a client made by NewFromConfig
// to a fake service that checks the signature with creds, and returns the
// request the service saw.
func callThrough(t *testing.T, cfg aws.Config, creds Credentials, optFns ...func(*Options)) exchange {
	t.Helper()
	f, srv := newFakeService(t, func(int, exchange) reply { return reply{body: `{"appId":"a1"}`} })
	f.creds = creds
	c, err := NewFromConfig(cfg, append([]func(*Options){func(o *Options) { o.Endpoint = srv.URL }}, optFns...)...)
	require.NoError(t, err)
	out, err := c.GetBackend(context.Background(), &types.GetBackendRequest{AppId: types.String("a1")})
	require.NoError(t, err)
	assert.Equal(t, "a1", *out.AppId)
	reqs := f.requests()
	require.Len(t, reqs, 1)
	return reqs[0]
}

// TestNewFromConfigEnv: credentials and region from the environment, as
// config.LoadDefaultConfig reads them, reach a signed request (session
// token included).
func TestNewFromConfigEnv(t *testing.T) {
	isolateAWSEnv(t)
	t.Setenv("AWS_ACCESS_KEY_ID", fromConfigCreds.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", fromConfigCreds.SecretAccessKey)
	t.Setenv("AWS_SESSION_TOKEN", fromConfigCreds.SessionToken)
	t.Setenv("AWS_REGION", cliRegion)
	cfg, err := config.LoadDefaultConfig(context.Background())
	require.NoError(t, err)
	ex := callThrough(t, cfg, fromConfigCreds)
	assert.Contains(t, ex.header.Get("Authorization"), "Credential="+fromConfigCreds.AccessKeyID+"/")
	assert.Contains(t, ex.header.Get("Authorization"), "/"+cliRegion+"/amplifybackend/aws4_request")
	assert.Equal(t, fromConfigCreds.SessionToken, ex.header.Get("X-Amz-Security-Token"))
}

// TestNewFromConfigProfile: a profile of the shared config and credentials
// files (AWS_PROFILE) gives the region and the credentials.
func TestNewFromConfigProfile(t *testing.T) {
	dir := isolateAWSEnv(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config"), []byte("[default]\nregion = eu-west-1\n\n[profile dev]\nregion = "+cliRegion+"\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "credentials"), []byte("[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n[dev]\naws_access_key_id = "+
		fromConfigCreds.AccessKeyID+"\naws_secret_access_key = "+fromConfigCreds.SecretAccessKey+"\naws_session_token = "+fromConfigCreds.SessionToken+"\n"), 0o600))
	t.Setenv("AWS_PROFILE", "dev")
	cfg, err := config.LoadDefaultConfig(context.Background())
	require.NoError(t, err)
	assert.Equal(t, cliRegion, cfg.Region)
	ex := callThrough(t, cfg, fromConfigCreds)
	assert.Contains(t, ex.header.Get("Authorization"), "Credential="+fromConfigCreds.AccessKeyID+"/")
	assert.Equal(t, fromConfigCreds.SessionToken, ex.header.Get("X-Amz-Security-Token"))

	// And with config.WithSharedConfigProfile instead of the variable.
	t.Setenv("AWS_PROFILE", "")
	cfg, err = config.LoadDefaultConfig(context.Background(), config.WithSharedConfigProfile("dev"))
	require.NoError(t, err)
	ex = callThrough(t, cfg, fromConfigCreds)
	assert.Contains(t, ex.header.Get("Authorization"), "Credential="+fromConfigCreds.AccessKeyID+"/")
}

// countingProvider counts Retrieve calls; its credentials expire after ttl.
type countingProvider struct {
	n   atomic.Int32
	ttl time.Duration
}

func (p *countingProvider) Retrieve(context.Context) (aws.Credentials, error) {
	p.n.Add(1)
	return aws.Credentials{AccessKeyID: cliCreds.AccessKeyID, SecretAccessKey: cliCreds.SecretAccessKey,
		CanExpire: true, Expires: time.Now().Add(p.ttl)}, nil
}

// TestNewFromConfigCredentialsCache: any aws.CredentialsProvider is cached
// as aws.CredentialsCache does, and refreshed once expired; a cache is not
// wrapped again.
func TestNewFromConfigCredentialsCache(t *testing.T) {
	p := &countingProvider{ttl: time.Hour}
	cfg := aws.Config{Region: cliRegion, Credentials: p}
	f, srv := newFakeService(t, func(int, exchange) reply { return reply{body: `{}`} })
	c, err := NewFromConfig(cfg, func(o *Options) { o.Endpoint = srv.URL })
	require.NoError(t, err)
	for range 3 {
		_, err := c.GetBackend(context.Background(), &types.GetBackendRequest{AppId: types.String("a1")})
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), p.n.Load(), "cached")
	assert.Len(t, f.requests(), 3)

	// Expired credentials are fetched again (the cache refreshes 0 s early
	// by default, so an already expired value is always refreshed).
	q := &countingProvider{ttl: -time.Minute}
	c, err = NewFromConfig(aws.Config{Region: cliRegion, Credentials: q}, func(o *Options) { o.Endpoint = srv.URL })
	require.NoError(t, err)
	for range 2 {
		_, err := c.GetBackend(context.Background(), &types.GetBackendRequest{AppId: types.String("a1")})
		require.NoError(t, err)
	}
	assert.Equal(t, int32(2), q.n.Load())

	cache := aws.NewCredentialsCache(p)
	assert.Same(t, cache, SDKCredentials(cache).(sdkCredentials).p)
	assert.Nil(t, SDKCredentials(nil))
}

// doerFunc is an aws.HTTPClient that is not an *http.Client.
type doerFunc func(*http.Request) (*http.Response, error)

func (d doerFunc) Do(r *http.Request) (*http.Response, error) { return d(r) }

// TestNewFromConfigSettings: BaseEndpoint, HTTPClient, RetryMaxAttempts,
// AppID and the FIPS/dual-stack settings of the config sources.
func TestNewFromConfigSettings(t *testing.T) {
	f, srv := newFakeService(t, func(int, exchange) reply { return reply{status: 500, body: `{"message":"boom"}`} })
	var sent atomic.Int32
	cfg := aws.Config{
		Region: cliRegion,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: cliCreds.AccessKeyID, SecretAccessKey: cliCreds.SecretAccessKey}, nil
		}),
		BaseEndpoint:     aws.String(srv.URL),
		HTTPClient:       doerFunc(func(r *http.Request) (*http.Response, error) { sent.Add(1); return http.DefaultClient.Do(r) }),
		RetryMaxAttempts: 2,
		AppID:            "my app/1",
	}
	c, err := NewFromConfig(cfg, func(o *Options) { o.RetryBaseDelay, o.RetryMaxDelay = time.Millisecond, time.Millisecond })
	require.NoError(t, err)
	_, err = c.GetBackend(context.Background(), &types.GetBackendRequest{AppId: types.String("a1")})
	require.Error(t, err)
	assert.Equal(t, int32(2), sent.Load(), "RetryMaxAttempts attempts, through cfg.HTTPClient")
	reqs := f.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "amplifybackend-wasm-go app/my-app-1", reqs[0].header.Get("User-Agent"))

	// FIPS and dual-stack from the environment's config source.
	isolateAWSEnv(t)
	t.Setenv("AWS_USE_FIPS_ENDPOINT", "true")
	t.Setenv("AWS_USE_DUALSTACK_ENDPOINT", "true")
	t.Setenv("AWS_REGION", "us-gov-west-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDX")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "x")
	sdk, err := config.LoadDefaultConfig(context.Background())
	require.NoError(t, err)
	c, err = NewFromConfig(sdk)
	require.NoError(t, err)
	assert.Equal(t, "https://amplifybackend-fips.us-gov-west-1.api.aws", c.ep.base)
	assert.Equal(t, "us-gov-west-1", c.ep.signingRegion)
	// optFns come last.
	c, err = NewFromConfig(sdk, func(o *Options) { o.UseFIPSEndpoint = false })
	require.NoError(t, err)
	assert.Equal(t, "https://amplifybackend.us-gov-west-1.api.aws", c.ep.base)
	// The rule set refuses FIPS with a custom endpoint, as the SDK's clients do.
	sdk.BaseEndpoint = aws.String("http://127.0.0.1:1")
	_, err = NewFromConfig(sdk)
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "/useFipsEndpoint", verr.Problems[0].Path)
	assert.Equal(t, "Invalid Configuration: FIPS and custom endpoint are not supported", verr.Problems[0].Message)
}

// TestNewFromConfigProblems: what is missing is said at once.
func TestNewFromConfigProblems(t *testing.T) {
	_, err := NewFromConfig(aws.Config{})
	var verr *validate.Error
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, []string{"/region", "/credentials"}, problemPaths(verr))

	_, err = NewFromConfig(aws.Config{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}})
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Problems, 1)
	assert.Equal(t, "/credentials", verr.Problems[0].Path)
	assert.True(t, strings.HasPrefix(verr.Problems[0].Message, "Anonymous credentials"), verr.Problems[0].Message)
}
