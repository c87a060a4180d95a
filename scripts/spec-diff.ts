/**
 * npm run spec:diff -- [--base <git ref | spec file>] [--head <spec file>] [--json]
 *                      [--output <file>] [--allow-breaking] [--types]
 *
 * What a spec change does to users of the generated client: compares the spec
 * at the base (default: the merge base with main) with the working tree's,
 * operation by operation and field by field (the engine `npm run conformance`
 * uses), and classifies every change as breaking, non-breaking or
 * documentation. Prints Markdown for a pull-request comment (or JSON), with
 * the semver bump it calls for.
 *
 * Exit 0: nothing breaking (or --allow-breaking). Exit 1: a breaking change.
 * Exit 2: bad input (unknown ref, shallow clone, a spec that does not parse).
 */
import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { diffSpecs } from "./lib/diff/classify.js";
import { BaseError, extractTree, mergeBaseWithMain, resolveCommit } from "./lib/diff/git.js";
import { formatMarkdown } from "./lib/diff/report.js";
import type { TypeBreak } from "./lib/diff/type-compat.js";
import { defaultSpec, displayPath, repoRoot } from "./lib/shared/paths.js";

const usage = "npm run spec:diff -- [--base <git ref | spec file>] [--head <spec file>] [--json] [--output <file>] [--allow-breaking] [--types]";

interface Args {
  base?: string;
  head: string;
  json: boolean;
  output?: string;
  allowBreaking: boolean;
  types: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { head: defaultSpec, json: false, allowBreaking: false, types: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--json") args.json = true;
    else if (arg === "--allow-breaking") args.allowBreaking = true;
    else if (arg === "--types") args.types = true;
    else if (arg === "--base" || arg === "--head" || arg === "--output") {
      const value = argv[++i];
      if (!value || value.startsWith("--")) fail(`${arg} needs a value.`);
      if (arg === "--base") args.base = value;
      else if (arg === "--head") args.head = resolve(value);
      else args.output = resolve(value);
    } else fail(`Unknown argument \`${arg}\`.`);
  }
  return args;
}

function fail(message: string): never {
  console.error(`spec:diff: ${message}\nUsage: ${usage}`);
  process.exit(2);
}

/** Where the base spec is, a label for people, and what to clean up. */
async function openBase(base: string | undefined, headSpec: string) {
  // A file wins over a ref of the same name: `--base old/openapi.yaml`.
  if (base !== undefined) {
    const asFile = resolve(base);
    const isFile = await readFile(asFile).then(() => true, () => false);
    if (isFile) return { spec: asFile, label: displayPath(asFile), commit: undefined, remove: async () => undefined };
  }
  const { commit, label } = base === undefined ? await mergeBaseWithMain(repoRoot) : { commit: await resolveCommit(base, repoRoot), label: `\`${base}\`` };
  const rel = relative(repoRoot, headSpec);
  const specPath = rel.startsWith("..") || isAbsolute(rel) ? "spec/openapi.yaml" : rel.split("\\").join("/");
  const root = specPath.split("/")[0] ?? "spec";
  const tree = await extractTree(commit, [root], repoRoot);
  return { spec: join(tree.dir, specPath), label, commit, remove: tree.remove };
}

const args = parseArgs(process.argv.slice(2));
let cleanup: () => Promise<void> = async () => undefined;
try {
  const base = await openBase(args.base, args.head);
  cleanup = base.remove;
  // Redocly (loading the specs) and TypeScript (--types) take most of a run's
  // start-up: loaded only once the arguments and the base are known to be good.
  const { loadSpecDocument } = await import("./lib/diff/load.js");
  const [baseDoc, headDoc] = [await loadSpecDocument(base.spec, `base (${base.label})`), await loadSpecDocument(args.head, "working tree")];
  const result = diffSpecs(baseDoc, headDoc);
  let breaks: TypeBreak[] | undefined;
  if (args.types) {
    if (!base.commit) console.error("spec:diff: --types needs a git ref as --base (it compiles that commit's type tests); skipped.");
    else breaks = await (await import("./lib/diff/type-compat.js")).typeBreaks(base.commit, repoRoot);
  }
  const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { version?: string };
  const failing = (result.breaking > 0 || (breaks?.length ?? 0) > 0) && !args.allowBreaking;
  const markdown = formatMarkdown({ result, baseLabel: base.label, headLabel: "working tree", version: pkg.version ?? "0.0.0", allowBreaking: args.allowBreaking, typeBreaks: breaks });
  if (args.output) await writeFile(args.output, `${markdown}\n`);
  console.log(args.json ? JSON.stringify({ base: base.label, ...result, typeBreaks: breaks ?? null }, null, 2) : markdown);
  process.exitCode = failing ? 1 : 0;
} catch (error) {
  if (error instanceof BaseError) {
    console.error(`spec:diff: ${error.message}`);
    process.exitCode = 2;
  } else throw error;
} finally {
  await cleanup();
}
