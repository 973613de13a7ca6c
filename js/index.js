// amplifybackend-wasm: validate, build and sign AWS Amplify Admin (AmplifyBackend) requests with
// a Go core compiled to WebAssembly. Node 20+, browsers, Manifest V3 extensions.
//
//   await init();                                  // once; loads ./amplifybackend.wasm
//   validate("CreateBackendAuth", input)           // {valid, errors: [{path, code, message}], warnings}
//   validate("CreateBackendAuth", text)            // JSON text: problems also have a range
//   const req = buildRequest("CreateBackendAuth", input, {region: "us-east-1"});
//   const signed = signRequest(req, {credentials, region: "us-east-1"});
//   const out = await send("GetBackend", input, {region, credentials}); // fetch + parseResponse
//
// Everything but init() is synchronous. Options are checked here, in JS, before anything crosses
// into Go; every problem, from JS or from Go, has the one shape {path, code, message}, and every
// failure is thrown as an Error whose .errors holds the problems. See README.md.

import "./wasm_exec.js"; // Go's runtime glue; sets globalThis.Go (no eval, no new Function)
import { schemas } from "./generated/schemas.js";
import { toJSON, mergeProblems } from "./lib/json.js";
import { checkOptions, isString, isBoolean, isObject, typeName } from "./lib/options.js";
import { instantiate, checkWasmOption, describeSource } from "./lib/load.js";

// The module next to this file. Vite, webpack 5, Rollup and Parcel see this pattern and emit the
// .wasm as an asset; with esbuild, copy amplifybackend.wasm next to the bundle (see README.md).
const DEFAULT_WASM = new URL("./amplifybackend.wasm", import.meta.url);

// Taken now: another copy of wasm_exec.js loaded later may replace the global.
const GoRuntime = globalThis.Go;

const MAX_LISTED = 20; // problems listed in an Error's message, as the Go side does

/** @type {{call(fn: string, input: string): string} | null} */
let api = null;
/** @type {WebAssembly.Memory | null} */
let memory = null;
/** @type {Promise<void> | null} */
let pending = null;
let stopped = ""; // why the last instance stopped, when it did
let hasSigner = true; // false for the core module (amplifybackend-core.wasm), see needSigner

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * problemError makes the Error every failure is thrown as: message for people, .errors (the
 * problems, {path, code, message}) for programs.
 */
function problemError(message, problems) {
  const err = new Error(message);
  err.errors = problems;
  return err;
}

function listProblems(summary, problems) {
  const lines = summary ? [summary] : [];
  for (const p of problems.slice(0, MAX_LISTED)) lines.push(p.path ? p.path + ": " + p.message : p.message);
  if (problems.length > MAX_LISTED) lines.push("... and " + (problems.length - MAX_LISTED) + " more.");
  return lines.join("\n");
}

const count = (n) => (n === 1 ? "1 problem" : n + " problems");

/** argumentsError is the Error for problems JS found in a function's arguments (its options). */
function argumentsError(fn, problems) {
  return problemError(listProblems("Invalid arguments for " + fn + " (" + count(problems.length) + "):", problems), problems);
}

// ---------------------------------------------------------------------------------------------
// Loading

/**
 * init loads and starts the WebAssembly module. It must be awaited once before any other
 * function is called; later and concurrent calls return the same promise. When loading fails
 * the promise rejects and a later init() tries again.
 *
 * One exception, for pages that start small: when the module loaded is the core module (no
 * signer; amplifybackend-wasm/core) and init is called with options.wasm, that module is loaded
 * and replaces it once it has started (calls made meanwhile still go to the core module; if it
 * fails to load, the core module stays).
 *
 * @param {{wasm?: string | URL | Response | Promise<Response> | BufferSource | WebAssembly.Module}} [options]
 */
export function init(options) {
  const problems = checkOptions(options, { wasm: checkWasmOption }, "init options", "/options");
  if (problems.length > 0) return Promise.reject(argumentsError("init", problems));
  if (pending === null) {
    const source = options === undefined || options.wasm === undefined ? DEFAULT_WASM : options.wasm;
    pending = start(source).catch((cause) => {
      pending = null;
      api = null;
      memory = null;
      throw problemError("amplifybackend: could not load the WebAssembly module from " + describeSource(source) + ": " + (cause && cause.message ? cause.message : String(cause)), []);
    });
  } else if (options !== undefined && options.wasm !== undefined) {
    const prev = pending;
    const source = options.wasm;
    const next = prev
      .then(() => (hasSigner ? undefined : start(source)))
      .catch((cause) => {
        if (pending === next) pending = prev;
        throw problemError("amplifybackend: could not load the WebAssembly module from " + describeSource(source) + ": " + (cause && cause.message ? cause.message : String(cause)), []);
      });
    pending = next;
  }
  return pending;
}

