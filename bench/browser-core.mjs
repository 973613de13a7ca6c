#!/usr/bin/env node
// Chromium, localhost, strict CSP: navigation to the first validation result with the core module
// (amplifybackend-wasm/core). The browser harness of js/test/browser.test.mjs (Debian's Chromium
// through playwright-core from js/node_modules, headless, a 127.0.0.1 server on a port from :0
// that sends the CSP with every file), one fresh page per sample, the published files of js/ as
// the package. The page records performance.now() (milliseconds since navigation start) when
// validateAuthConfig has returned; the full module is measured the same way for comparison.
// It checks what it measures: the result is valid, the core page fetched only
// amplifybackend-core.wasm and cannot sign, and no CSP violation was reported.
//
// "core-bundled" is the core page as an app ships it: the same page script bundled by esbuild
// into one minified file (lib.mjs browserBundle, as the demo's editor is), the .wasm beside it.
// The other pages load the package's files as published, one module graph request at a time.
//
// Two floors are sampled in the same rotation, to show what any page of this kind costs before
// our code: "empty", a page whose one module script records the time at once (the browser's own
// navigation and first script), and "go-floor", a page that instantiates and runs an empty Go
// program (func main() {}, built here with the core module's flags, started by the same
// wasm_exec.js): the browser plus the Go runtime's start, which every Go-built module pays.
//
//   node bench/browser-core.mjs [--samples N]      (default 15 per page, rotating)
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, cpSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { browserBundle, goBuildJS } from "./lib.mjs";

const JS_DIR = fileURLToPath(new URL("../js/", import.meta.url));
const require = createRequire(join(JS_DIR, "package.json"));
const playwright = require("playwright-core");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const i = process.argv.indexOf("--samples");
const N = i > 0 ? Number(process.argv[i + 1]) : 15;
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };

