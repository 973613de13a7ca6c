// Checks the benchmark fixtures against the AmplifyBackend service model.
//
//   node bench/check-fixtures.mjs [path/to/amplifybackend-2020-08-11.json]
//
// Walks each fixture (user-facing PascalCase member names, as the official v3 client and boto3
// take them) through the model's CreateBackendAuthRequest shape and lists every problem: unknown
// member, missing required member, wrong JSON type, value outside an enum. The valid fixture must
// have none; the invalid one must have exactly the mistakes listed in fixtures/README.md.
// The model is looked up in shared/model/ beside the repository (as laid for the sessions and CI).
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const candidates = [
  process.argv[2],
  here("../../shared/model/amplifybackend-2020-08-11.json"),
  here("../shared/model/amplifybackend-2020-08-11.json"),
].filter(Boolean);
const modelPath = candidates.find((p) => existsSync(p));
if (!modelPath) {
  console.log("check-fixtures: model not found (tried: " + candidates.join(", ") + "); skipped");
  process.exit(0);
}
const model = JSON.parse(readFileSync(modelPath, "utf8"));
const shapes = model.shapes;

function checkShape(value, shapeName, path, out) {
  const shape = shapes[shapeName];
  switch (shape.type) {
    case "structure": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        out.push(`${path}: expected object (${shapeName}), got ${JSON.stringify(value)}`);
        return;
      }
      for (const req of shape.required ?? []) {
        if (!(req in value)) out.push(`${path}.${req}: missing required member (${shapeName})`);
      }
      for (const [k, v] of Object.entries(value)) {
        const m = shape.members?.[k];
        if (!m) {
          out.push(`${path}.${k}: unknown member of ${shapeName}`);
          continue;
        }
        checkShape(v, m.shape, `${path}.${k}`, out);
      }
      return;
    }
    case "list":
      if (!Array.isArray(value)) {
        out.push(`${path}: expected list (${shapeName}), got ${JSON.stringify(value)}`);
        return;
      }
      value.forEach((v, i) => checkShape(v, shape.member.shape, `${path}[${i}]`, out));
      return;
    case "string":
      if (typeof value !== "string") out.push(`${path}: expected string, got ${JSON.stringify(value)}`);
      else if (shape.enum && !shape.enum.includes(value))
        out.push(`${path}: ${JSON.stringify(value)} is not one of ${shapeName} [${shape.enum.join(", ")}]`);
      return;
    case "boolean":
      if (typeof value !== "boolean") out.push(`${path}: expected boolean, got ${JSON.stringify(value)}`);
      return;
    case "integer":
    case "long":
    case "double":
      if (typeof value !== "number") out.push(`${path}: expected number (${shape.type}), got ${JSON.stringify(value)}`);
      return;
    default:
      out.push(`${path}: unhandled shape type ${shape.type}`);
  }
}

const opInput = model.operations.CreateBackendAuth.input.shape;
let failed = false;
for (const [file, expectValid] of [
  ["fixtures/create-backend-auth.json", true],
  ["fixtures/create-backend-auth-invalid.json", false],
]) {
  const input = JSON.parse(readFileSync(here(file), "utf8"));
  const problems = [];
  checkShape(input, opInput, "$", problems);
  const ok = expectValid ? problems.length === 0 : problems.length > 0;
  if (!ok) failed = true;
  console.log(`${file}: ${problems.length} problem(s)${ok ? "" : "  <-- UNEXPECTED"}`);
  for (const p of problems) console.log("  " + p);
}
console.log(`model: ${modelPath}`);
process.exit(failed ? 1 : 0);
