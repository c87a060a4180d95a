/**
 * generated/validators.ts from a bundled document, in process: which response
 * bodies get a validator, what the compiled validators accept (the module is
 * written to a temporary folder and imported), that prose stays out of the
 * code, and the refusal of code that would import a module at run time.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitValidators, responseSchemas } from "../../scripts/lib/generate/emit-validators.js";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";

type Validator = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });

/** A document whose operation `getA` answers `responses`; Problem is always there (emitValidators needs it). */
function spec(responses: Record<string, unknown>, schemas: Record<string, unknown> = {}, components: Record<string, unknown> = {}): BundledSpec {
  const document = {
    openapi: "3.1.0",
    info: { title: "Unit", version: "1.0.0" },
    paths: { "/a": { get: { operationId: "getA", responses } } },
    components: { schemas: { Problem: { type: "object", properties: { title: { type: "string" } } }, ...schemas }, ...components },
  };
  // Deliberately loose (dangling and cyclic references among them): the emitter reads it as plain JSON.
  return document as unknown as BundledSpec;
}

let dir: string;
let count = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "unit-emit-validators-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The emitted module, imported: its `responseValidators` table. */
async function load(code: string): Promise<Record<string, Validator | undefined>> {
  const file = join(dir, `validators-${count++}.ts`);
  await writeFile(file, code);
  const module = (await import(pathToFileURL(file).href)) as { responseValidators: Record<string, Validator | undefined> };
  return module.responseValidators;
}

async function validatorsOf(bundled: BundledSpec): Promise<Record<string, Validator | undefined>> {
  return load(emitValidators(bundled));
}

describe("responseSchemas", () => {
  it("reads JSON and problem+json bodies of every operation by `<operationId> <status>`, through response references", () => {
    const bundled = spec(
      { "200": json({ type: "string" }), "404": { $ref: "#/components/responses/NotFound" }, "204": { description: "empty" } },
      {},
      {
        responses: {
          NotFound: { $ref: "#/components/responses/Missing" },
          Missing: { description: "gone", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } },
        },
      },
    );
    expect([...responseSchemas(bundled)]).toEqual([
      ["getA 200", { type: "string" }],
      ["getA 404", { $ref: "#/components/schemas/Problem" }],
    ]);
  });

  it("skips operations without an operationId and responses whose reference leads nowhere", () => {
    const bundled = spec({ "200": json({ type: "string" }), "404": { $ref: "#/components/responses/Nowhere" } });
    (bundled.paths as Record<string, Record<string, unknown>>)["/b"] = { get: { responses: { "200": json({ type: "number" }) } } };
    expect([...responseSchemas(bundled).keys()]).toEqual(["getA 200"]);
  });

  it("follows a chain of 32 response references, and gives up on a longer one (a cycle)", () => {
    const chain = (length: number) => {
      const responses: Record<string, unknown> = { R0: json({ type: "boolean" }) };
      for (let i = 1; i <= length; i++) responses[`R${i}`] = { $ref: `#/components/responses/R${i - 1}` };
      return spec({ "200": { $ref: `#/components/responses/R${length - 1}` } }, {}, { responses });
    };
    expect([...responseSchemas(chain(32)).keys()]).toEqual(["getA 200"]);
    expect([...responseSchemas(chain(33)).keys()]).toEqual([]);
    const cycle = spec({ "200": { $ref: "#/components/responses/A" } }, {}, { responses: { A: { $ref: "#/components/responses/B" }, B: { $ref: "#/components/responses/A" } } });
    expect([...responseSchemas(cycle).keys()]).toEqual([]);
  });
});

