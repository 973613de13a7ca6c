// AmplifyBackend request editor: edit an operation's input, see every problem
// as you type, see the request it becomes, and sign it — all in this tab.
//
// Credentials live in the `creds` variable and in three inputs, nowhere else:
// no storage, no cookies, no URL, no console, no form that could submit.
// Nothing is fetched except this page's own files from the server it came
// from (the CSP's connect-src 'self' enforces it).

import { curlCommand, httpMessage } from './format.js';
import { LOCAL_TEST_CREDENTIALS, renderSendResult, sendToLocalService } from './send.js';

// The editor starts on the core module (amplifybackend-wasm/core: validation, building, schemas;
// 0.54 MB of brotli) and loads the full module, which can sign (1.25 MB), when the user opens
// signing: focuses a credential field or has credentials to sign with.
const MODULE_URL = '/js/core.js';
// CodeMirror 6 and jsonc-parser from npm, bundled by `make demo` (web-demo/src/editor.js).
const EDITOR_URL = '/dist/editor.js';
const WASM_URL = '/js/amplifybackend-core.wasm';
const SIGNER_WASM_URL = '/js/amplifybackend.wasm';
const AUTH_OPS = { CreateBackendAuth: 'create', UpdateBackendAuth: 'update' };
const DEFAULT_OP = 'CreateBackendAuth';
const DEBOUNCE_MS = 120;

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) e.append(kid);
  return e;
};

const ui = {
  status: $('#status'),
  workspace: $('#workspace'),
  op: $('#op'),
  route: $('#op-route'),
  json: $('#json'),
  summary: $('#problems-summary'),
  problems: $('#problems'),
  formTitle: $('#form-title'),
  formNote: $('#form-note'),
  authForm: $('#auth-form'),
  outline: $('#outline'),
  region: $('#region'),
  endpoint: $('#endpoint'),
  optionsErrors: $('#options-errors'),
  unsigned: $('#unsigned'),
  akid: $('#akid'),
  secret: $('#secret'),
  token: $('#token'),
  sigtime: $('#sigtime'),
  sigtimeErr: $('#sigtime-err'),
  expires: $('#expires'),
  signStatus: $('#sign-status'),
  signed: $('#signed'),
  signedNote: $('#signed-note'),
  curl: $('#curl'),
  presign: $('#presign'),
  presignNote: $('#presign-note'),
  toast: $('#toast'),
};

/** The JSON editor (web-demo/src/editor.js) and its helpers, once loaded. */
let ed = null;
let E = null;

/** Credentials: in memory only, forgotten by "Clear credentials". */
let creds = { accessKeyId: '', secretAccessKey: '', sessionToken: '' };

const state = {
  api: null,
  ops: [],
  opByName: new Map(),
  examples: new Set(),
  exampleText: new Map(),
  drafts: new Map(), // operation -> edited text (memory only)
  op: '',
  parsed: null, // {ok, value} or {ok: false}: JSON.parse of the text, for the form
  problems: [], // [{path, code, message, range, severity, line, column}], errors then warnings
  schema: null, // schema() of the operation: completion and hover
  active: -1,
  request: null,
  signed: null,
  presigned: null,
  curl: '',
  signTimer: 0,
  signerLoading: null, // the signing module's promise while it loads (loadSigner)
};

// ---------------------------------------------------------------- loading

function setStatus(kind, text) {
  ui.status.className = 'status status-' + kind;
  ui.status.textContent = text;
}

function showLoadError(title, detail, command) {
  setStatus('failed', 'Module failed to load');
  ui.workspace.setAttribute('aria-busy', 'true');
  $('#load-error-title').textContent = title;
  const d = $('#load-error-detail');
  d.replaceChildren(detail);
  if (command) d.append(' ', el('code', { class: 'cmd', text: command }));
  $('#load-error').hidden = false;
  ed?.setPlaceholder('The module did not load: see the message above.');
}

