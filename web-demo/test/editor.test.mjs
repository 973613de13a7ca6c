// The config editor in a real Chromium (Debian's /usr/bin/chromium through
// playwright-core): validation as you type, form <-> JSON sync, the request,
// SigV4 signatures equal to the Go signer's, curl quoting, presigned URLs,
// credentials kept out of storage, and the message when the module is missing.
//
//   cd web-demo/test && node --test      (make test-browser)
//
// Any console error, page error, failed or off-origin request fails a test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, goBuild, startServer, launch } from '../tools/harness.mjs';

const AKID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/session+token==';
const TIME = '2024-05-01T12:00:00Z';
const REGION = 'us-west-2';

let tmp, cliBin, server, browser;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'abw-browser-test-'));
  // Both binaries at once (2 cores): the demo server and the Go CLI that
  // computes the reference signatures.
  const [demoBin, cli] = await Promise.all([
    goBuild('./cmd/demo', tmp, 'demo'),
    goBuild('./cmd/amplifybackend', tmp, 'amplifybackend'),
  ]);
  cliBin = cli;
  server = await startServer(demoBin);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The Go signer's answer: amplifybackend build ... | amplifybackend sign --time ... */
function goSign(operation, inputText, { region = REGION, presign = false, expires, token } = {}) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: AKID, AWS_SECRET_ACCESS_KEY: SECRET };
  if (token) env.AWS_SESSION_TOKEN = token;
  const built = execFileSync(cliBin, ['build', '--operation', operation, '--region', region, '-'], { input: inputText, env });
  const args = ['sign', '--region', region, '--time', TIME];
  if (presign) args.push('--presign', '--expires', String(expires ?? 900));
  args.push('-');
  return JSON.parse(execFileSync(cliBin, args, { input: built, env }).toString());
}

/** A page that records everything that must not happen. */
async function openPage({ allowConsoleError = () => false } = {}) {
  const page = await browser.context.newPage();
  const bad = [];
  const requests = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowConsoleError(m.text())) bad.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => bad.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    requests.push(r.url());
    if (!r.url().startsWith(server.url)) bad.push(`request to another origin: ${r.url()}`);
  });
  page.on('requestfailed', (r) => bad.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowConsoleError(r.url())) bad.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  return { page, bad, requests };
}

async function ready(page, hash = '') {
  await page.goto(server.url + hash);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  assert.match(await page.textContent('#status'), /^Ready/);
}

async function problems(page, severity = 'error') {
  const all = await page.$$eval('#problems .problem', (bs) => bs.map((b) => ({ path: b.dataset.path, code: b.dataset.code, severity: b.dataset.severity, text: b.textContent })));
  return severity ? all.filter((p) => p.severity === severity) : all;
}

// The editor is CodeMirror 6 in #json's shadow root; #json has a textarea-like value,
// selectionStart and selectionEnd (web-demo/src/editor.js). Playwright's CSS selectors pierce
// the shadow root, document.querySelector does not.
const getText = (page) => page.$eval('#json', (e) => e.value);
const setText = (page, text) => page.$eval('#json', (e, t) => { e.value = t; }, text);

async function waitForSummary(page, state) {
  await page.waitForSelector(`#problems-summary[data-state="${state}"]`, { timeout: 5000 });
}

