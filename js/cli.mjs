#!/usr/bin/env node
// The amplifybackend command line on the WebAssembly module: the same commands, flags, output and
// exit codes as the Go binary (cmd/amplifybackend), because it runs the same Go code
// (internal/cli, through the dispatcher's "cli" function). This file only supplies what the
// module does not have: the files named in the arguments, standard input, the environment and
// the clock.
//
// `call` sends a request, which the dispatcher cannot do (it is synchronous, and the core never
// touches the network): it is implemented here with the module's `build` (same flags, checks and
// problem report), signRequest and fetch, with the Go client's retry policy and its response and
// error formats. See README.md for what can differ.
import { readFileSync, statSync } from "node:fs";
import { init, cli, signRequest } from "./index.js";
import { outputs, shapes } from "./generated/outputs.js";

const PROGRAM = "amplifybackend";
// What --version prints: this package's version (the Go side adds the Go version and platform).
const PACKAGE_VERSION = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).version;
const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

let stdinCache = null;
function readStdin() {
  if (stdinCache === null) stdinCache = readFileSync(0, "utf8");
  return stdinCache;
}

/**
 * namedFiles reads every argument (and the value of every --flag=value) that names a regular
 * file, so that the Go CLI can "open" it; the Go side decides which arguments are files.
 */
function namedFiles(args, failures) {
  const files = {};
  for (const a of args) {
    const candidates = [a];
    const eq = a.indexOf("=");
    if (a.startsWith("-") && eq > 0) candidates.push(a.slice(eq + 1));
    for (const c of candidates) {
      if (c === "" || c === "-" || Object.prototype.hasOwnProperty.call(files, c)) continue;
      try {
        const st = statSync(c);
        if (st.isFile()) files[c] = readFileSync(c, "utf8");
        else if (st.isDirectory()) failures.set(c, goReadError(c, { code: "EISDIR" }));
      } catch (e) {
        // Not a file we can read: the Go side reports it if it is one.
        failures.set(c, goReadError(c, e));
      }
    }
  }
  return files;
}

// The module "opens" only the files it was given; for any other it says "open NAME: file does
// not exist". fixReadErrors puts back the reason the read failed here, in the words Go's
// os.ReadFile uses, so that the message is the native binary's.
function fixReadErrors(stderr, failures) {
  for (const [name, why] of failures) {
    stderr = stderr.split(`open ${name}: file does not exist`).join(why);
  }
  return stderr;
}

function environment() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (typeof v === "string") env[k] = v;
  return env;
}

function runInModule(args, extra = {}) {
  const failures = new Map();
  const r = cli({
    args,
    stdin: extra.stdin ?? (args.includes("-") ? readStdin() : ""),
    files: extra.files ?? namedFiles(args, failures),
    env: extra.env ?? environment(),
    now: new Date().toISOString(),
    version: PACKAGE_VERSION,
  });
  if (failures.size > 0) r.stderr = fixReadErrors(r.stderr, failures);
  return r;
}

// ---------------------------------------------------------------------------------------------
// call

class Output {
  constructor() {
    this.stdout = "";
    this.stderr = "";
    this.secrets = [];
  }
  redact(s) {
    return this.secrets.reduce((acc, x) => (x ? acc.split(x).join("[REDACTED]") : acc), s);
  }
  errorf(msg) {
    this.stderr += this.redact(`${PROGRAM} call: ${msg}\n`);
  }
  usageError(msg) {
    this.errorf(msg);
    this.stderr += `Run '${PROGRAM} help call' for usage.\n`;
    return EXIT_USAGE;
  }
}

/**
 * parseFlags parses flags the way Go's flag package does, letting positional arguments come
 * between them as internal/cli's parse does. spec maps a flag name to "string" or "bool".
 */
