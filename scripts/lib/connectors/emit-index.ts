/**
 * The entry point of generated/connectors/: index.d.ts (the name maps, the
 * configuration types, the helpers' declarations), index.js (the helpers and
 * the data's provenance, a few hundred bytes), the two type-only support files
 * copied from templates/, and the README. Pure, like emit.ts.
 */
import { readFileSync } from "node:fs";
import type { ConnectorKind, ConnectorSchemas, Provider } from "./read-provider.js";

/** Where the provider's schemas came from, recorded in the output and exported as CONNECTOR_DATA. */
export interface DataOrigin {
  /** e.g. `airbytehq/airbyte-platform@310e6cb, airbyte-api/server-api/src/main/openapi/api_sdk.yaml` */
  source: string;
  /** The date of that copy, YYYY-MM-DD. */
  date: string;
}

export interface IndexEntry {
  connector: ConnectorSchemas;
  file: string;
  typeName: string;
  withSecret: boolean;
}

// Read once when the module loads; the generator itself stays free of disk access.
const template = (name: string) => readFileSync(new URL(`./templates/${name}`, import.meta.url), "utf8");
export const SUPPORT_FILES: ReadonlyMap<string, string> = new Map([
  ["brand.d.ts", template("brand.d.ts")],
  ["check.d.ts", template("check.d.ts")],
]);

export function emitIndexFiles(
  provider: Provider,
  origin: DataOrigin,
  entries: IndexEntry[],
  banner: string,
): Map<string, string> {
  const typed = { source: 0, destination: 0 };
  for (const e of entries) typed[e.connector.kind]++;
  const data = { source: origin.source, date: origin.date, input: provider.fileName, sha256: provider.sha256, sources: typed.source, destinations: typed.destination };
  const files = new Map<string, string>();
  for (const [name, code] of SUPPORT_FILES) files.set(name, banner + code);
  files.set("index.d.ts", banner + emitDeclarations(entries, data));
  files.set("index.js", banner + emitRuntime(data));
  return files;
}

type Data = Record<"source" | "date" | "input" | "sha256", string> & Record<"sources" | "destinations", number>;

function dataDoc(data: Data): string {
  return `/**
 * The data these types were built from: Airbyte's connector schemas in
 * ${data.input} (sha256 ${data.sha256}), ${data.source}, as of ${data.date}.
 * A connector published after that date, or one only a self-managed install
 * has, is not among the names: regenerate with \`npm run connectors -- --spec <file>\`,
 * or pass it as \`custom("name")\`.
 */`;
}

function emitRuntime(data: Data): string {
  return `${dataDoc(data)}
export const CONNECTOR_DATA = Object.freeze(${JSON.stringify(data)});

/** @param {unknown} name @param {string} what */
function checkName(name, what) {
  if (typeof name !== "string" || name.trim() === "") {
    throw new TypeError(\`\${what}: the connector name must be a non-empty string, such as "github"; got \${name === "" ? "an empty string" : typeof name}.\`);
  }
}

/** Opts a connector name out of the known names (a custom connector, or one newer than this package). */
/** @param {string} name */
export function custom(name) {
  checkName(name, "custom()");
  return name;
}

/** @param {string} key @param {string} helper @param {string} name @param {Record<string, unknown>} configuration */
function withDiscriminator(key, helper, name, configuration) {
  checkName(name, helper);
  if (typeof configuration !== "object" || configuration === null || Array.isArray(configuration)) {
    throw new TypeError(\`\${helper}("\${name}", configuration): the configuration must be a JSON object, such as the connector's config.json; got \${Array.isArray(configuration) ? "an array" : configuration === null ? "null" : typeof configuration}.\`);
  }
  const given = configuration[key];
  if (given !== undefined && given !== name) {
    throw new TypeError(\`\${helper}("\${name}", configuration): the configuration says \${key} \${JSON.stringify(given)}; remove \${key} from it (the helper adds it) or pass that name.\`);
  }
  return { ...configuration, [key]: name };
}

/** The configuration with \`sourceType\` added, for createSource. @param {string} name @param {Record<string, unknown>} configuration */
export function sourceConfiguration(name, configuration) {
  return withDiscriminator("sourceType", "sourceConfiguration", name, configuration);
}

/** The configuration with \`destinationType\` added, for createDestination. @param {string} name @param {Record<string, unknown>} configuration */
export function destinationConfiguration(name, configuration) {
  return withDiscriminator("destinationType", "destinationConfiguration", name, configuration);
}
`;
}

