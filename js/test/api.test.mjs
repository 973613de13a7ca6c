// The JS API end to end on the real module: results, thrown errors, options, SigV4 vectors.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import * as ab from "../index.js";
import { TESTDATA, readJSON, jsonFiles, sigv4Case, sigv4Cases, CREDENTIALS } from "./helpers.mjs";

before(() => ab.init());

const SECRET = "SECRETwJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN = "TOKENAQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4";
const secretCreds = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: SECRET, sessionToken: TOKEN };

function assertNoSecrets(e) {
  const text = e.message + "\n" + JSON.stringify(e.errors) + "\n" + (e.stack ?? "");
  assert.ok(!text.includes(SECRET), "the secret access key leaked: " + text);
  assert.ok(!text.includes(TOKEN), "the session token leaked: " + text);
}

test("functions are synchronous after init", () => {
  const input = readJSON(join(TESTDATA, "operations", "GetBackend.json"));
  const r = ab.validate("GetBackend", input);
  assert.ok(!(r instanceof Promise));
  assert.deepEqual(r, { valid: true, errors: [], warnings: [] });
  const req = ab.buildRequest("GetBackend", input, { region: "us-east-1" });
  assert.equal(req.method, "POST");
  assert.equal(req.url, "https://amplifybackend.us-east-1.amazonaws.com/backend/d2v6kx3qz7p1ab/details");
  assert.equal(typeof req.headers, "object");
  const signed = ab.signRequest(req, { credentials: CREDENTIALS, region: "us-east-1", signingDate: new Date("2026-01-15T12:00:00Z") });
  assert.match(signed.headers.Authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260115\/us-east-1\/amplifybackend\/aws4_request, /);
  assert.equal(signed.headers["X-Amz-Date"], "20260115T120000Z");
});

test("validate returns the Go validator's problems for every frozen invalid case", () => {
  let n = 0;
  for (const f of jsonFiles(join(TESTDATA, "invalid"))) {
    const c = readJSON(join(TESTDATA, "invalid", f));
    if (!("input" in c)) continue; // raw text cases are not JS values
    const modes = { CreateBackendAuthResourceConfig: "create", UpdateBackendAuthResourceConfig: "update" };
    let got;
    if (c.operation) got = ab.validate(c.operation, c.input);
    else if (modes[c.shape]) got = ab.validateAuthConfig(c.input, { mode: modes[c.shape] });
    else continue;
    assert.deepEqual(got, { valid: false, errors: c.problems, warnings: [] }, f);
    n++;
  }
  assert.ok(n >= 10, "ran " + n + " invalid cases");
});

test("validateAuthConfig checks a ResourceConfig on its own", () => {
  const create = readJSON(join(TESTDATA, "auth", "create-valid.json"));
  const update = readJSON(join(TESTDATA, "auth", "update-valid.json"));
  // Valid, with the deprecated ForgotPassword settings as warnings (never errors).
  for (const [config, mode] of [[create, "create"], [update, "update"]]) {
    const r = ab.validateAuthConfig(config, { mode });
    assert.equal(r.valid, true);
    assert.deepEqual(r.errors, []);
    assert.ok(r.warnings.every((w) => w.code === "deprecated"), JSON.stringify(r.warnings));
    assert.ok(r.warnings.length > 0 && r.warnings.every((w) => !("range" in w)), "a value's warnings have no range");
  }
  const bad = ab.validateAuthConfig({ ...create, Service: "COGNITOO" }, { mode: "create" });
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.errors.map((p) => [p.path, p.code]), [["/Service", "enum"]]);
  assert.throws(() => ab.validateAuthConfig(create), (e) => e.errors[0].path === "/options/mode" && e.errors[0].code === "required");
  assert.throws(() => ab.validateAuthConfig(create, { mode: "Create" }), (e) => e.errors[0].code === "enum");
  assert.throws(() => ab.validateAuthConfig(create, { mdoe: "create" }), /Invalid option "mdoe" in validateAuthConfig options; did you mean "mode"\?/);
});

