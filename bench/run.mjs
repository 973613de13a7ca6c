#!/usr/bin/env node
// Side-by-side benchmark: our WebAssembly module (ours.mjs, via ../js/index.js) against the
// official AWS SDK for JavaScript v3 client (official.mjs), in ONE node process, alternating sides.
//
//   node run.mjs [--quick] [--json] [--rounds N] [--seconds S] [--warmup S] [--cold N] [--official-only]
//
//   --quick          smoke run: 3 rounds x 0.3 s, 0.5 s warm-up, 1 cold start per side per round
//   --json           print the results as JSON on stdout instead of the markdown table
//   --rounds N       rounds (default 5; the table shows the median over rounds)
//   --seconds S      seconds per throughput sample (default 1)
//   --warmup S       warm-up seconds per throughput measurement and side, before round 1 (default 2)
//   --cold N         cold-start samples per side per round (default 2)
//   --official-only  do not run our side even if it exists
//
// Writes results.json beside this file. See README.md for what is measured and how.
import { existsSync, writeFileSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { isDeepStrictEqual } from "node:util";
import * as official from "./official.mjs";
import { loadFixture, FIXTURE, FIXTURE_INVALID, opsPerSecSync, opsPerSecAsync, median, sinkValue, here, coldStartSample, goBuildJS } from "./lib.mjs";

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f, d) => {
  const i = argv.indexOf(f);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : d;
};
const quick = flag("--quick");
const cfg = {
  mode: quick ? "quick" : "full",
  rounds: opt("--rounds", quick ? 3 : 5),
  sampleMs: opt("--seconds", quick ? 0.3 : 1) * 1000,
  warmupMs: opt("--warmup", quick ? 0.5 : 2) * 1000,
  coldPerRound: opt("--cold", quick ? 1 : 2),
};
const asJson = flag("--json");
const log = asJson ? (...a) => console.error(...a) : (...a) => console.log(...a);

// The SDK warns once per process that it will need node >= 22 in 2027; keep that one off the
// runner's output (the cold-start children still emit it, to their own stderr, as users see it).
process.removeAllListeners("warning");
process.on("warning", (w) => {
  if (!`${w.name} ${w.message}`.includes("NodeVersionSupportWarning")) console.error(`${w.name}: ${w.message}`);
});

// A gc() to call between timed samples, so that garbage one side left behind is not collected on
// the other side's clock.
v8.setFlagsFromString("--expose-gc");
const gc = globalThis.gc ?? runInNewContext("gc");

// ---------------------------------------------------------------- sides
const sides = [{ mod: official, name: "official" }];
let oursSkipped = null;
const OURS_FILES = [here("../js/index.js"), here("../js/amplifybackend.wasm")];
if (flag("--official-only")) {
  oursSkipped = "--official-only was given";
} else {
  const missing = OURS_FILES.filter((p) => !existsSync(p));
  if (missing.length) {
    oursSkipped = `not built yet: ${missing.map((p) => p.replace(here("../"), "")).join(" and ")} missing`;
  } else {
    sides.push({ mod: await import("./ours.mjs"), name: "ours" });
  }
}
if (oursSkipped) log(`ours: skipped (${oursSkipped}); running the official side alone.`);

// Both sides get the very same input objects.
const fixtureText = readFileSync(FIXTURE, "utf8");
const input = loadFixture();
const invalidInput = loadFixture(FIXTURE_INVALID);
const invalidText = JSON.stringify(invalidInput);

for (const s of sides) {
  s.state = await s.mod.setup({ input, invalidInput });
}

// ---------------------------------------------------------------- throughput
const THROUGHPUT = [
  { id: "buildSign", label: "build + sign CreateBackendAuth, ops/s", note: 1, unit: "ops/s", better: "higher" },
  { id: "buildSignTwoCalls", label: "build + sign, two calls (signRequest(buildRequest())), ops/s", note: 1, unit: "ops/s", better: "higher", vs: "buildSign" },
  { id: "signOnly", label: "SigV4 sign only, ops/s", note: 2, unit: "ops/s", better: "higher" },
  { id: "sign1MB", label: "SigV4 sign, 1 MiB body, ops/s", note: 2, unit: "ops/s", better: "higher" },
  { id: "validateValid", label: "validateAuthConfig valid config, ops/s", unit: "ops/s", better: "higher" },
  { id: "validateInvalid", label: "validateAuthConfig invalid config (5 mistakes), ops/s", unit: "ops/s", better: "higher" },
];

