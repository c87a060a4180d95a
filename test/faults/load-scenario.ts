/**
 * Run as its own process by load.test.ts: 500 concurrent calls with an
 * expiring token, then the clock moves past expiry and 500 more, with the
 * server rejecting the old token. Prints a JSON summary and must exit on its
 * own: a leaked timer or socket would keep it alive and fail the test.
 */
import { createAirbyteClient, AirbyteError } from "../../src/index.js";
import { json, problem, startServer } from "../helpers/server.js";

let unhandled = 0;
process.on("unhandledRejection", () => unhandled++);

let now = Date.parse("2026-11-28T12:00:00Z");
let issued = 0;
let valid = "";
const server = await startServer((req, res) => {
  if (req.url.endsWith("/applications/token")) {
    valid = `tok-${++issued}`;
    // Answer on a later turn, so concurrent callers really overlap.
    setImmediate(() => json(res, 200, { access_token: valid, expires_in: 180 }));
    return;
  }
  if (req.headers.authorization !== `Bearer ${valid}`) return problem(res, 401, "invalid-api-key", "expired");
  // Every 50th call fails hard once, to mix typed rejections into the run.
  if (req.url.endsWith("/fail")) return problem(res, 404, "not-found", "no such source");
  json(res, 200, { sourceId: "s", name: "n", workspaceId: "w", configuration: {}, createdAt: 1 });
});

const airbyte = createAirbyteClient({
  baseUrl: `${server.origin}/v1`,
  auth: { clientId: "c", clientSecret: "s" },
  clock: { now: () => now },
});

async function wave(size: number) {
  const results = await Promise.allSettled(
    Array.from({ length: size }, (_, i) => airbyte.sources.getSource(i % 50 === 49 ? "fail" : `id-${i}`)),
  );
  return {
    resolved: results.filter((r) => r.status === "fulfilled").length,
    typed: results.filter((r) => r.status === "rejected" && r.reason instanceof AirbyteError).length,
    untyped: results.filter((r) => r.status === "rejected" && !(r.reason instanceof AirbyteError)).length,
  };
}

const first = await wave(500);
const tokensAfterFirst = issued;
now += 181_000; // past expiry: the next wave must fetch exactly one new token
const second = await wave(500);
// The server now forgets the token early (as after a revocation): one 401 per in-flight call, one renewal.
valid = "revoked";
const third = await wave(500);
await server.close();
console.log(JSON.stringify({ first, second, third, tokensAfterFirst, tokens: issued, unhandled }));
