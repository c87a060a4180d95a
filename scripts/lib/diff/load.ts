/**
 * One side of a spec diff, read the way spec:diff can trust it: the root file
 * and every file its `$ref`s reach, each parsed once (YAML alias guard on)
 * with its line table, so a change can be named by file and line. What
 * spec:diff cannot read is refused with one line naming the file (a
 * LoadError, exit 2): a file that does not parse, Swagger 2.0 or anything
 * that is not OpenAPI 3.x, a `$ref` to a file or place that does not exist,
 * a remote `$ref`.
 */
import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import type { Document, LineCounter, Node as YamlNode } from "yaml";
import type { Json } from "../conformance/model.js";
import { isNode } from "../conformance/resolve.js";
import { Doc, refTarget } from "./doc.js";
import { repoRoot } from "../shared/paths.js";
import { BaseError } from "./git.js";

/** Anchors a document may dereference before it counts as an alias bomb. */
const MAX_ALIASES = 100;

interface SourceFile {
  yaml: Document;
  lines: LineCounter;
}

export interface LoadedSpec {
  doc: Doc;
  /** A function naming the file (relative to `relativeTo`) and line of a place (`file#pointer`), or null. */
  locator(): Promise<(place: string) => { file: string; line: number } | null>;
}

/**
 * The YAML library, loaded only when a file must be parsed or a place named:
 * when every file comes from the cache and nothing changed, a run never pays
 * for loading it.
 */
let yamlLib: typeof import("yaml") | undefined;
const loadYaml = async () => (yamlLib ??= await import("yaml"));
function yaml(): typeof import("yaml") {
  if (!yamlLib) throw new Error("spec:diff: the YAML library is used before loadYaml()");
  return yamlLib;
}

const posix = (path: string) => path.split("\\").join("/");

interface ParsedFile {
  data: Json;
  /** The SHA-1 of the text, the value's key in the parse cache across runs. */
  key: string;
  /** The YAML document with its line table, parsed only when a place in the file must be named. */
  source: () => SourceFile;
}

/**
 * Parsed files by their text: the base and the head of a diff share most of
 * their files byte for byte, and YAML parsing is most of a run's time. The
 * parsed values are only read, never changed, so sharing them is safe.
 */
const parsed = new Map<string, ParsedFile>();

/**
 * Across runs: the values of files that parsed cleanly, by the SHA-1 of their
 * text, in node_modules/.cache (JSON reads far faster than YAML parses).
 * Only successful parses are stored, so a refused file is refused every run.
 * AIRBYTE_SPEC_DIFF_CACHE names another folder; a node_modules that is a link
 * to another checkout's (a git worktree) gets no cache, so one checkout never
 * writes into another. The folder of checkout `root`: its
 * node_modules/.cache/airbyte-api-client (shared/paths' cacheDir), or undefined.
 */
export function parseCacheFolder(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.AIRBYTE_SPEC_DIFF_CACHE) return env.AIRBYTE_SPEC_DIFF_CACHE;
  try {
    const modules = realpathSync(join(root, "node_modules"));
    return modules === join(realpathSync(root), "node_modules") ? join(root, "node_modules", ".cache", "airbyte-api-client") : undefined;
  } catch {
    return undefined;
  }
}

const folder = parseCacheFolder(repoRoot, process.env);
const diskCache = folder === undefined ? undefined : join(folder, "spec-diff-parsed.json");
let stored: Map<string, Json> | undefined;
const used = new Map<string, Json>();

async function storedValues(): Promise<Map<string, Json>> {
  if (!stored) {
    try {
      const json = JSON.parse(diskCache === undefined ? "" : await readFile(diskCache, "utf8")) as { version?: number; entries?: Record<string, Json> };
      stored = new Map(json.version === 1 && json.entries ? Object.entries(json.entries) : []);
    } catch {
      // No cache yet (or none at all), or one that does not parse: start empty.
      stored = new Map();
    }
  }
  return stored;
}

