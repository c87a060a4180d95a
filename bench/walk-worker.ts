/**
 * One walk of the pagination bench (bench/pagination.ts), in a process of its
 * own (see worker.ts): the parent sends `{ collect, walks }`, this process
 * walks the 10,000 items `walks` times in a row and answers `{ ms, heap }`:
 * its CPU time per walk, and the heap's peak above its level at the start
 * (sampled once per page). `collect` forces a full GC first, for the heap
 * rounds (needs --expose-gc). Several walks per sample spread the major
 * collections a walk triggers, which land at a different point each time,
 * over more of them.
 *
 * Each walk has a process of its own, so the garbage of one (a promise and a
 * result per item for `for await`) is collected on its own time, not inside
 * the next contender's walk. On loopback the process runs its own node:http
 * server on 127.0.0.1, whose CPU counts like the client's.
 */
import type { FetchLike } from "../src/index.js";
import { importBuilt } from "./client.js";
import { cpuMeter, serveJson } from "./worker.js";
import { bodyFor, ITEMS, walks, type Walk, type WalkSpec } from "./walks.js";

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Walks `walks` times: the CPU time in ms per walk, and the heap peak in MiB. `collect` forces
 * a full GC first (the heap rounds need a clean baseline); the CPU rounds do
 * not: after a forced GC, V8's next major collection lands inside the
 * following walk or two, unevenly, and spread the CPU ratios by ±20% (the
 * same walk measured 1.04x, 1.09x and 1.15x in three runs).
 */
async function measure(walk: Walk, collect: boolean, walks: number): Promise<{ ms: number; heap: number }> {
  if (collect) {
    gc?.();
    cpu(); // the forced collection is not the walk's
  }
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = () => {
    const used = process.memoryUsage().heapUsed;
    if (used > peak) peak = used;
  };
  for (let i = 0; i < walks; i++) {
    const n = await walk(sample);
    if (n !== ITEMS) throw new Error(`a walk saw ${n} items, not ${ITEMS}`);
  }
  // From the previous answer: what the last walks left behind while waiting counts too (see cpuMeter).
  return { ms: cpu() / walks, heap: (peak - base) / 2 ** 20 };
}

async function setUp(spec: WalkSpec): Promise<Walk> {
  const { createAirbyteClient } = await importBuilt();
  if (spec.setting === "memory") {
    const memoryFetch: FetchLike = async (request) => new Response(bodyFor(request.url), { headers: { "content-type": "application/json" } });
    return walks(createAirbyteClient, "https://api.airbyte.com/v1", memoryFetch)[spec.walk];
  }
  const origin = await serveJson((req) => bodyFor(req.url ?? "/"));
  return walks(createAirbyteClient, `${origin}/v1`, (request) => globalThis.fetch(request))[spec.walk];
}

const walk = await setUp(JSON.parse(process.argv[2] ?? "{}") as WalkSpec);
const cpu = cpuMeter();
process.on("message", (message: { collect: boolean; walks: number }) => {
  void measure(walk, message.collect, message.walks).then((answer) => process.send?.(answer));
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true, gc: !!gc });