test('edit an auth config: problems, form sync, signature equal to Go\'s, credentials never stored', async (t) => {
  const t0 = Date.now();
  const { page, bad, requests } = await openPage();
  await ready(page);

  // Start elsewhere, then pick CreateBackendAuth: its example loads and is valid.
  await page.selectOption('#op', 'GetBackend');
  await waitForSummary(page, 'valid');
  assert.equal(await page.isHidden('#auth-form'), true, 'no auth form for GetBackend');
  await page.selectOption('#op', 'CreateBackendAuth');
  await waitForSummary(page, 'valid');
  assert.match(await page.textContent('#problems-summary'), /Valid/);
  assert.equal(await page.isVisible('#auth-form'), true);
  assert.equal(await page.inputValue('#f-signin'), 'EMAIL_AND_PHONE_NUMBER', 'form filled from the example');
  const example = await getText(page);

  // A misspelt member and a wrong enum value.
  const broken = example.replace('"SignInMethod"', '"SignInMetod"').replace('"MFAMode": "OPTIONAL"', '"MFAMode": "SOMETIMES"');
  assert.notEqual(broken, example);
  await setText(page, broken);
  await waitForSummary(page, 'invalid');
  const ps = await problems(page);
  const byPath = Object.fromEntries(ps.map((p) => [p.path, p.code]));
  assert.deepEqual(byPath, {
    '/ResourceConfig/UserPoolConfigs/SignInMetod': 'unknown',
    '/ResourceConfig/UserPoolConfigs/SignInMethod': 'required',
    '/ResourceConfig/UserPoolConfigs/Mfa/MFAMode': 'enum',
  }, JSON.stringify(ps, null, 1));
  assert.match(ps.find((p) => p.code === 'unknown').text, /SignInMethod/, 'the message suggests the right name');
  // The example sets the deprecated ForgotPassword settings: 4 warnings beside the 3 errors.
  assert.equal(await page.textContent('#problems-summary'), '3 problems · 4 warnings');
  assert.equal(await page.$$eval('#unsigned tr[data-header]', (r) => r.length), 0, 'no request while invalid');

  // Click a problem: its place (the module's range: the value for enum) is selected in the
  // JSON and its form field is highlighted.
  await page.click('.problem[data-path="/ResourceConfig/UserPoolConfigs/Mfa/MFAMode"]');
  assert.equal(await selectedText(page), '"SOMETIMES"');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'json');
  const mfaField = '.field[data-path="/ResourceConfig/UserPoolConfigs/Mfa/MFAMode"]';
  assert.match(await page.getAttribute(mfaField, 'class'), /\bflash\b/);
  assert.match(await page.getAttribute(mfaField, 'class'), /\bhas-error\b/);
  assert.equal(await page.getAttribute('#f-mfa', 'aria-invalid'), 'true');
  assert.match(await page.textContent(`${mfaField} .field-errors`), /SOMETIMES|OFF|ON|OPTIONAL/);
  assert.match(await page.$eval('#f-mfa', (s) => s.selectedOptions[0].textContent), /"SOMETIMES" — not a valid value/);

  await page.click('.problem[data-path="/ResourceConfig/UserPoolConfigs/SignInMetod"]');
  assert.equal(await selectedText(page), '"SignInMetod"', 'the member name, for unknown');
  assert.match(await page.getAttribute('.field[data-path="/ResourceConfig/UserPoolConfigs/SignInMethod"]', 'class'), /\bflash\b/);

  // Single-key shortcuts outside text fields.
  await page.click('#input-h');
  for (const [key, id] of [['c', 'akid'], ['/', 'op'], ['e', 'json'], ['f', 'f-signin']]) {
    if (key !== 'c') await page.click('#input-h');
    await page.keyboard.press(key);
    assert.equal(await page.evaluate(() => document.activeElement.id), id, `shortcut ${key}`);
  }
  assert.equal(await page.inputValue('#akid'), '', 'a shortcut key is not typed into a field');

  // F8 walks the problems from the keyboard.
  await page.focus('#op');
  await page.keyboard.press('F8');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'json');
  assert.equal(await page.$$eval('.problem.active', (b) => b.length), 1);

  // Fix the enum in the form: the JSON follows, formatting kept.
  await page.selectOption('#f-mfa', 'ON');
  await page.waitForFunction(() => document.querySelector('#json').value.includes('"MFAMode": "ON"'));
  assert.equal((await getText(page)).split('\n').length, broken.split('\n').length, 'edited in place');
  // Fix the name in the JSON: the form follows.
  await setText(page, (await getText(page)).replace('"SignInMetod"', '"SignInMethod"'));
  await waitForSummary(page, 'valid');
  assert.match(await page.textContent('#problems-summary'), /^Valid/);
  assert.equal(await page.inputValue('#f-signin'), 'EMAIL_AND_PHONE_NUMBER');
  assert.equal(await page.inputValue('#f-mfa'), 'ON');

  // More form -> JSON: a checkbox, the password length, a social provider.
  await page.check('#f-RequiredSignUpAttributes-NICKNAME');
  await page.fill('#f-minlen', '16');
  await page.fill('#f-Google-ClientId', 'google-client-id-2');
  await page.waitForFunction(() => {
    const v = JSON.parse(document.querySelector('#json').value).ResourceConfig.UserPoolConfigs;
    return v.RequiredSignUpAttributes.includes('NICKNAME') && v.PasswordPolicy.MinimumLength === 16 &&
      v.OAuth.SocialProviderSettings.Google.ClientId === 'google-client-id-2';
  });
  await waitForSummary(page, 'valid');

  // A syntax error names its line and column.
  const good = await getText(page);
  await setText(page, good.replace('"AppId": "d2v6kx3qz7p1ab",', '"AppId": "d2v6kx3qz7p1ab"'));
  await waitForSummary(page, 'invalid');
  const syntax = await problems(page);
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].code, 'syntax');
  assert.match(syntax[0].text, /line 3/i);
  assert.match(syntax[0].text, /column/i);
  assert.equal(await page.$eval('#auth-form', (f) => f.inert), true, 'form paused on a syntax error');
  await setText(page, good);
  await waitForSummary(page, 'valid');

  // The unsigned request.
  await page.fill('#region', REGION);
  await page.waitForFunction((u) => document.querySelector('#unsigned .url')?.textContent === u,
    `https://amplifybackend.${REGION}.amazonaws.com/backend/d2v6kx3qz7p1ab/auth`);
  assert.equal(await page.textContent('#unsigned .method'), 'POST');

  // Sign with fixed credentials and time; the Authorization header must be the Go signer's.
  await page.fill('#akid', AKID);
  await page.fill('#secret', SECRET);
  await page.fill('#sigtime', TIME);
  const authSel = '#signed tr[data-header="Authorization"] td';
  await page.waitForSelector(authSel);
  const inputText = await getText(page);
  const want = goSign('CreateBackendAuth', inputText);
  await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.textContent === v, [authSel, want.headers.Authorization]);
  assert.equal(await page.textContent(authSel), want.headers.Authorization);
  assert.equal(await page.textContent('#signed tr[data-header="X-Amz-Date"] td'), '20240501T120000Z');

  // The curl command, run by a real shell with a stand-in curl, gets exactly the signed request.
  await page.click('#tab-curl');
  const curl = await page.textContent('#curl');
  assert.match(curl, /^curl /);
  const argv = runCurlInShell(curl);
  assert.equal(argv[0], want.url);
  assert.equal(argv.at(-2), '--data-raw');
  assert.equal(argv.at(-1), want.body, 'the body bytes survive the shell quoting');
  const sent = [];
  for (let i = 1; i < argv.length - 2; i += 2) {
    assert.equal(argv[i], '-H');
    sent.push(argv[i + 1]);
  }
  const wantHeaders = Object.entries(want.headers).filter(([k]) => !/^(host|content-length)$/i.test(k)).map(([k, v]) => `${k}: ${v}`);
  assert.deepEqual(sent, wantHeaders);

  // POST operations get no presigned URL, and say why.
  await page.click('#tab-presign');
  assert.match(await page.textContent('#presign'), /GET operations/);

  mkdirSync(join(REPO, 'web-demo', 'screenshots'), { recursive: true });
  await page.click('#tab-signed');
  await page.screenshot({ path: join(REPO, 'web-demo', 'screenshots', 'editor.png'), fullPage: true });

  // Credentials are nowhere but in the inputs: not in storage, cookies, the URL or a request.
  const leaks = await page.evaluate(([a, s]) => {
    const dump = (st) => Array.from({ length: st.length }, (_, i) => st.key(i) + '=' + st.getItem(st.key(i))).join('\n');
    return {
      local: dump(localStorage), session: dump(sessionStorage), cookie: document.cookie, url: location.href,
      history: JSON.stringify(history.state),
      forms: document.forms.length,
      inputs: [...document.querySelectorAll('#akid, #secret, #token')].map((i) => [i.id, i.type, i.autocomplete, !!i.form]),
      seen: [a, s].map((x) => (location.href + document.cookie + dump(localStorage) + dump(sessionStorage)).includes(x)),
    };
  }, [AKID, SECRET]);
  assert.equal(leaks.local, '');
  assert.equal(leaks.session, '');
  assert.equal(leaks.cookie, '');
  assert.deepEqual(leaks.seen, [false, false]);
  assert.equal(leaks.url, server.url + '#CreateBackendAuth');
  assert.equal(leaks.forms, 0, 'no form that could submit');
  assert.deepEqual(leaks.inputs, [['akid', 'text', 'off', false], ['secret', 'password', 'off', false], ['token', 'password', 'off', false]]);
  const cookies = await browser.context.cookies();
  assert.deepEqual(cookies, []);
  for (const u of requests) assert.ok(!u.includes(AKID) && !u.includes(encodeURIComponent(SECRET)) && !u.includes(SECRET), u);

  // Clear credentials: inputs, memory and every signed output are emptied.
  await page.click('#clear-creds');
  for (const id of ['#akid', '#secret', '#token']) assert.equal(await page.inputValue(id), '', id);
  assert.equal(await page.$$eval('#signed tr[data-header]', (r) => r.length), 0);
  assert.match(await page.textContent('#signed'), /Enter an access key ID/);
  assert.doesNotMatch(await page.textContent('#curl'), /^curl|Authorization|AKIDEXAMPLE/);
  for (const b of ['signed', 'curl', 'presign']) assert.equal(await page.isDisabled(`[data-copy="${b}"]`), true, b);
  const html = await page.evaluate(() => document.documentElement.outerHTML + [...document.querySelectorAll('input,textarea')].map((i) => i.value).join('\n'));
  assert.ok(!html.includes(AKID) && !html.includes(SECRET), 'no credential left in the page');
  // Editing the input after Clear does not bring a signature back.
  await page.fill('#f-minlen', '17');
  await page.waitForTimeout(300);
  assert.equal(await page.$$eval('#signed tr[data-header]', (r) => r.length), 0);

  assert.deepEqual(bad, []);
  await page.close();
  t.diagnostic(`editor flow in the browser: ${Date.now() - t0} ms`);
});

