// amplifybackend-wasm/core: the API of amplifybackend-wasm with the core module (no signer).
export * from "./index.js";
import type { InitOptions } from "./index.js";

/**
 * Loads and starts the core module, amplifybackend-core.wasm next to core.js (or options.wasm).
 * signRequest and send then throw an Error saying how to load the full module.
 */
export function init(options?: InitOptions): Promise<void>;
