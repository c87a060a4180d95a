/**
 * The part of JSON Schema that Airbyte's connector specifications use, as the
 * connector generator reads it. Everything else is carried as unknown keys and
 * either ignored (UI hints such as `order`, `group`) or reported as a
 * construct the generator cannot express (see UNSUPPORTED in render-type.ts).
 */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  example?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  airbyte_secret?: boolean;
  /** Set by oauth.ts on the fields Airbyte fills from an OAuth secret; never in the input. */
  "x-filled-by-oauth"?: boolean;
  [key: string]: unknown;
}

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