// A small UpdateBackendAuth input whose UserPoolConfigs object (line 9) is empty.
const SMALL = `{
  "AppId": "d2v6kx3qz7p1ab",
  "BackendEnvironmentName": "staging",
  "ResourceName": "auth1",
  "ResourceConfig": {
    "AuthResources": "USER_POOL_ONLY",
    "Service": "COGNITO",
    "UserPoolConfigs": {
    }
  }
}
`;

/** Puts the caret at the end of line n (1-based) of the editor, with the keyboard. */
// acceptCompletion accepts the selected completion with Enter, as a person would. CodeMirror
// ignores a key that would accept a completion within its interactionDelay (75 ms) of the list
// opening, so that a key already on its way is not taken as a choice: a test that presses Enter
// as soon as the list is in the DOM gets a newline instead on a busy machine.
async function acceptCompletion(page) {
  await page.waitForTimeout(150);
  await page.keyboard.press('Enter');
}

async function caretToLineEnd(page, n) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

/** Moves the mouse over the first occurrence of needle in the editor's text, and waits for sel. */
async function hoverText(page, needle, sel) {
  const at = await page.$eval('#json', (host, n) => {
    const walker = document.createTreeWalker(host.shadowRoot.querySelector('.cm-content'), NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const i = t.data.indexOf(n);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(t, i + 1);
      r.setEnd(t, i + n.length - 1);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }
    return null;
  }, needle);
  assert.ok(at, `${needle} is in the editor`);
  await page.mouse.move(at.x - 5, at.y);
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector(sel);
}