test("buildRequest throws an Error listing the problems, with .errors", () => {
  const input = { AppId: "", BackendEnvironmentName: "staging", ResourceName: 7 };
  assert.throws(
    () => ab.buildRequest("CreateBackendAuth", input, { region: "us-east-1" }),
    (e) => {
      assert.ok(e instanceof Error);
      const lines = e.message.split("\n");
      assert.equal(lines[0], "Cannot build the CreateBackendAuth request (3 problems):");
      assert.deepEqual(lines.slice(1), e.errors.map((p) => p.path + ": " + p.message));
      assert.deepEqual(e.errors.map((p) => [p.path, p.code]), [
        ["/AppId", "empty"],
        ["/ResourceName", "type"],
        ["/ResourceConfig", "required"],
      ]);
      return true;
    },
  );
  // validate: false is lenient: only what makes the request impossible to build.
  const lenient = ab.buildRequest("GetBackendJob", { AppId: "a", BackendEnvironmentName: "b", JobId: "j" }, { region: "us-east-1", validate: false });
  assert.equal(lenient.method, ab.operations().find((o) => o.name === "GetBackendJob").method);
  assert.throws(() => ab.buildRequest("GetBackendJob", { AppId: "a", BackendEnvironmentName: "b" }, { region: "us-east-1", validate: false }), (e) => e.errors.some((p) => p.path === "/JobId" && p.code === "required"));
  // Options the Go side checks: region required, endpoint a URL.
  assert.throws(() => ab.buildRequest("GetBackend", { AppId: "a", BackendEnvironmentName: "b" }, {}), (e) => e.errors.some((p) => p.path === "/options/region" && p.code === "required"));
  const custom = ab.buildRequest("GetBackend", { AppId: "a", BackendEnvironmentName: "b" }, { region: "us-east-1", endpoint: "http://127.0.0.1:9999" });
  assert.match(custom.url, /^http:\/\/127\.0\.0\.1:9999\/backend\/a\/details$/);
  // Endpoints from the service's endpoint rule set: partitions, FIPS, dual-stack, and its refusals.
  const epInput = { AppId: "a", BackendEnvironmentName: "b" };
  assert.equal(ab.buildRequest("GetBackend", epInput, { region: "us-east-1", useFipsEndpoint: true }).url, "https://amplifybackend-fips.us-east-1.amazonaws.com/backend/a/details");
  assert.equal(ab.buildRequest("GetBackend", epInput, { region: "cn-north-1", useDualstackEndpoint: true }).url, "https://amplifybackend.cn-north-1.api.amazonwebservices.com.cn/backend/a/details");
  assert.equal(ab.buildRequest("GetBackend", epInput, { region: "us-isob-east-1", useFipsEndpoint: true, useDualstackEndpoint: true }).url, "https://amplifybackend-fips.us-isob-east-1.api.aws.scloud/backend/a/details");
  assert.equal(ab.buildRequest("GetBackend", epInput, { region: "eusc-de-east-1" }).headers.Host, "amplifybackend.eusc-de-east-1.amazonaws.eu");
  assert.throws(() => ab.buildRequest("GetBackend", epInput, { region: "us-east-1", endpoint: "http://127.0.0.1:9999", useFipsEndpoint: true }),
    (e) => e.errors.length === 1 && e.errors[0].path === "/options/useFipsEndpoint" && e.errors[0].message === "Invalid Configuration: FIPS and custom endpoint are not supported");
  // An unknown operation.
  assert.throws(() => ab.buildRequest("GetBackendd", {}, { region: "us-east-1" }), (e) => e.errors[0].path === "/operation" && e.errors[0].code === "enum" && /did you mean GetBackend/.test(e.message));
});

