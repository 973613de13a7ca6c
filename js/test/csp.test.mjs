// Manifest V3 extensions (and pages with a strict CSP) allow WebAssembly with 'wasm-unsafe-eval'
// but never eval or new Function: no shipped JS file may use them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { JS_DIR } from "./helpers.mjs";

// The published files (package.json "files") that are JavaScript.
function shipped() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!["node_modules", "test"].includes(e.name)) walk(p);
      } else if (/\.(m?js)$/.test(e.name)) {
        out.push(p);
      }
    }
  };
  walk(JS_DIR);
  return out;
}

const FORBIDDEN = [
  [/\beval\s*\(/, "eval("],
  [/\bnew\s+Function\s*\(/, "new Function("],
  [/(?<![\w.])Function\s*\(/, "Function("],
  [/\bset(?:Timeout|Interval)\s*\(\s*["'`]/, "setTimeout/setInterval with a string"],
  [/\bimportScripts\s*\(/, "importScripts("],
];

test("index.js, lib/, generated/, cli.mjs and wasm_exec.js use no eval and no new Function", () => {
  const files = shipped();
  const names = files.map((f) => relative(JS_DIR, f));
  for (const need of ["index.js", "wasm_exec.js", "cli.mjs", "generated/schemas.js"]) {
    assert.ok(names.includes(need), need + " is checked (run make build first for wasm_exec.js)");
  }
  for (const f of files) {
    const src = readFileSync(f, "utf8");
    for (const [re, what] of FORBIDDEN) {
      assert.ok(!re.test(src), `${relative(JS_DIR, f)} uses ${what}`);
    }
  }
});

test("wasm_exec.js is Go's own, unchanged", (t) => {
  let goroot = "";
  try {
    goroot = execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
  } catch {
    // No Go here.
  }
  if (!goroot || !existsSync(join(goroot, "lib", "wasm", "wasm_exec.js"))) {
    if (process.env.CI) assert.fail("CI: no Go toolchain to compare wasm_exec.js with");
    return t.skip("no Go toolchain to compare with");
  }
  assert.equal(readFileSync(join(JS_DIR, "wasm_exec.js"), "utf8"), readFileSync(join(goroot, "lib", "wasm", "wasm_exec.js"), "utf8"));
});

test("the package loads without Node built-ins at the top level (browser bundles)", () => {
  for (const f of ["index.js", "lib/json.js", "lib/options.js", "lib/load.js", "generated/schemas.js"]) {
    const src = readFileSync(join(JS_DIR, f), "utf8");
    assert.ok(!/^\s*import\s[^;]*from\s*["']node:/m.test(src), f + " imports a Node built-in statically");
    assert.ok(!/\brequire\s*\(/.test(src), f + " uses require");
  }
});
