// scripts/lib/spec/: reads the spec: confined resolution, lint, bundle, validation of values, examples, spec errors with file and line. May import from scripts/lib: shared.
/**
 * Lint and bundle in this process through `@redocly/openapi-core`, on one
 * loaded document: every spec file is read and parsed once (by the confined
 * resolver of spec-resolver.ts), linted with redocly.yaml, then bundled from
 * the same parsed files. `npm run lint:spec` and `npm run generate` go through
 * here, so they judge the spec with one engine and one configuration.
 */
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { Config, Document, NormalizedProblem } from "@redocly/openapi-core";
import { redocly } from "../shared/cjs.js";
import { displayPath, redoclyConfig } from "../shared/paths.js";
import { ConfinedResolver, REFUSED_MESSAGE, type YamlSyntaxProblem } from "./resolver.js";
import { SpecError, type SpecProblem } from "./error.js";
import { loadYaml } from "../shared/yaml.js";
import { walkProblem } from "./ref-chains.js";

/**
 * Redocly keeps the Ajv instance of the last lint in a module variable, and
 * its schema loader closes over that lint's walk, whose seen-node sets hold
 * every node of the document: the whole loaded spec (which bundling turns
 * into the bundled document, in place) stays reachable until the next lint.
 * lintDocument drops it on entry; dropping it on exit too lets the document
 * go once its caller is done with it (at 50x of our spec, ~200 MB less live
 * heap through emitting and formatting). Internal to Redocly, so optional:
 * another version without it only keeps the memory.
 */
const releaseAjv = ((): (() => void) | undefined => {
  try {
    const ajv = createRequire(import.meta.url)("@redocly/openapi-core/lib/rules/ajv") as { releaseAjvInstance?: () => void };
    return ajv.releaseAjvInstance;
  } catch {
    return undefined;
  }
})();

const configs = new Map<string, Promise<Config>>();

/** redocly.yaml with its plugins, loaded once per process. */
function loadLintConfig(configPath: string): Promise<Config> {
  let config = configs.get(configPath);
  if (!config) {
    config = redocly.loadConfig({ configPath });
    configs.set(configPath, config);
  }
  return config;
}

export interface LoadedSpec {
  problems: SpecProblem[];
  /** Absent when the root file itself could not be parsed. */
  document?: Document;
  resolver: ConfinedResolver;
  config: Config;
}

/** Reads and parses the spec's root file (other files are read as refs reach them). */
async function loadSpec(specPath: string, configPath: string): Promise<LoadedSpec> {
  const spec = resolve(specPath);
  const config = await loadLintConfig(configPath);
  const resolver = new ConfinedResolver(dirname(spec));
  try {
    const root = await resolver.resolveDocument(null, spec, true);
    if (root instanceof Error) throw root;
    // Before Redocly walks anything: a long `$ref` chain would take it gigabytes and a RangeError, a key such as `valueOf` a TypeError.
    const unwalkable = await walkProblem(resolver, root);
    if (unwalkable) return { problems: [unwalkable], resolver, config };
    return { problems: [], document: root, resolver, config };
  } catch (error) {
    const yaml = resolver.yamlErrors.get(spec);
    const problem: SpecProblem = yaml
      ? yamlProblem(yaml)
      : { file: displayPath(spec), severity: "error", rule: "read", message: readMessage(error) };
    return { problems: [problem], resolver, config };
  }
}

/** Reads, parses and lints the spec; the files stay in the resolver for bundling. */
export async function loadAndLint(specPath: string, configPath = redoclyConfig): Promise<LoadedSpec> {
  const loaded = await loadSpec(specPath, configPath);
  if (!loaded.document) return loaded;
  const raw = await redocly.lintDocument({ document: loaded.document, config: loaded.config.styleguide, externalRefResolver: loaded.resolver });
  releaseAjv?.();
  return { ...loaded, problems: toSpecProblems(raw, loaded.resolver) };
}

/** Lints the spec; resolves to its problems (errors and warnings). */
export async function lintSpec(specPath: string, configPath = redoclyConfig): Promise<SpecProblem[]> {
  return (await loadAndLint(specPath, configPath)).problems;
}

/** Joins an already loaded spec into one document with internal `#/components/...` refs. */
export async function bundleLoaded(loaded: LoadedSpec): Promise<unknown> {
  if (!loaded.document) throw new SpecError("bundle", loaded.problems);
  const result = await redocly.bundle({
    doc: loaded.document,
    config: loaded.config,
    externalRefResolver: loaded.resolver,
    dereference: false,
  });
  const errors = toSpecProblems(result.problems, loaded.resolver).filter((p) => p.severity === "error");
  if (errors.length) throw new SpecError("bundle", errors);
  return result.bundle.parsed as unknown;
}

