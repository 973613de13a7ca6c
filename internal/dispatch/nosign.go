//go:build nosign

package dispatch

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

// hasSigner: this build leaves the signer out (see HasSigner).
const hasSigner = false
