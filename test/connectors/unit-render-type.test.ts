/**
 * TypeRenderer on small inline schemas, called as emit.ts calls it
 * (`render(schema, "", 0)`): the exact type expression for each construct, and
 * the problems (path and construct) reported for what a type cannot express.
 */
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../scripts/lib/connectors/json-schema.js";
import { type RenderProblem, TypeRenderer } from "../../scripts/lib/connectors/render-type.js";

function rendered(schema: JsonSchema, indent = 0): { type: string; problems: RenderProblem[] } {
  const renderer = new TypeRenderer();
  const type = renderer.render(schema, "", indent);
  return { type, problems: renderer.problems };
}

/** An object with one optional property `p` of the given schema. */
const withP = (p: JsonSchema): JsonSchema => ({ type: "object", properties: { p } });

describe("TypeRenderer: primitives and literals", () => {
  it.each([
    ["string", "string"],
    ["integer", "number"],
    ["number", "number"],
    ["boolean", "boolean"],
    ["null", "null"],
  ])("type: %s -> %s", (type, expected) => {
    expect(rendered({ type })).toEqual({ type: expected, problems: [] });
  });

  it("a schema with no type, properties or items is unknown, with no problem", () => {
    expect(rendered({ title: "anything" })).toEqual({ type: "unknown", problems: [] });
  });

  it("infers an object from properties and an array from items", () => {
    expect(rendered({ properties: { a: { type: "string" } }, required: ["a"] })).toEqual({ type: "{\n  a: string;\n}", problems: [] });
    expect(rendered({ items: { type: "boolean" } })).toEqual({ type: "boolean[]", problems: [] });
  });

  it("reports a type it does not know, and renders it as unknown", () => {
    expect(rendered(withP({ type: "file" }))).toEqual({ type: "{\n  p?: unknown;\n}", problems: [{ path: "properties.p", construct: "type: file" }] });
  });

  it("const is a literal type, whatever the declared type", () => {
    expect(rendered({ type: "string", const: "github" })).toEqual({ type: '"github"', problems: [] });
    expect(rendered({ type: "integer", const: 3 })).toEqual({ type: "3", problems: [] });
    expect(rendered({ type: "boolean", const: false })).toEqual({ type: "false", problems: [] });
    expect(rendered({ const: null })).toEqual({ type: "null", problems: [] });
  });

  it("enum is a union of literal types, without duplicates", () => {
    expect(rendered({ type: "string", enum: ["a", 1, true, null, "a"] })).toEqual({ type: '"a" | 1 | true | null', problems: [] });
  });

  it("an empty enum is never", () => {
    expect(rendered({ type: "string", enum: [] })).toEqual({ type: "never", problems: [] });
  });

  it("reports an object or array const or enum value", () => {
    expect(rendered(withP({ enum: ["a", { b: 1 }] }))).toEqual({
      type: '{\n  p?: "a" | unknown;\n}',
      problems: [{ path: "properties.p", construct: 'const or enum value {"b":1}' }],
    });
    expect(rendered({ const: [1] }).problems).toEqual([{ path: "", construct: "const or enum value [1]" }]);
  });
});

describe("TypeRenderer: unsupported keywords", () => {
  it.each(["allOf", "not", "if", "then", "else", "$ref", "patternProperties", "dependencies", "dependentSchemas", "prefixItems"])(
    "%s is reported where it is, and the field is unknown",
    (keyword) => {
      expect(rendered(withP({ type: "string", [keyword]: {} }))).toEqual({
        type: "{\n  p?: unknown;\n}",
        problems: [{ path: "properties.p", construct: keyword }],
      });
    },
  );

  it("a problem at the root has the empty path", () => {
    expect(rendered({ allOf: [] })).toEqual({ type: "unknown", problems: [{ path: "", construct: "allOf" }] });
  });

  it("only a leading dot is taken off the path of a problem", () => {
    const renderer = new TypeRenderer();
    renderer.render(withP({ not: {} }), "spec", 0);
    expect(renderer.problems).toEqual([{ path: "spec.properties.p", construct: "not" }]);
  });
});

