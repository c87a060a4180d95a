/**
 * Reads Airbyte's published SDK spec (api_sdk.yaml) and picks out the
 * connector configuration schemas: `source-<name>` / `destination-<name>` for
 * create, `<same>-update` for put and patch, and the per-connector OAuth
 * schemas listed by `OAuthCredentialsConfiguration`.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { loadYaml } from "../shared/yaml.js";
import { isSchema, type JsonSchema } from "./json-schema.js";

export type ConnectorKind = "source" | "destination";

export interface ConnectorSchemas {
  kind: ConnectorKind;
  /** The name `sourceType`/`destinationType` takes, e.g. `github`. */
  name: string;
  create: JsonSchema;
  update?: JsonSchema;
}

export interface Provider {
  /** The input file's name, as recorded in the generated README. */
  fileName: string;
  sha256: string;
  connectors: ConnectorSchemas[];
  /** OAuth actor name -> the schema of the fields Airbyte's OAuth app supplies (`github` -> credentials.client_id, ...). */
  oauth: Map<string, JsonSchema>;
}

/** Bad input: the message says what is wrong and what to pass instead. */
export class ConnectorInputError extends Error {
  override readonly name = "ConnectorInputError";
}

const HINT = "Pass Airbyte's SDK spec, api_sdk.yaml (airbytehq/airbyte-platform, airbyte-api/server-api/src/main/openapi/).";

export async function readProvider(file: string): Promise<Provider> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new ConnectorInputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. ${HINT}`);
  }
  let doc: unknown;
  try {
    // The one YAML loader of the toolchain: size, alias, depth and __proto__ limits, no fallback.
    doc = loadYaml(bytes.toString("utf8"), file);
  } catch (error) {
    throw new ConnectorInputError(`${basename(file)} is neither YAML nor JSON: ${(error as Error).message.split("\n")[0]}. ${HINT}`);
  }
  return readProviderDocument(doc, basename(file), createHash("sha256").update(bytes).digest("hex"));
}

export function readProviderDocument(doc: unknown, fileName: string, sha256: string): Provider {
  if (isSchema(doc) && (Array.isArray(doc.sources) || Array.isArray(doc.destinations))) {
    throw new ConnectorInputError(
      `${fileName} looks like a connector registry file (sources/destinations arrays); this generator reads the OpenAPI SDK spec instead, ` +
        `whose schemas carry the sourceType/destinationType names the public API takes. ${HINT}`,
    );
  }
  const components = isSchema(doc) && isSchema(doc.components) ? doc.components : undefined;
  const schemas = components && isSchema(components.schemas) ? components.schemas : {};
  const byKey = new Map<string, JsonSchema>();
  for (const [key, value] of Object.entries(schemas)) {
    if (/^(source|destination)-./.test(key) && isSchema(value)) byKey.set(key, value);
  }
  if (byKey.size === 0) {
    throw new ConnectorInputError(
      `${fileName} has no connector configuration schemas (no components.schemas named source-<name> or destination-<name>). ${HINT}`,
    );
  }
  const connectors: ConnectorSchemas[] = [];
  for (const [key, create] of byKey) {
    const stem = key.endsWith("-update") ? key.slice(0, -"-update".length) : undefined;
    if (stem && byKey.has(stem)) continue; // the update variant of `stem`
    const kind: ConnectorKind = key.startsWith("source-") ? "source" : "destination";
    const name = key.slice(kind.length + 1);
    connectors.push({ kind, name, create, update: byKey.get(`${key}-update`) });
  }
  connectors.sort((a, b) => (a.kind === b.kind ? compare(a.name, b.name) : a.kind === "source" ? -1 : 1));
  return { fileName, sha256, connectors, oauth: readOAuthSchemas(schemas) };
}

function readOAuthSchemas(schemas: Record<string, unknown>): Map<string, JsonSchema> {
  const list = schemas.OAuthCredentialsConfiguration;
  const oauth = new Map<string, JsonSchema>();
  if (!isSchema(list) || !Array.isArray(list.oneOf)) return oauth;
  for (const choice of list.oneOf) {
    const ref = isSchema(choice) && typeof choice.$ref === "string" ? choice.$ref : "";
    const name = ref.replace("#/components/schemas/", "");
    const schema = schemas[name];
    if (name && isSchema(schema)) oauth.set(name, schema);
  }
  return new Map([...oauth].sort(([a], [b]) => compare(a, b)));
}

/** Code-point order, independent of the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