async function boot() {
  const t0 = performance.now();
  // Fetch the .wasm while the JS module loads; a 404 means it is not built.
  const [wasm, mod, editor] = await Promise.allSettled([fetch(WASM_URL, { cache: 'no-store' }), import(MODULE_URL), import(EDITOR_URL)]);
  if (editor.status === 'rejected') {
    showLoadError(
      'The editor is not built',
      `${EDITOR_URL} failed: ${editor.reason?.message || editor.reason}. It is bundled from npm (CodeMirror) by`,
      'make demo',
    );
    return;
  }
  // The editor first, read-only until the module runs, so that a failure below shows in it.
  E = editor.value;
  ed = E.createEditor(ui.json, {
    label: 'Operation input (JSON)',
    placeholder: 'Starting the WebAssembly module…',
    getSchema: () => state.schema,
    onChange: () => {
      unflash();
      scheduleAnalyze();
    },
    keys: {
      F8: () => stepProblem(1),
      'Shift-F8': () => stepProblem(-1),
      'Alt-Shift-f': () => formatJSON(),
    },
  });
  if (wasm.status === 'rejected') {
    showLoadError('The server did not answer', `${wasm.reason?.message || wasm.reason}. Is the demo server (go run ./cmd/demo) still running?`);
    return;
  }
  const resp = wasm.value;
  if (resp.status === 404) {
    showLoadError(
      'The WebAssembly module is not built',
      'The server has no js/amplifybackend-core.wasm. In the repository root, run',
      'make build',
    );
    $('#load-error-detail').append(' and reload this page.');
    return;
  }
  if (mod.status === 'rejected') {
    showLoadError(
      'The JavaScript module did not load',
      `${MODULE_URL} failed: ${mod.reason?.message || mod.reason}. Check that js/core.js exists and that js/wasm_exec.js is built:`,
      'make build',
    );
    return;
  }
  const api = mod.value;
  try {
    if (!resp.ok) throw new Error(`GET ${WASM_URL} answered ${resp.status} ${resp.statusText}`);
    await api.init({ wasm: resp });
  } catch (e) {
    showLoadError('The WebAssembly module did not start', `${e.message || e}. Rebuild it with`, 'make build');
    return;
  }
  state.api = api;
  state.ops = api.operations();
  for (const o of state.ops) state.opByName.set(o.name, o);
  try {
    const idx = await (await fetch('/examples/index.json', { cache: 'no-store' })).json();
    for (const n of idx.operations || []) state.examples.add(n);
  } catch {
    // No examples: the editor starts from a skeleton built from the schema.
  }
  fillOperationPicker();
  buildAuthForm();
  wireEvents();
  const fromHash = decodeURIComponent(location.hash.slice(1));
  await selectOperation(state.opByName.has(fromHash) ? fromHash : DEFAULT_OP);
  for (const c of [ui.op, $('#format'), $('#reset')]) c.disabled = false;
  ed.setEditable(true);
  ed.setPlaceholder('Type the input as JSON, or pick Reset to example.');
  ui.workspace.setAttribute('aria-busy', 'false');
  setStatus('ready', 'Ready');
  ui.status.title = `The WebAssembly module started in ${Math.round(performance.now() - t0)} ms`;
  document.documentElement.dataset.ready = 'true';
}

// ---------------------------------------------------------------- operations

const GROUPS = [
  ['Backend', /^(CloneBackend|CreateBackend|DeleteBackend|GetBackend|RemoveAllBackends|ListBackendJobs|GetBackendJob|UpdateBackendJob)$/],
  ['Auth', /Auth$/],
  ['API', /API(Models)?$/],
  ['Storage', /Storage$|^ListS3Buckets$/],
  ['Config', /Config$/],
  ['Token (CLI login)', /Token$/],
];

function fillOperationPicker() {
  const groups = new Map(GROUPS.map(([g]) => [g, []]));
  groups.set('Other', []);
  for (const o of state.ops) {
    const g = GROUPS.find(([, re]) => re.test(o.name));
    groups.get(g ? g[0] : 'Other').push(o);
  }
  ui.op.replaceChildren();
  for (const [label, ops] of groups) {
    if (!ops.length) continue;
    ops.sort((a, b) => a.name.localeCompare(b.name));
    ui.op.append(el('optgroup', { label }, ops.map((o) => el('option', { value: o.name, text: o.name }))));
  }
}

async function exampleFor(op) {
  if (state.exampleText.has(op)) return state.exampleText.get(op);
  let text = null;
  if (state.examples.has(op)) {
    try {
      const r = await fetch(`/examples/${encodeURIComponent(op)}.json`, { cache: 'no-store' });
      if (r.ok) text = await r.text();
    } catch {
      text = null;
    }
  }
  if (text === null) text = JSON.stringify(skeleton(op), null, 2) + '\n';
  state.exampleText.set(op, text);
  return text;
}

async function selectOperation(op, { reset = false } = {}) {
  if (state.op) state.drafts.set(state.op, ed.text);
  state.op = op;
  try {
    state.schema = state.api.schema(op);
  } catch {
    state.schema = null;
  }
  ui.op.value = op;
  history.replaceState(null, '', '#' + op);
  const info = state.opByName.get(op);
  ui.route.replaceChildren(
    el('span', { class: `method method-${info.method}`, text: info.method }),
    el('span', { text: info.uri }),
  );
  const text = !reset && state.drafts.has(op) ? state.drafts.get(op) : await exampleFor(op);
  setText(text, { keepScroll: false });
  state.active = -1;
  configureFormPane();
  analyze();
}

// ---------------------------------------------------------------- schema helpers

const resolve = (root, s) => E.resolve(root, s);

function typeOf(root, s) {
  s = resolve(root, s);
  if (s.enum) return 'enum';
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t === 'array') return `${typeOf(root, s.items || {})}[]`;
  return t || 'any';
}

function placeholderFor(root, s, depth) {
  s = resolve(root, s);
  if (s.enum) return s.enum[0];
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (t) {
    case 'string': return '';
    case 'number': case 'integer': return 0;
    case 'boolean': return false;
    case 'array': return [];
    case 'object': {
      const o = {};
      if (depth < 6) for (const k of s.required || []) o[k] = placeholderFor(root, s.properties?.[k] || {}, depth + 1);
      return o;
    }
  }
  return null;
}

function skeleton(op) {
  try {
    const root = state.api.schema(op);
    return placeholderFor(root, root, 0);
  } catch {
    return {};
  }
}

// ---------------------------------------------------------------- editor

