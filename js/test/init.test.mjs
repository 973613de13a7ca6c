// Loading: calls before init, a failing init that a later init retries, concurrent init calls.
// Its own file, so that it starts with a module that has not been initialized (node --test runs
// each file in its own process).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { JS_DIR } from "./helpers.mjs";
import * as ab from "../index.js";

test("every function but init and schema throws a clear error before init()", () => {
  const calls = {
    validate: () => ab.validate("GetBackend", {}),
    validateAuthConfig: () => ab.validateAuthConfig({}, { mode: "create" }),
    buildRequest: () => ab.buildRequest("GetBackend", {}, { region: "us-east-1" }),
    signRequest: () => ab.signRequest({ method: "GET", url: "https://example.com/" }, {}),
    operations: () => ab.operations(),
    cli: () => ab.cli({ args: [] }),
  };
  for (const [name, call] of Object.entries(calls)) {
    assert.throws(call, (e) => {
      assert.equal(e.message, `amplifybackend: call init() and await it before ${name}()`);
      assert.deepEqual(e.errors, []);
      return true;
    });
  }
  assert.equal(ab.memoryBytes(), 0);
  // schema() is generated JS and needs no module.
  assert.equal(ab.schema("GetBackend").$schema, "https://json-schema.org/draft/2020-12/schema");
});

test("init rejects unknown and mistyped options before loading anything", async () => {
  await assert.rejects(ab.init({ wams: "x" }), (e) => {
    assert.match(e.message, /Invalid option "wams" in init options; did you mean "wasm"\?/);
    assert.deepEqual(e.errors.map((p) => [p.path, p.code]), [["/options/wams", "unknown"]]);
    return true;
  });
  await assert.rejects(ab.init({ wasm: 42 }), (e) => {
    assert.deepEqual(e.errors.map((p) => [p.path, p.code]), [["/options/wasm", "type"]]);
    return true;
  });
  await assert.rejects(ab.init("amplifybackend.wasm"), /init options must be an object/);
});

test("a failing init rejects with a clear error and a later init retries", async () => {
  await assert.rejects(ab.init({ wasm: new Uint8Array([0, 1, 2, 3]) }), (e) => {
    assert.match(e.message, /^amplifybackend: could not load the WebAssembly module from bytes: /);
    return true;
  });
  await assert.rejects(ab.init({ wasm: new URL("./no-such.wasm", import.meta.url) }), /could not load the WebAssembly module from file:.*no-such\.wasm/);
  // A module that runs but is not this package's: (module (memory (export "mem") 1)
  // (func (export "run") (param i32 i32))) does not export the dispatcher.
  const foreign = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x00, 0x03, 0x02, 0x01, 0x00,
    0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x0d, 0x02, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x03, 0x72, 0x75, 0x6e, 0x00, 0x00,
    0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
  ]);
  await assert.rejects(ab.init({ wasm: foreign }), /does not export alloc, handle and mem/);
  assert.throws(() => ab.validate("GetBackend", {}), /call init\(\) and await it before validate\(\)/);

  // Concurrent calls share one promise; the bytes are given here (a BufferSource).
  const bytes = readFileSync(new URL("amplifybackend.wasm", "file://" + JS_DIR + "/"));
  const p1 = ab.init({ wasm: bytes });
  const p2 = ab.init();
  assert.equal(p1, p2);
  await Promise.all([p1, p2]);
  assert.equal(ab.init(), p1, "a later init() returns the same settled promise");

  // Synchronous from now on.
  const r = ab.validate("GetBackend", { AppId: "a", BackendEnvironmentName: "b" });
  assert.deepEqual(r, { valid: true, errors: [], warnings: [] });
  assert.ok(ab.memoryBytes() > 0);
});

test("init from bytes or a WebAssembly.Module does not read globalThis.Response", async () => {
  // In Node the Response getter loads undici (about 30 ms on first use); a module given as bytes
  // or compiled needs none of it. (Reading the getter records it: Response stays usable.)
  const bytes = readFileSync(new URL("amplifybackend-core.wasm", "file://" + JS_DIR + "/"));
  const desc = Object.getOwnPropertyDescriptor(globalThis, "Response");
  let reads = 0;
  Object.defineProperty(globalThis, "Response", { configurable: true, get: () => (reads++, desc.value ?? desc.get.call(globalThis)) });
  try {
    const a = await import("../index.js?instance=no-response-bytes");
    await a.init({ wasm: bytes });
    assert.equal(a.validate("GetBackend", {}).valid, false);
    const b = await import("../index.js?instance=no-response-module");
    await b.init({ wasm: await WebAssembly.compile(bytes) });
    assert.equal(b.operations().length, 31);
  } finally {
    Object.defineProperty(globalThis, "Response", desc);
  }
  assert.equal(reads, 0);
});

test("init accepts a WebAssembly.Module and a Response in a fresh module instance", async () => {
  const bytes = readFileSync(new URL("amplifybackend.wasm", "file://" + JS_DIR + "/"));
  // A second copy of the module graph (a query string makes a new module record).
  const a = await import("../index.js?instance=module");
  await a.init({ wasm: await WebAssembly.compile(bytes) });
  assert.equal(a.validate("GetBackend", {}).valid, false);

  const b = await import("../index.js?instance=response");
  await b.init({ wasm: Promise.resolve(new Response(bytes, { headers: { "content-type": "application/wasm" } })) });
  assert.equal(b.operations().length, 31);

  const c = await import("../index.js?instance=octets");
  await c.init({ wasm: new Response(bytes, { headers: { "content-type": "application/octet-stream" } }) });
  assert.equal(c.operations().length, 31);

});