function parseFlags(args, spec) {
  const values = {};
  const positional = [];
  let i = 0;
  while (i < args.length) {
    const a = args[i];
    if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.length < 2 || a[0] !== "-") {
      positional.push(a);
      i++;
      continue;
    }
    let name = a.slice(a[1] === "-" ? 2 : 1);
    if (name.length === 0 || name[0] === "-" || name[0] === "=") return { error: "bad flag syntax: " + a };
    let value;
    const eq = name.indexOf("=");
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    i++;
    const kind = spec[name];
    if (kind === undefined) {
      if (name === "help" || name === "h") return { help: true };
      return { error: "flag provided but not defined: -" + name };
    }
    if (kind === "bool") {
      if (value === undefined) values[name] = true;
      else if (["1", "t", "T", "TRUE", "true", "True"].includes(value)) values[name] = true;
      else if (["0", "f", "F", "FALSE", "false", "False"].includes(value)) values[name] = false;
      else return { error: `invalid boolean value ${JSON.stringify(value)} for -${name}: parse error` };
    } else {
      if (value === undefined) {
        if (i >= args.length) return { error: "flag needs an argument: -" + name };
        value = args[i++];
      }
      values[name] = value;
    }
  }
  return { values, positional };
}

// goReadError describes a failed read like Go's os.ReadFile.
function goReadError(name, e) {
  switch (e && e.code) {
    case "ENOENT":
      return `open ${name}: no such file or directory`;
    case "EACCES":
      return `open ${name}: permission denied`;
    case "EISDIR":
      return `read ${name}: is a directory`;
  }
  return `open ${name}: ${e && e.message ? e.message : String(e)}`;
}

function printable(s) {
  return /[\u0000-\u001f\u007f]/.test(s) ? JSON.stringify(s) : s;
}

// fromBuild rewrites the messages of the module's `build` as `call`'s own.
function fromBuild(text) {
  return text.replace(new RegExp("^" + PROGRAM + " build: ", "gm"), PROGRAM + " call: ").split(`'${PROGRAM} help build'`).join(`'${PROGRAM} help call'`);
}

// ---- the response, in the Go CLI's format