describe("emitValidators: what the validators accept", () => {
  it("checks properties, pattern properties and $defs named like prose keywords", async () => {
    const validators = await validatorsOf(
      spec(
        { "200": json({ $ref: "#/components/schemas/A" }) },
        {
          A: {
            type: "object",
            required: ["description"],
            properties: { description: { type: "string" }, count: { $ref: "#/components/schemas/A/$defs/example" } },
            patternProperties: { title: { type: "number" } },
            $defs: { example: { type: "integer" } },
          },
        },
      ),
    );
    const validate = validators["getA 200"];
    expect(validate?.({ description: "x", count: 1, titleCase: 1 })).toBe(true);
    expect(validate?.({ description: 1 })).toBe(false);
    expect(validate?.({ description: "x", count: 1.5 })).toBe(false);
    expect(validate?.({ description: "x", titleCase: "no" })).toBe(false);
    expect(validators.Problem?.({ title: 1 })).toBe(false);
  });

  it("validates against a schema named like a prose keyword", async () => {
    const validate = (await validatorsOf(spec({ "200": json({ $ref: "#/components/schemas/title" }) }, { title: { type: "string" } })))["getA 200"];
    expect(validate?.("x")).toBe(true);
    expect(validate?.(1)).toBe(false);
  });

  it("ignores formats, known or not (checking them would import ajv-formats at run time)", async () => {
    const formats = ["int32", "int64", "float", "double", "set", "uuid", "date-time", "date", "uri", "email", "hostname", "uri-reference", "password"];
    const properties = Object.fromEntries(formats.map((format) => [format, { type: format.startsWith("int") ? "integer" : "string", format }]));
    const validate = (await validatorsOf(spec({ "200": json({ type: "object", properties }) })))["getA 200"];
    expect(validate?.({ int32: 2 ** 40, uuid: "not a uuid", "date-time": "yesterday", email: "nobody", password: "x" })).toBe(true);
  });

  it("accepts union types, properties without a type, and required names not among the properties", async () => {
    const schema = { required: ["other"], properties: { maybe: { type: ["string", "null"] } }, allOf: [{ properties: { n: { type: "number" } } }] };
    const validate = (await validatorsOf(spec({ "200": json(schema) })))["getA 200"];
    expect(validate?.({ other: 1, maybe: null, n: 2 })).toBe(true);
    expect(validate?.({ other: 1, n: "2" })).toBe(false);
  });

  it("names validators past v9 and exports only the table", async () => {
    const responses = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(200 + i), json({ type: "number", maximum: i })]));
    const code = emitValidators(spec(responses));
    expect(code).not.toMatch(/export const v\d/);
    const validators = await load(code);
    expect(validators["getA 211"]?.(11)).toBe(true);
    expect(validators["getA 211"]?.(12)).toBe(false);
  });
});

describe("emitValidators: the Problem fallback", () => {
  it("validates an undeclared error status against the Problem schema when the spec has one", async () => {
    const validators = await validatorsOf(spec({ "200": json({ type: "string" }) }));
    expect(validators.Problem?.({ title: "x" })).toBe(true);
    expect(validators.Problem?.({ title: 1 })).toBe(false);
  });

  it("has no fallback, and no dangling reference, in a spec without a Problem schema", async () => {
    const bundled = spec({ "200": json({ type: "string" }) });
    delete (bundled as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas.Problem;
    const validators = await validatorsOf(bundled);
    expect(Object.keys(validators)).toEqual(["getA 200"]);
    const noComponents = { ...(bundled as unknown as Record<string, unknown>), components: undefined } as unknown as BundledSpec;
    expect(Object.keys(await validatorsOf(noComponents))).toEqual(["getA 200"]);
  });
});

describe("emitValidators: the code", () => {
  it("leaves prose out: descriptions, titles, examples, deprecation, known values, discriminators, external docs", () => {
    const prose = {
      description: "PROSE-description",
      title: "PROSE-title",
      examples: ["PROSE-examples"],
      example: "PROSE-example",
      deprecated: "PROSE-deprecated",
      "x-known-values": ["PROSE-known"],
      discriminator: { propertyName: "PROSE-discriminator" },
      externalDocs: { url: "https://PROSE-docs.invalid" },
    };
    // The enum makes Ajv copy the whole schema into the code.
    const code = emitValidators(spec({ "200": json({ type: "object", ...prose, properties: { k: { enum: ["x"], ...prose } } }) }));
    expect(code).toContain('"enum":["x"]');
    expect(code).not.toContain("PROSE");
  });

  it("copies default values as written, keys named like prose included", () => {
    const code = emitValidators(spec({ "200": json({ type: "object", properties: { k: { enum: ["x"], default: { title: "T", description: "D" } } } }) }));
    expect(code).toContain('"default":{"title":"T","description":"D"}');
  });

  it("keeps words like `import` inside values", async () => {
    const validate = (await validatorsOf(spec({ "200": json({ const: "import this" }) })))["getA 200"];
    expect(validate?.("import this")).toBe(true);
  });

  it("refuses a schema whose code would import a module at run time, saying what to do", () => {
    const bundled = spec({ "200": json({ type: "array", uniqueItems: true, items: { type: "object" } }) });
    expect(() => emitValidators(bundled)).toThrow(
      new Error("emit-validators: the standalone code imports a module at run time; turn off the Ajv option that needs it."),
    );
  });
});
