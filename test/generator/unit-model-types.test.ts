/**
 * The model's types for people and for the emitters: displayType (the
 * reference table's short type), which list operations page, and readSchemas
 * (which schemas become interfaces, and the schema names it refuses).
 */
import { describe, expect, it } from "vitest";
import { displayType, readSchemas, schemaRefName } from "../../scripts/lib/generate/model.js";
import { modelOf, operation, problemsOf, specOf, type Json } from "./unit-model-helpers.js";

describe("displayType", () => {
  const spec = specOf({}, { components: { schemas: { Thing: { type: "object" } } }, "x-types": { count: { type: "integer" } } });

  it.each<[string, Json | undefined, string]>([
    ["no schema", undefined, "unknown"],
    ["an empty schema", {}, "unknown"],
    ["a schema name", { $ref: "#/components/schemas/Thing" }, "Thing"],
    ["a $ref elsewhere, resolved", { $ref: "#/x-types/count" }, "number"],
    ["a dangling $ref", { $ref: "#/x-types/missing" }, "unknown"],
    ["an enum", { type: "string", enum: ["a", 1, null] }, '"a" | 1 | null'],
    ["an integer", { type: "integer" }, "number"],
    ["a number", { type: "number" }, "number"],
    ["an object", { type: "object" }, "object"],
    ["a string", { type: "string" }, "string"],
    ["a nullable string (3.1 type list)", { type: ["string", "null"] }, "string"],
    ["a nullable integer, null first", { type: ["null", "integer"] }, "number"],
    ["an array of names", { type: "array", items: { $ref: "#/components/schemas/Thing" } }, "Thing[]"],
    ["an array of anything", { type: "array", items: true }, "unknown[]"],
    ["an array without items", { type: "array" }, "unknown[]"],
  ])("%s", (_, schema, display) => {
    expect(displayType(spec, schema)).toBe(display);
  });
});

describe("schemaRefName", () => {
  it.each<[Json | undefined, string | undefined]>([
    [undefined, undefined],
    [{ type: "string" }, undefined],
    [{ $ref: "#/components/schemas/Thing" }, "Thing"],
    [{ $ref: "#/components/schemas/Thing/properties/id" }, undefined],
    [{ $ref: "common.yaml#/components/schemas/Thing" }, undefined],
  ])("%j -> %s", (schema, name) => {
    expect(schemaRefName(schema)).toBe(name);
  });
});

describe("list operations that page", () => {
  const query = (...names: string[]) => names.map((name) => ({ name, in: "query", schema: { type: "integer" } }));
  const page = (properties: Json) => ({ type: "object", properties });
  const listing = (schema: Json, parameters: Json[] = query("limit", "offset"), status = "200") =>
    operation({ operationId: "listThings", parameters, responses: { [status]: { description: "A page.", content: { "application/json": { schema } } } } });
  const items = { type: "array", items: { $ref: "#/components/schemas/Thing" } };
  const next = { type: "string" };
  const extra = { components: { schemas: { Thing: { type: "object" }, Page: page({ data: { type: "array", items: { type: "string" } }, next }) } } };

  it("a GET with limit and offset answering { data: Thing[], next } pages Thing", () => {
    expect(modelOf(listing(page({ data: items, next }))).pageItemType).toBe("Thing");
  });

  it("a named page schema and an unnamed item type", () => {
    expect(modelOf(listing({ $ref: "#/components/schemas/Page" }), "/things", "get", extra).pageItemType).toBe("Page[\"data\"][number]");
    expect(modelOf(listing(page({ data: { type: "array" }, next }))).pageItemType).toBe(
      'operations["listThings"]["responses"][200]["content"]["application/json"]["data"][number]',
    );
  });

  it.each<[string, Json]>([
    ["a POST", { method: "post" }],
    ["no limit", { parameters: query("offset", "cursor") }],
    ["no offset", { parameters: query("limit", "cursor") }],
    ["a redirect", { status: "302" }],
    ["data that is not an array", { schema: page({ data: { type: "object" }, next }) }],
    ["no data", { schema: page({ items, next }) }],
    ["no next", { schema: page({ data: items }) }],
  ])("with %s, an operation does not page", (_, change) => {
    const schema = (change.schema as Json | undefined) ?? page({ data: items, next });
    const parameters = (change.parameters as Json[] | undefined) ?? query("limit", "offset");
    const op = listing(schema, parameters, (change.status as string | undefined) ?? "200");
    expect(modelOf(op, "/things", (change.method as string | undefined) ?? "get").pageItemType).toBeUndefined();
  });
});

describe("readSchemas", () => {
  const schemasOf = (schemas: Json) => readSchemas(specOf({}, { components: { schemas } }));

  it("a spec without components has no schemas", () => {
    expect(readSchemas(specOf({}))).toEqual([]);
    expect(readSchemas(specOf({}, { components: {} }))).toEqual([]);
  });

  it("schemas come sorted, with their description; plain objects are interfaces", () => {
    expect(schemasOf({ b: { type: "object", description: "B." }, a: { type: "string" } })).toEqual([
      { name: "a", description: undefined, isObject: false },
      { name: "b", description: "B.", isObject: true },
    ]);
  });

  it.each(["oneOf", "anyOf", "allOf", "$ref", "enum", "const", "x-open-enum"])("an object schema with %s is not an interface", (key) => {
    expect(schemasOf({ Thing: { type: "object", [key]: key === "$ref" ? "#/components/schemas/Other" : [] } })).toEqual([
      { name: "Thing", description: undefined, isObject: false },
    ]);
  });

  it("schema names that are not identifiers are refused, each with its message", () => {
    expect(problemsOf(() => schemasOf({ Good: {}, "Bad-Name": {}, "2Bad": {}, "Bad.": {} }))).toEqual([
      "schema name `2Bad` must be a JavaScript identifier; it is exported as a type of that name.",
      "schema name `Bad-Name` must be a JavaScript identifier; it is exported as a type of that name.",
      "schema name `Bad.` must be a JavaScript identifier; it is exported as a type of that name.",
    ]);
  });
});
