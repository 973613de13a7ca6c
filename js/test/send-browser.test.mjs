// send() in a real Chromium (Debian's /usr/bin/chromium through playwright-core) against a local
// server: the page and the "service" share one origin on 127.0.0.1, the service answers 429
// once and then the output, so the browser's fetch, the Go retry decision and the wait all run.
// Skipped locally without Chromium or playwright-core; fails under CI=true.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { JS_DIR } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const require = createRequire(import.meta.url);
let playwright = null;
try {
  playwright = require("playwright-core");
} catch {
  // Not installed.
}
const skip = process.env.CI ? false : !existsSync(CHROMIUM) ? CHROMIUM + " is missing" : !playwright ? "npm install in js/ for playwright-core" : false;

const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module">
import { init, send, ServiceError } from "./pkg/index.js";
const out = {};
try {
  await init();
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
  const input = { AppId: "d2v6kx3qz7p1ab", BackendEnvironmentName: "staging" };
  out.ok = await send("GetBackend", input, { region: "us-east-1", credentials, endpoint: location.origin + "/svc" });
  try {
    await send("GetBackendJob", { ...input, JobId: "missing" }, { region: "us-east-1", credentials, endpoint: location.origin + "/svc" });
  } catch (e) {
    out.error = { isServiceError: e instanceof ServiceError, name: e.name, statusCode: e.statusCode, response: e.response };
  }
} catch (e) {
  out.failure = String(e && e.stack || e);
}
window.__result = out;
</script>`;

let server;
let origin;
let browser;
const calls = [];

before(async () => {
  if (skip) return;
  const root = mkdtempSync(join(tmpdir(), "amplifybackend-send-browser-"));
  const pkg = join(root, "pkg");
  mkdirSync(pkg);
  for (const f of JSON.parse(readFileSync(join(JS_DIR, "package.json"), "utf8")).files) {
    if (existsSync(join(JS_DIR, f))) cpSync(join(JS_DIR, f), join(pkg, f), { recursive: true });
  }
  server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname.startsWith("/svc/")) {
      calls.push({ path: url.pathname, authorization: req.headers.authorization, date: req.headers["x-amz-date"] });
      req.resume();
      const headers = { "Content-Type": "application/json", "x-amzn-RequestId": "req-" + calls.length };
      if (url.pathname.endsWith("/details")) {
        if (calls.filter((c) => c.path === url.pathname).length === 1) {
          res.writeHead(429, { ...headers, "x-amzn-ErrorType": "TooManyRequestsException" }).end('{"message":"Rate exceeded"}');
        } else {
          res.writeHead(200, headers).end('{"appId":"d2v6kx3qz7p1ab","appName":"demo","backendEnvironmentList":["staging"]}');
        }
      } else {
        res.writeHead(404, { ...headers, "x-amzn-ErrorType": "NotFoundException" }).end('{"message":"No job","resourceType":"Job"}');
      }
      return;
    }
    const p = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    if (p === "/page.html") {
      res.writeHead(200, { "Content-Type": "text/html", "Content-Security-Policy": "default-src 'none'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; connect-src 'self'" }).end(PAGE);
      return;
    }
    const file = join(root, p);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("send in Chromium: 429 then success, and a ServiceError, with the browser's fetch", { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(origin + "/page.html");
  const out = await page.waitForFunction(() => window.__result, null, { timeout: 30_000 }).then((h) => h.jsonValue());
  await page.close();
  assert.equal(out.failure, undefined, out.failure);
  assert.equal(out.ok.AppId, "d2v6kx3qz7p1ab");
  assert.deepEqual(out.ok.BackendEnvironmentList, ["staging"]);
  assert.equal(out.ok.ResponseMetadata.RetryAttempts, 1);
  assert.equal(out.ok.ResponseMetadata.RequestId, "req-2");
  assert.deepEqual(out.error, {
    isServiceError: true,
    name: "NotFoundException",
    statusCode: 404,
    response: {
      Error: { Code: "NotFoundException", Message: "No job" },
      ResponseMetadata: { RequestId: "req-3", HTTPStatusCode: 404, HTTPHeaders: out.error.response.ResponseMetadata.HTTPHeaders, RetryAttempts: 0 },
      Message: "No job",
      ResourceType: "Job",
    },
  });
  assert.equal(out.error.response.ResponseMetadata.HTTPHeaders["x-amzn-errortype"], "NotFoundException");
  assert.equal(calls.length, 3);
  for (const c of calls) assert.match(c.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/amplifybackend\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
});
