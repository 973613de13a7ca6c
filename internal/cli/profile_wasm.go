//go:build wasm

package cli

import "github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"

// callSettings resolves the region of a call from --region, $AWS_REGION and
// $AWS_DEFAULT_REGION; the credentials are the environment's (nil: see
// runner.credentials). The WebAssembly build reads no shared files: its
// hosts give it the environment only, and aws-sdk-go-v2/config stays out
// of the module (profile_other.go is the native binary's).
func (r *runner) callSettings(f endpointFlags) (region string, creds *client.Credentials, code int, ok bool) {
	if f.profile != nil && *f.profile != "" {
		return "", nil, r.usageError("--profile needs the native binary: this one takes credentials from the environment only"), false
	}
	if region = r.region(*f.region); region == "" {
		return "", nil, r.noRegion(), false
	}
	return region, nil, 0, true
}