test("options: unknown names and wrong types are rejected in JS, with a close match", () => {
  const input = { AppId: "a", BackendEnvironmentName: "b" };
  assert.throws(
    () => ab.buildRequest("GetBackend", input, { regoin: "us-east-1" }),
    (e) => {
      assert.match(e.message, /Invalid option "regoin" in buildRequest options; did you mean "region"\?/);
      assert.deepEqual(e.errors, [{ path: "/options/regoin", code: "unknown", message: 'Invalid option "regoin" in buildRequest options; did you mean "region"?' }]);
      return true;
    },
  );
  assert.throws(() => ab.buildRequest("GetBackend", input, { region: 1 }), (e) => e.errors[0].code === "type" && /Option "region" in buildRequest options must be a string, not a number/.test(e.message));
  assert.throws(() => ab.buildRequest("GetBackend", input, { region: "us-east-1", validate: "no" }), (e) => e.errors[0].path === "/options/validate");
  assert.throws(() => ab.buildRequest("GetBackend", input, "us-east-1"), /buildRequest options must be an object, not a string/);
  assert.throws(() => ab.buildRequest(42, input, { region: "us-east-1" }), (e) => e.errors[0].path === "/operation" && e.errors[0].code === "type");
  assert.throws(() => ab.buildRequest("GetBackend", input, { region: "us-east-1", foo: 1 }), /Invalid option "foo" in buildRequest options; the options are "region", "endpoint", "validate", "useFipsEndpoint", "useDualstackEndpoint"\./);
  assert.throws(() => ab.buildRequest("GetBackend", input, { region: "us-east-1", useFipsEndpoint: "yes" }), (e) => e.errors[0].path === "/options/useFipsEndpoint" && e.errors[0].code === "type");
  assert.throws(() => ab.buildRequest("GetBackend", input, { region: "us-east-1", useFipsEndpiont: true }), /did you mean "useFipsEndpoint"\?/);
  // undefined option values are absent.
  assert.equal(ab.buildRequest("GetBackend", input, { region: "us-east-1", endpoint: undefined }).method, "POST");

  const req = { method: "GET", url: "https://example.amazonaws.com/" };
  const sign = (o) => () => ab.signRequest(req, { credentials: secretCreds, region: "us-east-1", ...o });
  assert.throws(sign({ presigned: true }), /Invalid option "presigned" in signRequest options; did you mean "presign"\?/);
  assert.throws(sign({ expiresIn: "900" }), (e) => e.errors[0].path === "/options/expiresIn" && e.errors[0].code === "type");
  assert.throws(sign({ expiresIn: Infinity }), (e) => e.errors[0].path === "/options/expiresIn");
  assert.throws(sign({ signingDate: {} }), (e) => e.errors[0].path === "/options/signingDate");
  assert.throws(sign({ signingDate: new Date(NaN) }), (e) => e.errors[0].path === "/options/signingDate" && e.errors[0].code === "invalid");
  assert.throws(sign({ signingDate: "yesterday" }), (e) => e.errors[0].path === "/options/signingDate" && e.errors[0].code === "invalid");
  assert.throws(sign({ credentials: { accessKeyID: "a", secretAccessKey: SECRET } }), /Invalid option "accessKeyID" in signRequest options.credentials; did you mean "accessKeyId"\?/);
  assert.throws(sign({ credentials: { accessKeyId: "a", secretAccessKey: 12345 } }), (e) => {
    assert.equal(e.errors[0].path, "/options/credentials/secretAccessKey");
    assert.match(e.message, /must be a string, not a number/);
    assert.ok(!e.message.includes("12345"));
    return true;
  });
  // The AWS SDK's credential objects can be passed as they are.
  const sdkCreds = { ...secretCreds, expiration: new Date(), $source: {}, accountId: "123456789012" };
  assert.ok(ab.signRequest(req, { credentials: sdkCreds, region: "us-east-1" }).headers.Authorization);
});

test("signRequest reproduces the AWS SigV4 suite: Authorization header and presigned URL", () => {
  const cases = sigv4Cases();
  assert.ok(cases.length >= 19);
  for (const name of cases) {
    const c = sigv4Case(name);
    const signed = ab.signRequest(c.request, c.options);
    assert.equal(signed.headers.Authorization, c.authorization, name + " (header)");
    const presigned = ab.signRequest(c.request, { ...c.options, presign: true, expiresIn: c.expiresIn });
    const url = new URL(presigned.url);
    assert.equal(url.searchParams.get("X-Amz-Signature"), c.querySignature, name + " (presign)");
    assert.equal(url.searchParams.get("X-Amz-Expires"), String(c.expiresIn), name);
    assert.equal(presigned.headers.Authorization, undefined, name);
  }
});

test("signRequest and parseResponse do not read globalThis.Headers for plain headers", () => {
  // In Node the Headers getter loads undici (about 30 ms on first use): a plain object must not
  // touch it. A Map or a Headers still works (the test above and response.test.mjs).
  const c = sigv4Case("get-vanilla");
  const desc = Object.getOwnPropertyDescriptor(globalThis, "Headers");
  let reads = 0;
  Object.defineProperty(globalThis, "Headers", { configurable: true, get: () => (reads++, desc.value ?? desc.get.call(globalThis)) });
  try {
    ab.signRequest(c.request, c.options);
    ab.parseResponse("GetBackend", { status: 200, headers: { "content-type": "application/json" }, body: "{}" });
  } finally {
    Object.defineProperty(globalThis, "Headers", desc);
  }
  assert.equal(reads, 0);
});

