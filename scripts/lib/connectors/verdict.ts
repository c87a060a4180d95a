/**
 * What a JSON Schema validator says of a configuration: ajv (with the formats
 * of ajv-formats) on the connector's create schema, with the discriminator
 * (`sourceType`/`destinationType`) added as the helpers add it. This labels
 * the real configurations the types are measured against.
 */
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { ConnectorSchemas } from "./read-provider.js";

export interface Verdict {
  valid: boolean;
  /** ajv's messages, e.g. `/start_date must match pattern "^[0-9]{4}-..."`. */
  errors: string[];
}

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateFormats: true }));

export function schemaVerdict(connector: ConnectorSchemas, configuration: Record<string, unknown>): Verdict {
  const key = connector.kind === "source" ? "sourceType" : "destinationType";
  const validate = ajv.compile(connector.create);
  const valid = validate({ ...configuration, [key]: connector.name });
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`);
  return { valid: valid === true, errors: [...new Set(errors)].slice(0, 5) };
}