function emitDeclarations(entries: IndexEntry[], data: Data): string {
  const map = (kind: ConnectorKind, suffix: string, only: (e: IndexEntry) => boolean) =>
    entries
      .filter((e) => e.connector.kind === kind && only(e))
      .map((e) => `  ${JSON.stringify(e.connector.name)}: import("./${e.file.replace(/\.d\.ts$/, ".js")}").${e.typeName}${suffix};`)
      .join("\n");
  const all = () => true;
  return `import type {
  DestinationConfiguration as OpenDestinationConfiguration,
  SourceConfiguration as OpenSourceConfiguration,
  SourceCreateRequest,
} from "airbyte-api-client";
import type { Checked, Custom, Fields, Open, PlainName } from "./check.js";

export type { Custom, PlainName } from "./check.js";

${dataDoc(data)}
export declare const CONNECTOR_DATA: {
  /** Where the schemas came from. */
  readonly source: string;
  /** The date of that copy, YYYY-MM-DD. */
  readonly date: string;
  /** The file read, and its sha256. */
  readonly input: string;
  readonly sha256: string;
  /** How many sources and destinations are typed. */
  readonly sources: number;
  readonly destinations: number;
};

/** Create configurations of the sources this version knows, by \`sourceType\`. */
export interface SourceConfigurations {
${map("source", "", all)}
}

/** Update (putSource, patchSource) configurations of the sources this version knows. */
export interface SourceConfigurationUpdates {
${map("source", "Update", all)}
}

/** Create configurations of the OAuth sources, for a createSource call that gives a \`secretId\`. */
export interface SourceConfigurationsWithSecret {
${map("source", "WithSecret", (e) => e.withSecret)}
}

/** Create configurations of the destinations this version knows, by \`destinationType\`. */
export interface DestinationConfigurations {
${map("destination", "", all)}
}

/** Update (putDestination, patchDestination) configurations of the destinations this version knows. */
export interface DestinationConfigurationUpdates {
${map("destination", "Update", all)}
}

/** A source name this version has a typed configuration for (${data.sources} of them). */
export type SourceName = keyof SourceConfigurations;
/** A destination name this version has a typed configuration for (${data.destinations} of them). */
export type DestinationName = keyof DestinationConfigurations;

/**
 * Opts a name out of the known ones, for a custom connector or one newer than
 * this package: \`sourceConfiguration(custom("my-source"), {...})\`. Returns the name itself.
 */
export declare function custom<const Name extends string>(name: Name): Custom<Name>;

/** The create configuration of source \`Name\`; for a \`Custom<>\` name, the open JSON object createSource takes. */
export type SourceConfiguration<Name extends SourceName | Custom> = Name extends SourceName ? SourceConfigurations[Name] : OpenSourceConfiguration;

/** The configuration putSource and patchSource take for source \`Name\` (with patchSource, wrap it in \`Partial<>\`). */
export type SourceConfigurationUpdate<Name extends SourceName | Custom> = Name extends SourceName ? SourceConfigurationUpdates[Name] : OpenSourceConfiguration;

/**
 * The create configuration of source \`Name\` when createSource also gets the
 * \`secretId\` of the OAuth flow: the fields Airbyte fills from that secret are
 * optional. The same as SourceConfiguration for a source without OAuth.
 */
export type SourceConfigurationWithSecret<Name extends SourceName | Custom> = Name extends keyof SourceConfigurationsWithSecret
  ? SourceConfigurationsWithSecret[Name]
  : SourceConfiguration<Name>;

/**
 * The body of createSource for source \`Name\`: with a \`secretId\`, its
 * configuration is SourceConfigurationWithSecret (the fields Airbyte fills
 * from the OAuth secret are optional); without, SourceConfiguration.
 */
export type TypedSourceCreateRequest<Name extends SourceName | Custom> = Omit<SourceCreateRequest, "configuration" | "secretId"> &
  (
    | { secretId: string; configuration: SourceConfigurationWithSecret<Name> }
    | { secretId?: undefined; configuration: SourceConfiguration<Name> }
  );

/** The create configuration of destination \`Name\`; for a \`Custom<>\` name, the open JSON object createDestination takes. */
export type DestinationConfiguration<Name extends DestinationName | Custom> = Name extends DestinationName
  ? DestinationConfigurations[Name]
  : OpenDestinationConfiguration;

/** The configuration putDestination and patchDestination take for destination \`Name\` (with patchDestination, wrap it in \`Partial<>\`). */
export type DestinationConfigurationUpdate<Name extends DestinationName | Custom> = Name extends DestinationName
  ? DestinationConfigurationUpdates[Name]
  : OpenDestinationConfiguration;

/** Source \`Name\`'s create configuration without \`sourceType\`: what a connector's config.json holds. */
export type SourceFields<Name extends SourceName | Custom> = Name extends SourceName ? Fields<SourceConfigurations[Name], "sourceType"> : OpenSourceConfiguration;

/** Destination \`Name\`'s create configuration without \`destinationType\`. */
export type DestinationFields<Name extends DestinationName | Custom> = Name extends DestinationName
  ? Fields<DestinationConfigurations[Name], "destinationType">
  : OpenDestinationConfiguration;

/**
 * A source configuration as createSource takes it: \`configuration\` (a
 * connector's config.json, as copied) with \`sourceType: name\` added.
 *
 * Checked against the source's schema: a missing required field, a wrong
 * value (type, enum, const, and the date and number patterns a template
 * literal type can say) is an error; a key the schema does not name is
 * accepted where the schema allows other keys, unless it looks like a
 * misspelling of one it names (\`startDate\` for \`start_date\`), and rejected
 * where the schema allows none. Throws a TypeError when \`configuration\` is not
 * an object or already has a different \`sourceType\`.
 *
 * (The check is skipped when \`Name\` is every name at once, as in
 * \`Parameters<typeof sourceConfiguration>\`: checking a configuration against
 * all ${data.sources} connectors' fields would cost the compiler minutes.)
 */
export declare function sourceConfiguration<Name extends SourceName | Custom, const C extends Open<SourceFields<Name>>>(
  name: Name,
  configuration: C & NoInfer<[SourceName] extends [Name] ? unknown : Checked<C, SourceFields<Name>>>,
): { sourceType: PlainName<Name> } & C;

/** A destination configuration as createDestination takes it: \`configuration\` with \`destinationType: name\` added (checked like sourceConfiguration). */
export declare function destinationConfiguration<Name extends DestinationName | Custom, const C extends Open<DestinationFields<Name>>>(
  name: Name,
  configuration: C & NoInfer<[DestinationName] extends [Name] ? unknown : Checked<C, DestinationFields<Name>>>,
): { destinationType: PlainName<Name> } & C;
`;
}

export function emitReadme(provider: Provider, origin: DataOrigin, typed: Record<ConnectorKind, number>, oauthSources: number, fallbackLines: string[]): string {
  const lines = [
    "# connectors/ — written by `npm run connectors` only",
    "",
    "Declarations of every connector's configuration, and the tiny helpers",
    "(`sourceConfiguration`, `destinationConfiguration`, `custom`, `CONNECTOR_DATA`)",
    "of the `airbyte-api-client/connectors` entry point. Do not edit: regenerate with",
    `\`npm run connectors -- --spec <path to ${provider.fileName}> --source <where it came from> --date <YYYY-MM-DD>\`;`,
    "`--check` compares instead of writing.",
    "",
    `- data: ${origin.source}, as of ${origin.date}`,
    `- input: \`${provider.fileName}\`, sha256 \`${provider.sha256}\``,
    `- typed: ${typed.source} sources, ${typed.destination} destinations; ${oauthSources} OAuth sources with a \`WithSecret\` variant`,
    `- open JSON object instead (a construct the generator cannot express): ${fallbackLines.length}`,
    ...fallbackLines,
  ];
  return `${lines.join("\n")}\n`;
}