/** The lint marks in the editor: {severity, text, line, column} (line and column from 1). */
function marks(page) {
  return page.$eval('#json', (host) => [...host.shadowRoot.querySelectorAll('.cm-lintRange')].map((m) => {
    const line = m.closest('.cm-line');
    const lines = [...host.shadowRoot.querySelectorAll('.cm-line')];
    const r = document.createRange();
    r.setStart(line, 0);
    r.setEnd(m, 0);
    return {
      severity: /cm-lintRange-warning/.test(m.className) ? 'warning' : 'error',
      text: m.textContent,
      line: lines.indexOf(line) + 1,
      column: r.toString().length + 1,
    };
  }));
}

test('the editor: a misspelt member typed by hand gets a lint marker at its line and column', async () => {
  const { page, bad } = await openPage();
  await ready(page, '#UpdateBackendAuth');
  await setText(page, SMALL);
  await waitForSummary(page, 'valid');
  await caretToLineEnd(page, 8); // after "UserPoolConfigs": {
  await page.keyboard.press('Enter');
  // Typed one key at a time: CodeMirror closes the quotes, the completion list opens and is
  // ignored (Escape), as a person typing on would.
  await page.keyboard.type('"Mfaa', { delay: 15 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.type(': {}', { delay: 15 });
  await waitForSummary(page, 'invalid');
  const text = await getText(page);
  assert.match(text, /\n {6}"Mfaa": \{\}\n/, JSON.stringify(text));
  const ps = await problems(page);
  assert.deepEqual(ps.map((p) => [p.code, p.path]), [['unknown', '/ResourceConfig/UserPoolConfigs/Mfaa']]);
  assert.match(ps[0].text, /9:7/, 'line 9, column 7 in the list');
  await page.waitForSelector('.cm-lintRange-error');
  assert.deepEqual(await marks(page), [{ severity: 'error', text: '"Mfaa"', line: 9, column: 7 }]);
  assert.equal(await page.$$eval('.cm-lint-marker-error', (m) => m.length), 1, 'one marker in the gutter');
  // The marker's message is the problem's.
  await hoverText(page, '"Mfaa"', '.cm-tooltip-lint');
  assert.match(await page.textContent('.cm-tooltip-lint'), /Mfaa is not a member of UpdateBackendAuthUserPoolConfig; did you mean Mfa\?/);
  assert.deepEqual(bad, []);
  await page.close();
});

test('the editor completes members and enum values from schema(), and describes a member on hover', async () => {
  const { page, bad } = await openPage();
  await ready(page, '#CreateBackendAuth');
  await setText(page, SMALL.replace('"USER_POOL_ONLY"', '"USER_POOL_ONLY"'));
  await caretToLineEnd(page, 8);
  await page.keyboard.press('Enter');
  await page.keyboard.type('"Sig', { delay: 20 });
  await page.waitForSelector('.cm-tooltip-autocomplete');
  const offered = await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (ls) => ls.map((l) => l.textContent));
  assert.ok(offered.includes('SignInMethod'), `SignInMethod offered inside UserPoolConfigs: ${offered}`);
  assert.ok(!offered.includes('AppId') && !offered.includes('AuthResources'), 'only the members of UserPoolConfigs');
  // The selected option shows the member's generated description.
  await page.waitForSelector('.cm-completionInfo');
  assert.match(await page.textContent('.cm-completionInfo'), /^Required\. One of "EMAIL", "EMAIL_AND_PHONE_NUMBER", "PHONE_NUMBER", "USERNAME"\. Sent in the JSON body as "signInMethod"\.$/);
  await acceptCompletion(page);
  await page.keyboard.press('End');
  await page.keyboard.type(': "', { delay: 20 });
  await page.keyboard.press('Control+Space');
  await page.waitForSelector('.cm-tooltip-autocomplete');
  const values = await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (ls) => ls.map((l) => l.textContent));
  assert.deepEqual(values.sort(), ['EMAIL', 'EMAIL_AND_PHONE_NUMBER', 'PHONE_NUMBER', 'USERNAME']);
  await page.keyboard.type('USERN', { delay: 20 });
  await acceptCompletion(page);
  assert.match(await getText(page), /\n {6}"SignInMethod": "USERNAME"\n/);
  // On an empty line, Ctrl+Space lists the members not yet there.
  await page.keyboard.press('End');
  await page.keyboard.type(',', { delay: 20 });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await page.waitForSelector('.cm-tooltip-autocomplete');
  const rest = await page.$$eval('.cm-tooltip-autocomplete li .cm-completionLabel', (ls) => ls.map((l) => l.textContent));
  assert.ok(rest.includes('UserPoolName') && rest.includes('RequiredSignUpAttributes'), String(rest));
  assert.ok(!rest.includes('SignInMethod'), 'a member already there is not offered again');
  await page.keyboard.press('Escape');

  // Hover on a member name: its description, from the schema.
  await hoverText(page, '"SignInMethod"', '.member-doc');
  assert.match(await page.textContent('.member-doc'), /SignInMethod\s*enum.*Required\. One of "EMAIL"/s);
  assert.deepEqual(bad, []);
  await page.close();
});