function setText(text, { keepScroll = true } = {}) {
  ed.setText(text, { keepScroll });
}

function selectRange(start, end) {
  ed.select(start, end);
  ui.json.closest('.editor').scrollIntoView({ block: 'nearest' });
}

/** The problems as lint markers: underlined in the text and marked in the gutter. */
function renderMarks() {
  ed.setDiagnostics(state.problems.filter((p) => p.range).map((p) => ({
    from: p.range.start.offset,
    to: p.range.end.offset,
    severity: p.severity,
    source: p.code,
    message: p.path ? `${p.path}: ${p.message}` : p.message,
  })));
}

// ---------------------------------------------------------------- analysis

let analyzeTimer = 0;
function scheduleAnalyze() {
  clearTimeout(analyzeTimer);
  analyzeTimer = setTimeout(analyze, DEBOUNCE_MS);
}

/** Runs the validator on the editor's text and refreshes everything after it. */
function analyze() {
  clearTimeout(analyzeTimer);
  const text = ed.text;
  state.drafts.set(state.op, text);
  try {
    state.parsed = { ok: true, value: JSON.parse(text) };
  } catch {
    state.parsed = { ok: false };
  }

  let result;
  try {
    result = validateText(state.op, text);
  } catch (e) {
    result = { valid: false, errors: e.errors || [{ path: '', code: 'invalid', message: String(e.message || e) }] };
  }
  // Places come from the module: the Go validator gives every problem of a text its range
  // (lines and columns from 1, offsets in UTF-16 code units, as the editor counts).
  const problems = [
    ...result.errors.map((p) => ({ ...p, severity: 'error' })),
    ...(result.warnings || []).map((p) => ({ ...p, severity: 'warning' })),
  ];
  for (const p of problems) {
    if (p.range) Object.assign(p, { line: p.range.start.line, column: p.range.start.column });
  }
  state.problems = problems;
  if (state.active >= problems.length) state.active = -1;

  renderProblems();
  renderMarks();
  syncForm();
  renderOutline();
  buildUnsigned();
}

/**
 * One call of the module's dispatcher with the editor's text as it is ("inputText"): the
 * validator then sees exactly what was typed (duplicate members, syntax errors with their
 * line and column) rather than what JSON.parse would make of it.
 */
function dispatchText(fn, envelope) {
  const out = JSON.parse(state.api.dispatchRaw(fn, JSON.stringify(envelope)));
  if (out.error !== undefined) {
    const e = new Error(out.error.message);
    e.errors = Array.isArray(out.error.errors) ? out.error.errors : [];
    throw e;
  }
  return out.result;
}

function validateText(op, text) {
  return dispatchText('validate', { operation: op, inputText: text });
}

function buildText(op, text, options) {
  return dispatchText('buildRequest', { operation: op, inputText: text, options });
}

function renderProblems() {
  const ps = state.problems;
  const errors = ps.filter((p) => p.severity === 'error').length;
  const warnings = ps.length - errors;
  const warned = warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '';
  ui.summary.className = 'summary ' + (errors ? 'summary-invalid' : 'summary-valid');
  ui.summary.textContent = errors
    ? `${errors} problem${errors === 1 ? '' : 's'}` + (warned ? ` · ${warned}` : '')
    : 'Valid · ' + (warned || 'no problems');
  ui.summary.dataset.state = errors ? 'invalid' : 'valid';
  const items = ps.map((p, i) =>
    el('li', {},
      el('button', {
        type: 'button',
        class: 'problem' + (i === state.active ? ' active' : '') + (p.severity === 'warning' ? ' warning' : ''),
        'data-index': i,
        'data-severity': p.severity,
        'data-path': p.path,
        'data-code': p.code,
        onclick: () => goToProblem(i),
      },
      el('span', { class: 'code-badge', text: p.code }),
      el('span', { class: 'path', text: p.path === '' ? '(whole input)' : p.path }),
      el('span', { class: 'where', text: p.line ? `${p.line}:${p.column}` : '' }),
      el('span', { class: 'msg', text: p.message }))),
  );
  ui.problems.replaceChildren(...items);
}

function goToProblem(i) {
  const p = state.problems[i];
  if (!p) return;
  state.active = i;
  $$('.problem', ui.problems).forEach((b, k) => b.classList.toggle('active', k === i));
  const field = fieldForPath(p.path, p.code);
  if (field) flash(field);
  else unflash();
  if (p.range) selectRange(p.range.start.offset, p.range.end.offset);
  else ed.focus();
  $(`.problem[data-index="${i}"]`)?.scrollIntoView({ block: 'nearest' });
}

function stepProblem(delta) {
  const n = state.problems.length;
  if (!n) {
    toast('No problems');
    return;
  }
  const next = state.active < 0 ? (delta > 0 ? 0 : n - 1) : (state.active + delta + n) % n;
  goToProblem(next);
}

function goToPointer(pointer) {
  const span = E.spanOf(ed.text, pointer);
  if (span) selectRange(span.from, span.to);
  else ed.focus();
}

// ---------------------------------------------------------------- request and signing

function buildOptions() {
  const o = { region: ui.region.value.trim() };
  const ep = ui.endpoint.value.trim();
  if (ep) o.endpoint = ep;
  return o;
}

