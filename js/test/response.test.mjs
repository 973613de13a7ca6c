// Responses: parseResponse and ServiceError against the response vectors and the official AWS
// SDK for JavaScript's own deserializers (the same bodies must give the same members), send
// against a local HTTP server (retries, abort, network errors), and the TypeScript types.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, STATUS_CODES } from "node:http";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JS_DIR, TESTDATA, CREDENTIALS } from "./helpers.mjs";
import * as ab from "../index.js";
import * as sdk from "@aws-sdk/client-amplifybackend";

process.env.AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING ??= "1"; // no deprecation banner in the test log

const VECTORS = join(TESTDATA, "vectors");

before(async () => {
  await ab.init();
});

/** The parseResponse vectors: {name, operation, response, want} (want: the golden's result or error). */
function responseVectors() {
  const out = [];
  for (const f of readdirSync(VECTORS).sort()) {
    if (!f.startsWith("response-") || f.endsWith(".out.json")) continue;
    const c = JSON.parse(readFileSync(join(VECTORS, f), "utf8"));
    if (c.function !== "parseResponse") continue;
    const args = JSON.parse(c.inputText);
    if (typeof args.operation !== "string" || !args.response || typeof args.response.status !== "number") continue;
    const want = JSON.parse(readFileSync(join(VECTORS, f.replace(/\.json$/, ".out.json")), "utf8"));
    out.push({ name: c.name, operation: args.operation, response: args.response, want });
  }
  if (out.length < 31 * 5) throw new Error(`only ${out.length} parseResponse vectors in ${VECTORS}`);
  return out;
}

test("parseResponse returns the golden output or throws the golden ServiceError, for every response vector", () => {
  for (const v of responseVectors()) {
    const bodies = [v.response.body ?? "", new TextEncoder().encode(v.response.body ?? "")];
    const headers = [v.response.headers, new Headers(v.response.headers)];
    for (const body of bodies) {
      for (const h of headers) {
        const r = { status: v.response.status, headers: h, body };
        if (v.want.result && v.want.result.output) {
          assert.deepEqual(ab.parseResponse(v.operation, r), v.want.result.output, v.name);
        } else if (v.want.result && v.want.result.serviceError) {
          const se = v.want.result.serviceError;
          assert.throws(() => ab.parseResponse(v.operation, r), (e) => {
            assert.ok(e instanceof ab.ServiceError && e instanceof Error, v.name);
            assert.equal(e.name, se.code, v.name);
            assert.equal(e.message, se.message, v.name);
            assert.equal(e.statusCode, v.response.status, v.name);
            assert.equal(e.requestId, se.requestId, v.name);
            assert.equal(e.retryable, v.response.status === 429 || v.response.status >= 500, v.name);
            assert.deepEqual(e.response, se.response, v.name);
            return true;
          });
        } else {
          assert.throws(() => ab.parseResponse(v.operation, r), (e) => {
            assert.ok(!(e instanceof ab.ServiceError), v.name);
            assert.deepEqual(e.errors, v.want.error.errors, v.name);
            return true;
          });
        }
      }
    }
  }
  // The instance keeps answering after all of that.
  assert.equal(ab.validate("GetBackend", { AppId: "a", BackendEnvironmentName: "b" }).valid, true);
});

test("parseResponse: Headers, arrays and bodies as bytes; a body over the limit is a limit problem", () => {
  const out = ab.parseResponse("GetBackend", { status: 200, headers: { "Set-Cookie": ["a=1", "b=2"], "X-Amzn-RequestId": "r" }, body: new TextEncoder().encode('{"appId":"é"}').buffer });
  assert.deepEqual(out, { AppId: "é", ResponseMetadata: { RequestId: "r", HTTPStatusCode: 200, HTTPHeaders: { "set-cookie": "a=1, b=2", "x-amzn-requestid": "r" }, RetryAttempts: 0 } });
  const big = '{"appId":"' + "x".repeat(1 << 20) + '"}';
  assert.throws(() => ab.parseResponse("GetBackend", { status: 200, body: big }), (e) => e.errors.length === 1 && e.errors[0].code === "limit");
  assert.throws(() => ab.parseResponse("GetBackend", "200 OK"), (e) => e.errors[0].path === "/response" && e.errors[0].code === "type");
  assert.throws(() => ab.parseResponse("GetBackendd", { status: 200 }), (e) => e.errors[0].path === "/operation" && /did you mean GetBackend/.test(e.message));
});

