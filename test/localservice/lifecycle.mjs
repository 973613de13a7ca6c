// Runs lifecycle.json against the local AmplifyBackend service with the official AWS SDK for
// JavaScript (@aws-sdk/client-amplifybackend, pinned in package-lock.json).
//
// Usage: node lifecycle.mjs ENDPOINT
// The credentials and region come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
// AWS_DEFAULT_REGION; LIFECYCLE_MAX_ATTEMPTS sets the client's attempts (1 by default, so that
// any error shows). Prints one line per step; exits 1 at the first step that fails.
import * as sdk from "@aws-sdk/client-amplifybackend";
import { runSteps } from "./runner.mjs";

const endpoint = process.argv[2];

function client(secretAccessKey) {
  return new sdk.AmplifyBackendClient({
    region: process.env.AWS_DEFAULT_REGION,
    endpoint,
    credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey },
    maxAttempts: Number(process.env.LIFECYCLE_MAX_ATTEMPTS ?? 1),
  });
}
const good = client(process.env.AWS_SECRET_ACCESS_KEY);
const wrong = client(process.env.AWS_SECRET_ACCESS_KEY + "-wrong");

async function call(op, input, wrongSecret) {
  const Command = sdk[`${op}Command`];
  if (!Command) throw new Error(`the SDK has no ${op}Command`);
  try {
    const out = await (wrongSecret ? wrong : good).send(new Command(input));
    delete out.$metadata;
    return { out };
  } catch (e) {
    if (!e.$metadata) throw e; // not a service error
    if (e.name === "NotFoundException" && !(e instanceof sdk.NotFoundException)) {
      throw new Error("a NotFoundException that is not an sdk.NotFoundException");
    }
    return { err: e.name };
  }
}

try {
  const n = await runSteps(call, (line) => console.log(line));
  console.log(`PASS @aws-sdk/client-amplifybackend: ${n} steps`);
} catch (e) {
  console.log("FAIL: " + e.message);
  process.exit(1);
}