const runOne = async (m, ms) => {
  gc();
  return m.kind === "async" ? await opsPerSecAsync(m.fn, ms) : opsPerSecSync(m.fn, ms);
};

const samples = {}; // samples[id][side] = [numbers]
const put = (id, side, v) => (((samples[id] ??= {})[side] ??= []).push(v));

log(`warm-up: ${cfg.warmupMs / 1000} s per measurement and side`);
for (const t of THROUGHPUT) {
  for (const s of sides) {
    const m = s.state.measurements[t.id];
    if (m) await runOne(m, cfg.warmupMs);
  }
}

// Round r runs every measurement on both sides back to back; the side that goes first flips every
// round (official, ours | ours, official | ...), so neither side always gets the later slot.
const order = (r) => (r % 2 === 0 ? sides : [...sides].reverse());
for (let r = 0; r < cfg.rounds; r++) {
  log(`round ${r + 1}/${cfg.rounds}`);
  for (const t of THROUGHPUT) {
    for (const s of order(r)) {
      const m = s.state.measurements[t.id];
      if (m) put(t.id, s.name, await runOne(m, cfg.sampleMs));
    }
  }
}

// ---------------------------------------------------------------- cold start
// A floor for reference: a node process that imports nothing and prints performance.now().
const FLOOR = here("coldstart-floor.mjs");
// And, with our side, the floor of any Go module that signs with aws-sdk-go-v2's signer:
// bench/signerfloor (net/http and the signer, signing once), built here with the full module's
// flags (see the Makefile), in the rotation with our side.
let signerFloor = null;
let signerFloorDir = null;
if (sides.some((s) => s.name === "ours")) {
  signerFloorDir = mkdtempSync(join(os.tmpdir(), "amplifybackend-signer-floor-"));
  signerFloor = join(signerFloorDir, "signer-floor.wasm");
  goBuildJS("./bench/signerfloor", signerFloor);
}
log(`cold start: ${cfg.rounds * cfg.coldPerRound} fresh processes per side`);
for (let r = 0; r < cfg.rounds; r++) {
  for (let k = 0; k < cfg.coldPerRound; k++) {
    for (const s of order(r + k)) {
      const c = await s.mod.coldStart();
      put("coldInChild", s.name, c.inChildMs);
      put("coldWall", s.name, c.wallMs);
      if (s.mod.coldStartCore) {
        const cc = await s.mod.coldStartCore();
        put("coldCoreInChild", s.name, cc.inChildMs);
        put("coldCoreWall", s.name, cc.wallMs);
      }
    }
    if (signerFloor) put("coldSignerFloor", "ours", (await coldStartSample(here("coldstart-signer-floor.mjs"), [signerFloor])).inChildMs);
    const f = await coldStartSample(FLOOR);
    put("coldInChild", "nodeFloor", f.inChildMs);
    put("coldWall", "nodeFloor", f.wallMs);
  }
}

if (signerFloorDir) rmSync(signerFloorDir, { recursive: true, force: true });

// ---------------------------------------------------------------- size
log("bundle sizes");
const size = {};
for (const s of sides) size[s.name] = await s.mod.bundleSize();

// ---------------------------------------------------------------- checks
const checks = {
  // Neither side may have changed the shared input objects.
  inputNotMutated: JSON.stringify(input) === JSON.stringify(JSON.parse(fixtureText)) && JSON.stringify(invalidInput) === invalidText,
  // The v3 client serializes, signs and sends the invalid fixture without complaint.
  officialValidatesInput: !sides[0].state.sample.invalidInputSentWithoutError,
};
const ours = sides.find((s) => s.name === "ours");
if (ours) {
  const o = ours.state.sample;
  const off = sides[0].state.sample.request;
  const offUrl = `${off.protocol}//${off.hostname}${off.path}`;
  const parse = (b) => {
    try {
      return JSON.parse(typeof b === "string" ? b : Buffer.from(b).toString("utf8"));
    } catch {
      return undefined;
    }
  };
  checks.sameMethod = o.request.method === off.method;
  checks.sameUrl = o.request.url === offUrl;
  checks.sameJsonBody = isDeepStrictEqual(parse(o.request.body), parse(off.body));
  const fixed = new Date(o.signedAtFixedDate.date);
  const theirs = await official.signForeignRequest(o.signedAtFixedDate.request, fixed);
  const oursAuth = (await import("./ours.mjs")).header(o.signedAtFixedDate.request.headers, "authorization");
  checks.sameSignatureAsSignatureV4 = theirs === oursAuth;
  checks.signatureCompare = { ours: oursAuth, signatureV4: theirs, date: o.signedAtFixedDate.date };
  checks.invalidFixtureErrors = o.invalidErrors;
}

