package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

const benchURL = "https://amplifybackend.us-east-1.amazonaws.com/backend/app123/auth"

var benchTime = time.Date(2024, 5, 17, 10, 30, 0, 0, time.UTC)

var benchCreds = Credentials{
	AccessKeyID:     "AKIAIOSFODNN7EXAMPLE",
	SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}

// benchBody is a CreateBackendAuth input of about 1.5 KB.
var benchBody = func() string {
	var b strings.Builder
	b.WriteString(`{"backendEnvironmentName":"staging","resourceName":"amplifyAuthResource","resourceConfig":{"authResources":"USER_POOL_AND_IDENTITY_POOL","service":"COGNITO","identityPoolConfigs":{"identityPoolName":"benchIdentityPool","unauthenticatedLogin":false},"userPoolConfigs":{"userPoolName":"benchUserPool","signInMethod":"EMAIL","requiredSignUpAttributes":["EMAIL","NAME","PHONE_NUMBER"],"mfa":{"MFAMode":"OPTIONAL","settings":{"mfaTypes":["SMS","TOTP"],"smsMessage":"Your code is {####}"}},"passwordPolicy":{"minimumLength":12,"additionalConstraints":["REQUIRE_DIGIT","REQUIRE_LOWERCASE","REQUIRE_SYMBOL","REQUIRE_UPPERCASE"]},"forgotPassword":{"deliveryMethod":"EMAIL","emailSettings":{"emailMessage":"Your verification code is {####}","emailSubject":"Reset your password"}},"verificationMessage":{"deliveryMethod":"EMAIL","emailSettings":{"emailMessage":"Your verification code is {####}","emailSubject":"Verify your email"}},"oAuth":{"domainPrefix":"bench-app","oAuthGrantType":"CODE","oAuthScopes":["EMAIL","OPENID","PROFILE","AWS_COGNITO_SIGNIN_USER_ADMIN"],"redirectSignInURIs":[`)
	for i := 0; i < 8; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"https://app` + strconv.Itoa(i) + `.example.com/callback/signin"`)
	}
	b.WriteString(`],"redirectSignOutURIs":[`)
	for i := 0; i < 8; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"https://app` + strconv.Itoa(i) + `.example.com/callback/signout"`)
	}
	b.WriteString(`],"socialProviderSettings":{"Google":{"client_id":"123456789012-abcdefghijklmnopqrstuvwxyz.apps.googleusercontent.com","client_secret":"GOCSPX-benchmarksecretvalue"}}}}}}`)
	return b.String()
}()

// BenchmarkSignBare is the floor: the aws-sdk-go-v2 signer alone, on one
// *http.Request that is signed again each iteration, with the payload hash
// computed in the loop as a real caller must.
func BenchmarkSignBare(b *testing.B) {
	sign := newBareSign(b)
	b.SetBytes(int64(len(benchBody)))
	b.ReportAllocs()
	for b.Loop() {
		sign()
	}
}

// newBareSign returns one operation of BenchmarkSignBare: the payload hash
// and SignHTTP, on one *http.Request made here.
func newBareSign(b *testing.B) func() {
	signer := v4.NewSigner()
	creds := aws.Credentials{AccessKeyID: benchCreds.AccessKeyID, SecretAccessKey: benchCreds.SecretAccessKey}
	body := []byte(benchBody)
	req, err := http.NewRequest(http.MethodPost, benchURL, bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	ctx := context.Background()
	return func() {
		sum := sha256.Sum256(body)
		if err := signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "amplifybackend", "us-east-1", benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignBareNewRequest is BenchmarkSignBare with a new *http.Request
// per iteration (http.NewRequest), as a caller signing distinct requests
// needs.
func BenchmarkSignBareNewRequest(b *testing.B) {
	signer := v4.NewSigner()
	creds := aws.Credentials{AccessKeyID: benchCreds.AccessKeyID, SecretAccessKey: benchCreds.SecretAccessKey}
	body := []byte(benchBody)
	ctx := context.Background()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequest(http.MethodPost, benchURL, bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		sum := sha256.Sum256(body)
		if err := signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "amplifybackend", "us-east-1", benchTime); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSign is Sign (validation, payload hash, signing, the returned
// Request) on the same request and inputs as BenchmarkSignBare.
func BenchmarkSign(b *testing.B) {
	body := benchBody
	req := Request{
		Method:  http.MethodPost,
		URL:     benchURL,
		Headers: Header{"Content-Type": {"application/json"}},
		Body:    &body,
	}
	opts := SignOptions{Credentials: benchCreds, Region: "us-east-1", Time: benchTime}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sign(req, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignPresign is Sign with Presign on the same request.
func BenchmarkSignPresign(b *testing.B) {
	body := benchBody
	req := Request{
		Method:  http.MethodPost,
		URL:     benchURL,
		Headers: Header{"Content-Type": {"application/json"}},
		Body:    &body,
	}
	opts := SignOptions{Credentials: benchCreds, Region: "us-east-1", Time: benchTime, Presign: true}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sign(req, opts); err != nil {
			b.Fatal(err)
		}
	}
}
