package localservice_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// TestConcurrentWrites: many goroutines create and update resources at
// once (run under -race in make test-go); every write that got a 2xx is
// visible afterwards.
func TestConcurrentWrites(t *testing.T) {
	_, c := start(t, localservice.Options{})
	ctx := context.Background()
	must[*types.CreateBackendResponse](t)(c.CreateBackend(ctx, &types.CreateBackendRequest{AppId: app, AppName: app, BackendEnvironmentName: dev}))
	const workers, each = 8, 12
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				name := types.String(fmt.Sprintf("api-%d-%d", w, i))
				if _, err := c.CreateBackendAPI(ctx, &types.CreateBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: name,
					ResourceConfig: &types.BackendAPIResourceConfig{ApiName: name, TransformSchema: types.String("v0")}}); err != nil {
					errs <- err
					return
				}
				if _, err := c.UpdateBackendAPI(ctx, &types.UpdateBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: name,
					ResourceConfig: &types.BackendAPIResourceConfig{TransformSchema: types.String(fmt.Sprintf("v%d", i+1))}}); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for w := 0; w < workers; w++ {
		for i := 0; i < each; i++ {
			name := fmt.Sprintf("api-%d-%d", w, i)
			g, err := c.GetBackendAPI(ctx, &types.GetBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: &name})
			if err != nil {
				t.Fatal(err)
			}
			if *g.ResourceConfig.ApiName != name || *g.ResourceConfig.TransformSchema != fmt.Sprintf("v%d", i+1) {
				t.Fatalf("%s: %+v", name, g.ResourceConfig)
			}
		}
	}
	n := 0
	p := client.NewListBackendJobsPaginator(c, &types.ListBackendJobsRequest{AppId: app, BackendEnvironmentName: dev}, types.PaginatorConfig{})
	for p.HasMorePages() {
		n += len(must[*types.ListBackendJobsResponse](t)(p.NextPage(ctx)).Jobs)
	}
	if want := 1 + 2*workers*each; n != want {
		t.Fatalf("%d jobs, want %d", n, want)
	}
}

// TestPagingWhileAdding: a listing paged with every MaxResults from 1 to 25
// while other goroutines add jobs returns every job that existed when it
// started exactly once, and never a job twice.
func TestPagingWhileAdding(t *testing.T) {
	_, c := start(t, localservice.Options{})
	ctx := context.Background()
	must[*types.CreateBackendResponse](t)(c.CreateBackend(ctx, &types.CreateBackendRequest{AppId: app, AppName: app, BackendEnvironmentName: dev}))
	for i := 0; i < 30; i++ {
		must[*types.CreateBackendAuthResponse](t)(c.CreateBackendAuth(ctx, &types.CreateBackendAuthRequest{AppId: app, BackendEnvironmentName: dev,
			ResourceName: types.String(fmt.Sprintf("a%d", i)), ResourceConfig: authConfig()}))
	}
	var before []string
	p := client.NewListBackendJobsPaginator(c, &types.ListBackendJobsRequest{AppId: app, BackendEnvironmentName: dev}, types.PaginatorConfig{})
	for p.HasMorePages() {
		for _, j := range must[*types.ListBackendJobsResponse](t)(p.NextPage(ctx)).Jobs {
			before = append(before, *j.JobId)
		}
	}
	if len(before) != 31 {
		t.Fatalf("%d jobs", len(before))
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 150; i++ { // bounded, so that size-1 paging ends soon
			select {
			case <-stop:
				return
			default:
			}
			if _, err := c.UpdateBackendAuth(ctx, &types.UpdateBackendAuthRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("a1"),
				ResourceConfig: &types.UpdateBackendAuthResourceConfig{AuthResources: types.AuthResourcesUserPoolOnly, Service: types.ServiceCognito,
					UserPoolConfigs: &types.UpdateBackendAuthUserPoolConfig{}}}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for size := int32(1); size <= 25; size++ {
		seen := map[string]int{}
		p := client.NewListBackendJobsPaginator(c, &types.ListBackendJobsRequest{AppId: app, BackendEnvironmentName: dev}, types.PaginatorConfig{PageSize: size})
		for p.HasMorePages() {
			page := must[*types.ListBackendJobsResponse](t)(p.NextPage(ctx))
			if len(page.Jobs) > int(size) {
				t.Fatalf("page of %d with MaxResults %d", len(page.Jobs), size)
			}
			for _, j := range page.Jobs {
				seen[*j.JobId]++
			}
		}
		for id, n := range seen {
			if n != 1 {
				t.Fatalf("MaxResults %d: job %s listed %d times", size, id, n)
			}
		}
		for _, id := range before {
			if seen[id] != 1 {
				t.Fatalf("MaxResults %d: job %s missing", size, id)
			}
		}
	}
	close(stop)
	wg.Wait()
}