async function start(source) {
  if (typeof GoRuntime !== "function") throw new Error("wasm_exec.js did not define globalThis.Go");
  const go = new GoRuntime();
  const host = hostImports();
  go.importObject.amplifybackend = host.imports;
  const instance = await instantiate(source, go.importObject);
  host.memory = instance.exports.mem;
  const exited = go.run(instance); // runs main until it blocks; the exports are then callable
  const exported = exportsCaller(instance.exports);
  // main never returns; if the program stops anyway (a fatal runtime error), the next call
  // says so and the next init() starts a fresh instance.
  const onStop = (why) => {
    if (api !== null && api === exported) {
      api = null;
      memory = null;
      pending = null;
      stopped = why;
    }
  };
  exited.then(() => onStop("the Go program exited"), (e) => onStop("the Go program failed: " + (e && e.message ? e.message : String(e))));
  if (exported === null) {
    throw new Error("the module does not export alloc, handle and mem (is it this package's amplifybackend.wasm?)");
  }
  stopped = "";
  api = exported;
  // The core module exports signer() = 0; the full modules 1 (modules older than the export: 1).
  hasSigner = typeof instance.exports.signer !== "function" || instance.exports.signer() !== 0;
  memory = instance.exports.mem instanceof WebAssembly.Memory ? instance.exports.mem : null;
}

/**
 * exportsCaller calls the dispatcher through the module's exports (see wasm/abi): the function
 * name and the input are encoded straight into the module's input buffer, and the output is
 * decoded straight out of its memory — one copy each way, no callback machinery.
 */
function exportsCaller(ex) {
  if (typeof ex.alloc !== "function" || typeof ex.handle !== "function" || !(ex.mem instanceof WebAssembly.Memory)) return null;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // A body after the envelope is decoded as it is: a leading U+FEFF is the body's, not a BOM.
  const bodyDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const split = typeof ex.handleSplit === "function" ? ex.handleSplit : null;
  let mem = new Uint8Array(ex.mem.buffer); // a view of all of memory, made again when it grows
  const names = new Map(); // function name -> its UTF-8 bytes
  // invoke writes fn and input into the input buffer, calls the export h and returns the output's
  // bytes (valid until the next call).
  function invoke(h, fn, input) {
    let name = names.get(fn);
    if (name === undefined) {
      name = encoder.encode(fn);
      if (names.size < 64) names.set(fn, name);
    }
    const max = name.length + 3 * input.length; // UTF-8 needs at most 3 bytes per UTF-16 unit
    const p = ex.alloc(max);
    if (p === 0) throw new Error("the input is too large for the module's buffer");
    if (mem.buffer !== ex.mem.buffer) mem = new Uint8Array(ex.mem.buffer); // alloc may grow memory
    mem.set(name, p);
    const b = encoder.encodeInto(input, mem.subarray(p + name.length, p + max));
    const packed = h(p, name.length, p + name.length, b.written);
    if (mem.buffer !== ex.mem.buffer) mem = new Uint8Array(ex.mem.buffer);
    const ptr = Number(packed >> 32n);
    return mem.subarray(ptr, ptr + Number(packed & 0xffffffffn));
  }
  return {
    call(fn, input) {
      return decoder.decode(invoke(ex.handle, fn, input));
    },
    // callSplit returns [the envelope's text, the body of the built request or undefined]: with
    // handleSplit (wasm/abi) the body follows the envelope after a line feed as its bytes, not
    // JSON-escaped inside it (see dispatch.HandleSplit).
    callSplit(fn, input) {
      if (split === null) return [decoder.decode(invoke(ex.handle, fn, input)), undefined];
      const out = invoke(split, fn, input);
      const i = out.indexOf(10);
      if (i < 0) return [decoder.decode(out), undefined];
      return [decoder.decode(out.subarray(0, i)), bodyDecoder.decode(out.subarray(i + 1))];
    },
  };
}

function core(fn) {
  if (api !== null) return api;
  if (stopped) {
    throw problemError("amplifybackend: the WebAssembly instance has stopped (" + stopped + "); call init() again and await it before " + fn + "()", []);
  }
  throw problemError("amplifybackend: call init() and await it before " + fn + "()", []);
}

