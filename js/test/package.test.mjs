// The packages as users get them: `npm pack` both (js/ and js/cli/; prepack builds or refuses),
// check what the tarballs hold, install them offline in a fresh folder, import the API in Node,
// run the CLI's bin, and bundle a tiny page with each bundler of js/README.md's recipes (esbuild,
// Vite, webpack 5; pinned in test/bundlers/package-lock.json) and load it in headless Chromium.
// Locally, the bundler and browser parts skip without their packages or Chromium; under CI they
// fail instead (`make test-node` installs them).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative } from "node:path";
import { JS_DIR, ROOT, TESTDATA } from "./helpers.mjs";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const BUNDLERS = join(JS_DIR, "test", "bundlers", "node_modules", ".bin");
const require = createRequire(import.meta.url);
let playwright = null;
try {
  playwright = require("playwright-core");
} catch {
  // Not installed.
}
const browserSkip = process.env.CI ? false : !existsSync(CHROMIUM) ? CHROMIUM + " is missing" : !playwright ? "npm install in js/ for playwright-core" : false;
const bundlerSkip = browserSkip || (process.env.CI ? false : !existsSync(BUNDLERS) ? "npm ci in js/test/bundlers for the bundlers" : false);

let work; // temporary folder: tarballs and the consumer project
let project;
let tarballs;
let browser;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
}