test('a deprecated member shows a warning, not an error', async () => {
  const { page, bad } = await openPage();
  await ready(page, '#UpdateBackendAuth');
  await setText(page, SMALL.replace('"UserPoolConfigs": {\n    }', '"UserPoolConfigs": {\n      "ForgotPassword": {"DeliveryMethod": "EMAIL"}\n    }'));
  await page.waitForFunction(() => document.querySelector('#problems-summary').textContent === 'Valid · 2 warnings');
  assert.equal(await page.getAttribute('#problems-summary', 'data-state'), 'valid');
  const ws = await problems(page, 'warning');
  assert.deepEqual(ws.map((p) => [p.code, p.path]), [
    ['deprecated', '/ResourceConfig/UserPoolConfigs/ForgotPassword'],
    ['deprecated', '/ResourceConfig/UserPoolConfigs/ForgotPassword/DeliveryMethod'],
  ]);
  assert.deepEqual(await problems(page), [], 'no errors');
  await page.waitForSelector('.cm-lintRange-warning');
  assert.deepEqual(await marks(page), [
    { severity: 'warning', text: '"ForgotPassword"', line: 9, column: 7 },
    { severity: 'warning', text: '"DeliveryMethod"', line: 9, column: 26 },
  ]);
  assert.equal(await page.$$eval('.cm-lint-marker-error', (m) => m.length), 0);
  assert.equal(await page.$$eval('.cm-lint-marker-warning', (m) => m.length), 1);
  // A valid input still builds a request.
  await page.waitForSelector('#unsigned .reqline');
  // The hover card says deprecated too.
  await hoverText(page, '"ForgotPassword"', '.member-doc');
  assert.match(await page.textContent('.member-doc'), /deprecated/);
  assert.deepEqual(bad, []);
  await page.close();
});

