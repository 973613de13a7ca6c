// amplifybackend-wasm/core: the same API as amplifybackend-wasm, loading the core module
// (amplifybackend-core.wasm, about 535 KB brotli against 1.25 MB) for pages that validate,
// build requests, read responses and show schemas but do not sign. It is the Go core built
// without the SigV4 signer (-tags nosign), which is what links net/http and crypto/tls into the
// full module. signRequest and send throw an Error saying how to load the full module.
//
//   import { init, validate } from "amplifybackend-wasm/core";
//   await init();                                   // loads ./amplifybackend-core.wasm
//
// One instance per page: both entries share the loaded module (index.js). A page that starts
// with the core module and later needs to sign calls init({wasm: <URL of amplifybackend.wasm>}):
// the full module replaces the core one once it has started (see index.js init).

import { init as initModule } from "./index.js";

export * from "./index.js";

// Its own pattern, so that Vite, webpack 5, Rollup and Parcel emit only this .wasm for a page
// that imports only the core entry (the full entry's pattern is in index.js).
const CORE_WASM = new URL("./amplifybackend-core.wasm", import.meta.url);

/**
 * init loads and starts the core module (or options.wasm, when given). See index.js init.
 *
 * @param {{wasm?: string | URL | Response | Promise<Response> | BufferSource | WebAssembly.Module}} [options]
 */
export function init(options) {
  if (options === undefined) return initModule({ wasm: CORE_WASM });
  if (options !== null && typeof options === "object" && !Array.isArray(options) && options.wasm === undefined) {
    return initModule({ ...options, wasm: CORE_WASM });
  }
  return initModule(options); // checked (and refused, if wrong) by index.js
}
