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
const contenders: Record<string, () => Promise<unknown>> = {
  "airbyte-api-client": () => airbyte.sources.getSource("abc"),
  "openapi-fetch": () => raw.GET("/sources/{sourceId}", { params: { path: { sourceId: "abc" } } }),
  "fetch + JSON.parse": async () => (await fetch(`${baseUrl}/sources/abc`, { headers: { Authorization: "Bearer bench-token" } })).json(),
};

const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
for (const run of Object.values(contenders)) for (let i = 0; i < 50; i++) await run(); // warm up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(contenders)) {
    const start = performance.now();
    for (let i = 0; i < CALLS_PER_ROUND; i++) await run();
    samples[name]?.push(((performance.now() - start) * 1000) / CALLS_PER_ROUND);
  }
}
server.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const baseline = median(samples["fetch + JSON.parse"] ?? []);
console.log(`\nPer call (µs, median of ${ROUNDS} rounds × ${CALLS_PER_ROUND} sequential GETs on 127.0.0.1):`);
for (const [name, xs] of Object.entries(samples)) {
  console.log(`  ${name.padEnd(20)} ${median(xs).toFixed(0).padStart(6)} µs   ×${(median(xs) / baseline).toFixed(2)} of fetch`);
}

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
