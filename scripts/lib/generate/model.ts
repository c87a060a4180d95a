/**
 * Reads the bundled spec into the flat model the emitters need: one entry per
 * operation with its group, HTTP call, arguments and success type. Everything
 * the client needs to call an operation comes from here, so an operation added
 * to the spec is callable after `npm run generate` with no hand edit in src/.
 */
import { byCodePoint } from "../shared/order.mjs";
import { SpecError } from "../spec/error.js";
import { HTTP_METHODS } from "../shared/openapi.mjs";
export { HTTP_METHODS };

type LowerMethod = (typeof HTTP_METHODS)[number];

interface Ref {
  $ref: string;
}
type Maybe<T> = T | Ref;
interface Schema {
  $ref?: string;
  description?: string;
  [key: string]: unknown;
}
interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface MediaType {
  schema?: Schema;
}
interface RequestBody {
  required?: boolean;
  content?: Record<string, MediaType>;
}
interface Response {
  content?: Record<string, MediaType>;
}
interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  deprecated?: boolean;
  security?: unknown[];
  parameters?: Maybe<Parameter>[];
  requestBody?: Maybe<RequestBody>;
  responses?: Record<string, Maybe<Response>>;
}
type PathItem = { parameters?: Maybe<Parameter>[] } & Partial<Record<LowerMethod, Operation>>;
export interface BundledSpec {
  info?: { title?: string; version?: string };
  paths?: Record<string, PathItem>;
  components?: { schemas?: Record<string, Schema> };
  [key: string]: unknown;
}

export type SuccessKind = "json" | "text" | "none";

export interface OperationModel {
  operationId: string;
  /** camelCase of the operation's tag: the client's method group. */
  group: string;
  method: Uppercase<LowerMethod>;
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** False for operations with `security: []` (no credentials are sent). */
  authenticated: boolean;
  pathParams: Array<{ name: string; type: string; display: string; description?: string }>;
  queryParams: Array<{ name: string; required: boolean; display: string }>;
  /** TypeScript type of the query object, when the operation has query parameters. */
  queryType?: string;
  /** `display`: the type as REFERENCE.md shows it (a schema's name, or a short form of an inline schema). */
  body?: { mediaType: string; required: boolean; type: string; display: string };
  success: { status: number; kind: SuccessKind; type: string; display: string };
  /**
   * Set for list operations that page with `limit`/`offset` and answer
   * `{ data: [...], next, previous }`: the type of one item of `data`.
   */
  pageItemType?: string;
}

