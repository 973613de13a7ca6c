//go:build !wasm

package client

import (
	"context"
	"errors"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// NewFromConfig returns a Client configured from an aws-sdk-go-v2 aws.Config,
// as the SDK's own service clients are, so that config.LoadDefaultConfig
// (environment, shared config and credentials files with profiles, SSO, web
// identity, container and EC2 instance roles) supplies the region and the
// credentials:
//
//   - Region: cfg.Region.
//   - Credentials: cfg.Credentials, any aws.CredentialsProvider, wrapped in
//     an aws.CredentialsCache unless it already is one (so expiring
//     credentials are refreshed before they expire, once for concurrent
//     calls); the session token of temporary credentials is signed.
//   - Endpoint: cfg.BaseEndpoint, when set.
//   - UseFIPSEndpoint and UseDualStackEndpoint: from cfg.ConfigSources
//     (AWS_USE_FIPS_ENDPOINT, use_fips_endpoint, AWS_USE_DUALSTACK_ENDPOINT,
//     use_dualstack_endpoint), as the SDK's clients read them.
//   - HTTP: cfg.HTTPClient, any aws.HTTPClient.
//   - MaxAttempts: cfg.RetryMaxAttempts when set, else the MaxAttempts of
//     cfg.Retryer when set. The retry policy itself stays this client's
//     (throttling, 5xx and transport errors; capped exponential backoff
//     with full jitter).
//   - AppID: cfg.AppID, sent in the User-Agent header.
//
// optFns then change the Options, as for the SDK's clients. Unlike them,
// NewFromConfig reports bad options at once, as New does (a missing region
// or credentials, a region in no partition), instead of at the first call.
//
// # Notes
//
// NewFromConfig is not built for GOOS=js or wasip1 (the WebAssembly modules of
// this repository, whose hosts pass credentials in, carry not a byte of
// it); internal/wasmhost's tests check that neither this function nor
// config.LoadDefaultConfig is linked there.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) (*Client, error) {
	opts := Options{
		Region: cfg.Region,
		AppID:  cfg.AppID,
	}
	if cfg.HTTPClient != nil {
		hc, ok := cfg.HTTPClient.(*http.Client)
		if !ok {
			// Any other aws.HTTPClient (such as the SDK's
			// awshttp.BuildableClient) sends through a Transport.
			hc = &http.Client{Transport: doerTransport{cfg.HTTPClient}}
		}
		opts.HTTPClient = hc
	}
	var anonymous bool
	if cfg.Credentials != nil {
		if _, anonymous = cfg.Credentials.(aws.AnonymousCredentials); !anonymous {
			opts.Credentials = SDKCredentials(cfg.Credentials)
		}
	}
	if cfg.BaseEndpoint != nil {
		opts.Endpoint = *cfg.BaseEndpoint
	}
	switch {
	case cfg.RetryMaxAttempts > 0:
		opts.MaxAttempts = cfg.RetryMaxAttempts
	case cfg.Retryer != nil:
		if r := cfg.Retryer(); r != nil {
			opts.MaxAttempts = r.MaxAttempts()
		}
	}
	var ps []validate.Problem
	ctx := context.Background()
	fipsFound, dualStackFound := false, false // the first source that has a setting wins
	for _, src := range cfg.ConfigSources {
		if p, ok := src.(interface {
			GetUseFIPSEndpoint(context.Context) (aws.FIPSEndpointState, bool, error)
		}); ok {
			if v, found, err := p.GetUseFIPSEndpoint(ctx); err != nil {
				ps = append(ps, validate.Problem{Path: "/useFipsEndpoint", Code: validate.CodeInvalid, Message: "The FIPS endpoint setting cannot be read: " + err.Error()})
			} else if found && !fipsFound {
				opts.UseFIPSEndpoint, fipsFound = v == aws.FIPSEndpointStateEnabled, true
			}
		}
		if p, ok := src.(interface {
			GetUseDualStackEndpoint(context.Context) (aws.DualStackEndpointState, bool, error)
		}); ok {
			if v, found, err := p.GetUseDualStackEndpoint(ctx); err != nil {
				ps = append(ps, validate.Problem{Path: "/useDualstackEndpoint", Code: validate.CodeInvalid, Message: "The dual-stack endpoint setting cannot be read: " + err.Error()})
			} else if found && !dualStackFound {
				opts.UseDualStackEndpoint, dualStackFound = v == aws.DualStackEndpointStateEnabled, true
			}
		}
	}
	for _, fn := range optFns {
		fn(&opts)
	}
	if anonymous && opts.Credentials == nil {
		ps = append(ps, validate.Problem{Path: "/credentials", Code: validate.CodeInvalid,
			Message: "Anonymous credentials cannot be used: the AmplifyBackend service only takes signed requests."})
	}
	c, err := New(opts)
	if err != nil {
		var verr *validate.Error
		if errors.As(err, &verr) {
			for _, p := range verr.Problems {
				if !(anonymous && p.Path == "/credentials") { // said better above
					ps = append(ps, p)
				}
			}
			verr.Problems = ps
		}
		return nil, err
	}
	if len(ps) > 0 {
		return nil, &validate.Error{Problems: ps}
	}
	return c, nil
}

// SDKCredentials adapts an aws-sdk-go-v2 credentials provider (for example
// the one config.LoadDefaultConfig resolves, or credentials.NewStaticCredentialsProvider)
// to a CredentialsProvider, caching it with aws.CredentialsCache semantics:
// a provider that is not already an *aws.CredentialsCache is wrapped in one.
func SDKCredentials(p aws.CredentialsProvider) CredentialsProvider {
	if p == nil {
		return nil
	}
	if _, ok := p.(*aws.CredentialsCache); !ok {
		p = aws.NewCredentialsCache(p)
	}
	return sdkCredentials{p}
}

type sdkCredentials struct{ p aws.CredentialsProvider }

func (s sdkCredentials) Retrieve(ctx context.Context) (Credentials, error) {
	c, err := s.p.Retrieve(ctx)
	if err != nil {
		return Credentials{}, err
	}
	return Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}, nil
}

// String describes the provider without its credentials.
func (s sdkCredentials) String() string { return "client.SDKCredentials" }

// doerTransport sends an http.Client's requests through an aws.HTTPClient.
type doerTransport struct{ d aws.HTTPClient }

func (t doerTransport) RoundTrip(r *http.Request) (*http.Response, error) { return t.d.Do(r) }
