/**
 * Validates JSON values against schemas of our spec with Ajv (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). Used by the real-traffic fixtures, the
 * example check and `npm run contract`, so all three judge a body the same way.
 *
 * Two OpenAPI habits need care:
 * - `x-open-enum: true` marks an enum the server may extend. A value outside
 *   its list is valid (the client accepts it too), so the list is kept only
 *   as an annotation (`x-known-values`) that `openEnumNotes` reads.
 * - `discriminator`, `example` and vendor keywords are annotations here: the
 *   `oneOf` beside a discriminator already says what is valid.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { bundleSpec } from "./redocly.js";
import { defaultSpec } from "../shared/paths.js";

/** One reason a value does not match its schema. */
export interface ValidationIssue {
  /** JSON pointer (RFC 6901) of the bad value inside the validated value; "" is the value itself. */
  pointer: string;
  message: string;
  /**
   * What kind of difference it is, for reports that group them
   * (`npm run contract`). Absent for kinds no report groups.
   */
  kind?: IssueKind;
}

export type IssueKind = "unexpected-null" | "missing-required" | "unknown-enum-value" | "wrong-type" | "other";

export interface SpecValidator {
  /** The spec as one document with internal `#/components/...` refs. */
  bundled: Record<string, unknown>;
  /** Checks a value; `schema` may contain `#/components/...` refs into the spec. No issues: valid. */
  validate(schema: unknown, value: unknown): ValidationIssue[];
}

/** A value of an open enum that the spec does not list: valid, but worth a note. */
export interface OpenEnumNote {
  pointer: string;
  value: string;
  known: readonly string[];
}

// ajv-formats is CommonJS; under ESM its default export may sit one level down.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

export const specId = "https://airbyte-api-client.invalid/openapi.json";
const annotationKeywords = ["discriminator", "example", "externalDocs", "xml", "x-known-values", "components"];

/** Loads and bundles the spec (default spec/openapi.yaml) and returns a validator for it. */
export async function loadSpecValidator(specPath: string = defaultSpec): Promise<SpecValidator> {
  const bundled = (await bundleSpec(specPath)) as Record<string, unknown>;
  return createSpecValidator(bundled);
}

/** A validator over an already bundled spec (tests use small in-memory specs). */
export function createSpecValidator(bundled: Record<string, unknown>): SpecValidator {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    // OpenAPI writes nullable fields as `type: [string, "null"]` and leaves
    // `required` names undeclared in some allOf parts: neither is a mistake.
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    validateFormats: true,
  });
  addFormats(ajv);
  // OpenAPI's numeric formats: check the range a Java server can hold.
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("float", { type: "number", validate: () => true });
  ajv.addFormat("double", { type: "number", validate: () => true });
  // The upstream spec's `format: set` (a list without duplicates) is advice, not a rule the server enforces.
  ajv.addFormat("set", true);
  for (const keyword of annotationKeywords) ajv.addKeyword({ keyword });
  ajv.addSchema({ $id: specId, components: forAjv(bundled.components ?? {}) });

  const compiled = new Map<string, ValidateFunction>();
  const compile = (schema: unknown): ValidateFunction => {
    const key = JSON.stringify(schema);
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile(pointRefsAtSpec(forAjv(schema)) as object);
      compiled.set(key, fn);
    }
    return fn;
  };

  return {
    bundled,
    validate(schema, value) {
      const fn = compile(schema ?? {});
      return fn(value) ? [] : toIssues(fn.errors ?? []);
    },
  };
}

/** Keywords whose value maps names to schemas: their keys are never keywords. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas"]);
/** Keywords whose value is data, not schema: copied as they are. */
const DATA = new Set(["enum", "const", "default", "examples", "example", "x-known-values"]);

/**
 * Moves the list of every `x-open-enum` into an annotation, so unknown values
 * pass, and drops the other `x-` extensions (annotations, which Ajv's strict
 * mode would reject as unknown keywords). Names under `properties` and data
 * under `const`, `enum`, `default` or `examples` are left as they are.
 */
export function forAjv(node: unknown, names = false): unknown {
  if (Array.isArray(node)) return node.map((item) => forAjv(item));
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  const record = node as Record<string, unknown>;
  const open = !names && record["x-open-enum"] === true && Array.isArray(record.enum);
  for (const [key, value] of Object.entries(record)) {
    if (names) out[key] = forAjv(value);
    else if (open && key === "enum") out["x-known-values"] = value;
    else if (DATA.has(key)) out[key] = value;
    else if (!key.startsWith("x-")) out[key] = forAjv(value, NAME_MAPS.has(key));
  }
  return out;
}

