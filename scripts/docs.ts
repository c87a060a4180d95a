/**
 * npm run docs [-- --out <file>]: the HTML API reference of spec/ (Redocly
 * build-docs), one self-contained file with every schema listed under
 * "Schemas": Redoc's script is inlined and the CDN URLs it names are made
 * local (scripts/lib/docs/self-contained.ts), so the page opens offline and
 * requests nothing from another origin. Default: docs/index.html (built, not
 * committed).
 */
import { dirname, join, resolve } from "node:path";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { selfContained } from "./lib/docs/self-contained.js";
import { defaultSpec, displayPath, repoRoot } from "./lib/shared/paths.js";
import { runRedocly } from "./lib/spec/redocly-cli.js";

const argv = process.argv.slice(2);
if (argv.length !== 0 && (argv.length !== 2 || argv[0] !== "--out")) {
  console.error(
    `Unknown or incomplete arguments \`${argv.join(" ")}\`. Usage: npm run docs -- [--out <file.html>]`,
  );
  process.exit(2);
}
const out = argv[1] === undefined ? join(repoRoot, "docs", "index.html") : resolve(argv[1]);
await mkdir(dirname(out), { recursive: true });
const result = await runRedocly([
  "build-docs",
  defaultSpec,
  "--output",
  out,
  "--inlineBundle",
  "--openapi.schemaDefinitionsTagName=Schemas",
  "--title",
  "Airbyte public API reference (airbyte-api-client)",
]);
if (result.code !== 0) {
  console.error(`redocly build-docs failed:\n${(result.stderr || result.stdout).trim()}`);
  process.exit(1);
}
try {
  await writeFile(out, selfContained(await readFile(out, "utf8")));
} catch (error) {
  console.error(`npm run docs: ${(error as Error).message}`);
  process.exit(1);
}
console.log(`API reference written to ${displayPath(out)}`);
