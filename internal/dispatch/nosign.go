//go:build nosign

package dispatch

import "github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"

// runSignRequest, in builds tagged nosign (the core module), refuses every
// call without reading it: the SigV4 signer, and with it net/http and
// crypto/tls, is not linked in. See SignerMissing.
func runSignRequest(dst, input []byte) ([]byte, *failure) {
	return nil, &failure{summary: SignerMissing}
}

// runBuildAndSignRequest, like runSignRequest, needs the signer.
func runBuildAndSignRequest(dst, input []byte) ([]byte, *failure) {
	return nil, &failure{summary: SignerMissing}
}

// The core module writes every result as Handle does: HandleSplit is
// Handle there (the JS glue uses handleSplit only when the module exports
// it, and the core module does not).
var splitBuildRequest, splitBuildAndSignRequest func(dst, input []byte) ([]byte, *string, *failure)

func appendRequest(dst []byte, r client.Request, _ bool) ([]byte, *string) {
	return r.AppendJSON(dst), nil
}

// hasSigner: this build leaves the signer out (see HasSigner).
const hasSigner = false
