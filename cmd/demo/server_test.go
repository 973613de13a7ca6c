package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeRoot lays out a repository with the files the server serves, a secret
// next to it, and a symbolic link pointing outside web-demo/.
func fakeRoot(t *testing.T, withWasm bool) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"go.mod":                          "module example\n",
		"secret.txt":                      "top secret",
		"web-demo/index.html":             "<!doctype html><title>x</title>",
		"web-demo/app.js":                 "export {}",
		"web-demo/style.css":              "body{}",
		"web-demo/favicon.svg":            "<svg xmlns='http://www.w3.org/2000/svg'/>",
		"web-demo/notes.md":               "# not served",
		"web-demo/.hidden.js":             "hidden",
		"web-demo/test/browser.test.mjs":  "test",
		"web-demo/test/package.json":      "{}",
		"web-demo/screenshots/editor.png": "png",
		"web-demo/sub/page.js":            "export {}",
		"web-demo/editor.css":             ".cm-editor{}",
		"web-demo/src/editor.js":          "import 'codemirror'",
		"web-demo/package.json":           "{}",
		"web-demo/package-lock.json":      "{}",
		"web-demo/node_modules/@codemirror/view/dist/index.js": "dep",
		"js/index.js":                                "export {}",
		"js/index.d.ts":                              "export {}",
		"js/generated/schemas.js":                    "export {}",
		"js/generated/x.json":                        "{}",
		"js/package.json":                            "{}",
		"js/bin/amplifybackend.mjs":                  "cli",
		"js/test/api.test.mjs":                       "test",
		"js/node_modules/dep/index.js":               "dep",
		"js/cli/cli.mjs":                             "cli",
		"js/scripts/prepack.mjs":                     "prepack",
		"testdata/operations/GetToken.json":          `{"AppId":"a","SessionId":"s"}`,
		"testdata/operations/CreateBackendAuth.json": `{"AppId":"a"}`,
		"testdata/operations/notes.txt":              "x",
	}
	if withWasm {
		files["js/amplifybackend.wasm"] = "\x00asm\x01\x00\x00\x00"
		files["js/wasm_exec.js"] = "// wasm_exec"
		files["web-demo/dist/editor.js"] = "export const bundle = 1"
	}
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Symbolic links that lead out of a served directory must not be followed.
	for link, target := range map[string]string{
		"web-demo/escape.txt":           filepath.Join(root, "secret.txt"),
		"web-demo/up.js":                "../secret.txt",
		"js/escape.js":                  filepath.Join(root, "secret.txt"),
		"web-demo/dirlink":              root,
		"testdata/operations/Leak.json": filepath.Join(root, "secret.txt"),
	} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Skip("symlinks not supported:", err)
		}
	}
	return root
}

func do(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://demo.test/", nil)
	// Set the raw target so that escapes reach the handler exactly as a
	// client could send them.
	u, err := url.ParseRequestURI(target)
	if err != nil {
		t.Fatalf("%s: %v", target, err)
	}
	req.URL = u
	req.RequestURI = target
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func checkSecurityHeaders(t *testing.T, target string, h http.Header) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"Cache-Control":           "no-store",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", target, k, got, v)
		}
	}
}

func TestServesFilesWithTypesAndHeaders(t *testing.T) {
	h := newServer(fakeRoot(t, true))
	cases := []struct {
		target, ctype, body string
	}{
		{"/", "text/html; charset=utf-8", "<!doctype html><title>x</title>"},
		{"/index.html", "text/html; charset=utf-8", "<!doctype html><title>x</title>"},
		{"/app.js", "text/javascript; charset=utf-8", "export {}"},
		{"/style.css", "text/css; charset=utf-8", "body{}"},
		{"/favicon.svg", "image/svg+xml", ""},
		{"/sub/page.js", "text/javascript; charset=utf-8", "export {}"},
		{"/dist/editor.js", "text/javascript; charset=utf-8", "export const bundle = 1"},
		{"/editor.css", "text/css; charset=utf-8", ".cm-editor{}"},
		{"/js/index.js", "text/javascript; charset=utf-8", "export {}"},
		{"/js/generated/schemas.js", "text/javascript; charset=utf-8", "export {}"},
		{"/js/generated/x.json", "application/json", "{}"},
		{"/js/wasm_exec.js", "text/javascript; charset=utf-8", "// wasm_exec"},
		{"/js/amplifybackend.wasm", "application/wasm", "\x00asm\x01\x00\x00\x00"},
		{"/examples/GetToken.json", "application/json", `{"AppId":"a","SessionId":"s"}`},
		{"/examples/index.json", "application/json", `{"operations":["CreateBackendAuth","GetToken"]}`},
	}
	for _, c := range cases {
		rec := do(t, h, http.MethodGet, c.target)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200 (%s)", c.target, rec.Code, rec.Body)
			continue
		}
		if got := rec.Header().Get("Content-Type"); got != c.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", c.target, got, c.ctype)
		}
		if c.body != "" && rec.Body.String() != c.body {
			t.Errorf("GET %s: body %q, want %q", c.target, rec.Body, c.body)
		}
		checkSecurityHeaders(t, c.target, rec.Header())

		head := do(t, h, http.MethodHead, c.target)
		if head.Code != http.StatusOK || head.Body.Len() != 0 {
			t.Errorf("HEAD %s: status %d, %d body bytes", c.target, head.Code, head.Body.Len())
		}
		checkSecurityHeaders(t, "HEAD "+c.target, head.Header())
	}
}

