// Type declarations of amplifybackend-wasm's JS API (hand-written; the input shapes come from
// ./generated/types.d.ts, which internal/gen generates from the service model).

import type { OperationInput, OperationName, OperationOutput, ResponseMetadata, ModeledErrors } from "./generated/types.js";

export type * from "./generated/types.js";

/** The closed set of problem codes, shared by Go, the WebAssembly module and JS. */
export type ProblemCode =
  | "required" | "type" | "enum" | "range" | "unknown" | "empty" | "syntax"
  | "duplicate" | "limit" | "invalid" | "deprecated";

/**
 * A place in JSON text: line and column from 1; column and offset (from 0, from the start of the
 * text) in UTF-16 code units, as JS strings, LSP, Monaco and CodeMirror count.
 */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A span of JSON text, from start up to (not including) end. */
export interface Range {
  start: Position;
  end: Position;
}

/**
 * One thing wrong with an input or an option. `path` is an RFC 6901 JSON pointer into the value
 * as it was given ("" for the whole value; "/options/..." for an option). `message` never holds a
 * secret access key, a session token or the value of a sensitive member.
 */
export interface Problem {
  path: string;
  code: ProblemCode;
  message: string;
  /**
   * Where the problem is, when the input was JSON text (a string given to validate or
   * validateAuthConfig): the value for type/enum/range/empty/invalid, the member name for
   * unknown/duplicate/deprecated, the object that lacks the member for required, the offending
   * character for syntax. Absent for a value given as a JS object.
   */
  range?: Range;
}

/** What every function throws: an Error whose message lists the problems, with the list. */
export interface AmplifyBackendError extends Error {
  errors: Problem[];
}

/** The result of validate and validateAuthConfig. */
export interface ValidationResult {
  valid: boolean;
  errors: Problem[];
  /** Never affect valid: members the service documents as deprecated (code "deprecated"). */
  warnings: Problem[];
}

/**
 * An HTTP request in the form shared by every host: headers have sorted, canonical names; a
 * repeated header has an array of values; body is absent when there is none.
 */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[]>;
  body?: string;
}

/** A request to sign: any request, not only a built one. */
export interface RequestToSign {
  method: string;
  url: string;
  headers?: Record<string, string | string[]> | Headers;
  body?: string;
}

export interface InitOptions {
  /**
   * Where the module comes from. Default: `amplifybackend.wasm` next to index.js (read from disk
   * in Node, fetched elsewhere). A string or URL is fetched (in Node: a file: URL or a path is
   * read from disk); a Response with content type application/wasm is compiled while it
   * streams.
   */
  wasm?: string | URL | Response | PromiseLike<Response> | BufferSource | WebAssembly.Module;
}

export interface AuthConfigOptions {
  /** "create": CreateBackendAuth's ResourceConfig; "update": UpdateBackendAuth's. */
  mode: "create" | "update";
}

export interface BuildOptions {
  /**
   * AWS region of any partition, e.g. "us-east-1", "cn-north-1", "us-gov-west-1",
   * "us-iso-east-1" or "eusc-de-east-1"; the endpoint is resolved from the service's endpoint
   * rule set. Not needed with `endpoint`.
   */
  region: string;
  /** Endpoint URL to use instead of the region's (a mock, a proxy); not with FIPS or dual-stack. */
  endpoint?: string;
  /** Use the region's FIPS endpoint, e.g. https://amplifybackend-fips.us-east-1.amazonaws.com (default false). */
  useFipsEndpoint?: boolean;
  /** Use the region's dual-stack (IPv4 and IPv6) endpoint, e.g. https://amplifybackend.us-east-1.api.aws (default false). */
  useDualstackEndpoint?: boolean;
  /**
   * Validate strictly (default true). false keeps only the problems that make the request
   * impossible to build (wrong JSON types, unknown members, missing URI labels...).
   */
  validate?: boolean;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Accepted and ignored (AWS SDK credential objects carry it), as are credentialScope, accountId and $source. */
  expiration?: Date;
}