test('GET operations: signed request with a session token and a presigned URL equal to Go\'s', async () => {
  const { page, bad } = await openPage();
  await ready(page, '#GetToken');
  assert.equal(await page.inputValue('#op'), 'GetToken');
  await waitForSummary(page, 'valid');
  await page.fill('#region', REGION);
  await page.fill('#akid', AKID);
  await page.fill('#secret', SECRET);
  await page.fill('#token', TOKEN);
  await page.fill('#sigtime', '20240501T120000Z'); // the X-Amz-Date form works too
  await page.fill('#expires', '300');
  const inputText = await getText(page);

  const want = goSign('GetToken', inputText, { token: TOKEN });
  await page.waitForFunction((v) => document.querySelector('#signed tr[data-header="Authorization"] td')?.textContent === v, want.headers.Authorization);
  assert.equal(await page.textContent('#signed tr[data-header="X-Amz-Security-Token"] td'), TOKEN);

  const wantURL = goSign('GetToken', inputText, { token: TOKEN, presign: true, expires: 300 }).url;
  await page.click('#tab-presign');
  await page.waitForFunction((v) => document.querySelector('#presign').textContent === v, wantURL);
  assert.match(wantURL, /X-Amz-Expires=300/);

  // A wrong region is reported next to the field.
  await page.fill('#region', 'us west 2');
  await page.waitForSelector('#region[aria-invalid="true"]');
  assert.match(await page.textContent('#options-errors'), /region/i);
  assert.equal(await page.$$eval('#signed tr[data-header]', (r) => r.length), 0);
  await page.fill('#region', REGION);
  await page.waitForFunction((v) => document.querySelector('#signed tr[data-header="Authorization"] td')?.textContent === v, want.headers.Authorization);

  // A wrong signing time is reported next to the field, and nothing is signed.
  await page.fill('#sigtime', 'yesterday');
  await page.waitForSelector('#sigtime[aria-invalid="true"]');
  assert.match(await page.textContent('#sigtime-err'), /UTC time/);
  assert.equal(await page.$$eval('#signed tr[data-header]', (r) => r.length), 0);

  await page.click('#clear-creds');
  assert.equal(await page.inputValue('#token'), '');
  assert.match(await page.textContent('#presign'), /Enter an access key ID/);
  assert.deepEqual(bad, []);
  await page.close();
});