function buildUnsigned() {
  state.request = null;
  ui.optionsErrors.replaceChildren();
  for (const c of [ui.region, ui.endpoint]) c.removeAttribute('aria-invalid');
  const errors = state.problems.filter((p) => p.severity === 'error').length;
  if (errors) {
    renderPlaceholder(ui.unsigned, `Fix the ${errors === 1 ? 'problem' : `${errors} problems`} in the input to see the request.`);
  } else {
    try {
      state.request = buildText(state.op, ed.text, buildOptions());
      renderHttp(ui.unsigned, state.request);
    } catch (e) {
      const errs = e.errors || [];
      const optErrs = errs.filter((p) => p.path.startsWith('/options') || !p.path);
      for (const p of optErrs.length ? optErrs : errs) ui.optionsErrors.append(el('div', { text: p.message }));
      if (!errs.length) ui.optionsErrors.append(el('div', { text: String(e.message || e) }));
      if (errs.some((p) => p.path.startsWith('/options/region'))) ui.region.setAttribute('aria-invalid', 'true');
      if (errs.some((p) => p.path.startsWith('/options/endpoint'))) ui.endpoint.setAttribute('aria-invalid', 'true');
      renderPlaceholder(ui.unsigned, 'The request could not be built: see the message above.');
    }
  }
  enableCopy('unsigned', !!state.request);
  scheduleSign(0);
}

function scheduleSign(ms = DEBOUNCE_MS) {
  clearTimeout(state.signTimer);
  state.signTimer = setTimeout(sign, ms);
}

/** Parses the signing-time field: empty = now; RFC 3339 / ISO 8601 or the X-Amz-Date form. */
function signingDate() {
  const v = ui.sigtime.value.trim();
  if (!v) return { date: new Date(), now: true };
  let s = v;
  const amz = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (amz) s = `${amz[1]}-${amz[2]}-${amz[3]}T${amz[4]}:${amz[5]}:${amz[6]}Z`;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    return { error: 'Use a UTC time like 2024-05-01T12:00:00Z (or 20240501T120000Z), or leave it empty for now.' };
  }
  const d = new Date(s.replace(' ', 'T'));
  if (Number.isNaN(d.getTime())) return { error: 'Not a real date and time.' };
  return { date: d, now: false };
}

function clearSignedOutputs(reason) {
  state.signed = null;
  state.presigned = null;
  state.curl = '';
  renderPlaceholder(ui.signed, reason);
  ui.curl.replaceChildren(el('span', { class: 'placeholder', text: reason.replace('to sign', 'to get a curl command') }));
  ui.signedNote.textContent = '';
  renderPresignPlaceholder(reason);
  for (const k of ['signed', 'curl', 'presign']) enableCopy(k, false);
}

function renderPresignPlaceholder(reason) {
  const info = state.opByName.get(state.op);
  const isGet = info && info.method === 'GET';
  ui.presignNote.textContent = '';
  ui.presign.replaceChildren(el('span', {
    class: 'placeholder',
    text: isGet ? reason.replace('to sign', 'to get a presigned URL') : `${state.op} is a ${info?.method ?? ''} operation with a body: presigned URLs are for the GET operations (GetBackendJob, GetToken).`,
  }));
}

/**
 * loadSigner loads the full module (once) and replaces the core module with it (init({wasm})
 * after the core module: see js/README.md), then signs.
 */
function loadSigner() {
  if (state.signerLoading || !state.api || state.api.signerLoaded()) return;
  state.signerLoading = fetch(SIGNER_WASM_URL, { cache: 'no-store' })
    .then((r) => {
      if (!r.ok) throw new Error(`GET ${SIGNER_WASM_URL} answered ${r.status} ${r.statusText}`);
      return state.api.init({ wasm: r });
    })
    .then(
      () => scheduleSign(0),
      (e) => {
        state.signerLoading = null;
        clearSignedOutputs('The signing module did not load: ' + (e.message || e) + '. Rebuild it with make build.');
      },
    );
}

