package dispatchtest

import (
	"bytes"
	"os"
)

// BenchInputs returns the inputs of the benchmarks: an auth config check
// (testdata/auth/create-valid.json) and a build followed by a sign of a
// CreateBackendAuth request (testdata/operations/CreateBackendAuth.json).
// signPrefix and signSuffix surround the built request to make the
// signRequest input. dir is the repository's testdata directory.
func BenchInputs(dir string) (authConfig, build, signPrefix, signSuffix []byte, err error) {
	config, err := os.ReadFile(dir + "/auth/create-valid.json")
	if err != nil {
		return
	}
	input, err := os.ReadFile(dir + "/operations/CreateBackendAuth.json")
	if err != nil {
		return
	}
	authConfig = append(append([]byte(`{"mode":"create","config":`), bytes.TrimSpace(config)...), '}')
	build = append(append([]byte(`{"operation":"CreateBackendAuth","input":`), bytes.TrimSpace(input)...), `,"options":{"region":"us-east-1"}}`...)
	signPrefix = []byte(`{"request":`)
	signSuffix = []byte(`,"options":{"credentials":{"accessKeyId":"AKIDEXAMPLE","secretAccessKey":"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY","sessionToken":"TOKENEXAMPLE"},"region":"us-east-1","signingDate":"2024-05-01T10:00:00.000Z"}}`)
	return
}

// SignInput makes the signRequest input for a buildRequest output
// {"result": <request>}.
func SignInput(dst, buildOut, prefix, suffix []byte) []byte {
	req := buildOut[len(`{"result":`) : len(buildOut)-1]
	dst = append(dst[:0], prefix...)
	dst = append(dst, req...)
	return append(dst, suffix...)
}
