// Shared measuring helpers for both sides of the benchmark (official.mjs and ours.mjs), so that
// both are timed by exactly the same code.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";

export const benchDir = fileURLToPath(new URL(".", import.meta.url));
export const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export const FIXTURE = here("fixtures/create-backend-auth.json");
export const FIXTURE_INVALID = here("fixtures/create-backend-auth-invalid.json");
export const loadFixture = (p = FIXTURE) => JSON.parse(readFileSync(p, "utf8"));

// Same fixed, fake credentials and region on both sides. AKIDEXAMPLE and this secret are the
// example values from the AWS SigV4 documentation/test suite, not real keys.
export const REGION = "us-east-1";
// The body of the 1 MiB signing row: JSON-like ASCII text, the same string for both sides.
export const BIG_BODY = '{"data":"' + "0123456789abcdef".repeat(65536).slice(0, (1 << 20) - 11) + '"}';
export const SERVICE = "amplifybackend";
export const CREDENTIALS = Object.freeze({
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
});

// Everything a measured function returns goes through consume() into this sink, and the sink is
// printed into results.json, so no result can be dead-code-eliminated by the JIT.
let sink = 0;
export function consume(v) {
  if (typeof v === "string") sink = (sink + v.length + v.charCodeAt(v.length - 1)) | 0;
  else if (typeof v === "number") sink = (sink + v) | 0;
  else if (typeof v === "boolean") sink = (sink + (v ? 1 : 2)) | 0;
  else if (v && typeof v === "object") sink = (sink + Object.keys(v).length) | 0;
  return v;
}
export const sinkValue = () => sink;

// ops/s of a synchronous function. Runs fn() in small batches until durationMs have passed;
// every call must return something, which is consumed. The clock is read once per batch.
export function opsPerSecSync(fn, durationMs, batch = 16) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    for (let i = 0; i < batch; i++) consume(fn());
    n += batch;
    t = performance.now();
  } while (t - t0 < durationMs);
  return (n * 1000) / (t - t0);
}

// ops/s of an async function, awaited one after the other (no concurrency), so it is the
// throughput of one caller doing one request at a time.
export async function opsPerSecAsync(fn, durationMs, batch = 4) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    for (let i = 0; i < batch; i++) consume(await fn());
    n += batch;
    t = performance.now();
  } while (t - t0 < durationMs);
  return (n * 1000) / (t - t0);
}

// Cold start: spawns a fresh `node <script>` and waits for the one JSON line it prints once it has
// produced its first signed request. Two numbers per sample:
//   inChildMs: performance.now() inside the child at the moment the first signed request exists.
//              Node's performance.timeOrigin is taken at process start, so this is "ms since the
//              node process started" and excludes the parent's fork/exec cost (it includes Node's
//              own bootstrap, which is the same for both sides; see nodeFloor()).
//   wallMs:    wall time in the parent from just before spawn() to the moment the child's line
//              arrives (fork/exec + bootstrap + import + first request; not process exit).
// AWS_* variables are removed from the child's environment so a developer's profile or region
// cannot change what the SDK loads; both sides get the same environment.
export function coldStartSample(script, args = [], timeoutMs = 60_000) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("AWS_")) delete env[k];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [script, ...args], {
      cwd: benchDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let result = null;
    let failure = null;
    // The sample is complete once the line is in. A runtime that keeps the child's event loop alive
    // (e.g. a Go wasm program blocked in select{}) must not hold the benchmark up, so the child is
    // then ended; the promise settles only once it has gone, so samples never overlap.
    const stop = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    };
    const timer = setTimeout(() => {
      failure = new Error(`${script}: no result within ${timeoutMs} ms: ${err.trim()}`);
      stop();
    }, timeoutMs);
    child.stdout.on("data", (d) => {
      if (result || failure) return;
      out += d;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      const wallMs = performance.now() - t0;
      try {
        const line = JSON.parse(out.slice(0, nl));
        result = { inChildMs: line.ms, wallMs, info: line };
      } catch (e) {
        failure = new Error(`${script}: bad result line ${JSON.stringify(out.slice(0, nl))}: ${e.message}`);
      }
      stop();
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => (failure ??= e));
    child.on("close", (code) => {
      clearTimeout(timer);
      if (result && !failure) resolve(result);
      else reject(failure ?? new Error(`${script} exited with ${code} before printing a result: ${err.trim() || out.trim()}`));
    });
  });
}

// raw / gzip (level 9) / brotli (quality 11) sizes of a buffer.
export function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [zc.BROTLI_PARAM_QUALITY]: 11,
        [zc.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

// goBuildJS builds the Go package or file `what` as a GOOS=js module at `out`, from the
// repository root, with `-trimpath -ldflags=-s -w` and the extra flags (the Makefile's module
// flags: the full module adds none, the core module -gcflags=all=-l).
export function goBuildJS(what, out, flags = []) {
  execFileSync("go", ["build", "-trimpath", "-ldflags=-s -w", ...flags, "-o", out, what], {
    cwd: here(".."),
    env: { ...process.env, GOOS: "js", GOARCH: "wasm", GOFLAGS: "-buildvcs=false" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

// A browser bundle of `entry` (source text, resolved from bench/): minified, platform browser,
// format esm, everything else at esbuild's defaults. Returns the bundle's bytes.
export async function browserBundle(entry, { external = [], loader } = {}) {
  const esbuild = await import("esbuild");
  const res = await esbuild.build({
    stdin: { contents: entry, resolveDir: benchDir, sourcefile: "entry.mjs", loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    external,
    loader,
  });
  return Buffer.from(res.outputFiles[0].contents);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