// ---- the official SDK's deserializers

function sdkClient(response) {
  return new sdk.AmplifyBackendClient({
    region: "us-east-1",
    credentials: { ...CREDENTIALS }, // the SDK writes into the object it is given
    maxAttempts: 1,
    requestHandler: { handle: async () => ({ response: { statusCode: response.status, headers: lower(response.headers ?? {}), body: new TextEncoder().encode(response.body ?? "") } }) },
  });
}

function lower(h) {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

function isJSON(s) {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** plain drops undefined members, as JSON does (the SDK keeps a few as undefined). */
const plain = (v) => JSON.parse(JSON.stringify(v));

test("the official SDK's deserializers read the same members from the same bodies", async () => {
  let outputs = 0;
  let errors = 0;
  for (const v of responseVectors()) {
    if (v.want.error && v.want.error.errors.some((p) => /^\/(operation|response)/.test(p.path))) continue; // an envelope problem, not a response
    const input = JSON.parse(readFileSync(join(TESTDATA, "operations", v.operation + ".json"), "utf8"));
    const Command = sdk[v.operation + "Command"];
    assert.equal(typeof Command, "function", v.operation);
    let got;
    try {
      got = { output: await sdkClient(v.response).send(new Command(input)) };
    } catch (e) {
      got = { error: e };
    }
    if (v.want.result && v.want.result.output) {
      assert.ok(got.output, v.name + ": the SDK failed: " + (got.error && got.error.message));
      const { $metadata, ...members } = got.output;
      const { ResponseMetadata, ...ours } = v.want.result.output;
      assert.deepEqual(ours, plain(members), v.name);
      assert.equal(ResponseMetadata.HTTPStatusCode, $metadata.httpStatusCode, v.name);
      assert.equal(ResponseMetadata.RequestId, $metadata.requestId, v.name);
      outputs++;
    } else if (v.want.result && v.want.result.serviceError) {
      const se = v.want.result.serviceError;
      assert.ok(got.error, v.name);
      const e = got.error;
      if (v.response.body && !isJSON(v.response.body)) {
        // The SDK cannot read a body that is not JSON and throws its parser's SyntaxError; boto3
        // (and we) give the status and the reason phrase.
        assert.equal(se.response.Error.Message, STATUS_CODES[v.response.status], v.name);
        continue;
      }
      if (/^\d+$/.test(se.code)) {
        // No error type named: the SDK says "Unknown" where boto3 (and we) give the status.
        assert.ok(["Unknown", "UnknownError"].includes(e.name), v.name + ": " + e.name);
      } else {
        assert.equal(e.name, se.code, v.name);
      }
      assert.equal(e.$metadata.httpStatusCode, v.response.status, v.name);
      assert.equal(e.$metadata.requestId, se.requestId || undefined, v.name);
      assert.equal(e.$fault, v.response.status >= 500 ? "server" : "client", v.name);
      // The modeled members the SDK sets (ResourceType, LimitType, Message) are ours.
      for (const k of ["ResourceType", "LimitType"]) assert.equal(se.response[k], e[k], v.name + " " + k);
      if (se.response.Message !== undefined) assert.equal(e.message, se.response.Message, v.name);
      errors++;
    } else {
      // An unreadable body: the SDK fails too (it does not check member types, so only syntax).
      if (v.want.error.errors[0].code === "syntax") assert.ok(got.error, v.name + ": the SDK read it");
    }
  }
  assert.ok(outputs >= 31 * 5, `${outputs} outputs compared`);
  assert.ok(errors >= 8, `${errors} errors compared`);
});

// ---- send against a local server

let server;
let endpoint;
let handler = () => {};
const seen = [];

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(seen.length, req, res);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${server.address().port}`;
});

after(() => server?.close());

const INPUT = { AppId: "d2v6kx3qz7p1ab", BackendEnvironmentName: "staging" };
const reply = (res, status, body, headers = {}) => {
  res.writeHead(status, { "Content-Type": "application/json", "x-amzn-RequestId": "req-" + seen.length, ...headers });
  res.end(body);
};

function reset(h) {
  seen.length = 0;
  handler = h;
}

test("send: success, signed, and read as parseResponse reads it", async () => {
  reset((n, req, res) => reply(res, 200, '{"appId":"d2v6kx3qz7p1ab","appName":"demo","backendEnvironmentList":["staging"],"unknown":1}'));
  const out = await ab.send("GetBackend", INPUT, { region: "us-east-1", credentials: CREDENTIALS, endpoint });
  assert.equal(out.AppId, "d2v6kx3qz7p1ab");
  assert.deepEqual(out.BackendEnvironmentList, ["staging"]);
  assert.equal(out.ResponseMetadata.RetryAttempts, 0);
  assert.equal(out.ResponseMetadata.RequestId, "req-1");
  assert.equal(seen.length, 1);
  assert.equal(seen[0].method, "POST");
  assert.equal(seen[0].url, "/backend/d2v6kx3qz7p1ab/details");
  assert.match(seen[0].headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/amplifybackend\/aws4_request, /);
});

test("send: 429 then success gives RetryAttempts 1, with a fresh signature for the second attempt", async () => {
  reset((n, req, res) => (n === 1 ? reply(res, 429, '{"message":"Rate exceeded","limitType":"requests"}', { "x-amzn-ErrorType": "TooManyRequestsException" }) : reply(res, 200, '{"appId":"a"}')));
  let calls = 0;
  const credentials = async () => ({ ...CREDENTIALS, accessKeyId: "AKID" + ++calls });
  const out = await ab.send("GetBackend", INPUT, { region: "us-east-1", credentials, endpoint });
  assert.equal(out.ResponseMetadata.RetryAttempts, 1);
  assert.equal(seen.length, 2);
  assert.equal(calls, 2, "credentials are asked for before every attempt");
  assert.match(seen[0].headers.authorization, /Credential=AKID1\//);
  assert.match(seen[1].headers.authorization, /Credential=AKID2\//);
});

test("send: attempts exhausted throw the last ServiceError; maxAttempts 1 turns retries off; 4xx is not retried", async () => {
  reset((n, req, res) => reply(res, 503, '{"message":"busy ' + n + '"}'));
  await assert.rejects(ab.send("GetBackend", INPUT, { region: "us-east-1", credentials: CREDENTIALS, endpoint }), (e) => {
    assert.ok(e instanceof ab.ServiceError);
    assert.equal(e.name, "503");
    assert.equal(e.retryable, true);
    assert.equal(e.response.Error.Message, "busy 3");
    assert.equal(e.response.ResponseMetadata.RetryAttempts, 2);
    return true;
  });
  assert.equal(seen.length, 3);
  reset((n, req, res) => reply(res, 503, "{}"));
  await assert.rejects(ab.send("GetBackend", INPUT, { region: "us-east-1", credentials: CREDENTIALS, endpoint, maxAttempts: 1 }), ab.ServiceError);
  assert.equal(seen.length, 1);
  reset((n, req, res) => reply(res, 404, '{"message":"no app","resourceType":"App"}', { "x-amzn-ErrorType": "NotFoundException" }));
  await assert.rejects(ab.send("GetBackend", INPUT, { region: "us-east-1", credentials: CREDENTIALS, endpoint }), (e) => e.name === "NotFoundException" && e.response.ResourceType === "App" && !e.retryable);
  assert.equal(seen.length, 1);
});

test("send: aborting during the backoff rejects at once with the signal's reason", async () => {
  reset((n, req, res) => reply(res, 500, "{}"));
  const random = Math.random;
  Math.random = () => 0.99; // the first backoff is then 99 ms
  try {
    const ac = new AbortController();
    const p = ab.send("GetBackend", INPUT, {
      region: "us-east-1",
      credentials: CREDENTIALS,
      endpoint,
      signal: ac.signal,
      fetch: async (url, init) => {
        const res = await fetch(url, init);
        setTimeout(() => ac.abort(new Error("stop")), 20); // while send waits its 99 ms
        return res;
      },
    });
    await assert.rejects(p, /stop/);
    // The abort (due 20 ms after the response) comes before the end of the 99 ms wait, so no
    // second attempt is made; no wall-clock bound, which a loaded machine could break.
    assert.equal(seen.length, 1);
  } finally {
    Math.random = random;
  }
});

test("send: a network error is retried, then thrown with its cause", async () => {
  const closed = createServer();
  await new Promise((r) => closed.listen(0, "127.0.0.1", r));
  const dead = `http://127.0.0.1:${closed.address().port}`;
  await new Promise((r) => closed.close(r));
  let attempts = 0;
  const counting = (url, init) => {
    attempts++;
    return fetch(url, init);
  };
  await assert.rejects(ab.send("GetBackend", INPUT, { region: "us-east-1", credentials: CREDENTIALS, endpoint: dead, fetch: counting }), (e) => {
    assert.ok(!(e instanceof ab.ServiceError));
    assert.match(e.message, /^amplifybackend: POST http:\/\/127\.0\.0\.1:\d+\/backend\/d2v6kx3qz7p1ab\/details: .* \(3 attempts\)$/);
    assert.ok(e.cause);
    return true;
  });
  assert.equal(attempts, 3);
  // A network error, then success: RetryAttempts counts it.
  reset((n, req, res) => reply(res, 200, "{}"));
  let first = true;
  const flaky = (url, init) => {
    if (first) {
      first = false;
      return Promise.reject(new TypeError("fetch failed"));
    }
    return fetch(url, init);
  };
  const out = await ab.send("GetBackend", INPUT, { region: "us-east-1", credentials: CREDENTIALS, endpoint, fetch: flaky });
  assert.equal(out.ResponseMetadata.RetryAttempts, 1);
});

