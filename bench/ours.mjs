// Our side: the WebAssembly module through its JS API, js/index.js (repository root).
//
// Same shape as official.mjs (label, setup, coldStart, bundleSize, versions). run.mjs imports this
// module only when ../js/index.js and ../js/amplifybackend.wasm both exist, because it imports
// ../js/index.js statically.
//
// The JS API measured (from the project's design):
//   await init();                                            // loads the wasm once
//   validateAuthConfig(config, {mode: "create"})             // -> {valid, errors: [{path, code, message}]}
//   buildRequest("CreateBackendAuth", input, {region})       // -> {method, url, headers, body}
//   signRequest(request, {credentials, region, service?, signingDate?, presign?, expiresIn?})
//                                                            // -> signed {method, url, headers, body}
// All but init() are synchronous.
import { readFileSync, existsSync } from "node:fs";
import { init, validateAuthConfig, buildRequest, signRequest, buildAndSignRequest } from "../js/index.js";
import { BIG_BODY, CREDENTIALS, REGION, coldStartSample, browserBundle, sizes, here } from "./lib.mjs";

export const label = "ours";

export const JS_INDEX = here("../js/index.js");
export const WASM = here("../js/amplifybackend.wasm");
export const CORE_WASM = here("../js/amplifybackend-core.wasm");

// What validateAuthConfig is given. The API takes the auth configuration, i.e. the request's
// ResourceConfig (CreateBackendAuthResourceConfig). If it ends up taking the whole
// CreateBackendAuth input instead, change this one function.
export const authConfigOf = (input) => input.ResourceConfig;

// Header lookup that works whether headers come back as a plain object (any case), a Map or a
// Headers-like object with get().
export function header(headers, name) {
  if (!headers) return undefined;
  if (typeof headers.get === "function") return headers.get(name) ?? headers.get(name.toLowerCase()) ?? undefined;
  const lower = name.toLowerCase();
  for (const k of Object.keys(headers)) if (k.toLowerCase() === lower) return headers[k];
  return undefined;
}

const signOpts = () => ({ credentials: { ...CREDENTIALS }, region: REGION });

export async function setup({ input, invalidInput }) {
  await init();

  // Check the API does what the benchmark assumes, once, before timing anything.
  const built = buildRequest("CreateBackendAuth", input, { region: REGION });
  for (const k of ["method", "url", "headers"]) {
    if (built?.[k] == null) throw new Error(`buildRequest: result has no ${k}: ${JSON.stringify(built)}`);
  }
  const before = JSON.stringify(built);
  const signed = signRequest(built, signOpts());
  const auth = String(header(signed?.headers, "authorization") ?? "");
  if (!auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")) {
    throw new Error("signRequest: no SigV4 authorization header: " + JSON.stringify(signed?.headers));
  }
  if (JSON.stringify(built) !== before) {
    // signOnly re-signs the same built request; if signRequest mutated it, that would be wrong.
    throw new Error("signRequest mutated the request it was given");
  }
  const fused = buildAndSignRequest("CreateBackendAuth", input, { region: REGION }, { ...signOpts(), signingDate: "2026-01-15T12:00:00Z" });
  const twoCalls = signRequest(built, { ...signOpts(), signingDate: "2026-01-15T12:00:00Z" });
  if (JSON.stringify(fused) !== JSON.stringify(twoCalls)) throw new Error("buildAndSignRequest differs from signRequest(buildRequest())");
  const big = { ...built, headers: { ...built.headers, "Content-Length": String(Buffer.byteLength(BIG_BODY)) }, body: BIG_BODY };
  const okResult = validateAuthConfig(authConfigOf(input), { mode: "create" });
  if (okResult?.valid !== true) {
    throw new Error("validateAuthConfig: valid fixture reported invalid: " + JSON.stringify(okResult));
  }
  const badResult = validateAuthConfig(authConfigOf(invalidInput), { mode: "create" });
  if (badResult?.valid !== false || !Array.isArray(badResult.errors) || badResult.errors.length === 0) {
    throw new Error("validateAuthConfig: invalid fixture reported valid: " + JSON.stringify(badResult));
  }

  // For run.mjs's cross-check with the official signer: the same request signed at a fixed date.
  const fixedDate = new Date("2026-01-15T12:00:00Z");
  let signedFixed;
  try {
    signedFixed = signRequest(built, { ...signOpts(), signingDate: fixedDate });
  } catch {
    signedFixed = signRequest(built, { ...signOpts(), signingDate: fixedDate.toISOString() });
  }

  return {
    measurements: {
      buildSign: {
        kind: "sync",
        what: 'buildAndSignRequest("CreateBackendAuth", input, {region}, {credentials, region}) (the fused path)',
        fn: () => header(buildAndSignRequest("CreateBackendAuth", input, { region: REGION }, signOpts()).headers, "authorization"),
      },
      buildSignTwoCalls: {
        kind: "sync",
        what: 'signRequest(buildRequest("CreateBackendAuth", input, {region}), {credentials, region})',
        fn: () => header(signRequest(buildRequest("CreateBackendAuth", input, { region: REGION }), signOpts()).headers, "authorization"),
      },
      sign1MB: {
        kind: "sync",
        what: "signRequest of the built request with a 1 MiB body (Content-Length set to match)",
        fn: () => header(signRequest(big, signOpts()).headers, "authorization"),
      },
      signOnly: {
        kind: "sync",
        what: "signRequest(request built once by buildRequest, {credentials, region}), signingDate = now",
        fn: () => header(signRequest(built, signOpts()).headers, "authorization"),
      },
      validateValid: {
        kind: "sync",
        what: 'validateAuthConfig(input.ResourceConfig, {mode: "create"}) on the valid fixture',
        fn: () => validateAuthConfig(authConfigOf(input), { mode: "create" }).valid,
      },
      validateInvalid: {
        kind: "sync",
        what: 'validateAuthConfig(input.ResourceConfig, {mode: "create"}) on the invalid fixture',
        fn: () => validateAuthConfig(authConfigOf(invalidInput), { mode: "create" }).errors.length,
      },
    },
    sample: {
      request: built,
      signedAtFixedDate: { date: fixedDate.toISOString(), request: signedFixed },
      invalidErrors: badResult.errors,
    },
  };
}

