// The page's pure modules, without a browser: the JSON pointer helpers and in-place member edits
// the form uses (../src/jsonedit.js, on jsonc-parser), the editor's schema completion and hover
// lookup (../src/schema.js, on CodeMirror's state and JSON parser) — both bundled into
// dist/editor.js — and the curl/HTTP text forms (../format.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { splitPointer, joinPointer, getAt, setMember, spanOf } from '../src/jsonedit.js';
import { schemaCompletion, memberAt } from '../src/schema.js';
import { schemas } from '../../js/generated/schemas.js';
import { EditorState } from '@codemirror/state';
import { CompletionContext } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { ensureSyntaxTree } from '@codemirror/language';
import { shellQuote, curlCommand, httpMessage } from '../format.js';

const REPO = join(import.meta.dirname, '..', '..');
const EXAMPLES = join(REPO, 'testdata', 'operations');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')]);

/** setAt is the reference edit on a parsed value (undefined deletes), for comparison. */
function setAt(root, pointer, v) {
  const tokens = splitPointer(pointer);
  let o = root;
  for (const t of tokens.slice(0, -1)) {
    if (!(t in o)) o[t] = {};
    o = o[t];
  }
  if (v === undefined) delete o[tokens.at(-1)];
  else o[tokens.at(-1)] = v;
}

test('pointers: escapes, getAt and spans of members', () => {
  const text = '{"a/b": {"m~n": [10, {"x": 1}]}, "d": 1}';
  assert.deepEqual(splitPointer('/a~1b/m~0n'), ['a/b', 'm~n']);
  assert.deepEqual(splitPointer(''), []);
  assert.equal(joinPointer(['a/b', 'm~n']), '/a~1b/m~0n');
  const v = JSON.parse(text);
  assert.equal(getAt(v, '/a~1b/m~0n/1/x'), 1);
  assert.equal(getAt(v, '/a~1b/missing'), undefined);
  assert.equal(getAt(v, '/d/x'), undefined);
  // A member's span covers "name": value; a missing one, its nearest existing ancestor.
  const sp = spanOf(text, '/d');
  assert.equal(text.slice(sp.from, sp.to), '"d": 1');
  const deep = spanOf(text, '/a~1b/m~0n/1/missing/deeper');
  assert.equal(text.slice(deep.from, deep.to), '{"x": 1}');
  assert.equal(spanOf('', '/x'), null);
  for (const [name, t] of examples) {
    for (const k of Object.keys(JSON.parse(t))) {
      const s = spanOf(t, '/' + k);
      assert.ok(t.slice(s.from, s.to).startsWith(JSON.stringify(k) + ':'), `${name} ${k}`);
    }
  }
});

test('setMember changes only the edited member and matches a reference edit', () => {
  const auth = examples.find(([n]) => n === 'CreateBackendAuth.json')[1];
  const U = '/ResourceConfig/UserPoolConfigs';
  const edits = [
    [`${U}/SignInMethod`, 'USERNAME'],
    [`${U}/SignInMethod`, undefined],
    [`${U}/Mfa/MFAMode`, 'ON'],
    [`${U}/Mfa/Settings/MfaTypes`, ['TOTP']],
    [`${U}/Mfa/Settings/MfaTypes`, []],
    [`${U}/PasswordPolicy/MinimumLength`, 20],
    [`${U}/OAuth/SocialProviderSettings/Google/ClientId`, 'new-id'],
    [`${U}/OAuth/SocialProviderSettings/NewProvider/ClientId`, 'x'],
    [`${U}/Brand/New/Deep`, 'v'],
    ['/AppId', undefined],
    ['/Zzz', { a: [1, 2] }],
  ];
  for (const [ptr, v] of edits) {
    const got = setMember(auth, ptr, v, { keep: U });
    assert.ok(got !== null, ptr);
    const want = JSON.parse(auth);
    setAt(want, ptr, v);
    assert.deepEqual(JSON.parse(got), want, `${ptr} = ${JSON.stringify(v)}`);
    // Lines that are not part of the edit are unchanged.
    const before = auth.split('\n');
    const after = got.split('\n');
    let same = 0;
    while (same < before.length && before[same] === after[same]) same++;
    let tail = 0;
    while (tail < before.length - same && before.at(-1 - tail) === after.at(-1 - tail)) tail++;
    assert.ok(before.length - same - tail <= 12, `${ptr}: only the edited lines change`);
  }
  // A value replaced in place keeps the line count.
  assert.equal(setMember(auth, `${U}/Mfa/MFAMode`, 'ON').split('\n').length, auth.split('\n').length);
  // Deleting the last member of an object removes the emptied objects, down to keep.
  const small = '{\n  "R": {\n    "U": {\n      "P": {\n        "Min": 8\n      }\n    }\n  }\n}\n';
  assert.deepEqual(JSON.parse(setMember(small, '/R/U/P/Min', undefined, { keep: '/R/U' })), { R: { U: {} } });
  assert.deepEqual(JSON.parse(setMember(small, '/R/U/P/Min', undefined, { keep: '' })), {});
  // Into an empty object, and a non-object in the way.
  assert.deepEqual(JSON.parse(setMember('{"R": {}}', '/R/X', 1)), { R: { X: 1 } });
  assert.equal(setMember('{"R": "str"}', '/R/X', 1), null);
});

