// Plain JavaScript: npm run generate starts without a TypeScript loader, so a no-op run only hashes.
// @ts-check
/**
 * npm run generate [-- --spec spec/openapi.yaml --out generated] [--force]
 *
 * Lints the spec, bundles it, emits the types and the operation table and
 * formats them (scripts/lib/generate/pipeline.ts, in this one process), then updates
 * the output folder as one transaction, touching only files whose bytes
 * change, and says what changed in the client. The result is cached by
 * content (scripts/lib/generate/cache.mjs): with nothing changed the run only hashes
 * and compares. For the repository's own generated/ it then builds dist/
 * incrementally; with --spec/--out it writes only the folder it is given.
 * On any failure the folder is left as it was and the exit code is 1.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildDist } from "./lib/package/build.mjs";
import { clientChanges, formatClientChanges } from "./lib/generate/change-summary.mjs";
import { parseArgs } from "./lib/shared/cli-args.mjs";
import { describeFailure, generateFiles } from "./lib/generate/generation.mjs";
import { defaultGenerated, displayPath } from "./lib/shared/paths.mjs";
import { assertReplaceableFolder, listFiles, updateFolder } from "./lib/shared/write-atomic.mjs";

const args = parseArgs(process.argv.slice(2), "npm run generate -- [--spec <openapi.yaml>] [--out <dir>] [--force]");
const out = displayPath(args.out);
/** Whether the result came from the cache (else the pipeline ran in this process). */
let fromCache = false;
try {
  await assertReplaceableFolder(args.out, args.spec);
  const { files, warnings, cached } = await generateFiles(args);
  fromCache = cached;
  for (const w of warnings) console.warn(`warning: ${w}`);
  const before = new Map();
  for (const name of await listFiles(args.out)) before.set(name, await readFile(join(args.out, name), "utf8"));
  const { written, removed } = await updateFolder(args.out, files);
  const what = written.length || removed.length ? `${written.length} written, ${removed.length} removed` : "all up to date";
  console.log(`Generated ${files.size} files in ${out}/ from ${displayPath(args.spec)} (${what}${cached ? ", from cache" : ""}).`);
  if (written.length || removed.length) console.log(formatClientChanges(clientChanges(before, files)));
} catch (error) {
  console.error(describeFailure(error));
  console.error(`${out}/ was left unchanged.`);
  process.exit(1);
}
// Only the repository's own generated/ feeds dist/; another --out is someone's copy.
if (args.out === defaultGenerated && !(await buildDist({ separateProcess: !fromCache }))) {
  console.error("The build of dist/ failed (see above); generated/ is up to date.");
  process.exit(1);
}
