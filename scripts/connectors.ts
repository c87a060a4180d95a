/**
 * npm run connectors -- <api_sdk.yaml> [--out generated/connectors] [--check] [--strict]
 *
 * Generates the type-only connector configurations of the
 * `airbyte-api-client/connectors` entry point from Airbyte's published SDK
 * spec, and replaces generated/connectors/ in one step.
 *   --check   regenerate in memory and compare byte for byte with generated/connectors/ (exit 1 on any difference)
 *   --strict  fail (exit 1, nothing written) if any connector uses a construct the generator cannot express;
 *             without it such a connector is typed as the open JSON object and listed in the summary
 */
import { join, resolve } from "node:path";
import { compareWithFolder } from "./lib/generate/compare.mjs";
import { emitConnectors, type Fallback } from "./lib/connectors/emit.js";
import { ConnectorInputError, readProvider } from "./lib/connectors/read-provider.js";
import { displayPath, repoRoot } from "./lib/shared/paths.js";
import { assertReplaceableFolder, updateFolder } from "./lib/shared/write-atomic.mjs";

const USAGE = "npm run connectors -- <api_sdk.yaml> [--out <dir>] [--check] [--strict]";

interface Args {
  input: string;
  out: string;
  check: boolean;
  strict: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let input: string | undefined;
  const args = { out: join(repoRoot, "generated", "connectors"), check: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--check" || arg === "--strict") args[arg === "--check" ? "check" : "strict"] = true;
    else if (arg === "--out" && argv[i + 1] && !argv[i + 1]?.startsWith("--")) args.out = resolve(argv[++i] ?? "");
    else if (!arg.startsWith("--") && input === undefined) input = resolve(arg);
    else fail(`Unknown or incomplete argument \`${arg}\`.\nUsage: ${USAGE}`, 2);
  }
  if (input === undefined) fail(`Missing the input file (Airbyte's api_sdk.yaml).\nUsage: ${USAGE}`, 2);
  return { input, ...args };
}

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function describeFallback(f: Fallback): string {
  const what = f.problems.map((p) => `${p.construct} at ${p.path || "(root)"}`).join("; ");
  return `${f.connector}: cannot express ${what}`;
}

const args = parseArgs(process.argv.slice(2));
const out = displayPath(args.out);
try {
  const provider = await readProvider(args.input);
  const result = emitConnectors(provider);
  // The TypeScript parser is a large import: loaded only when there is output to parse.
  const { syntaxErrors } = await import("./lib/connectors/syntax-check.js");
  const broken = syntaxErrors(result.files);
  if (broken.length) {
    fail(`The generator produced invalid TypeScript (a generator bug; please report it with the input):\n  ${broken.slice(0, 10).join("\n  ")}\n${out}/ was left unchanged.`);
  }
  for (const w of result.warnings) console.warn(`warning: ${w}`);
  if (result.fallbacks.length && args.strict) {
    for (const f of result.fallbacks) console.error(describeFallback(f));
    fail(`${result.fallbacks.length} connector(s) cannot be typed (--strict); ${out}/ was left unchanged.`);
  }
  const summary =
    `${result.typed.source} sources and ${result.typed.destination} destinations typed ` +
    `(${result.oauthSources} OAuth sources with a WithSecret variant)`;
  const fallbackLines = result.fallbacks.map((f) => `  ${describeFallback(f)}; typed as the open JSON object`);
  if (args.check) {
    const diffs = await compareWithFolder(result.files, args.out);
    if (diffs.length) {
      console.error(`connectors --check: ${out}/ is out of date with ${displayPath(args.input)}:`);
      for (const d of diffs.slice(0, 20)) {
        const what = { changed: "differs", missing: "is missing", extra: "is not produced by the input (remove it)" }[d.kind];
        console.error(`\n  ${out}/${d.file} ${what}`);
        if (d.diff) console.error(d.diff.replace(/^/gm, "    "));
      }
      if (diffs.length > 20) console.error(`\n  … and ${diffs.length - 20} more file(s)`);
      fail(`\nRun \`npm run connectors -- ${displayPath(args.input)}\` and commit the result.`);
    }
    console.log(`connectors --check: ${out}/ matches ${displayPath(args.input)} (${result.files.size} files; ${summary}).`);
  } else {
    await assertReplaceableFolder(args.out, resolve(args.input), {
      marker: "# connectors/ — written by `npm run connectors` only",
      tracked: resolve(repoRoot, "generated", "connectors"),
      command: "npm run connectors",
    });
    await updateFolder(args.out, result.files);
    console.log(`Generated ${result.files.size} files in ${out}/ from ${displayPath(args.input)}: ${summary}.`);
  }
  if (fallbackLines.length) console.log(`${result.fallbacks.length} connector(s) fell back (pass --strict to fail instead):\n${fallbackLines.join("\n")}`);
} catch (error) {
  if (error instanceof ConnectorInputError) fail(`${error.message}\n${out}/ was left unchanged.`);
  console.error(error);
  fail(`Generation failed; ${out}/ was left unchanged.`);
}