/** escapeJSON escapes like Go's encoding/json: <, >, & and U+2028/U+2029 inside strings. */
function escapeJSON(s) {
  return s.replace(/[<>&\u2028\u2029]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** pretty writes a value (Maps keep their order) indented by two spaces, as Go's json.Indent. */
function pretty(v, indent = "") {
  if (v instanceof Map) {
    if (v.size === 0) return "{}";
    const inner = indent + "  ";
    const parts = [...v].map(([k, e]) => inner + escapeJSON(JSON.stringify(k)) + ": " + pretty(e, inner));
    return "{\n" + parts.join(",\n") + "\n" + indent + "}";
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    const inner = indent + "  ";
    return "[\n" + v.map((e) => inner + pretty(e, inner)).join(",\n") + "\n" + indent + "]";
  }
  if (v !== null && typeof v === "object") {
    return pretty(new Map(Object.keys(v).sort().map((k) => [k, v[k]])), indent);
  }
  return escapeJSON(JSON.stringify(v));
}

/** userForm rewrites a wire-form value of ref (see generated/outputs.js) with user-facing names. */
function userForm(ref, v) {
  if (ref.startsWith("[")) return Array.isArray(v) ? v.map((e) => (e === null ? e : userForm(ref.slice(1), e))) : v;
  const members = shapes[ref];
  if (!members || v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const out = new Map();
  for (const [name, wire, r] of members) {
    if (!Object.prototype.hasOwnProperty.call(v, wire)) continue;
    const e = v[wire];
    if (e === null || (r === "e" && e === "")) continue;
    out.set(name, r && r !== "e" ? userForm(r, e) : e);
  }
  return out;
}

function requestID(h) {
  return h.get("x-amzn-requestid") || h.get("x-amz-request-id") || "";
}

function errorText(name, status, msg, reqID, extra) {
  let s = name + (msg ? ": " + msg : "") + " (HTTP " + status;
  if (extra.startsWith(", ")) {
    s += extra;
    extra = "";
  }
  if (reqID) s += ", request ID " + reqID;
  return s + ")" + extra;
}

function sanitizeCode(s) {
  let i = s.indexOf(":");
  if (i >= 0) s = s.slice(0, i);
  i = s.lastIndexOf("#");
  if (i >= 0) s = s.slice(i + 1);
  return s.trim();
}

/** serviceError formats an error response as the Go client's errors do (pkg/client/errors.go). */
function serviceError(status, headers, body) {
  const f = { code: "", message: "", resourceType: "", limitType: "" };
  try {
    const o = JSON.parse(body);
    if (o !== null && typeof o === "object" && !Array.isArray(o)) {
      const fields = { __type: "code", code: "code", Code: "code", message: "message", Message: "message", errorMessage: "message", resourceType: "resourceType", ResourceType: "resourceType", limitType: "limitType", LimitType: "limitType" };
      for (const [k, v] of Object.entries(o)) {
        const dst = fields[k];
        if (dst && typeof v === "string" && f[dst] === "") f[dst] = v;
      }
    }
  } catch {
    // Not JSON: no fields.
  }
  const code = sanitizeCode(headers.get("x-amzn-errortype") || "") || sanitizeCode(f.code);
  const msg = f.message || headers.get("x-amzn-errormessage") || "";
  const reqID = requestID(headers);
  const byStatus = { 400: "BadRequestException", 404: "NotFoundException", 429: "TooManyRequestsException", 504: "GatewayTimeoutException" };
  const name = code || byStatus[status] || "";
  const detail = (label, v) => (v ? ", " + label + " " + v : "");
  switch (name) {
    case "BadRequestException":
    case "GatewayTimeoutException":
      return errorText(name, status, msg, reqID, "");
    case "NotFoundException":
      return errorText(name, status, msg, reqID, detail("resource type", f.resourceType));
    case "TooManyRequestsException":
      return errorText(name, status, msg, reqID, detail("limit type", f.limitType));
  }
  const excerpt = Buffer.from(body, "utf8").subarray(0, 512).toString("utf8").replace(/\ufffd$/, "");
  const extra = msg === "" && excerpt !== "" ? "; body: " + JSON.stringify(excerpt) : "";
  return errorText(code || "error response", status, msg, reqID, extra);
}

function networkError(method, url, e) {
  const cause = e && e.cause ? e.cause : e;
  const u = new URL(url);
  const hostPort = u.hostname + ":" + (u.port || (u.protocol === "https:" ? "443" : "80"));
  let what;
  switch (cause && cause.code) {
    case "ECONNREFUSED":
      what = `dial tcp ${hostPort}: connect: connection refused`;
      break;
    case "ENOTFOUND":
      what = `dial tcp: lookup ${u.hostname}: no such host`;
      break;
    default:
      what = cause && cause.message ? cause.message : String(cause);
  }
  const verb = method.slice(0, 1) + method.slice(1).toLowerCase();
  return `${verb} ${JSON.stringify(url)}: ${what}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The Go client's retry policy (pkg/client/retry.go): 3 attempts; throttling (429), server
// errors (5xx) and transport errors are retried after a full-jitter exponential backoff.
const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 20_000;

async function runCall(args, out) {
  const env = environment();
  out.secrets = [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN].filter((s) => s);
  const parsed = parseFlags(args, { operation: "string", region: "string", endpoint: "string", "no-validate": "bool" });
  if (parsed.help) {
    out.stdout += runInModule(["help", "call"], { files: {}, stdin: "" }).stdout;
    return EXIT_OK;
  }
  if (parsed.error) {
    out.stderr += parsed.error + "\n" + `Run '${PROGRAM} help call' for usage.\n`;
    return EXIT_USAGE;
  }
  const f = parsed.values;
  const region = f.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || "";
  if (region === "") return out.usageError("no region: give --region or set AWS_REGION or AWS_DEFAULT_REGION (requests are signed for it)");
  const buildArgs = ["build", "--operation", f.operation ?? "", "--region", region];
  if (f.endpoint) buildArgs.push("--endpoint", f.endpoint);
  if (f["no-validate"]) buildArgs.push("--no-validate");
  // The operation name, region and endpoint, checked as `build` checks them (an empty input).
  const probe = runInModule([...buildArgs, "-"], { stdin: "{}", files: {}, env: {} });
  if (probe.exitCode === EXIT_USAGE) {
    out.stderr += out.redact(fromBuild(probe.stderr));
    return EXIT_USAGE;
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID || "";
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || "";
  const sessionToken = env.AWS_SESSION_TOKEN || "";
  const missing = [];
  if (!accessKeyId) missing.push("AWS_ACCESS_KEY_ID");
  if (!secretAccessKey) missing.push("AWS_SECRET_ACCESS_KEY");
  if (missing.length > 0) {
    out.errorf(`no credentials: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not set`);
    return EXIT_USAGE;
  }
  const files = parsed.positional;
  if (files.length === 0) return out.usageError("no input file (use - for standard input)");
  if (files.length > 1) return out.usageError(`one input file expected, got ${files.length}`);
  const name = files[0];
  let data;
  try {
    data = name === "-" ? readStdin() : readFileSync(name, "utf8");
  } catch (e) {
    out.errorf(`${printable(name === "-" ? "<stdin>" : name)}: ${goReadError(name, e)}`);
    return EXIT_USAGE;
  }
  // Validate and build: exactly `build`'s checks and problem report.
  const built = runInModule([...buildArgs, "--", name], name === "-" ? { stdin: data, files: {}, env: {} } : { stdin: "", files: { [name]: data }, env: {} });
  if (built.exitCode !== EXIT_OK) {
    out.stdout += built.stdout;
    out.stderr += out.redact(fromBuild(built.stderr));
    return built.exitCode;
  }
  const request = JSON.parse(built.stdout);
  const credentials = { accessKeyId, secretAccessKey };
  if (sessionToken) credentials.sessionToken = sessionToken;

  let final = null;
  for (let attempt = 0; ; attempt++) {
    let signed;
    try {
      signed = signRequest(request, { credentials, region });
    } catch (e) {
      out.errorf(e.message);
      return EXIT_USAGE;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(signed.headers)) {
      // fetch sets Host and Content-Length itself (the same values, which were signed).
      if (k === "Host" || k === "Content-Length") continue;
      for (const e of [].concat(v)) headers.append(k, e);
    }
    let res;
    let body;
    try {
      res = await fetch(signed.url, { method: signed.method, headers, body: signed.body, redirect: "manual" });
      body = await res.text();
    } catch (e) {
      final = { exit: EXIT_USAGE, message: networkError(signed.method, signed.url, e) };
      res = null;
    }
    if (res !== null) {
      if (res.status >= 200 && res.status <= 299) {
        let wire = null;
        if (body.length > 0) {
          try {
            wire = JSON.parse(body);
          } catch (e) {
            out.errorf(errorText("undecodable response", res.status, "", requestID(res.headers), "; " + e.message));
            return EXIT_INVALID;
          }
        }
        const result = wire === null ? new Map() : userForm(outputs[f.operation], wire);
        const h = new Map();
        const names = [];
        res.headers.forEach((_, k) => names.push(k));
        for (const k of [...new Set(names)].sort()) h.set(k, res.headers.get(k));
        const md = new Map([
          ["RequestId", requestID(res.headers)],
          ["HostId", res.headers.get("x-amz-id-2") || ""],
          ["HTTPStatusCode", res.status],
          ["HTTPHeaders", h],
          ["RetryAttempts", attempt],
        ]);
        if (result instanceof Map) result.set("ResponseMetadata", md);
        out.stdout += pretty(result) + "\n";
        return EXIT_OK;
      }
      final = { exit: EXIT_INVALID, message: serviceError(res.status, res.headers, body) };
      if (!(res.status === 429 || (res.status >= 500 && res.status <= 599))) break;
    }
    if (attempt + 1 >= MAX_ATTEMPTS) break;
    await sleep(Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
  }
  out.errorf(final.message);
  return final.exit;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  try {
    // The CLI module: the API module plus the Go CLI (see the Makefile; the browser module
    // leaves the CLI out to stay small).
    await init({ wasm: new URL("./amplifybackend-cli.wasm", import.meta.url) });
  } catch (e) {
    process.stderr.write(`${PROGRAM}: ${e.message}\n`);
    return EXIT_USAGE;
  }
  if (args[0] === "call") {
    const out = new Output();
    const code = await runCall(args.slice(1), out);
    process.stdout.write(out.stdout);
    process.stderr.write(out.stderr);
    return code;
  }
  const r = runInModule(args);
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.exitCode;
}

process.exitCode = await main();
