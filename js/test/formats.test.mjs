// validate's CI formats (--format sarif|github|text|json) and --version, from the Node CLI (cli.mjs
// on the WebAssembly module) and the Go binary: the same Go code prints them, so they must agree;
// and the SARIF logs must be valid against the SARIF 2.1.0 JSON schema.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JS_DIR, ROOT, TESTDATA, readJSON, jsonFiles, goCLIPath, runAsync } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const CLI = join(JS_DIR, "cli.mjs");
const PACKAGE_VERSION = readJSON(join(JS_DIR, "package.json")).version;

// The SARIF 2.1.0 schema as the @microsoft/jest-sarif package ships it (2.1.0-rtm.5, a draft-04
// schema; its "language" pattern is not valid as a Unicode regular expression, hence
// unicodeRegExp: false). ajv-formats checks the uri and uri-reference formats.
let validateSarif;
before(() => {
  const Ajv04 = require("ajv-draft-04");
  const addFormats = require("ajv-formats");
  const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  validateSarif = ajv.compile(schema);
});

function assertValidSarif(log, what) {
  const ok = validateSarif(log);
  assert.ok(ok, `${what}: ${JSON.stringify(validateSarif.errors, null, 1)}`);
}

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), "amplifybackend-formats-"));
  for (const f of jsonFiles(join(TESTDATA, "invalid"))) {
    const c = readJSON(join(TESTDATA, "invalid", f));
    writeFileSync(join(dir, "invalid-" + f), "raw" in c ? c.raw : JSON.stringify(c.input, null, 2));
  }
  writeFileSync(join(dir, "get-backend.json"), JSON.stringify(readJSON(join(TESTDATA, "operations", "GetBackend.json")), null, 2));
});

const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
const node = (args, input = "") => runAsync(process.execPath, [CLI, ...args], { cwd: dir, env, input });
const go = (args, input = "") => runAsync(goCLIPath(), args, { cwd: dir, env, input });

/** The invalid cases grouped by --operation/--shape. */
function targets() {
  const byTarget = new Map();
  for (const f of jsonFiles(join(TESTDATA, "invalid"))) {
    const c = readJSON(join(TESTDATA, "invalid", f));
    const target = c.operation ? "--operation=" + c.operation : "--shape=" + c.shape;
    byTarget.set(target, [...(byTarget.get(target) ?? []), "invalid-" + f]);
  }
  assert.ok(byTarget.size > 3, "the invalid cases are there");
  return byTarget;
}

test("the SARIF schema check can fail", () => {
  const log = JSON.parse(readFileSync(join(ROOT, "internal", "cli", "testdata", "sarif", "fixture.sarif"), "utf8"));
  assertValidSarif(log, "internal/cli/testdata/sarif/fixture.sarif (the Go formatter's golden file)");
  const broken = structuredClone(log);
  broken.runs[0].results[0].level = "fatal";
  assert.equal(validateSarif(broken), false);
  const noRegion = structuredClone(log);
  noRegion.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  assert.equal(validateSarif(noRegion), false, "lines count from 1");
});

test("--format sarif: a valid SARIF 2.1.0 log, the same from Node and Go but for the tool version", async () => {
  assert.ok(goCLIPath(), "the Go binary builds");
  for (const [target, files] of targets()) {
    const args = ["validate", target, "--format", "sarif", ...files];
    const [js, native] = await Promise.all([node(args), go(args)]);
    assert.equal(js.code, 1, js.stderr);
    assert.equal(js.stderr, "");
    const log = JSON.parse(js.stdout);
    assertValidSarif(log, target);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.version, PACKAGE_VERSION, "the Node CLI names its package's version");
    const rules = run.tool.driver.rules.map((r) => r.id);
    assert.ok(rules.includes("unknown") && rules.includes("deprecated"), rules.join());
    assert.ok(run.results.length >= files.length, `${target}: a result per problem`);
    for (const r of run.results) {
      assert.equal(rules[r.ruleIndex], r.ruleId);
      assert.match(r.locations[0].physicalLocation.artifactLocation.uri, /^invalid-.*\.json$/);
    }
    const goLog = JSON.parse(native.stdout);
    assert.notEqual(goLog.runs[0].tool.driver.version, undefined);
    goLog.runs[0].tool.driver.version = PACKAGE_VERSION;
    assert.deepEqual(log, goLog, `${target}: Node and Go agree`);
    assert.equal(js.code, native.code);
  }
  // A valid file: a log with no results, exit 0.
  const ok = await node(["validate", "--operation", "GetBackend", "--format", "sarif", "get-backend.json"]);
  assert.equal(ok.code, 0);
  const log = JSON.parse(ok.stdout);
  assertValidSarif(log, "no results");
  assert.deepEqual(log.runs[0].results, []);
  // Standard input has no URI.
  const stdin = await node(["validate", "--operation", "GetBackend", "--format", "sarif", "-"], "[]");
  const s = JSON.parse(stdin.stdout);
  assertValidSarif(s, "stdin");
  assert.deepEqual(s.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { description: { text: "standard input" } });
});