function sign() {
  clearTimeout(state.signTimer);
  updateSend();
  ui.sigtimeErr.replaceChildren();
  ui.sigtime.removeAttribute('aria-invalid');
  ui.signStatus.textContent = '';
  if (!state.request) {
    clearSignedOutputs('There is no request to sign yet: fix the input first.');
    return;
  }
  if (!creds.accessKeyId || !creds.secretAccessKey) {
    clearSignedOutputs('Enter an access key ID and secret access key to sign.');
    return;
  }
  if (!state.api.signerLoaded()) {
    loadSigner();
    clearSignedOutputs('Loading the signing module…');
    return;
  }
  const when = signingDate();
  if (when.error) {
    ui.sigtime.setAttribute('aria-invalid', 'true');
    ui.sigtimeErr.append(el('div', { text: when.error }));
    clearSignedOutputs('Fix the signing time to sign.');
    return;
  }
  const credentials = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey };
  if (creds.sessionToken) credentials.sessionToken = creds.sessionToken;
  const region = ui.region.value.trim();
  try {
    state.signed = state.api.signRequest(state.request, { credentials, region, signingDate: when.date });
  } catch (e) {
    // Messages never contain a secret (the module guarantees it); show them as they are.
    clearSignedOutputs('Signing failed: ' + describeError(e));
    return;
  }
  renderHttp(ui.signed, state.signed, { bodyOpen: false });
  ui.signedNote.textContent = `Signed for ${region} at ${when.date.toISOString().replace('.000Z', 'Z')}${when.now ? ' (now)' : ''}`;
  state.curl = curlCommand(state.signed);
  ui.curl.textContent = state.curl;
  enableCopy('signed', true);
  enableCopy('curl', true);

  const info = state.opByName.get(state.op);
  state.presigned = null;
  if (info.method === 'GET') {
    const expiresIn = Number(ui.expires.value || 900);
    try {
      state.presigned = state.api.signRequest(state.request, { credentials, region, signingDate: when.date, presign: true, expiresIn });
      ui.presign.textContent = state.presigned.url;
      ui.presignNote.textContent = `Valid for ${expiresIn} s from ${when.date.toISOString().replace('.000Z', 'Z')}. Anyone with the URL can use it until then.`;
    } catch (e) {
      ui.presign.replaceChildren(el('span', { class: 'placeholder', text: 'Presigning failed: ' + describeError(e) }));
    }
  } else {
    renderPresignPlaceholder('');
  }
  enableCopy('presign', !!state.presigned);
}

// ---------------------------------------------------------------- send (web-demo/send.js)

/** Send needs a request (a valid input) and credentials. */
function updateSend() {
  $('#send').disabled = !state.request || !creds.accessKeyId || !creds.secretAccessKey;
}

function wireSend() {
  const result = $('#send-result');
  $('#use-test-creds').addEventListener('click', () => {
    ui.akid.value = LOCAL_TEST_CREDENTIALS.accessKeyId;
    ui.secret.value = LOCAL_TEST_CREDENTIALS.secretAccessKey;
    ui.token.value = '';
    creds = { ...LOCAL_TEST_CREDENTIALS, sessionToken: '' };
    sign();
  });
  $('#send').addEventListener('click', async () => {
    if (!state.request) return;
    const button = $('#send');
    button.disabled = true;
    result.setAttribute('aria-busy', 'true');
    const credentials = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey };
    if (creds.sessionToken) credentials.sessionToken = creds.sessionToken;
    let input;
    try {
      input = JSON.parse(ed.text);
    } catch {
      input = undefined; // not reached: a request exists only for valid JSON
    }
    const outcome = await sendToLocalService(state.api, state.op, input, { region: ui.region.value.trim(), credentials });
    renderSendResult(result, outcome);
    result.dataset.seq = String(Number(result.dataset.seq || 0) + 1);
    result.removeAttribute('aria-busy');
    updateSend();
  });
}

function describeError(e) {
  if (e && Array.isArray(e.errors) && e.errors.length) return e.errors.map((p) => p.message).join(' ');
  return String(e?.message || e);
}

function clearCredentials() {
  ui.akid.value = '';
  ui.secret.value = '';
  ui.token.value = '';
  creds = { accessKeyId: '', secretAccessKey: '', sessionToken: '' };
  updateSend();
  clearTimeout(state.signTimer);
  clearSignedOutputs('Enter an access key ID and secret access key to sign.');
  toast('Credentials cleared');
  ui.akid.focus();
}

// ---------------------------------------------------------------- rendering helpers

function renderPlaceholder(container, text) {
  container.replaceChildren(el('p', { class: 'placeholder', text }));
}

function renderHttp(container, req, { bodyOpen = true } = {}) {
  const rows = Object.keys(req.headers || {}).map((name) => {
    const v = req.headers[name];
    return el('tr', { 'data-header': name }, el('th', { scope: 'row', text: name }), el('td', { text: Array.isArray(v) ? v.join(', ') : v }));
  });
  const parts = [
    el('div', { class: 'reqline' },
      el('span', { class: `method method-${req.method}`, text: req.method }),
      el('span', { class: 'url', text: req.url })),
    el('table', { class: 'headers' }, el('tbody', {}, rows)),
  ];
  if (req.body !== undefined && req.body !== null) {
    let shown = req.body;
    let note = `Body · ${new TextEncoder().encode(req.body).length} bytes`;
    try {
      shown = JSON.stringify(JSON.parse(req.body), null, 2);
      if (shown !== req.body) note += ' · shown formatted, sent compact (Copy gives the exact bytes)';
    } catch {
      // Not JSON: show as is.
    }
    parts.push(el('details', { class: 'body-box', open: bodyOpen },
      el('summary', { class: 'body-label', text: note }),
      el('pre', { class: 'body', tabindex: '0', text: shown })));
  }
  container.replaceChildren(...parts);
}

function enableCopy(key, on) {
  const b = $(`[data-copy="${key}"]`);
  if (b) b.disabled = !on;
}

async function copy(key) {
  const text = {
    unsigned: () => state.request && httpMessage(state.request),
    signed: () => state.signed && httpMessage(state.signed),
    curl: () => state.curl,
    presign: () => state.presigned?.url,
  }[key]?.();
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
    toast('Copied');
  } catch {
    toast('Copy failed: select the text and copy it');
  }
}