/**
 * needSigner throws, before anything crosses, when the loaded module is the core module, which
 * leaves the SigV4 signer out (its signRequest would fail the same way, from Go).
 */
function needSigner(fn) {
  if (hasSigner) return;
  throw problemError(
    "amplifybackend: " + fn + "() needs the SigV4 signer, which the core module (amplifybackend-core.wasm, loaded by amplifybackend-wasm/core) leaves out. " +
      'To sign, load the full module: import from "amplifybackend-wasm" instead of "amplifybackend-wasm/core", or call init({wasm: <the URL of amplifybackend.wasm>}).',
    [],
  );
}

/** signerLoaded reports whether the loaded module can sign (false for the core module and before init()). */
export function signerLoaded() {
  return api !== null && hasSigner;
}

/**
 * dispatch sends one call through the Go dispatcher and returns the parsed envelope. Crossing
 * errors (the instance died mid-call) become thrown Errors; the envelope is returned as is.
 */
function dispatch(fn, envelope, split) {
  const a = core(fn);
  let out;
  let body;
  try {
    if (split) [out, body] = a.callSplit(fn, envelope);
    else out = a.call(fn, envelope);
  } catch (e) {
    if (api === a && e && /exited|has already exited/.test(String(e.message))) {
      api = null;
      memory = null;
      pending = null;
      stopped = "the Go program exited";
    }
    throw problemError("amplifybackend: " + fn + "() failed inside the WebAssembly module: " + (e && e.message ? e.message : String(e)), []);
  }
  const parsed = JSON.parse(out); // JSON.parse defines "__proto__" as an own property: no pollution
  if (body !== undefined) parsed.result.body = body; // its last member, as in the JSON form
  return parsed;
}

function goError(error) {
  const problems = Array.isArray(error.errors) ? error.errors : [];
  return problemError(String(error.message), problems);
}

/**
 * run calls fn with an envelope whose main value (input, config or request) may have problems
 * found in JS (jsProblems; the JSON has placeholders there). Without them it is a plain call;
 * with them the Go side still checks the rest, and both lists are merged.
 *
 * For the validate functions the result is {valid, errors}; for the others it is the result or
 * a thrown Error.
 */
function run(fn, envelope, jsProblems, summary, isValidation, split) {
  const out = dispatch(fn, envelope, split);
  if (out.error !== undefined) {
    // The validate functions fail only for their other arguments (an unknown operation): the
    // problems JS found in the value do not matter then.
    if (isValidation || jsProblems.length === 0 || !Array.isArray(out.error.errors) || out.error.errors.length === 0) {
      throw goError(out.error);
    }
    const merged = mergeProblems(jsProblems, out.error.errors);
    throw problemError(listProblems(summary + " (" + count(merged.length) + "):", merged), merged);
  }
  if (jsProblems.length === 0) return out.result;
  if (isValidation) {
    return { valid: false, errors: mergeProblems(jsProblems, out.result.errors), warnings: out.result.warnings };
  }
  throw problemError(listProblems(summary + " (" + count(jsProblems.length) + "):", jsProblems), jsProblems);
}

function operationName(fn, operation) {
  if (typeof operation !== "string") {
    throw argumentsError(fn, [
      { path: "/operation", code: "type", message: "The operation must be a string such as \"CreateBackendAuth\", not " + typeName(operation) + "." },
    ]);
  }
  return JSON.stringify(operation);
}

// ---------------------------------------------------------------------------------------------
// The API

/**
 * validate checks an operation's input (PascalCase members, as in the AWS documentation) against
 * the service model and returns {valid, errors, warnings}. An unknown operation name throws.
 *
 * The input is a value, or a string of JSON text: Go reads text with the one strict reader, so
 * duplicate members and syntax errors are found, and every problem carries its range in the
 * text (lines and columns from 1; columns and offsets in UTF-16 code units, as JS strings
 * count). Problems of a value have no range.
 */
export function validate(operation, input) {
  core("validate");
  const op = operationName("validate", operation);
  if (typeof input === "string") {
    return run("validate", '{"operation":' + op + ',"inputText":' + JSON.stringify(input) + "}", [], "Invalid arguments for validate", true);
  }
  const { json, problems } = toJSON(input);
  return run("validate", '{"operation":' + op + ',"input":' + json + "}", problems, "Invalid arguments for validate", true);
}

const AUTH_MODES = ["create", "update"];

