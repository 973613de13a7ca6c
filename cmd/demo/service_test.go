package main

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// TestServiceOnTheSameOrigin: the API's paths reach the local service (a
// signed request works, with the page's security headers), the rest stays
// the file server.
func TestServiceOnTheSameOrigin(t *testing.T) {
	api, err := localservice.New(localservice.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(withService(newServer(fakeRoot(t, true)), api))
	defer ts.Close()
	c, err := client.New(client.Options{Region: api.Region(), Endpoint: ts.URL, Credentials: client.StaticCredentials(localservice.TestCredentials)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.CreateBackend(ctx, &types.CreateBackendRequest{AppId: types.String("a1"), AppName: types.String("a"), BackendEnvironmentName: types.String("dev")}); err != nil {
		t.Fatal(err)
	}
	out, err := c.GetBackend(ctx, &types.GetBackendRequest{AppId: types.String("a1")})
	if err != nil {
		t.Fatal(err)
	}
	if out.ResponseMetadata.HTTPHeaders["content-security-policy"] != ContentSecurityPolicy {
		t.Fatalf("API response headers: %v", out.ResponseMetadata.HTTPHeaders)
	}
	resp, err := ts.Client().Get(ts.URL + "/index.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("index.html: %d", resp.StatusCode)
	}
	for _, p := range []string{"/backend", "/backend/x/details", "/s3Buckets"} {
		if !isAPIPath(p) {
			t.Errorf("%s is not an API path", p)
		}
	}
	for _, p := range []string{"/", "/backendx", "/js/index.js", "/s3"} {
		if isAPIPath(p) {
			t.Errorf("%s is an API path", p)
		}
	}
}