let toastTimer = 0;
function toast(msg) {
  ui.toast.textContent = msg;
  ui.toast.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => ui.toast.classList.remove('show'), 1600);
}

/** Highlights the field a chosen problem belongs to, until another is chosen or the text changes. */
function flash(node) {
  unflash();
  // Side by side, bring the field into view in its pane; stacked (narrow screens), the
  // selection in the editor is what stays in view.
  if (!matchMedia('(max-width: 820px)').matches) node.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  node.classList.add('flash');
}

function unflash() {
  for (const f of $$('.flash')) f.classList.remove('flash');
}

// ---------------------------------------------------------------- auth form

const PROVIDERS = [
  ['Google', ['ClientId', 'ClientSecret']],
  ['Facebook', ['ClientId', 'ClientSecret']],
  ['LoginWithAmazon', ['ClientId', 'ClientSecret']],
  ['SignInWithApple', ['ClientId', 'TeamId', 'KeyId', 'PrivateKey']],
];
const PROVIDER_LABEL = { Google: 'Google', Facebook: 'Facebook', LoginWithAmazon: 'Login with Amazon', SignInWithApple: 'Sign in with Apple' };
const SECRET_MEMBERS = new Set(['ClientSecret', 'PrivateKey']);
const SP = '/ResourceConfig/UserPoolConfigs/OAuth/SocialProviderSettings';

function buildAuthForm() {
  for (const box of $$('[data-bind="set"]', ui.authForm)) {
    const group = box.dataset.path.split('/').pop();
    for (const v of box.dataset.values.split(' ')) {
      const id = `f-${group}-${v}`;
      box.append(el('label', { for: id }, el('input', { type: 'checkbox', id, value: v }), v));
    }
  }
  const host = $('#providers');
  for (const [name, members] of PROVIDERS) {
    const base = `${SP}/${name}`;
    const row = el('div', { class: 'provider field', 'data-path': base, role: 'group', 'aria-label': PROVIDER_LABEL[name] });
    row.append(el('span', { class: 'pname', text: PROVIDER_LABEL[name] }));
    for (const m of members) {
      const id = `f-${name}-${m}`;
      const label = { ClientId: 'Client ID', ClientSecret: 'Client secret', TeamId: 'Team ID', KeyId: 'Key ID', PrivateKey: 'Private key (PEM)' }[m];
      const attrs = {
        id, 'data-bind': 'string', 'data-path': `${base}/${m}`, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
      };
      const control = m === 'PrivateKey'
        ? el('textarea', { ...attrs, rows: '3' })
        : el('input', { ...attrs, type: SECRET_MEMBERS.has(m) ? 'password' : 'text' });
      row.append(el('label', { class: 'mini' + (m === 'PrivateKey' ? ' wide' : ''), for: id }, el('span', { text: label }), control));
    }
    row.append(el('div', { class: 'field-errors', 'aria-live': 'polite' }));
    host.append(row);
  }
}

const isAuthOp = () => Object.hasOwn(AUTH_OPS, state.op);

function configureFormPane() {
  const mode = AUTH_OPS[state.op];
  ui.authForm.hidden = !mode;
  ui.outline.hidden = !!mode;
  ui.formTitle.textContent = mode ? `Auth config · ${mode === 'create' ? 'CreateBackendAuth' : 'UpdateBackendAuth'}` : `Fields of ${state.op}`;
  for (const f of $$('[data-only]', ui.authForm)) f.hidden = f.dataset.only !== mode;
}

function controls() {
  return $$('[data-bind]', ui.authForm).filter((c) => !c.closest('[hidden]'));
}

/** JSON -> form. */
function syncForm() {
  if (!isAuthOp()) return;
  const p = state.parsed;
  const usable = p.ok && p.value && typeof p.value === 'object' && !Array.isArray(p.value);
  ui.authForm.inert = !usable;
  ui.authForm.classList.toggle('disabled', !usable);
  ui.formNote.hidden = usable;
  if (!usable) {
    const syntax = state.problems.find((x) => x.code === 'syntax');
    ui.formNote.textContent = p.ok
      ? 'The input must be a JSON object to use the form.'
      : `The form is paused: fix the JSON syntax error${syntax?.range ? ` at line ${syntax.line}, column ${syntax.column}` : ''} first.`;
  }
  for (const c of controls()) {
    const v = usable ? E.getAt(p.value, c.dataset.path) : undefined;
    switch (c.dataset.bind) {
      case 'enum': {
        c.querySelector('option[data-extra]')?.remove();
        if (v === undefined || v === null) c.value = '';
        else if (typeof v === 'string' && [...c.options].some((o) => o.value === v)) c.value = v;
        else {
          const o = el('option', { 'data-extra': '', value: '\u0000', text: `${JSON.stringify(v)} — not a valid value` });
          c.append(o);
          c.value = '\u0000';
        }
        break;
      }
      case 'set': {
        const arr = Array.isArray(v) ? v : [];
        for (const cb of $$('input[type=checkbox]', c)) cb.checked = arr.includes(cb.value);
        break;
      }
      case 'number': {
        if (document.activeElement === c) break; // do not fight the person typing
        c.value = typeof v === 'number' ? String(v) : '';
        break;
      }
      case 'string': {
        if (document.activeElement === c) break;
        c.value = typeof v === 'string' ? v : '';
        break;
      }
    }
  }
  renderFieldErrors();
}