func TestNotFound(t *testing.T) {
	h := newServer(fakeRoot(t, true))
	for _, target := range []string{
		// Directories are never listed.
		"/js/", "/js", "/js/generated/", "/js/generated", "/examples/", "/examples", "/sub/", "/sub",
		"/web-demo/", "/dirlink", "/dirlink/secret.txt",
		// Not part of the page or the module.
		"/notes.md", "/.hidden.js", "/test/browser.test.mjs", "/test/package.json", "/test/", "/tools/shot.mjs",
		"/screenshots/editor.png", "/js/index.d.ts", "/js/bin/amplifybackend.mjs",
		"/js/test/api.test.mjs", "/js/node_modules/dep/index.js", "/js/cli/cli.mjs", "/js/scripts/prepack.mjs", "/examples/notes.txt",
		"/go.mod", "/secret.txt", "/missing.js", "/js/missing.js", "/examples/Missing.json",
		"/favicon.ico",
		// The bundle's sources and npm files: only dist/editor.js is served.
		"/src/editor.js", "/package.json", "/package-lock.json", "/node_modules/@codemirror/view/dist/index.js",
		// Path traversal, in every spelling.
		"/../secret.txt", "/%2e%2e/secret.txt", "/js/../../secret.txt", "/js/..%2f..%2fsecret.txt",
		"/js/%2e%2e/%2e%2e/secret.txt", "/examples/..%2f..%2fgo.mod", "/examples/%2e%2e%2f%2e%2e%2fgo.mod",
		"/..%5csecret.txt", "/js/..%5c..%5csecret.txt", "/./app.js", "//app.js", "/js//index.js",
		"/app.js%00", "/app.js/", "/C:/secret.txt",
		// Symbolic links out of the served directories.
		"/escape.txt", "/up.js", "/js/escape.js", "/examples/Leak.json",
	} {
		rec := do(t, h, http.MethodGet, target)
		if rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404; body %q", target, rec.Code, rec.Body)
		}
		if strings.Contains(rec.Body.String(), "top secret") || strings.Contains(rec.Body.String(), "module example") {
			t.Errorf("GET %s: leaked a file outside the served directories", target)
		}
		if strings.Contains(strings.ToLower(rec.Body.String()), "<a href") {
			t.Errorf("GET %s: looks like a directory listing: %q", target, rec.Body)
		}
		checkSecurityHeaders(t, target, rec.Header())
	}
}

func TestMethods(t *testing.T) {
	h := newServer(fakeRoot(t, true))
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodPatch} {
		rec := do(t, h, m, "/")
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s /: status %d, want 405", m, rec.Code)
		}
		if got := rec.Header().Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s /: Allow %q", m, got)
		}
		checkSecurityHeaders(t, m+" /", rec.Header())
	}
}