test("signRequest: dates in every accepted form, no mutation, re-signing, Headers objects", () => {
  const c = sigv4Case("get-vanilla");
  const before = JSON.stringify(c.request);
  const iso = ab.signRequest(c.request, c.options);
  const date = ab.signRequest(c.request, { ...c.options, signingDate: new Date(c.options.signingDate) });
  const ms = ab.signRequest(c.request, { ...c.options, signingDate: Date.parse(c.options.signingDate) });
  assert.deepEqual(date, iso);
  assert.deepEqual(ms, iso);
  assert.equal(JSON.stringify(c.request), before, "the request given is not changed");
  assert.deepEqual(ab.signRequest(iso, c.options), iso, "signing a signed request again gives the same result");
  const withHeaders = ab.signRequest({ ...c.request, headers: new Headers(c.request.headers) }, c.options);
  assert.equal(withHeaders.headers.Authorization, c.authorization);
  // Default date: now (taken in JS).
  const now = ab.signRequest(c.request, { credentials: CREDENTIALS, region: "us-east-1" });
  const stamp = now.headers["X-Amz-Date"];
  const t = Date.UTC(+stamp.slice(0, 4), +stamp.slice(4, 6) - 1, +stamp.slice(6, 8), +stamp.slice(9, 11), +stamp.slice(11, 13), +stamp.slice(13, 15));
  assert.ok(Math.abs(Date.now() - t) < 60_000, "X-Amz-Date is now");
  // A session token is sent (and signed) as X-Amz-Security-Token.
  const withToken = ab.signRequest(c.request, { ...c.options, credentials: secretCreds });
  assert.equal(withToken.headers["X-Amz-Security-Token"], TOKEN);
  assert.match(withToken.headers.Authorization, /SignedHeaders=host;x-amz-date;x-amz-security-token,/);
});

test("secrets never appear in a thrown message", () => {
  const cases = [
    () => ab.signRequest({ method: "GET", url: "not a url " + SECRET }, { credentials: secretCreds, region: "us-east-1" }),
    () => ab.signRequest({ method: "GET", url: "https://example.com/" }, { credentials: secretCreds, region: SECRET }),
    () => ab.signRequest({ method: "GET", url: "https://example.com/" }, { credentials: { ...secretCreds, accessKeyId: SECRET }, region: "us-east-1", expiresIn: 0, presign: true }),
    () => ab.signRequest({ method: "GET", url: "https://example.com/", headers: { [SECRET]: TOKEN } }, { credentials: secretCreds, region: "us-east-1" }),
    () => ab.signRequest({ method: "GET", url: "https://example.com/" }, { credentials: { ...secretCreds, secretAccessKey: [SECRET] }, region: "us-east-1" }),
    () => ab.signRequest({ method: "GET", url: "https://example.com/" }, { credentials: { ...secretCreds, sessionToken: { TOKEN } }, region: "us-east-1" }),
    () => ab.signRequest({ method: "GET " + TOKEN, url: "https://example.com/" + SECRET + "%zz" }, { credentials: secretCreds, region: "us-east-1" }),
    () => ab.signRequest({ method: "GET", url: "https://example.com/" }, { credentials: secretCreds, region: "us-east-1", signingDate: SECRET }),
    () => ab.buildRequest("CreateBackendAuth", { AppId: "a", BackendEnvironmentName: "b", ResourceName: "r", ResourceConfig: { UserPoolConfigs: { ForgotPassword: { DeliveryMethod: "EMAIL", EmailSettings: { EmailMessage: 5, EmailSubject: SECRET + "x" }, X: SECRET } } } }, { region: "us-east-1" }),
  ];
  for (const [i, f] of cases.entries()) {
    assert.throws(f, (e) => {
      assertNoSecrets(e);
      return true;
    }, "case " + i);
  }
});

test("operations describes the 31 operations", () => {
  const ops = ab.operations();
  assert.equal(ops.length, 31);
  const cba = ops.find((o) => o.name === "CreateBackendAuth");
  assert.deepEqual(Object.keys(cba), ["name", "method", "uri", "input", "output"]);
  assert.equal(cba.method, "POST");
  assert.equal(cba.input, "CreateBackendAuthRequest");
  assert.deepEqual(ops.map((o) => o.name), [...ops.map((o) => o.name)].sort());
  ops[0].name = "changed";
  assert.notEqual(ab.operations()[0].name, "changed", "a fresh copy each time");
});