// ---------------------------------------------------------------- report
const med = (id, side) => (samples[id]?.[side]?.length ? median(samples[id][side]) : null);
// The spread of a ratio: ours/official per round (both sides ran back to back in that round), as
// [min, max] over the rounds; cold starts pair the k-th samples of each side.
const spread = (oursId, offId) => {
  const a = samples[oursId]?.ours, b = samples[offId]?.official;
  if (!a?.length || !b?.length) return null;
  const rs = a.slice(0, b.length).map((x, i) => x / b[i]);
  return { min: Math.min(...rs), max: Math.max(...rs), perRound: rs };
};
const rows = [];
for (const t of THROUGHPUT) {
  const offId = t.vs ?? t.id;
  rows.push({ ...t, ours: med(t.id, "ours"), official: med(offId, "official"), spread: spread(t.id, offId) });
}
rows.push({ id: "coldCoreInChild", label: "cold start, core module to first validateAuthConfig vs official to first signed request, ms (in-child)", note: 3, unit: "ms", better: "lower", ours: med("coldCoreInChild", "ours"), official: med("coldInChild", "official"), spread: spread("coldCoreInChild", "coldInChild") });
rows.push({ id: "coldInChild", label: "cold start to first signed request, ms (in-child)", note: 3, unit: "ms", better: "lower", ours: med("coldInChild", "ours"), official: med("coldInChild", "official"), spread: spread("coldInChild", "coldInChild") });
rows.push({ id: "coldSignerFloor", label: "cold start, a Go module with only net/http and the signer (bench/signerfloor) to its first signature vs official, ms (in-child): the floor under ours", note: 3, unit: "ms", better: "lower", ours: med("coldSignerFloor", "ours"), official: med("coldInChild", "official"), spread: spread("coldSignerFloor", "coldInChild") });
rows.push({ id: "coldWall", label: "cold start to first signed request, ms (wall, incl. spawn)", note: 4, unit: "ms", better: "lower", ours: med("coldWall", "ours"), official: med("coldWall", "official") });
for (const k of ["raw", "gzip", "brotli"]) {
  const what = { raw: "raw", gzip: "gzip -9", brotli: "brotli q11" }[k];
  rows.push({ id: `size_${k}`, label: `browser payload, bytes ${what}`, note: 5, unit: "bytes", better: "lower", ours: size.ours?.total[k] ?? null, official: size.official.total[k] });
}
rows.push({ id: "size_core_brotli", label: "browser payload, core module page (validate only), bytes brotli q11", note: 5, unit: "bytes", better: "lower", ours: size.ours?.core?.total.brotli ?? null, official: size.official.total.brotli });
for (const r of rows) r.ratio = r.ours != null && r.official != null ? r.ours / r.official : null;

