/**
 * npm run generate [-- --spec spec/openapi.yaml --out generated]
 *
 * Lints the spec, bundles it, emits the types and the operation table, formats
 * them with the repository's prettier config and replaces generated/ in one
 * step. On any failure generated/ is left as it was and the exit code is 1.
 */
import { parseArgs } from "./lib/cli-args.js";
import { displayPath } from "./lib/paths.js";
import { runPipeline } from "./lib/pipeline.js";
import { SpecError } from "./lib/spec-error.js";
import { replaceFolder } from "./lib/write-atomic.js";

const args = parseArgs(process.argv.slice(2), "npm run generate -- [--spec <openapi.yaml>] [--out <dir>]");
try {
  const { files, warnings } = await runPipeline({ spec: args.spec, outDir: args.out });
  for (const w of warnings) console.warn(`warning: ${w}`);
  await replaceFolder(args.out, files);
  console.log(`Generated ${files.size} files in ${displayPath(args.out)}/ from ${displayPath(args.spec)}.`);
} catch (error) {
  if (error instanceof SpecError) {
    console.error(error.message);
    console.error(`${displayPath(args.out)}/ was left unchanged.`);
  } else {
    console.error(error);
    console.error(`Generation failed; ${displayPath(args.out)}/ was left unchanged.`);
  }
  process.exit(1);
}