describe("TypeRenderer: oneOf, anyOf and lists of types", () => {
  it("reports the path of a problem inside a oneOf or anyOf branch", () => {
    expect(rendered({ oneOf: [{ type: "string" }, { $ref: "#/x" }] }).problems).toEqual([{ path: "oneOf[1]", construct: "$ref" }]);
    expect(rendered(withP({ anyOf: [{ allOf: [] }] })).problems).toEqual([{ path: "properties.p.anyOf[0]", construct: "allOf" }]);
  });

  it("reports oneOf or anyOf beside properties", () => {
    const properties = { a: { type: "string" } };
    expect(rendered({ oneOf: [{ type: "string" }], properties })).toEqual({ type: "unknown", problems: [{ path: "", construct: "oneOf beside properties" }] });
    expect(rendered(withP({ anyOf: [{ type: "string" }], properties }))).toEqual({
      type: "{\n  p?: unknown;\n}",
      problems: [{ path: "properties.p", construct: "anyOf beside properties" }],
    });
  });

  it("a union of one-line members is one line", () => {
    expect(rendered({ anyOf: [{ type: "string" }, { type: "integer" }, { type: "number" }] })).toEqual({ type: "string | number", problems: [] });
  });

  it("a oneOf of one branch is that branch's type, not a union", () => {
    const branch: JsonSchema = { type: "object", properties: { b: { type: "string" } } };
    const alone = new TypeRenderer().render(branch, "", 4);
    expect(alone).toBe("{\n      b?: string;\n    }");
    expect(rendered({ oneOf: [branch] })).toEqual({ type: alone, problems: [] });
  });

  it("a union with a multi-line member puts each member on its own line", () => {
    expect(rendered(withP({ oneOf: [{ type: "object", properties: { b: { type: "string" } } }, { type: "string" }] })).type).toBe(
      "{\n  p?:\n    | {\n        b?: string;\n      }\n    | string;\n}",
    );
  });

  it("a list of types keeps the schema's other keywords for each type", () => {
    expect(rendered({ type: ["string", "null"], pattern: "^[0-9]{4}$" })).toEqual({ type: "`${number}` | null", problems: [] });
    expect(rendered(withP({ type: ["object", "null"], properties: { b: { type: "string" } } })).type).toBe(
      "{\n  p?:\n    | {\n        b?: string;\n      }\n    | null;\n}",
    );
  });

  it("a multi-line union inside a union keeps its bars inside parentheses", () => {
    const nullable: JsonSchema = { type: ["object", "null"], properties: { a: { type: "string" } } };
    expect(rendered(withP({ oneOf: [nullable, { type: "string" }] })).type).toBe(
      [
        "{",
        "  p?:",
        "    | (",
        "        | {",
        "            a?: string;",
        "          }",
        "        | null",
        "      )",
        "    | string;",
        "}",
      ].join("\n"),
    );
  });
});

describe("TypeRenderer: arrays", () => {
  it("an array of a one-word type is T[], of anything else Array<T>", () => {
    expect(rendered({ type: "array", items: { type: "string" } }).type).toBe("string[]");
    expect(rendered({ type: "array", items: { enum: ["a"] } }).type).toBe('"a"[]');
    expect(rendered({ type: "array", items: { type: ["string", "null"] } }).type).toBe("Array<string | null>");
    expect(rendered({ type: "array", items: { enum: ["a", "b"] } }).type).toBe('Array<"a" | "b">');
    expect(rendered({ type: "array", items: { type: "string", format: "date" } }).type).toBe("Array<`${number}-${number}-${number}`>");
  });

  it("an array without items is unknown[]", () => {
    expect(rendered({ type: "array" })).toEqual({ type: "unknown[]", problems: [] });
  });

  it("reports items given as a tuple", () => {
    expect(rendered(withP({ type: "array", items: [{ type: "string" }] }))).toEqual({
      type: "{\n  p?: unknown;\n}",
      problems: [{ path: "properties.p", construct: "items as a tuple (array of schemas)" }],
    });
  });

  it("reports the path of a problem inside items", () => {
    expect(rendered(withP({ type: "array", items: { allOf: [] } }))).toEqual({
      type: "{\n  p?: unknown[];\n}",
      problems: [{ path: "properties.p.items", construct: "allOf" }],
    });
  });

  it("items that are not a schema (null) are unknown", () => {
    expect(rendered({ type: "array", items: null } as unknown as JsonSchema)).toEqual({ type: "unknown[]", problems: [] });
  });
});

describe("TypeRenderer: objects", () => {
  it("an object without properties is a record of its additionalProperties' type", () => {
    expect(rendered({ type: "object" }).type).toBe("{ [key: string]: unknown }");
    expect(rendered({ type: "object", additionalProperties: true }).type).toBe("{ [key: string]: unknown }");
    expect(rendered({ type: "object", additionalProperties: false }).type).toBe("{ [key: string]: unknown }");
    expect(rendered({ type: "object", additionalProperties: null } as unknown as JsonSchema).type).toBe("{ [key: string]: unknown }");
    expect(rendered({ type: "object", additionalProperties: { type: "integer" } }).type).toBe("{ [key: string]: number }");
  });

  it("indents an object given as additionalProperties two more", () => {
    const map: JsonSchema = { type: "object", additionalProperties: { type: "object", properties: { b: { type: "string" } } } };
    expect(rendered(map).type).toBe("{ [key: string]: {\n    b?: string;\n  } }");
    expect(rendered(withP(map)).type).toBe("{\n  p?: { [key: string]: {\n      b?: string;\n    } };\n}");
  });

  it("reports the path of a problem inside additionalProperties", () => {
    expect(rendered(withP({ type: "object", additionalProperties: { not: {} } }))).toEqual({
      type: "{\n  p?: { [key: string]: unknown };\n}",
      problems: [{ path: "properties.p.additionalProperties", construct: "not" }],
    });
  });

  it("only the keys in required lose their question mark; other keys are quoted when not identifiers", () => {
    const schema: JsonSchema = {
      type: "object",
      required: ["a"],
      properties: { a: { type: "string" }, "display name": { type: "string" }, "b-c": { type: "number" } },
    };
    expect(rendered(schema).type).toBe('{\n  a: string;\n  "display name"?: string;\n  "b-c"?: number;\n}');
  });

  it("without required, every key is optional", () => {
    const schema: JsonSchema = { type: "object", properties: { "display name": { type: "string" }, b: { type: "boolean" } } };
    expect(rendered(schema).type).toBe('{\n  "display name"?: string;\n  b?: boolean;\n}');
  });
});
