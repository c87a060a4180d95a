/**
 * npm run docs:figures [-- --check]: fills every `<!-- figure:NAME -->`
 * marker of README.md and docs/*.md from bench/results.json (run it after
 * `npm run bench`). With --check it writes nothing and exits 1 when a marked
 * value differs from the results.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Results } from "../bench/report.js";
import { documentationFiles, fillFigures, figureValues, strayMeasurements } from "./lib/docs/figures.js";
import { repoRoot } from "./lib/shared/paths.js";

const argv = process.argv.slice(2);
if (argv.length > 1 || (argv.length === 1 && argv[0] !== "--check")) {
  console.error(`Unknown arguments \`${argv.join(" ")}\`. Usage: npm run docs:figures [-- --check]`);
  process.exit(2);
}
const check = argv[0] === "--check";

const results = JSON.parse(await readFile(join(repoRoot, "bench", "results.json"), "utf8")) as Results;
const values = figureValues(results);
let problems = 0;
for (const file of await documentationFiles(repoRoot)) {
  const text = await readFile(join(repoRoot, file), "utf8");
  const filled = fillFigures(text, values);
  for (const name of filled.unknown) {
    problems++;
    console.log(`${file}: no figure named "${name}"; the names are in scripts/lib/docs/figures.ts (FIGURES).`);
  }
  for (const stray of strayMeasurements(text)) {
    problems++;
    console.log(`${file}: "${stray}" looks like a measurement typed by hand; mark it <!-- figure:NAME -->...<!-- /figure --> or write it in words.`);
  }
  if (filled.changed.length === 0) continue;
  if (check) {
    problems++;
    console.log(`${file}: figures differ from bench/results.json (${filled.changed.join("; ")}); run \`npm run docs:figures\`.`);
  } else {
    await writeFile(join(repoRoot, file), filled.text);
    console.log(`${file}: ${filled.changed.join("; ")}`);
  }
}
if (problems > 0) process.exitCode = 1;
else console.log(check ? "Every figure matches bench/results.json." : "Figures filled from bench/results.json.");
