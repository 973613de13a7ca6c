// A small JSON parser that also records where every value sits in the text,
// keyed by RFC 6901 JSON pointer, so that a problem's path can be turned into
// a selection in the editor and a form can edit one value in place.
//
// It is used for positions and for the form only: whether the input is valid
// is always decided by the WebAssembly validator.

/** @typedef {{keyStart?: number, keyEnd?: number, start: number, end: number}} Span */

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function escapeToken(s) {
  return String(s).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Splits a JSON pointer into its unescaped reference tokens. */
export function splitPointer(p) {
  if (p === '') return [];
  return p.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function joinPointer(tokens) {
  return tokens.map((t) => '/' + escapeToken(t)).join('');
}

class ParseError extends Error {
  constructor(message, offset) {
    super(message);
    this.offset = offset;
  }
}

/**
 * Parses text. Returns {ok, value, spans: Map<pointer, Span>, error?}, where
 * error is {message, offset, line, column} (1-based line and column).
 * On a syntax error, spans holds what was read before it.
 */
export function parse(text) {
  const spans = new Map();
  let i = 0;
  const n = text.length;

  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const describe = () => (i >= n ? 'end of input' : `'${text[i]}'`);

  const string = () => {
    // text[i] is '"'
    const start = i++;
    let out = '';
    let chunk = i;
    while (true) {
      if (i >= n) throw new ParseError('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 0x20) throw new ParseError('control character in a string (write it as an escape, like \\n)', i);
      if (c === 0x5c) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const map = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in map) {
          out += map[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ParseError('bad \\u escape (it needs four hex digits)', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          throw new ParseError(`bad escape '\\${e ?? ''}'`, i);
        }
        chunk = i;
        continue;
      }
      i++;
    }
  };

  const number = () => {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') throw new ParseError(`unexpected ${describe()}: expected a value`, i);
    i += m[0].length;
    return Number(m[0]);
  };

  const value = (ptr, depth) => {
    if (depth > 512) throw new ParseError('nested too deeply', i);
    ws();
    const start = i;
    const c = text[i];
    let v;
    if (c === '{') {
      i++;
      v = {};
      spans.set(ptr, { start, end: -1 });
      ws();
      if (text[i] === '}') {
        i++;
      } else {
        while (true) {
          ws();
          if (text[i] !== '"') {
            throw new ParseError(
              text[i] === '}' ? 'trailing comma before }' : `unexpected ${describe()}: expected a member name in double quotes`,
              i,
            );
          }
          const keyStart = i;
          const key = string();
          const keyEnd = i;
          ws();
          if (text[i] !== ':') throw new ParseError(`unexpected ${describe()}: expected ':' after the member name`, i);
          i++;
          const childPtr = ptr + '/' + escapeToken(key);
          const first = !spans.has(childPtr);
          const prev = first ? undefined : spans.get(childPtr);
          const child = value(childPtr, depth + 1);
          const sp = spans.get(childPtr);
          if (first) {
            sp.keyStart = keyStart;
            sp.keyEnd = keyEnd;
          } else {
            // Keep the first occurrence's position; the validator reports the duplicate.
            spans.set(childPtr, prev);
          }
          if (first) Object.defineProperty(v, key, { value: child, enumerable: true, writable: true, configurable: true });
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          throw new ParseError(`unexpected ${describe()}: expected ',' or '}' after a member`, i);
        }
      }
    } else if (c === '[') {
      i++;
      v = [];
      spans.set(ptr, { start, end: -1 });
      ws();
      if (text[i] === ']') {
        i++;
      } else {
        while (true) {
          ws();
          if (text[i] === ']') throw new ParseError('trailing comma before ]', i);
          v.push(value(ptr + '/' + v.length, depth + 1));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          throw new ParseError(`unexpected ${describe()}: expected ',' or ']' after an element`, i);
        }
      }
    } else if (c === '"') {
      v = string();
    } else if (c === 't' && text.startsWith('true', i)) {
      i += 4;
      v = true;
    } else if (c === 'f' && text.startsWith('false', i)) {
      i += 5;
      v = false;
    } else if (c === 'n' && text.startsWith('null', i)) {
      i += 4;
      v = null;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      v = number();
    } else {
      throw new ParseError(`unexpected ${describe()}: expected a value`, i);
    }
    const sp = spans.get(ptr);
    if (sp && sp.start === start && sp.end === -1) sp.end = i;
    else spans.set(ptr, { start, end: i });
    return v;
  };

  try {
    const v = value('', 0);
    ws();
    if (i < n) throw new ParseError(`unexpected ${describe()} after the end of the JSON value`, i);
    return { ok: true, value: v, spans };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const { line, column } = lineColumn(text, e.offset);
    return { ok: false, value: undefined, spans, error: { message: e.message, offset: e.offset, line, column } };
  }
}

/** 1-based line and column (in UTF-16 code units, as editors count) of offset. */
export function lineColumn(text, offset) {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset where 1-based line starts. */
export function lineStartOffset(text, line) {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const k = text.indexOf('\n', off);
    if (k === -1) return text.length;
    off = k + 1;
  }
  return off;
}

/**
 * Where in the text a problem at pointer should be shown: the member's name
 * and value when it exists, else the nearest existing ancestor (a missing
 * member is reported at the path where it should be).
 * Returns {start, end, exact, pointer} or null when nothing was parsed.
 */
export function locate(spans, pointer) {
  let tokens = splitPointer(pointer);
  for (let exact = true; ; exact = false) {
    const p = joinPointer(tokens);
    const sp = spans.get(p);
    if (sp && sp.end >= 0) {
      if (exact) {
        return { start: sp.keyStart ?? sp.start, end: sp.end, exact, pointer: p };
      }
      // For an ancestor, point at its opening line only (not the whole object).
      return { start: sp.keyStart ?? sp.start, end: (sp.keyStart !== undefined ? sp.keyEnd : sp.start + 1), exact, pointer: p };
    }
    if (tokens.length === 0) return null;
    tokens = tokens.slice(0, -1);
  }
}

/** The value at pointer in v, or undefined. */
export function getAt(v, pointer) {
  for (const t of splitPointer(pointer)) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, t)) return undefined;
    v = v[t];
  }
  return v;
}

