// The lean signing path of the glue: signRequest passes a body's length and SHA-256 (node:crypto)
// instead of the body, and Go returns the URL and headers only. Every signing vector, signed
// through signRequest this way, must give the vector's golden result byte for byte; the 1 MiB
// case must too (against the two-way form through dispatchRaw).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ab from "../index.js";
import { TESTDATA, CREDENTIALS, readJSON, jsonFiles } from "./helpers.mjs";

const VECTORS = join(TESTDATA, "vectors");

before(() => ab.init());

test("every signing vector, through signRequest's lean path, gives its golden result", () => {
  let n = 0;
  let withBody = 0;
  for (const f of jsonFiles(VECTORS)) {
    const c = readJSON(join(VECTORS, f));
    if (c.function !== "signRequest") continue;
    const want = readFileSync(join(VECTORS, f.replace(/\.json$/, ".out.json")), "utf8");
    let env;
    try {
      env = JSON.parse(c.inputText);
    } catch {
      continue; // text that is not JSON (the reader's vectors): not a signRequest call of the API
    }
    if (!want.startsWith('{"result":') || "bodySha256" in env || "omitBody" in env) continue;
    const got = JSON.stringify({ result: ab.signRequest(env.request, env.options) });
    assert.equal(got, want, f);
    n++;
    if (typeof env.request.body === "string" && env.request.body !== "") withBody++;
  }
  assert.ok(n >= 40 && withBody >= 3, `${n} vectors, ${withBody} with a body`);
});

test("a 1 MiB body: the lean path equals the two-way form; one over the limit fails the same way", () => {
  const over = { method: "POST", url: "https://example.amazonaws.com/", body: "é".repeat(600000) };
  const o = { credentials: CREDENTIALS, region: "us-east-1", signingDate: "2015-08-30T12:36:00Z" };
  assert.throws(() => ab.signRequest(over, o), (e) => e.message === JSON.parse(ab.dispatchRaw("signRequest", JSON.stringify({ request: over, options: o }))).error.message);
  const body = JSON.stringify({ data: "é0123456789abcdef".repeat(55000) });
  const request = { method: "POST", url: "https://amplifybackend.us-east-1.amazonaws.com/backend", headers: { "Content-Type": "application/json" }, body };
  const options = { credentials: CREDENTIALS, region: "us-east-1", signingDate: "2015-08-30T12:36:00Z", signBody: true };
  const lean = ab.signRequest(request, options);
  const full = JSON.parse(ab.dispatchRaw("signRequest", JSON.stringify({ request, options })));
  assert.deepEqual(lean, full.result);
  assert.equal(lean.body, body);
  assert.equal(lean.headers["Content-Length"], String(Buffer.byteLength(body)));
});

test("a body that is not well-formed UTF-16 goes the two-way path and fails as before", () => {
  const request = { method: "POST", url: "https://example.amazonaws.com/", body: "a\ud800b" };
  const options = { credentials: CREDENTIALS, region: "us-east-1", signingDate: "2015-08-30T12:36:00Z" };
  let lean;
  let leanErr;
  try {
    lean = ab.signRequest(request, options);
  } catch (e) {
    leanErr = e.message;
  }
  const full = JSON.parse(ab.dispatchRaw("signRequest", JSON.stringify({ request, options })));
  if (full.error) assert.equal(leanErr?.split("\n")[0], full.error.message.split("\n")[0]);
  else assert.deepEqual(lean, full.result);
});
