// JS value -> JSON text for the Go core, with a defined result for every value JSON.stringify
// would silently change or choke on. Internal to the package; the API is ../index.js.
//
// What it does, per value (problems use the shared shape {path, code, message}; path is an
// RFC 6901 pointer into the value as the caller gave it):
//   - string: JSON.stringify (lone surrogates come out escaped as \udXXX; the Go validator
//     reports them with code "invalid").
//   - number: finite numbers as JSON.stringify writes them; NaN, Infinity, -Infinity are a
//     problem (code "type"), never null.
//   - boolean, null: as is.
//   - undefined: an object member whose value is undefined is left out (absent); an array
//     element that is undefined (or a hole) becomes null, as JSON.stringify does, and the Go
//     side reports it.
//   - bigint, symbol, function: a problem (code "type").
//   - objects: a value with a toJSON method (Date) is replaced by what it returns, as
//     JSON.stringify does; Number/String/Boolean wrapper objects are unwrapped; arrays are
//     arrays; Map, Set, WeakMap, WeakSet, ArrayBuffer, typed arrays, DataView, Promise and
//     RegExp are a problem (code "type": JSON.stringify would turn most of them into {});
//     any other object is written with its own enumerable string keys (Object.keys), which
//     includes own "__proto__" and "constructor" keys. Nothing is ever assigned, so no
//     prototype can be reached or changed. Symbol keys are ignored, as by JSON.stringify.
//   - a cycle (an object that contains itself) is a problem (code "invalid") at the place it
//     repeats; nesting deeper than MAX_DEPTH is one problem (code "limit") and the walk stops
//     descending there, so no input can overflow the stack.
//
// A value with a problem is left out of the JSON (an object member) or written as null (an
// array element, or the whole input), so that the rest can still be checked by the Go side;
// the caller merges both lists (see mergeProblems).

/** Deepest nesting written; the Go validator's own default limit (64) is far below it. */
export const MAX_DEPTH = 512;

const objectToString = Object.prototype.toString;

const REJECTED_TAGS = new Set([
  "[object Map]", "[object Set]", "[object WeakMap]", "[object WeakSet]", "[object WeakRef]",
  "[object ArrayBuffer]", "[object SharedArrayBuffer]", "[object DataView]", "[object Promise]",
  "[object RegExp]", "[object Error]",
]);