/** `#/components/...` in a caller's schema means the spec's components. */
export function pointRefsAtSpec(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pointRefsAtSpec);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? specId + value : pointRefsAtSpec(value);
  }
  return out;
}

/**
 * Ajv reports every failing branch of a `oneOf`/`anyOf`; a reader wants the
 * branch that came closest, so only the errors of the branch with the fewest
 * are kept (plus errors outside any union).
 */
function closestBranchErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  let kept = [...errors];
  for (const union of unions) {
    const prefix = `${union.schemaPath}/`;
    const inside = kept.filter((e) => e.schemaPath.startsWith(prefix));
    if (inside.length === 0) continue;
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inside) {
      const branch = e.schemaPath.slice(prefix.length).split("/")[0] ?? "";
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const best = [...byBranch.values()].sort((a, b) => a.length - b.length)[0] ?? [];
    kept = kept.filter((e) => e === union || !inside.includes(e) || best.includes(e));
    // With a closest branch to show, the bare "must match a schema in oneOf" adds nothing.
    if (best.length > 0) kept = kept.filter((e) => e !== union);
  }
  return kept;
}

function toIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of closestBranchErrors(errors)) {
    const issue = toIssue(error);
    const key = `${issue.pointer} ${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  // Ajv joins the types of a union with commas ("string,null").
  const wanted = String(params.type).split(",").join(" or ");
  if (error.keyword === "required") {
    const name = String(params.missingProperty);
    return { pointer: `${error.instancePath}/${escapePointer(name)}`, message: `required property "${name}" is missing`, kind: "missing-required" };
  }
  if (error.keyword === "type" && error.data === null) {
    return { pointer: error.instancePath, message: `is null, but the spec says ${wanted}`, kind: "unexpected-null" };
  }
  if (error.keyword === "type") {
    return { pointer: error.instancePath, message: `is ${jsonType(error.data)}, but the spec says ${wanted}`, kind: "wrong-type" };
  }
  if (error.keyword === "enum") {
    const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
    return {
      pointer: error.instancePath,
      message: `${JSON.stringify(error.data)} is not one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`,
      kind: "unknown-enum-value",
    };
  }
  if (error.keyword === "additionalProperties") {
    const name = String(params.additionalProperty);
    return { pointer: `${error.instancePath}/${escapePointer(name)}`, message: `property "${name}" is not allowed here`, kind: "other" };
  }
  return { pointer: error.instancePath, message: error.message ?? error.keyword, kind: "other" };
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function escapePointer(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Values of open enums (`x-open-enum`) that the spec does not list: valid,
 * but a sign the spec is behind the server. Walks `value` along `schema`,
 * following refs into the spec, `items`, `properties`, `allOf` and the
 * branches of `oneOf`/`anyOf` that the value matches.
 */
export function openEnumNotes(validator: SpecValidator, schema: unknown, value: unknown, pointer = ""): OpenEnumNote[] {
  const node = resolveRef(validator.bundled, schema);
  if (!node) return [];
  const notes: OpenEnumNote[] = [];
  if (node["x-open-enum"] === true && Array.isArray(node.enum) && typeof value === "string" && !node.enum.includes(value)) {
    notes.push({ pointer, value, known: node.enum.map(String) });
  }
  for (const part of (node.allOf as unknown[] | undefined) ?? []) notes.push(...openEnumNotes(validator, part, value, pointer));
  for (const part of [...((node.oneOf as unknown[] | undefined) ?? []), ...((node.anyOf as unknown[] | undefined) ?? [])]) {
    if (validator.validate(part, value).length === 0) notes.push(...openEnumNotes(validator, part, value, pointer));
  }
  if (Array.isArray(value) && node.items) {
    value.forEach((item, i) => notes.push(...openEnumNotes(validator, node.items, item, `${pointer}/${i}`)));
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (properties[key]) notes.push(...openEnumNotes(validator, properties[key], child, `${pointer}/${escapePointer(key)}`));
    }
  }
  return notes;
}

function resolveRef(bundled: Record<string, unknown>, schema: unknown, depth = 0): Record<string, unknown> | undefined {
  if (!schema || typeof schema !== "object" || depth > 32) return undefined;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return schema as Record<string, unknown>;
  let target: unknown = bundled;
  for (const token of ref.slice(2).split("/")) {
    const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
    target = target && typeof target === "object" ? (target as Record<string, unknown>)[key] : undefined;
  }
  return resolveRef(bundled, target, depth + 1);
}
