// The shared dispatcher vectors (testdata/vectors), run from Node on the GOOS=js module: the third
// host next to native Go and wazero. Every output must be byte-identical to the golden file. Then
// the high-level API on the example input of every operation (testdata/operations).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import * as ab from "../index.js";
import { TESTDATA, readJSON, jsonFiles } from "./helpers.mjs";

const VECTORS = join(TESTDATA, "vectors");

// The vectors include the "cli" function, which only the CLI module serves.
before(() => ab.init({ wasm: new URL("../amplifybackend-cli.wasm", import.meta.url) }));

test("every dispatcher vector gives its golden output, byte for byte", () => {
  const files = jsonFiles(VECTORS);
  assert.ok(files.length > 100, `${files.length} cases`);
  const functions = new Set();
  const failures = [];
  for (const f of files) {
    const c = readJSON(join(VECTORS, f));
    // The exact bytes every host passes: the case's inputText as it is, never a re-encoded value.
    assert.equal(typeof c.inputText, "string", `${f}: inputText`);
    const input = c.inputText;
    const want = readFileSync(join(VECTORS, f.replace(/\.json$/, ".out.json")), "utf8");
    const got = ab.dispatchRaw(c.function, input);
    functions.add(c.function);
    if (got !== want) failures.push(`${f}:\n  got  ${got.slice(0, 400)}\n  want ${want.slice(0, 400)}`);
  }
  assert.deepEqual(failures, [], `${failures.length} of ${files.length} vectors differ`);
  for (const fn of ["validate", "validateAuthConfig", "buildRequest", "signRequest", "operations", "cli"]) {
    assert.ok(functions.has(fn), "the vectors cover " + fn);
  }
});

test("the high-level API on every operation's example input: valid, and built as the vector says", () => {
  const ops = ab.operations().map((o) => o.name);
  assert.equal(ops.length, 31);
  const missing = [];
  for (const op of ops) {
    const file = join(TESTDATA, "operations", op + ".json");
    if (!existsSync(file)) {
      missing.push(op);
      continue;
    }
    const input = readJSON(file);
    const vr = ab.validate(op, input);
    assert.deepEqual({ valid: vr.valid, errors: vr.errors }, { valid: true, errors: [] }, op);
    assert.ok(Array.isArray(vr.warnings), op);
    const req = ab.buildRequest(op, input, { region: "us-east-1" });
    assert.deepEqual(Object.keys(req).slice(0, 3), ["method", "url", "headers"], op);
    // Every operation has its build vector: a missing one fails rather than skipping the check.
    const golden = join(VECTORS, `build-${op}.out.json`);
    const vector = JSON.parse(readJSON(join(VECTORS, `build-${op}.json`)).inputText);
    assert.deepEqual(vector.input, input, `build-${op}.json builds testdata/operations/${op}.json`);
    assert.deepEqual(vector.options, { region: "us-east-1" }, op);
    assert.deepEqual({ result: req }, readJSON(golden), op);
    // The glue's own JSON conversion gives the same bytes as the plain envelope.
    assert.equal(JSON.stringify({ result: req }), readFileSync(golden, "utf8"), op);
  }
  assert.deepEqual(missing, [], "testdata/operations has every operation");
});

// The text vectors' ranges, checked from JS string indexes (independently of Go's counting): the
// offset of each position is in UTF-16 code units, its line and column follow from the line
// breaks before it, and a member name's range covers exactly that name.
test("text vectors: ranges are exact UTF-16 positions in the text", () => {
  const files = jsonFiles(VECTORS).filter((f) => f.startsWith("text-"));
  assert.ok(files.length >= 10, `${files.length} text vectors`);
  let checked = 0;
  let multibyte = 0;
  for (const f of files) {
    const env = JSON.parse(readJSON(join(VECTORS, f)).inputText);
    const text = env.inputText ?? env.configText;
    if (typeof text !== "string") continue;
    if (/[^\u0000-\u007f]/.test(text)) multibyte++;
    const out = JSON.parse(readFileSync(join(VECTORS, f.replace(/\.json$/, ".out.json")), "utf8"));
    const body = out.result ?? out.error;
    for (const p of [...(body.errors ?? []), ...(body.warnings ?? [])]) {
      assert.ok(p.range, `${f}: ${p.path} has a range`);
      for (const pos of [p.range.start, p.range.end]) {
        const before = text.slice(0, pos.offset);
        const lines = before.split(/\r\n|\r|\n/);
        assert.equal(pos.line, lines.length, `${f}: ${p.path} line`);
        assert.equal(pos.column, lines[lines.length - 1].length + 1, `${f}: ${p.path} column`);
      }
      const span = text.slice(p.range.start.offset, p.range.end.offset);
      if (p.code === "unknown" || p.code === "duplicate" || p.code === "deprecated") {
        assert.equal(span, JSON.stringify(p.path.slice(p.path.lastIndexOf("/") + 1)), `${f}: ${p.path} name`);
      }
      if (p.code === "required") assert.ok(span.startsWith("{") && span.endsWith("}"), `${f}: ${p.path} object`);
      checked++;
    }
  }
  assert.ok(checked >= 15, `${checked} ranges checked`);
  assert.ok(multibyte >= 4, `${multibyte} vectors with multi-byte text`);
});
