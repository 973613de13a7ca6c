// The Node CLI (cli.mjs, on the WebAssembly module) against the native Go binary
// (cmd/amplifybackend): for the same arguments, standard input and environment, standard output,
// standard error and the exit code must be identical. `call` is compared against a local mock of
// the service.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JS_DIR, TESTDATA, readJSON, jsonFiles, goCLIPath, runAsync, CREDENTIALS } from "./helpers.mjs";

const CLI = join(JS_DIR, "cli.mjs");
let dir;
let goBin;

// A clean environment: no AWS variables from the machine running the tests.
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
const credEnv = { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey };

before(() => {
  goBin = goCLIPath();
  dir = mkdtempSync(join(tmpdir(), "amplifybackend-cli-test-"));
  writeFileSync(join(dir, "get-backend.json"), JSON.stringify(readJSON(join(TESTDATA, "operations", "GetBackend.json")), null, 2));
  writeFileSync(join(dir, "auth.json"), JSON.stringify(readJSON(join(TESTDATA, "operations", "CreateBackendAuth.json")), null, 2));
  writeFileSync(join(dir, "auth-config.json"), JSON.stringify(readJSON(join(TESTDATA, "auth", "create-valid.json"))));
  writeFileSync(join(dir, "bad syntax.json"), '{"AppId": "a",}');
  mkdirSync(join(dir, "a-directory"));
  for (const f of jsonFiles(join(TESTDATA, "invalid"))) {
    const c = readJSON(join(TESTDATA, "invalid", f));
    writeFileSync(join(dir, "invalid-" + f), "raw" in c ? c.raw : JSON.stringify(c.input, null, 2));
  }
});

/** both runs the same command line with the Go binary and with cli.mjs and compares them. */
async function both(args, { env = {}, stdin = "", expectCode, serial = false } = {}) {
  // HOME is the test's directory: the native call reads ~/.aws (profiles) and must not find this machine's.
  const e = { ...baseEnv, HOME: dir, ...env };
  const runJS = () => runAsync(process.execPath, [CLI, ...args], { cwd: dir, env: e, input: stdin });
  const runGo = () => (goBin ? runAsync(goBin, args, { cwd: dir, env: e, input: stdin }) : null);
  // The two run side by side, except against the mock service, whose replies count requests.
  const [js, go] = serial ? [await runJS(), await runGo()] : await Promise.all([runJS(), runGo()]);
  if (expectCode !== undefined) assert.equal(js.code, expectCode, `node cli.mjs ${args.join(" ")}: ${js.stderr}`);
  if (!go && process.env.CI) assert.fail("CI: no Go binary to compare with");
  if (go) assert.deepEqual(js, go, `node cli.mjs ${args.join(" ")} differs from the Go binary`);
  return js;
}

// Locally, without Go, the comparisons are skipped and this test says so; under CI goCLIPath
// throws instead, failing every test of this file.
test("the Go binary is there to compare with", { skip: !process.env.CI && !goCLIPath() && "cmd/amplifybackend does not build here" }, () => {
  assert.ok(goBin, "the Go binary was built");
});

test("validate: text and json, exit codes 0, 1 and 2", async () => {
  await both(["validate", "--operation", "GetBackend", "get-backend.json"], { expectCode: 0 });
  await both(["validate", "--operation", "CreateBackendAuth", "auth.json", "--format", "json"], { expectCode: 0 });
  await both(["validate", "--shape", "CreateBackendAuthResourceConfig", "auth-config.json"], { expectCode: 0 });
  // Every frozen invalid case, in one run per operation or shape and format.
  const byTarget = new Map();
  for (const f of jsonFiles(join(TESTDATA, "invalid"))) {
    const c = readJSON(join(TESTDATA, "invalid", f));
    const target = c.operation ? "--operation=" + c.operation : "--shape=" + c.shape;
    byTarget.set(target, [...(byTarget.get(target) ?? []), "invalid-" + f]);
  }
  assert.ok(byTarget.size > 3);
  for (const [target, files] of byTarget) {
    await both(["validate", target, ...files], { expectCode: 1 });
    await both(["validate", target, "--format", "json", ...files], { expectCode: 1 });
  }
  await both(["validate", "--operation", "GetBackend", "bad syntax.json"], { expectCode: 1 });
  // Standard input, several files, one missing, a directory.
  const input = JSON.stringify({ AppId: 5 });
  await both(["validate", "--operation", "GetBackend", "-", "get-backend.json"], { stdin: input, expectCode: 1 });
  await both(["validate", "--operation", "GetBackend", "--format", "json", "get-backend.json", "missing.json", "a-directory", "-"], { stdin: "{}", expectCode: 2 });
  // Usage errors.
  await both(["validate", "get-backend.json"], { expectCode: 2 });
  await both(["validate", "--operation", "GetBackendd", "get-backend.json"], { expectCode: 2 });
  await both(["validate", "--operation", "GetBackend", "--format", "yaml", "get-backend.json"], { expectCode: 2 });
  await both(["validate", "--bogus"], { expectCode: 2 });
  await both(["validate", "--help"], { expectCode: 0 });
});

