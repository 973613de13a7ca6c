// The generated JSON Schemas (schema()) and TypeScript declarations agree with the validator.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import * as ab from "../index.js";
import { schemas } from "../generated/schemas.js";
import { JS_DIR, TESTDATA, readJSON, jsonFiles, schemaErrors } from "./helpers.mjs";

const require = createRequire(import.meta.url);
before(() => ab.init());

const has = (pkg) => existsSync(join(JS_DIR, "node_modules", pkg, "package.json"));

test("schema() gives a draft 2020-12 schema per operation, a fresh copy each time", () => {
  assert.equal(Object.keys(schemas).length, 31);
  const s = ab.schema("CreateBackendAuth");
  assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(s.$ref, "#/$defs/CreateBackendAuthRequest");
  const root = s.$defs.CreateBackendAuthRequest;
  assert.deepEqual(root.required, ["AppId", "BackendEnvironmentName", "ResourceConfig", "ResourceName"]);
  assert.equal(root.additionalProperties, false);
  assert.deepEqual(root.properties.AppId, { type: "string", minLength: 1, description: "Required. A string. Sent in the request URI as {appId}; must not be empty." });
  assert.deepEqual(s.$defs.SignInMethod.enum, ["EMAIL", "EMAIL_AND_PHONE_NUMBER", "PHONE_NUMBER", "USERNAME"]);
  assert.equal(s.$defs.EmailSettings.writeOnly, true);
  assert.deepEqual(ab.schema("ListBackendJobs").$defs.ListBackendJobsRequest.properties.MaxResults, {
    type: ["integer", "null"], minimum: 1, maximum: 25,
    description: 'Optional. An integer from 1 to 25. Sent in the JSON body as "maxResults".',
  });
  s.$defs.SignInMethod.enum.push("X");
  assert.equal(ab.schema("CreateBackendAuth").$defs.SignInMethod.enum.length, 4, "schema() returns a copy");
  // Every $ref resolves.
  for (const [op, sch] of Object.entries(schemas)) {
    for (const ref of JSON.stringify(sch).match(/#\/\$defs\/[A-Za-z0-9_]+/g)) {
      assert.ok(sch.$defs[ref.slice(8)], `${op}: ${ref}`);
    }
  }
});

test("every member has a description made of the model's facts; the deprecated ones say so", () => {
  const deprecated = JSON.parse(readFileSync(join(JS_DIR, "..", "model", "deprecated.json"), "utf8")).members.map((m) => m.shape + "." + m.member);
  assert.equal(deprecated.length, 8);
  const seen = new Set();
  let members = 0;
  for (const sch of Object.values(schemas)) {
    for (const [name, def] of Object.entries(sch.$defs)) {
      for (const [member, p] of Object.entries(def.properties ?? {})) {
        members++;
        assert.match(p.description, /^(Required|Optional)\. .+\. Sent (in the JSON body as "[^"]+"|in the request URI as \{[^}]+\}; must not be empty)\./, `${name}.${member}`);
        const isDeprecated = deprecated.includes(name + "." + member);
        assert.equal(p.deprecated, isDeprecated || undefined, `${name}.${member} deprecated`);
        assert.equal(/Deprecated: /.test(p.description), isDeprecated, `${name}.${member} description`);
        if (isDeprecated) seen.add(name + "." + member);
      }
    }
  }
  assert.ok(members > 200, `${members} members`);
  assert.deepEqual([...seen].sort(), [...deprecated].sort(), "every deprecated member is in some operation's schema");
  const upc = schemas.CreateBackendAuth.$defs.CreateBackendAuthUserPoolConfig.properties;
  assert.equal(upc.SignInMethod.description, 'Required. One of "EMAIL", "EMAIL_AND_PHONE_NUMBER", "PHONE_NUMBER", "USERNAME". Sent in the JSON body as "signInMethod".');
  assert.equal(upc.RequiredSignUpAttributes.description.startsWith('Required. A list of strings, each one of "ADDRESS", "BIRTHDATE"'), true);
  assert.match(schemas.CreateBackendAuth.$defs.SocialProviderSettings.properties.Facebook.description, /Sensitive: its values never appear in a message\.$/);
});

test("the schemas accept every example input and reject every frozen invalid case", () => {
  for (const op of Object.keys(schemas)) {
    const input = readJSON(join(TESTDATA, "operations", op + ".json"));
    assert.deepEqual(schemaErrors(schemas[op], input), [], op);
  }
  const shapeRoot = (shape) => ({ ...schemas.CreateBackendAuth, $ref: "#/$defs/" + shape });
  for (const f of jsonFiles(join(TESTDATA, "invalid"))) {
    const c = readJSON(join(TESTDATA, "invalid", f));
    if (!("input" in c)) continue;
    const s = c.operation ? schemas[c.operation] : shapeRoot(c.shape);
    const failed = schemaErrors(s, c.input);
    // What the schema can see: every problem but duplicates and limits is somewhere it failed.
    for (const p of c.problems) {
      if (["duplicate", "limit", "syntax"].includes(p.code)) continue;
      assert.ok(failed.some((path) => path === p.path || p.path.startsWith(path + "/") || path.startsWith(p.path + "/")), `${f}: ${p.path} (${p.code}) not caught; schema failed at ${failed}`);
    }
    assert.ok(failed.length > 0, f);
  }
});

test("Ajv compiles every schema as draft 2020-12 and agrees on the examples", { skip: !process.env.CI && !has("ajv") && "npm install in js/ for ajv" }, () => {
  const Ajv2020 = require("ajv/dist/2020").default;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  for (const [op, s] of Object.entries(schemas)) {
    const validate = ajv.compile(structuredClone(s));
    const input = readJSON(join(TESTDATA, "operations", op + ".json"));
    assert.ok(validate(input), op + ": " + JSON.stringify(validate.errors));
    assert.equal(validate({ ...input, Unknown: 1 }), false, op);
    // null for an optional member is accepted, as by the validator.
    const nullable = Object.keys(s.$defs[s.$ref.slice(8)].properties).find((k) => !(s.$defs[s.$ref.slice(8)].required ?? []).includes(k));
    if (nullable) {
      assert.ok(validate({ ...input, [nullable]: null }), op + " with " + nullable + ": null");
      assert.equal(ab.validate(op, { ...input, [nullable]: null }).valid, true, op);
    }
  }
});

test("index.d.ts and generated/types.d.ts type-check, and type the inputs", { skip: !process.env.CI && !has("typescript") && "npm install in js/ for typescript" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "amplifybackend-types-"));
  const pkg = JS_DIR.replace(/\\/g, "/");
  writeFileSync(
    join(dir, "use.mts"),
    `import { init, validate, validateAuthConfig, buildRequest, signRequest, operations, schema, type AmplifyBackendError, type CreateBackendAuthRequest, type OperationInput } from "${pkg}/index.js";
await init();
const input: CreateBackendAuthRequest = { AppId: "a", BackendEnvironmentName: "b", ResourceName: "r",
  ResourceConfig: { AuthResources: "USER_POOL_ONLY", Service: "COGNITO", UserPoolConfigs: { SignInMethod: "EMAIL", UserPoolName: "p", RequiredSignUpAttributes: ["EMAIL"] } } };
const r: { valid: boolean } = validate("CreateBackendAuth", input);
validate("GetBackend", JSON.parse("{}") as unknown);
// Without a type argument anything is accepted (validating it is the point), a literal included.
validate("CreateBackendAuth", { AppId: 1, Nope: true });
validate("NotAnOperation", { AppId: "a" });
validate(String("GetBackend"), null);
validateAuthConfig(input.ResourceConfig, { mode: "create" });
const req = buildRequest("CreateBackendAuth", input, { region: "us-east-1" });
const signed = signRequest(req, { credentials: { accessKeyId: "a", secretAccessKey: "b" }, region: "us-east-1", signingDate: new Date() });
const h: string | string[] = signed.headers["Authorization"];
const n: number = operations().length;
const s: Record<string, unknown> = schema("GetBackend");
try { buildRequest("GetBackend", { AppId: "a" }, { region: "us-east-1" }); } catch (e) { const errs = (e as AmplifyBackendError).errors; errs[0].code satisfies "required" | "type" | "enum" | "range" | "unknown" | "empty" | "syntax" | "duplicate" | "limit" | "invalid" | "deprecated"; }
// JSON text: the text overloads, ranges and warnings.
const fromText = validate("GetBackend", '{"AppId": 1}');
const off: number | undefined = fromText.errors[0]?.range?.start.offset;
const col: number = fromText.warnings.length > 0 && fromText.warnings[0].range ? fromText.warnings[0].range.end.column : 0;
validateAuthConfig('{"Service": "COGNITO"}', { mode: "update" }).warnings satisfies { path: string }[];
type I = OperationInput["GetBackend"];
const i: I = { AppId: "a", BackendEnvironmentName: "b" };
// @ts-expect-error SignInMethod is an enum
const bad1: CreateBackendAuthRequest["ResourceConfig"]["UserPoolConfigs"]["SignInMethod"] = "EMAILS";
// @ts-expect-error a typed validate rejects an unknown member
validate<"GetBackend">("GetBackend", { AppId: "a", BackendEnvironmentName: "b", Nope: 1 });
// @ts-expect-error buildRequest needs the operation's input
buildRequest("GetBackend", { AppID: "a" }, { region: "us-east-1" });
// @ts-expect-error region is required
buildRequest("GetBackend", i, {});
// @ts-expect-error unknown option
signRequest(req, { credentials: { accessKeyId: "a", secretAccessKey: "b" }, region: "x", regoin: "y" });
// @ts-expect-error unknown operation
schema("GetBackendd");
export { r, h, n, s, bad1 };
`,
  );
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: false, lib: ["es2022", "dom"], types: [] }, files: ["use.mts"] }),
  );
  const tsc = join(JS_DIR, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail("tsc failed:\n" + e.stdout + e.stderr);
  }
  // The generated declarations are plain and deterministic.
  const types = readFileSync(join(JS_DIR, "generated", "types.d.ts"), "utf8");
  assert.match(types, /^\/\/ Code generated .* DO NOT EDIT\./);
  assert.match(types, /export interface OperationInput \{\n  CloneBackend: CloneBackendRequest;/);
});
