// Cold-start child for the signer floor (bench/signerfloor, built by run.mjs; the module's path
// is the first argument), measured like coldstart-ours.mjs: load Go's wasm_exec.js, read and
// instantiate the module, run it (its main signs once and returns), and print one JSON line
// {"ms": performance.now() at that moment}.
import { readFile } from "node:fs/promises";
import "../js/wasm_exec.js";

const go = new globalThis.Go();
const { instance } = await WebAssembly.instantiate(await readFile(process.argv[2]), go.importObject);
go.run(instance);
const signedAt = performance.now();
const auth = String(globalThis.signerFloorAuthorization ?? "");
if (!auth.startsWith("AWS4-HMAC-SHA256 ")) throw new Error("the signer floor did not sign");
process.stdout.write(JSON.stringify({ ms: signedAt, authorization: auth.slice(0, 60) }) + "\n");