const root = mkdtempSync(join(tmpdir(), "amplifybackend-browser-bench-"));
mkdirSync(join(root, "pkg"));
for (const f of JSON.parse(readFileSync(join(JS_DIR, "package.json"), "utf8")).files) {
  if (existsSync(join(JS_DIR, f))) cpSync(join(JS_DIR, f), join(root, "pkg", f), { recursive: true });
}
cpSync(fileURLToPath(new URL("fixtures/create-backend-auth.json", import.meta.url)), join(root, "input.json"));
for (const [name, entry] of [["core", "./pkg/core.js"], ["full", "./pkg/index.js"]]) {
  writeFileSync(join(root, name + ".html"), `<!doctype html><meta charset="utf-8"><script type="module" src="${name}.js"></script>`);
  writeFileSync(
    join(root, name + ".js"),
    `import { init, validateAuthConfig, signerLoaded } from "${entry}";
const config = fetch("./input.json").then((r) => r.json());
await init();
const r = validateAuthConfig((await config).ResourceConfig, { mode: "create" });
const ms = performance.now();
window.__result = { ms, valid: r.valid, signer: signerLoaded() };
`,
  );
}
// The Go floor: an empty program, built with the core module's flags (see the Makefile).
writeFileSync(join(root, "floor.go"), "package main\n\nfunc main() {}\n");
goBuildJS(join(root, "floor.go"), join(root, "go-floor.wasm"), ["-gcflags=all=-l"]);
writeFileSync(join(root, "empty.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="empty.js"></script>`);
writeFileSync(join(root, "empty.js"), "window.__result = { ms: performance.now(), valid: true };\n");
writeFileSync(join(root, "go-floor.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="go-floor.js"></script>`);
writeFileSync(
  join(root, "go-floor.js"),
  `import "./pkg/wasm_exec.js";
const go = new Go();
const { instance } = await WebAssembly.instantiateStreaming(fetch("./go-floor.wasm"), go.importObject);
go.run(instance); // main returns at once: the runtime has started and run it
window.__result = { ms: performance.now(), valid: true };
`,
);
// The bundled core page: core.js's script in one file at the root, the module it loads beside it.
{
  const script = readFileSync(join(root, "core.js"), "utf8").replace("./pkg/core.js", join(root, "pkg", "core.js"));
  writeFileSync(join(root, "core-bundled.js"), await browserBundle(script));
  cpSync(join(root, "pkg", "amplifybackend-core.wasm"), join(root, "amplifybackend-core.wasm"));
  writeFileSync(join(root, "core-bundled.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="core-bundled.js"></script>`);
}
const PAGES = ["core", "core-bundled", "full", "go-floor", "empty"];
const WASM = { core: "/pkg/amplifybackend-core.wasm", "core-bundled": "/amplifybackend-core.wasm", full: "/pkg/amplifybackend.wasm", "go-floor": "/go-floor.wasm", empty: "" };
const fetched = [];
const server = createServer((req, res) => {
  const p = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(root, p);
  fetched.push(p);
  if (!file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CSP, "Cache-Control": "no-store" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
const samples = Object.fromEntries(PAGES.map((p) => [p, []]));
const violations = [];
try {
  for (let k = 0; k < N + 1; k++) {
    for (const name of PAGES.map((_, j) => PAGES[(j + k) % PAGES.length])) {
      const ctx = await browser.newContext(); // a fresh cache per sample
      const page = await ctx.newPage();
      page.on("console", (m) => m.type() === "error" && violations.push(m.text()));
      await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => console.error("CSP violation: " + e.violatedDirective)));
      fetched.length = 0;
      await page.goto(`${origin}/${name}.html`);
      const out = await page.waitForFunction(() => window.__result, null, { timeout: 30_000 }).then((h) => h.jsonValue());
      await ctx.close();
      const wasm = fetched.filter((p) => p.endsWith(".wasm"));
      if (out.valid !== true) throw new Error(`${name}: not valid`);
      if (wasm.join() !== WASM[name]) throw new Error(`${name} page: fetched ${wasm.join() || "no module"}, not ${WASM[name] || "none"}`);
      if (name.startsWith("core") && out.signer !== false) throw new Error(name + " page: signerLoaded() is " + out.signer);
      if (name === "full" && out.signer !== true) throw new Error("full page: signerLoaded() is " + out.signer);
      if (k > 0) samples[name].push(out.ms); // the first round warms Chromium's own start-up
    }
  }
} finally {
  await browser.close();
  server.close();
  rmSync(root, { recursive: true, force: true });
}
if (violations.length) throw new Error("CSP violations: " + violations.join("; "));
const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};
const result = {};
for (const [name, xs] of Object.entries(samples)) {
  result[name] = { n: xs.length, min: q(xs, 0), p25: q(xs, 0.25), median: q(xs, 0.5), p75: q(xs, 0.75), p90: q(xs, 0.9), max: q(xs, 1), samples: xs.map((x) => Math.round(x)) };
  console.log(`${name.padEnd(12)} navigation -> ${{ empty: "its first script ran", "go-floor": "the empty Go program ran" }[name] ?? "first validateAuthConfig result"}, ms: min ${result[name].min.toFixed(0)}, p25 ${result[name].p25.toFixed(0)}, median ${result[name].median.toFixed(0)}, p75 ${result[name].p75.toFixed(0)}, p90 ${result[name].p90.toFixed(0)}, max ${result[name].max.toFixed(0)} (n=${xs.length})`);
}
// What is ours: each module page's median minus the Go floor's (the browser and the runtime).
for (const name of ["core", "core-bundled", "full"]) {
  result[name].overGoFloor = result[name].median - result["go-floor"].median;
  console.log(`${name.padEnd(12)} median over the go-floor median: ${result[name].overGoFloor.toFixed(0)} ms`);
}
writeFileSync(fileURLToPath(new URL("results-browser.json", import.meta.url)), JSON.stringify({ date: new Date().toISOString(), chromium: browser.version?.() ?? "", csp: CSP, ...result }, null, 2) + "\n");