function mustRun(cmd, args, opts = {}) {
  const r = run(cmd, args, opts);
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} (in ${opts.cwd ?? process.cwd()}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** pack runs npm pack in dir (prepack included) and returns the tarball's path. */
function pack(dir) {
  const before = new Set(readdirSync(work));
  mustRun("npm", ["pack", "--pack-destination", work, "--no-audit", "--no-fund"], { cwd: dir });
  const made = readdirSync(work).filter((f) => f.endsWith(".tgz") && !before.has(f));
  assert.equal(made.length, 1, "npm pack made one tarball: " + made);
  return join(work, made[0]);
}

const listTarball = (tgz) =>
  mustRun("tar", ["tzf", tgz])
    .stdout.split("\n")
    .filter((l) => l !== "" && !l.endsWith("/"))
    .map((l) => l.replace(/^package\//, ""))
    .sort();

const repoFiles = (dir) =>
  readdirSync(join(JS_DIR, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(JS_DIR, join(e.parentPath, e.name)))
    .sort();

before(() => {
  work = mkdtempSync(join(tmpdir(), "amplifybackend-pack-"));
  tarballs = { api: pack(JS_DIR), cli: pack(join(JS_DIR, "cli")) };
  project = join(work, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  // Offline: the packages have no dependencies but each other, so nothing comes from a registry.
  mustRun("npm", ["install", "--offline", "--no-audit", "--no-fund", tarballs.api, tarballs.cli], { cwd: project });
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("the API package holds exactly its files: one module, no CLI", () => {
  const want = ["LICENSE", "NOTICE", "README.md", "amplifybackend.wasm", "index.d.ts", "index.js", "package.json", "wasm_exec.js", ...repoFiles("lib"), ...repoFiles("generated")].sort();
  assert.deepEqual(listTarball(tarballs.api), want);
  const pkg = JSON.parse(readFileSync(join(JS_DIR, "package.json"), "utf8"));
  assert.equal(pkg.license, "Apache-2.0");
  assert.equal(pkg.bin, undefined, "the CLI is amplifybackend-wasm-cli");
  assert.ok(pkg.repository && pkg.repository.url && pkg.keywords.length > 0);
  // Every entry of files and every export target is in the tarball.
  const packed = new Set(listTarball(tarballs.api));
  for (const f of pkg.files) assert.ok([...packed].some((p) => p === f || p.startsWith(f)), `files entry ${f} is packed`);
  for (const [k, v] of Object.entries(pkg.exports)) {
    for (const target of typeof v === "string" ? [v] : Object.values(v)) assert.ok(packed.has(target.replace(/^\.\//, "")), `export ${k} -> ${target} is packed`);
  }
  const installed = join(project, "node_modules", "amplifybackend-wasm");
  assert.equal(readFileSync(join(installed, "LICENSE"), "utf8"), readFileSync(join(ROOT, "LICENSE"), "utf8"));
  assert.equal(readFileSync(join(installed, "NOTICE"), "utf8"), readFileSync(join(ROOT, "NOTICE"), "utf8"));
  assert.equal(statSync(join(installed, "amplifybackend.wasm")).size, statSync(join(JS_DIR, "amplifybackend.wasm")).size);
});

test("the CLI package holds the CLI, its module and what cli.mjs imports, not the API", () => {
  const files = listTarball(tarballs.cli);
  for (const f of ["LICENSE", "NOTICE", "README.md", "amplifybackend-cli.wasm", "cli.mjs", "package.json"]) assert.ok(files.includes(f), f);
  for (const f of files) {
    assert.ok(!["index.js", "amplifybackend.wasm", "wasm_exec.js"].includes(f) && !f.startsWith("lib/"), `${f} belongs to amplifybackend-wasm`);
  }
  const pkg = JSON.parse(readFileSync(join(JS_DIR, "cli", "package.json"), "utf8"));
  const api = JSON.parse(readFileSync(join(JS_DIR, "package.json"), "utf8"));
  assert.equal(pkg.dependencies["amplifybackend-wasm"], api.version, "the CLI depends on the exact API version");
  assert.equal(pkg.version, api.version);
  assert.equal(pkg.license, "Apache-2.0");
});

test("prepack refuses to pack without the modules", () => {
  // A copy of the package without its .wasm files and outside the repository (no Makefile to
  // build with): packing must fail, naming the missing module.
  const copy = join(work, "nomodules", "js");
  mkdirSync(join(copy, "scripts"), { recursive: true });
  for (const f of ["package.json", "index.js", "index.d.ts", "README.md", "scripts/prepack.mjs"]) copyFileSync(join(JS_DIR, f), join(copy, f));
  const r = run("npm", ["pack", "--dry-run", "--no-audit", "--no-fund"], { cwd: copy });
  assert.notEqual(r.status, 0, "npm pack succeeded without modules");
  assert.match(r.stderr, /prepack: js\/wasm_exec\.js is missing: run `make build`/);
});

test("Node: the installed package imports, validates, builds and signs; the bin runs", () => {
  const script = `
    import { init, validate, buildRequest, signRequest } from "amplifybackend-wasm";
    import { schemas } from "amplifybackend-wasm/schemas";
    await init();
    const input = JSON.parse(process.argv[2]);
    const req = buildRequest("GetBackend", input, { region: "us-east-1" });
    const signed = signRequest(req, { credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }, region: "us-east-1", signingDate: "2026-01-15T12:00:00Z" });
    const { valid, errors } = validate("GetBackend", input);
    console.log(JSON.stringify({ valid: { valid, errors }, invalid: validate("GetBackend", { AppId: "" }).errors.map((p) => p.code), url: req.url, auth: signed.headers.Authorization, schemas: Object.keys(schemas).length }));
  `;
  writeFileSync(join(project, "use.mjs"), script);
  const input = readFileSync(join(TESTDATA, "operations", "GetBackend.json"), "utf8");
  const out = JSON.parse(mustRun(process.execPath, ["use.mjs", input], { cwd: project }).stdout);
  assert.deepEqual(out.valid, { valid: true, errors: [] });
  assert.deepEqual(out.invalid, ["empty"]);
  assert.equal(out.url, "https://amplifybackend.us-east-1.amazonaws.com/backend/d2v6kx3qz7p1ab/details");
  assert.match(out.auth, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260115\/us-east-1\/amplifybackend\/aws4_request, /);
  assert.equal(out.schemas, 31);

  const bin = join(project, "node_modules", ".bin", "amplifybackend");
  writeFileSync(join(project, "in.json"), input);
  writeFileSync(join(project, "bad.json"), '{"AppId": ""}');
  const ok = run(bin, ["validate", "--operation", "GetBackend", "in.json"], { cwd: project });
  assert.equal(ok.status, 0, ok.stderr);
  const bad = run(bin, ["validate", "--operation", "GetBackend", "bad.json"], { cwd: project });
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stdout + bad.stderr, /AppId/);
  const ops = run(bin, ["operations"], { cwd: project });
  assert.equal(ops.status, 0, ops.stderr);
  assert.equal(ops.stdout.trim().split("\n").length, 32, "a header and the 31 operations");
});

// The page every bundler builds: the package by its name, default loading (no wasm option).
const PAGE = `
import { init, validate, buildRequest } from "amplifybackend-wasm";
async function main() {
  const out = {};
  try {
    await init();
    const { valid, errors } = validate("GetBackend", { AppId: "a" });
    out.valid = { valid, errors };
    out.invalid = validate("GetBackend", { AppId: 1 }).errors.map((p) => p.path + " " + p.code);
    out.url = buildRequest("GetBackend", { AppId: "a b" }, { region: "eu-west-1" }).url;
  } catch (e) {
    out.error = String((e && e.stack) || e);
  }
  window.__result = out;
}
main();
`;

const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

/** serve serves dir on 127.0.0.1 and records the paths requested. */
async function serve(dir) {
  const requested = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requested.push(path);
    const file = join(dir, normalize(path === "/" ? "/index.html" : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${server.address().port}`, requested, close: () => new Promise((r) => server.close(r)) };
}

/** loadURL opens url in Chromium and returns what the page reported and its errors. */
async function loadURL(url) {
  if (!browser) {
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
  }
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30000 });
    return { out: await page.evaluate(() => window.__result), errors };
  } finally {
    await page.close();
  }
}

async function loadPage(dir) {
  const srv = await serve(dir);
  try {
    return { ...(await loadURL(srv.origin + "/index.html")), requested: srv.requested };
  } finally {
    await srv.close();
  }
}

function checkPage({ out, requested, errors }, name) {
  assert.deepEqual(errors, [], name);
  assert.equal(out.error, undefined, name + ": " + out.error);
  assert.deepEqual(out.valid, { valid: true, errors: [] }, name);
  assert.deepEqual(out.invalid, ["/AppId type"], name);
  assert.equal(out.url, "https://amplifybackend.eu-west-1.amazonaws.com/backend/a%20b/details", name);
  const wasm = requested.filter((p) => p.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `${name}: the page fetches one .wasm: ${requested}`);
}

/** app makes a fresh app folder inside the consumer project (so it resolves its node_modules). */
function app(name) {
  const dir = join(project, name);
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "src", "main.js"), PAGE);
  return dir;
}

const bin = (name) => join(BUNDLERS, name);
const apiModuleSize = () => statSync(join(project, "node_modules", "amplifybackend-wasm", "amplifybackend.wasm")).size;

test("esbuild: bundle, copy the .wasm next to the bundle (js/README.md)", { skip: bundlerSkip }, async () => {
  const dir = app("esbuild-app");
  // The bundle in a subfolder, as sites serve them, so that only "next to the bundle" works.
  mustRun(bin("esbuild"), ["src/main.js", "--bundle", "--format=esm", "--outdir=dist/assets", "--log-level=warning"], { cwd: dir });
  copyFileSync(join(project, "node_modules", "amplifybackend-wasm", "amplifybackend.wasm"), join(dir, "dist", "assets", "amplifybackend.wasm"));
  writeFileSync(join(dir, "dist", "index.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="assets/main.js"></script>');
  checkPage(await loadPage(join(dir, "dist")), "esbuild");
});

test("Vite: vite build emits the .wasm as an asset, and the dev server serves it (js/README.md)", { skip: bundlerSkip }, async () => {
  const dir = app("vite-app");
  writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><script type="module" src="/src/main.js"></script>');
  mustRun(bin("vite"), ["build", "--logLevel", "warn"], { cwd: dir });
  const assets = readdirSync(join(dir, "dist", "assets"));
  assert.deepEqual(assets.filter((f) => f.endsWith(".wasm")).map((f) => statSync(join(dir, "dist", "assets", f)).size), [apiModuleSize()], "one .wasm asset, the API module: " + assets);
  checkPage(await loadPage(join(dir, "dist")), "vite build");

  // The dev server (dependency pre-bundling included), on a free port of 127.0.0.1.
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  const dev = spawn(bin("vite"), ["--host", "127.0.0.1", "--port", String(port), "--strictPort", "--clearScreen", "false"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
  try {
    let log = "";
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("vite dev did not start: " + log)), 30000);
      const onData = (d) => {
        log += d;
        // eslint-disable-next-line no-control-regex
        if (log.replace(/\x1b\[[0-9;]*m/g, "").includes(`127.0.0.1:${port}`)) {
          clearTimeout(timer);
          resolve();
        }
      };
      dev.stdout.on("data", onData);
      dev.stderr.on("data", onData);
      dev.on("exit", (code) => reject(new Error(`vite dev exited (${code}): ${log}`)));
    });
    const result = await loadURL(`http://127.0.0.1:${port}/`);
    assert.deepEqual(result.errors, [], "vite dev");
    assert.equal(result.out.error, undefined, "vite dev: " + result.out.error);
    assert.deepEqual(result.out.valid, { valid: true, errors: [] }, "vite dev");
  } finally {
    dev.kill();
  }
});

test("webpack 5: the .wasm is an asset module, no configuration (js/README.md)", { skip: bundlerSkip }, async () => {
  const dir = app("webpack-app");
  mustRun(bin("webpack"), ["--mode", "production", "--entry", "./src/main.js", "--output-path", "dist", "--no-stats"], { cwd: dir });
  assert.deepEqual(readdirSync(join(dir, "dist")).filter((f) => f.endsWith(".wasm")).map((f) => statSync(join(dir, "dist", f)).size), [apiModuleSize()], "one .wasm, the API module");
  writeFileSync(join(dir, "dist", "index.html"), '<!doctype html><meta charset="utf-8"><script src="main.js"></script>');
  checkPage(await loadPage(join(dir, "dist")), "webpack");
});

// Raw and gzip -9 only: brotli at quality 11 takes tens of seconds on these modules (BENCHMARKS.md
// records it).
test("the READMEs state the modules' sizes as measured", async () => {
  const { gzipSync } = await import("node:zlib");
  const mb = (n) => (n / 1e6).toFixed(1);
  const measured = {};
  for (const name of ["amplifybackend.wasm", "amplifybackend-cli.wasm"]) {
    const b = readFileSync(join(JS_DIR, name));
    measured[name] = `${mb(b.length)} MB raw, ${mb(gzipSync(b, { level: 9 }).length)} MB gzip`;
  }
  const found = new Set();
  for (const doc of ["README.md", "cli/README.md", "../README.md"]) {
    const text = readFileSync(join(JS_DIR, doc), "utf8").replace(/\s+/g, " ");
    for (const m of text.matchAll(/`(amplifybackend(?:-cli)?\.wasm)` \(([\d.]+ MB raw, [\d.]+ MB gzip)\)/g)) {
      found.add(m[1]);
      assert.equal(m[2], measured[m[1]], `${doc} states ${m[1]} as (${m[2]}); measured: (${measured[m[1]]}): update the figure in ${doc}`);
    }
  }
  assert.deepEqual([...found].sort(), Object.keys(measured).sort(), "each module's size is stated");
});
