//go:build !nosign

package localservice

import (
	"github.com/mailru/easyjson/jlexer"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// shape is a value of package types: its easyjson codecs read and write
// the wire form.
type shape interface {
	ShapeName() string
	MarshalJSON() ([]byte, error)
	UnmarshalEasyJSON(l *jlexer.Lexer)
}

// shapes gives each operation's input and output types; a test checks it
// against the model's operation table.
var shapes = map[string]struct{ in, out func() shape }{
	"CloneBackend":             {func() shape { return new(types.CloneBackendRequest) }, func() shape { return new(types.CloneBackendResponse) }},
	"CreateBackend":            {func() shape { return new(types.CreateBackendRequest) }, func() shape { return new(types.CreateBackendResponse) }},
	"CreateBackendAPI":         {func() shape { return new(types.CreateBackendAPIRequest) }, func() shape { return new(types.CreateBackendAPIResponse) }},
	"CreateBackendAuth":        {func() shape { return new(types.CreateBackendAuthRequest) }, func() shape { return new(types.CreateBackendAuthResponse) }},
	"CreateBackendConfig":      {func() shape { return new(types.CreateBackendConfigRequest) }, func() shape { return new(types.CreateBackendConfigResponse) }},
	"CreateBackendStorage":     {func() shape { return new(types.CreateBackendStorageRequest) }, func() shape { return new(types.CreateBackendStorageResponse) }},
	"CreateToken":              {func() shape { return new(types.CreateTokenRequest) }, func() shape { return new(types.CreateTokenResponse) }},
	"DeleteBackend":            {func() shape { return new(types.DeleteBackendRequest) }, func() shape { return new(types.DeleteBackendResponse) }},
	"DeleteBackendAPI":         {func() shape { return new(types.DeleteBackendAPIRequest) }, func() shape { return new(types.DeleteBackendAPIResponse) }},
	"DeleteBackendAuth":        {func() shape { return new(types.DeleteBackendAuthRequest) }, func() shape { return new(types.DeleteBackendAuthResponse) }},
	"DeleteBackendStorage":     {func() shape { return new(types.DeleteBackendStorageRequest) }, func() shape { return new(types.DeleteBackendStorageResponse) }},
	"DeleteToken":              {func() shape { return new(types.DeleteTokenRequest) }, func() shape { return new(types.DeleteTokenResponse) }},
	"GenerateBackendAPIModels": {func() shape { return new(types.GenerateBackendAPIModelsRequest) }, func() shape { return new(types.GenerateBackendAPIModelsResponse) }},
	"GetBackend":               {func() shape { return new(types.GetBackendRequest) }, func() shape { return new(types.GetBackendResponse) }},
	"GetBackendAPI":            {func() shape { return new(types.GetBackendAPIRequest) }, func() shape { return new(types.GetBackendAPIResponse) }},
	"GetBackendAPIModels":      {func() shape { return new(types.GetBackendAPIModelsRequest) }, func() shape { return new(types.GetBackendAPIModelsResponse) }},
	"GetBackendAuth":           {func() shape { return new(types.GetBackendAuthRequest) }, func() shape { return new(types.GetBackendAuthResponse) }},
	"GetBackendJob":            {func() shape { return new(types.GetBackendJobRequest) }, func() shape { return new(types.GetBackendJobResponse) }},
	"GetBackendStorage":        {func() shape { return new(types.GetBackendStorageRequest) }, func() shape { return new(types.GetBackendStorageResponse) }},
	"GetToken":                 {func() shape { return new(types.GetTokenRequest) }, func() shape { return new(types.GetTokenResponse) }},
	"ImportBackendAuth":        {func() shape { return new(types.ImportBackendAuthRequest) }, func() shape { return new(types.ImportBackendAuthResponse) }},
	"ImportBackendStorage":     {func() shape { return new(types.ImportBackendStorageRequest) }, func() shape { return new(types.ImportBackendStorageResponse) }},
	"ListBackendJobs":          {func() shape { return new(types.ListBackendJobsRequest) }, func() shape { return new(types.ListBackendJobsResponse) }},
	"ListS3Buckets":            {func() shape { return new(types.ListS3BucketsRequest) }, func() shape { return new(types.ListS3BucketsResponse) }},
	"RemoveAllBackends":        {func() shape { return new(types.RemoveAllBackendsRequest) }, func() shape { return new(types.RemoveAllBackendsResponse) }},
	"RemoveBackendConfig":      {func() shape { return new(types.RemoveBackendConfigRequest) }, func() shape { return new(types.RemoveBackendConfigResponse) }},
	"UpdateBackendAPI":         {func() shape { return new(types.UpdateBackendAPIRequest) }, func() shape { return new(types.UpdateBackendAPIResponse) }},
	"UpdateBackendAuth":        {func() shape { return new(types.UpdateBackendAuthRequest) }, func() shape { return new(types.UpdateBackendAuthResponse) }},
	"UpdateBackendConfig":      {func() shape { return new(types.UpdateBackendConfigRequest) }, func() shape { return new(types.UpdateBackendConfigResponse) }},
	"UpdateBackendJob":         {func() shape { return new(types.UpdateBackendJobRequest) }, func() shape { return new(types.UpdateBackendJobResponse) }},
	"UpdateBackendStorage":     {func() shape { return new(types.UpdateBackendStorageRequest) }, func() shape { return new(types.UpdateBackendStorageResponse) }},
}
