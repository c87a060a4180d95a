// Plain JavaScript: npm run lint:spec starts without a TypeScript loader and answers from the generation cache when it can.
// @ts-check
/**
 * npm run lint:spec [-- --spec <openapi.yaml>] [--format stylish|github-actions|json]
 *
 * Lints the spec with redocly.yaml (Redocly's engine in this process, plus our
 * airbyte/* rules), and exits 1 on any problem. `--format github-actions`
 * prints workflow annotations (`::error file=...,line=...::message`). When
 * generate already produced these exact inputs with a clean lint (its cache
 * holds only clean runs), that result is reused.
 */
import { inputKey, readCached } from "./lib/generate/cache.mjs";
import { parseArgs } from "./lib/shared/cli-args.mjs";
import { importTs } from "./lib/shared/load-ts.mjs";
import { dirname, join } from "node:path";
import { displayPath } from "./lib/shared/paths.mjs";

const usage = "npm run lint:spec -- [--spec <openapi.yaml>] [--format stylish|github-actions|json]";
const args = parseArgs(process.argv.slice(2), usage, { allow: ["--spec", "--format", "--force"] });
const formats = ["stylish", "github-actions", "json"];
if (!formats.includes(args.format)) {
  console.error(`Unknown format \`${args.format}\`: use one of ${formats.join(", ")}.\nUsage: ${usage}`);
  process.exit(2);
}

// A generation into the conventional generated/ beside the spec's folder linted these same inputs.
const conventionalOut = join(dirname(dirname(args.spec)), "generated");
const cached = args.force ? undefined : await readCached(await inputKey({ spec: args.spec, out: conventionalOut }));
if (cached && cached.warnings.length === 0 && args.format !== "json") {
  console.log(`${displayPath(args.spec)}: no problems (unchanged since a clean lint).`);
} else {
  const runner = /** @type {typeof import("./lib/spec/lint.js")} */ (await importTs("scripts/lib/spec/lint.ts"));
  process.exitCode = await runner.runLint(args.spec, /** @type {import("./lib/spec/lint.js").LintFormat} */ (args.format));
}
