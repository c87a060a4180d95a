/**
 * Generated openapi.ts is formatted one top-level statement at a time (to
 * bound prettier's memory); that must give exactly what one prettier call on
 * the whole file gives.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatByStatement, formatInOneCall, splitStatements } from "../../scripts/lib/format.js";
import { repoRoot } from "../helpers/run.js";

describe("formatting statement by statement", () => {
  it.each([
    ["the repository's generated/openapi.ts", "generated/openapi.ts"],
    ["the open-enum fixture", "test/generator/__snapshots__/open-enum/openapi.ts"],
    ["the operations fixture", "test/generator/__snapshots__/operations/openapi.ts"],
  ])("%s: the same bytes as one prettier call", async (_, file) => {
    const text = await readFile(join(repoRoot, file), "utf8");
    // Unformat it the way the TypeScript printer writes it: 4-space indents, no trailing commas.
    const raw = text.replace(/^( +)/gm, (spaces) => spaces + spaces).replace(/,\n/g, "\n");
    expect(splitStatements(raw).length).toBeGreaterThan(3);
    expect(await formatByStatement(raw, "openapi.ts")).toBe(await formatInOneCall(raw, "openapi.ts"));
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
  ])("%s", (_, code, chunks, blanks) => {
    const split = splitStatements(code);
    expect(split.map((c) => c.code)).toEqual(chunks);
    expect(split.map((c) => c.blankBefore)).toEqual(blanks);
  });
});