/**
 * validateAuthConfig checks the ResourceConfig of CreateBackendAuth (mode "create") or of
 * UpdateBackendAuth (mode "update") on its own; paths are relative to the config. The config is
 * a value or a string of JSON text, as for validate.
 */
export function validateAuthConfig(config, options) {
  core("validateAuthConfig");
  const problems = checkOptions(options, { mode: isString }, "validateAuthConfig options", "/options");
  if (problems.length === 0 && (options === undefined || options.mode === undefined)) {
    problems.push({ path: "/options/mode", code: "required", message: 'validateAuthConfig options need mode: "create" (CreateBackendAuth) or "update" (UpdateBackendAuth).' });
  } else if (problems.length === 0 && !AUTH_MODES.includes(options.mode)) {
    problems.push({ path: "/options/mode", code: "enum", message: 'Option "mode" in validateAuthConfig options must be "create" or "update", not ' + JSON.stringify(options.mode.slice(0, 40)) + "." });
  }
  if (problems.length > 0) throw argumentsError("validateAuthConfig", problems);
  if (typeof config === "string") {
    // JSON text: positions, duplicates and syntax errors come from Go (see validate).
    return run("validateAuthConfig", '{"configText":' + JSON.stringify(config) + ',"mode":' + JSON.stringify(options.mode) + "}", [], "Invalid arguments for validateAuthConfig", true);
  }
  const { json, problems: jsProblems } = toJSON(config);
  return run("validateAuthConfig", '{"config":' + json + ',"mode":' + JSON.stringify(options.mode) + "}", jsProblems, "Invalid arguments for validateAuthConfig", true);
}

const BUILD_OPTIONS = { region: isString, endpoint: isString, validate: isBoolean, useFipsEndpoint: isBoolean, useDualstackEndpoint: isBoolean };

/**
 * buildRequest validates the input and returns the unsigned request {method, url, headers,
 * body?}. Invalid input throws an Error listing the problems, with .errors.
 */
export function buildRequest(operation, input, options) {
  core("buildRequest");
  const problems = checkOptions(options, BUILD_OPTIONS, "buildRequest options", "/options");
  if (problems.length > 0) throw argumentsError("buildRequest", problems);
  const op = operationName("buildRequest", operation);
  const { json, problems: jsProblems } = toJSON(input);
  return run("buildRequest", '{"operation":' + op + ',"input":' + json + ',"options":' + optionsJSON(options, BUILD_OPTIONS) + "}", jsProblems, "Cannot build the " + operation + " request", false, true);
}

const ENDPOINT_OPTIONS = { region: isString, endpoint: isString, useFipsEndpoint: isBoolean, useDualstackEndpoint: isBoolean };

/**
 * resolveEndpoint returns the endpoint buildRequest's options resolve to, from the service's
 * endpoint rule set: {url, signingRegion, signingName}. Options the rules refuse throw.
 */
export function resolveEndpoint(options) {
  core("resolveEndpoint");
  const problems = checkOptions(options, ENDPOINT_OPTIONS, "resolveEndpoint options", "/options");
  if (problems.length > 0) throw argumentsError("resolveEndpoint", problems);
  return run("resolveEndpoint", '{"options":' + optionsJSON(options, ENDPOINT_OPTIONS) + "}", [], "Cannot resolve the endpoint", false);
}

function optionsJSON(options, spec) {
  if (options === undefined) return "{}";
  const parts = [];
  for (const k of Object.keys(spec)) {
    const v = options[k];
    if (v !== undefined) parts.push(JSON.stringify(k) + ":" + JSON.stringify(v));
  }
  return "{" + parts.join(",") + "}";
}

const isDateLike = (v) =>
  v instanceof Date || typeof v === "string" || typeof v === "number" ? null : "a Date, an ISO 8601 string or a number of milliseconds since 1970";
const isSeconds = (v) => (typeof v === "number" && Number.isFinite(v) ? null : "a finite number of seconds");

const SIGN_OPTIONS = {
  credentials: isObject,
  region: isString,
  service: isString,
  signingDate: isDateLike,
  presign: isBoolean,
  expiresIn: isSeconds,
  normalizePath: isBoolean,
  signBody: isBoolean,
  unsignedSessionToken: isBoolean,
};
const CREDENTIALS = { accessKeyId: isString, secretAccessKey: isString, sessionToken: isString };
// Members of the AWS SDK's credential objects, accepted (and ignored) so that credentials from a
// credential provider can be passed as they are.
const SDK_CREDENTIAL_EXTRAS = ["expiration", "credentialScope", "accountId", "$source"];

