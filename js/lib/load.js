// Loading and instantiating the WebAssembly module. Internal to the package; the API is
// ../index.js. Nothing here uses eval or new Function: the only CSP source a page or a
// Manifest V3 extension needs is 'wasm-unsafe-eval' (for WebAssembly.instantiate).

function isNode() {
  return typeof process === "object" && process !== null && typeof process.versions === "object" && process.versions !== null && typeof process.versions.node === "string";
}

// nodeFS returns node:fs/promises without a static import (so that browser bundlers never see
// one): process.getBuiltinModule (Node >= 20.16), else a dynamic import whose specifier is not
// a literal, which bundlers leave alone.
async function nodeFS() {
  if (typeof process.getBuiltinModule === "function") return process.getBuiltinModule("node:fs/promises");
  const specifier = ["node:fs", "promises"].join("/");
  return import(/* webpackIgnore: true */ /* @vite-ignore */ specifier);
}

function isResponse(v) {
  return typeof Response === "function" && v instanceof Response;
}

function isBufferSource(v) {
  return v instanceof ArrayBuffer || ArrayBuffer.isView(v) || (typeof SharedArrayBuffer === "function" && v instanceof SharedArrayBuffer);
}

// Response is tested last, here and in instantiate: in Node the global Response getter loads
// undici (about 30 ms on first use), which a module given as bytes, compiled, or as a file
// (a path or a file: URL) never needs.

/** describeSource names where the module comes from, for error messages. */
export function describeSource(wasm) {
  if (typeof wasm === "string") return wasm;
  if (wasm instanceof URL) return wasm.href;
  if (wasm instanceof WebAssembly.Module) return "a WebAssembly.Module";
  if (isBufferSource(wasm)) return "bytes";
  if (isResponse(wasm)) return wasm.url || "a Response";
  return "a Promise";
}

/** checkWasmOption returns what options.wasm must be when it is none of the accepted kinds. */
export function checkWasmOption(v) {
  if (typeof v === "string" || v instanceof URL || v instanceof WebAssembly.Module || isBufferSource(v) || isResponse(v)) return null;
  if (v !== null && typeof v === "object" && typeof v.then === "function") return null; // Promise<Response>
  return "a URL, a string, a Response, a Promise of a Response, a BufferSource or a WebAssembly.Module";
}

async function instantiateResponse(res, imports) {
  if (!res.ok) throw new Error("fetching " + (res.url || "the module") + " failed: HTTP " + res.status);
  const type = res.headers.get("content-type") || "";
  if (typeof WebAssembly.instantiateStreaming === "function" && type.split(";")[0].trim().toLowerCase() === "application/wasm") {
    return (await WebAssembly.instantiateStreaming(res, imports)).instance;
  }
  return (await WebAssembly.instantiate(await res.arrayBuffer(), imports)).instance;
}

function fileURL(s) {
  try {
    const u = new URL(s);
    return u.protocol === "file:" ? u : null;
  } catch {
    return null;
  }
}

/**
 * instantiate returns a WebAssembly.Instance of the module from source (see init's options.wasm;
 * index.js passes its default, the module next to it) with the given imports.
 */
export async function instantiate(source, imports) {
  let wasm = source;
  if (wasm instanceof WebAssembly.Module) return WebAssembly.instantiate(wasm, imports);
  if (isBufferSource(wasm)) return (await WebAssembly.instantiate(wasm, imports)).instance;
  if (typeof wasm === "string" || wasm instanceof URL) {
    if (isNode()) {
      // Node: file: URLs and plain paths are read from disk (Node's fetch has no file: support);
      // anything else is fetched.
      const str = String(wasm);
      const isURL = wasm instanceof URL || /^[a-z][a-z0-9+.-]*:/i.test(str) && !/^[a-z]:[\\/]/i.test(str);
      const file = wasm instanceof URL ? (wasm.protocol === "file:" ? wasm : null) : isURL ? fileURL(str) : str;
      if (file !== null) {
        const fs = await nodeFS();
        return (await WebAssembly.instantiate(await fs.readFile(file), imports)).instance;
      }
    }
    wasm = fetch(wasm);
  }
  const res = await wasm;
  if (!isResponse(res)) throw new Error("options.wasm resolved to " + (res === null ? "null" : typeof res) + ", not a Response");
  return instantiateResponse(res, imports);
}
