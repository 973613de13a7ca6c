// What the editor knows from an operation's JSON Schema (the module's schema()): the completion
// source for member names and enum values, and the member a hover is over. Pure functions of an
// EditorState (no DOM), so test/units.test.mjs runs them in Node.

import { syntaxTree } from '@codemirror/language';

/** resolve follows $ref and the non-null branch of anyOf. */
export function resolve(root, s) {
  for (let guard = 0; s && guard < 20; guard++) {
    if (s.$ref) {
      s = root.$defs?.[s.$ref.replace('#/$defs/', '')];
      continue;
    }
    if (s.anyOf) {
      s = s.anyOf.find((x) => x.type !== 'null') || s.anyOf[0];
      continue;
    }
    break;
  }
  return s || {};
}

/** schemaAt is the schema of the value at path (an array of member names and indexes). */
function schemaAt(root, path) {
  let s = resolve(root, root);
  for (const k of path) {
    if (typeof k === 'number') s = resolve(root, s.items);
    else s = s.properties?.[k] ? s.properties[k] : undefined;
    if (!s) return null;
    s = resolve(root, s);
  }
  return s;
}

/** memberSchema is the unresolved schema of member name at path (it carries the description). */
function memberSchema(root, path, name) {
  const parent = schemaAt(root, path);
  return parent?.properties?.[name] ?? null;
}

function typeLabel(root, s) {
  const r = resolve(root, s);
  if (r.enum) return 'enum';
  const t = Array.isArray(r.type) ? r.type.find((x) => x !== 'null') : r.type;
  if (t === 'array') return `${typeLabel(root, r.items || {})}[]`;
  return t || 'any';
}

// ---------------------------------------------------------------- syntax tree

/** The decoded text of a String or PropertyName node. */
function stringAt(state, node) {
  const raw = state.sliceDoc(node.from, node.to);
  try {
    return JSON.parse(raw);
  } catch {
    return raw.replace(/^"|"$/g, '');
  }
}

/**
 * pathOf is the location of a node's value: the member names and array indexes from the root,
 * e.g. ["ResourceConfig", "UserPoolConfigs"] for a node inside that object.
 */
function pathOf(state, node) {
  const path = [];
  for (let n = node; n; n = n.parent) {
    const p = n.parent;
    if (!p) break;
    if (p.name === 'Property' && n.name !== 'PropertyName') {
      const key = p.getChild('PropertyName');
      if (key) path.unshift(stringAt(state, key));
    } else if (p.name === 'Array' && n.name !== '[' && n.name !== ']' && n.name !== ',') {
      let i = 0;
      for (let c = n.prevSibling; c; c = c.prevSibling) if (c.name !== '[' && c.name !== ',' && c.name !== '⚠') i++;
      path.unshift(i);
    }
  }
  return path;
}

function enclosing(node, name) {
  for (let n = node; n; n = n.parent) if (n.name === name) return n;
  return null;
}

// ---------------------------------------------------------------- completion

function memberOptions(root, objSchema, present, quoted) {
  const props = objSchema?.properties || {};
  const req = new Set(objSchema?.required || []);
  return Object.keys(props).filter((k) => !present.has(k)).map((k) => {
    const s = props[k];
    return {
      label: k,
      type: 'property',
      detail: (req.has(k) ? 'required · ' : '') + typeLabel(root, s) + (s.deprecated ? ' · deprecated' : ''),
      info: s.description,
      boost: s.deprecated ? -10 : req.has(k) ? 2 : 0,
      apply: quoted ? k : `"${k}": `,
      deprecated: !!s.deprecated,
    };
  });
}

function presentMembers(state, obj) {
  const names = new Set();
  if (!obj) return names;
  for (let c = obj.firstChild; c; c = c.nextSibling) {
    if (c.name === 'Property') {
      const k = c.getChild('PropertyName');
      if (k) names.add(stringAt(state, k));
    }
  }
  return names;
}

function enumOptions(s, quoted) {
  return (s?.enum || []).map((v) => ({ label: v, type: 'enum', apply: quoted ? v : JSON.stringify(v) }));
}

/** A completion source over the schema that getSchema() returns (null: no completion). */
export function schemaCompletion(getSchema) {
  return (ctx) => {
    const root = getSchema();
    if (!root) return null;
    const { state, pos } = ctx;
    const tree = syntaxTree(state);
    const node = tree.resolveInner(pos, -1);

    // Inside a quoted name or value: complete what is between the quotes.
    if (node.name === 'PropertyName' || node.name === 'String') {
      const closed = node.to - node.from >= 2 && state.sliceDoc(node.to - 1, node.to) === '"';
      const inner = { from: node.from + 1, to: closed ? node.to - 1 : node.to };
      if (pos < inner.from) return null;
      const parent = node.parent;
      const isName = node.name === 'PropertyName' || (parent?.name === 'Object') || (parent?.name === '⚠' && parent.parent?.name === 'Object');
      if (isName) {
        const obj = enclosing(node, 'Object');
        const objSchema = schemaAt(root, pathOf(state, obj));
        const present = presentMembers(state, obj);
        present.delete(stringAt(state, node));
        const options = memberOptions(root, objSchema, present, true);
        return options.length ? { from: inner.from, to: inner.to, options, validFor: /^[\w]*$/ } : null;
      }
      // A value: an enum member's values, or an enum list's.
      const s = schemaAt(root, pathOf(state, node));
      if (s?.enum) return { from: inner.from, to: inner.to, options: enumOptions(s, true), validFor: /^[\w]*$/ };
      return null;
    }

    // Not in a string: a bare word (or nothing) where a member or a value can go.
    const word = ctx.matchBefore(/[\w]*/);
    if (!word || (word.from === word.to && !ctx.explicit)) {
      // Typing '"' or ':' opens completion on the next keystroke; only explicit requests here.
      if (!ctx.explicit) return null;
    }
    const from = word ? word.from : pos;
    const before = state.sliceDoc(Math.max(0, from - 200), from).replace(/\s+$/, '');
    const last = before.slice(-1);
    if (last === ':') {
      // After "Name": a value of that member.
      const prop = enclosing(tree.resolveInner(from, -1), 'Property');
      const key = prop?.getChild('PropertyName');
      if (!key) return null;
      const s = schemaAt(root, [...pathOf(state, enclosing(prop, 'Object')), stringAt(state, key)]);
      if (s?.enum) return { from, options: enumOptions(s, false) };
      const t = Array.isArray(s?.type) ? s.type.find((x) => x !== 'null') : s?.type;
      if (t === 'boolean') return { from, options: ['true', 'false'].map((v) => ({ label: v, type: 'keyword' })) };
      return null;
    }
    if (last === '{' || last === ',' || last === '"') {
      const obj = enclosing(tree.resolveInner(from, -1), 'Object');
      if (!obj) return null;
      const objSchema = schemaAt(root, pathOf(state, obj));
      const options = memberOptions(root, objSchema, presentMembers(state, obj), false);
      return options.length ? { from, options, validFor: /^[\w]*$/ } : null;
    }
    return null;
  };
}

/**
 * memberAt describes the member whose name is at pos: {name, from, to, type, description,
 * deprecated}, or null.
 */
export function memberAt(state, pos, side, root) {
  const node = syntaxTree(state).resolveInner(pos, side);
  if (node.name !== 'PropertyName') return null;
  const name = stringAt(state, node);
  const s = memberSchema(root, pathOf(state, enclosing(node, 'Object')), name);
  if (!s) return null;
  return { name, from: node.from, to: node.to, type: typeLabel(root, s), description: s.description || '', deprecated: !!s.deprecated };
}
