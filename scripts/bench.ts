/**
 * npm run bench: speed and size, measured side by side in one run so the
 * ratios hold on a shared, noisy machine. Nothing here is asserted by tests.
 *
 * 1. Per-call cost against a local node:http server: this client's method vs
 *    the bare openapi-fetch call vs a hand-written fetch, in interleaved rounds.
 * 2. Bundle size of the client (minified, gzipped) vs openapi-fetch alone.
 * 3. Time of one `generate` pipeline run on the repository's spec.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { createAirbyteClient } from "../src/index.js";
import { defaultSpec, repoRoot } from "./lib/paths.js";
import { runPipeline } from "./lib/pipeline.js";

const CALLS_PER_ROUND = Number(process.env.BENCH_CALLS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const body = JSON.stringify({ sourceId: "s", name: "pg", workspaceId: "w", configuration: {}, createdAt: 1 });

const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

const airbyte = createAirbyteClient({ baseUrl, auth: { bearerToken: "bench-token" } });
const raw = createClient<paths>({ baseUrl, headers: { Authorization: "Bearer bench-token" } });
// In memory: no socket, so only the client's own CPU cost shows.
const memoryFetch = async (_request: Request) => new Response(body, { headers: { "content-type": "application/json" } });
const memBase = "https://api.airbyte.com/v1";
const memClient = createAirbyteClient({ baseUrl: memBase, auth: { bearerToken: "bench-token" }, fetch: memoryFetch });
const memNoTimeout = createAirbyteClient({ baseUrl: memBase, auth: { bearerToken: "bench-token" }, fetch: memoryFetch, timeoutMs: false });
const memRaw = createClient<paths>({ baseUrl: memBase, headers: { Authorization: "Bearer bench-token" }, fetch: memoryFetch });
const callerSignal = new AbortController().signal;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
/** Contenders by group; each is compared with its group's openapi-fetch as a ratio of medians. */
const groups: Record<string, Record<string, () => Promise<unknown>>> = {
  "loopback GET": {
    "airbyte-api-client": () => airbyte.sources.getSource("abc"),
    "openapi-fetch": () => raw.GET("/sources/{sourceId}", { params: { path: { sourceId: "abc" } } }),
    "fetch + JSON.parse": async () => (await fetch(`${baseUrl}/sources/abc`, { headers: { Authorization: "Bearer bench-token" } })).json(),
  },
  "in-memory fetch": {
    "client, default options": () => memClient.sources.getSource("abc"),
    "client, timeoutMs: false": () => memNoTimeout.sources.getSource("abc"),
    "client, caller signal": () => memClient.sources.getSource("abc", undefined, { signal: callerSignal }),
    "openapi-fetch": () => memRaw.GET("/sources/{sourceId}", { params: { path: { sourceId: "abc" } } }),
  },
};

for (const [group, contenders] of Object.entries(groups)) {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (const run of Object.values(contenders)) for (let i = 0; i < 200; i++) await run(); // warm up
  // Interleaved rounds, so drift on a shared machine hits every contender alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(contenders)) {
      const start = performance.now();
      for (let i = 0; i < CALLS_PER_ROUND; i++) await run();
      samples[name]?.push(((performance.now() - start) * 1000) / CALLS_PER_ROUND);
    }
  }
  const anchor = median(samples["openapi-fetch"] ?? []);
  console.log(`\nPer call, ${group} (µs, median of ${ROUNDS} interleaved rounds × ${CALLS_PER_ROUND} sequential GETs; min–max of rounds):`);
  for (const [name, xs] of Object.entries(samples)) {
    const spread = `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
    console.log(`  ${name.padEnd(26)} ${median(xs).toFixed(1).padStart(7)} µs  (${spread})  ×${(median(xs) / anchor).toFixed(2)} of openapi-fetch`);
  }
}
server.close();

// BENCH_ONLY=calls stops here (the per-call figures alone).
if (process.env.BENCH_ONLY === "calls") process.exit(0);

async function bundleSize(entry: string): Promise<{ min: number; gzip: number }> {
  const out = await build({ stdin: { contents: entry, resolveDir: repoRoot, loader: "ts" }, bundle: true, minify: true, format: "esm", platform: "neutral", write: false, logLevel: "silent" });
  const code = out.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.length, gzip: gzipSync(code).length };
}
const ours = await bundleSize('export { createAirbyteClient } from "./src/index.ts";');
const theirs = await bundleSize('export { default } from "openapi-fetch";');
console.log("\nBundle (esbuild, minified; gzip):");
console.log(`  airbyte-api-client  ${(ours.min / 1024).toFixed(1)} KiB; ${(ours.gzip / 1024).toFixed(1)} KiB gzip (includes openapi-fetch)`);
console.log(`  openapi-fetch       ${(theirs.min / 1024).toFixed(1)} KiB; ${(theirs.gzip / 1024).toFixed(1)} KiB gzip   ×${(ours.gzip / theirs.gzip).toFixed(2)}`);

const started = performance.now();
await runPipeline({ spec: defaultSpec });
console.log(`\nGenerate pipeline (lint + bundle + types + table + prettier): ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
