// prepack for the two npm packages of this folder: `node scripts/prepack.mjs api` (js/, the
// package amplifybackend-wasm) and `node ../scripts/prepack.mjs cli` (js/cli/, the package
// amplifybackend-wasm-cli). npm runs it before `npm pack` and `npm publish`.
//
// It builds the WebAssembly modules with the repository's Makefile when Go is there (make does
// nothing when they are up to date), then refuses to pack unless every module the package
// ships is there and is this project's module (it exports alloc, handle and mem). It copies the
// repository's LICENSE and NOTICE into the package, and for the CLI package the Node CLI
// (../cli.mjs, with the files it imports relatively) and its module.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const JS = fileURLToPath(new URL("..", import.meta.url));
const ROOT = join(JS, "..");
const which = process.argv[2];
if (which !== "api" && which !== "cli") fail("usage: node scripts/prepack.mjs api|cli");
const dest = which === "api" ? JS : join(JS, "cli");

function fail(msg) {
  process.stderr.write(`prepack: ${msg}\n`);
  process.exit(1);
}

// Build when Go is available; a missing or failing toolchain is reported below as a missing
// module, unless make itself failed (then its error is the reason).
let hasGo = true;
try {
  execFileSync("go", ["version"], { stdio: "ignore" });
} catch {
  hasGo = false;
}
if (hasGo && existsSync(join(ROOT, "Makefile"))) {
  try {
    execFileSync("make", ["-C", ROOT, "--no-print-directory", "build"], { stdio: ["ignore", "inherit", "inherit"] });
  } catch {
    fail("`make build` failed in " + ROOT + "; not packing a package without its modules");
  }
}

const modules = which === "api" ? ["amplifybackend.wasm"] : ["amplifybackend-cli.wasm"];
const needed = which === "api" ? ["wasm_exec.js", ...modules] : modules;
for (const f of needed) {
  const p = join(JS, f);
  if (!existsSync(p) || statSync(p).size === 0) {
    fail(`js/${f} is missing: run \`make build\` in the repository root (it needs Go ${hasGo ? "and make" : "1.26, which is not on PATH"}); refusing to pack a package that cannot load`);
  }
}
for (const f of modules) {
  let names;
  try {
    names = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(JS, f)))).map((e) => e.name);
  } catch (e) {
    fail(`js/${f} is not a WebAssembly module: ${e.message}`);
  }
  for (const need of ["alloc", "handle", "mem"]) {
    if (!names.includes(need)) fail(`js/${f} does not export ${need}: is it this project's module? Run \`make build\``);
  }
}
// The API module must be the one without the CLI (-tags nocli): browsers download it.
if (which === "api" && statSync(join(JS, "amplifybackend.wasm")).size >= statSync(join(JS, "amplifybackend-cli.wasm"), { throwIfNoEntry: false })?.size) {
  fail("js/amplifybackend.wasm is not smaller than the CLI module: it must be built with -tags nocli (make build)");
}

for (const f of ["LICENSE", "NOTICE"]) copyFileSync(join(ROOT, f), join(dest, f));

if (which === "cli") {
  copyFileSync(join(JS, "amplifybackend-cli.wasm"), join(dest, "amplifybackend-cli.wasm"));
  // cli.mjs and what it imports relatively (the API itself it imports by package name).
  const queue = ["cli.mjs"];
  const done = new Set();
  while (queue.length > 0) {
    const f = queue.shift();
    if (done.has(f)) continue;
    done.add(f);
    const src = readFileSync(join(JS, f), "utf8");
    for (const m of src.matchAll(/\bfrom\s+["'](\.{1,2}\/[^"']+)["']|\bimport\s+["'](\.{1,2}\/[^"']+)["']/g)) {
      const rel = relative(JS, join(JS, dirname(f), m[1] ?? m[2]));
      if (rel === "index.js" || rel.startsWith("lib/") || rel.startsWith("..")) {
        fail(`${f} imports ${m[1] ?? m[2]}: the CLI must import the API as "amplifybackend-wasm", so that it runs the package it depends on`);
      }
      queue.push(rel);
    }
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    copyFileSync(join(JS, f), join(dest, f));
  }
}
