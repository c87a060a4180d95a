/**
 * Synthetic specs for the generation benchmark: the repository's spec times
 * `scale`. Copy i > 1 of every path, operation, tag and schema gets a `V<i>`
 * suffix (paths a `/v<i>` prefix), and its schema refs point to its own
 * copies; shared responses and parameters stay shared. Every copy lints as
 * cleanly as the original, so all tools do their full work on it.
 *
 *   tsx bench/make-spec.ts <scale> <out-dir>   writes <out-dir>/openapi.yaml (JSON, which is YAML)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { defaultSpec } from "../scripts/lib/shared/paths.js";
import { bundleSpec } from "../scripts/lib/spec/redocly.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Spec = { [key: string]: Json } & {
  paths: Record<string, Record<string, Json>>;
  tags?: Array<{ name: string; [key: string]: Json }>;
  components: { schemas: Record<string, Json>; [key: string]: Json };
};

const SCHEMA_REF = "#/components/schemas/";

/** A deep copy of `node` with schema refs, operationIds and tags renamed for copy `suffix`. */
function renamed(node: Json, suffix: string, schemas: ReadonlySet<string>): Json {
  if (Array.isArray(node)) return node.map((n) => renamed(n, suffix, schemas));
  if (node === null || typeof node !== "object") return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF) && schemas.has(value.slice(SCHEMA_REF.length))) {
      out[key] = `${value}${suffix}`;
    } else if (key === "operationId" && typeof value === "string") {
      out[key] = `${value}${suffix}`;
    } else if (key === "tags" && Array.isArray(value) && value.every((t) => typeof t === "string")) {
      out[key] = value.map((t) => `${String(t)}${suffix}`);
    } else if (key === "mapping" && value && typeof value === "object" && !Array.isArray(value)) {
      // discriminator mappings name schemas by ref too
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === "string" && v.startsWith(SCHEMA_REF) ? `${v}${suffix}` : v]));
    } else {
      out[key] = renamed(value, suffix, schemas);
    }
  }
  return out;
}

/** Names of the schemas `node` refers to. */
function refsIn(node: Json): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF) ? [value.slice(SCHEMA_REF.length)] : refsIn(value),
  );
}

/** The repository's spec, bundled, times `scale` (an integer >= 1). */
export async function makeSpec(scale: number, spec = defaultSpec): Promise<Spec> {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be an integer >= 1, got ${scale}`);
  const base = (await bundleSpec(spec)) as Spec;
  const names = new Set(Object.keys(base.components.schemas));
  const out: Spec = { ...base, paths: { ...base.paths }, tags: [...(base.tags ?? [])], components: { ...base.components, schemas: { ...base.components.schemas } } };
  for (let i = 2; i <= scale; i++) {
    const suffix = `V${i}`;
    const paths = Object.entries(base.paths).map(([path, item]) => [`/v${i}${path === "/" ? "" : path}`, renamed(item, suffix, names)] as const);
    const schemas = new Map(Object.entries(base.components.schemas).map(([name, schema]) => [`${name}${suffix}`, renamed(schema, suffix, names)]));
    for (const [path, item] of paths) out.paths[path] = item as Record<string, Json>;
    for (const tag of base.tags ?? []) out.tags?.push({ ...tag, name: `${tag.name}${suffix}` });
    // Only the copies this copy's paths reach: a schema used only by shared responses (Problem) would be unused.
    const reached = new Set<string>();
    const pending = paths.flatMap(([, item]) => refsIn(item));
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (reached.has(name) || !schemas.has(name)) continue;
      reached.add(name);
      pending.push(...refsIn(schemas.get(name) ?? null));
    }
    for (const name of reached) out.components.schemas[name] = schemas.get(name) ?? null;
  }
  return out;
}

/** Writes the spec of `scale` into `dir` and returns its root file. */
export async function writeSpec(scale: number, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "openapi.yaml");
  await writeFile(file, `${JSON.stringify(await makeSpec(scale), null, 1)}\n`);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [scale, dir] = process.argv.slice(2);
  if (!scale || !dir) {
    console.error("Usage: tsx bench/make-spec.ts <scale> <out-dir>");
    process.exit(2);
  }
  console.log(await writeSpec(Number(scale), resolve(dir)));
}
