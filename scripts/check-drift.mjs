// Plain JavaScript: npm run check:drift starts without a TypeScript loader, so an up-to-date tree is checked from the cache.
// @ts-check
/**
 * npm run check:drift [-- --spec spec/openapi.yaml --out generated]
 *
 * Compares every file of generated/ byte for byte with what the spec produces
 * (from the generation cache when the spec and the generator are unchanged,
 * else by running the pipeline in memory), extra files included. Exit 0: in
 * sync. Exit 1: drift, or the spec does not generate; the files that differ
 * are named with a short diff and the command that fixes them.
 */
import { compareWithFolder } from "./lib/generate/compare.mjs";
import { parseArgs } from "./lib/shared/cli-args.mjs";
import { describeFailure, generateFiles } from "./lib/generate/generation.mjs";
import { displayPath } from "./lib/shared/paths.mjs";

const args = parseArgs(process.argv.slice(2), "npm run check:drift -- [--spec <openapi.yaml>] [--out <dir>] [--force]");
const out = displayPath(args.out);
const fix = args.defaults ? "npm run generate" : `npm run generate -- --spec ${displayPath(args.spec)} --out ${out}`;

try {
  const { files } = await generateFiles(args);
  const diffs = await compareWithFolder(files, args.out);
  if (diffs.length === 0) {
    console.log(`check:drift: ${out}/ matches ${displayPath(args.spec)} (${files.size} files).`);
  } else {
    console.error(`check:drift: ${out}/ is out of date with ${displayPath(args.spec)}:`);
    for (const d of diffs) {
      const what = { changed: "differs", missing: "is missing", extra: "is not produced by the spec (remove it)" }[d.kind];
      console.error(`\n  ${out}/${d.file} ${what}`);
      if (d.diff) console.error(d.diff.replace(/^/gm, "    "));
    }
    console.error(`\nRun \`${fix}\` and commit the result.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(describeFailure(error));
  console.error("check:drift could not regenerate from the spec; fix the spec first.");
  process.exitCode = 1;
}
