/**
 * npm run docs [-- --out <file>]: the HTML API reference of spec/ (Redocly
 * build-docs), one self-contained file (Redoc's script inlined, so it opens
 * offline) with every schema listed under "Schemas". Default: docs/index.html.
 */
import { execFile } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { defaultSpec, displayPath, repoRoot } from "./lib/paths.js";

// build-docs is only in the CLI (lint and bundle run in process: scripts/lib/redocly.ts).
const redoclyBin = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin", "cli.js");
function runRedocly(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
  return new Promise((done) => {
    execFile(process.execPath, [redoclyBin, ...args], { maxBuffer: 256 * 1024 * 1024, env }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

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
console.log(`API reference written to ${displayPath(out)}`);
