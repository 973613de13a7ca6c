// Values JSON.stringify would silently change or choke on, prototype pollution, and a long loop
// of malformed calls. Each case has one defined result.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import * as ab from "../index.js";

before(() => ab.init());

const ok = { AppId: "d1", BackendEnvironmentName: "dev" };
const problems = (r) => r.errors.map((p) => [p.path, p.code]);

test("NaN, Infinity and -Infinity are type problems at their path, never null", () => {
  const r = ab.validate("GetBackend", { AppId: NaN, BackendEnvironmentName: Infinity, Extra: [1, -Infinity] });
  assert.equal(r.valid, false);
  assert.deepEqual(problems(r), [
    ["/AppId", "type"],
    ["/BackendEnvironmentName", "type"],
    ["/Extra/1", "type"],
    ["/Extra", "unknown"],
  ]);
  assert.match(r.errors[0].message, /^AppId is NaN, which JSON cannot represent/);
  assert.match(r.errors[2].message, /^Element 1 is -Infinity/);
  // Nested in a typed place: a number member.
  const cfg = { AuthResources: "USER_POOL_ONLY", Service: "COGNITO", UserPoolConfigs: { PasswordPolicy: { MinimumLength: NaN } } };
  const a = ab.validateAuthConfig(cfg, { mode: "update" });
  assert.deepEqual(problems(a), [["/UserPoolConfigs/PasswordPolicy/MinimumLength", "type"]]);
  // buildRequest throws them.
  assert.throws(() => ab.buildRequest("GetBackend", { ...ok, AppId: NaN }, { region: "us-east-1" }), (e) => {
    assert.deepEqual(e.errors.map((p) => [p.path, p.code]), [["/AppId", "type"]]);
    assert.match(e.message, /^Cannot build the GetBackend request \(1 problem\):\n\/AppId: AppId is NaN/);
    return true;
  });
});

test("undefined members are absent; undefined array elements are null", () => {
  assert.deepEqual(ab.validate("GetBackend", { ...ok, Extra: undefined }), { valid: true, errors: [], warnings: [] });
  assert.deepEqual(problems(ab.validate("GetBackend", { ...ok, AppId: undefined })), [["/AppId", "required"]]);
  const r = ab.validateAuthConfig({ AuthResources: "USER_POOL_ONLY", Service: "COGNITO", UserPoolConfigs: { SignInMethod: "EMAIL", UserPoolName: "p", RequiredSignUpAttributes: ["EMAIL", undefined] } }, { mode: "create" });
  assert.deepEqual(problems(r), [["/UserPoolConfigs/RequiredSignUpAttributes/1", "type"]]);
  // Undefined as the whole input is null (as JSON.stringify would have it in an array).
  assert.deepEqual(problems(ab.validate("GetBackend", undefined)), [["", "type"]]);
});