/** escapeToken escapes one RFC 6901 reference token. */
export function escapeToken(key) {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function describeType(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  switch (typeof v) {
    case "string": return "a string";
    case "number": return Number.isNaN(v) ? "NaN" : Number.isFinite(v) ? "a number" : v > 0 ? "Infinity" : "-Infinity";
    case "bigint": return "a BigInt";
    case "symbol": return "a symbol";
    case "function": return "a function";
    case "boolean": return "a boolean";
    case "undefined": return "undefined";
  }
  const tag = objectToString.call(v).slice(8, -1);
  if (ArrayBuffer.isView(v)) return "a " + tag;
  return tag === "Object" ? "an object" : "a " + tag;
}

function subject(path) {
  if (path === "") return "The input";
  const i = path.lastIndexOf("/");
  const last = path.slice(i + 1).replace(/~1/g, "/").replace(/~0/g, "~");
  return /^\d+$/.test(last) ? "Element " + last : last;
}

/** Nesting up to which isPlainJSON looks; deeper values (and cycles) take the full walk. */
const PLAIN_DEPTH = 64;

/**
 * isPlainJSON reports whether JSON.stringify(v) gives exactly what the walk in toJSON would:
 * v holds only plain objects (prototype Object.prototype or null), arrays, strings, finite
 * numbers, booleans, null and undefined (absent as a member, null in an array, as both write
 * it). Anything else — a toJSON method, a wrapper, NaN, a BigInt, a cycle, deep nesting — says
 * no, and the walk handles it.
 */
function isPlainJSON(v, depth) {
  switch (typeof v) {
    case "string":
    case "boolean":
    case "undefined":
      return true;
    case "number":
      return Number.isFinite(v);
    case "object":
      break;
    default:
      return false;
  }
  if (v === null) return true;
  if (depth >= PLAIN_DEPTH) return false;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!isPlainJSON(v[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) if (!isPlainJSON(v[keys[i]], depth + 1)) return false;
  return true;
}

/**
 * toJSON converts value to JSON text for the Go core.
 * @param {unknown} value
 * @param {string} [root] JSON pointer prefix of value (for option objects: "/credentials")
 * @returns {{json: string, problems: {path: string, code: string, message: string}[]}}
 */
export function toJSON(value, root = "") {
  // The common case — plain objects, arrays, strings, finite numbers, booleans, null — is
  // exactly what JSON.stringify writes, natively and several times faster than the walk below.
  if (isPlainJSON(value, 0)) return { json: JSON.stringify(value) ?? "null", problems: [] };
  const problems = [];
  const stack = new Set(); // objects being written, to find cycles
  const tokens = []; // the path of the value being written, built into a pointer only for a problem
  let limited = false;

  function bad(code, message) {
    let path = root;
    for (const t of tokens) path += "/" + (typeof t === "number" ? t : escapeToken(t));
    problems.push({ path, code, message: message(path) });
  }

  // write returns the JSON of v, or undefined when v is to be left out.
  function write(v, key, depth) {
    if (v !== null && (typeof v === "object" || typeof v === "function") && typeof v.toJSON === "function") {
      v = v.toJSON(key);
    }
    switch (typeof v) {
      case "string":
        return JSON.stringify(v);
      case "boolean":
        return v ? "true" : "false";
      case "number":
        if (Number.isFinite(v)) return JSON.stringify(v);
        bad("type", (p) => subject(p) + " is " + describeType(v) + ", which JSON cannot represent; use a finite number.");
        return undefined;
      case "undefined":
        return undefined;
      case "bigint":
        bad("type", (p) => subject(p) + " is a BigInt, which JSON cannot represent; use a number.");
        return undefined;
      case "symbol":
      case "function":
        bad("type", (p) => subject(p) + " is " + describeType(v) + ", which JSON cannot represent.");
        return undefined;
    }
    if (v === null) return "null";
    // Wrapper objects: new String("x") and the like.
    if (v instanceof String || v instanceof Number || v instanceof Boolean) {
      return write(v.valueOf(), key, depth);
    }
    if (REJECTED_TAGS.has(objectToString.call(v)) || ArrayBuffer.isView(v)) {
      bad("type", (p) => subject(p) + " is " + describeType(v) + "; use a plain object, an array or a primitive value.");
      return undefined;
    }
    if (stack.has(v)) {
      bad("invalid", (p) => subject(p) + " refers to an object that contains it (a cycle), which JSON cannot represent.");
      return undefined;
    }
    if (depth >= MAX_DEPTH) {
      if (!limited) {
        limited = true;
        bad("limit", () => "The input nests objects and arrays deeper than " + MAX_DEPTH + " levels.");
      }
      return undefined;
    }
    stack.add(v);
    let out;
    if (Array.isArray(v)) {
      out = "[";
      for (let i = 0; i < v.length; i++) {
        tokens.push(i);
        const s = write(v[i], String(i), depth + 1);
        tokens.pop();
        out += (i > 0 ? "," : "") + (s === undefined ? "null" : s);
      }
      out += "]";
    } else {
      out = "{";
      let first = true;
      for (const k of Object.keys(v)) {
        tokens.push(k);
        const s = write(v[k], k, depth + 1);
        tokens.pop();
        if (s === undefined) continue;
        out += (first ? "" : ",") + quoteKey(k) + ":" + s;
        first = false;
      }
      out += "}";
    }
    stack.delete(v);
    return out;
  }

  const json = write(value, "", 0);
  return { json: json === undefined ? "null" : json, problems };
}

// Member names repeat from call to call (an editor validates the same shape on every keystroke):
// their JSON text is kept.
const quoted = new Map();
function quoteKey(k) {
  let q = quoted.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quoted.size < 4096) quoted.set(k, q);
  }
  return q;
}

/**
 * mergeProblems puts the problems found in JS first and then the Go side's, leaving out a
 * Go problem at (or under) a path JS already reported: those come from the placeholder JS
 * wrote there (an absent member, a null element). JS's depth limit problem is left out when
 * the Go side reports a limit of its own.
 */
export function mergeProblems(jsProblems, goProblems) {
  if (jsProblems.length === 0) return goProblems;
  if (goProblems.some((p) => p.code === "limit")) {
    // The Go side's own depth limit is far lower than MAX_DEPTH and ended its walk: it already
    // says what JS's limit would.
    jsProblems = jsProblems.filter((p) => p.code !== "limit");
  }
  const rest = goProblems.filter((p) => !jsProblems.some((q) => p.path === q.path || p.path.startsWith(q.path + "/")));
  return jsProblems.concat(rest);
}
