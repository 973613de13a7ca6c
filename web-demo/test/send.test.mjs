// The editor's Send button in a real Chromium: the page signs a request with the local
// service's test keys and sends it to its own origin, where cmd/demo runs pkg/localservice
// (the page's CSP, connect-src 'self', stays as strict as ever). An auth resource created from
// the page is read back with GetBackendAuth equal to what was sent, and a service error is shown
// as one.
//
//   cd web-demo/test && node --test      (make test-browser)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goBuild, startServer, launch } from '../tools/harness.mjs';

let tmp, server, browser;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'abw-send-test-'));
  server = await startServer(await goBuild('./cmd/demo', tmp, 'demo'));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const getText = (page) => page.$eval('#json', (e) => e.value);
const setText = (page, text) => page.$eval('#json', (e, t) => { e.value = t; }, text);

/** send picks op, sets its input and presses Send; resolves to the result panel's outcome and text. */
async function send(page, op, input) {
  await page.selectOption('#op', op);
  await page.waitForSelector('#problems-summary[data-state="valid"]', { timeout: 5000 });
  if (input) {
    await setText(page, JSON.stringify(input, null, 2));
    await page.waitForSelector('#problems-summary[data-state="valid"]', { timeout: 5000 });
  }
  await page.waitForSelector('#send:not([disabled])', { timeout: 5000 });
  const before = await page.$eval('#send-result', (e) => e.dataset.seq || '0');
  await page.click('#send');
  await page.waitForFunction((b) => (document.querySelector('#send-result').dataset.seq || '0') !== b, before, { timeout: 15000 });
  return page.$eval('#send-result', (e) => ({ outcome: e.dataset.outcome, head: e.querySelector('p')?.textContent ?? '', body: e.querySelector('pre')?.textContent ?? '' }));
}

test('Send: an auth resource created from the page reads back equal with GetBackendAuth', async () => {
  const page = await browser.context.newPage();
  const bad = [];
  page.on('pageerror', (e) => bad.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url)) bad.push(`request to another origin: ${r.url()}`);
  });
  await page.goto(server.url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  assert.equal(await page.isDisabled('#send'), true, 'Send is disabled without credentials');

  await page.click('#use-test-creds');
  assert.equal(await page.inputValue('#akid'), 'AKIAIOSFODNN7EXAMPLE');

  const ids = { AppId: 'pageapp1', BackendEnvironmentName: 'dev' };
  let r = await send(page, 'CreateBackend', { ...ids, AppName: 'From the page' });
  assert.equal(r.outcome, 'ok', r.head + r.body);
  assert.match(r.head, /HTTP 200/);
  assert.equal(JSON.parse(r.body).Operation, 'CreateBackend');

  // The operation's example, moved to our app and environment.
  await page.selectOption('#op', 'CreateBackendAuth');
  await page.waitForSelector('#problems-summary[data-state="valid"]', { timeout: 5000 });
  const auth = { ...JSON.parse(await getText(page)), ...ids, ResourceName: 'pageAuth' };
  r = await send(page, 'CreateBackendAuth', auth);
  assert.equal(r.outcome, 'ok', r.head + r.body);

  r = await send(page, 'GetBackendAuth', { ...ids, ResourceName: 'pageAuth' });
  assert.equal(r.outcome, 'ok', r.head + r.body);
  const got = JSON.parse(r.body);
  assert.equal(got.ResourceName, 'pageAuth');
  assert.deepEqual(got.ResourceConfig, auth.ResourceConfig);

  // A service error is shown as the service's error.
  r = await send(page, 'GetBackendAuth', { ...ids, ResourceName: 'missing' });
  assert.equal(r.outcome, 'NotFoundException', r.head + r.body);
  assert.match(r.head, /NotFoundException · HTTP 404 · request ID [0-9a-f-]{36}/);

  // Keys the service does not know: its signature error.
  await page.fill('#secret', 'not-the-secret');
  r = await send(page, 'GetBackendAuth', { ...ids, ResourceName: 'pageAuth' });
  assert.equal(r.outcome, 'InvalidSignatureException', r.head + r.body);
  assert.doesNotMatch(r.head + r.body, /not-the-secret/);

  assert.deepEqual(bad, []);
  await page.close();
});
