/**
 * npm run bench: every figure of issues 11, 17, 18 and 20 beside its anchor, written to
 * bench/results.md and bench/results.json (see docs/benchmarks.md).
 *
 *   BENCH_ONLY=calls,pagination   only those figures, printed, no files written
 *     (calls, pagination, size, noop, cold, consumer, scales, spec-diff, npm-test, ci-pr)
 *   BENCH_NPM_TEST=1              also runs `npm test` (minutes) instead of reporting its last figure
 *   BENCH_SCALES=1,10             the synthetic spec sizes (default 1,10,50)
 *
 * Run as `node --expose-gc --import tsx bench/run.ts` (the pagination walks run in processes of their
 * own, started with --expose-gc for their heap figures).
 */
import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "../scripts/lib/shared/paths.js";
import { benchCalls } from "./calls.js";
import { benchCiPr } from "./ci-pr.js";
import { benchConsumer } from "./consumer.js";
import { benchCold, benchNoop, benchScales } from "./generation.js";
import { describeMachine, finishMachine } from "./machine.js";
import { benchNpmTest } from "./npm-test.js";
import { benchPagination } from "./pagination.js";
import { renderMarkdown, results, type Row } from "./report.js";
import { benchSize } from "./size.js";
import { benchSpecDiff } from "./spec-diff.js";

const FIGURES: Record<string, () => Promise<Row[]>> = {
  calls: () => benchCalls(),
  pagination: () => benchPagination(),
  size: () => benchSize(),
  noop: () => benchNoop(),
  cold: () => benchCold(),
  consumer: () => benchConsumer(),
  scales: () => benchScales(process.env.BENCH_SCALES ? { scales: process.env.BENCH_SCALES.split(",").map(Number) } : {}),
  "spec-diff": () => benchSpecDiff(),
  "npm-test": () => benchNpmTest(),
  "ci-pr": () => benchCiPr(),
};

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const unknown = only?.filter((name) => !(name in FIGURES));
if (unknown?.length) {
  console.error(`BENCH_ONLY: unknown figure(s) ${unknown.join(", ")}; choose from ${Object.keys(FIGURES).join(", ")}.`);
  process.exit(2);
}
/** The commit measured, so results can be matched to the code (undefined outside a git checkout). */
function commit(): string | undefined {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") ? "+changes" : ""}`;
  } catch {
    return undefined;
  }
}

const startedAt = new Date();
const measured = commit();
const machine = describeMachine();
const rows: Row[] = [];
for (const [name, bench] of Object.entries(FIGURES)) {
  if (only && !only.includes(name)) continue;
  const t = performance.now();
  rows.push(...(await bench()));
  console.error(`bench: ${name} done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
const r = results(startedAt, finishMachine(machine), rows, new Date(), measured);
const markdown = renderMarkdown(r);
if (only) {
  process.stdout.write(markdown);
} else {
  await writeFile(join(repoRoot, "bench", "results.json"), `${JSON.stringify(r, null, 2)}\n`);
  await writeFile(join(repoRoot, "bench", "results.md"), markdown);
  process.stdout.write(`${markdown}\nWritten: bench/results.md, bench/results.json\n`);
}