test("__proto__ and constructor keys are ordinary unknown members; nothing is polluted", () => {
  const input = JSON.parse('{"AppId":"d1","BackendEnvironmentName":"dev","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
  const r = ab.validate("GetBackend", input);
  assert.deepEqual(problems(r), [["/__proto__", "unknown"], ["/constructor", "unknown"]]);
  // A literal __proto__ sets the prototype: it is not an own key, so it is not sent.
  assert.deepEqual(ab.validate("GetBackend", { ...ok, __proto__: { AppId: 5 } }), { valid: true, errors: [], warnings: [] });
  // Outputs are parsed without pollution: a header named __proto__ comes back as an own key.
  const signed = ab.signRequest(
    { method: "GET", url: "https://example.com/", headers: JSON.parse('{"__proto__":"x","constructor":"y"}') },
    { credentials: { accessKeyId: "AKID", secretAccessKey: "secret-key" }, region: "us-east-1", signingDate: 0 },
  );
  assert.ok(Object.prototype.hasOwnProperty.call(signed.headers, "__proto__"));
  assert.equal(Object.getPrototypeOf(signed.headers), Object.prototype);
  assert.equal(({}).polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal(typeof {}.constructor, "function");
});

test("BigInt, functions and symbols are type problems", () => {
  const r = ab.validate("GetBackend", { ...ok, A: 1n, B() {}, C: Symbol("c"), [Symbol("ignored")]: 1 });
  assert.deepEqual(problems(r), [["/A", "type"], ["/B", "type"], ["/C", "type"]]);
  assert.match(r.errors[0].message, /BigInt/);
  assert.match(r.errors[1].message, /function/);
  assert.match(r.errors[2].message, /symbol/);
  // BigInt as the value of a typed member: one problem, at its path.
  assert.deepEqual(problems(ab.validate("ListBackendJobs", { ...ok, MaxResults: 5n })), [["/MaxResults", "type"]]);
});

test("cycles are reported once, without a stack overflow", () => {
  const a = { ...ok };
  a.Self = a;
  assert.deepEqual(problems(ab.validate("GetBackend", a)), [["/Self", "invalid"]]);
  const list = ["EMAIL"];
  list.push(list);
  const r = ab.validateAuthConfig({ AuthResources: "USER_POOL_ONLY", Service: "COGNITO", UserPoolConfigs: { SignInMethod: "EMAIL", UserPoolName: "p", RequiredSignUpAttributes: list } }, { mode: "create" });
  assert.deepEqual(problems(r), [["/UserPoolConfigs/RequiredSignUpAttributes/1", "invalid"]]);
  // The same object twice (not a cycle) is fine.
  const shared = { EmailMessage: "m", EmailSubject: "s" };
  const ok2 = ab.validateAuthConfig(
    { AuthResources: "USER_POOL_ONLY", Service: "COGNITO", UserPoolConfigs: { SignInMethod: "EMAIL", UserPoolName: "p", RequiredSignUpAttributes: ["EMAIL"], ForgotPassword: { DeliveryMethod: "EMAIL", EmailSettings: shared }, VerificationMessage: { DeliveryMethod: "EMAIL", EmailSettings: shared } } },
    { mode: "create" },
  );
  assert.deepEqual({ valid: ok2.valid, errors: ok2.errors }, { valid: true, errors: [] });
  assert.deepEqual(ok2.warnings.map((w) => w.path), ["/UserPoolConfigs/ForgotPassword", "/UserPoolConfigs/ForgotPassword/DeliveryMethod", "/UserPoolConfigs/ForgotPassword/EmailSettings"]);
});

test("very deep nesting stops at a limit, without a stack overflow", () => {
  let deep = {};
  const top = deep;
  for (let i = 0; i < 200_000; i++) deep = deep.a = {};
  const r = ab.validate("GetBackend", { ...ok, Deep: top });
  assert.equal(r.valid, false);
  assert.ok(r.errors.some((p) => p.code === "limit"), JSON.stringify(problems(r)));
  assert.ok(r.errors.length <= 3);
});

test("lone surrogates: escaped by the glue, reported by the Go validator as invalid", () => {
  const r = ab.validate("GetBackend", { AppId: "ab\ud800", BackendEnvironmentName: "\udfffx" });
  assert.deepEqual(problems(r), [["/AppId", "invalid"], ["/BackendEnvironmentName", "invalid"]]);
  // A proper pair is fine.
  assert.deepEqual(ab.validate("GetBackend", { ...ok, AppId: "d\ud83d\ude00" }), { valid: true, errors: [], warnings: [] });
});

test("non-object inputs and other objects have defined results", () => {
  for (const [v, want] of [
    ["text", [["", "syntax"]]], // a string is JSON text (see api.test.mjs)
    [JSON.stringify("text"), [["", "type"]]],
    [42, [["", "type"]]],
    [true, [["", "type"]]],
    [null, [["", "type"]]],
    [[], [["", "type"]]],
    [NaN, [["", "type"]]],
    [() => 1, [["", "type"]]],
    [new Map([["AppId", "x"]]), [["", "type"]]],
    [new Set(), [["", "type"]]],
    [new Uint8Array(2), [["", "type"]]],
    [/re/, [["", "type"]]],
    [Promise.resolve(ok), [["", "type"]]],
  ]) {
    assert.deepEqual(problems(ab.validate("GetBackend", v)), want, String(v));
  }
  // Wrapper objects are unwrapped; a Date is its ISO string (toJSON), as in JSON.stringify.
  assert.deepEqual(ab.validate("GetBackend", { AppId: new String("d1"), BackendEnvironmentName: new Date(0) }), { valid: true, errors: [], warnings: [] });
  // Class instances are written with their own enumerable members.
  class Input {
    constructor() {
      this.AppId = "d1";
      this.BackendEnvironmentName = "dev";
    }
    get Hidden() {
      return 1;
    }
  }
  assert.deepEqual(ab.validate("GetBackend", new Input()), { valid: true, errors: [], warnings: [] });
  // The request of signRequest: a wrong type is the Go decoder's problem.
  assert.throws(() => ab.signRequest("GET /", { credentials: { accessKeyId: "a", secretAccessKey: "bbbb" }, region: "us-east-1" }), (e) => e.errors[0].code === "type");
});

test("hostile loop: 10,000 mixed malformed calls, then a valid call is still right", () => {
  const good = { AppId: "d1", BackendEnvironmentName: "dev" };
  const cyc = { AppId: "x" };
  cyc.me = cyc;
  const bad = [
    () => ab.validate("GetBackend", { AppId: NaN }),
    () => ab.validate("GetBackend", cyc),
    () => ab.validate("GetBackend", { AppId: "\ud800".repeat(50), BackendEnvironmentName: 1n }),
    () => ab.validate("NoSuchOperation", {}),
    () => ab.validate("GetBackend", "x".repeat(2000)),
    () => ab.validate("GetBackend", { AppId: "a".repeat(1 << 16), BackendEnvironmentName: [[[[[[]]]]]] }),
    () => ab.buildRequest("GetBackend", { AppId: "" }, { region: "us-east-1" }),
    () => ab.buildRequest("GetBackend", good, { region: "not a region" }),
    () => ab.buildRequest("GetBackend", good, { regoin: "us-east-1" }),
    () => ab.signRequest({ method: "G E T", url: "ftp://x" }, { credentials: { accessKeyId: "a", secretAccessKey: "b" }, region: "us-east-1" }),
    () => ab.signRequest({ method: "GET", url: "https://x/", headers: { A: [1, 2] } }, { credentials: {}, region: "" }),
    () => ab.signRequest(null, null),
    () => ab.validateAuthConfig({ UserPoolConfigs: { Mfa: { MFAMode: "on", Settings: { MfaTypes: ["SMS", Symbol()] } } } }, { mode: "create" }),
    () => ab.dispatchRaw("validate", "{"),
    () => ab.dispatchRaw("validate", '{"operation":"GetBackend","input":' + "[".repeat(20000)),
    () => ab.dispatchRaw("nope", "{}"),
    () => ab.cli({ args: ["validate", "--operation", "GetBackend", "missing.json"] }),
  ];
  const round = () => {
    let threw = 0;
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) {
      try {
        bad[i % bad.length]();
      } catch (e) {
        threw++;
        assert.ok(Array.isArray(e.errors), "every thrown error has .errors");
      }
    }
    return { ms: performance.now() - t0, threw, wasm: ab.memoryBytes(), mem: process.memoryUsage() };
  };
  const start = { wasm: ab.memoryBytes(), mem: process.memoryUsage() };
  const r1 = round();
  assert.deepEqual(ab.validate("GetBackend", good), { valid: true, errors: [], warnings: [] });
  const req = ab.buildRequest("GetBackend", good, { region: "us-east-1" });
  assert.equal(req.url, "https://amplifybackend.us-east-1.amazonaws.com/backend/d1/details");
  const r2 = round(); // a second round: a leak would keep growing the wasm memory
  assert.deepEqual(ab.validate("GetBackend", good), { valid: true, errors: [], warnings: [] });
  const MB = (n) => (n / 1048576).toFixed(1) + " MiB";
  const report = `2 x 10,000 malformed calls in ${r1.ms.toFixed(0)} + ${r2.ms.toFixed(0)} ms (${r1.threw} threw per round); ` +
    `wasm memory ${MB(start.wasm)} -> ${MB(r1.wasm)} -> ${MB(r2.wasm)}; ` +
    `JS heap ${MB(start.mem.heapUsed)} -> ${MB(r1.mem.heapUsed)} -> ${MB(r2.mem.heapUsed)}; ` +
    `rss ${MB(start.mem.rss)} -> ${MB(r1.mem.rss)} -> ${MB(r2.mem.rss)}`;
  console.log("# " + report);
  // Go's heap grows to its working set and then stays (wasm memory never shrinks). 10,000 x
  // the 64 KiB strings above would be 640 MiB.
  assert.ok(r1.wasm - start.wasm < 64 << 20, report);
  assert.ok(r2.wasm - r1.wasm < 8 << 20, report);
  assert.ok(r2.wasm < 64 << 20, report); // the same bound as the wazero test's
});