function signingDate(v, path) {
  if (v === undefined) return { value: new Date().toISOString() };
  if (typeof v === "string") return { value: v }; // parsed (RFC 3339) and checked by the Go side
  const d = typeof v === "number" ? new Date(v) : v;
  const t = d.getTime();
  if (!Number.isFinite(t)) {
    return { problem: { path: path + "/signingDate", code: "invalid", message: "The signRequest option \"signingDate\" is not a valid date." } };
  }
  return { value: d.toISOString() };
}

/**
 * signRequest signs a request {method, url, headers?, body?} with AWS Signature Version 4 and
 * returns the signed request in the same form; the request given is not changed. Any request
 * can be signed, not only built ones.
 */
export function signRequest(request, options) {
  core("signRequest");
  needSigner("signRequest");
  const opts = signOptionsJSON("signRequest", options, "/options");
  let req = plainRequest(request);
  // The lean form: a body (a well-formed string) stays here. In Node its length and SHA-256
  // (node:crypto, OpenSSL) go to Go instead of the body; elsewhere (no synchronous native hash)
  // the body goes in for Go to hash, but does not come back. Either way the result is the one
  // Go gives for the whole request, byte for byte (the signing vectors run both ways).
  let body;
  let lean = "";
  let json;
  if (req !== null && typeof req === "object" && !Array.isArray(req) && typeof req.body === "string" && req.body.length > 0 && req.body.isWellFormed()) {
    body = req.body;
    const crypto = nodeCrypto();
    if (crypto !== null) {
      json = requestJSON(req);
      if (json === undefined) {
        const { body: _, ...rest } = req;
        req = rest;
      }
      lean = ',"bodyLength":' + Buffer.byteLength(body) + ',"bodySha256":"' + sha256Hex(crypto, body) + '"';
    } else {
      lean = ',"omitBody":true';
    }
  }
  let jsProblems = NO_PROBLEMS;
  if (json === undefined) ({ json, problems: jsProblems } = toJSON(req));
  // No redaction here: the Go side's rule (signRequest withholds any problem that would hold
  // the call's credentials, see SECURITY.md) is the one rule of every host.
  const signed = run("signRequest", '{"request":' + json + ',"options":' + opts + lean + "}", jsProblems, "Cannot sign the request", false);
  if (body !== undefined) signed.body = body;
  return signed;
}

const NO_PROBLEMS = Object.freeze([]);

/**
 * requestJSON is toJSON's text for a plain request {method, url, headers} without its body (the
 * lean form): the members in their order, with JSON.stringify, as toJSON writes plain values. A
 * request with anything else (another member, a non-string, a header that is not a string, a
 * prototype) gives undefined, for toJSON.
 */
function requestJSON(req) {
  if (!isPlainObject(req)) return undefined;
  let out = "";
  for (const k of Object.keys(req)) {
    const v = req[k];
    if (k === "body") continue;
    if (k === "method" || k === "url") {
      if (typeof v !== "string") return undefined;
    } else if (k === "headers") {
      if (!isPlainObject(v)) return undefined;
      for (const name of Object.keys(v)) if (typeof v[name] !== "string") return undefined;
    } else {
      return undefined;
    }
    out += (out === "" ? '{"' : ',"') + k + '":' + JSON.stringify(v);
  }
  return out === "" ? "{}" : out + "}";
}

/** @type {any} */
let cryptoModule; // node:crypto in Node (20.16+: process.getBuiltinModule), null elsewhere

function nodeCrypto() {
  if (cryptoModule === undefined) {
    const p = globalThis.process;
    cryptoModule = p && typeof p.getBuiltinModule === "function" && typeof globalThis.Buffer === "function" ? (p.getBuiltinModule("node:crypto") ?? null) : null;
  }
  return cryptoModule;
}

// sha256Hex hashes a string's UTF-8 bytes (or a Uint8Array's bytes): crypto.hash (Node 20.12+, one call, a third faster on
// a 2 KB body) or createHash.
function sha256Hex(crypto, s) {
  return typeof crypto.hash === "function" ? crypto.hash("sha256", s, "hex") : crypto.createHash("sha256").update(s).digest("hex");
}

/**
 * hostImports is what the module imports from the glue (module "amplifybackend", see
 * wasm/abi/sha256_js.go): sha256(ptr, n, out) writes the hex SHA-256 of n bytes of the module's
 * memory at out and returns 1, with node:crypto; without it (browsers) it returns 0 and Go
 * hashes. buildAndSignRequest's body is hashed through it. memory is set once instantiated.
 */
