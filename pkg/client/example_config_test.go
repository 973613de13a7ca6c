//go:build !wasm

package client_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// NewFromConfig takes the aws.Config of aws-sdk-go-v2: config.LoadDefaultConfig
// finds the region and credentials as every AWS SDK does (environment,
// shared config and credentials files and their profiles, SSO, roles).
// Here the region and static credentials are given, and the requests go to a
// local stand-in for the service; without the options, LoadDefaultConfig
// reads AWS_REGION, AWS_PROFILE, ~/.aws/config and the rest.
func ExampleNewFromConfig() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Header.Get("X-Amz-Security-Token"), r.Header.Get("User-Agent"))
		io.WriteString(w, `{"appId":"d2v6kx3qz7p1ab","appName":"shop"}`)
	}))
	defer srv.Close()

	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithRegion("eu-central-1"),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "example-secret", "example-session-token")),
		config.WithBaseEndpoint(srv.URL),
		config.WithAppID("shop-admin"),
	)
	if err != nil {
		log.Fatal(err)
	}
	c, err := client.NewFromConfig(cfg, func(o *client.Options) { o.MaxAttempts = 1 })
	if err != nil {
		log.Fatal(err)
	}
	out, err := c.GetBackend(context.Background(), &types.GetBackendRequest{AppId: types.String("d2v6kx3qz7p1ab")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*out.AppName)
	// Output:
	// example-session-token amplifybackend-wasm-go app/shop-admin
	// shop
}
