// Cold-start child for our side (spawned fresh per sample by lib.mjs coldStartSample), measured
// exactly like coldstart-official.mjs: import the library, load what it needs, produce the first
// signed CreateBackendAuth request (buildAndSignRequest, the fused path), and print one JSON line {"ms": performance.now() at that moment}
// (ms since this node process started, per performance.timeOrigin).
// Kept self-contained (no lib.mjs) so it loads nothing but what the measured path needs.
import { readFileSync } from "node:fs";
import { init, buildAndSignRequest } from "../js/index.js";

await init();
const input = JSON.parse(readFileSync(new URL("./fixtures/create-backend-auth.json", import.meta.url), "utf8"));
const signed = buildAndSignRequest("CreateBackendAuth", input, { region: "us-east-1" }, {
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
  region: "us-east-1",
});
const signedAt = performance.now();
const h = signed.headers;
const auth = String((typeof h.get === "function" ? h.get("authorization") : h.authorization ?? h.Authorization) ?? "");
if (!auth.startsWith("AWS4-HMAC-SHA256 ")) throw new Error("not signed");
process.stdout.write(JSON.stringify({ ms: signedAt, authorization: auth.slice(0, 60) }) + "\n");
