/**
 * npm run spec:diff -- [--base <git ref | spec file>] [--head <spec file>] [--json]
 *                      [--output <file>] [--allow-breaking] [--fail-on warning] [--types]
 * npm run spec:diff -- --rules     (the rule table as Markdown: docs/spec-diff-rules.md)
 *
 * What a spec change does to users of the generated client: compares the spec
 * at the base (default: the merge base with main) with the working tree's,
 * operation by operation and keyword by keyword, and names every change by
 * its rule (scripts/lib/diff/rules.ts, listed in docs/spec-diff-rules.md):
 * breaking (why: types, requests or responses), warning, non-breaking or
 * documentation. Prints Markdown for a pull-request comment (or JSON), with
 * the semver bump it calls for from the base's version.
 *
 * Exit 0: nothing breaking (or --allow-breaking). Exit 1: a breaking change
 * (or a warning, with --fail-on warning). Exit 2: bad input (unknown ref,
 * shallow clone, a spec that does not parse or is not OpenAPI 3.x, a broken $ref).
 */
import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import { BaseError, extractTree, git, mergeBaseWithMain, resolveCommit } from "./git.js";
import type { TypeBreak } from "./type-compat.js";
import { displayPath, repoRoot } from "../shared/paths.js";

const usage = "npm run spec:diff -- [--base <git ref | spec file>] [--head <spec file>] [--json] [--output <file>] [--allow-breaking] [--fail-on warning] [--types]";

interface Args {
  base?: string;
  head: string;
  headGiven: boolean;
  json: boolean;
  output?: string;
  allowBreaking: boolean;
  failOnWarning: boolean;
  types: boolean;
}

function parseArgs(argv: string[], root: string): Args {
  const args: Args = { head: join(root, "spec", "openapi.yaml"), headGiven: false, json: false, allowBreaking: false, failOnWarning: false, types: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--json") args.json = true;
    else if (arg === "--allow-breaking") args.allowBreaking = true;
    else if (arg === "--types") args.types = true;
    else if (arg === "--base" || arg === "--head" || arg === "--output" || arg === "--fail-on") {
      const value = argv[++i];
      if (!value || value.startsWith("--")) fail(`${arg} needs a value.`);
      if (arg === "--base") args.base = value;
      else if (arg === "--head") (args.head = resolve(value)), (args.headGiven = true);
      else if (arg === "--fail-on") {
        if (value !== "warning" && value !== "breaking") fail(`--fail-on takes warning or breaking, not ${value}.`);
        args.failOnWarning = value === "warning";
      } else args.output = resolve(value);
    } else fail(`Unknown argument ${arg}.`);
  }
  return args;
}

function fail(message: string): never {
  console.error(`spec:diff: ${message}\nUsage: ${usage}`);
  process.exit(2);
}

/** Where the base spec is, a label for people, and what to clean up. */
async function openBase(base: string | undefined, headSpec: string, repo: string) {
  // A file wins over a ref of the same name: `--base old/openapi.yaml`.
  if (base !== undefined) {
    const asFile = resolve(base);
    const isFile = await readFile(asFile).then(() => true, () => false);
    if (isFile) return { spec: asFile, label: displayPath(asFile), commit: undefined, remove: async () => undefined };
  }
  const { commit, label } = base === undefined ? await mergeBaseWithMain(repo) : { commit: await resolveCommit(base, repo), label: base };
  const rel = relative(repo, headSpec);
  const specPath = rel.startsWith("..") || isAbsolute(rel) ? "spec/openapi.yaml" : rel.split("\\").join("/");
  const root = specPath.split("/")[0] ?? "spec";
  const tree = await extractTree(commit, [root], repo);
  return { spec: join(tree.dir, specPath), label, commit, remove: tree.remove };
}

/** The version the base released: its own package.json (a file base: HEAD's, else the working tree's). */
async function baseVersionOf(commit: string | undefined, repo: string): Promise<string> {
  const shown = await git(["show", `${commit ?? "HEAD"}:package.json`], repo);
  try {
    const text = shown.code === 0 ? shown.stdout : await readFile(join(repo, "package.json"), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" ? version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** The command, in repository `repo`: sets process.exitCode (0, 1 or 2; see above) or exits 2 on bad arguments. */
export async function main(argv: string[], repo = repoRoot): Promise<void> {
  if (argv.includes("--rules")) {
    process.stdout.write((await import("./rules-doc.js")).rulesMarkdown());
    return;
  }
  const args = parseArgs(argv, repo);
  let cleanup: () => Promise<void> = async () => undefined;
  try {
    const base = await openBase(args.base, args.head, repo);
    // A git process of its own: started now, it runs while the specs are read.
    const baseVersion = baseVersionOf(base.commit, repo);
    cleanup = base.remove;
    const headLabel = args.headGiven ? displayPath(args.head) : "working tree";
    const { loadSpec, saveParseCache } = await import("./load.js");
    const [baseSpec, headSpec] = [await loadSpec(base.spec, `base (${base.label})`, repo), await loadSpec(args.head, headLabel, repo)];
    const { diffSpecsLocated } = await import("./classify.js");
    // Naming file and line needs the YAML library: loaded only when something changed.
    const result = await diffSpecsLocated(baseSpec.doc, headSpec.doc, () => headSpec.locator());
    await saveParseCache();
    let breaks: TypeBreak[] | undefined;
    if (args.types) {
      if (!base.commit) console.error("spec:diff: --types needs a git ref as --base (it compiles that commit's type tests); skipped.");
      // TypeScript takes most of a --types run's start-up: loaded only when asked for.
      else breaks = await (await import("./type-compat.js")).typeBreaks(base.commit, repo);
    }
    const { formatMarkdown, toJson } = await import("./report.js");
    const input = { result, baseLabel: base.label, headLabel, baseVersion: await baseVersion, allowBreaking: args.allowBreaking, typeBreaks: breaks };
    const markdown = formatMarkdown(input);
    if (args.output) await writeFile(args.output, `${markdown}\n`);
    console.log(args.json ? JSON.stringify(toJson(input), null, 2) : markdown);
    const breaking = result.summary.breaking > 0 || (breaks?.length ?? 0) > 0;
    const failing = (breaking && !args.allowBreaking) || (args.failOnWarning && result.summary.warning > 0);
    process.exitCode = failing ? 1 : 0;
  } catch (error) {
    if (error instanceof BaseError) {
      console.error(`spec:diff: ${error.message}`);
      process.exitCode = 2;
    } else throw error;
  } finally {
    await cleanup();
  }
}
