/**
 * `npm test` wall time. Running it takes minutes (it would blow npm run
 * bench's budget), so it runs only with BENCH_NPM_TEST=1, which records the
 * figure in bench/npm-test-last.json; otherwise the last recorded figure is
 * reported with its date.
 */
import { readFile, writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../scripts/lib/paths.js";
import { measure } from "./generate.js";
import type { Row } from "./report.js";

const lastFile = join(repoRoot, "bench", "npm-test-last.json");

interface Last {
  date: string;
  wallMs: number;
  cpuMs?: number;
  loadAtStart: number[];
  /** e.g. which tests failed in that run */
  note?: string;
}

export async function benchNpmTest({ run = process.env.BENCH_NPM_TEST === "1" } = {}): Promise<Row[]> {
  const section = "`npm test`";
  const goal = { max: 75_000, on: "value" as const };
  const ifMissed = "share pipeline results between tests of the same input and use fixture specs instead of the full pipeline (issue 11).";
  let last: Last | undefined;
  if (run) {
    const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));
    const s = await measure(["npm", "test"]);
    last = { date: new Date().toISOString(), wallMs: Math.round(s.wallMs), ...(s.cpuMs !== undefined && { cpuMs: s.cpuMs }), loadAtStart };
    await writeFile(lastFile, `${JSON.stringify(last, null, 2)}\n`);
  } else {
    last = await readFile(lastFile, "utf8").then((t) => JSON.parse(t) as Last, () => undefined);
  }
  if (!last) return [{ section, unit: "ms", figure: "wall time", skipped: "never measured: run with BENCH_NPM_TEST=1", goal }];
  const once = (x: number) => ({ median: x, min: x, max: x, rounds: 1 });
  const when = run ? "measured in this run" : `last measured ${last.date} (BENCH_NPM_TEST=1 to measure again)`;
  return [
    { section, unit: "ms", figure: "wall time", ours: once(last.wallMs), goal, ifMissed, note: `${when}; load average then ${last.loadAtStart.join(", ")}${last.note ? `; ${last.note}` : ""}` },
    ...(last.cpuMs !== undefined ? [{ section, unit: "ms", figure: "CPU time", ours: once(last.cpuMs), note: when }] : []),
  ];
}
