// The JavaScript runner of lifecycle.json, shared by lifecycle.mjs (the official SDK) and
// js/test/localservice.test.mjs (our send and the Node CLI's call). lifecycle.py is the same
// for boto3 and the AWS CLI, and pkg/localservice's cli_lifecycle_test.go for the Go CLI.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";

/** steps is lifecycle.json's list of steps. */
export const steps = JSON.parse(readFileSync(new URL("./lifecycle.json", import.meta.url), "utf8")).steps;

function substitute(v, saved) {
  if (typeof v === "string") {
    const m = /^\$\{(\w+)\}$/.exec(v);
    return m ? saved[m[1]] : v;
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, saved));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, saved)]));
  return v;
}

/**
 * runSteps runs every step with call(op, input, wrongSecret), which resolves to {out} (the
 * output in the user-facing form, metadata removed) or {err} (the service error's name). It
 * throws at the first step that does not give what lifecycle.json says, and returns the number
 * of steps run.
 */
export async function runSteps(call, log = () => {}) {
  if (steps.length < 40) throw new Error(`lifecycle.json has ${steps.length} steps`);
  const saved = {};
  for (const [n, step] of steps.entries()) {
    const i = n + 1;
    const { op } = step;
    const where = `step ${i} (${op})`;
    const input = substitute(step.input ?? {}, saved);
    const wrong = step.credentials === "wrong-secret";
    if (step.paginate) {
      const pg = step.paginate;
      const seen = [];
      let token;
      let pages = 0;
      do {
        const p = { ...input, MaxResults: pg.maxPage, ...(token ? { NextToken: token } : {}) };
        const { out, err } = await call(op, p, wrong);
        if (err) throw new Error(`${where}: ${err}`);
        const items = out[pg.items] ?? [];
        if (items.length > pg.maxPage) throw new Error(`${where}: a page of ${items.length} with MaxResults ${pg.maxPage}`);
        seen.push(...items.map((it) => it[pg.key]));
        pages++;
        token = out.NextToken;
      } while (token);
      if (new Set(seen).size !== seen.length || seen.length !== step.expectCount) {
        throw new Error(`${where}: ${seen.length} items (${new Set(seen).size} distinct) in ${pages} pages, want ${step.expectCount}`);
      }
      log(`ok ${i} ${op}: ${seen.length} items in ${pages} pages`);
      continue;
    }
    const { out, err } = await call(op, input, wrong);
    if (step.error) {
      if (err !== step.error) throw new Error(`${where}: want ${step.error}, got ${err ?? JSON.stringify(out)}`);
      log(`ok ${i} ${op}: ${err}`);
      continue;
    }
    if (err) throw new Error(`${where}: ${err}`);
    for (const [member, field] of Object.entries(step.pluck ?? {})) {
      out[member] = (out[member] ?? []).map((it) => it[field]);
    }
    for (const [k, want] of Object.entries(substitute(step.expect ?? {}, saved))) {
      if (!isDeepStrictEqual(out[k], want)) throw new Error(`${where}: ${k} is ${JSON.stringify(out[k])}, want ${JSON.stringify(want)}`);
    }
    for (const [v, member] of Object.entries(step.save ?? {})) saved[v] = out[member];
    log(`ok ${i} ${op}`);
  }
  return steps.length;
}