test("validate and validateAuthConfig take JSON text: ranges, duplicates and syntax from Go", () => {
  // Multi-byte text before the problems: columns and offsets count UTF-16 code units, exactly
  // as JS string indexes do.
  const text = '{\n  "AppId": "名前😀\u2028",\n  "AppId": "b",\n  "MaxResults": 1.5\n}';
  const r = ab.validate("GetBackend", text);
  assert.equal(r.valid, false);
  assert.deepEqual(r.warnings, []);
  const dup = r.errors.find((p) => p.code === "duplicate");
  assert.equal(dup.path, "/AppId");
  const second = text.indexOf('"AppId"', text.indexOf('"AppId"') + 1);
  assert.deepEqual(dup.range, {
    start: { line: 3, column: 3, offset: second },
    end: { line: 3, column: 10, offset: second + '"AppId"'.length },
  });
  assert.equal(text.slice(dup.range.start.offset, dup.range.end.offset), '"AppId"');
  const unknown = r.errors.find((p) => p.code === "unknown");
  assert.equal(text.slice(unknown.range.start.offset, unknown.range.end.offset), '"MaxResults"');
  // A syntax error has its position.
  const bad = ab.validate("GetBackend", '{"AppId": "a",}');
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.errors.map((p) => [p.code, p.range.start.column]), [["syntax", 15]]);
  // The same text as a value has no ranges, and JSON.parse would have hidden the duplicate.
  const asValue = ab.validate("GetBackend", JSON.parse(text));
  assert.ok(asValue.errors.every((p) => !("range" in p)));
  assert.ok(!asValue.errors.some((p) => p.code === "duplicate"));
  // validateAuthConfig: text, with warnings that carry ranges.
  const cfg = JSON.stringify(readJSON(join(TESTDATA, "auth", "create-valid.json")), null, 2);
  const a = ab.validateAuthConfig(cfg, { mode: "create" });
  assert.equal(a.valid, true);
  assert.ok(a.warnings.length > 0);
  for (const w of a.warnings) {
    assert.equal(w.code, "deprecated");
    const name = w.path.slice(w.path.lastIndexOf("/") + 1);
    assert.equal(cfg.slice(w.range.start.offset, w.range.end.offset), JSON.stringify(name));
  }
  // A lone surrogate in the text itself: invalid, at its one UTF-16 unit.
  const lone = ab.validate("GetBackend", '{"AppId": "a\ud800"}');
  assert.equal(lone.valid, false);
  assert.deepEqual(lone.errors.map((p) => [p.code, p.range.start.offset, p.range.end.offset]), [["invalid", 12, 13]]);
});

test("resolveEndpoint and send: FIPS, dual-stack and every partition from the rule set; signed for the endpoint's region", async () => {
  assert.deepEqual(ab.resolveEndpoint({ region: "us-isob-east-1", useFipsEndpoint: true }), {
    url: "https://amplifybackend-fips.us-isob-east-1.sc2s.sgov.gov",
    signingRegion: "us-isob-east-1",
    signingName: "amplifybackend",
  });
  assert.equal(ab.resolveEndpoint({ region: "eusc-de-east-1", useDualstackEndpoint: true }).url, "https://amplifybackend.eusc-de-east-1.api.amazonwebservices.eu");
  assert.throws(() => ab.resolveEndpoint({ endpoint: "http://127.0.0.1:1", useDualstackEndpoint: true }),
    (e) => e.errors.length === 1 && e.errors[0].path === "/options/useDualstackEndpoint" && e.errors[0].message === "Invalid Configuration: Dualstack and custom endpoint are not supported");
  assert.throws(() => ab.resolveEndpoint({ region: "us-east-1", useFips: true }), /did you mean "useFipsEndpoint"\?/);

  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url, auth: init.headers.Authorization });
    return new Response('{"appId":"a"}', { status: 200, headers: { "Content-Type": "application/json" } });
  };
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
  const out = await ab.send("GetBackend", { AppId: "a" }, { region: "us-gov-west-1", credentials, fetch, useFipsEndpoint: true, useDualstackEndpoint: true });
  assert.equal(out.AppId, "a");
  assert.equal(seen.length, 1);
  assert.equal(seen[0].url, "https://amplifybackend-fips.us-gov-west-1.api.aws/backend/a/details");
  assert.match(seen[0].auth, /Credential=AKIDEXAMPLE\/\d{8}\/us-gov-west-1\/amplifybackend\/aws4_request/);
  await assert.rejects(ab.send("GetBackend", { AppId: "a" }, { region: "us-east-1", credentials, fetch, endpoint: "http://127.0.0.1:1", useFipsEndpoint: true }),
    (e) => e.errors.some((p) => p.path === "/options/useFipsEndpoint"));
  await assert.rejects(ab.send("GetBackend", { AppId: "a" }, { region: "us-east-1", credentials, fetch, useFipsEndpoint: "yes" }), /Option "useFipsEndpoint" in send options must be a boolean/);
});
