# amplifybackend-wasm — every task a user or CI runs.
# `make demo` serves the editor; `make test` runs every test; `make check` is what CI's
# "nothing to regenerate, formatted, vetted, cross-builds" gate means.

GO        ?= go
NODE      ?= node
PORT      ?= 8080
WASMFLAGS := -trimpath -ldflags="-s -w"
GOROOT    := $(shell $(GO) env GOROOT)

JS_WASM     := js/amplifybackend.wasm
JS_CORE_WASM := js/amplifybackend-core.wasm
JS_CLI_WASM := js/amplifybackend-cli.wasm
JS_EXEC     := js/wasm_exec.js
WASIP1_WASM := dist/amplifybackend-wasip1.wasm
WASIP1_CORE_WASM := dist/amplifybackend-core-wasip1.wasm
DEMO_BUNDLE := web-demo/dist/editor.js
GO_SOURCES  := $(shell find . -name '*.go' -not -path './bench/*' -not -path '*/node_modules/*') go.mod go.sum

.PHONY: all build demo serve test test-go test-node test-browser check generate bench fuzz clean

all: build

## build: the WebAssembly modules: for browsers/Node (GOOS=js; the API, and the API plus the
## CLI for the Node bin) and for WASI hosts (wasip1)
build: $(JS_WASM) $(JS_CORE_WASM) $(JS_CLI_WASM) $(JS_EXEC) $(WASIP1_WASM) $(WASIP1_CORE_WASM)

# The browser module leaves the CLI out (-tags nocli): it is 115 KB of brotli the page never runs.
$(JS_WASM): $(GO_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -tags nocli $(WASMFLAGS) -o $@ ./wasm/js

# The core module (-tags nosign): validation, building, schemas and response parsing, without
# the signer and what it links (net/http, crypto/tls, time): 535 KB brotli against 1.22 MB, for
# pages that do not sign. -gcflags=all=-l (no inlining) takes 45 KB more off it; its speed cost
# is in BENCHMARKS.md. The full modules keep inlining.
$(JS_CORE_WASM): $(GO_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build -tags nocli,nosign -gcflags=all=-l $(WASMFLAGS) -o $@ ./wasm/js

$(JS_CLI_WASM): $(GO_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build $(WASMFLAGS) -o $@ ./wasm/js

$(JS_EXEC): $(GOROOT)/lib/wasm/wasm_exec.js
	cp $< $@

$(WASIP1_WASM): $(GO_SOURCES)
	@mkdir -p dist
	GOOS=wasip1 GOARCH=wasm $(GO) build -buildmode=c-shared $(WASMFLAGS) -o $@ ./wasm/wasip1

$(WASIP1_CORE_WASM): $(GO_SOURCES)
	@mkdir -p dist
	GOOS=wasip1 GOARCH=wasm $(GO) build -tags nosign -buildmode=c-shared $(WASMFLAGS) -o $@ ./wasm/wasip1

# The demo's editor: CodeMirror 6 and jsonc-parser from npm (pinned in web-demo/package-lock.json),
# bundled by esbuild into one file the page loads (the CSP allows only its own scripts).
$(DEMO_BUNDLE): web-demo/package.json web-demo/package-lock.json $(wildcard web-demo/src/*.js)
	cd web-demo && npm ci --no-audit --no-fund && npm run --silent build

## demo: build the module and the editor bundle, and serve the config editor (and, on the same
## origin, the local AmplifyBackend service its Send button talks to) on http://127.0.0.1:$(PORT)
demo: build $(DEMO_BUNDLE)
	$(GO) run ./cmd/demo -addr 127.0.0.1:$(PORT)

## serve: run the local AmplifyBackend service (docs/LOCALSERVICE.md) on http://127.0.0.1:8011
serve:
	$(GO) run ./cmd/amplifybackend serve

## test: every test — Go (native and wazero-hosted), Node, and headless Chromium
test: test-go test-node test-browser

# ensure-clients.sh: boto3, the AWS CLI and the JS SDK that pkg/localservice's tests run.
test-go:
	bash scripts/ensure-clients.sh
	$(GO) test ./...
	$(GO) test -race ./pkg/client/ ./internal/wasmhost/...
	$(GO) test -race -run '^Test(Lifecycle|Concurrent|Paging|Signature|Validation)' ./pkg/localservice/

# package.test.mjs packs js/ and js/cli/, installs the tarballs and bundles a page with the
# bundlers of js/test/bundlers (pinned there; about 90 MB, installed once).
test-node: build js/node_modules/.package-lock.json js/test/bundlers/node_modules/.package-lock.json
	bash scripts/ensure-browser.sh
	cd js && $(NODE) --test test/*.test.mjs

test-browser: build $(DEMO_BUNDLE)
	bash scripts/ensure-browser.sh
	cd web-demo/test && $(NODE) --test

## check: regenerate, tidy, format, vet, staticcheck, type-check the JS, cross-build; fails on
## any diff. The tools are pinned: goimports and staticcheck in go.mod (`go tool`), typescript
## in js/package-lock.json.
check: js/node_modules/.package-lock.json
	$(GO) generate ./...
	$(GO) mod tidy -diff
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1)
	@files="$$(git grep -L '^// Code generated .* DO NOT EDIT\.$$' -- '*.go')"; \
	  test -z "$$($(GO) tool goimports -l $$files)" || ($(GO) tool goimports -l $$files; echo "goimports: files above need their imports grouped (go tool goimports -w)"; exit 1)
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	GOOS=js GOARCH=wasm $$($(GO) tool -n staticcheck) ./...
	GOOS=wasip1 GOARCH=wasm $$($(GO) tool -n staticcheck) ./...
	cd js && ./node_modules/.bin/tsc -p tsconfig.json
	GOOS=js GOARCH=wasm $(GO) build ./...
	GOOS=js GOARCH=wasm $(GO) build -tags nocli ./...
	GOOS=wasip1 GOARCH=wasm $(GO) build ./...
	GOOS=js GOARCH=wasm $(GO) build -tags nocli,nosign ./wasm/... ./internal/dispatch/ ./pkg/...
	GOOS=wasip1 GOARCH=wasm $(GO) build -tags nosign ./wasm/... ./internal/dispatch/ ./pkg/...
	GOOS=js GOARCH=wasm $(GO) vet -tags nocli,nosign ./wasm/js/ ./wasm/abi/
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/js/ ./wasm/abi/ ./bench/signerfloor/
	GOOS=wasip1 GOARCH=wasm $(GO) vet ./wasm/wasip1/
	@git diff --exit-code --stat -- . || (echo "check: regenerated or reformatted files differ from the commit"; exit 1)
	@test -z "$$(git status --porcelain --untracked-files=all -- pkg internal js/generated)" || (git status --porcelain -- pkg internal js/generated; echo "check: untracked generated files"; exit 1)

generate:
	$(GO) generate ./...

# js's npm packages (typescript for `make check`; the test packages), as its lock file pins them.
js/node_modules/.package-lock.json: js/package-lock.json
	cd js && npm ci --no-audit --no-fund

js/test/bundlers/node_modules/.package-lock.json: js/test/bundlers/package-lock.json
	cd js/test/bundlers && npm ci --no-audit --no-fund

## bench: side-by-side Node benchmark against the official AWS SDK for JavaScript
bench: build
	cd bench && npm ci --no-audit --no-fund && $(NODE) run.mjs
	$(GO) test -run '^$$' -bench . -benchmem ./pkg/...

clean:
	rm -rf dist $(JS_WASM) $(JS_CORE_WASM) $(JS_CLI_WASM) $(JS_EXEC)
