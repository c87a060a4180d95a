/**
 * Walking a list: 10,000 items in pages of 100 with `for await` over the
 * client's PagePromise, against a hand-written sequential loop making the same
 * requests through the same client (so only the pagination machinery is
 * compared), with and without a caller signal; the same walk page by page
 * (`.pages()`); and for context a bare fetch loop, and the hand-written loop
 * handing its items through the smallest possible async iterator: the floor
 * of any `for await` over items (the language awaits once per item).
 * Per walk: its process CPU time (process.cpuUsage, so time the process was
 * descheduled on a shared machine does not count), and the heap's peak above
 * its level after a GC (sampled once per page; needs node --expose-gc, else
 * the heap rows are skipped). That peak is mostly the garbage a walk makes
 * before the next scavenge. Ratios are the median of per-round ratios (the
 * walk and its anchor run back to back in each round), with quartiles.
 *
 * The client walked is the built package (dist/, see client.ts), as users run it.
 *
 * Quick run: BENCH_ONLY=pagination node --expose-gc --import tsx bench/run.ts
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchLike } from "../src/index.js";
import { builtClient, type ClientModule } from "./client.js";
import type { Row } from "./report.js";
import { interleave, pairedRatio, stat } from "./stats.js";

const ITEMS = 10_000;
const LIMIT = 100;

/** The page bodies, made once, so every walk pays the same for the server side. */
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

/**
 * The figures before issue 18's transport work (bench/results.md at ffd5070), shown beside today's. They were
 * measured with a full GC forced before every walk, which made each walk about 4x slower (V8's next major
 * collection landed inside it) and pulled every ratio towards 1: today's rounds force none.
 */
const PREVIOUS: Partial<Record<string, string>> = {
  "in-memory fetch pager": "previously 1.10x, with a full GC before each walk",
  "in-memory fetch pagerSignal": "previously 1.10x, with a full GC before each walk",
  "loopback pager": "previously 1.34x, with a full GC before each walk",
  "loopback pagerSignal": "previously 1.20x, with a full GC before each walk",
  "in-memory fetch pages": "previously 1.02x, with a full GC before each walk",
  "in-memory fetch pagesSignal": "previously 1.00x, with a full GC before each walk",
  "loopback pages": "previously 1.06x, with a full GC before each walk",
  "loopback pagesSignal": "previously 0.96x, with a full GC before each walk",
};

/** One walk: calls `sample` once per page, returns the items seen. */
type Walk = (sample: () => void) => Promise<number>;

type WalkName = "pager" | "loop" | "pagerSignal" | "loopSignal" | "pages" | "pagesSignal" | "floor" | "bare";

