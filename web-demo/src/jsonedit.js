// JSON pointers (RFC 6901) and in-place edits of JSON text for the config editor's form: a form
// change rewrites only the member it concerns (jsonc-parser's modify), so the rest of the text
// keeps its formatting and the editor its undo history. Positions of problems come from the
// module (the Go validator's ranges), not from here.

import { modify, applyEdits, parseTree, findNodeAtLocation } from 'jsonc-parser';

/** splitPointer decodes "/a/b~1c" into ["a", "b/c"] ("" is the whole value: []). */
export function splitPointer(pointer) {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** joinPointer is splitPointer's inverse. */
export function joinPointer(tokens) {
  return tokens.map((t) => '/' + String(t).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** getAt is the value at pointer in a parsed value, or undefined. */
export function getAt(value, pointer) {
  let v = value;
  for (const t of splitPointer(pointer)) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, t)) return undefined;
    v = v[t];
  }
  return v;
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/**
 * setMember returns text with the member at pointer set to value (removed when value is
 * undefined), missing objects on the way created; objects the removal leaves empty are removed
 * too, up to (not including) the object at keep. It returns null when a value on the way is not
 * an object, and text itself when nothing changes.
 */
export function setMember(text, pointer, value, { keep = '' } = {}) {
  let tokens = splitPointer(pointer);
  let out;
  try {
    out = applyEdits(text, modify(text, tokens, value, FORMAT));
  } catch {
    return null;
  }
  if (value !== undefined) return out;
  const keepDepth = splitPointer(keep).length;
  while (tokens.length - 1 > keepDepth) {
    tokens = tokens.slice(0, -1);
    const node = findNodeAtLocation(parseTree(out), tokens);
    if (!node || node.type !== 'object' || (node.children && node.children.length > 0)) break;
    out = applyEdits(out, modify(out, tokens, undefined, FORMAT));
  }
  return out;
}

/**
 * spanOf is where the member at pointer is in text: {from, to} over "name": value, or over the
 * value for the whole input and array elements; for a member that is not there, the nearest
 * object or array that is. null when the text has no value at all.
 */
export function spanOf(text, pointer) {
  const root = parseTree(text);
  if (!root) return null;
  let tokens = splitPointer(pointer);
  for (;;) {
    const node = findNodeAtLocation(root, tokens.map((t) => (/^\d+$/.test(t) ? Number(t) : t)));
    if (node) {
      const p = node.parent;
      if (p && p.type === 'property') return { from: p.offset, to: p.offset + p.length };
      return { from: node.offset, to: node.offset + node.length };
    }
    if (tokens.length === 0) return null;
    tokens = tokens.slice(0, -1);
  }
}