/**
 * Sets (or, when value is undefined, deletes) the member at pointer in the
 * object root, creating objects on the way. Objects that become empty by a
 * deletion are removed up to (not including) the keep-depth ancestor.
 * Returns false when a non-object is in the way.
 */
export function setAt(root, pointer, value, keepDepth = 0) {
  const tokens = splitPointer(pointer);
  const chain = [root];
  let o = root;
  for (const t of tokens.slice(0, -1)) {
    if (!Object.hasOwn(o, t) || o[t] === null || o[t] === undefined) {
      if (value === undefined) return true;
      o[t] = {};
    }
    if (typeof o[t] !== 'object' || Array.isArray(o[t])) return false;
    o = o[t];
    chain.push(o);
  }
  const last = tokens[tokens.length - 1];
  if (value === undefined) {
    delete o[last];
    for (let d = chain.length - 1; d > keepDepth; d--) {
      if (Object.keys(chain[d]).length !== 0) break;
      delete chain[d - 1][tokens[d - 1]];
    }
  } else {
    o[last] = value;
  }
  return true;
}

const indentAt = (text, offset) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))[0];
const isWS = (c) => c === ' ' || c === '\n' || c === '\r' || c === '\t';
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Edits the text of a parsed JSON document in place: sets the member at
 * pointer to value (replacing, or inserting it and any missing objects on the
 * way), or deletes it when value is undefined (also deleting objects left
 * empty, down to keepDepth). Everything else keeps its formatting. Returns the
 * new text, or null when the edit cannot be made (a non-object on the way,
 * or text that did not parse).
 */
export function editText(text, parsed, pointer, value, keepDepth = 0) {
  if (!parsed.ok) return null;
  const tokens = splitPointer(pointer);
  if (tokens.length === 0) return null;
  const sp = parsed.spans.get(pointer);
  const parentPtr = joinPointer(tokens.slice(0, -1));

  if (value === undefined) {
    if (sp === undefined) return text; // nothing to delete
    const parent = getAt(parsed.value, parentPtr);
    if (!isPlainObject(parent)) return null;
    if (Object.keys(parent).length === 1 && tokens.length - 1 > keepDepth) {
      return editText(text, parsed, parentPtr, undefined, keepDepth);
    }
    return deleteMember(text, parsed, parentPtr, sp);
  }

  const json = (v, indent) => JSON.stringify(v, null, 2).replaceAll('\n', '\n' + indent);
  if (sp !== undefined) {
    return text.slice(0, sp.start) + json(value, indentAt(text, sp.keyStart ?? sp.start)) + text.slice(sp.end);
  }

  // Insert into the deepest existing ancestor, which must be an object.
  let k = tokens.length - 1;
  while (k > 0 && !parsed.spans.has(joinPointer(tokens.slice(0, k)))) k--;
  const ancPtr = joinPointer(tokens.slice(0, k));
  const anc = getAt(parsed.value, ancPtr);
  if (!isPlainObject(anc)) return null;
  let v = value;
  for (let j = tokens.length - 1; j > k; j--) v = { [tokens[j]]: v };
  const asp = parsed.spans.get(ancPtr);
  const base = indentAt(text, asp.keyStart ?? asp.start);
  const inner = base + '  ';
  const member = JSON.stringify(tokens[k]) + ': ' + json(v, inner);
  const close = asp.end - 1; // the object's '}'
  if (Object.keys(anc).length === 0) {
    return text.slice(0, asp.start + 1) + '\n' + inner + member + '\n' + base + text.slice(close);
  }
  let p = close - 1;
  while (p > asp.start && isWS(text[p])) p--;
  // p is the last character of the last member's value.
  const lastKey = Object.keys(anc).at(-1);
  const lsp = parsed.spans.get(ancPtr + '/' + escapeToken(lastKey));
  const memberIndent = lsp ? indentAt(text, lsp.keyStart) : inner;
  const oneLine = lsp && text.lastIndexOf('\n', lsp.keyStart) <= asp.start;
  if (oneLine) return text.slice(0, p + 1) + ', ' + JSON.stringify(tokens[k]) + ': ' + JSON.stringify(v) + text.slice(p + 1);
  return text.slice(0, p + 1) + ',\n' + memberIndent + JSON.stringify(tokens[k]) + ': ' + json(v, memberIndent) + text.slice(p + 1);
}

function deleteMember(text, parsed, parentPtr, sp) {
  const parent = getAt(parsed.value, parentPtr);
  const psp = parsed.spans.get(parentPtr);
  if (Object.keys(parent).length === 1) {
    return text.slice(0, psp.start) + '{}' + text.slice(psp.end);
  }
  // With a comma before it (not the first member): from the end of the
  // previous value to the end of this one.
  let b = sp.keyStart - 1;
  while (b > psp.start && isWS(text[b])) b--;
  if (text[b] === ',') return text.slice(0, b) + text.slice(sp.end);
  // The first member: up to the start of the next member's name.
  let a = sp.end;
  while (a < psp.end && isWS(text[a])) a++;
  if (text[a] === ',') {
    a++;
    while (a < psp.end && isWS(text[a])) a++;
  }
  return text.slice(0, sp.keyStart) + text.slice(a);
}
