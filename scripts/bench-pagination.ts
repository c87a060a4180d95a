/**
 * Walking a list, side by side (issue 11): the client's `for await` over a
 * PagePromise against a hand-written sequential loop doing the same requests
 * through the same client, with and without a caller signal; bare fetch for
 * context. 10,000 items in pages of 100, from an in-memory fetch and from a
 * node:http server on 127.0.0.1. Interleaved rounds; medians and spread.
 *
 * Run: node --expose-gc --import tsx scripts/bench-pagination.ts [rounds]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createAirbyteClient, type FetchLike } from "../src/index.js";

const ITEMS = 10_000;
const LIMIT = 100;
const rounds = Number(process.argv[2] ?? 15);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");

/** The page bodies, made once, so every variant pays the same for the server side. */
const pages = new Map<number, string>();
for (let offset = 0; offset <= ITEMS; offset += LIMIT) {
  const data = Array.from({ length: Math.min(LIMIT, ITEMS - offset) }, (_, i) => ({
    sourceId: `18dccc91-0ab1-4f72-9ed7-${String(offset + i).padStart(12, "0")}`,
    name: `source ${offset + i}`,
    sourceType: "postgres",
    workspaceId: "871d9b60-11d1-44cb-8c92-c246d53bf87e",
    configuration: { host: "db.example.com", port: 5432 },
    createdAt: 1_700_000_000 + offset + i,
  }));
  const next = data.length === 0 ? "" : `https://api.airbyte.com/v1/sources?limit=${LIMIT}&offset=${offset + LIMIT}`;
  pages.set(offset, JSON.stringify({ data, next, previous: "" }));
}
const bodyFor = (url: string) => pages.get(Number(new URL(url, "http://x").searchParams.get("offset") ?? 0)) ?? '{"data":[],"next":""}';

const memoryFetch: FetchLike = async (request) => new Response(bodyFor(request.url), { headers: { "content-type": "application/json" } });

/** One walk: its item count, and the heap peak sampled once per page. */
type Walk = (sample: () => void) => Promise<number>;

function variants(baseUrl: string, fetch: FetchLike): Record<string, Walk> {
  const airbyte = createAirbyteClient({ baseUrl, fetch, auth: { bearerToken: "bench-token" } });
  const signal = new AbortController().signal;
  const pager = (withSignal: boolean): Walk => async (sample) => {
    let n = 0;
    const list = airbyte.sources.listSources({ limit: LIMIT }, withSignal ? { signal } : {});
    for await (const item of list) {
      if (item.sourceId && ++n % LIMIT === 0) sample();
    }
    return n;
  };
  const pagesWalk: Walk = async (sample) => {
    let n = 0;
    for await (const page of airbyte.sources.listSources({ limit: LIMIT }).pages()) {
      for (const item of page.data) if (item.sourceId) n++;
      sample();
    }
    return n;
  };
  const handLoop = (withSignal: boolean): Walk => async (sample) => {
    let n = 0;
    for (let offset = 0; ; ) {
      const page = await airbyte.sources.listSources({ limit: LIMIT, offset }, withSignal ? { signal } : {});
      for (const item of page.data) if (item.sourceId) n++;
      sample();
      if (page.data.length === 0 || !page.next) return n;
      offset += page.data.length;
    }
  };
  const bareFetch: Walk = async (sample) => {
    let n = 0;
    for (let offset = 0; ; ) {
      const response = await fetch(new Request(`${baseUrl}/sources?limit=${LIMIT}&offset=${offset}`, { headers: { authorization: "Bearer bench-token" } }));
      const page = (await response.json()) as { data: Array<{ sourceId: string }>; next?: string };
      for (const item of page.data) if (item.sourceId) n++;
      sample();
      if (page.data.length === 0 || !page.next) return n;
      offset += page.data.length;
    }
  };
  return {
    "for await (client)": pager(false),
    "hand-written loop (client)": handLoop(false),
    "for await (client), caller signal": pager(true),
    "for await over .pages() (client)": pagesWalk,
    "hand-written loop (client), caller signal": handLoop(true),
    "hand-written loop (bare fetch)": bareFetch,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

async function measure(label: string, walks: Record<string, Walk>) {
  const times: Record<string, number[]> = {};
  const heaps: Record<string, number[]> = {};
  const names = Object.keys(walks);
  for (let round = -2; round < rounds; round++) {
    // Interleaved, and rotated so no variant always runs right after another.
    const order = names.map((_, i) => names[(i + Math.max(round, 0)) % names.length] as string);
    for (const name of order) {
      gc?.();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      const sample = () => {
        const used = process.memoryUsage().heapUsed;
        if (used > peak) peak = used;
      };
      const started = performance.now();
      const n = await (walks[name] as Walk)(sample);
      const ms = performance.now() - started;
      if (n !== ITEMS) throw new Error(`${name} walked ${n} items, not ${ITEMS}`);
      if (round < 0) continue; // warm-up
      (times[name] ??= []).push(ms);
      (heaps[name] ??= []).push((peak - base) / 2 ** 20);
    }
  }
  const anchor = (name: string) => (name.includes("caller signal") ? "hand-written loop (client), caller signal" : "hand-written loop (client)");
  console.log(`\n### ${label}: ${ITEMS} items in pages of ${LIMIT}, ${rounds} interleaved rounds\n`);
  console.log("| walk | time ms, median (min–max) | heap peak MiB, median (min–max) | time vs hand loop | heap vs hand loop |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const name of names) {
    const t = times[name] ?? [];
    const h = heaps[name] ?? [];
    const ratio = (xs: Record<string, number[]>) => (median(xs[name] ?? []) / median(xs[anchor(name)] ?? [])).toFixed(2);
    const isPager = name.startsWith("for await");
    console.log(`| ${name} | ${median(t).toFixed(1)} (${spread(t)}) | ${median(h).toFixed(2)} (${spread(h)}) | ${isPager ? `${ratio(times)}×` : "—"} | ${isPager ? `${ratio(heaps)}×` : "—"} |`);
  }
}

const server = createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(bodyFor(req.url ?? "/"));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
try {
  await measure("In-memory fetch", variants("https://api.airbyte.com/v1", memoryFetch));
  await measure("Loopback (node:http on 127.0.0.1)", variants(`${origin}/v1`, (request) => globalThis.fetch(request)));
} finally {
  server.close();
}
