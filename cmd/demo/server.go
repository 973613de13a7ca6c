package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ContentSecurityPolicy is sent with every response. It allows no inline
// script or style, and 'wasm-unsafe-eval' only for compiling WebAssembly:
// the page runs under the same rules as a browser extension's pages.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

// buildHint is what a person sees when the WebAssembly build is missing.
const buildHint = "js/amplifybackend.wasm is not built: run make build in the repository root, then reload"

// editorBundle is the page's JSON editor (CodeMirror 6 and jsonc-parser from npm), bundled by
// esbuild from web-demo/src/editor.js; editorHint says how to make it.
const (
	editorBundle = "dist/editor.js"
	editorHint   = "web-demo/dist/editor.js is not built: run make demo (npm ci and esbuild in web-demo/) in the repository root, then reload"
)

// contentTypes maps the extensions the server serves to their media type.
// Any other extension is not served.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".wasm": "application/wasm",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// server serves three directories of the repository, read on every request
// (so a `make build` while it runs is picked up):
//
//	/            web-demo/ (not its test/, tools/, screenshots/, src/ or npm files;
//	             dist/editor.js is the editor bundle that make demo builds)
//	/js/         the ES module, its generated files, wasm_exec.js and the .wasm
//	/examples/   testdata/operations/*.json, plus index.json listing them
type server struct {
	webDir, jsDir, examplesDir string
}

func newServer(root string) *server {
	return &server{
		webDir:      filepath.Join(root, "web-demo"),
		jsDir:       filepath.Join(root, "js"),
		examplesDir: filepath.Join(root, "testdata", "operations"),
	}
}

// missingBuild describes what is missing for the page to run, or "".
func (s *server) missingBuild() string {
	for _, f := range []string{"amplifybackend.wasm", "wasm_exec.js", "index.js"} {
		if _, err := os.Stat(filepath.Join(s.jsDir, f)); err != nil {
			if f == "index.js" {
				return "js/index.js is missing: the ES module is not in this checkout"
			}
			return "js/" + f + " is not built: run make build in the repository root"
		}
	}
	if _, err := os.Stat(filepath.Join(s.webDir, filepath.FromSlash(editorBundle))); err != nil {
		return editorHint
	}
	return ""
}

func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		plain(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	p := r.URL.Path
	if !cleanPath(p) {
		notFound(w)
		return
	}
	switch {
	case p == "/" || p == "/index.html":
		s.serveFile(w, r, s.webDir, "index.html")
	case strings.HasPrefix(p, "/js/"):
		rel := strings.TrimPrefix(p, "/js/")
		if !jsAllowed(rel) {
			notFound(w)
			return
		}
		if rel == "amplifybackend.wasm" || rel == "wasm_exec.js" {
			if _, err := os.Stat(filepath.Join(s.jsDir, rel)); errors.Is(err, fs.ErrNotExist) {
				plain(w, http.StatusNotFound, buildHint)
				return
			}
		}
		s.serveFile(w, r, s.jsDir, rel)
	case p == "/examples/index.json":
		s.serveExampleIndex(w, r)
	case strings.HasPrefix(p, "/examples/"):
		name := strings.TrimPrefix(p, "/examples/")
		if !isExampleFile(name) {
			notFound(w)
			return
		}
		s.serveFile(w, r, s.examplesDir, name)
	default:
		rel := strings.TrimPrefix(p, "/")
		if !webAllowed(rel) {
			notFound(w)
			return
		}
		if rel == editorBundle {
			if _, err := os.Stat(filepath.Join(s.webDir, filepath.FromSlash(rel))); errors.Is(err, fs.ErrNotExist) {
				plain(w, http.StatusNotFound, editorHint)
				return
			}
		}
		s.serveFile(w, r, s.webDir, rel)
	}
}

// cleanPath reports whether p is an absolute, canonical URL path with no
// dot segments, no hidden names, no backslashes and no control characters.
// Anything else is answered with 404, never redirected or resolved.
func cleanPath(p string) bool {
	if p == "" || p[0] != '/' || strings.HasSuffix(p, "/") && p != "/" {
		return false
	}
	if path.Clean(p) != p {
		return false
	}
	for _, c := range []byte(p) {
		if c < 0x20 || c == 0x7f || c == '\\' || c == ':' {
			return false
		}
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if strings.HasPrefix(seg, ".") {
			return false
		}
	}
	return true
}

// jsAllowed reports whether rel (relative to js/) is part of the module a
// browser loads: its .js/.mjs/.json/.wasm files, not its tests, CLI or
// dependencies.
func jsAllowed(rel string) bool {
	first, _, _ := strings.Cut(rel, "/")
	switch first {
	case "node_modules", "test", "tests", "bin", "cli", "scripts":
		return false // cli/: the CLI package; scripts/: prepack
	}
	switch path.Ext(rel) {
	case ".js", ".mjs", ".json", ".wasm":
		return true
	}
	return false
}

// webAllowed reports whether rel (relative to web-demo/) is part of the page: not
// its tests, tools, sources of the bundle (src/), npm files or dependencies.
func webAllowed(rel string) bool {
	first, _, _ := strings.Cut(rel, "/")
	switch first {
	case "test", "tools", "screenshots", "node_modules", "src", "package.json", "package-lock.json":
		return false
	}
	_, ok := contentTypes[path.Ext(rel)]
	return ok && path.Ext(rel) != ".wasm"
}

// isExampleFile reports whether name is "<Operation>.json".
func isExampleFile(name string) bool {
	base, ok := strings.CutSuffix(name, ".json")
	if !ok || base == "" || base == "index" {
		return false
	}
	for _, c := range []byte(base) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// serveFile serves rel from dir. The file is opened through an os.Root, so
// neither ".." nor a symbolic link can reach outside dir; directories and
// files of an unknown type are 404.
func (s *server) serveFile(w http.ResponseWriter, r *http.Request, dir, rel string) {
	ctype, ok := contentTypes[path.Ext(rel)]
	if !ok {
		notFound(w)
		return
	}
	f, err := os.OpenInRoot(dir, filepath.FromSlash(rel))
	if err != nil {
		notFound(w)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		notFound(w)
		return
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, r, "", st.ModTime(), f)
}

// serveExampleIndex answers {"operations":[...]} with the operation names
// that have an example input, so the page never asks for a missing one.
func (s *server) serveExampleIndex(w http.ResponseWriter, r *http.Request) {
	names := []string{}
	if entries, err := os.ReadDir(s.examplesDir); err == nil {
		for _, e := range entries {
			if e.Type().IsRegular() && isExampleFile(e.Name()) {
				names = append(names, strings.TrimSuffix(e.Name(), ".json"))
			}
		}
	}
	slices.Sort(names)
	body, _ := json.Marshal(struct {
		Operations []string `json:"operations"`
	}{names})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func notFound(w http.ResponseWriter) { plain(w, http.StatusNotFound, "not found") }

func plain(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(msg + "\n"))
}
