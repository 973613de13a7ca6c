// The official side: AWS SDK for JavaScript v3, @aws-sdk/client-amplifybackend, in Node.
//
// Exposes the same shape as ours.mjs, so run.mjs can drive both alike:
//   label, available()                  -> {ok, why?}
//   setup({input, invalidInput})        -> {measurements: {id: {kind, fn, what}}, sample}
//   coldStart()                         -> {inChildMs, wallMs}
//   bundleSize()                        -> {parts: {name: {raw,gzip,brotli}}, total: {...}}
//   versions()                          -> {package: version}
//
// No network: the client gets a custom requestHandler that records the signed HttpRequest and
// answers with a canned 200 response whose JSON body is a valid CreateBackendAuthResponse.
import { readFileSync } from "node:fs";
import { AmplifyBackendClient, CreateBackendAuthCommand } from "@aws-sdk/client-amplifybackend";
import { SignatureV4 } from "@smithy/signature-v4";
// In @aws-sdk/client-amplifybackend 3.1138.0 the Node runtime config takes `sha256` from
// `Sha256` of @smithy/core/checksum (= Sha256Node, a node:crypto createHash/createHmac wrapper;
// it replaced @smithy/hash-node's Hash), and HttpRequest/HttpResponse come from
// @smithy/core/protocols (they replaced @smithy/protocol-http). Same module instances as the client.
import { Sha256 } from "@smithy/core/checksum";
import { HttpRequest, HttpResponse } from "@smithy/core/protocols";
import { BIG_BODY, CREDENTIALS, REGION, SERVICE, coldStartSample, browserBundle, sizes, here } from "./lib.mjs";

export const label = "official";

export function available() {
  return { ok: true };
}

const CANNED_BODY = Buffer.from(
  JSON.stringify({
    appId: "d1a2b3c4example",
    backendEnvironmentName: "staging",
    jobId: "5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    operation: "CreateBackendAuth",
    status: "REQUESTED",
  }),
);

// A request handler object (the `handle(request)` interface the client accepts as
// `requestHandler`). It keeps the last signed request and returns a fresh canned response each
// time (the client mutates the body Uint8Array it is given, so it must not be shared).
export class CapturingHandler {
  constructor() {
    this.last = null;
    this.count = 0;
  }
  async handle(request) {
    this.last = request;
    this.count++;
    return {
      response: new HttpResponse({
        statusCode: 200,
        reason: "OK",
        headers: {
          "content-type": "application/json",
          "content-length": String(CANNED_BODY.length),
          "x-amzn-requestid": "0b6f1a1e-9d0c-4c1b-8b2a-3c4d5e6f7a8b",
          date: new Date().toUTCString(),
        },
        body: new Uint8Array(CANNED_BODY),
      }),
    };
  }
  updateHttpClientConfig() {}
  httpHandlerConfigs() {
    return {};
  }
  destroy() {}
}

export function makeClient(handler) {
  return new AmplifyBackendClient({
    region: REGION,
    credentials: { ...CREDENTIALS },
    maxAttempts: 1,
    requestHandler: handler,
  });
}

// Headers that SigV4 signing adds; removing them from a captured signed request gives the request
// as the client built it just before signing.
const SIGNING_HEADERS = ["authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"];

function unsignedCopy(req) {
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (!SIGNING_HEADERS.includes(k.toLowerCase())) headers[k] = v;
  }
  return new HttpRequest({
    protocol: req.protocol,
    hostname: req.hostname,
    port: req.port,
    method: req.method,
    path: req.path,
    query: { ...req.query },
    headers,
    body: req.body,
  });
}

// The client's body is a Uint8Array subclass (JsonBytesStringAdapter) that warns when used as a
// string, so read its bytes directly.
function bodyText(body) {
  if (body == null) return "";
  if (typeof body === "string") return body;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
}