/** Completions at the "|" in text, against op's schema: {from, to, options} or null. */
function complete(op, marked, explicit = false) {
  const pos = marked.indexOf('|');
  const doc = marked.slice(0, pos) + marked.slice(pos + 1);
  const state = EditorState.create({ doc, extensions: [json()] });
  ensureSyntaxTree(state, state.doc.length, 5000);
  const r = schemaCompletion(() => schemas[op])(new CompletionContext(state, pos, explicit));
  return r && { ...r, typed: doc.slice(r.from, pos), labels: r.options.map((o) => o.label) };
}

test('schema completion: member names by place, enum values, what is already there', () => {
  const U = (inner) => `{"ResourceConfig": {"UserPoolConfigs": {${inner}}}}`;
  // Inside a quoted name: the members of the object it is in, replacing what is between quotes.
  let r = complete('CreateBackendAuth', U('"Sig|"'));
  assert.equal(r.typed, 'Sig');
  assert.ok(r.labels.includes('SignInMethod') && r.labels.includes('UserPoolName'), String(r.labels));
  assert.ok(!r.labels.includes('AppId') && !r.labels.includes('AuthResources'));
  const sim = r.options.find((o) => o.label === 'SignInMethod');
  assert.equal(sim.apply, 'SignInMethod');
  assert.equal(sim.info, 'Required. One of "EMAIL", "EMAIL_AND_PHONE_NUMBER", "PHONE_NUMBER", "USERNAME". Sent in the JSON body as "signInMethod".');
  assert.match(sim.detail, /^required · enum$/);
  const fp = r.options.find((o) => o.label === 'ForgotPassword');
  assert.match(fp.detail, /deprecated/);
  assert.ok(fp.boost < sim.boost, 'deprecated members sort last');
  // On an empty spot, when asked: quoted names with the colon; members already there are left out.
  r = complete('CreateBackendAuth', U('"UserPoolName": "p", |'), true);
  assert.equal(r.options.find((o) => o.label === 'SignInMethod').apply, '"SignInMethod": ');
  assert.ok(!r.labels.includes('UserPoolName'));
  assert.equal(complete('CreateBackendAuth', U('"UserPoolName": "p", |'), false), null, 'not while nothing is typed');
  // A bare word where a member goes.
  r = complete('CreateBackendAuth', U('Sig|'));
  assert.equal(r.typed, 'Sig');
  assert.ok(r.labels.includes('SignInMethod'));
  // The top level.
  r = complete('CreateBackendAuth', '{|}', true);
  assert.deepEqual(r.labels.sort(), ['AppId', 'BackendEnvironmentName', 'ResourceConfig', 'ResourceName']);
  // Values: after the colon (quoted), inside the quotes, and in a list of enum values.
  r = complete('CreateBackendAuth', U('"SignInMethod": |'), true);
  assert.deepEqual(r.options.map((o) => o.apply).sort(), ['"EMAIL"', '"EMAIL_AND_PHONE_NUMBER"', '"PHONE_NUMBER"', '"USERNAME"']);
  r = complete('CreateBackendAuth', U('"SignInMethod": "EM|"'));
  assert.equal(r.typed, 'EM');
  assert.ok(r.labels.includes('EMAIL') && r.labels.includes('USERNAME'));
  r = complete('CreateBackendAuth', U('"RequiredSignUpAttributes": ["EMAIL", "NICK|"]'));
  assert.ok(r.labels.includes('NICKNAME') && r.labels.includes('ZONE_INFO'), String(r.labels));
  r = complete('CreateBackendAuth', U('"Mfa": {"MFAMode": "|"}'));
  assert.deepEqual(r.labels.sort(), ['OFF', 'ON', 'OPTIONAL']);
  r = complete('CreateBackendAuth', '{"ResourceConfig": {"IdentityPoolConfigs": {"UnauthenticatedLogin": |}}}', true);
  assert.deepEqual(r.labels, ['true', 'false'], 'a boolean member');
  // Nothing for a free string, or outside the schema.
  assert.equal(complete('CreateBackendAuth', U('"UserPoolName": "p|"')), null);
  assert.equal(complete('CreateBackendAuth', '{"Nope": {"|"}}'), null);
  // Another operation, another schema.
  r = complete('ListBackendJobs', '{"|"}');
  assert.ok(r.labels.includes('MaxResults'));
  assert.match(r.options.find((o) => o.label === 'MaxResults').info, /An integer from 1 to 25/);
});

