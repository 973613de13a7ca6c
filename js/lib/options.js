// Option checks done in JS before anything crosses into Go: unknown option names (with a
// close match) and wrong option types. Internal to the package; the API is ../index.js.

/** editDistance is the optimal string alignment distance, ignoring ASCII letter case (as Go's). */
function editDistance(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let prev2 = new Array(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
      }
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}

/**
 * closest returns the candidate closest to name, or "" when none is close, with the same rule
 * as the Go side's validate.Closest: equal but for case; within one edit (names under 5
 * letters), two (under 12) or three; else the shortest candidate containing name (4+ letters).
 */
export function closest(name, candidates) {
  if (name.length > 128) return "";
  let best = "";
  let bestD = Infinity;
  for (const c of candidates) {
    if (c.toLowerCase() === name.toLowerCase()) return c;
    const limit = c.length >= 12 ? 3 : c.length >= 5 ? 2 : 1;
    if (Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name, c);
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best !== "" || name.length < 4) return best;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c.toLowerCase().includes(lower) && (best === "" || c.length < best.length)) best = c;
  }
  return best;
}

/** typeName describes the type of an option value in a message (never the value itself). */
export function typeName(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  switch (typeof v) {
    case "object": return v instanceof Date ? "a Date" : "an object";
    case "bigint": return "a BigInt";
    case "number": return Number.isNaN(v) ? "NaN" : Number.isFinite(v) ? "a number" : "an infinite number";
    case "undefined": return "undefined";
  }
  return "a " + typeof v;
}

const quote = (s) => JSON.stringify(String(s));

/**
 * checkOptions checks the own enumerable keys of an options object against a spec and returns
 * the problems (an empty array when there are none).
 *
 * @param {unknown} options the caller's options (undefined is treated as {})
 * @param {Record<string, (v: unknown) => string | null>} spec option name -> check, returning
 *   what the value must be ("a string") when it is wrong, or null when it is fine; an undefined
 *   value is always fine (absent)
 * @param {string} where "buildRequest options", "signRequest options.credentials", ...
 * @param {string} path JSON pointer of the options object ("/options")
 * @param {string[]} [ignored] names accepted and ignored
 */
export function checkOptions(options, spec, where, path, ignored = []) {
  if (options === undefined) return [];
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    return [{ path, code: "type", message: "The " + where + " must be an object, not " + typeName(options) + "." }];
  }
  const problems = [];
  const names = Object.keys(spec);
  for (const k of Object.keys(options)) {
    const p = path + "/" + k.replace(/~/g, "~0").replace(/\//g, "~1");
    if (!Object.prototype.hasOwnProperty.call(spec, k)) {
      if (ignored.includes(k)) continue;
      const m = closest(k, names);
      problems.push({
        path: p,
        code: "unknown",
        message: "Invalid option " + quote(k) + " in " + where + (m ? "; did you mean " + quote(m) + "?" : "; the options are " + names.map(quote).join(", ") + "."),
      });
      continue;
    }
    const v = options[k];
    if (v === undefined) continue;
    const want = spec[k](v);
    if (want !== null) {
      problems.push({ path: p, code: "type", message: "Option " + quote(k) + " in " + where + " must be " + want + ", not " + typeName(v) + "." });
    }
  }
  return problems;
}

export const isString = (v) => (typeof v === "string" ? null : "a string");
export const isBoolean = (v) => (typeof v === "boolean" ? null : "a boolean");
export const isObject = (v) => (v !== null && typeof v === "object" && !Array.isArray(v) ? null : "an object");
