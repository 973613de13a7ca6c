// What an editor shows a TypeScript user, asked of TypeScript's language service (the API editors
// use): member and enum completion in an untyped validate() call, the generated descriptions and
// @deprecated tags, and the types of the "./schemas" subpath export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JS_DIR } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const ts = require("typescript");

// A project in a temporary directory that depends on the package as a user's would: through
// node_modules/amplifybackend-wasm (a link to js/), so that "exports" decides what resolves.
function project() {
  const dir = mkdtempSync(join(tmpdir(), "amplifybackend-ls-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(JS_DIR, join(dir, "node_modules", "amplifybackend-wasm"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const files = new Map();
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
  };
  const host = {
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => {
      const text = files.has(f) ? files.get(f) : existsSync(f) ? readFileSync(f, "utf8") : undefined;
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (f) => files.has(f) || ts.sys.fileExists(f),
    readFile: (f) => (files.has(f) ? files.get(f) : ts.sys.readFile(f)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    /** Completions at the "|" in src, which becomes the file's text without it. */
    completeAt(src) {
      const at = src.indexOf("|");
      assert.ok(at >= 0, "the source marks the position with |");
      const file = join(dir, `use${files.size}.mts`);
      files.set(file, src.slice(0, at) + src.slice(at + 1));
      const info = service.getCompletionsAtPosition(file, at, {});
      return { file, at, entries: info?.entries ?? [] };
    },
    details(file, at, name) {
      return service.getCompletionEntryDetails(file, at, name, undefined, undefined, undefined, undefined);
    },
    errors(src) {
      const file = join(dir, `check${files.size}.mts`);
      files.set(file, src);
      return [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map((d) =>
        ts.flattenDiagnosticMessageText(d.messageText, "\n"),
      );
    },
  };
}

const header = `import { validate } from "amplifybackend-wasm";\n`;

test("validate() without a type argument completes the members of the operation's input", () => {
  const p = project();
  const { entries } = p.completeAt(header + `validate("CreateBackendAuth", { | });\n`);
  const names = entries.map((e) => e.name);
  for (const m of ["AppId", "BackendEnvironmentName", "ResourceConfig", "ResourceName"]) assert.ok(names.includes(m), `${m} in ${names}`);
  assert.ok(!names.includes("UserPoolConfigs"), "only the top level's members");
});

test("nested objects complete too: SignInMethod inside UserPoolConfigs, and its enum values", () => {
  const p = project();
  const nested = p.completeAt(header + `validate("CreateBackendAuth", { ResourceConfig: { UserPoolConfigs: { | } } });\n`);
  const names = nested.entries.map((e) => e.name);
  assert.ok(names.includes("SignInMethod"), `SignInMethod in ${names}`);
  assert.ok(names.includes("RequiredSignUpAttributes"), `RequiredSignUpAttributes in ${names}`);
  const d = p.details(nested.file, nested.at, "SignInMethod");
  const doc = ts.displayPartsToString(d.documentation);
  assert.match(doc, /^Required\. One of "EMAIL", "EMAIL_AND_PHONE_NUMBER", "PHONE_NUMBER", "USERNAME"\. Sent in the JSON body as "signInMethod"\.$/);

  const values = p.completeAt(header + `validate("CreateBackendAuth", { ResourceConfig: { UserPoolConfigs: { SignInMethod: "|" } } });\n`);
  assert.deepEqual(values.entries.map((e) => e.name).sort(), ["EMAIL", "EMAIL_AND_PHONE_NUMBER", "PHONE_NUMBER", "USERNAME"]);
});

test("deprecated members are marked deprecated in completion and carry the reason", () => {
  const p = project();
  const c = p.completeAt(header + `validate("UpdateBackendAuth", { ResourceConfig: { UserPoolConfigs: { | } } });\n`);
  const fp = c.entries.find((e) => e.name === "ForgotPassword");
  assert.ok(fp, "ForgotPassword is offered");
  assert.match(fp.kindModifiers ?? "", /deprecated/);
  const mfa = c.entries.find((e) => e.name === "Mfa");
  assert.doesNotMatch(mfa.kindModifiers ?? "", /deprecated/);
  const tags = p.details(c.file, c.at, "ForgotPassword").tags.map((t) => [t.name, ts.displayPartsToString(t.text)]);
  assert.deepEqual(tags, [["deprecated", "The service documents this member as deprecated; validation warns when it is set."]]);
});

test("validateAuthConfig() completes the ResourceConfig of the mode it is given", () => {
  const p = project();
  const head = `import { validateAuthConfig } from "amplifybackend-wasm";\n`;
  const create = p.completeAt(head + `validateAuthConfig({ UserPoolConfigs: { | } }, { mode: "create" });\n`).entries.map((e) => e.name);
  assert.ok(create.includes("SignInMethod") && create.includes("UserPoolName"), String(create));
  const update = p.completeAt(head + `validateAuthConfig({ UserPoolConfigs: { | } }, { mode: "update" });\n`).entries.map((e) => e.name);
  assert.ok(update.includes("ForgotPassword") && !update.includes("SignInMethod"), `update has no SignInMethod: ${update}`);
  // Any value is still accepted.
  assert.deepEqual(p.errors(head + `declare const o: { mode: "create" | "update" };\nvalidateAuthConfig(JSON.parse("{}") as unknown, o);\nvalidateAuthConfig({ Nope: 1 }, { mode: "create" });\nvalidateAuthConfig("{}", o);\n`), []);
});

test("every member of every input and output interface has a description", () => {
  const types = readFileSync(join(JS_DIR, "generated", "types.d.ts"), "utf8");
  const maps = new Set(["OperationInput", "OperationOutput", "ModeledErrors", "ResponseMetadata"]);
  let members = 0;
  for (const [, name, body] of types.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) {
    if (maps.has(name)) continue;
    const lines = body.split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!/^  \w+\??: /.test(lines[i]) || lines[i].startsWith("  ResponseMetadata: ")) continue;
      members++;
      assert.equal(lines[i - 1], "   */", `${name}: ${lines[i]} has a doc comment`);
      let open = i - 1;
      while (open > 0 && lines[open] !== "  /**") open--;
      assert.match(lines[open + 1], /^ {3}\* (Required|Optional|Present)\. /, `${name}: ${lines[i]}`);
    }
  }
  assert.ok(members > 300, `${members} members checked`);
});

test('"amplifybackend-wasm/schemas" has types', () => {
  const p = project();
  const ok = p.errors(`import { schemas, type OperationSchema, type JSONSchema } from "amplifybackend-wasm/schemas";
const s: OperationSchema = schemas.CreateBackendAuth;
const d: string | undefined = s.$defs.CreateBackendAuthRequest.properties?.AppId.description;
const dep: boolean | undefined = s.$defs.CreateBackendAuthForgotPasswordConfig.properties?.DeliveryMethod.deprecated;
const j: JSONSchema = s;
export { d, dep, j };
`);
  assert.deepEqual(ok, []);
  const bad = p.errors(`import { schemas } from "amplifybackend-wasm/schemas";\nexport const x = schemas.CreateBackendAuthh;\n`);
  assert.equal(bad.length, 1);
  assert.match(bad[0], /CreateBackendAuthh/);
});
