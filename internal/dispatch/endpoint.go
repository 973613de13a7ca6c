package dispatch

import (
	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/jsonfast"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

var (
	endpointMembers       = members([]string{"options"}, "")
	endpointOptionMembers = members([]string{"region", "endpoint", "useFipsEndpoint", "useDualstackEndpoint"}, "/options")
)

// runResolveEndpoint resolves the endpoint of buildRequest's options from
// the service's endpoint rule set: the URL requests go to and the region
// and service name they are signed for, so that a host that sends (the JS
// send) signs for what the rules say, as the Go client does.
func runResolveEndpoint(dst, input []byte) ([]byte, *failure) {
	s := newScanner(input)
	var opts client.BuildOptions
	s.object("", "the arguments of resolveEndpoint", endpointMembers, func(name, path string) {
		if s.isNull() {
			return
		}
		s.object(path, "the options of resolveEndpoint", endpointOptionMembers, func(name, path string) {
			s.endpointOption(name, path, &opts)
		})
	})
	if len(s.probs) > 0 {
		return nil, envelopeFailure("resolveEndpoint", s.probs)
	}
	ep, err := client.ResolveEndpoint(opts)
	if err != nil {
		ps := []validate.Problem{{Code: validate.CodeInvalid, Message: "The endpoint could not be resolved."}}
		if ve, ok := err.(*validate.Error); ok {
			ps = ve.Problems
		}
		for i := range ps {
			ps[i].Path = "/options" + ps[i].Path
		}
		return nil, &failure{summary: "Cannot resolve the endpoint (" + problemCount(len(ps)) + "):", probs: ps}
	}
	dst = append(dst, `{"url":`...)
	dst = jsonfast.AppendString(dst, ep.URL)
	dst = append(dst, `,"signingRegion":`...)
	dst = jsonfast.AppendString(dst, ep.SigningRegion)
	dst = append(dst, `,"signingName":`...)
	dst = jsonfast.AppendString(dst, ep.SigningName)
	return append(dst, '}'), nil
}