/** Form -> JSON, for one control. */
function formChanged(c) {
  const p = state.parsed;
  if (!p || !p.ok || !p.value || typeof p.value !== 'object') return;
  const path = c.dataset.path;
  let v;
  switch (c.dataset.bind) {
    case 'enum':
      if (c.value === '\u0000') return;
      v = c.value === '' ? undefined : c.value;
      break;
    case 'set': {
      const cur = E.getAt(p.value, path);
      const known = c.dataset.values.split(' ');
      const checked = $$('input[type=checkbox]', c).filter((x) => x.checked).map((x) => x.value);
      // Keep values the form does not know (the validator reports them), in their order.
      const kept = Array.isArray(cur) ? cur.filter((x) => !known.includes(x) || checked.includes(x)) : [];
      v = kept.concat(checked.filter((x) => !kept.includes(x)));
      break;
    }
    case 'number': {
      if (c.value.trim() === '') v = undefined;
      else if (Number.isFinite(Number(c.value))) v = Number(c.value);
      else return;
      break;
    }
    case 'string':
      v = c.value === '' ? undefined : c.value;
      break;
  }
  applyEdit(path, v);
}

/**
 * Sets (or deletes, when v is undefined) the member at path in the editor's JSON, in place:
 * the rest of the text keeps its formatting (jsonc-parser's modify). Objects the form empties
 * are removed, up to ResourceConfig/UserPoolConfigs.
 */
function applyEdit(path, v) {
  const text = ed.text;
  const next = E.setMember(text, path, v, { keep: '/ResourceConfig/UserPoolConfigs' });
  if (next === null) {
    toast('The form cannot edit this: a member on the way is not an object');
    return;
  }
  if (next === text) return;
  // One change over the part that differs: the cursor and undo history stay meaningful.
  let from = 0;
  while (from < text.length && from < next.length && text[from] === next[from]) from++;
  let endA = text.length;
  let endB = next.length;
  while (endA > from && endB > from && text[endA - 1] === next[endB - 1]) {
    endA--;
    endB--;
  }
  ed.view.dispatch({ changes: { from, to: endA, insert: next.slice(from, endB) } });
  analyze();
}

/** The form field a problem belongs to: the deepest field whose path contains it. */
function fieldForPath(path, code) {
  if (!isAuthOp()) return $(`#outline [data-path="${CSS.escape(path)}"]`) || null;
  const fields = $$('.field[data-path]', ui.authForm).filter((f) => !f.closest('[hidden]'));
  let best = null;
  for (const f of fields) {
    const fp = f.dataset.path;
    if ((path === fp || path.startsWith(fp + '/')) && (!best || fp.length > best.dataset.path.length)) best = f;
  }
  if (code === 'unknown') {
    // A misspelt member belongs to the field it was meant for (SignInMetod -> SignInMethod).
    const tokens = E.splitPointer(path);
    const name = tokens.pop();
    const parent = tokens.length ? '/' + tokens.join('/') : '';
    for (const f of fields) {
      const ft = E.splitPointer(f.dataset.path);
      const fname = ft.pop();
      if ('/' + ft.join('/') === parent && nearName(name, fname)) return f;
    }
  }
  return best;
}

function nearName(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 2) return false;
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length] <= 2;
}

function renderFieldErrors() {
  for (const f of $$('.field', ui.authForm)) {
    f.classList.remove('has-error');
    const box = $(':scope > .field-errors', f);
    if (box) box.replaceChildren();
  }
  for (const c of $$('[data-bind]', ui.authForm)) {
    c.removeAttribute('aria-invalid');
    for (const cb of $$('input', c)) cb.removeAttribute('aria-invalid');
  }
  if (!isAuthOp()) return;
  state.problems.forEach((p, i) => {
    if (p.severity !== 'error') return;
    const f = fieldForPath(p.path, p.code);
    if (!f) return;
    f.classList.add('has-error');
    const box = $(':scope > .field-errors', f);
    box?.append(el('button', { type: 'button', 'data-problem': i, onclick: () => goToProblem(i), text: p.message, title: `${p.path} · show in the JSON` }));
    for (const c of $$('[data-bind]', f)) {
      if (p.path === c.dataset.path || p.path.startsWith(c.dataset.path + '/') || p.code === 'unknown') c.setAttribute('aria-invalid', 'true');
    }
    if (f.matches('[data-bind]')) f.setAttribute('aria-invalid', 'true');
  });
}

// ---------------------------------------------------------------- outline (non-auth operations)

