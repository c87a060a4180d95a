/**
 * Validates JSON values against schemas of our spec with Ajv (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). Shared by the example test and the
 * real-traffic / contract checks, so they all judge a value the same way.
 *
 * Semantics beyond plain JSON Schema:
 * - `x-open-enum: true` makes an enum advisory: any value of the declared
 *   type is valid, as the generated client types accept it.
 * - OpenAPI-only keywords (`discriminator`, `example`, `x-*`...) are ignored.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { bundleSpec } from "./redocly.js";
import { defaultSpec } from "./paths.js";

export interface ValidationIssue {
  /** JSON pointer (RFC 6901) of the bad value inside the validated value; "" is the value itself. */
  pointer: string;
  message: string;
}

export interface SpecValidator {
  /** The bundled spec (one document, internal `#/components/...` refs). */
  bundled: Record<string, unknown>;
  /** Issues of `value` against `schema`; `schema` may hold `#/components/...` refs. Empty when valid. */
  validate(schema: unknown, value: unknown): ValidationIssue[];
}

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const SPEC_ID = "urn:airbyte-api-client:spec";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A deep copy where open enums no longer restrict values. */
function openEnums(node: Json): Json {
  if (Array.isArray(node)) return node.map(openEnums);
  if (node === null || typeof node !== "object") return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "enum" && node["x-open-enum"] === true) continue;
    out[key] = openEnums(value);
  }
  return out;
}

/** `#/components/...` refs of a caller's schema point into the spec document. */
function anchorRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (node === null || typeof node !== "object") return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === "$ref" && typeof value === "string" && value.startsWith("#/") ? `${SPEC_ID}${value}` : anchorRefs(value);
  }
  return out;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  const child = (name: unknown) => `${error.instancePath}/${String(name).replace(/~/g, "~0").replace(/\//g, "~1")}`;
  if (error.keyword === "required") return { pointer: child(params.missingProperty), message: "is required but missing" };
  if (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") {
    const name = params.additionalProperty ?? params.unevaluatedProperty;
    return { pointer: child(name), message: "is not a property the schema allows" };
  }
  if (error.keyword === "enum") return { pointer: error.instancePath, message: `must be one of ${JSON.stringify(params.allowedValues)}` };
  return { pointer: error.instancePath, message: error.message ?? error.keyword };
}

export function createSpecValidator(bundled: Record<string, unknown>): SpecValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // `format: set` (StreamConfigurations) is the provider's note that items are unique; not a string format.
  ajv.addFormat("set", true);
  // Only the components are a schema document; paths and info are not JSON Schema.
  ajv.addSchema({ $id: SPEC_ID, components: openEnums((bundled.components ?? {}) as Json) } as object);
  const cache = new Map<string, ValidateFunction>();
  return {
    bundled,
    validate(schema, value) {
      const key = JSON.stringify(schema);
      let check = cache.get(key);
      if (!check) {
        check = ajv.compile(anchorRefs(openEnums(schema as Json)) as object);
        cache.set(key, check);
      }
      if (check(value)) return [];
      const seen = new Set<string>();
      return (check.errors ?? []).map(toIssue).filter((issue) => {
        const id = `${issue.pointer} ${issue.message}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    },
  };
}

export async function loadSpecValidator(specPath: string = defaultSpec): Promise<SpecValidator> {
  return createSpecValidator((await bundleSpec(specPath)) as Record<string, unknown>);
}