test("send: bad options and bad input throw before anything is sent", async () => {
  reset(() => assert.fail("nothing must be sent"));
  await assert.rejects(ab.send("GetBackend", INPUT, { region: "us-east-1" }), (e) => e.errors[0].path === "/options/credentials" && e.errors[0].code === "required");
  await assert.rejects(ab.send("GetBackend", INPUT, { region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 0, regoin: 1 }), (e) => e.errors.map((p) => p.path).includes("/options/maxAttempts"));
  await assert.rejects(ab.send("GetBackend", { AppId: "" }, { region: "us-east-1", credentials: CREDENTIALS, endpoint }), (e) => e.errors.some((p) => p.path === "/AppId" && p.code === "empty"));
  assert.equal(seen.length, 0);
});

test("parseResponse, send and ServiceError are typed from the model", () => {
  const dir = mkdtempSync(join(tmpdir(), "amplifybackend-response-types-"));
  const pkg = JS_DIR.replace(/\\/g, "/");
  writeFileSync(
    join(dir, "use.mts"),
    `import { parseResponse, send, ServiceError, type OperationOutput, type ServiceErrorResponse } from "${pkg}/index.js";
const out = parseResponse("GetBackend", { status: 200, headers: new Headers(), body: new Uint8Array() });
const id: string | undefined = out.AppId;
const list: string[] | undefined = out.BackendEnvironmentList;
const code: number = out.ResponseMetadata.HTTPStatusCode;
const jobs: OperationOutput["ListBackendJobs"]["Jobs"] = [];
const app: string = jobs![0].AppId;
const p: Promise<OperationOutput["GetBackendJob"]> = send("GetBackendJob", { AppId: "a", BackendEnvironmentName: "b", JobId: "j" }, { region: "us-east-1", credentials: async () => ({ accessKeyId: "a", secretAccessKey: "b" }) });
try { parseResponse("GetBackend", { status: 404 }); } catch (e) {
  if (e instanceof ServiceError) { const s: number = e.statusCode; const r: boolean = e.retryable; const m: string = e.response.Error.Message; }
}
const nf: ServiceErrorResponse<"NotFoundException"> = { Error: { Code: "NotFoundException", Message: "" }, ResponseMetadata: { HTTPStatusCode: 404, HTTPHeaders: {}, RetryAttempts: 0 }, ResourceType: "App" };
// @ts-expect-error outputs have their members only
out.Nope;
// @ts-expect-error LimitType is not a member of NotFoundException
nf.LimitType;
// @ts-expect-error send needs credentials
send("GetBackend", { AppId: "a", BackendEnvironmentName: "b" }, { region: "us-east-1" });
export { id, list, code, app, p };
`,
  );
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: false, lib: ["es2022", "dom"], types: [] }, files: ["use.mts"] }));
  try {
    execFileSync(process.execPath, [join(JS_DIR, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail("tsc failed:\n" + e.stdout + e.stderr);
  }
});
