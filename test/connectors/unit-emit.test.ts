/**
 * emitConnectors and emit-index.ts on small inline providers: type names,
 * the index's imports, the OAuth variant and its warnings, the README's list
 * of connectors typed as the open JSON object, and the support files.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { emitConnectors } from "../../scripts/lib/connectors/emit.js";
import type { JsonSchema } from "../../scripts/lib/connectors/json-schema.js";
import type { ConnectorSchemas, Provider } from "../../scripts/lib/connectors/read-provider.js";

type EmitIndex = typeof import("../../scripts/lib/connectors/emit-index.js");

const origin = { source: "inline test schemas", date: "2026-01-02" };
const provider = (connectors: ConnectorSchemas[], oauth: Record<string, JsonSchema> = {}): Provider => ({
  fileName: "api_sdk.yaml",
  sha256: "0".repeat(64),
  connectors,
  oauth: new Map(Object.entries(oauth)),
});
const source = (name: string, create: JsonSchema): ConnectorSchemas => ({ kind: "source", name, create });
const destination = (name: string, create: JsonSchema): ConnectorSchemas => ({ kind: "destination", name, create });
const withKey = (key: string): JsonSchema => ({ type: "object", required: [key], properties: { [key]: { type: "string", airbyte_secret: true } } });
const get = (files: Map<string, string>, name: string): string => {
  const code = files.get(name);
  if (code === undefined) throw new Error(`${name} was not generated`);
  return code;
};
/** The members of one interface of index.d.ts, one per line. */
const members = (index: string, name: string): string[] => {
  const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n?\\}`).exec(index)?.[1];
  if (body === undefined) throw new Error(`${name} not in index.d.ts`);
  return body === "" ? [] : body.split("\n");
};

describe("emitConnectors: type names and the index", () => {
  it("names each type in PascalCase from the connector name's letters and digits, and imports it from the connector's file", () => {
    const output = emitConnectors(
      provider([source("google-sheets", withKey("key")), source("_internal-tool", withKey("key")), source("legacy.d.ts-v2", withKey("key")), destination("s3", withKey("key"))]),
      origin,
    );
    expect(get(output.files, "sources/google-sheets.d.ts")).toContain("\nexport type SourceGoogleSheets = {\n");
    expect(get(output.files, "sources/_internal-tool.d.ts")).toContain("\nexport type SourceInternalTool = {\n");
    expect(get(output.files, "destinations/s3.d.ts")).toContain(
      "\nexport type DestinationS3Update = Omit<DestinationS3, \"destinationType\">;\n",
    );
    const index = get(output.files, "index.d.ts");
    expect(members(index, "SourceConfigurations")).toEqual([
      '  "google-sheets": import("./sources/google-sheets.js").SourceGoogleSheets;',
      '  "_internal-tool": import("./sources/_internal-tool.js").SourceInternalTool;',
      '  "legacy.d.ts-v2": import("./sources/legacy.d.ts-v2.js").SourceLegacyDTsV2;',
    ]);
    expect(members(index, "DestinationConfigurations")).toEqual(['  "s3": import("./destinations/s3.js").DestinationS3;']);
  });
});

describe("emitConnectors: OAuth", () => {
  it("gives no WithSecret variant to a destination whose name has an OAuth schema, and warns that the schema is unused", () => {
    const output = emitConnectors(provider([destination("foo", withKey("client_id"))], { foo: { properties: { client_id: { type: "string" } } } }), origin);
    expect(output.warnings).toEqual(["OAuth schema foo has no source-foo configuration schema; ignored."]);
    expect(get(output.files, "destinations/foo.d.ts")).not.toContain("WithSecret");
    expect(output.oauthSources).toBe(0);
  });

  it("warns about each OAuth field not in the configuration, and gives no WithSecret variant when none is filled", () => {
    const output = emitConnectors(
      provider([source("bar", withKey("api_key"))], { bar: { properties: { credentials: { properties: { client_id: { type: "string" }, client_secret: { type: "string" } } } } } }),
      origin,
    );
    expect(output.warnings).toEqual([
      "source-bar: OAuth field credentials.client_id (from the bar OAuth schema) is not in the configuration; it stays as the schema says.",
      "source-bar: OAuth field credentials.client_secret (from the bar OAuth schema) is not in the configuration; it stays as the schema says.",
    ]);
    expect(get(output.files, "sources/bar.d.ts")).not.toContain("WithSecret");
    expect(members(get(output.files, "index.d.ts"), "SourceConfigurationsWithSecret")).toEqual([]);
    expect(output.oauthSources).toBe(0);
    expect(get(output.files, "README.md")).toContain("- typed: 1 sources, 0 destinations; 0 OAuth sources with a `WithSecret` variant\n");
  });

  it("gives a source whose OAuth fields are found a WithSecret variant, without warnings", () => {
    const output = emitConnectors(provider([source("baz", withKey("client_id"))], { baz: { properties: { client_id: { type: "string" } } } }), origin);
    expect(output.warnings).toEqual([]);
    expect(get(output.files, "sources/baz.d.ts")).toContain("\nexport type SourceBazWithSecret = {\n");
    expect(members(get(output.files, "index.d.ts"), "SourceConfigurationsWithSecret")).toEqual(['  "baz": import("./sources/baz.js").SourceBazWithSecret;']);
    expect(output.oauthSources).toBe(1);
  });
});

describe("emitConnectors: connectors typed as the open JSON object", () => {
  it("lists each with every distinct construct and where it is, `(root)` for the schema itself", () => {
    const output = emitConnectors(
      provider([
        source("rooted", { allOf: [{ type: "object" }] }),
        source("twice", { type: "object", properties: { a: { allOf: [] }, b: { not: {} }, c: { type: "string" } } }),
        source("fine", withKey("key")),
      ]),
      origin,
    );
    expect(output.fallbacks).toEqual([
      { connector: "source-rooted", problems: [{ path: "", construct: "allOf" }] },
      {
        connector: "source-twice",
        problems: [
          { path: "properties.a", construct: "allOf" },
          { path: "properties.b", construct: "not" },
        ],
      },
    ]);
    expect(get(output.files, "README.md")).toContain(
      "- open JSON object instead (a construct the generator cannot express): 2\n" +
        "  - `source-rooted`: allOf at `(root)`\n" +
        "  - `source-twice`: allOf at `properties.a`; not at `properties.b`\n",
    );
    expect([...output.files.keys()].filter((f) => f.startsWith("sources/"))).toEqual(["sources/fine.d.ts"]);
  });
});

describe("emit-index: the support files", () => {
  it("copies templates/brand.d.ts and templates/check.d.ts as text, read when the module loads", async () => {
    // A fresh instance of the module, so that its loading is part of this test.
    const url = new URL(`../../scripts/lib/connectors/emit-index.ts?instance=${randomUUID()}`, import.meta.url).href;
    const { SUPPORT_FILES } = (await import(url)) as EmitIndex;
    const template = (name: string) => readFileSync(new URL(`../../scripts/lib/connectors/templates/${name}`, import.meta.url), "utf8");
    expect([...SUPPORT_FILES.keys()]).toEqual(["brand.d.ts", "check.d.ts"]);
    expect(SUPPORT_FILES.get("brand.d.ts")).toBe(template("brand.d.ts"));
    expect(SUPPORT_FILES.get("check.d.ts")).toBe(template("check.d.ts"));
    expect(template("brand.d.ts")).toContain("closedObject");
  });
});