export interface SchemaModel {
  name: string;
  description?: string;
  /**
   * A plain object schema (no composition, not nullable): emitted as an
   * interface so editors show its name instead of expanding it.
   */
  isObject: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Names the client object uses itself; a group may not take them. */
/** Group names the client cannot have (scripts/lint/rules/generated-identifiers.js refuses the same tags). */
const RESERVED_GROUPS = new Set(["constructor", "prototype", "__proto__", "then"]);

function resolve<T>(spec: BundledSpec, node: Maybe<T> | undefined): T | undefined {
  if (!node || typeof node !== "object" || !("$ref" in node)) return node as T | undefined;
  const ref = (node as Ref).$ref;
  if (!ref.startsWith("#/")) return undefined;
  let cur: unknown = spec;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return resolve(spec, cur as Maybe<T> | undefined);
}

/** `#/components/schemas/Name` -> `Name`; anything else -> undefined. */
export function schemaRefName(schema: Schema | undefined): string | undefined {
  const m = schema?.$ref?.match(/^#\/components\/schemas\/([^/]+)$/);
  return m?.[1];
}

export function groupOfTag(tag: string): string {
  return tag.charAt(0).toLowerCase() + tag.slice(1);
}

function pickJson(content: Record<string, MediaType> | undefined): [string, MediaType] | undefined {
  const entries = Object.entries(content ?? {});
  return (
    entries.find(([type]) => type === "application/json") ??
    entries.find(([type]) => /[/+]json$/.test(type.split(";")[0] ?? ""))
  );
}

export function readOperations(spec: BundledSpec): OperationModel[] {
  const problems: string[] = [];
  const ops: OperationModel[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const lower of HTTP_METHODS) {
      const op = item[lower];
      if (!op) continue;
      const method = lower.toUpperCase() as Uppercase<LowerMethod>;
      const where = `${method} ${path}`;
      const id = op.operationId;
      if (!id || !IDENTIFIER.test(id)) {
        problems.push(`${where}: operationId \`${id ?? ""}\` must be a JavaScript identifier; it becomes the method name.`);
        continue;
      }
      const tag = op.tags?.[0];
      if (!tag || op.tags?.length !== 1 || !IDENTIFIER.test(tag)) {
        problems.push(`${id} (${where}): needs exactly one tag, a PascalCase word naming its group.`);
        continue;
      }
      const group = groupOfTag(tag);
      if (RESERVED_GROUPS.has(group)) {
        problems.push(`${id} (${where}): the group \`${group}\` is reserved by the client; choose another tag.`);
        continue;
      }
      const opRef = `operations[${JSON.stringify(id)}]`;

      // Operation-level parameters override path-level ones of the same name and place.
      const params = new Map<string, Parameter>();
      for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = resolve<Parameter>(spec, raw);
        if (p) params.set(`${p.in}:${p.name}`, p);
      }
      const all = [...params.values()];
      for (const p of all.filter((p) => p.in === "header" || p.in === "cookie")) {
        problems.push(`${id} (${where}): ${p.in} parameter \`${p.name}\` is not supported by the client generator; send it through per-call \`headers\`.`);
      }
      const inPathOrder = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
      const pathParams = inPathOrder.map((name) => {
        const p = params.get(`path:${name}`);
        if (!p) problems.push(`${id} (${where}): path parameter \`{${name}}\` is not declared.`);
        if (!IDENTIFIER.test(name)) problems.push(`${id} (${where}): path parameter \`${name}\` must be a JavaScript identifier.`);
        const ref = schemaRefName(p?.schema);
        return {
          name,
          type: ref ?? `${opRef}["parameters"]["path"][${JSON.stringify(name)}]`,
          display: displayType(spec, p?.schema),
          description: p?.description,
        };
      });
      const queryParams = all
        .filter((p) => p.in === "query")
        .map((p) => ({ name: p.name, required: p.required === true, display: displayType(spec, p.schema) }));

      let body: OperationModel["body"];
      const requestBody = resolve<RequestBody>(spec, op.requestBody);
      if (requestBody) {
        const picked = pickJson(requestBody.content);
        if (!picked) {
          problems.push(`${id} (${where}): the request body needs an application/json media type; the client sends JSON.`);
        } else {
          const [mediaType, media] = picked;
          const required = requestBody.required === true;
          const content = `${required ? `${opRef}["requestBody"]` : `NonNullable<${opRef}["requestBody"]>`}["content"][${JSON.stringify(mediaType)}]`;
          body = { mediaType, required, type: schemaRefName(media.schema) ?? content, display: displayType(spec, media.schema) };
        }
      }

      // A redirect endpoint (only a 3xx) succeeds with whatever fetch lands on after following it.
      const codes = Object.keys(op.responses ?? {}).sort();
      const successStatus = codes.find((s) => /^2\d\d$/.test(s)) ?? codes.find((s) => /^3\d\d$/.test(s));
      if (!successStatus) {
        problems.push(`${id} (${where}): declares no 2xx (or 3xx) response, so the client cannot type its result.`);
        continue;
      }
      const response = resolve<Response>(spec, op.responses?.[successStatus]);
      const json = pickJson(response?.content);
      const anyContent = Object.keys(response?.content ?? {})[0];
      const success: OperationModel["success"] = successStatus.startsWith("3")
        ? { status: Number(successStatus), kind: "none", type: "void", display: "void" }
        : json
        ? {
            status: Number(successStatus),
            kind: "json",
            type:
              schemaRefName(json[1].schema) ??
              `${opRef}["responses"][${successStatus}]["content"][${JSON.stringify(json[0])}]`,
            display: displayType(spec, json[1].schema),
          }
        : anyContent
          ? { status: Number(successStatus), kind: "text", type: "string", display: "string" }
          : { status: Number(successStatus), kind: "none", type: "void", display: "void" };

      const pageItems =
        method === "GET" &&
        success.kind === "json" &&
        queryParams.some((q) => q.name === "limit") &&
        queryParams.some((q) => q.name === "offset")
          ? pageItemsSchema(spec, json?.[1].schema)
          : undefined;

      ops.push({
        operationId: id,
        group,
        method,
        path,
        summary: op.summary,
        description: op.description,
        deprecated: op.deprecated === true,
        authenticated: !(Array.isArray(op.security) && op.security.length === 0),
        pathParams,
        queryParams,
        queryType: queryParams.length ? `NonNullable<${opRef}["parameters"]["query"]>` : undefined,
        body,
        success,
        pageItemType: pageItems ? (schemaRefName(pageItems) ?? `${success.type}["data"][number]`) : undefined,
      });
    }
  }
  if (problems.length) {
    throw new SpecError(
      "generate",
      problems.map((message) => ({ file: "spec (bundled)", severity: "error", rule: "client-generator", message })),
    );
  }
  return ops.sort((a, b) => byCodePoint(a.group, b.group) || byCodePoint(a.operationId, b.operationId));
}

