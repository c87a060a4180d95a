/**
 * openapi.ts is formatted without running prettier over all of it
 * (formatPrinted); that must give exactly what one prettier call on the
 * whole file gives, for what openapi-typescript prints from our specs and
 * for the shapes that take the slower paths.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OpenAPI3 } from "openapi-typescript";
import { emitOperations, emitSchemas } from "../../scripts/lib/generate/emit-operations.js";
import { emitTypes } from "../../scripts/lib/generate/emit-types.js";
import { formatByStatement, formatGenerated, formatInOneCall, formatPrinted, splitStatements } from "../../scripts/lib/generate/format.js";
import { readOperations, readSchemas, type BundledSpec } from "../../scripts/lib/generate/model.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";
import { repoRoot } from "../helpers/run.js";

const printed = async (spec: string) => emitTypes((await bundleSpec(join(repoRoot, spec))) as OpenAPI3);
const long = (n: number) => Array.from({ length: n }, (_, i) => `"value_number_${i}"`).join(" | ");

describe("formatting what the TypeScript printer wrote", () => {
  it.each([
    ["the repository's spec", "spec/openapi.yaml"],
    ["the open-enum fixture", "test/fixtures/specs/open-enum/openapi.yaml"],
    ["the operations fixture", "test/fixtures/specs/operations/openapi.yaml"],
  ])("%s: the same bytes as one prettier call", async (_, spec) => {
    const raw = await printed(spec);
    expect(await formatPrinted(raw, "openapi.ts")).toBe(await formatInOneCall(raw, "openapi.ts"));
  });

  it.each([
    ["a long member, nested", `export interface A {\n    a: {\n        b: {\n            c: ${long(12)};\n        };\n    };\n}\n`],
    ["a long union that fits on the next line", `export interface A {\n    a: {\n        name: ${long(5)};\n    };\n}\n`],
    ["a long top-level statement (prettier on that statement)", `export type A = ${long(12)};\ntype B = 1;\n`],
    ["a long line that is not a whole member", `export interface A {\n    a: ${long(12)} | {\n        b: string;\n    };\n}\n`],
    ["JSDoc comments, long or not, are kept as they are", `export interface A {\n    /**\n     * @description ${"word ".repeat(30)}\n     */\n    a: string;\n}\n`],
  ])("%s: the same bytes as one prettier call", async (_, raw) => {
    expect(await formatPrinted(raw, "openapi.ts")).toBe(await formatInOneCall(raw, "openapi.ts"));
  });

  it("code that does not parse a statement at a time is formatted whole", async () => {
    // The closing brace in column 0 of a template literal splits it in two.
    const raw = "export const a = `\n}\n`;\nexport type B = 1;\n";
    expect(await formatGenerated(raw, "openapi.ts", true)).toBe(await formatInOneCall(raw, "openapi.ts"));
  });

  it.each([
    ["the repository's spec", "spec/openapi.yaml"],
    ["the operations fixture", "test/fixtures/specs/operations/openapi.yaml"],
  ])("%s: operations.ts and schemas.ts in runs of statements, the same bytes as one prettier call", async (_, spec) => {
    const bundled = (await bundleSpec(join(repoRoot, spec))) as BundledSpec;
    const schemas = readSchemas(bundled);
    for (const [name, raw] of [
      ["operations.ts", emitOperations(readOperations(bundled), schemas.map((s) => s.name))],
      ["schemas.ts", emitSchemas(schemas)],
    ] as const) {
      const whole = await formatInOneCall(raw, name);
      // Runs of a few KB as well as the default, so that the test cuts the fixture's file too.
      expect(await formatByStatement(raw, name), name).toBe(whole);
      expect(await formatByStatement(raw, name, 2000), name).toBe(whole);
    }
  });

  it("cut between statements: comments go with the statement after them, blank lines between them are kept", async () => {
    const raw = `// header\n\nimport type {A} from "./a.js";\n/** B */\nexport interface B {\nb: A;\n}\n\n\n// c\n\nconst c = {x: 1} as const;\nexport type D = typeof c;\n`;
    // One statement a run: every cut is tested.
    expect(await formatByStatement(raw, "operations.ts", 1)).toBe(await formatInOneCall(raw, "operations.ts"));
  });

  it.each([
    ["statements on consecutive lines", "type A = 1;\ntype B = 2;\n", ["type A = 1;\n", "type B = 2;\n"], [false, false]],
    ["a blank line between them is kept", "type A = 1;\n\ntype B = 2;\n", ["type A = 1;\n", "type B = 2;\n"], [false, true]],
    ["a comment stays with its statement", "type A = 1;\n/** B */\ntype B = 2;\n", ["type A = 1;\n", "/** B */\ntype B = 2;\n"], [false, false]],
    [
      "a multi-line statement is not split",
      "export interface A {\n    a: {\n        b: string;\n    };\n}\nexport type B = {\n    c: 1;\n} | null;\n",
      ["export interface A {\n    a: {\n        b: string;\n    };\n}\n", "export type B = {\n    c: 1;\n} | null;\n"],
      [false, false],
    ],
  ])("splitting: %s", (_, code, chunks, blanks) => {
    const split = splitStatements(code);
    expect(split.map((c) => c.code)).toEqual(chunks);
    expect(split.map((c) => c.blankBefore)).toEqual(blanks);
  });
});