function hostImports() {
  const host = {
    /** @type {WebAssembly.Memory | null} */
    memory: null,
    imports: {
      sha256(ptr, n, out) {
        const crypto = nodeCrypto();
        if (crypto === null || !(host.memory instanceof WebAssembly.Memory)) return 0;
        const mem = new Uint8Array(host.memory.buffer);
        hexEncoder.encodeInto(sha256Hex(crypto, mem.subarray(ptr, ptr + n)), mem.subarray(out, out + 64));
        return 1;
      },
    },
  };
  return host;
}

const hexEncoder = new TextEncoder();

/**
 * buildAndSignRequest is signRequest(buildRequest(operation, input, buildOptions), signOptions)
 * in one call into Go: the built request goes to the signer as a Go value, not as JSON back
 * to JS and into Go again. The result is the same, byte for byte.
 */
export function buildAndSignRequest(operation, input, buildOptions, signOptions) {
  core("buildAndSignRequest");
  needSigner("buildAndSignRequest");
  const problems = checkOptions(buildOptions, BUILD_OPTIONS, "buildAndSignRequest buildOptions", "/buildOptions");
  if (problems.length > 0) throw argumentsError("buildAndSignRequest", problems);
  const sign = signOptionsJSON("buildAndSignRequest", signOptions, "/signOptions");
  const op = operationName("buildAndSignRequest", operation);
  const { json, problems: jsProblems } = toJSON(input);
  const envelope = '{"operation":' + op + ',"input":' + json + ',"buildOptions":' + optionsJSON(buildOptions, BUILD_OPTIONS) + ',"signOptions":' + sign + "}";
  return run("buildAndSignRequest", envelope, jsProblems, "Cannot build the " + operation + " request", false, true);
}

/**
 * signOptionsJSON checks signRequest's options (at path) and returns their JSON for Go, with the
 * signing date as an ISO string (now, when not given); it throws for options that are wrong.
 */
function signOptionsJSON(fn, options, path) {
  const problems = checkOptions(options, SIGN_OPTIONS, fn + " " + path.slice(1), path);
  if (problems.length === 0 && options !== undefined && options.credentials !== undefined) {
    problems.push(...checkOptions(options.credentials, CREDENTIALS, fn + " " + path.slice(1) + ".credentials", path + "/credentials", SDK_CREDENTIAL_EXTRAS));
  }
  const date = problems.length === 0 ? signingDate(options === undefined ? undefined : options.signingDate, path) : { value: "" };
  if (date.problem) problems.push(date.problem);
  if (problems.length > 0) throw argumentsError(fn, problems);
  const opts = options === undefined ? {} : options;
  const parts = [];
  if (opts.credentials !== undefined) {
    parts.push('"credentials":' + optionsJSON(opts.credentials, CREDENTIALS));
  }
  for (const k of Object.keys(SIGN_OPTIONS)) {
    if (k === "credentials" || k === "signingDate") continue;
    const v = opts[k];
    if (v !== undefined) parts.push(JSON.stringify(k) + ":" + JSON.stringify(v));
  }
  parts.push('"signingDate":' + JSON.stringify(date.value));
  return "{" + parts.join(",") + "}";
}