/** Reads and bundles the spec without linting it (for tests and benchmarks that need only the bundled model). */
export async function bundleSpec(specPath: string, configPath = redoclyConfig): Promise<unknown> {
  return bundleLoaded(await loadSpec(specPath, configPath));
}

function toSpecProblems(problems: readonly NormalizedProblem[], resolver: ConfinedResolver): SpecProblem[] {
  const out: SpecProblem[] = [];
  const yamlMessages = [...resolver.yamlErrors.values()].map((y) => y.message);
  const yamlFiles = [...resolver.yamlErrors.values()].map((y) => y.file.split("\\").join("/"));
  for (const p of problems) {
    // A file that does not parse is reported once, as a YAML error (below),
    // not once more for every $ref that reaches it.
    if (yamlMessages.some((m) => p.message.endsWith(m))) continue;
    // Nor as a file the root "never reaches": it is reached, but does not parse.
    if (p.ruleId === "airbyte/spec-file-reached" && yamlFiles.some((file) => file.endsWith(`/${p.message.split(" ")[0]}`))) continue;
    const at = p.location[0];
    const where = at ? redocly.getLineColLocation(at) : undefined;
    out.push({
      file: displayPath(at?.source.absoluteRef ?? ""),
      line: where?.start.line,
      column: where?.start.col,
      severity: p.severity === "error" ? "error" : "warning",
      rule: p.ruleId,
      message: p.message.startsWith("Can't resolve $ref") && at ? unresolvedMessage(p.message, at) : p.message,
    });
  }
  for (const yaml of resolver.yamlErrors.values()) out.push(yamlProblem(yaml));
  return out;
}

/**
 * Redocly says "Can't resolve $ref" without the ref for a missing `#/...`
 * target, and with an absolute machine path for a missing file: the message
 * names the `$ref` as written in the file that refers to it, and the reason.
 */
function unresolvedMessage(message: string, at: NormalizedProblem["location"][number]): string {
  let node: unknown;
  try {
    node = loadYaml(at.source.body, at.source.absoluteRef);
  } catch {
    return message;
  }
  for (const part of (at.pointer ?? "#").replace(/^#\/?/, "").split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  }
  const ref = typeof node === "string" ? node : node !== null && typeof node === "object" ? (node as { $ref?: unknown }).$ref : undefined;
  if (typeof ref !== "string") return message;
  const file = displayPath(at.source.absoluteRef);
  const refused = message.indexOf(REFUSED_MESSAGE);
  if (refused >= 0) return `\`$ref: ${ref}\` in ${file} is refused: ${message.slice(refused + REFUSED_MESSAGE.length)}`;
  const reason = message.replace(/^Can't resolve \$ref:?\s*/, "").replace(/ENOENT: no such file or directory '([^']*)'/, (_m, path: string) => `no file ${displayPath(path)}`);
  return `\`$ref: ${ref}\` in ${file} has no target${reason ? ` (${reason})` : ref.startsWith("#") ? " (nothing at that pointer)" : ""}: fix the path or pointer, or add the target.`;
}

function yamlProblem(yaml: YamlSyntaxProblem): SpecProblem {
  return {
    file: displayPath(yaml.file),
    line: yaml.line,
    column: yaml.column,
    severity: "error",
    rule: "yaml-syntax",
    message: `YAML syntax error: ${yaml.reason}. ${yamlHint(yaml.reason)}`,
  };
}

/** What usually causes each js-yaml complaint, in words a spec author can act on. */
function yamlHint(reason: string): string {
  if (/alias/i.test(reason)) return "Hint: write the values out instead of using *aliases.";
  if (/indentation|end of the stream or a document separator/.test(reason)) {
    return "Hint: check this line's indentation against the lines above (2 spaces per level, no tabs), and quote values that contain `: `.";
  }
  if (/duplicated mapping key/.test(reason)) return "Hint: the same key appears twice in one object; remove or rename one.";
  if (/tab/i.test(reason)) return "Hint: YAML indents with spaces; replace the tab.";
  if (/flow collection|unexpected end/.test(reason)) return "Hint: a `[` or `{` is not closed, or a quote is not closed.";
  return "Hint: check indentation, unclosed quotes or brackets, and quote values that start with `*`, `&`, `@` or contain `: `.";
}

function readMessage(error: unknown): string {
  const original = (error as { originalError?: unknown }).originalError;
  const message = (original instanceof Error ? original : error instanceof Error ? error : new Error(String(error))).message;
  return `cannot read the spec: ${message}`;
}
