//go:build !nosign

package localservice

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// call is one decoded request.
type call struct {
	in  obj // the input in wire form, URI labels included
	now time.Time
}

func (c *call) str(k string) string { s, _ := c.in[k].(string); return s }

func (c *call) obj(k string) obj { m, _ := c.in[k].(map[string]any); return m }

// handler runs one operation on the state (the caller holds the lock). It
// reports whether it changed the state, so that the change is saved before
// the response is sent; it must not change anything when it fails.
type handler func(s *Service, c *call) (out obj, changed bool, err *apiError)

// handlers implements the 31 operations; a test checks it covers the model.
var handlers = map[string]handler{
	"CreateBackend":            (*Service).createBackend,
	"GetBackend":               (*Service).getBackend,
	"CloneBackend":             (*Service).cloneBackend,
	"DeleteBackend":            (*Service).deleteBackend,
	"RemoveAllBackends":        (*Service).removeAllBackends,
	"CreateBackendAuth":        resourceCreate(kindAuth),
	"GetBackendAuth":           resourceGet(kindAuth),
	"UpdateBackendAuth":        resourceUpdate(kindAuth),
	"DeleteBackendAuth":        resourceDelete(kindAuth),
	"ImportBackendAuth":        (*Service).importBackendAuth,
	"CreateBackendAPI":         resourceCreate(kindAPI),
	"GetBackendAPI":            resourceGet(kindAPI),
	"UpdateBackendAPI":         resourceUpdate(kindAPI),
	"DeleteBackendAPI":         resourceDelete(kindAPI),
	"GenerateBackendAPIModels": (*Service).generateModels,
	"GetBackendAPIModels":      (*Service).getModels,
	"CreateBackendStorage":     resourceCreate(kindStorage),
	"GetBackendStorage":        resourceGet(kindStorage),
	"UpdateBackendStorage":     resourceUpdate(kindStorage),
	"DeleteBackendStorage":     resourceDelete(kindStorage),
	"ImportBackendStorage":     (*Service).importBackendStorage,
	"ListS3Buckets":            (*Service).listS3Buckets,
	"CreateBackendConfig":      (*Service).createConfig,
	"UpdateBackendConfig":      (*Service).updateConfig,
	"RemoveBackendConfig":      (*Service).removeConfig,
	"CreateToken":              (*Service).createToken,
	"GetToken":                 (*Service).getToken,
	"DeleteToken":              (*Service).deleteToken,
	"GetBackendJob":            (*Service).getJob,
	"UpdateBackendJob":         (*Service).updateJob,
	"ListBackendJobs":          (*Service).listJobs,
}

// Resource types of NotFoundException (see docs/LOCALSERVICE.md).
const (
	rtBackend     = "Backend"
	rtEnvironment = "BackendEnvironment"
	rtAuth        = "BackendAuth"
	rtAPI         = "BackendAPI"
	rtStorage     = "BackendStorage"
	rtModels      = "BackendAPIModels"
	rtConfig      = "BackendConfig"
	rtJob         = "BackendJob"
	rtToken       = "Token"
)

// Job statuses.
const (
	statusInProgress = "IN_PROGRESS"
	statusCompleted  = "COMPLETED"
)

// timeFormat is how times are written (CreateTime, UpdateTime,
// CreationDate): RFC 3339 in UTC with milliseconds.
const timeFormat = "2006-01-02T15:04:05.000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func (s *Service) app(id string) (*app, *apiError) {
	a := s.st.Apps[id]
	if a == nil {
		return nil, notFound(rtBackend, fmt.Sprintf("No backend exists for the app %q.", id))
	}
	return a, nil
}

func (s *Service) env(c *call) (*app, *env, *apiError) {
	a, err := s.app(c.str("appId"))
	if err != nil {
		return nil, nil, err
	}
	name := c.str("backendEnvironmentName")
	e := a.Envs[name]
	if e == nil {
		return nil, nil, notFound(rtEnvironment, fmt.Sprintf("The app %q has no backend environment %q.", a.AppID, name))
	}
	return a, e, nil
}

// recordJob records a job of operation in environment envName ("" for an
// operation of the whole app) and returns its description.
func (s *Service) recordJob(a *app, envName, operation string, now time.Time) obj {
	s.st.Seq++
	j := &job{Seq: s.st.Seq, JobID: s.newID(), Env: envName, Operation: operation, Created: now}
	a.Jobs = append(a.Jobs, j)
	return s.jobObj(a, j, envName, now)
}

