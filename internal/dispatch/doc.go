// Package dispatch is the one entry point of every host: Handle(function,
// input) takes a function name and a JSON input and returns a JSON output.
// Native Go tests, the GOOS=js adapter (browsers, Node), the wasip1 reactor
// (wazero and other WASI hosts) and the JavaScript glue all go through it,
// so one vector suite (testdata/vectors) pins the behaviour of all of them.
//
// # Output envelope
//
// Every call returns exactly one JSON object, on one line, UTF-8:
//
//	{"result": <value>}                                  on success
//	{"error": {"message": "...", "errors": [<problem>...]}} on failure
//
// HandleSplit (the full modules' export handleSplit) is Handle with one
// difference, for a host that decodes the output itself: the body of the
// request buildRequest and buildAndSignRequest return is not the result's
// member "body" but follows the envelope, after one line feed, as its
// UTF-8 bytes (unless it is not valid UTF-8). The JS glue uses it, so
// that a JSON body is neither escaped into a JSON string nor unescaped.
//
// A problem is {"path", "code", "message"[, "range"]} (pkg/validate.Problem): path is an
// RFC 6901 pointer, code one of required type enum range unknown empty syntax
// duplicate limit invalid. "errors" is always an array; it is empty only for
// an internal error. "message" is one or more sentences for a person: a
// summary, then one line per problem ("<path>: <message>", at most 20, then
// "... and N more."), lines separated by "\n". No message ever contains a
// secret access key, a session token or the value of a sensitive member. As
// a last line of defence, signRequest withholds any problem whose path or
// message would contain the call's secret access key or session token (of 8
// bytes or more, the shortest it looks for): its path is cut before the
// segment that holds it and its message says it is withheld.
//
// Where problem paths point: problems in the user's main value (input,
// config, request) are relative to that value, exactly as the validator
// reports them ("/ResourceConfig/UserPoolConfigs/SignInMethod", "/url").
// Problems with the rest of the envelope are pointers from the envelope root:
// "/options/region", "/options/credentials/secretAccessKey", "/operation",
// "/mode", "/args/2". A problem with the whole envelope has path "".
//
// # Envelope decoding
//
// The input must be one JSON object (RFC 8259, UTF-8). Decoding is strict:
// an unknown member is an error (code "unknown"), a member given twice is an
// error ("duplicate"), a wrong JSON type is an error ("type"), a missing
// required member is an error ("required", also when it is null). An optional
// member given as null counts as absent (JSON.stringify keeps nulls, drops
// undefined). Malformed JSON in the envelope is one "syntax" problem with the
// line and column in the envelope; nesting the envelope's own values deeper
// than jsonfast.MaxDepth (512) levels is a "limit" problem at the member (the
// value handed on to the validator or the request decoder gets their limit
// instead: 64 for an input, 512 for a request), and so is an input larger than MaxInputBytes (4 MiB; path "", and
// nothing in it is read). An unknown function name is an error
// (code "enum", path "") whose message lists the functions.
//
// The user's main value (input, config, request) is handed to its consumer
// (the validator, the request decoder) as the exact bytes it has in the
// envelope, never re-encoded, and checked there: a malformed string inside
// it (a control character, invalid UTF-8) is a "syntax" problem whose line
// and column count from the start of the value. To validate
// text that may not be JSON at all (what a user typed in an editor), send it
// as a string in the *Text member instead ("inputText", "configText"): its
// content is validated as the input, so a "syntax" problem gives the line
// and column in that text. Exactly one of input / inputText (config /
// configText) must be given.
//
// Ranges: the *Text members are how the dispatcher tells text from a value.
// Every problem and warning of inputText/configText has
// "range": {"start": {"line","column","offset"}, "end": {...}}, relative to
// that text (lines and columns from 1; columns and offsets in UTF-16 code
// units). A value given as "input"/"config" is what the JavaScript glue
// writes from an object: its problems have no "range". Text that holds a lone
// UTF-16 surrogate itself (a JSON.stringify'd JS string with an unpaired
// unit) is not Unicode: one "invalid" problem at that unit.
//
// # Functions
//
// validate — check an operation's input.
//
//	{"operation": string, "input": any} | {"operation": string, "inputText": string}
//	→ {"valid": bool, "errors": [<problem>...], "warnings": [<problem>...]}
//
// Warnings (code "deprecated": members the service documents as deprecated)
// never affect "valid".
//
// An unknown operation is an error envelope (path "/operation", code "enum",
// close matches in the message).
//
// validateAuthConfig — check the ResourceConfig of CreateBackendAuth
// ("create") or UpdateBackendAuth ("update") on its own.
//
//	{"config": any | "configText": string, "mode": "create"|"update"}
//	→ {"valid": bool, "errors": [<problem>...], "warnings": [<problem>...]}
//
// buildRequest — validate the input and build the unsigned request.
//
//	{"operation": string, "input": any | "inputText": string,
//	 "options"?: {"region"?: string, "endpoint"?: string, "validate"?: bool,
//	              "useFipsEndpoint"?: bool, "useDualstackEndpoint"?: bool}}
//	→ {"method", "url", "headers", "body"?}   (pkg/client.Request's JSON)
//
// The endpoint is resolved from the service's endpoint rule set
// (pkg/client.BuildOptions): the region's partition, FIPS, dual-stack, or
// the custom "endpoint"; the rule set's own message reports a combination
// it refuses ("/options/useFipsEndpoint", "/options/useDualstackEndpoint").
// The region is required unless an endpoint is given ("/options/region");
// "validate" defaults to true; false is lenient validation (only problems
// that make the request impossible to build are errors). An invalid input
// is an error envelope whose "errors" are the input's problems, together
// with any problem of the options ("/options/region", "/options/endpoint").
//
// resolveEndpoint — the endpoint buildRequest's options resolve to.
//
//	{"options": {"region"?: string, "endpoint"?: string,
//	             "useFipsEndpoint"?: bool, "useDualstackEndpoint"?: bool}}
//	→ {"url": string, "signingRegion": string, "signingName": string}
//
// The URL requests go to, and the region and service name they are signed
// for (the endpoint's sigv4 properties when the rules give them, else the
// region and "amplifybackend"), from the service's endpoint rule set. The
// problems are buildRequest's option problems ("/options/region", ...).
//
// signRequest — sign a request with AWS Signature Version 4.
//
//	{"request": {"method", "url", "headers"?, "body"?},
//	 "options": {"credentials": {"accessKeyId": string, "secretAccessKey": string,
//	                             "sessionToken"?: string},
//	             "region": string, "service"?: string,
//	             "signingDate": string,        RFC 3339, e.g. Date.toISOString()
//	             "presign"?: bool, "expiresIn"?: integer seconds, 1..604800
//	                                             (presign only; default 900),
//	             "normalizePath"?: bool (default true), "signBody"?: bool,
//	             "unsignedSessionToken"?: bool}}
//	→ the signed request, same form
//
// The request's problems are relative to the request ("/url",
// "/headers/Host"); the options' are under "/options". credentials,
// region and signingDate are required: the dispatcher never reads the
// clock, so the JS glue passes new Date().toISOString() when the user gives
// no date. The envelope's own problems (types, unknown members) are
// reported before the request and the options are checked.
//
// The lean form keeps a large body with the host: "bodyLength" (bytes) and
// "bodySha256" (64 lower-case hex digits) next to a request without its
// body give the signature of the request with that body, and the result
// has no body (client.SignDigest); "omitBody": true signs the body given
// but leaves it out of the result (for a host with no synchronous native
// hash, such as a browser). The signatures are those of the full form,
// byte for byte (TestSignLeanIsSign).
//
// buildAndSignRequest — buildRequest then signRequest in one call, the
// built request handed to the signer as a Go value.
//
//	{"operation", "input" | "inputText", "buildOptions": {as buildRequest's options},
//	 "signOptions": {as signRequest's options}} → the signed request
//
// Its output is signRequest's for buildRequest's result, byte for byte
// (TestBuildAndSignIsBuildThenSign); problems of the options are under
// "/buildOptions" and "/signOptions". A host with a faster SHA-256 than Go
// compiled to WebAssembly may hash the built body (SetHostSHA256: the
// GOOS=js module asks the JS glue, which uses node:crypto in Node); the
// request is then signed with client.SignDigest, the same signature.
//
// In the core module (-tags nosign) signRequest and buildAndSignRequest
// fail with SignerMissing and no problems; the other functions are those
// of the full module, byte for byte.
//
// operations — the operation table.
//
//	{} → [{"name", "method", "uri", "input", "output"}...]   (input/output: shape names)
//
// parseResponse — read an HTTP response of an operation, as the Go client
// reads it (pkg/client.ParseResponse; one reader, internal/response).
//
//	{"operation": string,
//	 "response": {"status": integer, "headers"?: {name: string}, "body"?: string},
//	 "retryAttempts"?: integer}
//	→ {"output": {...}}  |  {"serviceError": {"code", "message", "statusCode",
//	                                          "requestId", "retryable", "response"}}
//
// A status under 300 gives "output" in boto3's form: the output shape's
// members under their PascalCase names, members absent or null on the wire
// left out, unknown wire members ignored, then "ResponseMetadata":
// {"RequestId" (x-amzn-requestid, else x-amz-request-id, with "HostId";
// left out when neither is there), "HTTPStatusCode", "HTTPHeaders" (names in
// lower case, sorted), "RetryAttempts" (retryAttempts, default 0)}. An empty
// body is an output without members. A body over 1 MiB
// (client.MaxResponseBodyBytes), not JSON, not an object or with a member
// of the wrong JSON type is an error envelope with one problem (code limit,
// syntax or type; its path points into the body, in wire names).
//
// Any other status gives "serviceError": "code" is the x-amzn-errortype
// header before any ":", else the body's code or __type after any "#",
// else the status as a string; "response" is boto3's ClientError.response:
// {"Error": {"Code", "Message"}, "ResponseMetadata", then the modeled
// members of the exception named by the code ("Message", "ResourceType",
// "LimitType")}. Message is the body's message or Message, else the reason
// phrase ("Bad Gateway"). "message" is the Go error's text; "retryable" is
// true for 429 and 5xx.
//
// retry — the retry policy: whether a failed attempt is tried again, and
// after how long.
//
//	{"attempts": integer (attempts made, the first included, 1..100),
//	 "maxAttempts"?: integer (default 3), "status"?: integer (absent for a
//	 network error), "random": number in [0, 1)}
//	→ {"retry": bool, "delayMs": number}
//
// 429, 5xx and network errors are retried while attempts < maxAttempts,
// after random·min(20 s, 100 ms·2^(attempts-1)) (full jitter over a capped
// exponential backoff, internal/retry): the Go client's policy. The
// dispatcher never draws random numbers; the host passes Math.random().
//
// cli — run the command-line interface in memory (the Node CLI uses this).
//
//	{"args": [string], "stdin"?: string, "files"?: {name: content},
//	 "env"?: {name: value}, "now"?: string (RFC 3339),
//	 "random"?: number in [0, 1), "responses"?: [{"status", "headers"?, "body"?}
//	                                            | {"error": {"code"?, "message"?}}]}
//	→ {"stdout": string, "stderr": string, "exitCode": int}
//	 | {"fetch": {"request": {"method", "url", "headers", "body"?}, "delayMs": number}}
//
// Files are read only from "files"; nothing is sent over the network. The
// Node CLI passes new Date().toISOString() as "now"; without it, commands
// that need the time fail.
//
// `call` runs here too, as a loop the host drives: Go validates, builds and
// signs (for "now") each attempt, reads each response and decides each
// retry (internal/retry, with "random" as the jitter); it answers "fetch"
// with the next signed request and the wait before it. The host waits,
// fetches it and calls again with the same arguments and the responses so
// far (a network error as {"error": {"code": Node's error code such as
// ECONNREFUSED, "message"}}, which Go words as net/http would). When the
// responses settle the call, the result is the output, as the native
// binary prints it. Like any signed request, the one in "fetch" holds the
// session token (never the secret access key); stdout and stderr hold
// neither.
//
// # Panics
//
// Every call recovers from a panic and returns {"error": {"message":
// "internal error: ...", "errors": []}}; the message never echoes the input.
// The same instance keeps answering afterwards.
//
// # Hosts
//
// Both adapters export the same three functions (package wasm/abi, via
// //go:wasmexport), which is how the JS glue and internal/wasmhost call the
// dispatcher:
//
//	alloc(size u32) u32           address of the module's input buffer, grown to hold
//	                              size bytes; valid until the next alloc or release;
//	                              0 when size is over 64 MiB
//	handle(fnPtr, fnLen, inPtr, inLen u32) u64
//	                              both ranges must lie inside the input buffer; returns
//	                              ptr<<32 | len of the output, valid until the next
//	                              handle or release
//	release()                     drops the output and shrinks the buffers
//
// GOOS=js (wasm/js): main keeps the runtime alive for the exports; call
// them after go.run(instance).
//
// GOOS=wasip1 (wasm/wasip1): a reactor (-buildmode=c-shared). Call
// _initialize once, then the exports.
//
// A host writes the function name and the input into the buffer returned by
// alloc(fnLen+inLen), calls handle, and copies the output out; while inputs
// fit, it may reuse the buffer without calling alloc again (one call into
// the module per dispatcher call; see internal/wasmhost). Ranges
// outside the buffer get an error envelope, never a read of other memory.
// One instance serves one call at a time.
package dispatch