test("operations, help and unknown commands", async () => {
  await both(["operations"], { expectCode: 0 });
  await both(["help"], { expectCode: 0 });
  for (const c of ["validate", "operations", "build", "sign", "call"]) await both(["help", c], { expectCode: 0 });
  await both([], { expectCode: 2 });
  await both(["valdiate"], { expectCode: 2 });
});

test("build: request, invalid input, options", async () => {
  await both(["build", "--operation", "CreateBackendAuth", "--region", "us-east-1", "auth.json"], { expectCode: 0 });
  await both(["build", "--operation", "GetBackend", "get-backend.json"], { env: { AWS_REGION: "eu-west-1" }, expectCode: 0 });
  await both(["build", "--operation", "GetBackend", "--endpoint", "http://localhost:4566", "get-backend.json"], { expectCode: 0 });
  // Endpoints from the rule set: FIPS, dual-stack, ISO and EUSC partitions, from flags or the environment, and the rule set's refusals.
  const fips = await both(["build", "--operation", "GetBackend", "--region", "us-isof-south-1", "--use-fips-endpoint", "get-backend.json"], { expectCode: 0 });
  assert.match(JSON.parse(fips.stdout).url, /^https:\/\/amplifybackend-fips\.us-isof-south-1\.csp\.hci\.ic\.gov\//);
  await both(["build", "--operation", "GetBackend", "--region", "eusc-de-east-1", "get-backend.json"], { env: { AWS_USE_DUALSTACK_ENDPOINT: "true" }, expectCode: 0 });
  await both(["build", "--operation", "GetBackend", "--endpoint", "http://localhost:4566", "--use-fips-endpoint", "get-backend.json"], { expectCode: 2 });
  await both(["build", "--operation", "GetBackend", "--region", "us-east-1", "get-backend.json"], { env: { AWS_USE_FIPS_ENDPOINT: "maybe" }, expectCode: 2 });
  await both(["build", "--operation", "GetBackend", "--region", "xx-east-1", "get-backend.json"], { expectCode: 2 });
  await both(["build", "--operation", "CreateBackendAuth", "--region", "us-east-1", "invalid-many-problems.json"], { expectCode: 1 });
  await both(["build", "--operation", "CreateBackendAuth", "--region", "us-east-1", "--no-validate", "invalid-many-problems.json"], { expectCode: 1 });
  await both(["build", "--operation", "GetBackend", "get-backend.json"], { expectCode: 2 });
  await both(["build", "--operation", "GetBackend", "--region", "US East", "get-backend.json"], { expectCode: 2 });
  await both(["build", "--operation", "GetBackend", "--region", "us-east-1"], { expectCode: 2 });
});

test("sign: with credentials from the environment", async () => {
  const built = await both(["build", "--operation", "CreateBackendAuth", "--region", "us-east-1", "auth.json"], { expectCode: 0 });
  writeFileSync(join(dir, "request.json"), built.stdout);
  const at = ["--time", "2026-01-02T15:04:05Z"];
  await both(["sign", "--region", "us-east-1", ...at, "request.json"], { env: credEnv, expectCode: 0 });
  await both(["sign", "--region", "us-east-1", ...at, "-"], { env: credEnv, stdin: built.stdout, expectCode: 0 });
  await both(["sign", ...at, "--presign", "--expires", "300", "request.json"], { env: { ...credEnv, AWS_DEFAULT_REGION: "us-west-2" }, expectCode: 0 });
  await both(["sign", "--region", "us-east-1", ...at, "--sign-body", "--no-normalize", "request.json"], { env: { ...credEnv, AWS_SESSION_TOKEN: "token-abc-123" }, expectCode: 0 });
  await both(["sign", "--region", "us-east-1", "--time", "20260102T150405Z", "--service", "execute-api", "request.json"], { env: credEnv, expectCode: 0 });
  // Problems: no credentials, a bad request file, a bad flag, no region.
  await both(["sign", "--region", "us-east-1", ...at, "request.json"], { expectCode: 2 });
  await both(["sign", "--region", "us-east-1", ...at, "get-backend.json"], { env: credEnv, expectCode: 1 });
  await both(["sign", "--region", "us-east-1", "--expires", "60", ...at, "request.json"], { env: credEnv, expectCode: 2 });
  await both(["sign", ...at, "request.json"], { env: credEnv, expectCode: 2 });
  // Without --time the host's clock is used: the date is today's (not compared byte for byte).
  const now = await runAsync(process.execPath, [CLI, "sign", "--region", "us-east-1", "request.json"], { cwd: dir, env: { ...baseEnv, ...credEnv } });
  assert.equal(now.code, 0, now.stderr);
  const stamp = JSON.parse(now.stdout).headers["X-Amz-Date"];
  assert.equal(stamp.slice(0, 8), new Date().toISOString().slice(0, 10).replace(/-/g, ""));
  // The secret key never appears in an error.
  const bad = await both(["sign", "--region", "us-east-1", "--time", CREDENTIALS.secretAccessKey, "request.json"], { env: credEnv, expectCode: 2 });
  assert.ok(!bad.stderr.includes(CREDENTIALS.secretAccessKey));
});

// ---- call, against a mock of the service

let server;
let endpoint;
const hits = new Map();

function reply(res, status, body, headers = {}) {
  const data = Buffer.from(body, "utf8");
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": data.length, Date: "Thu, 01 Jan 2026 00:00:00 GMT", "X-Amzn-RequestId": "req-" + status, ...headers });
  res.end(data);
}

before(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const auth = req.headers.authorization ?? "";
      if (!auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")) return reply(res, 403, '{"message":"not signed"}', { "X-Amzn-ErrorType": "AccessDeniedException" });
      const app = req.url.split("/")[2];
      const n = (hits.get(req.url) ?? 0) + 1;
      hits.set(req.url, n);
      switch (app) {
        case "ok":
          return reply(res, 200, JSON.stringify({ appId: "ok", appName: "Shop <&>", backendEnvironmentList: ["dev", "prod"], backendEnvironmentName: "dev", error: null, extra: 1 }));
        case "job":
          return reply(res, 200, JSON.stringify({ appId: "job", jobs: [{ appId: "job", jobId: "j1", status: "COMPLETED", createTime: "2026-01-01T00:00:00Z" }, { jobId: "j2", operation: "CreateBackendAuth" }], nextToken: null }));
        case "retry":
          return n % 2 === 1 ? reply(res, 503, '{"message":"try again"}') : reply(res, 200, '{"appId":"retry"}');
        case "missing":
          return reply(res, 404, JSON.stringify({ __type: "com.amazonaws.amplifybackend#NotFoundException", message: "App missing not found", resourceType: "App" }));
        case "throttled":
          return reply(res, 429, JSON.stringify({ message: "slow down", limitType: "requests" }));
        case "broken":
          return reply(res, 500, "<html>oops</html>", { "Content-Type": "text/html" });
        case "weird":
          return reply(res, 400, "{}", { "X-Amzn-ErrorType": "ValidationException:http://internal.amazon.com/", "X-Amzn-ErrorMessage": "from the header" });
        case "empty":
          return reply(res, 200, "");
      }
      return reply(res, 418, "{}");
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${server.address().port}`;
});

after(() => server?.close());

const bothSerial = both;

test("call: responses, service errors, retries and usage errors as the Go binary prints them", async () => {
  const call = (app, op = "GetBackend", extra = {}) => {
    const file = `call-${app}.json`;
    writeFileSync(join(dir, file), JSON.stringify({ AppId: app, BackendEnvironmentName: "dev", ...extra }));
    return ["call", "--operation", op, "--region", "us-east-1", "--endpoint", endpoint, file];
  };
  const env = credEnv;
  const both = (args, o) => bothSerial(args, { ...o, serial: true });
  const ok = await both(call("ok"), { env, expectCode: 0 });
  const out = JSON.parse(ok.stdout);
  assert.equal(out.AppName, "Shop <&>");
  assert.deepEqual(Object.keys(out), ["AppId", "AppName", "BackendEnvironmentList", "BackendEnvironmentName", "ResponseMetadata"]);
  assert.equal(out.ResponseMetadata.HTTPStatusCode, 200);
  await both(call("job", "ListBackendJobs"), { env, expectCode: 0 });
  await both(call("empty"), { env, expectCode: 0 });
  const retried = await both(call("retry"), { env, expectCode: 0 });
  assert.equal(JSON.parse(retried.stdout).ResponseMetadata.RetryAttempts, 1);
  await both(call("missing"), { env, expectCode: 1 });
  await both(call("throttled"), { env, expectCode: 1 });
  await both(call("broken"), { env, expectCode: 1 });
  await both(call("weird"), { env, expectCode: 1 });
  await both(call("teapot"), { env, expectCode: 1 });
  await both(call("ok"), { env: { AWS_ACCESS_KEY_ID: "OTHER", AWS_SECRET_ACCESS_KEY: "x-secret-x" }, expectCode: 1 });
  // A network failure (a port nobody listens on), retried and then reported in Go's words.
  const closed = createServer();
  await new Promise((r) => closed.listen(0, "127.0.0.1", r));
  const dead = `http://127.0.0.1:${closed.address().port}`;
  await new Promise((r) => closed.close(r));
  writeFileSync(join(dir, "call-dead.json"), JSON.stringify({ AppId: "dead", BackendEnvironmentName: "dev" }));
  const down = await both(["call", "--operation", "GetBackend", "--region", "us-east-1", "--endpoint", dead, "call-dead.json"], { env, expectCode: 2 });
  assert.match(down.stderr, /^amplifybackend call: Post "http:\/\/127\.0\.0\.1:\d+\/backend\/dead\/details": dial tcp 127\.0\.0\.1:\d+: connect: connection refused\n$/);
  // Problems found before anything is sent.
  await both(call("ok"), { expectCode: 2 });
  await both(["call", "--operation", "GetBackend", "--endpoint", endpoint, "get-backend.json"], { env, expectCode: 2 });
  await both(["call", "--region", "us-east-1", "get-backend.json"], { env, expectCode: 2 });
  await both(["call", "--operation", "GetBackendd", "--region", "us-east-1", "get-backend.json"], { env, expectCode: 2 });
  await both(["call", "--operation", "GetBackend", "--region", "us-east-1", "--endpoint", "ftp://x", "get-backend.json"], { env, expectCode: 2 });
  await both(["call", "--operation", "GetBackend", "--region", "us-east-1", "--endpoint", endpoint], { env, expectCode: 2 });
  await both(["call", "--operation", "GetBackend", "--region", "us-east-1", "--endpoint", endpoint, "a.json", "b.json"], { env, expectCode: 2 });
  await both(["call", "--operation", "GetBackend", "--region", "us-east-1", "--endpoint", endpoint, "missing.json"], { env, expectCode: 2 });
  await both(["call", "--operation", "GetBackend", "--region", "us-east-1", "--endpoint", endpoint, "invalid-many-problems.json"], { env, expectCode: 1 });
  await both(["call", "--operation", "CreateBackendAuth", "--region", "us-east-1", "--endpoint", endpoint, "-"], { env, stdin: '{"AppId": 1}', expectCode: 1 });
  await both(["call", "--operation", "GetBackend", "--no-validate=maybe"], { env, expectCode: 2 });
  await both(["call", "--help"], { env, expectCode: 0 });
  await both(["call", "-operation"], { env, expectCode: 2 });
});

test("call --profile: the Node CLI says it takes the environment's credentials only (profiles are the native binary's)", async () => {
  const r = await runAsync(process.execPath, [CLI, "call", "--profile", "dev", "--operation", "GetBackend", "--region", "us-east-1", "get-backend.json"], { cwd: dir, env: { ...baseEnv, ...credEnv }, input: "" });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "amplifybackend call: --profile needs the native binary: this one takes credentials from the environment only\nRun 'amplifybackend help call' for usage.\n");
  assert.equal(r.stdout, "");
});
