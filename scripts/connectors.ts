/**
 * npm run connectors -- --spec <api_sdk.yaml> [--source <where from>] [--date <YYYY-MM-DD>] [--out generated/connectors] [--check] [--strict]
 *
 * Generates the connector configuration types (and the tiny helpers) of the
 * `airbyte-api-client/connectors` entry point from Airbyte's SDK spec (the
 * published one, a newer copy, or a self-managed install's), and replaces
 * generated/connectors/ in one step.
 *   --spec    the api_sdk.yaml to read (a bare path is taken as --spec too)
 *   --source, --date  where that copy came from and its date, recorded in the README and
 *             exported as CONNECTOR_DATA; needed unless the output already records them for this very file
 *   --check   regenerate in memory and compare byte for byte with generated/connectors/ (exit 1 on any difference)
 *   --strict  fail (exit 1, nothing written) if any connector uses a construct the generator cannot express;
 *             without it such a connector is typed as the open JSON object and listed in the summary
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { compareWithFolder } from "./lib/generate/compare.mjs";
import { emitConnectors, type DataOrigin, type Fallback } from "./lib/connectors/emit.js";
import { ConnectorInputError, readProvider } from "./lib/connectors/read-provider.js";
import { displayPath, repoRoot } from "./lib/shared/paths.js";
import { assertReplaceableFolder, updateFolder } from "./lib/shared/write-atomic.mjs";

const USAGE = "npm run connectors -- --spec <api_sdk.yaml> [--source <where it came from>] [--date <YYYY-MM-DD>] [--out <dir>] [--check] [--strict]";

interface Args {
  input: string;
  out: string;
  check: boolean;
  strict: boolean;
  source?: string;
  date?: string;
}

function parseArgs(argv: readonly string[]): Args {
  let input: string | undefined;
  const args: Omit<Args, "input"> = { out: join(repoRoot, "generated", "connectors"), check: false, strict: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const value = argv[i + 1] !== undefined && !argv[i + 1]?.startsWith("--") ? argv[i + 1] : undefined;
    if (arg === "--check" || arg === "--strict") args[arg === "--check" ? "check" : "strict"] = true;
    else if (["--out", "--spec", "--source", "--date"].includes(arg) && value !== undefined) {
      i++;
      if (arg === "--out") args.out = resolve(value);
      else if (arg === "--spec" && input === undefined) input = resolve(value);
      else if (arg === "--source") args.source = value;
      else if (arg === "--date") args.date = value;
      else fail(`\`--spec\` given twice.\nUsage: ${USAGE}`, 2);
    } else if (!arg.startsWith("--") && input === undefined) input = resolve(arg);
    else fail(`Unknown or incomplete argument \`${arg}\`.\nUsage: ${USAGE}`, 2);
  }
  if (input === undefined) fail(`Missing the input file: pass --spec <api_sdk.yaml>.\nUsage: ${USAGE}`, 2);
  if (args.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.date)) fail(`--date takes the copy's date as YYYY-MM-DD, e.g. --date 2026-08-21; got \`${args.date}\`.`, 2);
  return { input, ...args };
}

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/**
 * --source and --date, or, for the very file the output was made from (same
 * sha256), what its README records: `--check` and a regeneration need no flags.
 */
async function dataOrigin(args: Args, sha256: string): Promise<DataOrigin> {
  const readme = await readFile(join(args.out, "README.md"), "utf8").catch(() => "");
  const recorded = readme.includes(`sha256 \`${sha256}\``) ? /^- data: (.+), as of (\d{4}-\d{2}-\d{2})$/m.exec(readme) : null;
  const source = args.source ?? recorded?.[1];
  const date = args.date ?? recorded?.[2];
  if (source === undefined || date === undefined) {
    fail(
      `${displayPath(args.input)} is not the file ${displayPath(args.out)}/ records, so say where it came from and its date:\n` +
        `  --source "airbytehq/airbyte-platform@<commit>, airbyte-api/server-api/src/main/openapi/api_sdk.yaml" --date <YYYY-MM-DD>\n` +
        `(they are recorded in the README and exported as CONNECTOR_DATA). Nothing was written.`,
      2,
    );
  }
  return { source, date };
}

function describeFallback(f: Fallback): string {
  const what = f.problems.map((p) => `${p.construct} at ${p.path || "(root)"}`).join("; ");
  return `${f.connector}: cannot express ${what}`;
}

const args = parseArgs(process.argv.slice(2));
const out = displayPath(args.out);
try {
  const provider = await readProvider(args.input);
  const result = emitConnectors(provider, await dataOrigin(args, provider.sha256));
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
      fail(`\nRun \`npm run connectors -- --spec ${displayPath(args.input)}\` and commit the result.`);
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
