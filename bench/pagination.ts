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
 * its level after a GC (sampled once per page). That peak is mostly the
 * garbage a walk makes before the next scavenge. Each walk runs in a process
 * of its own (walk-worker.ts, with --expose-gc), so one walk's garbage is not
 * collected inside another's. Ratios are the median of per-round ratios (the
 * walk and its anchor run back to back in each round), with quartiles.
 *
 * The client walked is the built package (dist/, see client.ts), as users run it.
 *
 * Quick run: BENCH_ONLY=pagination npm run bench
 */
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "./client.js";
import type { Row } from "./report.js";
import { interleave, pairedRatio, stat } from "./stats.js";
import { ITEMS, LIMIT, type WalkName, type WalkSpec } from "./walks.js";
import { startWorker, type Worker } from "./worker.js";

/** Walks per CPU sample (a heap sample is one walk after a full GC). */
const WALKS_PER_SAMPLE = 3;
/** Heap peaks barely vary (quartiles within 1%): a few rounds suffice. */
const HEAP_ROUNDS = 5;

const workerFile = fileURLToPath(new URL("./walk-worker.ts", import.meta.url));
const WALKS: WalkName[] = ["pager", "loop", "pagerSignal", "loopSignal", "pages", "pagesSignal", "floor", "bare"];

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

async function benchOne(setting: WalkSpec["setting"], label: string, rounds: number): Promise<Row[]> {
  const workers: Array<Worker<{ collect: boolean; walks: number }, { ms: number; heap: number }>> = [];
  try {
    // One process per walk, started one after the other (their start-up is not measured).
    for (const walk of WALKS) workers.push(await startWorker(workerFile, { walk, setting } satisfies WalkSpec, { execArgv: ["--expose-gc"], name: `the ${walk} walk (${setting})` }));
    const warmup = 2;
    const heaps = Object.fromEntries(WALKS.map((name) => [name, [] as number[]])) as Record<WalkName, number[]>;
    const pass = (collect: boolean, n: number) =>
      interleave(
        Object.fromEntries(
          WALKS.map((name, i) => [
            name,
            async () => {
              const { ms, heap } = await (workers[i] as (typeof workers)[number]).ask({ collect, walks: collect ? 1 : WALKS_PER_SAMPLE });
              if (collect) heaps[name].push(heap);
              return ms;
            },
          ]),
        ) as Record<WalkName, () => Promise<number>>,
        n,
        warmup,
      );
    // CPU rounds without forced collections, then heap rounds after a full GC each.
    const times = await pass(false, rounds);
    await pass(true, HEAP_ROUNDS);
    return rowsOf(label, rounds, times, heaps, warmup);
  } finally {
    for (const worker of workers) worker.kill();
  }
}

function rowsOf(label: string, rounds: number, times: Record<WalkName, number[]>, heaps: Record<WalkName, number[]>, warmup: number): Row[] {
  const heap = (xs: number[]) => xs.slice(warmup); // the warm-up rounds' heaps are dropped like their times
  const section = `Pagination: ${ITEMS.toLocaleString("en")} items in pages of ${LIMIT}, ${label} (CPU ms per walk; ${rounds} interleaved rounds of ${WALKS_PER_SAMPLE} walks each, and ${HEAP_ROUNDS} more for the heap peaks, each after a full GC)`;
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
    rows.push({
      section, unit: "MiB", figure: `heap peak, ${how}${suffix}`, ours: stat(heap(heaps[name])), anchor: { name: anchorName, stat: stat(heap(heaps[loopName])) },
      paired: pairedRatio(heap(heaps[name]), heap(heaps[loopName])), goal: { max: 1.2, on: "ratio" }, ifMissed,
    });
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
  {
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
  await ensureBuilt();
  const rows = await benchOne("memory", "in-memory fetch", rounds);
  rows.push(...(await benchOne("loopback", "loopback", Math.max(3, Math.ceil(rounds / 2)))));
  return rows;
}