// isPlainObject: an object whose prototype is Object.prototype or null, so that reading a member
// by name reads what Object.keys lists (a prototype's members take the checks' path).
function isPlainObject(v) {
  if (v === null || typeof v !== "object") return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

// plainRequest turns a fetch Headers object in request.headers into a plain object, so that
// signRequest(new Request(...)-like values) works; anything else is passed as it is.
function plainRequest(request) {
  if (request === null || typeof request !== "object" || !isFetchHeaders(request.headers)) return request;
  const headers = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { ...request, headers };
}

// ---------------------------------------------------------------------------------------------
// Responses and send

/**
 * ServiceError is thrown for a response with a status of 300 or more: name is the error code
 * ("NotFoundException", or the status as a string when the response names no type), response
 * is boto3's ClientError.response ({Error: {Code, Message}, ResponseMetadata, ...the modeled
 * members}). Go reads the response; this class only carries what it found.
 */
export class ServiceError extends Error {
  constructor(data) {
    super(data.message);
    Object.defineProperty(this, "name", { value: data.code, enumerable: false, configurable: true, writable: true });
    this.statusCode = data.statusCode;
    this.requestId = data.requestId;
    this.retryable = data.retryable;
    this.response = data.response;
  }
}

// isFetchHeaders tells whether h is a fetch Headers. A plain object is not one, and is answered
// without reading globalThis.Headers: in Node that getter loads undici, about 30 ms on the first
// call (it was most of the first signRequest of a process).
function isFetchHeaders(h) {
  if (h === null || typeof h !== "object" || isPlainObject(h)) return false;
  return typeof Headers === "function" && h instanceof Headers;
}

// plainHeaders turns headers (a Headers, a Map or a plain object) into {name: string}; an array
// value (Node's set-cookie) is joined with ", ", as Headers does. Other values go to Go as they
// are, which reports them.
function plainHeaders(h) {
  if (h === undefined || h === null) return h;
  const out = {};
  if (h instanceof Map || isFetchHeaders(h)) {
    h.forEach((value, name) => {
      // Headers iterates Set-Cookie values one by one: join them as the other headers are.
      out[name] = Object.prototype.hasOwnProperty.call(out, name) ? out[name] + ", " + value : value;
    });
    return out;
  }
  if (typeof h !== "object" || Array.isArray(h)) return h;
  for (const [k, v] of Object.entries(h)) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

const utf8 = new TextDecoder(); // not fatal: bad UTF-8 becomes U+FFFD, as Response.text() does

function bodyText(b) {
  if (b instanceof Uint8Array) return utf8.decode(b);
  if (b instanceof ArrayBuffer) return utf8.decode(new Uint8Array(b));
  return b;
}

function parse(operation, response, retryAttempts) {
  core("parseResponse");
  const op = operationName("parseResponse", operation);
  let resp = response;
  if (response !== null && typeof response === "object" && !Array.isArray(response)) {
    resp = { status: response.status, headers: plainHeaders(response.headers), body: bodyText(response.body) };
  }
  const out = dispatch("parseResponse", '{"operation":' + op + ',"response":' + (resp === undefined ? "null" : JSON.stringify(resp)) + ',"retryAttempts":' + retryAttempts + "}");
  if (out.error !== undefined) throw goError(out.error);
  if (out.result.serviceError !== undefined) throw new ServiceError(out.result.serviceError);
  return out.result.output;
}

/**
 * parseResponse reads an HTTP response of an operation ({status, headers, body}: headers a plain
 * object or a Headers, body a string or a Uint8Array) and returns what boto3 returns for it: the
 * output members under their PascalCase names, with ResponseMetadata. A status of 300 or more
 * throws a ServiceError; a successful body that cannot be read throws an Error with one problem
 * (syntax, type or limit).
 */
export function parseResponse(operation, response) {
  return parse(operation, response, 0);
}

function retryDecision(attempts, maxAttempts, status) {
  const args = { attempts, maxAttempts, random: Math.random() };
  if (status !== undefined) args.status = status;
  const out = dispatch("retry", JSON.stringify(args));
  if (out.error !== undefined) throw goError(out.error);
  return out.result;
}

function abortReason(signal) {
  return signal.reason !== undefined ? signal.reason : new DOMException("This operation was aborted", "AbortError");
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

const isFunction = (v) => (typeof v === "function" ? null : "a function");
const isSignal = (v) => (v !== null && typeof v === "object" && typeof v.aborted === "boolean" && typeof v.addEventListener === "function" ? null : "an AbortSignal");
const isAttempts = (v) => (Number.isInteger(v) && v >= 1 && v <= 100 ? null : "an integer from 1 to 100");
const isCredentials = (v) => (typeof v === "function" || (v !== null && typeof v === "object") ? null : "an object {accessKeyId, secretAccessKey, sessionToken?} or a function returning one");
const SEND_OPTIONS = { region: isString, credentials: isCredentials, endpoint: isString, useFipsEndpoint: isBoolean, useDualstackEndpoint: isBoolean, fetch: isFunction, signal: isSignal, maxAttempts: isAttempts };

/**
 * send validates the input, builds and signs the request, fetches it and reads the response:
 * a Promise of the output (as parseResponse returns it). Throttling (429), server errors (5xx)
 * and network errors are retried as the Go client retries them — the decisions and the delays
 * come from Go — with a fresh signature per attempt; signal aborts the fetch and every wait.
 */
export async function send(operation, input, options) {
  core("send");
  needSigner("send");
  const problems = checkOptions(options, SEND_OPTIONS, "send options", "/options");
  if (problems.length === 0) {
    for (const k of ["region", "credentials"]) {
      if (options === undefined || options[k] === undefined) {
        problems.push({ path: "/options/" + k, code: "required", message: "send options need " + k + (k === "region" ? " (for example us-east-1): requests are signed for it." : ": {accessKeyId, secretAccessKey, sessionToken?}.") });
      }
    }
  }
  if (problems.length > 0) throw argumentsError("send", problems);
  const { region, endpoint, signal } = options;
  const doFetch = options.fetch || globalThis.fetch;
  const maxAttempts = options.maxAttempts === undefined ? 3 : options.maxAttempts;
  const endpointOptions = { region, endpoint, useFipsEndpoint: options.useFipsEndpoint, useDualstackEndpoint: options.useDualstackEndpoint };
  const request = buildRequest(operation, input, endpointOptions);
  // Signed for what the endpoint's rules say (its sigv4 signingRegion, when it has one).
  const { signingRegion, signingName } = resolveEndpoint(endpointOptions);
  for (let attempts = 1; ; attempts++) {
    if (signal && signal.aborted) throw abortReason(signal);
    const credentials = typeof options.credentials === "function" ? await options.credentials() : options.credentials;
    const signed = signRequest(request, { credentials, region: signingRegion, service: signingName });
    const headers = {};
    for (const [k, v] of Object.entries(signed.headers)) {
      // fetch sets Host and Content-Length itself (to the values that were signed).
      if (k.toLowerCase() !== "host" && k.toLowerCase() !== "content-length") headers[k] = v;
    }
    let res;
    let body;
    try {
      res = await doFetch(signed.url, { method: signed.method, headers, body: signed.body, signal });
      body = new Uint8Array(await res.arrayBuffer());
    } catch (cause) {
      if (signal && signal.aborted) throw abortReason(signal);
      const d = retryDecision(attempts, maxAttempts);
      if (!d.retry) {
        const err = problemError("amplifybackend: " + signed.method + " " + signed.url + ": " + (cause && cause.message ? cause.message : String(cause)) + " (" + attempts + (attempts === 1 ? " attempt)" : " attempts)"), []);
        err.cause = cause;
        throw err;
      }
      await sleep(d.delayMs, signal);
      continue;
    }
    try {
      return parse(operation, { status: res.status, headers: res.headers, body }, attempts - 1);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      const d = retryDecision(attempts, maxAttempts, res.status);
      if (!d.retry) throw e;
      await sleep(d.delayMs, signal);
    }
  }
}

/**
 * operations describes the 31 operations: [{name, method, uri, input, output}], sorted by name
 * (input and output are shape names).
 */
export function operations() {
  const out = dispatch("operations", "{}");
  if (out.error !== undefined) throw goError(out.error);
  return out.result;
}

/**
 * schema returns a JSON Schema (draft 2020-12) of an operation's input, generated from the
 * service model, for editors (a fresh copy on every call). It does not need init().
 */
export function schema(operation) {
  if (typeof operation !== "string" || !Object.prototype.hasOwnProperty.call(schemas, operation)) {
    const names = Object.keys(schemas);
    const p = { path: "/operation", code: typeof operation === "string" ? "enum" : "type", message: "" };
    if (typeof operation === "string") {
      const near = names.filter((n) => n.toLowerCase() === operation.toLowerCase());
      p.message = "Unknown operation " + JSON.stringify(operation) + (near.length ? '; did you mean "' + near[0] + '"?' : "; operations() lists them.");
    } else {
      p.message = "The operation must be a string, not " + typeName(operation) + ".";
    }
    throw argumentsError("schema", [p]);
  }
  return structuredClone(schemas[operation]);
}

/**
 * cli runs the command-line interface in memory: {args, stdin?, files?, env?, now?} ->
 * {stdout, stderr, exitCode}. The Node CLI (cli.mjs) is built on it.
 */
export function cli(request) {
  const out = dispatch("cli", JSON.stringify(request));
  if (out.error !== undefined) throw goError(out.error);
  return out.result;
}

/** memoryBytes is the size of the WebAssembly instance's linear memory (0 before init()). */
export function memoryBytes() {
  return memory === null ? 0 : memory.buffer.byteLength;
}

/**
 * dispatchRaw is the low-level entry point: one call of the Go dispatcher, JSON text in, JSON
 * text out ({"result": ...} or {"error": ...}), exactly as every other host sees it.
 */
export function dispatchRaw(fn, inputJSON) {
  if (typeof fn !== "string" || typeof inputJSON !== "string") {
    throw problemError("amplifybackend: dispatchRaw() takes two strings: a function name and its JSON input.", []);
  }
  return core("dispatchRaw").call(fn, inputJSON);
}
