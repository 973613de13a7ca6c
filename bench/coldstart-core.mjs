// Cold-start child for the core module (amplifybackend-wasm/core): import it, init() (loads
// amplifybackend-core.wasm), read the fixture, first validateAuthConfig result; prints one JSON
// line {"ms": performance.now() at that moment}, like coldstart-ours.mjs.
import { readFileSync } from "node:fs";
import { init, validateAuthConfig } from "../js/core.js";

await init();
const input = JSON.parse(readFileSync(new URL("./fixtures/create-backend-auth.json", import.meta.url), "utf8"));
const r = validateAuthConfig(input.ResourceConfig, { mode: "create" });
const at = performance.now();
if (r.valid !== true) throw new Error("not valid: " + JSON.stringify(r.errors));
process.stdout.write(JSON.stringify({ ms: at, valid: r.valid }) + "\n");
