// The package in a real Chromium (Debian's /usr/bin/chromium through playwright-core): a page
// served with a strict CSP that allows WebAssembly but not eval, and a Manifest V3 extension
// (an extension page and the module service worker). Skipped when Chromium or playwright-core
// (npm install in js/) is not there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, cpSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { JS_DIR, TESTDATA } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const require = createRequire(import.meta.url);
let playwright = null;
try {
  playwright = require("playwright-core");
} catch {
  // Not installed.
}
// Without Chromium or playwright-core the browser tests are skipped locally, but fail in CI
// (CI=true), where scripts/ensure-browser.sh has installed both.
const skip = process.env.CI ? false : !existsSync(CHROMIUM) ? CHROMIUM + " is missing" : !playwright ? "npm install in js/ for playwright-core" : false;

const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };

// What each page runs: the API end to end, reported back as JSON.
const SCRIPT = `
import { init, validate, buildRequest, signRequest, operations, schema } from "./pkg/index.js";
// No top-level await: a service worker does not allow it.
async function run() {
const out = {};
try {
  const t0 = performance.now();
  await init();
  out.initMs = performance.now() - t0;
  const input = await (await fetch("./GetBackend.json")).json();
  out.valid = validate("GetBackend", input);
  out.invalid = validate("GetBackend", { AppId: NaN });
  const req = buildRequest("GetBackend", input, { region: "us-east-1" });
  out.signed = signRequest(req, { credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, region: "us-east-1", signingDate: "2026-01-15T12:00:00Z" });
  out.operations = operations().length;
  out.schema = schema("GetBackend").$schema;
  try { buildRequest("GetBackend", {}, { regoin: "x" }); } catch (e) { out.thrown = e.errors; }
} catch (e) {
  out.error = String(e && e.stack || e);
}
return out;
}
`;

let server;
let origin;
let browser;
let profile;
const violations = [];

function site() {
  // The package as it is published (the files of package.json), plus the pages.
  const root = mkdtempSync(join(tmpdir(), "amplifybackend-browser-"));
  const pkg = join(root, "pkg");
  mkdirSync(pkg);
  for (const f of JSON.parse(readFileSync(join(JS_DIR, "package.json"), "utf8")).files) {
    if (existsSync(join(JS_DIR, f))) cpSync(join(JS_DIR, f), join(pkg, f), { recursive: true });
  }
  cpSync(join(TESTDATA, "operations", "GetBackend.json"), join(root, "GetBackend.json"));
  writeFileSync(join(root, "page.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>');
  writeFileSync(join(root, "page.js"), SCRIPT + "run().then((out) => (window.__result = out));\n");
  return root;
}

before(async () => {
  if (skip) return;
  const root = site();
  server = createServer((req, res) => {
    const p = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, p);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CSP });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}`;

  // The extension: manifest, a page and a module service worker, with MV3's default CSP.
  const ext = join(root, "ext");
  mkdirSync(ext);
  cpSync(join(root, "pkg"), join(ext, "pkg"), { recursive: true });
  cpSync(join(root, "GetBackend.json"), join(ext, "GetBackend.json"));
  writeFileSync(
    join(ext, "manifest.json"),
    JSON.stringify({
      manifest_version: 3,
      name: "amplifybackend-wasm test",
      version: "1.0",
      background: { service_worker: "sw.js", type: "module" },
      content_security_policy: { extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'" },
    }),
  );
  writeFileSync(join(ext, "ext.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="ext.js"></script>');
  writeFileSync(join(ext, "ext.js"), SCRIPT + "run().then((out) => (window.__result = out));\n");
  writeFileSync(join(ext, "sw.js"), SCRIPT + "run().then((out) => (self.__result = out));\n");

  profile = mkdtempSync(join(tmpdir(), "amplifybackend-chromium-"));
  browser = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

function check(out, where) {
  assert.equal(out.error, undefined, where + ": " + out.error);
  assert.deepEqual(out.valid, { valid: true, errors: [], warnings: [] }, where);
  assert.deepEqual(out.invalid.errors.map((p) => [p.path, p.code]), [["/AppId", "type"]], where);
  assert.match(out.signed.headers.Authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260115\/us-east-1\/amplifybackend\/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/, where);
  assert.equal(out.operations, 31, where);
  assert.equal(out.schema, "https://json-schema.org/draft/2020-12/schema", where);
  assert.equal(out.thrown[0].path, "/options/regoin", where);
}

test("a page with a strict CSP (no eval, 'wasm-unsafe-eval' only)", { skip }, async () => {
  const page = await browser.newPage();
  page.on("console", (m) => m.type() === "error" && violations.push(m.text()));
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI)));
  await page.goto(origin + "/page.html");
  const out = await page.waitForFunction(() => window.__result, null, { timeout: 30_000 }).then((h) => h.jsonValue());
  check(out, "page");
  assert.deepEqual(violations, []);
  console.log(`# browser page: init() took ${out.initMs.toFixed(0)} ms`);
  // The same request signed in Node gives the same signature.
  const ab = await import("../index.js");
  await ab.init();
  const input = JSON.parse(readFileSync(join(TESTDATA, "operations", "GetBackend.json"), "utf8"));
  const node = ab.signRequest(ab.buildRequest("GetBackend", input, { region: "us-east-1" }), { credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, region: "us-east-1", signingDate: "2026-01-15T12:00:00Z" });
  assert.deepEqual(out.signed, node);
  await page.close();
});

test("a Manifest V3 extension: its page and its module service worker", { skip }, async () => {
  let [worker] = browser.serviceWorkers();
  if (!worker) worker = await browser.waitForEvent("serviceworker", { timeout: 30_000 });
  const id = new URL(worker.url()).host;
  const fromWorker = await worker.evaluate(async () => {
    for (let i = 0; i < 300 && !self.__result; i++) await new Promise((r) => setTimeout(r, 100));
    return self.__result;
  });
  check(fromWorker, "service worker");
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(`chrome-extension://${id}/ext.html`);
  const out = await page.waitForFunction(() => window.__result, null, { timeout: 30_000 }).then((h) => h.jsonValue());
  check(out, "extension page");
  assert.deepEqual(errors, []);
  await page.close();
});
