//go:build !wasm

package cli

import (
	"context"
	"errors"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
)

// The native binary's `call` finds the region and the credentials as the
// AWS CLI does, through aws-sdk-go-v2/config: --profile, else the
// environment's keys, else $AWS_PROFILE, else the "default" profile of the
// shared config and credentials files ($AWS_CONFIG_FILE,
// $AWS_SHARED_CREDENTIALS_FILE, ~/.aws/config, ~/.aws/credentials), with
// everything a profile can name (static keys, SSO, roles, credential
// processes). The region: --region, $AWS_REGION, $AWS_DEFAULT_REGION, then
// the profile's. This file is not in the WebAssembly build, whose hosts
// give the environment only (internal/wasmhost checks that the SDK's config
// package is not linked there).

const (
	envProfile         = "AWS_PROFILE"
	envConfigFile      = "AWS_CONFIG_FILE"
	envCredentialsFile = "AWS_SHARED_CREDENTIALS_FILE"
)

// callSettings resolves the region and the credentials of a call. The
// credentials are nil when they are the environment's keys (see
// runner.credentials, which reports what is missing). A usage error has
// been reported when ok is false.
func (r *runner) callSettings(f endpointFlags) (region string, creds *client.Credentials, code int, ok bool) {
	ctx := context.Background()
	explicit := f.profile != nil && *f.profile != ""
	profile := r.getenv(envProfile)
	if explicit {
		profile = *f.profile
	}
	region = r.region(*f.region)
	envKeys := r.getenv(envAccessKeyID) != "" || r.getenv(envSecretAccessKey) != ""
	// A profile is read when one is named or the default one exists; its
	// credentials are used unless the environment has keys and no
	// --profile was given (the AWS CLI's order).
	haveProfile := profile != "" || r.profileExists(ctx, "default")
	useProfileCreds := explicit || (!envKeys && haveProfile)
	if haveProfile && (useProfileCreds || region == "") {
		name := profile
		if name == "" {
			name = "default"
		}
		opts := []func(*config.LoadOptions) error{config.WithSharedConfigProfile(name)}
		opts = append(opts, r.sharedFiles()...)
		if region != "" {
			opts = append(opts, config.WithRegion(region))
		}
		cfg, err := config.LoadDefaultConfig(ctx, opts...)
		if err != nil {
			return "", nil, r.usageError("profile %s: %v", strconv.Quote(name), err), false
		}
		if region == "" {
			region = cfg.Region
		}
		if useProfileCreds {
			if region == "" {
				return "", nil, r.noRegion(), false
			}
			if cfg.Credentials == nil {
				return "", nil, r.usageError("no credentials: profile %s has none", strconv.Quote(name)), false
			}
			// Retrieve now, once (a call lasts seconds): a failure is a usage
			// error before anything is read or sent, and the secrets are
			// known for redaction.
			c, err := client.SDKCredentials(cfg.Credentials).Retrieve(ctx)
			if err != nil {
				return "", nil, r.usageError("no credentials from profile %s: %v", strconv.Quote(name), err), false
			}
			r.noteSecret(c.SecretAccessKey)
			r.noteSecret(c.SessionToken)
			return region, &c, 0, true
		}
	}
	if region == "" {
		return "", nil, r.noRegion(), false
	}
	return region, nil, 0, true // the environment's keys: see runner.credentials
}

// sharedFiles are the load options naming the shared files the runner's
// environment points at.
func (r *runner) sharedFiles() []func(*config.LoadOptions) error {
	var opts []func(*config.LoadOptions) error
	if f := r.getenv(envConfigFile); f != "" {
		opts = append(opts, config.WithSharedConfigFiles([]string{f}))
	}
	if f := r.getenv(envCredentialsFile); f != "" {
		opts = append(opts, config.WithSharedCredentialsFiles([]string{f}))
	}
	return opts
}

// profileExists reports whether a shared file defines the profile.
func (r *runner) profileExists(ctx context.Context, name string) bool {
	_, err := config.LoadSharedConfigProfile(ctx, name, func(o *config.LoadSharedConfigOptions) {
		if f := r.getenv(envConfigFile); f != "" {
			o.ConfigFiles = []string{f}
		}
		if f := r.getenv(envCredentialsFile); f != "" {
			o.CredentialsFiles = []string{f}
		}
	})
	var missing config.SharedConfigProfileNotExistError
	return err == nil || !errors.As(err, &missing)
}

// noteSecret adds a secret to those redacted from every output.
func (r *runner) noteSecret(s string) {
	if len(s) >= minRedactLen {
		r.secrets = append(r.secrets, s)
	}
}