// jobStatus is a job's status and update time at now: what UpdateBackendJob
// set, else IN_PROGRESS until the job delay has passed and COMPLETED after.
func (s *Service) jobStatus(j *job, now time.Time) (string, time.Time) {
	if j.Status != "" {
		return j.Status, j.Updated
	}
	done := j.Created.Add(s.opts.JobDelay)
	if now.Before(done) {
		return statusInProgress, j.Created
	}
	return statusCompleted, done
}

func (s *Service) jobObj(a *app, j *job, envName string, now time.Time) obj {
	status, updated := s.jobStatus(j, now)
	if j.Env != "" {
		envName = j.Env
	}
	o := obj{
		"appId": a.AppID, "jobId": j.JobID, "operation": j.Operation, "status": status,
		"createTime": fmtTime(j.Created), "updateTime": fmtTime(updated),
	}
	if envName != "" {
		o["backendEnvironmentName"] = envName
	}
	return o
}

// jobOutput is the output of a mutating operation: the job's ids and status.
func jobOutput(j obj) obj {
	out := obj{}
	for _, k := range []string{"appId", "backendEnvironmentName", "jobId", "operation", "status"} {
		if v, ok := j[k]; ok {
			out[k] = v
		}
	}
	return out
}

// ---- apps and environments

func (s *Service) createBackend(c *call) (obj, bool, *apiError) {
	appID, envName := c.str("appId"), c.str("backendEnvironmentName")
	a := s.st.Apps[appID]
	if a != nil && a.Envs[envName] != nil {
		return nil, false, badRequest(fmt.Sprintf("The app %q already has a backend environment %q.", appID, envName))
	}
	if a == nil {
		a = &app{AppID: appID, AppName: c.str("appName"), Envs: map[string]*env{}}
		s.st.Apps[appID] = a
	}
	e := &env{Name: envName, Created: c.now, ResourceName: c.str("resourceName"), ResourceConfig: c.obj("resourceConfig")}
	e.init()
	a.Envs[envName] = e
	return jobOutput(s.recordJob(a, envName, "CreateBackend", c.now)), true, nil
}

func (s *Service) getBackend(c *call) (obj, bool, *apiError) {
	a, err := s.app(c.str("appId"))
	if err != nil {
		return nil, false, err
	}
	names := make([]string, 0, len(a.Envs))
	for n := range a.Envs {
		names = append(names, n)
	}
	sort.Strings(names)
	out := obj{"appId": a.AppID, "appName": a.AppName, "backendEnvironmentList": names}
	if name, given := c.in["backendEnvironmentName"].(string); given {
		e := a.Envs[name]
		if e == nil {
			return nil, false, notFound(rtEnvironment, fmt.Sprintf("The app %q has no backend environment %q.", a.AppID, name))
		}
		out["backendEnvironmentName"] = name
		out["amplifyMetaConfig"] = metaConfig(e)
	}
	return out, false, nil
}

// metaConfig describes an environment's resources as an amplify-meta.json
// text: the categories auth, api and storage, each resource with its
// service, and the imported auth ids.
func metaConfig(e *env) string {
	meta := obj{"auth": obj{}, "api": obj{}, "storage": obj{}}
	for n, r := range e.Auth {
		meta["auth"].(obj)[n] = obj{"service": r.Config["service"]}
	}
	for i, ids := range e.ImportedAuth {
		meta["auth"].(obj)["imported"+strconv.Itoa(i+1)] = obj{"service": "Cognito", "serviceType": "imported", "output": ids}
	}
	for n, r := range e.API {
		meta["api"].(obj)[n] = obj{"service": r.Config["service"]}
	}
	for n, r := range e.Storage {
		meta["storage"].(obj)[n] = obj{"service": r.Config["serviceName"], "output": obj{"BucketName": r.Config["bucketName"]}, "imported": r.Imported}
	}
	data, _ := json.Marshal(meta)
	return string(data)
}

func (s *Service) cloneBackend(c *call) (obj, bool, *apiError) {
	a, e, err := s.env(c)
	if err != nil {
		return nil, false, err
	}
	target := c.str("targetEnvironmentName")
	if a.Envs[target] != nil {
		return nil, false, badRequest(fmt.Sprintf("The app %q already has a backend environment %q.", a.AppID, target))
	}
	cp := new(env)
	deepCopy(cp, e)
	cp.Name, cp.Created = target, c.now
	cp.init()
	a.Envs[target] = cp
	return jobOutput(s.recordJob(a, e.Name, "CloneBackend", c.now)), true, nil
}