func TestMissingBuildSaysRunMakeBuild(t *testing.T) {
	s := newServer(fakeRoot(t, false))
	for _, target := range []string{"/js/amplifybackend.wasm", "/js/wasm_exec.js"} {
		rec := do(t, s, http.MethodGet, target)
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "run make build") {
			t.Errorf("GET %s without a build: %d %q, want 404 saying run make build", target, rec.Code, rec.Body)
		}
	}
	rec := do(t, s, http.MethodGet, "/dist/editor.js")
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "run make demo") {
		t.Errorf("GET /dist/editor.js without a bundle: %d %q, want 404 saying run make demo", rec.Code, rec.Body)
	}
	if msg := s.missingBuild(); !strings.Contains(msg, "run make build") {
		t.Errorf("missingBuild() = %q, want it to say run make build", msg)
	}
	if msg := newServer(fakeRoot(t, true)).missingBuild(); msg != "" {
		t.Errorf("missingBuild() with a build = %q, want empty", msg)
	}
	// The module built, the editor bundle not: make demo makes it.
	root := fakeRoot(t, true)
	if err := os.Remove(filepath.Join(root, "web-demo", "dist", "editor.js")); err != nil {
		t.Fatal(err)
	}
	if msg := newServer(root).missingBuild(); !strings.Contains(msg, "run make demo") {
		t.Errorf("missingBuild() without the editor bundle = %q, want it to say run make demo", msg)
	}
}

func TestFindRoot(t *testing.T) {
	root := fakeRoot(t, true)
	sub := filepath.Join(root, "web-demo", "sub")
	t.Chdir(sub)
	got, err := findRoot("")
	if err != nil || got != root {
		t.Errorf("findRoot from %s = %q, %v; want %q", sub, got, err, root)
	}
	if got, err := findRoot(root); err != nil || got != root {
		t.Errorf("findRoot(%q) = %q, %v", root, got, err)
	}
	if _, err := findRoot(filepath.Join(root, "js")); err == nil {
		t.Errorf("findRoot(js/) succeeded, want an error")
	}
}

// TestRunPrintsURLAndServes runs the command as a person would, on a free
// port, and fetches the page over TCP.
func TestRunPrintsURLAndServes(t *testing.T) {
	t.Run("addr flag", func(t *testing.T) { testRun(t, "-addr", "127.0.0.1:0") })
	t.Run("PORT variable", func(t *testing.T) {
		t.Setenv("PORT", "0")
		testRun(t)
	})
}

func testRun(t *testing.T, args ...string) {
	root := fakeRoot(t, true)
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(append(args, "-root", root), pw, &stderr) }()

	line := make(chan string, 1)
	go func() {
		buf := make([]byte, 256)
		n, _ := pr.Read(buf)
		line <- string(buf[:n])
	}()
	var out string
	select {
	case out = <-line:
	case code := <-done:
		t.Fatalf("run exited %d: %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("no start line within 10s")
	}
	const prefix = "amplifybackend demo: http://127.0.0.1:"
	if !strings.HasPrefix(out, prefix) || !strings.HasSuffix(out, "/\n") {
		t.Fatalf("start line %q, want %q<port>/", out, prefix)
	}
	url := strings.TrimPrefix(strings.TrimSuffix(out, "\n"), "amplifybackend demo: ")
	resp, err := http.Get(url + "js/amplifybackend.wasm")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("GET wasm over TCP: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	checkSecurityHeaders(t, "TCP", resp.Header)

	// Ask the server to stop the way a terminal would.
	p, _ := os.FindProcess(os.Getpid())
	_ = p.Signal(os.Interrupt)
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("run exited %d after SIGINT: %s", code, stderr.String())
		}
	case <-time.After(5 * time.Second):
		t.Error("run did not stop after SIGINT")
	}
}

func TestBadFlags(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-nope"}, &out, &errb); code != 2 {
		t.Errorf("run -nope = %d, want 2", code)
	}
	if code := run([]string{"-root", t.TempDir(), "-addr", "127.0.0.1:0"}, &out, &errb); code != 1 ||
		!strings.Contains(errb.String(), "not the repository root") {
		t.Errorf("run with a wrong -root = %d, %q", code, errb.String())
	}
}

func TestExampleIndexIsJSON(t *testing.T) {
	root := fakeRoot(t, true)
	rec := do(t, newServer(root), http.MethodGet, "/examples/index.json")
	var idx struct{ Operations []string }
	if err := json.Unmarshal(rec.Body.Bytes(), &idx); err != nil || len(idx.Operations) != 2 {
		t.Fatalf("index.json = %q, %v", rec.Body, err)
	}
	// Without the directory the index is empty, not an error.
	if err := os.RemoveAll(filepath.Join(root, "testdata")); err != nil {
		t.Fatal(err)
	}
	rec = do(t, newServer(root), http.MethodGet, "/examples/index.json")
	if rec.Code != 200 || rec.Body.String() != `{"operations":[]}` {
		t.Errorf("index.json without examples = %d %q", rec.Code, rec.Body)
	}
}
