// Screenshots for looking at the page while working on it (not a test):
//   node web-demo/tools/shot.mjs [Operation] [width]x[height] [scheme]
// writes ../screenshots/shot-<Operation>-<width>[-dark].png.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { REPO, goBuild, startServer, launch } from './harness.mjs';

const op = process.argv[2] || 'CreateBackendAuth';
const [w, h] = (process.argv[3] || '1440x1000').split('x').map(Number);
const scheme = process.argv[4] || 'light';
const bin = await goBuild('./cmd/demo', mkdtempSync(join(tmpdir(), 'abw-shot-')), 'demo');
const server = await startServer(bin);
const browser = await launch();
try {
  const page = await browser.context.newPage();
  page.on('console', (m) => console.log('console.' + m.type() + ':', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width: w, height: h });
  if (process.env.NOWASM) {
    await page.route('**/js/amplifybackend.wasm', (r) => r.fulfill({ status: 404, contentType: 'text/plain', body: 'not built' }));
  }
  if (process.env.SLOW) {
    await page.route('**/js/amplifybackend.wasm', async (r) => { await new Promise((res) => setTimeout(res, 60000)); r.continue(); });
  }
  await page.goto(server.url + '#' + op);
  if (process.env.SLOW) await page.waitForTimeout(1500);
  if (!process.env.SLOW) await page.waitForSelector('html[data-ready="true"], #load-error:not([hidden])', { timeout: 20000 });
  if (process.env.CREDS) {
    await page.fill('#akid', 'AKIDEXAMPLE');
    await page.fill('#secret', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    await page.fill('#sigtime', '2024-05-01T12:00:00Z');
    await page.waitForTimeout(300);
  }
  if (process.env.BREAK) {
    // #json is the CodeMirror host; its value property reads and replaces the text.
    await page.$eval('#json', (e) => { e.value = e.value.replace('"SignInMethod"', '"SignInMetod"').replace('"OPTIONAL"', '"SOMETIMES"'); });
    await page.waitForTimeout(400);
    await page.click('.problem >> nth=0');
    await page.waitForTimeout(800);
  }
  if (process.env.HELP) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.locator('body').press('?');
  }
  if (process.env.TAB) await page.click('#tab-' + process.env.TAB);
  mkdirSync(join(REPO, 'web-demo', 'screenshots'), { recursive: true });
  const file = join(REPO, 'web-demo', 'screenshots', `shot-${op}-${w}${scheme === 'dark' ? '-dark' : ''}${process.env.BREAK ? '-broken' : ''}${process.env.NOWASM ? '-nowasm' : ''}${process.env.SLOW ? '-loading' : ''}.png`);
  await page.screenshot({ path: file, fullPage: !!process.env.FULL });
  console.log(file);
} finally {
  await browser.close();
  await server.stop();
}
