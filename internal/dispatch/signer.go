package dispatch

// SignerMissing is the error message of a call that needs the signer in a
// module built without it (-tags nosign, the core module: validation,
// building, schemas and response parsing only). The call's problems list is
// empty: nothing is wrong with its arguments.
const SignerMissing = "signRequest needs the SigV4 signer, which this module leaves out: it is the core module (amplifybackend-core.wasm, built with -tags nosign). Load the full module to sign: in JS, init() or init({module: \"full\"}); elsewhere, amplifybackend.wasm or amplifybackend-wasip1.wasm."

// HasSigner reports whether this build includes the signer.
const HasSigner = hasSigner
