package localservice_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/client"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/types"
)

// start runs a local service for the test and returns a client for it.
func start(t *testing.T, opts localservice.Options) (*localservice.Server, *client.Client) {
	t.Helper()
	srv, err := localservice.Start("", opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	c, err := client.New(srv.ClientOptions())
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func wantNotFound(t *testing.T, err error, resourceType string) {
	t.Helper()
	var nf *client.NotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("want NotFoundException (%s), got %v", resourceType, err)
	}
	if nf.ResourceType != resourceType {
		t.Fatalf("NotFoundException resource type %q, want %q", nf.ResourceType, resourceType)
	}
	if nf.RequestID == "" {
		t.Fatal("NotFoundException without a request ID")
	}
}

var (
	app = types.String("app1")
	dev = types.String("dev")
)

func authConfig() *types.CreateBackendAuthResourceConfig {
	return &types.CreateBackendAuthResourceConfig{
		AuthResources: types.AuthResourcesUserPoolOnly,
		Service:       types.ServiceCognito,
		UserPoolConfigs: &types.CreateBackendAuthUserPoolConfig{
			UserPoolName:             types.String("pool1"),
			SignInMethod:             types.SignInMethodEmail,
			RequiredSignUpAttributes: []types.RequiredSignUpAttributesElement{types.RequiredSignUpAttributesElementEmail},
			PasswordPolicy: &types.CreateBackendAuthPasswordPolicyConfig{
				MinimumLength: types.Float64(8),
			},
		},
	}
}

// TestLifecycle runs every operation through our Go client: a backend with
// auth, API and storage, read back, updated, jobs listed and paged, cloned,
// tokens, config, and everything deleted.
func TestLifecycle(t *testing.T) {
	_, c := start(t, localservice.Options{})
	ctx := context.Background()

	cb := must[*types.CreateBackendResponse](t)(c.CreateBackend(ctx, &types.CreateBackendRequest{
		AppId: app, AppName: types.String("My app"), BackendEnvironmentName: dev,
		ResourceConfig: types.ResourceConfig{}, ResourceName: types.String("main"),
	}))
	if *cb.Operation != "CreateBackend" || *cb.Status != "COMPLETED" || *cb.JobId == "" {
		t.Fatalf("CreateBackend: %+v", cb)
	}
	gb := must[*types.GetBackendResponse](t)(c.GetBackend(ctx, &types.GetBackendRequest{AppId: app, BackendEnvironmentName: dev}))
	if *gb.AppName != "My app" || !reflect.DeepEqual(gb.BackendEnvironmentList, []string{"dev"}) || *gb.BackendEnvironmentName != "dev" {
		t.Fatalf("GetBackend: %+v", gb)
	}

	// Auth: Create -> Get returns what was sent.
	must[*types.CreateBackendAuthResponse](t)(c.CreateBackendAuth(ctx, &types.CreateBackendAuthRequest{
		AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("auth1"), ResourceConfig: authConfig(),
	}))
	ga := must[*types.GetBackendAuthResponse](t)(c.GetBackendAuth(ctx, &types.GetBackendAuthRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("auth1")}))
	if !reflect.DeepEqual(ga.ResourceConfig, authConfig()) {
		t.Fatalf("GetBackendAuth config differs:\n got %#v\nwant %#v", ga.ResourceConfig, authConfig())
	}
	// Update changes only the members given.
	must[*types.UpdateBackendAuthResponse](t)(c.UpdateBackendAuth(ctx, &types.UpdateBackendAuthRequest{
		AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("auth1"),
		ResourceConfig: &types.UpdateBackendAuthResourceConfig{
			AuthResources: types.AuthResourcesUserPoolOnly, Service: types.ServiceCognito,
			UserPoolConfigs: &types.UpdateBackendAuthUserPoolConfig{
				PasswordPolicy: &types.UpdateBackendAuthPasswordPolicyConfig{MinimumLength: types.Float64(12)},
			},
		},
	}))
	ga = must[*types.GetBackendAuthResponse](t)(c.GetBackendAuth(ctx, &types.GetBackendAuthRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("auth1")}))
	want := authConfig()
	want.UserPoolConfigs.PasswordPolicy.MinimumLength = types.Float64(12)
	if !reflect.DeepEqual(ga.ResourceConfig, want) {
		t.Fatalf("after UpdateBackendAuth:\n got %#v\nwant %#v", ga.ResourceConfig, want)
	}
	must[*types.ImportBackendAuthResponse](t)(c.ImportBackendAuth(ctx, &types.ImportBackendAuthRequest{
		AppId: app, BackendEnvironmentName: dev, UserPoolId: types.String("us-east-1_abc"),
		NativeClientId: types.String("native"), WebClientId: types.String("web"),
	}))

	// GetBackend's AmplifyMetaConfig shows the resources and the imported ids.
	gb = must[*types.GetBackendResponse](t)(c.GetBackend(ctx, &types.GetBackendRequest{AppId: app, BackendEnvironmentName: dev}))
	var meta map[string]map[string]map[string]any
	if err := json.Unmarshal([]byte(*gb.AmplifyMetaConfig), &meta); err != nil {
		t.Fatal(err)
	}
	if meta["auth"]["auth1"]["service"] != "COGNITO" {
		t.Fatalf("AmplifyMetaConfig auth: %v", meta["auth"])
	}
	if out, _ := meta["auth"]["imported1"]["output"].(map[string]any); out["userPoolId"] != "us-east-1_abc" || out["webClientId"] != "web" {
		t.Fatalf("AmplifyMetaConfig imported auth: %v", meta["auth"])
	}

	// API, models.
	apiCfg := &types.BackendAPIResourceConfig{
		ApiName: types.String("api1"), Service: types.String("AppSync"),
		TransformSchema: types.String("type Todo @model { id: ID! }"),
		DefaultAuthType: &types.BackendAPIAuthType{Mode: types.ModeApiKey, Settings: &types.BackendAPIAppSyncAuthSettings{ExpirationTime: types.Float64(7)}},
	}
	must[*types.CreateBackendAPIResponse](t)(c.CreateBackendAPI(ctx, &types.CreateBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1"), ResourceConfig: apiCfg}))
	gapi := must[*types.GetBackendAPIResponse](t)(c.GetBackendAPI(ctx, &types.GetBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1")}))
	if !reflect.DeepEqual(gapi.ResourceConfig, apiCfg) {
		t.Fatalf("GetBackendAPI:\n got %#v\nwant %#v", gapi.ResourceConfig, apiCfg)
	}
	_, err := c.GetBackendAPIModels(ctx, &types.GetBackendAPIModelsRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1")})
	wantNotFound(t, err, "BackendAPIModels")
	must[*types.GenerateBackendAPIModelsResponse](t)(c.GenerateBackendAPIModels(ctx, &types.GenerateBackendAPIModelsRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1")}))
	gm := must[*types.GetBackendAPIModelsResponse](t)(c.GetBackendAPIModels(ctx, &types.GetBackendAPIModelsRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1")}))
	if gm.Status != types.StatusLatest || gm.Models == nil || gm.ModelIntrospectionSchema == nil {
		t.Fatalf("GetBackendAPIModels: %+v", gm)
	}
	must[*types.UpdateBackendAPIResponse](t)(c.UpdateBackendAPI(ctx, &types.UpdateBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1"),
		ResourceConfig: &types.BackendAPIResourceConfig{TransformSchema: types.String("type Note @model { id: ID! }")}}))
	gm = must[*types.GetBackendAPIModelsResponse](t)(c.GetBackendAPIModels(ctx, &types.GetBackendAPIModelsRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1")}))
	if gm.Status != types.StatusStale {
		t.Fatalf("models after a schema change: %q, want STALE", gm.Status)
	}
	gapi = must[*types.GetBackendAPIResponse](t)(c.GetBackendAPI(ctx, &types.GetBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1")}))
	if *gapi.ResourceConfig.ApiName != "api1" || *gapi.ResourceConfig.TransformSchema != "type Note @model { id: ID! }" {
		t.Fatalf("UpdateBackendAPI changed more than given: %+v", gapi.ResourceConfig)
	}

	// Storage, created and imported; ListS3Buckets lists both.
	perms := &types.BackendStoragePermissions{Authenticated: []types.AuthenticatedElement{types.AuthenticatedElementRead}}
	must[*types.CreateBackendStorageResponse](t)(c.CreateBackendStorage(ctx, &types.CreateBackendStorageRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("files"),
		ResourceConfig: &types.CreateBackendStorageResourceConfig{ServiceName: types.ServiceNameS3, Permissions: perms, BucketName: types.String("my-bucket")}}))
	gs := must[*types.GetBackendStorageResponse](t)(c.GetBackendStorage(ctx, &types.GetBackendStorageRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("files")}))
	if *gs.ResourceConfig.BucketName != "my-bucket" || *gs.ResourceConfig.Imported || !reflect.DeepEqual(gs.ResourceConfig.Permissions, perms) {
		t.Fatalf("GetBackendStorage: %+v", gs.ResourceConfig)
	}
	must[*types.UpdateBackendStorageResponse](t)(c.UpdateBackendStorage(ctx, &types.UpdateBackendStorageRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("files"),
		ResourceConfig: &types.UpdateBackendStorageResourceConfig{ServiceName: types.ServiceNameS3, Permissions: &types.BackendStoragePermissions{
			Authenticated: []types.AuthenticatedElement{types.AuthenticatedElementRead, types.AuthenticatedElementDelete}}}}))
	gs = must[*types.GetBackendStorageResponse](t)(c.GetBackendStorage(ctx, &types.GetBackendStorageRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("files")}))
	if len(gs.ResourceConfig.Permissions.Authenticated) != 2 || *gs.ResourceConfig.BucketName != "my-bucket" {
		t.Fatalf("after UpdateBackendStorage: %+v", gs.ResourceConfig)
	}
	must[*types.ImportBackendStorageResponse](t)(c.ImportBackendStorage(ctx, &types.ImportBackendStorageRequest{AppId: app, BackendEnvironmentName: dev, BucketName: types.String("old-bucket"), ServiceName: types.ServiceNameS3}))
	lb := must[*types.ListS3BucketsResponse](t)(c.ListS3Buckets(ctx, &types.ListS3BucketsRequest{}))
	if len(lb.Buckets) != 2 || *lb.Buckets[0].Name != "my-bucket" || *lb.Buckets[1].Name != "old-bucket" || lb.Buckets[0].CreationDate == nil {
		t.Fatalf("ListS3Buckets: %+v", lb.Buckets)
	}

	// Config.
	cc := must[*types.CreateBackendConfigResponse](t)(c.CreateBackendConfig(ctx, &types.CreateBackendConfigRequest{AppId: app, BackendManagerAppId: types.String("mgr")}))
	if cc.JobId == nil {
		t.Fatalf("CreateBackendConfig: %+v", cc)
	}
	uc := must[*types.UpdateBackendConfigResponse](t)(c.UpdateBackendConfig(ctx, &types.UpdateBackendConfigRequest{AppId: app, LoginAuthConfig: &types.LoginAuthConfigReqObj{AwsCognitoRegion: types.String("us-east-1")}}))
	if *uc.BackendManagerAppId != "mgr" || *uc.LoginAuthConfig.AwsCognitoRegion != "us-east-1" {
		t.Fatalf("UpdateBackendConfig: %+v", uc)
	}
	must[*types.RemoveBackendConfigResponse](t)(c.RemoveBackendConfig(ctx, &types.RemoveBackendConfigRequest{AppId: app}))
	_, err = c.UpdateBackendConfig(ctx, &types.UpdateBackendConfigRequest{AppId: app})
	wantNotFound(t, err, "BackendConfig")

	// Tokens.
	tok := must[*types.CreateTokenResponse](t)(c.CreateToken(ctx, &types.CreateTokenRequest{AppId: app}))
	gt := must[*types.GetTokenResponse](t)(c.GetToken(ctx, &types.GetTokenRequest{AppId: app, SessionId: tok.SessionId}))
	if *gt.ChallengeCode != *tok.ChallengeCode || *gt.Ttl != "600" {
		t.Fatalf("GetToken: %+v", gt)
	}
	dt := must[*types.DeleteTokenResponse](t)(c.DeleteToken(ctx, &types.DeleteTokenRequest{AppId: app, SessionId: tok.SessionId}))
	if !*dt.IsSuccess {
		t.Fatal("DeleteToken: not a success")
	}
	_, err = c.GetToken(ctx, &types.GetTokenRequest{AppId: app, SessionId: tok.SessionId})
	wantNotFound(t, err, "Token")

	// Jobs: every mutating call above recorded one; page through them two
	// at a time.
	var ids []string
	p := client.NewListBackendJobsPaginator(c, &types.ListBackendJobsRequest{AppId: app, BackendEnvironmentName: dev}, types.PaginatorConfig{PageSize: 2})
	for p.HasMorePages() {
		page := must[*types.ListBackendJobsResponse](t)(p.NextPage(ctx))
		if len(page.Jobs) > 2 {
			t.Fatalf("a page of %d jobs with MaxResults 2", len(page.Jobs))
		}
		for _, j := range page.Jobs {
			ids = append(ids, *j.JobId)
		}
	}
	// CreateBackend, CreateBackendAuth, UpdateBackendAuth, ImportBackendAuth,
	// CreateBackendAPI, GenerateBackendAPIModels, UpdateBackendAPI,
	// CreateBackendStorage, UpdateBackendStorage, ImportBackendStorage,
	// CreateBackendConfig.
	if len(ids) != 11 {
		t.Fatalf("%d jobs, want 11", len(ids))
	}
	lj := must[*types.ListBackendJobsResponse](t)(c.ListBackendJobs(ctx, &types.ListBackendJobsRequest{AppId: app, BackendEnvironmentName: dev, Operation: types.String("UpdateBackendAuth")}))
	if len(lj.Jobs) != 1 || *lj.Jobs[0].Operation != "UpdateBackendAuth" {
		t.Fatalf("ListBackendJobs by operation: %+v", lj.Jobs)
	}
	gj := must[*types.GetBackendJobResponse](t)(c.GetBackendJob(ctx, &types.GetBackendJobRequest{AppId: app, BackendEnvironmentName: dev, JobId: cb.JobId}))
	if *gj.Operation != "CreateBackend" || *gj.Status != "COMPLETED" || gj.CreateTime == nil || gj.UpdateTime == nil {
		t.Fatalf("GetBackendJob: %+v", gj)
	}
	uj := must[*types.UpdateBackendJobResponse](t)(c.UpdateBackendJob(ctx, &types.UpdateBackendJobRequest{AppId: app, BackendEnvironmentName: dev, JobId: cb.JobId, Status: types.String("CANCELLED")}))
	if *uj.Status != "CANCELLED" || *uj.Operation != "CreateBackend" {
		t.Fatalf("UpdateBackendJob: %+v", uj)
	}
	_, err = c.GetBackendJob(ctx, &types.GetBackendJobRequest{AppId: app, BackendEnvironmentName: dev, JobId: types.String("nope")})
	wantNotFound(t, err, "BackendJob")

	// Clone copies the environment and its resources.
	must[*types.CloneBackendResponse](t)(c.CloneBackend(ctx, &types.CloneBackendRequest{AppId: app, BackendEnvironmentName: dev, TargetEnvironmentName: types.String("prod")}))
	prod := types.String("prod")
	gaProd := must[*types.GetBackendAuthResponse](t)(c.GetBackendAuth(ctx, &types.GetBackendAuthRequest{AppId: app, BackendEnvironmentName: prod, ResourceName: types.String("auth1")}))
	if !reflect.DeepEqual(gaProd.ResourceConfig, want) {
		t.Fatalf("cloned auth differs: %#v", gaProd.ResourceConfig)
	}
	gb = must[*types.GetBackendResponse](t)(c.GetBackend(ctx, &types.GetBackendRequest{AppId: app}))
	if !reflect.DeepEqual(gb.BackendEnvironmentList, []string{"dev", "prod"}) {
		t.Fatalf("environments after clone: %v", gb.BackendEnvironmentList)
	}

	// Delete everything.
	must[*types.DeleteBackendAuthResponse](t)(c.DeleteBackendAuth(ctx, &types.DeleteBackendAuthRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("auth1")}))
	_, err = c.GetBackendAuth(ctx, &types.GetBackendAuthRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("auth1")})
	wantNotFound(t, err, "BackendAuth")
	must[*types.DeleteBackendAPIResponse](t)(c.DeleteBackendAPI(ctx, &types.DeleteBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1")}))
	_, err = c.GetBackendAPI(ctx, &types.GetBackendAPIRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("api1")})
	wantNotFound(t, err, "BackendAPI")
	must[*types.DeleteBackendStorageResponse](t)(c.DeleteBackendStorage(ctx, &types.DeleteBackendStorageRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("files"), ServiceName: types.ServiceNameS3}))
	_, err = c.GetBackendStorage(ctx, &types.GetBackendStorageRequest{AppId: app, BackendEnvironmentName: dev, ResourceName: types.String("files")})
	wantNotFound(t, err, "BackendStorage")
	must[*types.DeleteBackendResponse](t)(c.DeleteBackend(ctx, &types.DeleteBackendRequest{AppId: app, BackendEnvironmentName: dev}))
	_, err = c.GetBackend(ctx, &types.GetBackendRequest{AppId: app, BackendEnvironmentName: dev})
	wantNotFound(t, err, "BackendEnvironment")
	must[*types.RemoveAllBackendsResponse](t)(c.RemoveAllBackends(ctx, &types.RemoveAllBackendsRequest{AppId: app, CleanAmplifyApp: types.Bool(true)}))
	_, err = c.GetBackend(ctx, &types.GetBackendRequest{AppId: app})
	wantNotFound(t, err, "Backend")
	lb = must[*types.ListS3BucketsResponse](t)(c.ListS3Buckets(ctx, &types.ListS3BucketsRequest{}))
	if len(lb.Buckets) != 0 {
		t.Fatalf("buckets left: %+v", lb.Buckets)
	}
}