/** The smallest async iterator over an array: one resolved promise and one result per item, nothing else. */
function asyncItems<T>(items: readonly T[]): AsyncIterable<T> {
  let i = 0;
  const iterator: AsyncIterator<T> = {
    next: () => Promise.resolve(i < items.length ? { done: false, value: items[i++] as T } : { done: true, value: undefined }),
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

type Create = ClientModule["createAirbyteClient"];

function walks(createAirbyteClient: Create, baseUrl: string, fetch: FetchLike): Record<WalkName, Walk> {
  const airbyte = createAirbyteClient({ baseUrl, fetch, auth: { bearerToken: "bench-token" } });
  const signal = new AbortController().signal;
  const pager = (withSignal: boolean): Walk => async (sample) => {
    let n = 0;
    for await (const item of airbyte.sources.listSources({ limit: LIMIT }, withSignal ? { signal } : {})) {
      if (item.sourceId && ++n % LIMIT === 0) sample();
    }
    return n;
  };
  const pages = (withSignal: boolean): Walk => async (sample) => {
    let n = 0;
    for await (const page of airbyte.sources.listSources({ limit: LIMIT }, withSignal ? { signal } : {}).pages()) {
      for (const item of page.data) if (item.sourceId) n++;
      sample();
    }
    return n;
  };
  const loop = (withSignal: boolean, awaitEach = false): Walk => async (sample) => {
    let n = 0;
    for (let offset = 0; ; ) {
      const page = await airbyte.sources.listSources({ limit: LIMIT, offset }, withSignal ? { signal } : {});
      if (awaitEach) for await (const item of asyncItems(page.data)) item.sourceId && n++;
      else for (const item of page.data) if (item.sourceId) n++;
      sample();
      if (page.data.length === 0 || !page.next) return n;
      offset += page.data.length;
    }
  };
  const bare: Walk = async (sample) => {
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
  return { pager: pager(false), loop: loop(false), pagerSignal: pager(true), loopSignal: loop(true), pages: pages(false), pagesSignal: pages(true), floor: loop(false, true), bare };
}

const gc = (globalThis as { gc?: () => void }).gc;
/** Heap peaks barely vary (quartiles within 1%): a few rounds suffice. */
const HEAP_ROUNDS = 5;

/**
 * Walks once; the CPU time in ms, and the heap peak in MiB pushed to `heaps`.
 * `collect` forces a full GC first (the heap rounds need a clean baseline);
 * the CPU rounds do not: after a forced GC, V8's next major collection lands
 * inside the following walk or two, unevenly, and spread the CPU ratios by
 * ±20% (the same walk measured 1.04x, 1.09x and 1.15x in three runs).
 */
function measured(walk: Walk, heaps: number[], collect: boolean): () => Promise<number> {
  return async () => {
    if (collect) gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const started = process.cpuUsage();
    const n = await walk(() => {
      const used = process.memoryUsage().heapUsed;
      if (used > peak) peak = used;
    });
    const cpu = process.cpuUsage(started);
    const ms = (cpu.user + cpu.system) / 1000;
    if (n !== ITEMS) throw new Error(`a walk saw ${n} items, not ${ITEMS}`);
    heaps.push((peak - base) / 2 ** 20);
    return ms;
  };
}

async function benchOne(create: Create, label: string, baseUrl: string, fetch: FetchLike, rounds: number): Promise<Row[]> {
  const w = walks(create, baseUrl, fetch);
  const names = Object.keys(w) as WalkName[];
  const heaps = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<WalkName, number[]>;
  const warmup = 2;
  const pass = (into: Record<WalkName, number[]>, collect: boolean, n: number) =>
    interleave(Object.fromEntries(names.map((name) => [name, measured(w[name], into[name], collect)])) as Record<WalkName, () => Promise<number>>, n, warmup);
  // CPU rounds without forced collections (their heap figures are dropped), then heap rounds after a full GC each.
  const unused = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<WalkName, number[]>;
  const times = await pass(unused, false, rounds);
  if (gc) await pass(heaps, true, HEAP_ROUNDS);
  const heap = (xs: number[]) => xs.slice(warmup); // the warm-up rounds' heaps are dropped like their times
  const section = `Pagination: ${ITEMS.toLocaleString("en")} items in pages of ${LIMIT}, ${label} (CPU ms per walk; ${rounds} interleaved rounds, and ${HEAP_ROUNDS} more for the heap peaks, each after a full GC)`;
  const skippedHeap = gc ? undefined : "run with node --expose-gc (npm run bench does)";
  // Measured, not guessed: compare the `for await` rows with the floor rows below.
  const forAwaitFix =
    "`for await` itself awaits once per item (a promise and a result object per item, by the language's protocol); the floor rows show what that alone costs against the plain loop. What the pager adds above the floor is its own cost; the page-by-page walk (`.pages()`) has no per-item await.";
  const rows: Row[] = [];
  const walk = [
    ["pager", "loop", "`for await`", ""],
    ["pagerSignal", "loopSignal", "`for await`", ", caller signal"],
    ["pages", "loop", "`.pages()` with `for...of` over each page", ""],
    ["pagesSignal", "loopSignal", "`.pages()` with `for...of` over each page", ", caller signal"],
  ] as const;
  for (const [name, loopName, how, suffix] of walk) {
    const anchorName = `hand-written loop through the client${suffix}`;
    const ifMissed = name.startsWith("pager") ? forAwaitFix : "the pages walk requests and checks each page like the loop; what remains is its async generator step per page.";
    rows.push({
      section, unit: "ms", figure: `CPU time, ${how}${suffix}`, ours: stat(times[name]), anchor: { name: anchorName, stat: stat(times[loopName]) },
      paired: pairedRatio(times[name], times[loopName]), goal: { max: name.startsWith("pages") ? 1.03 : 1.05, on: "ratio" }, ifMissed,
      note: PREVIOUS[`${label} ${name}`],
    });
    rows.push(
      skippedHeap
        ? { section, unit: "MiB", figure: `heap peak, ${how}${suffix}`, skipped: skippedHeap, goal: { max: 1.2, on: "ratio" } }
        : {
            section, unit: "MiB", figure: `heap peak, ${how}${suffix}`, ours: stat(heap(heaps[name])), anchor: { name: anchorName, stat: stat(heap(heaps[loopName])) },
            paired: pairedRatio(heap(heaps[name]), heap(heaps[loopName])), goal: { max: 1.2, on: "ratio" }, ifMissed,
          },
    );
  }
  const floorName = "hand-written loop with `for await` over each page's items (the floor of any `for await`)";
  rows.push({
    section, unit: "ms", figure: "CPU time, `for await` (context: against the floor)", ours: stat(times.pager), anchor: { name: floorName, stat: stat(times.floor) },
    paired: pairedRatio(times.pager, times.floor),
  });
  rows.push({
    section, unit: "ms", figure: "CPU time, the floor (context)", ours: stat(times.floor), anchor: { name: "hand-written loop through the client", stat: stat(times.loop) },
    paired: pairedRatio(times.floor, times.loop),
  });
  if (!skippedHeap) {
    rows.push({
      section, unit: "MiB", figure: "heap peak, `for await` (context: against the floor)", ours: stat(heap(heaps.pager)), anchor: { name: floorName, stat: stat(heap(heaps.floor)) },
      paired: pairedRatio(heap(heaps.pager), heap(heaps.floor)),
    });
    rows.push({
      section, unit: "MiB", figure: "heap peak, the floor (context)", ours: stat(heap(heaps.floor)), anchor: { name: "hand-written loop through the client", stat: stat(heap(heaps.loop)) },
      paired: pairedRatio(heap(heaps.floor), heap(heaps.loop)),
    });
  }
  rows.push({
    section, unit: "ms", figure: "CPU time, hand-written loop through the client (context)", ours: stat(times.loop), anchor: { name: "hand-written loop over bare fetch", stat: stat(times.bare) },
    paired: pairedRatio(times.loop, times.bare),
  });
  return rows;
}

export async function benchPagination({ rounds = 25 } = {}): Promise<Row[]> {
  // The built client (dist/), as users run it: see client.ts.
  const { createAirbyteClient: create } = await builtClient();
  const memoryFetch: FetchLike = async (request) => new Response(bodyFor(request.url), { headers: { "content-type": "application/json" } });
  const rows = await benchOne(create, "in-memory fetch", "https://api.airbyte.com/v1", memoryFetch, rounds);
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(bodyFor(req.url ?? "/"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    rows.push(...(await benchOne(create, "loopback", `${origin}/v1`, (request) => globalThis.fetch(request), Math.max(3, Math.ceil(rounds / 2)))));
  } finally {
    server.close();
  }
  return rows;
}
