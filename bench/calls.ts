/**
 * Per-call cost of one GET: this client's method against the bare
 * openapi-fetch call (and a hand-written fetch for context), on a node:http
 * server on 127.0.0.1 and with an in-memory fetch (no socket, so only the
 * client's own CPU shows). Each round times CALLS sequential GETs per contender.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import createClient from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { createAirbyteClient } from "../src/index.js";
import type { Row } from "./report.js";
import { interleave, stat } from "./stats.js";

const body = JSON.stringify({ sourceId: "s", name: "pg", workspaceId: "w", configuration: {}, createdAt: 1 });
const AUTH = { bearerToken: "bench-token" };
const HEADERS = { Authorization: "Bearer bench-token" };

/** µs per call over `calls` sequential calls. */
function timed(calls: number, run: () => Promise<unknown>): () => Promise<number> {
  return async () => {
    const start = performance.now();
    for (let i = 0; i < calls; i++) await run();
    return ((performance.now() - start) * 1000) / calls;
  };
}

export async function benchCalls({ rounds = 7, calls = 500 } = {}): Promise<Row[]> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  try {
    const airbyte = createAirbyteClient({ baseUrl, auth: AUTH });
    const raw = createClient<paths>({ baseUrl, headers: HEADERS });
    const memoryFetch = async (_request: Request) => new Response(body, { headers: { "content-type": "application/json" } });
    const memBase = "https://api.airbyte.com/v1";
    const mem = createAirbyteClient({ baseUrl: memBase, auth: AUTH, fetch: memoryFetch });
    const memNoTimeout = createAirbyteClient({ baseUrl: memBase, auth: AUTH, fetch: memoryFetch, timeoutMs: false });
    const memRaw = createClient<paths>({ baseUrl: memBase, headers: HEADERS, fetch: memoryFetch });
    const signal = new AbortController().signal;
    const get = { params: { path: { sourceId: "abc" } } };

    // Two dropped rounds first, so the JIT has settled.
    const loop = await interleave(
      {
        ours: timed(calls, () => airbyte.sources.getSource("abc")),
        bare: timed(calls, () => raw.GET("/sources/{sourceId}", get)),
        fetch: timed(calls, async () => (await fetch(`${baseUrl}/sources/abc`, { headers: HEADERS })).json()),
      },
      rounds,
      2,
    );
    const memory = await interleave(
      {
        defaults: timed(calls, () => mem.sources.getSource("abc")),
        noTimeout: timed(calls, () => memNoTimeout.sources.getSource("abc")),
        signal: timed(calls, () => mem.sources.getSource("abc", undefined, { signal })),
        bare: timed(calls, () => memRaw.GET("/sources/{sourceId}", get)),
      },
      rounds,
      2,
    );
    const section = `Per GET (µs per call; ${rounds} rounds × ${calls} sequential calls)`;
    const loopAnchor = { name: "bare openapi-fetch", stat: stat(loop.bare) };
    const memAnchor = { name: "bare openapi-fetch", stat: stat(memory.bare) };
    const unit = "µs";
    return [
      {
        section, unit, figure: "loopback (node:http on 127.0.0.1), default options", ours: stat(loop.ours), anchor: loopAnchor, goal: { max: 1.1, on: "ratio" },
        ifMissed: "the remaining gap is the client's own per-call CPU (see the in-memory rows): a cheaper timeout and fewer allocations per call (src/call.ts, src/send.ts).",
      },
      { section, unit, figure: "loopback, hand-written fetch + JSON (context)", ours: stat(loop.fetch), anchor: loopAnchor },
      {
        section, unit, figure: "in-memory fetch, default options", ours: stat(memory.defaults), anchor: memAnchor, goal: { max: 1.5, on: "ratio" },
        ifMissed: "the per-attempt timeout (controller, timer, signal on the Request) is most of the extra time: skip the signal on the Request when no deadline can fire before the response.",
      },
      {
        section, unit, figure: "in-memory fetch, `timeoutMs: false`", ours: stat(memory.noTimeout), anchor: memAnchor, goal: { max: 1.15, on: "ratio" },
        ifMissed: "with no timeout the rest is the client's path itself: URL building, header merging and response parsing per call; precompute per operation.",
      },
      { section, unit, figure: "in-memory fetch, caller signal", ours: stat(memory.signal), anchor: memAnchor, note: "no goal in the issue" },
    ];
  } finally {
    server.close();
  }
}