const results = {
  date: new Date().toISOString(),
  config: cfg,
  oursSkipped,
  machine: { node: process.version, platform: `${os.platform()} ${os.release()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, loadavg: os.loadavg() },
  versions: { official: official.versions(), ours: ours ? ours.mod.versions() : null },
  what: Object.fromEntries(sides.map((s) => [s.name, Object.fromEntries(Object.entries(s.state.measurements).map(([k, m]) => [k, m.what]))])),
  medians: rows,
  samples,
  nodeFloorMs: { inChild: med("coldInChild", "nodeFloor"), wall: med("coldWall", "nodeFloor") },
  size,
  checks,
  officialSignedRequestSample: sides[0].state.sample.request,
  sink: sinkValue(),
};
writeFileSync(here("results.json"), JSON.stringify(results, null, 2) + "\n");

// Exit explicitly once the output is flushed: a wasm runtime (Go's keeps its scheduler alive)
// may otherwise hold the event loop open.
const done = (text) => process.stdout.write(text, () => process.exit(0));
if (asJson) {
  done(JSON.stringify(results, null, 2) + "\n");
} else {
  const fmt = (v, unit) => {
    if (v == null) return "—";
    if (unit === "ms") return v.toFixed(1);
    if (unit === "bytes") return v.toLocaleString("en-US");
    return Math.round(v).toLocaleString("en-US");
  };
  const na = (r, side) => (r[side] == null ? (side === "official" && r.id.startsWith("validate") ? "n/a (no client-side validation)" : "—") : fmt(r[side], r.unit));
  const out = [];
  out.push(`AmplifyBackend CreateBackendAuth: ours (wasm) vs official (@aws-sdk/client-amplifybackend ${results.versions.official["@aws-sdk/client-amplifybackend"]})`);
  out.push(`node ${process.version}, ${results.machine.cpus} x ${results.machine.cpu}; ${cfg.rounds} rounds x ${cfg.sampleMs / 1000} s, medians; cold start ${cfg.rounds * cfg.coldPerRound} processes per side`);
  out.push("");
  out.push("| measurement | ours | official | ratio ours/official | ratio min–max over rounds |");
  out.push("| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    const sp = r.spread ? `${r.spread.min.toFixed(2)}–${r.spread.max.toFixed(2)}x` : "";
    out.push(`| ${r.label}${r.note ? " [" + r.note + "]" : ""} ${r.better === "higher" ? "↑" : "↓"} | ${na(r, "ours")} | ${na(r, "official")} | ${r.ratio == null ? "—" : r.ratio.toFixed(2) + "x"} | ${sp} |`);
  }
  out.push("");
  out.push("↑ higher is better, ↓ lower is better. Ratio = ours / official (for ↑ rows > 1 means ours is faster; for ↓ rows < 1 means ours is smaller/faster).");
  out.push("[1] official: await client.send(new CreateBackendAuthCommand(input)) — serialize, endpoint, SigV4, canned 200 response, deserialize; ours: signRequest(buildRequest(...)) (sync).");
  out.push("[2] official: SignatureV4 (@smithy/signature-v4, Node SHA-256) .sign(the HttpRequest the client built); ours: signRequest(request built once).");
  out.push("[3] performance.now() inside a fresh node process when the first signed request exists = ms since that process started (spawn cost excluded, Node bootstrap included).");
  out.push("[4] wall time in the parent from spawn() until the child's result line arrives.");
  out.push("[5] official: esbuild browser bundle (minified, esm) of an entry sending one CreateBackendAuthCommand; ours: the same kind of bundle of js/index.js + amplifybackend.wasm.");
  out.push("");
  out.push(`node floor (a process that imports nothing): ${fmt(results.nodeFloorMs.inChild, "ms")} ms in-child, ${fmt(results.nodeFloorMs.wall, "ms")} ms wall`);
  out.push("");
  out.push("size breakdown (bytes raw / gzip -9 / brotli q11):");
  for (const [side, sz] of Object.entries(size)) {
    for (const [part, s] of Object.entries({ ...sz.parts, ...(sz.core?.parts ?? {}) })) out.push(`  ${side.padEnd(8)} ${part.padEnd(24)} ${fmt(s.raw, "bytes")} / ${fmt(s.gzip, "bytes")} / ${fmt(s.brotli, "bytes")}`);
    if (sz.note) out.push(`  ${side.padEnd(8)} note: ${sz.note}`);
  }
  out.push("");
  out.push(`checks: input not mutated: ${checks.inputNotMutated}; official client validates input: ${checks.officialValidatesInput}`);
  if (ours) {
    out.push(`        ours vs official: same method ${checks.sameMethod}, same URL ${checks.sameUrl}, same JSON body ${checks.sameJsonBody}, signature equal to SignatureV4's for the same request ${checks.sameSignatureAsSignatureV4}`);
  }
  out.push(`ours: ${oursSkipped ? "skipped (" + oursSkipped + ")" : "measured"}`);
  out.push("results: bench/results.json");
  done(out.join("\n") + "\n");
}