/** Writes the values this run used (and only those, so the file does not grow) when any was new. */
export async function saveParseCache(): Promise<void> {
  const before = await storedValues();
  if (diskCache === undefined || ([...used.keys()].every((key) => before.has(key)) && used.size === before.size)) return;
  await mkdir(dirname(diskCache), { recursive: true });
  const tmp = `${diskCache}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ version: 1, entries: Object.fromEntries(used) }));
  await rename(tmp, diskCache);
}

/** A file's parse, shared with the other side when the text is the same; undefined when the file cannot be read. */
async function parseFile(
  file: string,
  name: string,
  label: string,
): Promise<ParsedFile | undefined> {
  // Read synchronously: the files are read one after another anyway, and a promise per file
  // (open, stat, read, close, each a turn of the event loop) cost more than the read.
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const known = parsed.get(text);
  if (known) return known;
  const key = createHash("sha1").update(text).digest("hex");
  const cached = (await storedValues()).get(key);
  if (!cached) await loadYaml();
  let source: SourceFile | undefined;
  const sourceOf = () => (source ??= parseText(text, name, label));
  const data = cached ?? toValue(sourceOf(), name, label);
  // Not in `used` yet: a value is kept for the next run only once its walk has found no alias containing itself.
  const result = { data, key, source: sourceOf };
  parsed.set(text, result);
  return result;
}

const firstLine = (message: string) => message.replace(/\n[\s\S]*/, "").replace(/\s+at line \d+, column \d+:?$/, "");

function parseText(text: string, name: string, label: string): SourceFile {
  const lines = new (yaml().LineCounter)();
  const document = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const problem = document.errors[0];
  if (problem)
    throw new BaseError(
      `The ${label} spec does not parse (${name}:${problem.linePos?.[0].line ?? 1}): ${firstLine(problem.message)}. Fix its YAML, or diff against another --base.`,
    );
  return { yaml: document, lines };
}

function toValue(source: SourceFile, name: string, label: string): Json {
  try {
    return source.yaml.toJS({ maxAliasCount: MAX_ALIASES }) as Json;
  } catch (error) {
    throw new BaseError(
      `The ${label} spec does not parse (${name}): ${firstLine((error as Error).message)}. Fix its YAML, or diff against another --base.`,
    );
  }
}

/** The `$ref`s of a parsed file with their JSON pointers; a YAML alias that contains itself is refused (it would never end). */
function* refsIn(value: Json, pointer: string, inside: Set<object>, refuse: () => never): Generator<[string, string]> {
  if (typeof value !== "object" || value === null) return;
  if (inside.has(value)) refuse();
  inside.add(value);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* refsIn(v, `${pointer}/${i}`, inside, refuse);
  } else {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") yield [v, pointer];
      else yield* refsIn(v, `${pointer}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`, inside, refuse);
    }
  }
  inside.delete(value);
}

/** The YAML node at a JSON pointer, or the deepest one on the way. */
function nodeAt(source: SourceFile, pointer: string): YamlNode | undefined {
  const { isAlias, isMap, isScalar, isSeq } = yaml();
  let node = source.yaml.contents as YamlNode | null;
  let found = node ?? undefined;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (isAlias(node)) node = node.resolve(source.yaml) ?? null;
    if (isMap(node))
      node =
        (node.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key)?.value as
          YamlNode | undefined) ?? null;
    else if (isSeq(node)) node = (node.items[Number(key)] as YamlNode | undefined) ?? null;
    else node = null;
    if (!node) break;
    found = node;
  }
  return found;
}

/**
 * Reads a spec root file and all it refers to; `label` names the side in
 * errors ("base (main)", "working tree"); file names in errors and locations
 * are relative to `relativeTo` (the repository).
 */
export async function loadSpec(
  file: string,
  label: string,
  relativeTo: string,
): Promise<LoadedSpec> {
  const rootFile = posix(resolve(file));
  const name = (f: string) => posix(relative(relativeTo, f)) || f;
  const files = new Map<string, Json>();
  const sources = new Map<string, () => SourceFile>();
  // The files each file's $refs point into (the comparison skips what is unchanged with all it reaches).
  const refs = new Map<string, Set<string>>();
  // Where each file was first referred to from, for the message when it is missing.
  const referrers = new Map<string, { ref: string; at: () => Promise<string> }>();
  const queue = [rootFile];
  const pending: Array<{ ref: string; at: () => Promise<string>; target: string }> = [];
  while (queue.length) {
    const current = queue.shift() ?? "";
    if (files.has(current)) continue;
    const file = await parseFile(current, name(current), label);
    if (!file) {
      const by = referrers.get(current);
      if (!by)
        throw new BaseError(
          `The ${label} has no spec file at ${name(current)}: pass --base <ref | spec file> pointing at an OpenAPI root file.`,
        );
      throw new BaseError(
        `The ${label} spec has a broken $ref ${by.ref} (${await by.at()}): no file ${name(current)}. Fix the ref, or diff against another --base.`,
      );
    }
    const { data, source } = file;
    files.set(current, data);
    sources.set(current, source);
    if (current === rootFile) checkOpenApi(data, name(current), label);
    const endless = (): never => {
      throw new BaseError(`The ${label} spec does not parse (${name(current)}): a YAML alias contains itself. Fix its YAML, or diff against another --base.`);
    };
    for (const [ref, pointer] of refsIn(data, "", new Set(), endless)) {
      const target = refTarget(ref, current);
      const at = async () => (
        await loadYaml(),
        `${name(current)}:${source().lines.linePos(nodeAt(source(), pointer)?.range?.[0] ?? 0).line}`
      );
      if (target === undefined)
        throw new BaseError(
          `The ${label} spec has a remote $ref ${ref} (${await at()}): spec:diff reads local files only; bundle the spec first.`,
        );
      const targetFile = target.slice(0, target.indexOf("#"));
      const into = refs.get(current) ?? new Set<string>();
      refs.set(current, into.add(targetFile));
      if (!files.has(targetFile) && !referrers.has(targetFile)) {
        referrers.set(targetFile, { ref, at });
        queue.push(targetFile);
      }
      pending.push({ ref, at, target });
    }
    // Walked to the end without a cycle: a value JSON can store (a refused one stays out of the cache, even in a
    // process that goes on to another diff).
    used.set(file.key, data);
  }
  const doc = new Doc(files, rootFile, refs);
  for (const p of pending) {
    if (doc.at(p.target) === undefined)
      throw new BaseError(
        `The ${label} spec has a broken $ref ${p.ref} (${await p.at()}): it points at nothing. Fix the ref, or diff against another --base.`,
      );
  }
  return {
    doc,
    async locator() {
      await loadYaml();
      return (place) => {
        const hash = place.indexOf("#");
        const f = place.slice(0, hash);
        const source = sources.get(f)?.();
        const node = source ? nodeAt(source, place.slice(hash + 1)) : undefined;
        if (!source || !node?.range) return null;
        return { file: name(f), line: source.lines.linePos(node.range[0]).line };
      };
    },
  };
}

function checkOpenApi(data: Json, name: string, label: string): void {
  if (!isNode(data))
    throw new BaseError(
      `The ${label} spec (${name}) is not an OpenAPI document: its root is not a mapping.`,
    );
  if (data.swagger !== undefined) {
    throw new BaseError(
      `The ${label} spec (${name}) is Swagger ${show(data.swagger)}: spec:diff reads OpenAPI 3.x only; convert it first (e.g. npx swagger2openapi).`,
    );
  }
  if (typeof data.openapi !== "string" || !/^3\.\d+(\.\d+)?$/.test(data.openapi)) {
    throw new BaseError(
      `The ${label} spec (${name}) is not OpenAPI 3.x: its openapi field is ${data.openapi === undefined ? "missing" : show(data.openapi)}.`,
    );
  }
  if (!isNode(data.paths))
    throw new BaseError(`The ${label} spec (${name}) is not an OpenAPI document: it has no paths.`);
}

const show = (value: Json | undefined) => JSON.stringify(value);
