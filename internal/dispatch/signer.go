package dispatch

// SignerMissing is the error message of a call that needs the signer in a
// module built without it (-tags nosign, the core module: validation,
// building, schemas and response parsing only). The call's problems list is
// empty: nothing is wrong with its arguments.
const SignerMissing = "signRequest and buildAndSignRequest need the SigV4 signer, which this module leaves out: it is the core module (amplifybackend-core.wasm, built with -tags nosign). Load the full module to sign: amplifybackend.wasm (in JS, import from \"amplifybackend-wasm\" rather than \"amplifybackend-wasm/core\") or amplifybackend-wasip1.wasm."

// HasSigner reports whether this build includes the signer.
const HasSigner = hasSigner
