// Shared by the browser tests (../test) and shot.mjs: start the demo server on
// a free port and launch Debian's Chromium through playwright-core. It lives
// outside test/ because `node --test` runs every .mjs file under a test/
// directory; playwright-core is resolved from ../test/package.json.
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { chromium } = createRequire(new URL('../test/package.json', import.meta.url))('playwright-core');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds a Go command into dir and resolves to the binary's path. */
export async function goBuild(pkg, dir, name) {
  const out = join(dir, name);
  try {
    await promisify(execFile)('go', ['build', '-o', out, pkg], { cwd: REPO });
  } catch (e) {
    throw new Error(`go build ${pkg} failed:\n${e.stderr || e.message}`);
  }
  return out;
}

/**
 * Starts the demo server (a binary built from ./cmd/demo) on 127.0.0.1:0 and
 * resolves to {url, stop, output()} once it prints its URL.
 */
export function startServer(bin, { cwd = tmpdir() } = {}) {
  // Run from outside the repository: the server must find its root by itself.
  const child = spawn(bin, ['-addr', '127.0.0.1:0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo server did not start in 20s: ${out}${err}`)), 20000);
    child.on('exit', (code) => reject(new Error(`demo server exited ${code}: ${out}${err}`)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /amplifybackend demo: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          stderr: () => err,
          stop: () =>
            new Promise((r) => {
              if (child.exitCode !== null) return r();
              child.removeAllListeners('exit');
              child.on('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

/** Launches Chromium with a fresh profile; close() removes the profile. */
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run bash scripts/ensure-browser.sh`);
  const profile = mkdtempSync(join(tmpdir(), 'abw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 1000 },
    deviceScaleFactor: 1,
    timeout: 30000,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
