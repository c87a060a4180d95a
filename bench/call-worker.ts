/**
 * One contender of the per-call bench (bench/calls.ts), in a process of its
 * own: the parent sends `{ calls }`, this process makes that many sequential
 * GETs and answers `{ us }`, its own CPU µs per call (process.cpuUsage: the
 * main thread, V8's GC helpers and, on loopback, its own node:http server),
 * counted from its previous answer, so what a batch leaves behind counts
 * too (see cpuMeter).
 *
 * Why a process each: the contenders make garbage of very different kinds
 * (a Request signal leaves a WeakRef and a FinalizationRegistry entry behind
 * for the next major GC). In one shared heap, the collection one contender
 * caused landed on whichever batch ran next: the same bare openapi-fetch
 * batch measured 29 µs in one run and 76 µs in the next, and the in-memory
 * ratio 1.2x or 2.0x. Apart, each pays for its own garbage, as a user's
 * process would.
 */
import createClient from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { importBuilt } from "./client.js";
import { cpuMeter, serveJson } from "./worker.js";

/** What one worker measures. */
export interface ContenderSpec {
  /** This client, bare openapi-fetch (with a fresh signal per call, or none), or a hand-written fetch + JSON. */
  who: "client" | "bare" | "bareSignal" | "fetch";
  setting: "memory" | "loopback";
  /** The checkout whose built client to load (BENCH_BASELINE); this one by default. */
  checkout?: string;
  /** The client's options. */
  options?: Record<string, unknown>;
  /** Pass one long-lived caller signal with each call. */
  callerSignal?: boolean;
}

const body = JSON.stringify({ sourceId: "s", name: "pg", workspaceId: "w", configuration: {}, createdAt: 1 });
const HEADERS = { Authorization: "Bearer bench-token" };

async function contender(spec: ContenderSpec): Promise<() => Promise<unknown>> {
  let baseUrl = "https://api.airbyte.com/v1";
  let fetch: ((request: Request) => Promise<Response>) | undefined;
  if (spec.setting === "memory") {
    fetch = async (_request: Request) => new Response(body, { headers: { "content-type": "application/json" } });
  } else {
    baseUrl = `${await serveJson(() => body)}/v1`;
  }
  if (spec.who === "client") {
    const { createAirbyteClient } = await importBuilt(spec.checkout);
    const client = createAirbyteClient({ baseUrl, auth: { bearerToken: "bench-token" }, ...(fetch && { fetch }), ...spec.options });
    const callOptions = spec.callerSignal ? { signal: new AbortController().signal } : undefined;
    return () => client.sources.getSource("abc", undefined, callOptions);
  }
  if (spec.who === "fetch") return async () => (await globalThis.fetch(`${baseUrl}/sources/abc`, { headers: HEADERS })).json();
  const bare = createClient<paths>({ baseUrl, headers: HEADERS, ...(fetch && { fetch }) });
  const get = { params: { path: { sourceId: "abc" } } };
  // With a fresh signal on each Request, as a client that can close a timed-out request must send.
  if (spec.who === "bareSignal") return () => bare.GET("/sources/{sourceId}", { ...get, signal: new AbortController().signal });
  return () => bare.GET("/sources/{sourceId}", get);
}

const spec = JSON.parse(process.argv[2] ?? "{}") as ContenderSpec;
const run = await contender(spec);
const cpu = cpuMeter();
process.on("message", (message: { calls: number }) => {
  void (async () => {
    for (let i = 0; i < message.calls; i++) await run();
    process.send?.({ us: (cpu() * 1000) / message.calls });
  })();
});
// The parent gone (done, or killed): so is this process.
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
