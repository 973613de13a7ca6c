// Our JavaScript clients against the local AmplifyBackend service (pkg/localservice, started as
// `amplifybackend serve` and inside cmd/demo): the lifecycle of test/localservice/lifecycle.json
// (the one boto3, the AWS CLI, the official JS SDK and the Go CLI run) with send() in Node, with
// the Node CLI's `call`, and with send() in Chromium from the demo's origin. Without Go (or
// Chromium) these are skipped locally and fail under CI=true.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { init, send, ServiceError } from "../index.js";
import { ROOT, JS_DIR, goCLIPath, run } from "./helpers.mjs";
import { runSteps } from "../../test/localservice/runner.mjs";

// The service's documented test pair (docs/LOCALSERVICE.md).
const CREDS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const WRONG = { ...CREDS, secretAccessKey: CREDS.secretAccessKey + "-wrong" };
const REGION = "us-east-1";

const goBin = goCLIPath(); // throws under CI when it cannot build
const skipGo = goBin ? false : "cmd/amplifybackend does not build here";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
let playwright = null;
try {
  playwright = createRequire(import.meta.url)("playwright-core");
} catch {
  // Not installed.
}
const skipBrowser = skipGo || (process.env.CI ? false : !existsSync(CHROMIUM) ? CHROMIUM + " is missing" : !playwright ? "npm install in js/ for playwright-core" : false);

const procs = [];

/** start runs a server binary that prints its URL on its first line and returns the URL. */
async function start(cmd, args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  const p = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  procs.push(p);
  const lines = createInterface({ input: p.stdout });
  const line = await new Promise((resolve, reject) => {
    lines.once("line", resolve);
    p.once("exit", (code) => reject(new Error(`${cmd} exited ${code} before printing its URL`)));
  });
  const m = /http:\/\/127\.0\.0\.1:\d+/.exec(line);
  assert.ok(m, `no URL in ${JSON.stringify(line)}`);
  return m[0];
}

let serviceURL;
before(async () => {
  if (skipGo) return;
  await init();
  serviceURL = await start(goBin, ["serve", "--addr", "127.0.0.1:0"]);
});

after(() => {
  for (const p of procs) p.kill("SIGTERM");
});

async function sendCall(endpoint, op, input, wrong) {
  try {
    const out = await send(op, input, { region: REGION, credentials: wrong ? WRONG : CREDS, endpoint, maxAttempts: 1 });
    assert.equal(typeof out.ResponseMetadata.RequestId, "string");
    delete out.ResponseMetadata;
    return { out };
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    assert.ok(e.requestId, "a service error without a request ID");
    return { err: e.name };
  }
}

test("send() in Node runs the whole lifecycle against the local service", { skip: skipGo }, async () => {
  const n = await runSteps((op, input, wrong) => sendCall(serviceURL, op, input, wrong));
  assert.ok(n >= 40);
});

test("the Node CLI's call runs the whole lifecycle against the local service", { skip: skipGo }, async () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_")));
  const n = await runSteps(async (op, input, wrong) => {
    const creds = wrong ? WRONG : CREDS;
    const r = run(process.execPath, [join(JS_DIR, "cli.mjs"), "call", "--operation", op, "--region", REGION, "--endpoint", serviceURL, "-"], {
      input: JSON.stringify(input),
      env: { ...env, AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey },
    });
    if (r.code === 0) {
      const out = JSON.parse(r.stdout);
      delete out.ResponseMetadata;
      return { out };
    }
    const m = /amplifybackend call: ([A-Za-z]+):/.exec(r.stderr);
    assert.ok(r.code === 1 && m, `call ${op}: exit ${r.code}: ${r.stderr}`);
    assert.ok(!r.stderr.includes(creds.secretAccessKey), "the secret is on stderr");
    return { err: m[1] };
  });
  assert.ok(n >= 40);
});

test("send() in Chromium runs the whole lifecycle against the demo's same-origin service", { skip: skipBrowser }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "amplifybackend-demo-"));
  const demoBin = join(dir, "demo");
  execFileSync("go", ["build", "-o", demoBin, "./cmd/demo"], { cwd: ROOT, stdio: "pipe" });
  const origin = await start(demoBin, ["-addr", "127.0.0.1:0"]);
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    await page.goto(origin + "/index.html");
    await page.evaluate(async () => {
      const m = await import("/js/index.js");
      await m.init();
      window.__ab = m;
    });
    const n = await runSteps((op, input, wrong) =>
      page.evaluate(
        async ({ op, input, credentials, region }) => {
          try {
            const out = await window.__ab.send(op, input, { region, credentials, endpoint: location.origin, maxAttempts: 1 });
            delete out.ResponseMetadata;
            return { out };
          } catch (e) {
            if (!(e instanceof window.__ab.ServiceError)) throw e;
            return { err: e.name };
          }
        },
        { op, input, credentials: wrong ? WRONG : CREDS, region: REGION },
      ),
    );
    assert.ok(n >= 40);
  } finally {
    await browser.close();
  }
});