func (s *Service) deleteBackend(c *call) (obj, bool, *apiError) {
	a, e, err := s.env(c)
	if err != nil {
		return nil, false, err
	}
	delete(a.Envs, e.Name)
	return jobOutput(s.recordJob(a, e.Name, "DeleteBackend", c.now)), true, nil
}

func (s *Service) removeAllBackends(c *call) (obj, bool, *apiError) {
	a, err := s.app(c.str("appId"))
	if err != nil {
		return nil, false, err
	}
	clear(a.Envs)
	j := s.recordJob(a, "", "RemoveAllBackends", c.now)
	if clean, _ := c.in["cleanAmplifyApp"].(bool); clean {
		delete(s.st.Apps, a.AppID)
		for k, t := range s.st.Tokens {
			if t.AppID == a.AppID {
				delete(s.st.Tokens, k)
			}
		}
	}
	return jobOutput(j), true, nil
}

// ---- auth, API and storage resources

type kind struct {
	name, rt string // operation suffix ("Auth"), NotFoundException resource type
	pick     func(*env) map[string]*resource
}

var (
	kindAuth    = kind{"Auth", rtAuth, func(e *env) map[string]*resource { return e.Auth }}
	kindAPI     = kind{"API", rtAPI, func(e *env) map[string]*resource { return e.API }}
	kindStorage = kind{"Storage", rtStorage, func(e *env) map[string]*resource { return e.Storage }}
)

func (k kind) missing(a *app, e *env, name string) *apiError {
	return notFound(k.rt, fmt.Sprintf("The backend environment %q of the app %q has no %s resource %q.", e.Name, a.AppID, strings.ToLower(k.name), name))
}

func resourceCreate(k kind) handler {
	return func(s *Service, c *call) (obj, bool, *apiError) {
		a, e, err := s.env(c)
		if err != nil {
			return nil, false, err
		}
		name := c.str("resourceName")
		rs := k.pick(e)
		if rs[name] != nil {
			return nil, false, badRequest(fmt.Sprintf("The backend environment %q of the app %q already has a %s resource %q.", e.Name, a.AppID, strings.ToLower(k.name), name))
		}
		cfg := c.obj("resourceConfig")
		if k.name == "Storage" {
			if _, given := cfg["bucketName"]; !given {
				cfg["bucketName"] = bucketName(name, a.AppID, e.Name)
			}
			cfg["imported"] = false
		}
		rs[name] = &resource{Config: cfg, Created: c.now}
		return jobOutput(s.recordJob(a, e.Name, "Create"+"Backend"+k.name, c.now)), true, nil
	}
}

func resourceGet(k kind) handler {
	return func(s *Service, c *call) (obj, bool, *apiError) {
		a, e, err := s.env(c)
		if err != nil {
			return nil, false, err
		}
		name := c.str("resourceName")
		r := k.pick(e)[name]
		if r == nil {
			return nil, false, k.missing(a, e, name)
		}
		return obj{"appId": a.AppID, "backendEnvironmentName": e.Name, "resourceName": name, "resourceConfig": r.Config}, false, nil
	}
}

func resourceUpdate(k kind) handler {
	return func(s *Service, c *call) (obj, bool, *apiError) {
		a, e, err := s.env(c)
		if err != nil {
			return nil, false, err
		}
		name := c.str("resourceName")
		r := k.pick(e)[name]
		if r == nil {
			return nil, false, k.missing(a, e, name)
		}
		merge(r.Config, c.obj("resourceConfig"))
		return jobOutput(s.recordJob(a, e.Name, "Update"+"Backend"+k.name, c.now)), true, nil
	}
}

func resourceDelete(k kind) handler {
	return func(s *Service, c *call) (obj, bool, *apiError) {
		a, e, err := s.env(c)
		if err != nil {
			return nil, false, err
		}
		name := c.str("resourceName")
		rs := k.pick(e)
		if rs[name] == nil {
			return nil, false, k.missing(a, e, name)
		}
		delete(rs, name)
		return jobOutput(s.recordJob(a, e.Name, "Delete"+"Backend"+k.name, c.now)), true, nil
	}
}

// merge sets the members of src in dst: objects member by member, any other
// value (lists included) replaced as a whole.
func merge(dst, src obj) {
	for k, v := range src {
		if sv, ok := v.(map[string]any); ok {
			if dv, ok := dst[k].(map[string]any); ok {
				merge(dv, sv)
				continue
			}
		}
		dst[k] = v
	}
}