/** A short type for people (the reference table): a schema name, or the JSON type. */
export function displayType(spec: BundledSpec, schema: Schema | undefined): string {
  const ref = schemaRefName(schema);
  if (ref) return ref;
  const resolved = resolve<Schema>(spec, schema as Maybe<Schema> | undefined);
  if (!resolved) return "unknown";
  if (Array.isArray(resolved.enum)) return resolved.enum.map((v) => JSON.stringify(v)).join(" | ");
  const type = Array.isArray(resolved.type) ? resolved.type.filter((t) => t !== "null")[0] : resolved.type;
  if (type === "array") return `${displayType(spec, resolved.items as Schema | undefined)}[]`;
  if (type === "integer" || type === "number") return "number";
  if (type === "object") return "object";
  return typeof type === "string" ? type : "unknown";
}

/**
 * For `{ data: array, next?: string, ... }`, the shape of a page of a list
 * operation, the schema of one item of `data`; undefined for other shapes.
 */
function pageItemsSchema(spec: BundledSpec, schema: Schema | undefined): Schema | undefined {
  const resolved = resolve<Schema>(spec, schema as Maybe<Schema> | undefined);
  const properties = (resolved?.properties ?? {}) as Record<string, Maybe<Schema>>;
  const data = resolve<Schema>(spec, properties.data);
  if (data?.type !== "array" || !("next" in properties)) return undefined;
  return (data.items as Schema | undefined) ?? {};
}

export function readSchemas(spec: BundledSpec): SchemaModel[] {
  const names = Object.keys(spec.components?.schemas ?? {}).sort();
  const bad = names.filter((n) => !IDENTIFIER.test(n));
  if (bad.length) {
    throw new SpecError(
      "generate",
      bad.map((n) => ({
        file: "spec (bundled)",
        severity: "error",
        rule: "client-generator",
        message: `schema name \`${n}\` must be a JavaScript identifier; it is exported as a type of that name.`,
      })),
    );
  }
  return names.map((name) => {
    const schema = spec.components?.schemas?.[name] ?? {};
    const composed = ["oneOf", "anyOf", "allOf", "$ref", "enum", "const"].some((k) => k in schema);
    return {
      name,
      description: schema.description,
      isObject: !composed && schema.type === "object" && (schema["x-open-enum"] === undefined),
    };
  });
}