export interface SignOptions {
  credentials: Credentials;
  region: string;
  /** Signing name; default "amplifybackend". */
  service?: string;
  /** Date, ISO 8601 (RFC 3339) string or epoch milliseconds; default: now. */
  signingDate?: Date | string | number;
  /** Put the signature in the query string instead of the Authorization header. */
  presign?: boolean;
  /** Lifetime of a presigned request in seconds: 1 to 604800; default 900. */
  expiresIn?: number;
  /** Normalize the canonical path (drop ".", ".." and empty segments); default true. */
  normalizePath?: boolean;
  /** Add and sign X-Amz-Content-Sha256 (header mode only). */
  signBody?: boolean;
  /** Send the session token without signing it (some services, e.g. AWS IoT, need this). */
  unsignedSessionToken?: boolean;
}

/** One row of operations(). */
export interface OperationInfo {
  name: OperationName;
  method: string;
  /** The request URI template, e.g. "/backend/{appId}/auth". */
  uri: string;
  /** Input shape name. */
  input: string;
  /** Output shape name. */
  output: string;
}

/**
 * Loads and starts the WebAssembly module. Await it once before calling anything else; later
 * and concurrent calls return the same promise. If it fails, a later call tries again.
 */
export function init(options?: InitOptions): Promise<void>;

/**
 * Checks an operation's input against the service model and returns every problem. With an
 * explicit operation type (`validate<"CreateBackendAuth">(...)`) the input is typed; without
 * one any value is accepted (validating untyped data is the point), and editors still complete
 * the members and enum values of a literal from LooseInput (js/test/completion.test.mjs asks
 * TypeScript's language service).
 */
export function validate<Op extends OperationName>(operation: Op, input: OperationInput[Op]): ValidationResult;
/**
 * Checks JSON text: Go reads it, so duplicate members and syntax errors are found, and every
 * problem has a `range` in the text.
 */
export function validate(operation: OperationName | (string & {}), inputText: string): ValidationResult;
export function validate<Op extends string, In extends LooseInput<Op>>(operation: Op, input: In): ValidationResult;

/**
 * What the untyped validate() accepts: anything (unknown included), with the operation's input
 * type in the union so that editors complete an object literal's members and enum values.
 */
export type LooseInput<Op extends string> = (Op extends OperationName ? OperationInput[Op] : never) | {} | null | undefined;

/** Checks the ResourceConfig of CreateBackendAuth ("create") or UpdateBackendAuth ("update") on its own. */
/** Checks a ResourceConfig given as JSON text; problems have a `range` in the text. */
export function validateAuthConfig(configText: string, options: AuthConfigOptions): ValidationResult;
export function validateAuthConfig<M extends AuthConfigOptions["mode"], C extends LooseAuthConfig<M>>(config: C, options: { mode: M }): ValidationResult;

/**
 * What validateAuthConfig accepts as a value: anything, with the mode's ResourceConfig type in the
 * union so that editors complete a literal's members and enum values.
 */
export type LooseAuthConfig<M extends AuthConfigOptions["mode"]> =
  | (M extends "create" ? OperationInput["CreateBackendAuth"]["ResourceConfig"] : OperationInput["UpdateBackendAuth"]["ResourceConfig"])
  | {} | null | undefined;

/**
 * Validates the input and builds the unsigned request. Throws an AmplifyBackendError listing the
 * problems when the input is invalid.
 */
export function buildRequest<Op extends OperationName>(operation: Op, input: OperationInput[Op], options: BuildOptions): HttpRequest;

export interface ResolvedEndpoint {
  /** The base every request path is appended to, e.g. "https://amplifybackend-fips.us-east-1.amazonaws.com". */
  url: string;
  /** The region requests are signed for ("" for a custom endpoint without a region). */
  signingRegion: string;
  /** The service name requests are signed for: "amplifybackend". */
  signingName: string;
}

/** The endpoint buildRequest's options resolve to, from the service's endpoint rule set; refused options throw. */
export function resolveEndpoint(options: Omit<BuildOptions, "validate">): ResolvedEndpoint;

/** Signs any request with AWS Signature Version 4; the request given is not changed. */
export function signRequest(request: RequestToSign, options: SignOptions): HttpRequest;

/** Describes the 31 operations, sorted by name. */
export function operations(): OperationInfo[];

/** A JSON Schema (draft 2020-12) of an operation's input, for editors. Does not need init(). */
export function schema(operation: OperationName): Record<string, unknown>;

