/**
 * npm run test:mutation ends here (scripts/mutation.ts): docs/reports/mutation.md
 * is written from the JSON reports the Stryker runs left (never by hand): for
 * each group of stryker.config.mjs, when it ran, the commit it ran on and its
 * scope; a score per folder; every surviving mutant with its place and what
 * it changed. A group that has not run yet is listed as such.
 *
 *   tsx scripts/mutation-report.ts [--dir docs/reports/mutation] [--out docs/reports/mutation.md]
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { join, posix, relative, resolve } from "node:path";
import { GROUPS } from "../stryker.config.mjs";
import { byCodePoint } from "./lib/shared/order.mjs";
import { repoRoot } from "./lib/shared/paths.js";

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}
interface Run {
  group: string;
  started: string;
  finished: string;
  commit: string;
  dirty: boolean;
  mutate: string[];
  tests: string[];
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] as string : fallback;
};
const dir = resolve(repoRoot, option("--dir", "docs/reports/mutation"));
const outPath = resolve(repoRoot, option("--out", "docs/reports/mutation.md"));

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

export interface Score {
  detected: number;
  undetected: number;
  errors: number;
}
export const percent = (s: Score) => (s.detected + s.undetected === 0 ? "n/a" : `${((100 * s.detected) / (s.detected + s.undetected)).toFixed(1)}%`);

function folderOf(file: string): string {
  const dir = posix.dirname(file.split("\\").join("/"));
  // src/ and its subfolders, scripts/lib/<job>/, scripts/lint/...: one row each.
  return `${dir}/`;
}

const readJson = async <T>(file: string): Promise<T | undefined> => {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`${relative(process.cwd(), file)} is not a readable JSON report (${(error as Error).message}); run \`npm run test:mutation\` again.`);
  }
};
const runs: Array<{ name: string; run?: Run; report?: Report }> = [];
for (const name of Object.keys(GROUPS)) {
  const report = await readJson<Report>(join(dir, `${name}.json`));
  const run = await readJson<Run>(join(dir, `${name}.run.json`));
  // A report without its run record did not come through `npm run test:mutation`: not shown as measured.
  runs.push(report && run ? { name, run, report } : { name });
}
if (!runs.some((r) => r.report)) {
  console.error(`mutation report: no group has run yet (nothing in ${relative(process.cwd(), dir)}); run \`npm run test:mutation\`.`);
  process.exit(2);
}

const folders = new Map<string, Score>();
const total: Score = { detected: 0, undetected: 0, errors: 0 };
const survivors: string[] = [];
const groupRows: string[] = [];
for (const { name, run, report } of runs) {
  if (!run || !report) {
    groupRows.push(`| ${name} | ${GROUPS[name]?.mutate.map((m) => `\`${m}\``).join(", ")} | not run | | |`);
    continue;
  }
  const group: Score = { detected: 0, undetected: 0, errors: 0 };
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => byCodePoint(a, b))) {
    const rel = relative(repoRoot, join(repoRoot, file)).split("\\").join("/");
    const score = folders.get(folderOf(rel)) ?? { detected: 0, undetected: 0, errors: 0 };
    for (const m of mutants) {
      const bucket = DETECTED.has(m.status) ? "detected" : UNDETECTED.has(m.status) ? "undetected" : "errors";
      score[bucket]++;
      group[bucket]++;
      total[bucket]++;
      if (UNDETECTED.has(m.status)) {
        const what = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
        survivors.push(`| \`${rel}:${m.location.start.line}\` | ${m.status} | ${m.mutatorName} | \`${what.replace(/`/g, "'").replace(/\|/g, "\\|")}\` |`);
      }
    }
    folders.set(folderOf(rel), score);
  }
  groupRows.push(`| ${name} | ${run.mutate.map((m) => `\`${m}\``).join(", ")} | ${percent(group)} | ${run.finished.replace(/\.\d+Z$/, "Z")} | \`${run.commit}\`${run.dirty ? " (uncommitted changes)" : ""} |`);
}

const lines = [
  "# Mutation testing",
  "",
  "Written by `npm run test:mutation` (scripts/mutation.ts, scripts/mutation-report.ts) from the runs' own JSON reports; do not edit by hand.",
  "Stryker runs once per group of `stryker.config.mjs`: each group mutates one part of the code and runs the in-process tests that exercise it",
  "(per-test coverage, `ignoreStatic` off). Score: detected (killed or timed out) / (detected + survived + no coverage); compile and runtime errors are left out.",
  "",
  "| group | mutated | score | run finished | commit |",
  "| --- | --- | --- | --- | --- |",
  ...groupRows,
  "",
  "| folder | score | detected | undetected | errors |",
  "| --- | --- | --- | --- | --- |",
  ...[...folders].sort(([a], [b]) => byCodePoint(a, b)).map(([folder, s]) => `| \`${folder}\` | ${percent(s)} | ${s.detected} | ${s.undetected} | ${s.errors} |`),
  `| **all groups run** | **${percent(total)}** | ${total.detected} | ${total.undetected} | ${total.errors} |`,
  "",
  `## Undetected mutants (${survivors.length})`,
  "",
  ...(survivors.length ? ["| where | status | mutator | replacement |", "| --- | --- | --- | --- |", ...survivors] : ["None."]),
  "",
];
// Written aside, then renamed: a reader never sees half a report.
await writeFile(`${outPath}.tmp`, lines.join("\n"));
await rename(`${outPath}.tmp`, outPath);
console.log(`mutation report: ${relative(process.cwd(), outPath)} (${percent(total)} over ${total.detected + total.undetected} mutants)`);
