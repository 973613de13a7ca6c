// The config editor's JSON editor: CodeMirror 6 with JSON syntax, lint markers for the problems
// the module reports (errors and warnings, at the ranges the Go validator gives), completion of
// member names and enum values from the operation's JSON Schema (the module's schema()), and a
// hover card with a member's generated description. Also re-exports jsonc-parser's edit
// functions, which the form uses to rewrite one member's text in place.
//
// esbuild bundles this file and its npm dependencies into dist/editor.js (`make demo`).
//
// Under the page's Content-Security-Policy (style-src 'self', no inline style) CodeMirror cannot
// add a <style> element to the document; in a shadow root it uses a constructed style sheet,
// which the policy allows. So the editor lives in the shadow root of its host element, and
// editor.css is linked in there for the page's own look.

import { EditorState, Compartment, Prec } from '@codemirror/state';
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
  placeholder as placeholderExt, hoverTooltip,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { syntaxTree, bracketMatching, indentOnInput, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';

export { splitPointer, joinPointer, getAt, setMember, spanOf } from './jsonedit.js';

// ---------------------------------------------------------------- schema

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
function schemaCompletion(getSchema) {
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
        return { from: inner.from, to: inner.to, options: memberOptions(root, objSchema, present, true), validFor: /^[\w]*$/ };
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
      return null;
    }
    if (last === '{' || last === ',' || last === '"') {
      const obj = enclosing(tree.resolveInner(from, -1), 'Object');
      if (!obj) return null;
      const objSchema = schemaAt(root, pathOf(state, obj));
      return { from, options: memberOptions(root, objSchema, presentMembers(state, obj), false), validFor: /^[\w]*$/ };
    }
    return null;
  };
}

// ---------------------------------------------------------------- hover

function schemaHover(getSchema) {
  return hoverTooltip((view, pos, side) => {
    const root = getSchema();
    if (!root) return null;
    let node = syntaxTree(view.state).resolveInner(pos, side);
    if (node.name !== 'PropertyName') return null;
    const name = stringAt(view.state, node);
    const obj = enclosing(node, 'Object');
    const s = memberSchema(root, pathOf(view.state, obj), name);
    if (!s) return null;
    return {
      pos: node.from,
      end: node.to,
      above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'member-doc';
        const head = document.createElement('div');
        head.className = 'member-doc-head';
        const b = document.createElement('b');
        b.textContent = name;
        const t = document.createElement('span');
        t.className = 'member-doc-type';
        t.textContent = typeLabel(root, s);
        head.append(b, ' ', t);
        if (s.deprecated) {
          const d = document.createElement('span');
          d.className = 'member-doc-deprecated';
          d.textContent = 'deprecated';
          head.append(' ', d);
        }
        const p = document.createElement('p');
        p.textContent = s.description || '';
        dom.append(head, p);
        return { dom };
      },
    };
  });
}

// ---------------------------------------------------------------- the editor

/**
 * createEditor mounts the editor in host's shadow root.
 *
 * options: doc; label (aria-label); describedBy (an id in the document); placeholder;
 * getSchema() -> the JSON Schema to complete and describe from, or null; onChange(text) after
 * every edit; keys: {key: () => void} bindings that take precedence (F8, Alt-Shift-f...).
 *
 * The host gets the textarea-like properties scripts and tests use: value (get/set, a set
 * replaces the whole text as one undoable change), selectionStart, selectionEnd, focus().
 */
export function createEditor(host, options) {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = options.css ?? '/editor.css';
  const mount = document.createElement('div');
  mount.className = 'mount';
  shadow.replaceChildren(link, mount);

  const editable = new Compartment();
  const hint = new Compartment();
  const attrs = new Compartment();
  const contentAttrs = (on) => ({
    'aria-label': options.label ?? 'JSON',
    'aria-multiline': 'true',
    'aria-disabled': on ? 'false' : 'true',
    spellcheck: 'false',
    autocapitalize: 'off',
    autocorrect: 'off',
  });
  const keys = Object.entries(options.keys ?? {}).map(([key, run]) => ({ key, run: () => (run(), true), preventDefault: true }));

  const view = new EditorView({
    parent: mount,
    root: shadow,
    state: EditorState.create({
      doc: options.doc ?? '',
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        json(),
        EditorState.tabSize.of(2),
        autocompletion({ override: [schemaCompletion(options.getSchema)], icons: false }),
        schemaHover(options.getSchema),
        Prec.highest(keymap.of(keys)),
        // No Tab binding: Tab moves the focus, as on the rest of the page.
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
        hint.of(placeholderExt(options.placeholder ?? '')),
        editable.of(EditorView.editable.of(false)),
        attrs.of(EditorView.contentAttributes.of(contentAttrs(false))),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange?.(u.state.doc.toString(), u);
        }),
      ],
    }),
  });

  Object.defineProperties(host, {
    value: {
      configurable: true,
      get: () => view.state.doc.toString(),
      set: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: String(text) } }),
    },
    selectionStart: { configurable: true, get: () => view.state.selection.main.from },
    selectionEnd: { configurable: true, get: () => view.state.selection.main.to },
    focus: { configurable: true, value: () => view.focus() },
  });

  return {
    view,
    get text() {
      return view.state.doc.toString();
    },
    /** Replaces the whole text, keeping the scroll position when asked. */
    setText(text, { keepScroll = true } = {}) {
      const top = view.scrollDOM.scrollTop;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      if (keepScroll) view.scrollDOM.scrollTop = top;
      else view.scrollDOM.scrollTop = view.scrollDOM.scrollLeft = 0;
    },
    setPlaceholder(text) {
      view.dispatch({ effects: hint.reconfigure(placeholderExt(text)) });
    },
    setEditable(on) {
      view.dispatch({ effects: [editable.reconfigure(EditorView.editable.of(on)), attrs.reconfigure(EditorView.contentAttributes.of(contentAttrs(on)))] });
    },
    /** Shows the problems: [{from, to, severity: "error"|"warning", message, source}]. */
    setDiagnostics(list) {
      const len = view.state.doc.length;
      const ds = list.map((d) => ({ ...d, from: Math.min(d.from, len), to: Math.min(Math.max(d.to, d.from), len) }));
      view.dispatch(setDiagnostics(view.state, ds));
    },
    select(from, to) {
      view.focus();
      view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    },
    focus() {
      view.focus();
    },
    hasFocus() {
      return view.hasFocus;
    },
  };
}