// deepCopy copies src into dst through JSON, numbers kept exact.
func deepCopy(dst, src any) {
	data, err := json.Marshal(src)
	if err != nil {
		panic(err) // the state holds only JSON values
	}
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.UseNumber()
	if err := d.Decode(dst); err != nil {
		panic(err)
	}
}

var bucketUnsafe = regexp.MustCompile(`[^a-z0-9-]+`)

// bucketName is the name given to a bucket that CreateBackendStorage
// creates without a BucketName: resource, app and environment, lower case,
// at most 63 characters, as S3 allows.
func bucketName(resource, appID, envName string) string {
	n := bucketUnsafe.ReplaceAllString(strings.ToLower(resource+"-"+appID+"-"+envName), "-")
	n = strings.Trim(n, "-")
	if len(n) > 63 {
		n = strings.TrimRight(n[:63], "-")
	}
	if len(n) < 3 {
		n = "amplify-" + n + "-bucket"
	}
	return n
}

func (s *Service) importBackendAuth(c *call) (obj, bool, *apiError) {
	a, e, err := s.env(c)
	if err != nil {
		return nil, false, err
	}
	ids := obj{}
	for _, k := range []string{"userPoolId", "identityPoolId", "nativeClientId", "webClientId"} {
		if v, ok := c.in[k]; ok {
			ids[k] = v
		}
	}
	e.ImportedAuth = append(e.ImportedAuth, ids)
	return jobOutput(s.recordJob(a, e.Name, "ImportBackendAuth", c.now)), true, nil
}

func (s *Service) importBackendStorage(c *call) (obj, bool, *apiError) {
	a, e, err := s.env(c)
	if err != nil {
		return nil, false, err
	}
	bucket := c.str("bucketName")
	if bucket == "" {
		return nil, false, badRequest("1 validation error detected: /BucketName: The local service needs the name of the bucket to import.")
	}
	if e.Storage[bucket] != nil {
		return nil, false, badRequest(fmt.Sprintf("The backend environment %q of the app %q already has a storage resource %q.", e.Name, a.AppID, bucket))
	}
	e.Storage[bucket] = &resource{Imported: true, Created: c.now,
		Config: obj{"bucketName": bucket, "serviceName": c.in["serviceName"], "imported": true}}
	return jobOutput(s.recordJob(a, e.Name, "ImportBackendStorage", c.now)), true, nil
}

// bucketsPage is how many buckets one ListS3Buckets response lists.
const bucketsPage = 100

func (s *Service) listS3Buckets(c *call) (obj, bool, *apiError) {
	created := map[string]time.Time{}
	for _, a := range s.st.Apps {
		for _, e := range a.Envs {
			for _, r := range e.Storage {
				n, _ := r.Config["bucketName"].(string)
				if t, seen := created[n]; n != "" && (!seen || r.Created.Before(t)) {
					created[n] = r.Created
				}
			}
		}
	}
	names := make([]string, 0, len(created))
	for n := range created {
		names = append(names, n)
	}
	sort.Strings(names)
	if tok := c.str("nextToken"); tok != "" {
		after, ok := decodeToken(tok, "b")
		if !ok {
			return nil, false, badRequest("The NextToken is not one this service gave.")
		}
		names = names[sort.SearchStrings(names, after+"\x00"):]
	}
	out := obj{}
	if len(names) > bucketsPage {
		names = names[:bucketsPage]
		out["nextToken"] = encodeToken("b", names[len(names)-1])
	}
	buckets := make([]any, len(names))
	for i, n := range names {
		buckets[i] = obj{"name": n, "creationDate": fmtTime(created[n])}
	}
	out["buckets"] = buckets
	return out, false, nil
}

// ---- API models

var typeName = regexp.MustCompile(`\btype\s+([A-Za-z_][A-Za-z0-9_]*)`)

func (s *Service) apiResource(c *call) (*app, *env, *resource, *apiError) {
	a, e, err := s.env(c)
	if err != nil {
		return nil, nil, nil, err
	}
	name := c.str("resourceName")
	r := e.API[name]
	if r == nil {
		return nil, nil, nil, kindAPI.missing(a, e, name)
	}
	return a, e, r, nil
}

