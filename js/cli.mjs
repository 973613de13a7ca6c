#!/usr/bin/env node
// The amplifybackend command line on the WebAssembly module: the same commands, flags, output and
// exit codes as the Go binary (cmd/amplifybackend), because it runs the same Go code
// (internal/cli, through the dispatcher's "cli" function). This file only supplies what the
// module does not have: the files named in the arguments, standard input, the environment, the
// clock, and for `call` the network and the waiting. Go builds, signs and reads every request of
// `call` and decides each retry; when it needs a response it returns the signed request and the
// delay, and this file fetches it and runs the command again with the responses so far.
import { readFileSync, statSync } from "node:fs";
import { init, cli } from "amplifybackend-wasm"; // this package itself (self-reference), or the installed dependency of amplifybackend-wasm-cli

const PROGRAM = "amplifybackend";
// What --version prints: this package's version (the Go side adds the Go version and platform).
const PACKAGE_VERSION = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).version;
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
  /** @type {Record<string, string>} */
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
  /** @type {Record<string, string>} */
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (typeof v === "string") env[k] = v;
  return env;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

/**
 * exchange fetches one signed request and returns the response, or the network error, for Go.
 * @param {import("./index.js").HttpRequest} request
 */
async function exchange({ method, url, headers, body }) {
  const h = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    // fetch sets Host and Content-Length itself (the same values, which were signed).
    if (!/^(host|content-length)$/i.test(k)) for (const e of [].concat(v)) h.append(k, e);
  }
  try {
    const res = await fetch(url, { method, headers: h, body, redirect: "manual" });
    const text = await res.text();
    /** @type {Record<string, string>} */
    const out = {};
    res.headers.forEach((v, k) => (out[k] = Object.prototype.hasOwnProperty.call(out, k) ? out[k] + ", " + v : v));
    return { status: res.status, headers: out, body: text };
  } catch (e) {
    const cause = e && e.cause ? e.cause : e;
    return { error: { code: String((cause && cause.code) || ""), message: String((cause && cause.message) || e) } };
  }
}

/** run runs the command line in the module, fetching and waiting for `call` as Go asks. */
async function run(args) {
  const failures = new Map();
  const request = { args, stdin: args.includes("-") ? readStdin() : "", files: namedFiles(args, failures), env: environment(), version: PACKAGE_VERSION };
  const responses = [];
  for (;;) {
    const r = cli({ ...request, now: new Date().toISOString(), random: Math.random(), responses });
    if (r.fetch === undefined) {
      if (failures.size > 0) r.stderr = fixReadErrors(r.stderr, failures);
      return r;
    }
    await sleep(r.fetch.delayMs);
    responses.push(await exchange(r.fetch.request));
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  let r;
  try {
    // The CLI module: the API module plus the Go CLI (see the Makefile; the browser module
    // leaves the CLI out to stay small).
    await init({ wasm: new URL("./amplifybackend-cli.wasm", import.meta.url) });
    r = await run(args);
  } catch (e) {
    process.stderr.write(`${PROGRAM}: ${e.message}\n`);
    return EXIT_USAGE;
  }
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.exitCode;
}

process.exitCode = await main();
