// The page's pure modules, without a browser: the position-tracking JSON
// parser and in-place editor (../jsonpos.js) and the curl/HTTP text forms
// (../format.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse, locate, lineColumn, getAt, setAt, editText, splitPointer, joinPointer } from '../jsonpos.js';
import { shellQuote, curlCommand, httpMessage } from '../format.js';

const REPO = join(import.meta.dirname, '..', '..');
const EXAMPLES = join(REPO, 'testdata', 'operations');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')]);

test('parse agrees with JSON.parse on every example and records every value\'s span', () => {
  assert.ok(examples.length >= 31, 'the examples of all operations');
  for (const [name, text] of examples) {
    const r = parse(text);
    assert.ok(r.ok, name);
    assert.deepEqual(r.value, JSON.parse(text), name);
    for (const [ptr, sp] of r.spans) {
      assert.deepEqual(JSON.parse(text.slice(sp.start, sp.end)), getAt(r.value, ptr), `${name} ${ptr}`);
      if (ptr !== '' && !/^\d+$/.test(splitPointer(ptr).at(-1))) {
        assert.equal(JSON.parse(text.slice(sp.keyStart, sp.keyEnd)), splitPointer(ptr).at(-1), `${name} ${ptr} key`);
      }
    }
  }
});

test('syntax errors have the line and column', () => {
  const cases = [
    ['{"a": 1,}', 1, 9, /trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected ',' or '}'/],
    ['[1, 2', 1, 6, /end of input/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": "x\ny"}', 1, 9, /control character/],
    ['{"a": 1} x', 1, 10, /after the end/],
    ['', 1, 1, /end of input/],
  ];
  for (const [text, line, column, re] of cases) {
    const r = parse(text);
    assert.equal(r.ok, false, text);
    assert.equal(r.error.line, line, text);
    assert.equal(r.error.column, column, text);
    assert.match(r.error.message, re, text);
    assert.throws(() => JSON.parse(text));
  }
});

test('escaped names, duplicates and pointers', () => {
  const text = '{"a/b": {"m~n": [10, {"x": 1}]}, "d": 1, "d": 2}';
  const r = parse(text);
  assert.ok(r.ok);
  assert.equal(text.slice(r.spans.get('/a~1b/m~0n/1/x').start, r.spans.get('/a~1b/m~0n/1/x').end), '1');
  assert.equal(r.value.d, 1, 'the first of a duplicate is kept (the validator reports it)');
  assert.equal(r.spans.get('/d').keyStart, text.indexOf('"d"'));
  assert.deepEqual(splitPointer('/a~1b/m~0n'), ['a/b', 'm~n']);
  assert.equal(joinPointer(['a/b', 'm~n']), '/a~1b/m~0n');
  // A missing member points at its nearest existing ancestor.
  const loc = locate(r.spans, '/a~1b/m~0n/1/missing/deeper');
  assert.equal(loc.exact, false);
  assert.equal(loc.pointer, '/a~1b/m~0n/1');
  assert.deepEqual(lineColumn('ab\ncd\n', 4), { line: 2, column: 2 });
  const proto = parse('{"__proto__": {"polluted": true}}');
  assert.equal(Object.getPrototypeOf(proto.value), Object.prototype);
  assert.equal(({}).polluted, undefined);
});

test('editText changes only the edited member and matches a reference edit', () => {
  const auth = examples.find(([n]) => n === 'CreateBackendAuth.json')[1];
  const U = '/ResourceConfig/UserPoolConfigs';
  const edits = [
    [`${U}/SignInMethod`, 'USERNAME'],
    [`${U}/SignInMethod`, undefined],
    [`${U}/Mfa/MFAMode`, 'ON'],
    [`${U}/Mfa/Settings/MfaTypes`, ['TOTP']],
    [`${U}/Mfa/Settings/MfaTypes`, []],
    [`${U}/PasswordPolicy/MinimumLength`, 20],
    [`${U}/PasswordPolicy/MinimumLength`, undefined],
    [`${U}/PasswordPolicy/AdditionalConstraints`, undefined],
    [`${U}/OAuth/SocialProviderSettings/Google/ClientId`, 'new-id'],
    [`${U}/OAuth/SocialProviderSettings/Google/ClientId`, undefined],
    [`${U}/OAuth/SocialProviderSettings/Facebook`, undefined],
    [`${U}/OAuth/SocialProviderSettings/NewProvider/ClientId`, 'x'],
    [`${U}/Brand/New/Deep`, 'v'],
    ['/AppId', undefined],
    ['/Zzz', { a: [1, 2] }],
  ];
  for (const [ptr, v] of edits) {
    const r = parse(auth);
    const got = editText(auth, r, ptr, v, 2);
    assert.ok(got !== null, ptr);
    const want = structuredClone(r.value);
    setAt(want, ptr, v, 2);
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
  // Deleting the last member of an object removes the emptied objects, down to keepDepth.
  const small = '{\n  "R": {\n    "U": {\n      "P": {\n        "Min": 8\n      }\n    }\n  }\n}\n';
  assert.equal(editText(small, parse(small), '/R/U/P/Min', undefined, 2), '{\n  "R": {\n    "U": {}\n  }\n}\n');
  // Into an empty object, and a non-object in the way.
  assert.equal(editText('{"R": {}}', parse('{"R": {}}'), '/R/X', 1), '{"R": {\n  "X": 1\n}}');
  assert.equal(editText('{"R": "str"}', parse('{"R": "str"}'), '/R/X', 1), null);
  assert.equal(editText('{"R": [}', parse('{"R": [}'), '/R', 1), null);
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