func (s *Service) generateModels(c *call) (obj, bool, *apiError) {
	a, e, r, err := s.apiResource(c)
	if err != nil {
		return nil, false, err
	}
	schemaText, _ := r.Config["transformSchema"].(string)
	var names []string
	for _, m := range typeName.FindAllStringSubmatch(schemaText, -1) {
		if m[1] != "Query" && m[1] != "Mutation" && m[1] != "Subscription" {
			names = append(names, m[1])
		}
	}
	intro := obj{"version": 1, "models": obj{}, "enums": obj{}, "nonModels": obj{}}
	for _, n := range names {
		intro["models"].(obj)[n] = obj{"name": n, "fields": obj{}}
	}
	introText, _ := json.Marshal(intro)
	modelsText, _ := json.Marshal(names)
	r.Models = &models{
		Models:        "// Models generated by the local AmplifyBackend service from the API's transform schema.\nexport const models = " + string(modelsText) + ";\n",
		Introspection: string(introText),
		Schema:        schemaText,
	}
	return jobOutput(s.recordJob(a, e.Name, "GenerateBackendAPIModels", c.now)), true, nil
}

func (s *Service) getModels(c *call) (obj, bool, *apiError) {
	a, e, r, err := s.apiResource(c)
	if err != nil {
		return nil, false, err
	}
	if r.Models == nil {
		return nil, false, notFound(rtModels, fmt.Sprintf("The API %q of the backend environment %q of the app %q has no generated models; call GenerateBackendAPIModels first.", c.str("resourceName"), e.Name, a.AppID))
	}
	status := "LATEST"
	if cur, _ := r.Config["transformSchema"].(string); cur != r.Models.Schema {
		status = "STALE"
	}
	return obj{"models": r.Models.Models, "modelIntrospectionSchema": r.Models.Introspection, "status": status}, false, nil
}

// ---- backend config

func (s *Service) createConfig(c *call) (obj, bool, *apiError) {
	a, err := s.app(c.str("appId"))
	if err != nil {
		return nil, false, err
	}
	if a.Config != nil {
		return nil, false, badRequest(fmt.Sprintf("The app %q already has a backend config.", a.AppID))
	}
	a.Config = obj{"appId": a.AppID}
	if v, ok := c.in["backendManagerAppId"]; ok {
		a.Config["backendManagerAppId"] = v
	}
	j := s.recordJob(a, "", "CreateBackendConfig", c.now)
	out := jobOutput(j)
	delete(out, "operation")
	return out, true, nil
}

func (s *Service) config(c *call) (*app, *apiError) {
	a, err := s.app(c.str("appId"))
	if err != nil {
		return nil, err
	}
	if a.Config == nil {
		return nil, notFound(rtConfig, fmt.Sprintf("The app %q has no backend config.", a.AppID))
	}
	return a, nil
}

func (s *Service) updateConfig(c *call) (obj, bool, *apiError) {
	a, err := s.config(c)
	if err != nil {
		return nil, false, err
	}
	if lac := c.obj("loginAuthConfig"); lac != nil {
		if cur, ok := a.Config["loginAuthConfig"].(map[string]any); ok {
			merge(cur, lac)
		} else {
			a.Config["loginAuthConfig"] = lac
		}
	}
	return a.Config, true, nil
}

func (s *Service) removeConfig(c *call) (obj, bool, *apiError) {
	a, err := s.config(c)
	if err != nil {
		return nil, false, err
	}
	a.Config = nil
	return obj{}, true, nil
}

// ---- tokens

// tokenTTL is how long a token lives.
const tokenTTL = 10 * time.Minute

func (s *Service) createToken(c *call) (obj, bool, *apiError) {
	a, err := s.app(c.str("appId"))
	if err != nil {
		return nil, false, err
	}
	t := &token{AppID: a.AppID, SessionID: s.newID(), ChallengeCode: s.newCode(), Expires: c.now.Add(tokenTTL)}
	s.st.Tokens[a.AppID+"/"+t.SessionID] = t
	return tokenObj(t), true, nil
}

func tokenObj(t *token) obj {
	return obj{"appId": t.AppID, "sessionId": t.SessionID, "challengeCode": t.ChallengeCode, "ttl": strconv.Itoa(int(tokenTTL / time.Second))}
}

func (s *Service) token(c *call) (*token, *apiError) {
	if _, err := s.app(c.str("appId")); err != nil {
		return nil, err
	}
	t := s.st.Tokens[c.str("appId")+"/"+c.str("sessionId")]
	if t == nil || !c.now.Before(t.Expires) {
		return nil, notFound(rtToken, fmt.Sprintf("The app %q has no token with the session ID %q.", c.str("appId"), c.str("sessionId")))
	}
	return t, nil
}