test("--format github and text: the same lines from Node and Go", async () => {
  for (const [target, files] of targets()) {
    for (const format of ["github", "text"]) {
      const args = ["validate", target, "--format", format, ...files];
      const [js, native] = await Promise.all([node(args), go(args)]);
      assert.deepEqual(js, native, `${args.join(" ")}`);
      assert.equal(js.code, 1);
      if (format === "github") {
        for (const line of js.stdout.trimEnd().split("\n")) assert.match(line, /^::(error|warning) file=invalid-[^,]+\.json(,line=\d+(,col=\d+)?,endLine=\d+(,endColumn=\d+)?)?,title=amplifybackend [a-z]+::\S/);
      }
      if (format === "text") {
        for (const line of js.stdout.trimEnd().split("\n")) assert.match(line, /^invalid-[^:]+\.json(:\d+:\d+)?: (error|warning): .* \[[a-z]+\]$/);
      }
    }
  }
});

test("warnings: exit 0 unless --warnings-as-errors, the same from Node and Go", async () => {
  const deprecated = JSON.stringify({ AuthResources: "USER_POOL_ONLY", Service: "COGNITO", UserPoolConfigs: { ForgotPassword: { DeliveryMethod: "SMS", SmsSettings: { SmsMessage: "Code {####}" } } } }, null, 2);
  writeFileSync(join(dir, "deprecated.json"), deprecated);
  const base = ["validate", "--shape", "UpdateBackendAuthResourceConfig", "deprecated.json"];
  for (const [extra, code] of [[[], 0], [["--warnings-as-errors"], 1], [["--format", "github"], 0], [["--format", "json", "--warnings-as-errors"], 1]]) {
    const args = [...base, ...extra];
    const [js, native] = await Promise.all([node(args), go(args)]);
    assert.deepEqual(js, native, args.join(" "));
    assert.equal(js.code, code, `${args.join(" ")}: ${js.stdout}${js.stderr}`);
  }
  const text = (await node(base)).stdout.trimEnd().split("\n");
  assert.deepEqual(text.map((l) => l.replace(/: warning: (\S+): .*\[deprecated\]$/, " $1")), [
    "deprecated.json:5:5 /UserPoolConfigs/ForgotPassword",
    "deprecated.json:6:7 /UserPoolConfigs/ForgotPassword/DeliveryMethod",
    "deprecated.json:7:7 /UserPoolConfigs/ForgotPassword/SmsSettings",
  ]);
  const report = JSON.parse((await node([...base, "--format", "json"])).stdout);
  assert.equal(report[0].valid, true);
  assert.deepEqual(report[0].errors, []);
  assert.deepEqual(report[0].warnings.map((w) => [w.code, w.range.start.line, w.range.start.column]), [["deprecated", 5, 5], ["deprecated", 6, 7], ["deprecated", 7, 7]]);
  const sarif = JSON.parse((await node([...base, "--format", "sarif"])).stdout);
  assertValidSarif(sarif, "warnings");
  assert.deepEqual(sarif.runs[0].results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine]), [["deprecated", "warning", 5], ["deprecated", "warning", 6], ["deprecated", "warning", 7]]);
});

test("--version: the package version from Node, the build's from Go", async () => {
  const js = await node(["--version"]);
  assert.equal(js.code, 0);
  assert.equal(js.stderr, "");
  assert.ok(js.stdout.startsWith(`amplifybackend ${PACKAGE_VERSION} (`), js.stdout);
  assert.match(js.stdout, /^amplifybackend \d+\.\d+\.\d+\S* \(go1\.\d+\S* js\/wasm\)\n$/);
  const native = await go(["--version"]);
  assert.equal(native.code, 0);
  assert.match(native.stdout, /^amplifybackend (v\S+|devel( [0-9a-f]{12}(\+dirty)?)?) \(go1\.\d+\S* \w+\/\w+\)\n$/);
  // The help lists it.
  assert.match((await node(["help"])).stdout, /--version +print the version/);
});
