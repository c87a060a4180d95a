/**
 * schemaVerdict (scripts/lib/connectors/verdict.ts) on small inline connector
 * schemas: the discriminator it adds per kind, ajv's messages as the labels of
 * the real configurations record them (path, message, the extra property's
 * name), every error at once, formats checked, Airbyte's own keywords
 * (airbyte_secret, order) tolerated, duplicates dropped, at most five.
 */
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../scripts/lib/connectors/json-schema.js";
import type { ConnectorKind, ConnectorSchemas } from "../../scripts/lib/connectors/read-provider.js";
import { schemaVerdict } from "../../scripts/lib/connectors/verdict.js";

/** A closed create schema as api_sdk.yaml has them: the discriminator a const, Airbyte's keywords on the fields. */
function connector(kind: ConnectorKind, name: string, properties: Record<string, JsonSchema>, required: string[]): ConnectorSchemas {
  const key = kind === "source" ? "sourceType" : "destinationType";
  return {
    kind,
    name,
    create: {
      type: "object",
      required: [...required, key],
      additionalProperties: false,
      properties: { ...properties, [key]: { type: "string", const: name, enum: [name], order: 0 } },
    },
  };
}

function tiny(): ConnectorSchemas {
  return connector(
    "source",
    "tiny",
    {
      api_key: { type: "string", airbyte_secret: true, order: 1 },
      start_date: { type: "string", format: "date", order: 2 },
      count: { type: "integer", minimum: 1 },
    },
    ["api_key"],
  );
}

describe("schemaVerdict", () => {
  it("accepts a source configuration, adding sourceType = the connector's name", () => {
    expect(schemaVerdict(tiny(), { api_key: "k", start_date: "2024-01-31", count: 3 })).toEqual({ valid: true, errors: [] });
  });

  it("accepts a destination configuration, adding destinationType = the connector's name", () => {
    const sink = connector("destination", "sink", { path: { type: "string" } }, ["path"]);
    expect(schemaVerdict(sink, { path: "/data" })).toEqual({ valid: true, errors: [] });
  });

  it("overrides a discriminator the configuration carries with the connector's own name", () => {
    expect(schemaVerdict(tiny(), { api_key: "k", sourceType: "other" })).toEqual({ valid: true, errors: [] });
  });

  it("names a missing field at the root as '/'", () => {
    expect(schemaVerdict(tiny(), {})).toEqual({ valid: false, errors: ["/ must have required property 'api_key'"] });
  });

  it("reports every error at once: the extra property by name, a wrong type, a bad format", () => {
    expect(schemaVerdict(tiny(), { api_key: 1, start_date: "31/01/2024", extra: true })).toEqual({
      valid: false,
      errors: ["/ must NOT have additional properties (extra)", "/api_key must be string", '/start_date must match format "date"'],
    });
  });

  it("checks formats: a date that is not one fails on its own", () => {
    expect(schemaVerdict(tiny(), { api_key: "k", start_date: "2024-13-45" })).toEqual({ valid: false, errors: ['/start_date must match format "date"'] });
  });

  it("drops repeated messages and keeps at most five", () => {
    const many = connector("source", "many", Object.fromEntries(["a", "b", "c", "d", "e", "f", "g"].map((k) => [k, { type: "integer" }])), []);
    many.create.anyOf = [{ required: ["a"] }, { required: ["a"] }];
    const verdict = schemaVerdict(many, {});
    expect(verdict).toEqual({ valid: false, errors: ["/ must have required property 'a'", "/ must match a schema in anyOf"] });
    expect(schemaVerdict(many, { a: "1", b: "1", c: "1", d: "1", e: "1", f: "1", g: "1" })).toEqual({
      valid: false,
      errors: ["/a must be integer", "/b must be integer", "/c must be integer", "/d must be integer", "/e must be integer"],
    });
  });
});
