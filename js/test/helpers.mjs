// Shared helpers of the JS tests: repository paths, fixtures, the SigV4 suite reader, the Go CLI
// runner and a small JSON Schema checker (the subset the generated schemas use).
import { readFileSync, readdirSync, existsSync, mkdtempSync } from "node:fs";
import { execFileSync, spawnSync, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const JS_DIR = fileURLToPath(new URL("..", import.meta.url));
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TESTDATA = join(ROOT, "testdata");

export const readJSON = (p) => JSON.parse(readFileSync(p, "utf8"));

/**
 * jsonFiles lists dir/*.json (not *.out.json), sorted. A missing folder or one without cases
 * throws: a test over fixtures that are not there must fail, not pass having checked nothing.
 */
export function jsonFiles(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".out.json"))
    .sort();
  if (files.length === 0) throw new Error(`no *.json fixtures in ${dir}`);
  return files;
}

// The example credentials of the AWS SigV4 test suite (not real keys).
export const CREDENTIALS = Object.freeze({
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
});

/**
 * sigv4Case reads one case of testdata/sigv4 into {request, options, expected}: the request in
 * the {method, url, headers, body} form and signRequest options from context.json.
 */
export function sigv4Case(name) {
  const dir = join(TESTDATA, "sigv4", name);
  const raw = readFileSync(join(dir, "request.txt"), "utf8");
  const ctx = readJSON(join(dir, "context.json"));
  const blank = raw.indexOf("\n\n");
  const head = blank >= 0 ? raw.slice(0, blank) : raw.replace(/\n$/, "");
  const body = blank >= 0 ? raw.slice(blank + 2) : "";
  const lines = head.split("\n");
  const [method, ...rest] = lines[0].split(" ");
  const target = rest.slice(0, -1).join(" "); // the path may hold a space
  const headers = {};
  let last = null;
  for (const line of lines.slice(1)) {
    if (/^\s/.test(line) && last !== null) {
      const v = headers[last];
      if (Array.isArray(v)) v[v.length - 1] += "\n" + line;
      else headers[last] += "\n" + line;
      continue;
    }
    const i = line.indexOf(":");
    const k = line.slice(0, i);
    const v = line.slice(i + 1);
    last = k;
    if (k in headers) headers[k] = [].concat(headers[k], v);
    else headers[k] = v;
  }
  const host = headers.Host ?? headers.host;
  const request = { method, url: "https://" + host + target, headers };
  if (body !== "") request.body = body;
  const credentials = { accessKeyId: ctx.credentials.access_key_id, secretAccessKey: ctx.credentials.secret_access_key };
  if (ctx.credentials.token) credentials.sessionToken = ctx.credentials.token;
  const options = {
    credentials,
    region: ctx.region,
    service: ctx.service,
    signingDate: ctx.timestamp,
    normalizePath: ctx.normalize,
    signBody: ctx.sign_body,
  };
  if (ctx.omit_session_token) options.unsignedSessionToken = true;
  const read = (f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), "utf8") : null);
  const signed = read("header-signed-request.txt");
  const authLine = signed && signed.split("\n").find((l) => l.startsWith("Authorization:"));
  return {
    request,
    options,
    expiresIn: ctx.expiration_in_seconds,
    authorization: authLine ? authLine.slice("Authorization:".length) : null,
    querySignature: read("query-signature.txt")?.trim() ?? null,
  };
}

export const sigv4Cases = () =>
  readdirSync(join(TESTDATA, "sigv4"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

let goCLI = null;

/**
 * goCLIPath builds cmd/amplifybackend once (into a temporary folder) and returns the binary's
 * path. Locally it returns null when Go is not available (the comparison is then skipped); under
 * CI (CI set) a failed build throws, so that the Node CLI is never left uncompared there.
 */
export function goCLIPath() {
  if (goCLI !== null) return goCLI || null;
  goCLI = "";
  const out = join(mkdtempSync(join(tmpdir(), "amplifybackend-cli-")), "amplifybackend");
  try {
    execFileSync("go", ["build", "-o", out, "./cmd/amplifybackend"], { cwd: ROOT, stdio: "pipe" });
    goCLI = out;
  } catch (err) {
    if (process.env.CI) throw new Error("CI: cannot build cmd/amplifybackend to compare the Node CLI with: " + (err.stderr || err.message));
    goCLI = "";
  }
  return goCLI || null;
}

/** run runs a command and returns {stdout, stderr, code}. */
export function run(cmd, args, { cwd = ROOT, input, env } = {}) {
  const r = spawnSync(cmd, args, { cwd, input, env: env ?? process.env, encoding: "utf8", maxBuffer: 64 << 20 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

/**
 * schemaErrors checks value against a JSON Schema, supporting the keywords the generated schemas
 * use ($ref into $defs, type, enum, properties, required, additionalProperties: false, items,
 * anyOf, minimum, maximum, minLength), and returns the JSON pointers of the failures.
 */
export function schemaErrors(root, value) {
  const errors = [];
  const typeOf = (v) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);
  const matchesType = (t, v) => t === typeOf(v) || (t === "number" && typeof v === "number");
  function check(s, v, path) {
    if (s.$ref) {
      const name = s.$ref.replace("#/$defs/", "");
      if (!check(root.$defs[name], v, path)) return false;
    }
    if (s.anyOf) {
      if (!s.anyOf.some((alt) => schemaErrorsAt(alt, v).length === 0)) return fail(path);
    }
    if (s.type !== undefined) {
      const types = [].concat(s.type);
      if (!types.some((t) => matchesType(t, v))) return fail(path);
    }
    if (s.enum && !s.enum.includes(v)) return fail(path);
    if (typeof v === "number") {
      if (s.minimum !== undefined && v < s.minimum) return fail(path);
      if (s.maximum !== undefined && v > s.maximum) return fail(path);
    }
    if (typeof v === "string" && s.minLength !== undefined && v.length < s.minLength) return fail(path);
    let ok = true;
    if (Array.isArray(v) && s.items) v.forEach((e, i) => (ok = check(s.items, e, path + "/" + i) && ok));
    if (typeOf(v) === "object") {
      for (const r of s.required ?? []) if (!(r in v)) ok = fail(path + "/" + r);
      for (const [k, e] of Object.entries(v)) {
        if (s.properties && k in s.properties) ok = check(s.properties[k], e, path + "/" + k) && ok;
        else if (s.additionalProperties === false) ok = fail(path + "/" + k);
      }
    }
    return ok;
  }
  function fail(path) {
    errors.push(path);
    return false;
  }
  function schemaErrorsAt(s, v) {
    const saved = errors.length;
    check(s, v, "");
    return errors.splice(saved);
  }
  check(root, value, "");
  return errors;
}

/** runAsync runs a command without blocking the event loop (for tests that serve HTTP). */
export function runAsync(cmd, args, { cwd = ROOT, input = "", env } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd, env: env ?? process.env });
    let stdout = "";
    let stderr = "";
    p.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    p.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ stdout, stderr, code }));
    p.stdin.on("error", () => {}); // a program that does not read its input may exit first (EPIPE)
    p.stdin.end(input);
  });
}
