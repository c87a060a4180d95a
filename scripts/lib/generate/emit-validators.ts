/**
 * generated/validators.ts: one compiled validator per response body the spec
 * declares, keyed `<operationId> <status>` (plus `Problem`, for an error
 * status an operation does not list), as Ajv standalone code. The module
 * imports nothing: formats are not checked (they would pull ajv-formats in at
 * run time) (a
 * build fails if Ajv's code would import anything), so
 * `airbyte-api-client/validate` needs no dependency and compiles no schema
 * when a client starts. Open enums (`x-open-enum`) accept any value, like the
 * generated types; the same rewriting as the spec validator's (forAjv).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import { forAjv, pointRefsAtSpec, specId } from "../spec/validator.js";
import type { BundledSpec } from "./model.js";

// ajv's standalone entry is CommonJS; under ESM its function may sit one level down.
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof import("ajv/dist/standalone/index.js").default;

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
const ANNOTATIONS = ["discriminator", "example", "externalDocs", "xml", "x-known-values", "components"];

type Json = Record<string, unknown>;

/** Words for people, which Ajv would copy into the code as they are: left out (names under `properties` kept). */
const PROSE = new Set(["description", "title", "examples", "example", "x-known-values", "discriminator", "externalDocs", "deprecated"]);
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "schemas", "responses", "parameters", "components"]);

function withoutProse(node: unknown, names = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutProse(item));
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (names) out[key] = withoutProse(value);
    else if (key === "enum" || key === "const" || key === "default") out[key] = value;
    else if (!PROSE.has(key)) out[key] = withoutProse(value, NAME_MAPS.has(key));
  }
  return out;
}

function deref(bundled: Json, node: unknown): Json | undefined {
  let value = node as Json | undefined;
  for (let depth = 0; typeof value?.$ref === "string" && depth < 32; depth++) {
    value = (value.$ref as string)
      .slice(2)
      .split("/")
      .reduce<unknown>((n, key) => (n as Json | undefined)?.[key], bundled) as Json | undefined;
  }
  return value;
}

/** `<operationId> <status>` -> the JSON schema of that response body, in path order. */
export function responseSchemas(bundled: BundledSpec): Map<string, unknown> {
  const doc = bundled as unknown as Json;
  const out = new Map<string, unknown>();
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op || typeof op.operationId !== "string") continue;
      for (const [status, response] of Object.entries((op.responses ?? {}) as Json)) {
        const content = (deref(doc, response)?.content ?? {}) as Record<string, { schema?: unknown }>;
        const schema = (content["application/json"] ?? content["application/problem+json"])?.schema;
        if (schema !== undefined) out.set(`${op.operationId} ${status}`, schema);
      }
    }
  }
  return out;
}

export function emitValidators(bundled: BundledSpec): string {
  const ajv = new Ajv2020({
    allErrors: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    validateFormats: false,
    // One function per component, called from every response that uses it, instead of a copy in each.
    inlineRefs: false,
    code: { source: true, esm: true, lines: false, optimize: true },
  });
  for (const keyword of ANNOTATIONS) ajv.addKeyword({ keyword });
  ajv.addSchema({ $id: specId, components: withoutProse(forAjv((bundled as unknown as Json).components ?? {})) });
  const exports: Record<string, string> = {};
  const schemas = responseSchemas(bundled);
  // The fallback for an error status no operation declares; a spec without a Problem schema has none.
  const components = (bundled as unknown as Json).components as Json | undefined;
  if (Object.hasOwn((components?.schemas ?? {}) as Json, "Problem")) schemas.set("Problem", { $ref: "#/components/schemas/Problem" });
  // Responses with the same schema (every shared error response) share one validator.
  const byText = new Map<string, string>();
  const rows: string[] = [];
  for (const [key, schema] of schemas) {
    const text = JSON.stringify(schema);
    let name = byText.get(text);
    if (!name) {
      name = `v${byText.size}`;
      byText.set(text, name);
      const id = `https://airbyte-api-client.invalid/response/${name}`;
      ajv.addSchema({ ...(pointRefsAtSpec(withoutProse(forAjv(schema))) as Json), $id: id });
      exports[name] = id;
    }
    rows.push(`  ${JSON.stringify(key)}: ${name},`);
  }
  const code = standaloneCode(ajv, exports);
  if (/\brequire\(|^import /m.test(code)) throw new Error("emit-validators: the standalone code imports a module at run time; turn off the Ajv option that needs it.");
  const table = rows.join("\n");
  // Only the table is exported, with a declared type: its declaration file stays a few lines, without Ajv's \`any\`s.
  const body = code.replace(/export const (v\d+) = /g, "const $1 = ");
  return `// @ts-nocheck -- Ajv standalone code, checked by its generator, not by tsc.
${body}

/** A compiled validator: \`errors\` holds Ajv's findings after a \`false\`. */
export type CompiledValidator = ((data: unknown) => boolean) & {
  errors?: Array<{ instancePath: string; schemaPath: string; keyword: string; message?: string }> | null;
};

/** Each compiled validator by \`<operationId> <status>\`; \`Problem\` for an undeclared error status. */
export const responseValidators: Readonly<Record<string, CompiledValidator | undefined>> = {
${table}
};
`;
}