function renderOutline() {
  if (isAuthOp()) return;
  let root;
  try {
    root = state.api.schema(state.op);
  } catch {
    ui.outline.replaceChildren();
    return;
  }
  const value = state.parsed?.ok ? state.parsed.value : undefined;
  const problemPaths = state.problems.filter((p) => p.severity === 'error').map((p) => p.path);
  const rows = [el('p', { class: 'hint', text: 'Members of the input. Click one to find it in the JSON; a missing one shows where it belongs.' })];
  const walk = (schema, pointer, depth) => {
    const s = resolve(root, schema);
    const props = s.properties || {};
    const req = new Set(s.required || []);
    for (const name of Object.keys(props)) {
      const ptr = `${pointer}/${name}`;
      const present = value !== undefined && E.getAt(value, ptr) !== undefined;
      const bad = problemPaths.some((pp) => pp === ptr || pp.startsWith(ptr + '/'));
      const t = typeOf(root, props[name]);
      rows.push(el('button', {
        type: 'button',
        class: `depth-${depth}${present ? '' : ' missing'}${bad ? ' has-error' : ''}`,
        'data-path': ptr,
        onclick: () => goToPointer(ptr),
      },
      el('span', { class: 'name' }, name, req.has(name) ? el('span', { class: 'req', title: 'required', text: ' *' }) : null),
      el('span', { class: 'type', text: present ? t : `${t} · not set` })));
      const child = resolve(root, props[name]);
      if (depth < 2 && child.properties && present) walk(child, ptr, depth + 1);
    }
  };
  walk(root, '', 0);
  ui.outline.replaceChildren(...rows);
}

// ---------------------------------------------------------------- events

function wireEvents() {
  // The sticky input pane sits under the top bar, whose height depends on the width.
  const bar = $('.topbar');
  new ResizeObserver(() => document.documentElement.style.setProperty('--topbar-h', `${bar.offsetHeight}px`)).observe(bar);
  ui.op.addEventListener('change', () => selectOperation(ui.op.value));
  $('#reset').addEventListener('click', () => {
    state.drafts.delete(state.op);
    selectOperation(state.op, { reset: true });
    toast(`${state.op} example restored`);
  });
  $('#format').addEventListener('click', formatJSON);

  for (const c of $$('[data-bind]', ui.authForm)) {
    const ev = c.dataset.bind === 'string' || c.dataset.bind === 'number' ? 'input' : 'change';
    c.addEventListener(ev, () => formChanged(c));
  }

  for (const c of [ui.region, ui.endpoint]) c.addEventListener('input', () => buildUnsigned());
  const credInput = () => {
    creds = { accessKeyId: ui.akid.value.trim(), secretAccessKey: ui.secret.value.trim(), sessionToken: ui.token.value.trim() };
    scheduleSign();
  };
  for (const c of [ui.akid, ui.secret, ui.token]) {
    c.addEventListener('input', credInput);
    c.addEventListener('focus', loadSigner); // opening signing: fetch the signing module now
  }
  for (const c of [ui.sigtime, ui.expires]) c.addEventListener('input', () => scheduleSign());
  $('#sigtime-now').addEventListener('click', () => {
    ui.sigtime.value = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    sign();
  });
  $('#clear-creds').addEventListener('click', clearCredentials);
  wireSend();

  for (const b of $$('[data-copy]')) b.addEventListener('click', () => copy(b.dataset.copy));

  // Tabs (WAI-ARIA pattern: arrows move, Home/End jump).
  const tabs = $$('[role=tab]');
  const activate = (t) => {
    for (const x of tabs) {
      const on = x === t;
      x.setAttribute('aria-selected', String(on));
      x.tabIndex = on ? 0 : -1;
      $('#' + x.getAttribute('aria-controls')).hidden = !on;
    }
  };
  for (const t of tabs) {
    t.addEventListener('click', () => activate(t));
    t.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(t);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      const n = tabs[(to + tabs.length) % tabs.length];
      activate(n);
      n.focus();
    });
  }

  const help = $('#help');
  $('#help-open').addEventListener('click', () => help.showModal());
  $('#help-close').addEventListener('click', () => help.close());
  document.addEventListener('keydown', globalKey);
  window.addEventListener('hashchange', () => {
    const op = decodeURIComponent(location.hash.slice(1));
    if (op !== state.op && state.opByName.has(op)) selectOperation(op);
  });
}

function formatJSON() {
  const p = state.parsed;
  if (!p?.ok) {
    toast('Fix the syntax error first');
    return;
  }
  if (state.problems.some((x) => x.code === 'duplicate')) {
    toast('Remove the duplicate members first (formatting would drop one)');
    return;
  }
  setText(JSON.stringify(p.value, null, 2) + '\n');
  analyze();
}

function globalKey(e) {
  if (!state.api || !ed || e.defaultPrevented) return;
  if (e.key === 'F8') {
    e.preventDefault();
    stepProblem(e.shiftKey ? -1 : 1);
    return;
  }
  if (e.altKey && e.shiftKey && (e.key === 'F' || e.key === 'f' || e.code === 'KeyF')) {
    e.preventDefault();
    formatJSON();
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  // Keys typed in the editor reach the document retargeted to its host (#json, a shadow host).
  if (t instanceof HTMLElement && (t.matches('input, textarea, select, [contenteditable], #json') || t.closest('dialog'))) return;
  const go = {
    '/': () => ui.op.focus(),
    e: () => ed.focus(),
    f: () => (isAuthOp() ? controls()[0] : $('#outline button'))?.focus(),
    c: () => ui.akid.focus(),
    '?': () => $('#help').showModal(),
  }[e.key];
  if (go) {
    e.preventDefault();
    go();
  }
}

boot().catch((e) => showLoadError('The editor failed to start', String(e?.message || e)));
