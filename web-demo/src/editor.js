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
import { bracketMatching, indentOnInput, syntaxHighlighting, defaultHighlightStyle } from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';

import { schemaCompletion, memberAt } from './schema.js';

export { splitPointer, joinPointer, getAt, setMember, spanOf } from './jsonedit.js';
export { resolve } from './schema.js';

// ---------------------------------------------------------------- hover

function schemaHover(getSchema) {
  return hoverTooltip((view, pos, side) => {
    const root = getSchema();
    const m = root && memberAt(view.state, pos, side, root);
    if (!m) return null;
    return {
      pos: m.from,
      end: m.to,
      above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'member-doc';
        const head = document.createElement('div');
        head.className = 'member-doc-head';
        const b = document.createElement('b');
        b.textContent = m.name;
        const t = document.createElement('span');
        t.className = 'member-doc-type';
        t.textContent = m.type;
        head.append(b, ' ', t);
        if (m.deprecated) {
          const d = document.createElement('span');
          d.className = 'member-doc-deprecated';
          d.textContent = 'deprecated';
          head.append(' ', d);
        }
        const p = document.createElement('p');
        p.textContent = m.description;
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
