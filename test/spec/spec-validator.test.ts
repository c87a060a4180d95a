/**
 * scripts/lib/spec/validator.ts on a small in-memory spec: each kind of
 * difference is named with the JSON pointer of the bad value, open enums
 * accept new values, and `#/components/...` refs resolve into the spec.
 */
import { describe, expect, it } from "vitest";
import { createSpecValidator, openEnumNotes, type ValidationIssue } from "../../scripts/lib/spec/validator.js";

const bundled = {
  openapi: "3.1.0",
  components: {
    schemas: {
      Status: { type: "string", enum: ["running", "succeeded"], "x-open-enum": true },
      Kind: { type: "string", enum: ["sync", "reset"] },
      Job: {
        type: "object",
        required: ["jobId", "status"],
        properties: {
          jobId: { type: "integer", format: "int64" },
          status: { $ref: "#/components/schemas/Status" },
          kind: { $ref: "#/components/schemas/Kind" },
          connectionId: { type: "string", format: "uuid" },
          note: { type: ["string", "null"] },
          tags: { type: "array", items: { $ref: "#/components/schemas/Tag" } },
        },
      },
      Tag: {
        type: "object",
        required: ["name"],
        "x-speakeasy-entity": "Tag",
        properties: { name: { type: "string" }, "a/b": { type: "string" }, "x-color": { type: "string", "x-vendor": 1 } },
      },
      Flag: { const: { "x-on": true } },
      Shape: {
        oneOf: [
          { type: "object", required: ["circle"], properties: { circle: { type: "number" } }, additionalProperties: false },
          { type: "object", required: ["square", "side"], properties: { square: { const: true }, side: { type: "number" } }, additionalProperties: false },
        ],
        discriminator: { propertyName: "kind" },
      },
    },
  },
};

const job = { $ref: "#/components/schemas/Job" };
const validator = createSpecValidator(bundled);
const simplify = (issues: ValidationIssue[]) => issues.map(({ pointer, kind }) => `${pointer} ${kind ?? ""}`);

describe("spec validator", () => {
  const cases: Array<[string, unknown, unknown, string[]]> = [
    ["a valid job", job, { jobId: 1, status: "running", kind: "sync", note: null, tags: [{ name: "x" }] }, []],
    ["an open enum's new value is valid", job, { jobId: 1, status: "queued" }, []],
    ["a closed enum's new value is not", job, { jobId: 1, status: "running", kind: "refresh" }, ["/kind unknown-enum-value"]],
    ["a null where the spec has no null", job, { jobId: null, status: "running" }, ["/jobId unexpected-null"]],
    ["a missing required field, pointed at where it belongs", job, { jobId: 2 }, ["/status missing-required"]],
    ["deep in an array", job, { jobId: 2, status: "running", tags: [{ name: "a" }, {}] }, ["/tags/1/name missing-required"]],
    ["a wrong type", job, { jobId: "2", status: "running" }, ["/jobId wrong-type"]],
    ["a bad uuid", job, { jobId: 2, status: "running", connectionId: "nope" }, ["/connectionId other"]],
    ["int32 must fit 32 bits", { type: "integer", format: "int32" }, 2 ** 40, [" other"]],
    ["pointer tokens are escaped", { $ref: "#/components/schemas/Tag" }, { name: "n", "a/b": 1 }, ["/a~1b wrong-type"]],
    ["an inline schema with refs", { type: "array", items: job }, [{ jobId: 1, status: "x" }, { status: "x" }], ["/1/jobId missing-required"]],
    ["a oneOf reports only its closest branch", { $ref: "#/components/schemas/Shape" }, { square: true, side: "2" }, ["/side wrong-type"]],
    ["a property named x-... is still checked", { $ref: "#/components/schemas/Tag" }, { name: "n", "x-color": 3 }, ["/x-color wrong-type"]],
    ["a const holding x- keys keeps them", { $ref: "#/components/schemas/Flag" }, { "x-on": false }, [" other"]],
    ["a oneOf that matches", { $ref: "#/components/schemas/Shape" }, { circle: 1 }, []],
  ];
  it.each(cases)("%s", (_name, schema, value, want) => {
    expect(simplify(validator.validate(schema, value))).toEqual(want);
  });

  it("messages say what was found and what the spec wants", () => {
    const issues = validator.validate(job, { jobId: null, kind: "refresh" });
    expect(issues.map((i) => `${i.pointer}: ${i.message}`)).toEqual([
      "/status: required property \"status\" is missing",
      "/jobId: is null, but the spec says integer",
      '/kind: "refresh" is not one of "sync", "reset"',
    ]);
  });

  it("names both types of a nullable field", () => {
    expect(validator.validate(job, { jobId: 1, status: "running", note: 5 })).toEqual([
      { pointer: "/note", message: "is a number, but the spec says string or null", kind: "wrong-type" },
    ]);
  });

  it("notes the unknown values of open enums without failing them", () => {
    expect(openEnumNotes(validator, job, { jobId: 1, status: "queued", kind: "sync" })).toEqual([
      { pointer: "/status", value: "queued", known: ["running", "succeeded"] },
    ]);
    expect(openEnumNotes(validator, job, { jobId: 1, status: "running" })).toEqual([]);
  });

  it("keeps the bundled spec it validates against", () => {
    expect(validator.bundled).toBe(bundled);
  });
});
