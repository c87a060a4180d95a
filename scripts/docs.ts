/**
 * npm run docs [-- --out <file>] [--spec <openapi.yaml>]: the HTML API
 * reference of spec/ (Redocly build-docs), one self-contained file (Redoc's
 * script inlined, so it opens offline) with every schema listed under
 * "Schemas". Default: docs/index.html.
 *
 * The spec is bundled here first, by the confined resolver every spec reader
 * uses (a `$ref` outside the spec's folder, or to a URL, is refused with one
 * line naming the file and the ref); build-docs then reads only that bundled
 * file, whose refs are all internal, so it never opens another file or the network.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { defaultSpec, displayPath, repoRoot } from "./lib/shared/paths.js";
import { runRedocly } from "./lib/spec/redocly-cli.js";
import { bundleSpec } from "./lib/spec/redocly.js";
import { SpecError } from "./lib/spec/error.js";

const USAGE = "npm run docs -- [--out <file.html>] [--spec <openapi.yaml>]";
const argv = process.argv.slice(2);
const values = new Map<string, string>();
for (let i = 0; i < argv.length; i += 2) {
  const flag = argv[i] ?? "";
  const value = argv[i + 1];
  if (!["--out", "--spec"].includes(flag) || value === undefined || value.startsWith("--") || values.has(flag)) {
    console.error(`Unknown or incomplete arguments \`${argv.join(" ")}\`. Usage: ${USAGE}`);
    process.exit(2);
  }
  values.set(flag, value);
}
const out = resolve(values.get("--out") ?? join(repoRoot, "docs", "index.html"));
const spec = resolve(values.get("--spec") ?? defaultSpec);

let bundled: unknown;
try {
  bundled = await bundleSpec(spec);
} catch (error) {
  if (!(error instanceof SpecError)) throw error;
  console.error(`docs: ${error.message}`);
  process.exit(1);
}
const work = await mkdtemp(join(tmpdir(), "airbyte-docs-"));
try {
  const input = join(work, "openapi.json");
  await writeFile(input, JSON.stringify(bundled));
  await mkdir(dirname(out), { recursive: true });
  const result = await runRedocly([
    "build-docs",
    input,
    "--output",
    out,
    "--inlineBundle",
    "--openapi.schemaDefinitionsTagName=Schemas",
    "--title",
    "Airbyte public API reference (airbyte-api-client)",
  ]);
  if (result.code !== 0) {
    console.error(`redocly build-docs failed:\n${(result.stderr || result.stdout).trim()}`);
    process.exitCode = 1;
  } else {
    console.log(`API reference written to ${displayPath(out)}`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