test('the page validates on the core module and loads the signing module only when signing opens', async () => {
  const { page, bad, requests } = await openPage();
  await ready(page, '#GetToken');
  await waitForSummary(page, 'valid');
  const wasm = () => requests.filter((u) => u.endsWith('.wasm')).map((u) => new URL(u).pathname);
  assert.deepEqual(wasm(), ['/js/amplifybackend-core.wasm'], 'before signing: the core module only');
  assert.equal(await page.evaluate(() => document.querySelector('#unsigned .reqline') !== null), true, 'the core module builds the request');
  await page.focus('#akid'); // opening signing starts loading the signing module
  await page.fill('#region', REGION);
  await page.fill('#akid', AKID);
  await page.fill('#secret', SECRET);
  await page.fill('#sigtime', '20240501T120000Z');
  const want = goSign('GetToken', await getText(page), {});
  await page.waitForFunction((v) => document.querySelector('#signed tr[data-header="Authorization"] td')?.textContent === v, want.headers.Authorization);
  assert.deepEqual(wasm(), ['/js/amplifybackend-core.wasm', '/js/amplifybackend.wasm'], 'then the signing module, once');
  assert.deepEqual(bad, []);
  await page.close();
});

test('every operation loads its example and builds a request', async () => {
  const { page, bad } = await openPage();
  await ready(page);
  const ops = await page.$$eval('#op option', (os) => os.map((o) => o.value));
  assert.equal(ops.length, 31);
  for (const op of ops) {
    await page.selectOption('#op', op);
    await page.waitForFunction((o) => location.hash === '#' + o, op);
    await page.waitForSelector('#problems-summary[data-state="valid"]', { timeout: 10000 }).catch(async (e) => {
      throw new Error(`${op}: ${e.message}: ${JSON.stringify(await problems(page, null))}`);
    });
    await page.waitForSelector('#unsigned .reqline');
  }
  assert.deepEqual(bad, []);
  await page.close();
});

test('a missing WebAssembly build says "make build"', async () => {
  const { page, bad } = await openPage({ allowConsoleError: (t) => /amplifybackend-core\.wasm|404/.test(t) });
  await page.route('**/js/amplifybackend-core.wasm', (r) =>
    r.fulfill({ status: 404, contentType: 'text/plain', body: 'js/amplifybackend-core.wasm is not built: run make build' }));
  await page.goto(server.url);
  await page.waitForSelector('#load-error:not([hidden])', { timeout: 10000 });
  assert.match(await page.textContent('#load-error'), /not built/);
  assert.match(await page.textContent('#load-error'), /make build/);
  assert.equal(await page.textContent('#status'), 'Module failed to load');
  assert.equal(await page.getAttribute('.cm-content', 'contenteditable'), 'false', 'the editor is read-only');
  assert.equal(await page.getAttribute('.cm-content', 'aria-disabled'), 'true');
  assert.deepEqual(bad, []);
  await page.close();
});

test('a missing editor bundle says "make demo"', async () => {
  const { page, bad } = await openPage({ allowConsoleError: (t) => /editor\.js|404/.test(t) });
  await page.route('**/dist/editor.js', (r) =>
    r.fulfill({ status: 404, contentType: 'text/plain', body: 'web-demo/dist/editor.js is not built: run make demo' }));
  await page.goto(server.url);
  await page.waitForSelector('#load-error:not([hidden])', { timeout: 10000 });
  assert.match(await page.textContent('#load-error'), /editor is not built/);
  assert.match(await page.textContent('#load-error'), /make demo/);
  // The failed import of the missing module is the one failed request.
  assert.deepEqual(bad.filter((b) => !/^request failed: \S+\/dist\/editor\.js /.test(b)), []);
  await page.close();
});

async function selectedText(page) {
  return page.$eval('#json', (t) => t.value.slice(t.selectionStart, t.selectionEnd));
}

/** Runs the curl command with sh, a stand-in curl printing its arguments as JSON. */
function runCurlInShell(cmd) {
  const bin = join(tmp, 'fakebin');
  mkdirSync(bin, { recursive: true });
  const fake = join(bin, 'curl');
  writeFileSync(fake, `#!${process.execPath}\nprocess.stdout.write(JSON.stringify(process.argv.slice(2)));\n`);
  chmodSync(fake, 0o755);
  return JSON.parse(execFileSync('sh', ['-c', cmd], { env: { PATH: `${bin}:${process.env.PATH}` } }).toString());
}
