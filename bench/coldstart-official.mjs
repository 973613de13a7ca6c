// Cold-start child for the official side (spawned fresh per sample by lib.mjs coldStartSample).
// Imports the client, sends one CreateBackendAuth through a capturing handler, and prints one JSON
// line: {"ms": performance.now() when the signed request reached the handler}. performance.now() is
// relative to performance.timeOrigin, i.e. the start of this node process.
// Kept self-contained (no lib.mjs) so it loads nothing but what the measured path needs.
import { readFileSync } from "node:fs";
import { AmplifyBackendClient, CreateBackendAuthCommand } from "@aws-sdk/client-amplifybackend";

let signedAt = null;
let signed = null;
const handler = {
  async handle(request) {
    signedAt ??= performance.now();
    signed ??= request;
    const body = new TextEncoder().encode('{"appId":"d1a2b3c4example","backendEnvironmentName":"staging","jobId":"j","operation":"CreateBackendAuth","status":"REQUESTED"}');
    return { response: { statusCode: 200, headers: { "content-type": "application/json" }, body } };
  },
  updateHttpClientConfig() {},
  httpHandlerConfigs() {
    return {};
  },
};

const input = JSON.parse(readFileSync(new URL("./fixtures/create-backend-auth.json", import.meta.url), "utf8"));
const client = new AmplifyBackendClient({
  region: "us-east-1",
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  maxAttempts: 1,
  requestHandler: handler,
});
await client.send(new CreateBackendAuthCommand(input));
const auth = String(signed.headers.authorization);
if (!auth.startsWith("AWS4-HMAC-SHA256 ")) throw new Error("not signed");
process.stdout.write(JSON.stringify({ ms: signedAt, authorization: auth.slice(0, 60) }) + "\n");
