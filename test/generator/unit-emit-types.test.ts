/**
 * generated/openapi.ts from a bundled document, in process: the options the
 * emitter pins for openapi-typescript (optional defaults, deprecated fields
 * kept, empty objects), open enums with their null, and no console output of
 * openapi-typescript's own (problems are the linter's to report).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OpenAPI3 } from "openapi-typescript";
import { emitTypes } from "../../scripts/lib/generate/emit-types.js";

/** A document with one operation answering schema `A`; `schemas` and `components` add to it (a fresh object per call: emitTypes marks discriminators in it). */
function spec(schemas: Record<string, unknown>, components: Record<string, unknown> = {}): OpenAPI3 {
  return {
    openapi: "3.1.0",
    info: { title: "Unit", version: "1.0.0" },
    paths: {
      "/a": {
        post: {
          operationId: "postA",
          requestBody: { $ref: "#/components/requestBodies/ABody" },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } } } },
        },
      },
    },
    components: {
      requestBodies: { ABody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } } } },
      schemas: { A: { type: "object", properties: {} }, ...schemas },
      ...components,
    },
  } as unknown as OpenAPI3;
}

/** The emitted text of property `name` of schema `A` (its declaration line). */
async function propertyOf(property: Record<string, unknown>, required: string[] = []): Promise<string> {
  const text = await emitTypes(spec({ A: { type: "object", required, properties: { p: property } } }));
  const line = text.split("\n").find((l) => /^\s+p\??: /.test(l));
  return line?.trim() ?? `no property p in:\n${text}`;
}

describe("emitTypes: schema options", () => {
  it("a field with a default stays optional (the server fills it in; we need not send it)", async () => {
    expect(await propertyOf({ type: "string", default: "x" })).toBe("p?: string;");
  });

  it("a deprecated field is still typed", async () => {
    expect(await propertyOf({ type: "string", deprecated: true })).toBe("p?: string;");
  });

  it("an object without properties admits no keys", async () => {
    expect(await propertyOf({ type: "object" })).toBe("p?: Record<string, never>;");
  });

  it("a request body by reference is required when the referenced body says so", async () => {
    expect(await emitTypes(spec({}))).toMatch(/postA: \{[^]*?\n {8}requestBody: components\["requestBodies"\]\["ABody"\];/);
  });
});

describe("emitTypes: open enums", () => {
  it("keep null when it is among the values", async () => {
    expect(await propertyOf({ type: "string", enum: ["a", null], "x-open-enum": true })).toBe('p?: ("a" | (string & {})) | null;');
  });

  it("keep null when the type lists it", async () => {
    expect(await propertyOf({ type: ["string", "null"], enum: ["a"], "x-open-enum": true })).toBe('p?: ("a" | (string & {})) | null;');
  });

  it("are not nullable otherwise", async () => {
    expect(await propertyOf({ type: "string", enum: ["a", "b"], "x-open-enum": true })).toBe('p?: "a" | "b" | (string & {});');
  });
});

describe("emitTypes: quiet", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("prints none of openapi-typescript's warnings (a bad discriminator mapping, an unresolvable allOf reference)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const text = await emitTypes(
      spec({
        Pet: { oneOf: [{ $ref: "#/components/schemas/Cat" }], discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } } },
        Cat: { type: "string" },
        B: { allOf: [{ $ref: "#/components/schemas/Missing" }], required: ["x"] },
      }),
    );
    expect(text).toContain('B: components["schemas"]["Missing"];');
    expect(warn).not.toHaveBeenCalled();
  });
});
