/**
 * npm run test:mutation ends here: docs/reports/mutation.md is written from
 * the JSON report of the Stryker run that just finished (never by hand), with
 * the run's date, the commit it ran on, the scope, a score per folder, and
 * every surviving mutant with its place and what it changed.
 *
 *   tsx scripts/mutation-report.ts [--json docs/reports/mutation/mutation.json] [--out docs/reports/mutation.md]
 */
import { execFileSync } from "node:child_process";
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import { join, posix, relative, resolve } from "node:path";
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

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] as string : fallback;
};
const jsonPath = resolve(repoRoot, option("--json", "docs/reports/mutation/mutation.json"));
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

const report = JSON.parse(await readFile(jsonPath, "utf8")) as Report;
const finished = (await stat(jsonPath)).mtime.toISOString().replace(/\.\d+Z$/, "Z");
const git = (...a: string[]) => execFileSync("git", a, { cwd: repoRoot, encoding: "utf8" }).trim();
const commit = git("rev-parse", "--short", "HEAD");
const dirty = git("status", "--porcelain", "--", "src", "scripts", "test") !== "";
const config = JSON.parse(await readFile(join(repoRoot, "stryker.config.json"), "utf8")) as { mutate: string[] };

const folders = new Map<string, Score>();
const total: Score = { detected: 0, undetected: 0, errors: 0 };
const survivors: string[] = [];
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => byCodePoint(a, b))) {
  const rel = relative(repoRoot, join(repoRoot, file)).split("\\").join("/");
  const score = folders.get(folderOf(rel)) ?? { detected: 0, undetected: 0, errors: 0 };
  for (const m of mutants) {
    const bucket = DETECTED.has(m.status) ? "detected" : UNDETECTED.has(m.status) ? "undetected" : "errors";
    score[bucket]++;
    total[bucket]++;
    if (UNDETECTED.has(m.status)) {
      const what = (m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80);
      survivors.push(`| \`${rel}:${m.location.start.line}\` | ${m.status} | ${m.mutatorName} | \`${what.replace(/`/g, "'").replace(/\|/g, "\\|")}\` |`);
    }
  }
  folders.set(folderOf(rel), score);
}

const lines = [
  "# Mutation testing",
  "",
  "Written by `npm run test:mutation` from the run's own JSON report (`scripts/mutation-report.ts`); do not edit by hand.",
  "",
  `- run finished: ${finished}`,
  `- commit: \`${commit}\`${dirty ? " (with uncommitted changes in src/, scripts/ or test/)" : ""}`,
  `- scope (stryker.config.json \`mutate\`): ${config.mutate.map((m) => `\`${m}\``).join(", ")}`,
  "- score: detected (killed or timed out) / (detected + survived + no coverage); compile and runtime errors are left out",
  "",
  "| folder | score | detected | undetected | errors |",
  "| --- | --- | --- | --- | --- |",
  ...[...folders].sort(([a], [b]) => byCodePoint(a, b)).map(([folder, s]) => `| \`${folder}\` | ${percent(s)} | ${s.detected} | ${s.undetected} | ${s.errors} |`),
  `| **all** | **${percent(total)}** | ${total.detected} | ${total.undetected} | ${total.errors} |`,
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