export async function setup({ input, invalidInput }) {
  const handler = new CapturingHandler();
  const client = makeClient(handler);

  // One real send first: checks that it works and captures what the client builds.
  const out = await client.send(new CreateBackendAuthCommand(input));
  const signed = handler.last;
  if (out.$metadata.httpStatusCode !== 200 || out.JobId !== "5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b") {
    throw new Error("official send: unexpected output " + JSON.stringify(out));
  }
  if (!String(signed.headers.authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")) {
    throw new Error("official send: request was not signed: " + JSON.stringify(signed.headers));
  }

  // The v3 client does no client-side validation of input: the invalid fixture is serialized,
  // signed and sent as is (the service would reject it). Recorded as a fact in results.json.
  let invalidSent;
  try {
    await client.send(new CreateBackendAuthCommand(invalidInput));
    invalidSent = true;
  } catch {
    invalidSent = false;
  }

  const unsigned = unsignedCopy(signed);
  const big = unsignedCopy(signed);
  big.body = BIG_BODY;
  big.headers["content-length"] = String(Buffer.byteLength(BIG_BODY));
  const signer = new SignatureV4({
    credentials: { ...CREDENTIALS },
    region: REGION,
    service: SERVICE,
    sha256: Sha256,
    uriEscapePath: true, // the client's signingEscapePath default
  });

  return {
    measurements: {
      buildSign: {
        kind: "async",
        what: "client.send(new CreateBackendAuthCommand(input)): serialize, endpoint, SigV4 sign, canned 200 response, deserialize",
        fn: async () => {
          const o = await client.send(new CreateBackendAuthCommand(input));
          return handler.last.headers.authorization + o.JobId;
        },
      },
      signOnly: {
        kind: "async",
        what: "new SignatureV4({sha256: Sha256Node}).sign(HttpRequest as the client built it), signingDate = now",
        fn: async () => (await signer.sign(unsigned)).headers.authorization,
      },
      sign1MB: {
        kind: "async",
        what: "SignatureV4.sign of the same request with a 1 MiB body (Content-Length set to match)",
        fn: async () => (await signer.sign(big)).headers.authorization,
      },
    },
    sample: {
      invalidInputSentWithoutError: invalidSent,
      request: {
        method: signed.method,
        protocol: signed.protocol,
        hostname: signed.hostname,
        path: signed.path,
        query: signed.query,
        headers: signed.headers,
        body: bodyText(signed.body),
      },
    },
  };
}

// For run.mjs's cross-check: signs a request in our API's shape ({method, url, headers, body}) with
// the official SignatureV4 at a fixed date and returns the Authorization header. Given our signed
// request, it signs exactly the headers ours signed (Host and Content-Length included). SigV4
// requires the host header to be signed; it is added from the URL when the request has none.
export async function signForeignRequest(request, signingDate) {
  const u = new URL(request.url);
  const headers = {};
  const src = request.headers ?? {};
  const entries = typeof src.entries === "function" && !Array.isArray(src) && typeof src.get === "function" ? [...src.entries()] : Object.entries(src);
  for (const [k, v] of entries) {
    // SignatureV4 adds its own date and signature.
    if (!["authorization", "x-amz-date"].includes(k.toLowerCase())) headers[k] = String(v);
  }
  if (!Object.keys(headers).some((k) => k.toLowerCase() === "host")) headers.host = u.host;
  const query = {};
  for (const [k, v] of u.searchParams) query[k] = v;
  // applyChecksum: false — SignatureV4 otherwise adds X-Amz-Content-Sha256, which ours signs only
  // when asked (signBody); with the same header set the two signatures must be equal.
  const signer = new SignatureV4({ credentials: { ...CREDENTIALS }, region: REGION, service: SERVICE, sha256: Sha256, uriEscapePath: true, applyChecksum: false });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      protocol: u.protocol,
      hostname: u.hostname,
      port: u.port ? Number(u.port) : undefined,
      path: u.pathname,
      query,
      headers,
      body: request.body,
    }),
    { signingDate },
  );
  return signed.headers.authorization;
}

export async function coldStart() {
  return coldStartSample(here("coldstart-official.mjs"));
}

// What an app ships for the browser: one entry that imports the client and the command and
// sends one command, bundled with esbuild (minified, platform browser, format esm). The package's
// "browser" field picks runtimeConfig.browser (fetch handler, WebCrypto SHA-256).
export const BUNDLE_ENTRY = `
import { AmplifyBackendClient, CreateBackendAuthCommand } from "@aws-sdk/client-amplifybackend";
const client = new AmplifyBackendClient({ region: "us-east-1" });
export function createBackendAuth(input) {
  return client.send(new CreateBackendAuthCommand(input));
}
`;

export async function bundleSize() {
  const js = await browserBundle(BUNDLE_ENTRY);
  const s = sizes(js);
  return { parts: { "browser bundle (js)": s }, total: s };
}

export function versions() {
  const v = (p) => JSON.parse(readFileSync(here(`node_modules/${p}/package.json`), "utf8")).version;
  return Object.fromEntries(
    ["@aws-sdk/client-amplifybackend", "@aws-sdk/core", "@smithy/core", "@smithy/signature-v4", "@smithy/fetch-http-handler", "esbuild"].map((p) => [p, v(p)]),
  );
}