test('memberAt: the member under the pointer, for the hover card', () => {
  const doc = '{"ResourceConfig": {"UserPoolConfigs": {"ForgotPassword": {}, "Nope": 1}}}';
  const state = EditorState.create({ doc, extensions: [json()] });
  ensureSyntaxTree(state, doc.length, 5000);
  const at = (needle) => doc.indexOf(needle) + 2;
  const m = memberAt(state, at('"ForgotPassword"'), 1, schemas.UpdateBackendAuth);
  assert.equal(m.name, 'ForgotPassword');
  assert.equal(doc.slice(m.from, m.to), '"ForgotPassword"');
  assert.equal(m.deprecated, true);
  assert.match(m.description, /^Optional\. An object \(UpdateBackendAuthForgotPasswordConfig\)\. .*Deprecated: /);
  assert.equal(memberAt(state, at('"Nope"'), 1, schemas.UpdateBackendAuth), null, 'not in the schema');
  assert.equal(memberAt(state, doc.indexOf('{}') + 1, 1, schemas.UpdateBackendAuth), null, 'not on a name');
});

test('shellQuote survives a real shell', () => {
  const nasty = ['', 'plain', "it's", '$HOME `id` $(id) \\ " \' !', 'a\nb\tc', '*', '-H', '{"a": "b c"}', 'ünïcødé ✓', "''''"];
  for (const s of nasty) {
    const out = execFileSync('sh', ['-c', `printf '%s' ${shellQuote(s)}`]).toString();
    assert.equal(out, s, JSON.stringify(s));
  }
});

test('curlCommand and httpMessage', () => {
  const req = {
    method: 'POST',
    url: 'https://amplifybackend.us-east-1.amazonaws.com/backend/app/auth',
    headers: { Authorization: "AWS4-HMAC-SHA256 Credential=AKID/x, Signature=ab", 'Content-Length': '13', 'Content-Type': 'application/json', Host: 'amplifybackend.us-east-1.amazonaws.com', 'X-Multi': ['a', 'b'] },
    body: `{"q": "it's"}`,
  };
  const cmd = curlCommand(req);
  assert.match(cmd, /^curl 'https:\/\/amplifybackend\.us-east-1\.amazonaws\.com\/backend\/app\/auth' \\\n/, 'POST with a body needs no -X');
  assert.doesNotMatch(cmd, /Host:|Content-Length:/);
  assert.match(cmd, /-H 'X-Multi: a' \\\n {2}-H 'X-Multi: b'/);
  assert.match(cmd, /--data-raw '\{"q": "it'\\''s"\}'$/);
  assert.match(curlCommand({ method: 'GET', url: 'https://h/p?a=1&b=2', headers: {} }), /^curl 'https:\/\/h\/p\?a=1&b=2'$/);
  assert.equal(curlCommand({ method: 'DELETE', url: 'https://h/', headers: {} }), "curl -X DELETE 'https://h/'");
  assert.match(curlCommand({ method: 'POST', url: 'https://h/', headers: {}, body: 'x' }), /-H 'Content-Type:'/);
  assert.equal(httpMessage({ method: 'GET', url: 'https://h/', headers: { A: '1' } }), 'GET https://h/\nA: 1\n');
  assert.equal(httpMessage({ method: 'POST', url: 'https://h/', headers: {}, body: '{}' }), 'POST https://h/\n\n{}');
});
