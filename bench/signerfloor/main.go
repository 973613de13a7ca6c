//go:build js && wasm

// Command signerfloor is the floor of bench/run.mjs's cold start: a GOOS=js module holding only
// net/http and the aws-sdk-go-v2 SigV4 signer, which signs one request the size of the
// benchmark's CreateBackendAuth and hands its Authorization header to JS. Every Go-built module
// that signs with this signer pays its start-up; the difference between this floor and our
// module's cold start is what validation, building and the dispatcher add.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"syscall/js"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

func main() {
	body := `{"resourceConfig":{"authResources":"USER_POOL_ONLY","service":"COGNITO","userPoolConfigs":{"signInMethod":"EMAIL","userPoolName":"floor"}},"resourceName":"floor","backendEnvironmentName":"staging"}`
	r, err := http.NewRequest("POST", "https://amplifybackend.us-east-1.amazonaws.com/backend/d1a2b3c4example/auth", strings.NewReader(body))
	if err != nil {
		panic(err)
	}
	r.Header.Set("Content-Type", "application/json")
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), "amplifybackend", "us-east-1", time.Now()); err != nil {
		panic(err)
	}
	js.Global().Set("signerFloorAuthorization", r.Header.Get("Authorization"))
}