export async function coldStart() {
  return coldStartSample(here("coldstart-ours.mjs"));
}

// The core module (amplifybackend-wasm/core) to its first validateAuthConfig result.
export async function coldStartCore() {
  return coldStartSample(here("coldstart-core.mjs"));
}

// The same kind of browser bundle as the official side (esbuild, minified, platform browser,
// format esm) of an entry that builds and signs one CreateBackendAuth, plus the .wasm file that it
// loads at run time. Node built-ins that the Node loading path of js/index.js may import are left
// external (a browser build never reaches them); the result says whether that was needed.
export const BUNDLE_ENTRY = `
import { init, buildRequest, signRequest } from "../js/index.js";
export async function createBackendAuth(input, credentials) {
  await init();
  return signRequest(buildRequest("CreateBackendAuth", input, { region: "us-east-1" }), { credentials, region: "us-east-1" });
}
`;

export const CORE_BUNDLE_ENTRY = `
import { init, validateAuthConfig } from "../js/core.js";
export async function check(config) {
  await init();
  return validateAuthConfig(config, { mode: "create" });
}
`;

export async function bundleSize() {
  const parts = {};
  let note;
  try {
    parts["browser bundle (js)"] = sizes(await browserBundle(BUNDLE_ENTRY));
  } catch {
    const { builtinModules } = await import("node:module");
    const external = [...builtinModules, ...builtinModules.map((m) => "node:" + m)];
    parts["browser bundle (js)"] = sizes(await browserBundle(BUNDLE_ENTRY, { external }));
    note = "node: built-ins imported by js/index.js were left external";
  }
  parts["amplifybackend.wasm"] = sizes(readFileSync(WASM));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const p of Object.values(parts)) for (const k of Object.keys(total)) total[k] += p[k];
  // The core module's page: core.js (validate only) plus amplifybackend-core.wasm.
  const coreParts = {};
  try {
    coreParts["core bundle (js)"] = sizes(await browserBundle(CORE_BUNDLE_ENTRY));
  } catch {
    const { builtinModules } = await import("node:module");
    coreParts["core bundle (js)"] = sizes(await browserBundle(CORE_BUNDLE_ENTRY, { external: [...builtinModules, ...builtinModules.map((m) => "node:" + m)] }));
  }
  coreParts["amplifybackend-core.wasm"] = sizes(readFileSync(CORE_WASM));
  const coreTotal = { raw: 0, gzip: 0, brotli: 0 };
  for (const p of Object.values(coreParts)) for (const k of Object.keys(coreTotal)) coreTotal[k] += p[k];
  return { parts, total, note, core: { parts: coreParts, total: coreTotal } };
}

export function versions() {
  const pkg = here("../js/package.json");
  const out = {};
  if (existsSync(pkg)) {
    const p = JSON.parse(readFileSync(pkg, "utf8"));
    out[p.name ?? "js"] = p.version ?? "unversioned";
  }
  return out;
}
