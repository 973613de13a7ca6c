package main

import (
	"net/http"
	"strings"

	"github.com/amplifybackend-wasm/amplifybackend-wasm/internal/schema"
	"github.com/amplifybackend-wasm/amplifybackend-wasm/pkg/localservice"
)

// apiPrefixes are the first path segments of the API's URI templates
// ("/backend", "/s3Buckets"): requests under them go to the local service,
// everything else to the file server.
var apiPrefixes = func() []string {
	var out []string
	for _, op := range schema.Operations {
		first, _, _ := strings.Cut(strings.TrimPrefix(op.URI, "/"), "/")
		p := "/" + first
		if !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}()

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isAPIPath(p string) bool {
	for _, pre := range apiPrefixes {
		if p == pre || strings.HasPrefix(p, pre+"/") {
			return true
		}
	}
	return false
}

// withService serves the local AmplifyBackend service (pkg/localservice) on
// the page's own origin, so that the editor's Send button reaches it under
// the page's Content-Security-Policy (connect-src 'self'), and the files
// everywhere else.
func withService(files http.Handler, api *localservice.Service) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAPIPath(r.URL.Path) {
			setSecurityHeaders(w.Header())
			api.ServeHTTP(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}
