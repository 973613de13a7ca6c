// Runs lifecycle.json against the local AmplifyBackend service with the
// official AWS SDK for JavaScript (@aws-sdk/client-amplifybackend, pinned in
// package-lock.json).
//
// Usage: node lifecycle.mjs ENDPOINT
// The credentials and region come from AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION. Prints one line per step and
// exits 1 at the first step that does not give what lifecycle.json says.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as sdk from '@aws-sdk/client-amplifybackend';

const endpoint = process.argv[2];
const { steps } = JSON.parse(readFileSync(new URL('./lifecycle.json', import.meta.url), 'utf8'));

function client(secretAccessKey) {
  return new sdk.AmplifyBackendClient({
    region: process.env.AWS_DEFAULT_REGION,
    endpoint,
    credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey },
    // LIFECYCLE_MAX_ATTEMPTS turns retries on (against a service with a
    // fault rate); 1 by default, so that any error shows.
    maxAttempts: Number(process.env.LIFECYCLE_MAX_ATTEMPTS ?? 1),
  });
}
const good = client(process.env.AWS_SECRET_ACCESS_KEY);
const wrong = client(process.env.AWS_SECRET_ACCESS_KEY + '-wrong');

function fail(msg) {
  console.log('FAIL: ' + msg);
  process.exit(1);
}

function substitute(v, saved) {
  if (typeof v === 'string') {
    const m = /^\$\{(\w+)\}$/.exec(v);
    return m ? saved[m[1]] : v;
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, saved));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, saved)]));
  return v;
}

async function call(c, op, input) {
  const Command = sdk[`${op}Command`];
  if (!Command) fail(`the SDK has no ${op}Command`);
  try {
    const out = await c.send(new Command(input));
    delete out.$metadata;
    return { out };
  } catch (e) {
    if (!e.$metadata) throw e; // not a service error
    if (e.name === 'NotFoundException' && !(e instanceof sdk.NotFoundException)) {
      fail('a NotFoundException that is not an sdk.NotFoundException');
    }
    return { err: e.name };
  }
}

const saved = {};
for (const [n, step] of steps.entries()) {
  const i = n + 1;
  const { op } = step;
  const where = `step ${i} (${op})`;
  const input = substitute(step.input ?? {}, saved);
  const c = step.credentials === 'wrong-secret' ? wrong : good;
  if (step.paginate) {
    const pg = step.paginate;
    const seen = [];
    let token;
    let pages = 0;
    do {
      const p = { ...input, MaxResults: pg.maxPage, ...(token ? { NextToken: token } : {}) };
      const { out, err } = await call(c, op, p);
      if (err) fail(`${where}: ${err}`);
      const items = out[pg.items] ?? [];
      if (items.length > pg.maxPage) fail(`${where}: a page of ${items.length} with MaxResults ${pg.maxPage}`);
      seen.push(...items.map((it) => it[pg.key]));
      pages++;
      token = out.NextToken;
    } while (token);
    if (new Set(seen).size !== seen.length || seen.length !== step.expectCount) {
      fail(`${where}: ${seen.length} items (${new Set(seen).size} distinct) in ${pages} pages, want ${step.expectCount}`);
    }
    console.log(`ok ${i} ${op}: ${seen.length} items in ${pages} pages`);
    continue;
  }
  const { out, err } = await call(c, op, input);
  if (step.error) {
    if (err !== step.error) fail(`${where}: want ${step.error}, got ${err ?? JSON.stringify(out)}`);
    console.log(`ok ${i} ${op}: ${err}`);
    continue;
  }
  if (err) fail(`${where}: ${err}`);
  for (const [member, field] of Object.entries(step.pluck ?? {})) {
    out[member] = (out[member] ?? []).map((it) => it[field]);
  }
  for (const [k, want] of Object.entries(substitute(step.expect ?? {}, saved))) {
    if (!isDeepStrictEqual(out[k], want)) fail(`${where}: ${k} is ${JSON.stringify(out[k])}, want ${JSON.stringify(want)}`);
  }
  for (const [v, member] of Object.entries(step.save ?? {})) saved[v] = out[member];
  console.log(`ok ${i} ${op}`);
}
console.log(`PASS @aws-sdk/client-amplifybackend: ${steps.length} steps`);