func (s *Service) getToken(c *call) (obj, bool, *apiError) {
	t, err := s.token(c)
	if err != nil {
		return nil, false, err
	}
	return tokenObj(t), false, nil
}

func (s *Service) deleteToken(c *call) (obj, bool, *apiError) {
	t, err := s.token(c)
	if err != nil {
		return nil, false, err
	}
	delete(s.st.Tokens, t.AppID+"/"+t.SessionID)
	return obj{"isSuccess": true}, true, nil
}

// ---- jobs

func (s *Service) findJob(c *call) (*app, *job, *apiError) {
	a, err := s.app(c.str("appId"))
	if err != nil {
		return nil, nil, err
	}
	id, envName := c.str("jobId"), c.str("backendEnvironmentName")
	for _, j := range a.Jobs {
		if j.JobID == id && (j.Env == envName || j.Env == "") {
			return a, j, nil
		}
	}
	return nil, nil, notFound(rtJob, fmt.Sprintf("The backend environment %q of the app %q has no job %q.", envName, a.AppID, id))
}

func (s *Service) getJob(c *call) (obj, bool, *apiError) {
	a, j, err := s.findJob(c)
	if err != nil {
		return nil, false, err
	}
	return s.jobObj(a, j, c.str("backendEnvironmentName"), c.now), false, nil
}

func (s *Service) updateJob(c *call) (obj, bool, *apiError) {
	a, j, err := s.findJob(c)
	if err != nil {
		return nil, false, err
	}
	status, _ := s.jobStatus(j, c.now)
	if v, ok := c.in["status"].(string); ok {
		status = v
	}
	if v, ok := c.in["operation"].(string); ok {
		j.Operation = v
	}
	j.Status, j.Updated = status, c.now
	return s.jobObj(a, j, c.str("backendEnvironmentName"), c.now), true, nil
}

// defaultMaxResults is the page size of ListBackendJobs without MaxResults
// (the model's maximum).
const defaultMaxResults = 25

func (s *Service) listJobs(c *call) (obj, bool, *apiError) {
	a, err := s.app(c.str("appId"))
	if err != nil {
		return nil, false, err
	}
	envName := c.str("backendEnvironmentName")
	max := defaultMaxResults
	if n, ok := c.in["maxResults"].(json.Number); ok {
		v, _ := n.Int64()
		max = int(v)
	}
	var after uint64
	scope := a.AppID + "/" + envName
	if tok := c.str("nextToken"); tok != "" {
		rest, ok := decodeToken(tok, "j")
		var err error
		if i := strings.LastIndexByte(rest, '/'); ok && i >= 0 && rest[:i] == scope {
			after, err = strconv.ParseUint(rest[i+1:], 10, 64)
		} else {
			ok = false
		}
		if !ok || err != nil {
			return nil, false, badRequest("The NextToken is not one this service gave for this app and environment.")
		}
	}
	wantID, wantOp, wantStatus := c.str("jobId"), c.str("operation"), c.str("status")
	jobs := []any{}
	out := obj{}
	// Jobs are in ascending Seq; a token is the last Seq returned, so a
	// job recorded while a listing is paged comes on a later page, and no
	// job comes twice.
	i := sort.Search(len(a.Jobs), func(i int) bool { return a.Jobs[i].Seq > after })
	for ; i < len(a.Jobs); i++ {
		j := a.Jobs[i]
		if j.Env != envName && j.Env != "" {
			continue
		}
		status, _ := s.jobStatus(j, c.now)
		if wantID != "" && j.JobID != wantID || wantOp != "" && j.Operation != wantOp || wantStatus != "" && status != wantStatus {
			continue
		}
		if len(jobs) == max {
			out["nextToken"] = encodeToken("j", scope+"/"+strconv.FormatUint(after, 10))
			break
		}
		jobs = append(jobs, s.jobObj(a, j, envName, c.now))
		after = j.Seq
	}
	out["jobs"] = jobs
	return out, false, nil
}

// encodeToken makes an opaque NextToken of kind k ("j" jobs, "b" buckets).
func encodeToken(k, v string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(k + ":" + v))
}

func decodeToken(tok, k string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || !strings.HasPrefix(string(b), k+":") {
		return "", false
	}
	return string(b[len(k)+1:]), true
}
