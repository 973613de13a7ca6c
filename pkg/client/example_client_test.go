package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/validate"
)

// Build turns user-facing JSON into the request to send; nothing is signed
// or sent.
func ExampleBuild() {
	req, err := client.Build("GetBackendJob", []byte(`{
		"AppId": "d2v6kx3qz7p1ab",
		"BackendEnvironmentName": "staging env",
		"JobId": "job/1"
	}`), client.BuildOptions{Region: "eu-west-1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(req.Method, req.URL)
	fmt.Println(req.Headers.Get("Host"), req.Body == nil)
	// Output:
	// GET https://amplifybackend.eu-west-1.amazonaws.com/backend/d2v6kx3qz7p1ab/job/staging%20env/job%2F1
	// amplifybackend.eu-west-1.amazonaws.com true
}

// Problems with the input and the options come back together, each with
// the JSON pointer of what it is about.
func ExampleBuild_problems() {
	_, err := client.Build("ListBackendJobs", []byte(`{"AppId": "", "MaxResults": 100}`),
		client.BuildOptions{Region: "us-east-1"})
	var verr *validate.Error
	if errors.As(err, &verr) {
		for _, p := range verr.Problems {
			fmt.Println(p.Path, p.Code)
		}
	}
	// Output:
	// /AppId empty
	// /MaxResults range
	// /BackendEnvironmentName required
}

// A Client validates, signs, sends (with retries) and decodes. Here it
// talks to a local stand-in for the service.
func ExampleClient() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Amzn-RequestId", "example-request")
		io.WriteString(w, `{"appId":"d2v6kx3qz7p1ab","backendEnvironmentName":"staging","jobId":"job-1","status":"IN_PROGRESS"}`)
	}))
	defer srv.Close()

	c, err := client.New(client.Options{
		Region:      "us-east-1",
		Credentials: client.StaticCredentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "example-secret"},
		Endpoint:    srv.URL,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := c.CreateBackendStorage(context.Background(), &types.CreateBackendStorageRequest{
		AppId:                  types.String("d2v6kx3qz7p1ab"),
		BackendEnvironmentName: types.String("staging"),
		ResourceName:           types.String("media"),
		ResourceConfig: &types.CreateBackendStorageResourceConfig{
			ServiceName: types.ServiceNameS3,
			Permissions: &types.BackendStoragePermissions{
				Authenticated: []types.AuthenticatedElement{types.AuthenticatedElementRead},
			},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*out.JobId, *out.Status, out.ResponseMetadata.RequestId)
	// Output: job-1 IN_PROGRESS example-request
}

// The paginator follows NextToken until the last page, or until MaxItems
// jobs have been returned.
func ExampleListBackendJobsPaginator() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if string(body) == `{}` {
			io.WriteString(w, `{"jobs":[{"appId":"a","backendEnvironmentName":"b","jobId":"1"}],"nextToken":"p2"}`)
			return
		}
		io.WriteString(w, `{"jobs":[{"appId":"a","backendEnvironmentName":"b","jobId":"2"}]}`)
	}))
	defer srv.Close()
	c, err := client.New(client.Options{
		Region:      "us-east-1",
		Credentials: client.StaticCredentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "example-secret"},
		Endpoint:    srv.URL,
		Clock:       func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := client.NewListBackendJobsPaginator(c, &types.ListBackendJobsRequest{
		AppId: types.String("a"), BackendEnvironmentName: types.String("b"),
	}, types.PaginatorConfig{MaxItems: 10})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, j := range page.Jobs {
			fmt.Println("job", *j.JobId)
		}
	}
	// Output:
	// job 1
	// job 2
}

// ExampleParseResponse reads a response that came from elsewhere (a proxy,
// a recorded exchange) exactly as a Client reads its own.
func ExampleParseResponse() {
	header := http.Header{"X-Amzn-Requestid": {"c0ffee"}, "X-Amzn-Errortype": {"NotFoundException"}}
	_, err := client.ParseResponse("GetBackend", 404, header, []byte(`{"message":"App d1 not found","resourceType":"App"}`))
	var nf *client.NotFoundException
	if errors.As(err, &nf) {
		fmt.Println(nf.ResourceType, nf.ErrorFault())
	}
	fmt.Println(err)

	out, _ := client.ParseResponse("GetBackend", 200, http.Header{}, []byte(`{"appId":"d1","appName":"shop"}`))
	fmt.Println(*out.(*types.GetBackendResponse).AppName)
	// Output:
	// App client
	// amplifybackend: NotFoundException: App d1 not found (HTTP 404, resource type App, request ID c0ffee)
	// shop
}