export interface CliRequest {
  args: string[];
  stdin?: string;
  /** File name (as given in args) -> content. */
  files?: Record<string, string>;
  env?: Record<string, string>;
  /** RFC 3339; the time `sign` uses without --time, and `call` signs with. */
  now?: string;
  /** `call`: a number in [0, 1) for the jitter of the wait before the next attempt. */
  random?: number;
  /** `call`: the answers to the requests so far, in order (a network error as {error}). */
  responses?: ({ status: number; headers?: Record<string, string>; body?: string } | { error: { code?: string; message?: string } })[];
  /** What --version prints after the program name; default: the Go module's build version. */
  version?: string;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Absent when the command is done. */
  fetch?: undefined;
}

/** `call` needs a response: wait delayMs, send request, then run the command again with it. */
export interface CliFetch {
  fetch: { request: HttpRequest; delayMs: number };
  stdout?: undefined;
  stderr?: undefined;
  exitCode?: undefined;
}

/** Runs the command-line interface in memory (the Node CLI, cli.mjs, is built on it). No network. */
export function cli(request: CliRequest): CliResult | CliFetch;

/** Size in bytes of the WebAssembly instance's linear memory (0 before init()). */
export function memoryBytes(): number;

/**
 * The low-level entry point: one call of the Go dispatcher, JSON text in and out
 * ({"result": ...} or {"error": {"message", "errors"}}), as every host sees it.
 */
export function dispatchRaw(fn: string, inputJSON: string): string;

/** An HTTP response for parseResponse: what fetch gives, or any other client's. */
export interface HttpResponse {
  status: number;
  /** A plain object (an array value is joined with ", ") or a Headers. */
  headers?: Record<string, string | string[]> | Headers;
  /** The body as text or bytes (UTF-8); absent or "" for none. */
  body?: string | Uint8Array | ArrayBuffer;
}

/** boto3's ClientError.response: the error code and message, the metadata, the modeled members. */
export type ServiceErrorResponse<Code extends string = string> = {
  Error: { Code: Code; Message: string };
  ResponseMetadata: ResponseMetadata;
} & (Code extends keyof ModeledErrors ? ModeledErrors[Code] : Partial<ModeledErrors[keyof ModeledErrors]>);

/**
 * Thrown for a response with a status of 300 or more. name is the error code
 * ("NotFoundException"; the status as a string when the response names no type); retryable is
 * true for 429 and 5xx.
 */
export class ServiceError<Code extends string = string> extends Error {
  name: Code;
  statusCode: number;
  /** The x-amzn-RequestId header, "" when there is none. */
  requestId: string;
  retryable: boolean;
  response: ServiceErrorResponse<Code>;
}

/**
 * Reads a response of an operation as boto3 does: the output members under their PascalCase
 * names (absent and null members left out, unknown ones ignored) and ResponseMetadata. Throws a
 * ServiceError for a status of 300 or more, and an AmplifyBackendError (one syntax, type or
 * limit problem) for a successful body it cannot read.
 */
export function parseResponse<Op extends OperationName>(operation: Op, response: HttpResponse): OperationOutput[Op];
export function parseResponse(operation: string, response: HttpResponse): { ResponseMetadata: ResponseMetadata } & Record<string, unknown>;

/** Credentials, or a function returning them (called before every attempt, so they can refresh). */
export type CredentialsSource = Credentials | (() => Credentials | Promise<Credentials>);

export interface SendOptions {
  /** The region requests are sent to and signed for, such as "us-east-1". */
  region: string;
  credentials: CredentialsSource;
  /** An http(s) URL to send to instead of the regional endpoint (still signed for region). */
  endpoint?: string;
  /** Use the region's FIPS endpoint (default false); not with endpoint. */
  useFipsEndpoint?: boolean;
  /** Use the region's dual-stack (IPv4 and IPv6) endpoint (default false); not with endpoint. */
  useDualstackEndpoint?: boolean;
  /** The fetch to use; globalThis.fetch by default. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Aborts the fetch and every wait between attempts. */
  signal?: AbortSignal;
  /** Attempts, the first included (1 turns retries off); default 3, at most 100. */
  maxAttempts?: number;
}

/**
 * Validates, builds, signs and sends the request and reads the response. Throttling (429),
 * server errors (5xx) and network errors are retried as the Go client retries them (capped
 * exponential backoff with full jitter), with a fresh signature per attempt.
 */
export function send<Op extends OperationName>(operation: Op, input: OperationInput[Op], options: SendOptions): Promise<OperationOutput[Op]>;
export function send(operation: string, input: unknown, options: SendOptions): Promise<{ ResponseMetadata: ResponseMetadata } & Record<string, unknown>>;
