// The core module (amplifybackend-wasm/core, amplifybackend-core.wasm: no signer): the shared
// dispatcher vectors give the full module's golden output byte for byte for everything it
// contains; every signRequest vector, valid or not, gives one and the same clear error; the
// JS signing functions throw before crossing, saying how to load the full module; and a later
// init with the full module replaces it. internal/wasmhost runs the same vectors on the core
// wasip1 module and checks the Go message exactly.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as ab from "../core.js";
import * as full from "../index.js";
import { TESTDATA, JS_DIR, CREDENTIALS, readJSON, jsonFiles } from "./helpers.mjs";

const VECTORS = join(TESTDATA, "vectors");

before(() => ab.init());

test("the core entry loads amplifybackend-core.wasm, a module without the signer", () => {
  assert.equal(ab.signerLoaded(), false);
  assert.equal(full.signerLoaded(), false, "one instance behind both entries");
  const core = statSync(join(JS_DIR, "amplifybackend-core.wasm")).size;
  const api = statSync(join(JS_DIR, "amplifybackend.wasm")).size;
  assert.ok(core < api * 0.6, `core ${core} bytes, full ${api} bytes`);
});

test("core module: every dispatcher vector it serves gives its golden output, byte for byte", () => {
  const files = jsonFiles(VECTORS);
  assert.ok(files.length > 100, `${files.length} cases`);
  const failures = [];
  const counts = {};
  let signerMissing = null;
  for (const f of files) {
    const c = readJSON(join(VECTORS, f));
    const got = ab.dispatchRaw(c.function, c.inputText);
    let want = readFileSync(join(VECTORS, f.replace(/\.json$/, ".out.json")), "utf8");
    counts[c.function] = (counts[c.function] ?? 0) + 1;
    if (c.function === "cli") {
      // The core module has no CLI: an unknown function there.
      if (!got.startsWith('{"error":{"message":"Unknown function \\"cli\\"')) failures.push(`${f}: cli answered ${got.slice(0, 200)}`);
      continue;
    }
    if (c.function === "signRequest" || c.function === "buildAndSignRequest") {
      signerMissing ??= got;
      const e = JSON.parse(got).error;
      if (!e || e.errors.length !== 0 || !/need the SigV4 signer.*core module.*full module/.test(e.message) || got !== signerMissing) {
        failures.push(`${f}: signRequest answered ${got.slice(0, 300)}`);
      }
      continue;
    }
    // An unknown function's error lists the functions; the core module has no cli.
    want = want.replaceAll("parseResponse, retry and cli.", "parseResponse and retry.");
    if (got !== want) failures.push(`${f}:\n  got  ${got.slice(0, 400)}\n  want ${want.slice(0, 400)}`);
  }
  assert.deepEqual(failures, [], `${failures.length} of ${files.length} vectors differ`);
  for (const fn of ["validate", "validateAuthConfig", "buildRequest", "signRequest", "buildAndSignRequest", "parseResponse", "retry", "operations", "cli"]) {
    assert.ok(counts[fn] > 0, "the vectors cover " + fn);
  }
});

test("core module: signRequest and send throw a clear error before crossing; the rest works", async () => {
  const input = { AppId: "app", BackendEnvironmentName: "dev" };
  assert.equal(ab.validate("GetBackend", input).valid, true);
  const req = ab.buildRequest("GetBackend", input, { region: "us-east-1" });
  assert.equal(req.method, "POST");
  const opts = { credentials: CREDENTIALS, region: "us-east-1", signingDate: "2015-08-30T12:36:00Z" };
  for (const call of [() => ab.signRequest(req, opts), () => ab.buildAndSignRequest("GetBackend", input, { region: "us-east-1" }, opts), () => ab.send("GetBackend", input, { credentials: CREDENTIALS, region: "us-east-1", fetch: () => assert.fail("fetched") })]) {
    await assert.rejects(
      async () => call(),
      (e) => {
        assert.match(e.message, /needs the SigV4 signer, which the core module \(amplifybackend-core\.wasm/);
        assert.match(e.message, /import from "amplifybackend-wasm" instead of "amplifybackend-wasm\/core", or call init\(\{wasm:/);
        assert.deepEqual(e.errors, []);
        assert.ok(!e.message.includes(CREDENTIALS.secretAccessKey));
        return true;
      },
    );
  }
  const parsed = ab.parseResponse("GetBackend", { status: 200, headers: { "content-type": "application/json" }, body: '{"appId":"app"}' });
  assert.equal(parsed.AppId, "app");
});

// Last: it replaces the instance for this process.
test("init with the full module replaces the core module; signatures then match the full module's vectors", async () => {
  await ab.init({ wasm: new URL("../amplifybackend.wasm", import.meta.url) });
  assert.equal(ab.signerLoaded(), true);
  let signed = 0;
  for (const f of jsonFiles(VECTORS).filter((f) => f.startsWith("sign-"))) {
    const c = readJSON(join(VECTORS, f));
    const want = readFileSync(join(VECTORS, f.replace(/\.json$/, ".out.json")), "utf8");
    assert.equal(ab.dispatchRaw(c.function, c.inputText), want, f);
    signed++;
  }
  assert.ok(signed > 50, `${signed} sign vectors`);
});
