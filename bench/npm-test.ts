/**
 * `npm test` wall and CPU time. Running it takes a minute or more (it would
 * blow npm run bench's budget), so it runs only with BENCH_NPM_TEST=1, which
 * records the figure in bench/npm-test-last.json; otherwise the last recorded
 * figure is reported with its date.
 *
 *   BENCH_NPM_TEST=1 BENCH_ONLY=npm-test npm run bench
 *
 * On a shared machine the wall time follows the load, so the record keeps the
 * load average at the start and at the end, and the CPU time (user + system
 * of npm test and all its children, from GNU time), which barely moves with
 * the load. A failing run is recorded too, with its exit code and vitest's
 * summary lines, rather than lost.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../scripts/lib/shared/paths.js";
import type { Row } from "./report.js";

const lastFile = join(repoRoot, "bench", "npm-test-last.json");
/** The whole output of the last measured run, to see what failed. */
const logFile = join(tmpdir(), "airbyte-api-client-npm-test-last.log");
const GNU_TIME = "/usr/bin/time";

export interface NpmTestRecord {
  date: string;
  wallMs: number;
  cpuMs?: number;
  /** 1-, 5- and 15-minute load averages when the run started, and when it ended */
  loadAtStart: number[];
  loadAtEnd?: number[];
  cores?: number;
  exitCode?: number;
  /** e.g. vitest's "Tests  1402 passed (1402)" line, or which tests failed */
  note?: string;
}

const load = () => loadavg().map((x) => Number(x.toFixed(2)));

/** Runs `npm test` once under GNU time (when present); resolves whatever its exit code. */
export function runNpmTest(cwd = repoRoot): Promise<NpmTestRecord> {
  const loadAtStart = load();
  const timed = existsSync(GNU_TIME);
  const [cmd, ...args] = timed ? [GNU_TIME, "-f", "@@time %e %U %S", "npm", "test"] : ["npm", "test"];
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(cmd ?? "npm", args, { cwd, env: { ...process.env, FORCE_COLOR: "0" }, maxBuffer: 256 * 1024 * 1024 }, async (error, stdout, stderr) => {
      const wallMs = Math.round(performance.now() - started);
      const time = /@@time (\S+) (\S+) (\S+)/.exec(stderr);
      const exitCode = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      // Vitest colours its output even with FORCE_COLOR=0: strip the escapes before reading it.
      const output = `${stdout}\n${stderr}`.replace(/\u001b\[[0-9;]*m/g, "");
      await writeFile(logFile, output).catch(() => undefined);
      const summary = output
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /^(Test Files|Tests|Type Errors|Errors) /.test(l) || /^FAIL /.test(l) || (exitCode !== 0 && /^npm error (command|Lifecycle)/.test(l)))
        // One line each, and no `|`: the note lands in a Markdown table cell.
        .map((l) => l.replace(/\s*\|\s*/g, ", ").replace(/\s+/g, " "));
      resolve({
        date: new Date().toISOString(),
        wallMs,
        ...(time && { cpuMs: Math.round((Number(time[2]) + Number(time[3])) * 1000) }),
        loadAtStart,
        loadAtEnd: load(),
        cores: cpus().length,
        exitCode,
        note: `${exitCode === 0 ? "passed" : `exited ${exitCode} (output in ${logFile})`}${summary.length ? `: ${[...new Set(summary)].slice(0, 8).join("; ")}` : ""}`,
      });
    });
  });
}

/**
 * A lower bound of the wall time on this machine with nothing else running:
 * the CPU time spread evenly over the cores. The real quiet figure is somewhat
 * higher (the stages before vitest use one core), but unlike the wall time
 * of a loaded run it does not swing with what other processes do.
 */
export function quietWallEstimateMs(r: NpmTestRecord): number | undefined {
  return r.cpuMs !== undefined && r.cores ? Math.round(r.cpuMs / r.cores) : undefined;
}

export async function benchNpmTest({ run = process.env.BENCH_NPM_TEST === "1" } = {}): Promise<Row[]> {
  const section = "`npm test`";
  // Issue 20's goal on two cores (issue 11 had asked for 75 s of a smaller suite).
  const goal = { max: 90_000, on: "value" as const };
  const ifMissed = "share pipeline results between tests of the same input, use fixture specs instead of the full pipeline, and run the slow child-process tests beside the rest (issues 11 and 20).";
  let last: NpmTestRecord | undefined;
  if (run) {
    last = await runNpmTest();
    await writeFile(lastFile, `${JSON.stringify(last, null, 2)}\n`);
  } else {
    last = await readFile(lastFile, "utf8").then((t) => JSON.parse(t) as NpmTestRecord, () => undefined);
  }
  if (!last) return [{ section, unit: "ms", figure: "wall time", skipped: "never measured: run with BENCH_NPM_TEST=1", goal }];
  const once = (x: number) => ({ median: x, min: x, max: x, rounds: 1 });
  const when = run ? "measured in this run" : `last measured ${last.date} (BENCH_NPM_TEST=1 to measure again)`;
  const loads = `load average ${last.loadAtStart.join(", ")} at the start${last.loadAtEnd ? `, ${last.loadAtEnd.join(", ")} at the end` : ""}`;
  const quiet = quietWallEstimateMs(last);
  return [
    { section, unit: "ms", figure: "wall time", ours: once(last.wallMs), goal, ifMissed, note: `${when}; ${loads}${last.note ? `; ${last.note}` : ""}` },
    ...(last.cpuMs !== undefined ? [{ section, unit: "ms", figure: "CPU time (user + system, all processes)", ours: once(last.cpuMs), note: when }] : []),
    ...(quiet !== undefined
      ? [{ section, unit: "ms", figure: `CPU time / ${last.cores} cores (the wall time on a quiet machine cannot be lower)`, ours: once(quiet), goal, ifMissed, note: when }]
      : []),
  ];
}
