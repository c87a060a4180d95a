/**
 * Child of gc-timeouts.test.ts, run as `node --expose-gc --import tsx`: 50
 * concurrent calls with `timeoutMs` to a server that never answers, with a
 * full garbage collection forced every 100 ms while they wait. Each call has its
 * own client, whose clock notes when the attempt timer fired. Prints one JSON
 * line: per call, how long it took to settle, how long after its timer fired,
 * and how; and how many never settled.
 *
 * AIRBYTE_CLIENT_ENTRY names another build of the client's entry to run
 * instead of the sources (test/consumers/hostile.config.ts: the packed package).
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

const entry = process.env.AIRBYTE_CLIENT_ENTRY;
const { createAirbyteClient } = (entry ? await import(pathToFileURL(entry).href) : await import("../../../src/index.js")) as typeof import("../../../src/index.js");

const CALLS = 50;
const timeoutMs = Number(process.env.GC_TIMEOUT_MS ?? 2000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

const held: ServerResponse[] = [];
// Accepts every request and never answers it (the response is held, so the socket stays open).
const server = createServer((req, res) => {
  req.resume();
  held.push(res);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

type Result = { ms: number; afterTimer: number | null; name: string };
const results: Array<Result | undefined> = new Array(CALLS).fill(undefined);
const started = performance.now();
for (let i = 0; i < CALLS; i++) {
  let fired: number | undefined;
  // The real timer, noting when it fires: the settle delay after it excludes a loaded machine's timer lag.
  const schedule = (ms: number, callback: () => void) => {
    const timer = setTimeout(() => {
      fired = performance.now();
      callback();
    }, ms);
    return () => clearTimeout(timer);
  };
  const airbyte = createAirbyteClient({ baseUrl, auth: { bearerToken: "gc-token" }, timeoutMs, retry: false, clock: { schedule } });
  const t = performance.now();
  const done = (name: string) => {
    const now = performance.now();
    results[i] = { ms: now - t, afterTimer: fired === undefined ? null : now - fired, name };
  };
  airbyte.sources.getSource(`s-${i}`).then(
    () => done("resolved"),
    (error: unknown) => done(error instanceof Error ? error.name : typeof error),
  );
}
const collector = setInterval(() => gc(), 100);
// Waits well past the timeout: a call that lost its abort would still be pending here.
while (results.some((r) => r === undefined) && performance.now() - started < timeoutMs + 3000) await new Promise((resolve) => setTimeout(resolve, 50));
clearInterval(collector);
process.stdout.write(`${JSON.stringify({ timeoutMs, settled: results.filter(Boolean), pending: results.filter((r) => r === undefined).length })}\n`);
for (const res of held) res.destroy();
server.close();
process.exit(0);
