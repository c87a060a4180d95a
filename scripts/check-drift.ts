/**
 * npm run check:drift [-- --spec spec/openapi.yaml --out generated]
 *
 * Regenerates into a temporary folder and compares every file byte for byte
 * with generated/. Exit 0: in sync. Exit 1: drift (or the spec does not
 * generate); the files that differ are named with a short diff.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "./lib/cli-args.js";
import { compareFolders } from "./lib/compare.js";
import { defaultGenerated, defaultSpec, displayPath } from "./lib/paths.js";
import { runPipeline } from "./lib/pipeline.js";
import { SpecError } from "./lib/spec-error.js";
import { writeFiles } from "./lib/write-atomic.js";

const args = parseArgs(process.argv.slice(2), "npm run check:drift -- [--spec <openapi.yaml>] [--out <dir>]");
const fix =
  args.spec === defaultSpec && args.out === defaultGenerated
    ? "npm run generate"
    : `npm run generate -- --spec ${displayPath(args.spec)} --out ${displayPath(args.out)}`;

const temp = await mkdtemp(join(tmpdir(), "airbyte-drift-"));
try {
  const { files } = await runPipeline({ spec: args.spec, outDir: args.out });
  await writeFiles(temp, files);
  const diffs = await compareFolders(temp, args.out);
  if (diffs.length === 0) {
    console.log(`check:drift: ${displayPath(args.out)}/ matches ${displayPath(args.spec)} (${files.size} files).`);
  } else {
    console.error(`check:drift: ${displayPath(args.out)}/ is out of date with ${displayPath(args.spec)}:`);
    for (const d of diffs) {
      const what = { changed: "differs", missing: "is missing", extra: "is not produced by the spec (remove it)" }[d.kind];
      console.error(`\n  ${displayPath(args.out)}/${d.file} ${what}`);
      if (d.diff) console.error(d.diff.replace(/^/gm, "    "));
    }
    console.error(`\nRun \`${fix}\` and commit the result.`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof SpecError ? error.message : error);
  console.error("check:drift could not regenerate from the spec; fix the spec first.");
  process.exitCode = 1;
} finally {
  await rm(temp, { recursive: true, force: true });
}
