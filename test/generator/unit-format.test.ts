/**
 * format.ts in process: where it cuts generated code (splitStatements,
 * statementBatches), and what it hands to prettier. Its promise is twofold:
 * the bytes of one prettier call on the whole file (format.test.ts pins that
 * on real specs), and prettier only where the layout needs it, which is what
 * keeps `npm run generate` fast; prettierInputs sees every prettier call.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  formatByStatement,
  formatGenerated,
  formatInOneCall,
  formatPrinted,
  splitStatements,
  statementBatches,
} from "../../scripts/lib/generate/format.js";
import { prettierInputs } from "../helpers/prettier-inputs.js";

type FormatModule = typeof import("../../scripts/lib/generate/format.js");

const long = (n: number) => Array.from({ length: n }, (_, i) => `"value_number_${i}"`).join(" | ");

/**
 * A module instance of its own, whose prettier options are not read yet,
 * whatever ran before in this worker (test files share their modules).
 */
async function freshFormatModule(): Promise<FormatModule> {
  const url = `../../scripts/lib/generate/format.ts?fresh=${randomUUID()}`;
  return (await import(/* @vite-ignore */ url)) as FormatModule;
}

/** A member line of printed code, 4 spaces deep, that is exactly 100 characters (printWidth) once reindented. */
const memberOfWidth = `    c: "${"x".repeat(92)}";`;

describe("splitStatements", () => {
  it.each([
    ["nothing", "", [], []],
    ["only blank lines", "\n  \n\n", [], []],
    [
      "blank lines before the first statement are dropped",
      "\n\ntype A = 1;\n",
      ["type A = 1;\n"],
      [false],
    ],
    [
      "a line of spaces is a blank line",
      "type A = 1;\n   \ntype B = 2;\n",
      ["type A = 1;\n", "type B = 2;\n"],
      [false, true],
    ],
    [
      "a blank line inside a statement is kept",
      "export interface A {\n    a: 1;\n\n    b: 2;\n}\n",
      ["export interface A {\n    a: 1;\n\n    b: 2;\n}\n"],
      [false],
    ],
    [
      "a `//` comment line ends a statement",
      "type A = 1;\n// c\ntype B = 2;\n",
      ["type A = 1;\n", "// c\n", "type B = 2;\n"],
      [false, false, false],
    ],
    [
      "spaces after the closing `;`",
      "type A = 1;  \ntype B = 2;\n",
      ["type A = 1;  \n", "type B = 2;\n"],
      [false, false],
    ],
    [
      "a `}` inside a line does not end the statement",
      "export type A = { a: 1 } &\nB;\n",
      ["export type A = { a: 1 } &\nB;\n"],
      [false],
    ],
    [
      "an indented line that ends in `;` does not end the statement",
      "export type A = F<\n    B;\nC>;\n",
      ["export type A = F<\n    B;\nC>;\n"],
      [false],
    ],
    [
      "a line in column 0 that starts with `]` continues the statement",
      "export const a = [{\n    b: 1,\n}\n] as const;\n",
      ["export const a = [{\n    b: 1,\n}\n] as const;\n"],
      [false],
    ],
  ])("%s", (_, code, chunks, blanks) => {
    const split = splitStatements(code);
    expect(split.map((c) => c.code)).toEqual(chunks);
    expect(split.map((c) => c.blankBefore)).toEqual(blanks);
  });
});

describe("statementBatches", () => {
  const four = "type A = 1;\ntype B = 2;\ntype C = 3;\ntype D = 4;\n";
  it.each([
    [
      "a file that starts with a statement, in one batch",
      "type A = 1;\ntype B = 2;\n",
      1000,
      ["type A = 1;\ntype B = 2;\n"],
      [false],
    ],
    [
      "cut as soon as a batch reaches batchChars",
      four,
      23,
      ["type A = 1;\ntype B = 2;\n", "type C = 3;\ntype D = 4;\n"],
      [false, false],
    ],
    [
      "a blank line of spaces before a batch",
      "type A = 1;\n  \ntype B = 2;\n",
      1,
      ["type A = 1;\n", "type B = 2;\n"],
      [false, true],
    ],
    [
      "comments after the last statement stay in the last batch",
      "type A = 1;\ntype B = 2;\n// end\n",
      1,
      ["type A = 1;\n", "type B = 2;\n// end\n"],
      [false, false],
    ],
  ])("%s", (_, code, batchChars, batches, blanks) => {
    const cut = statementBatches(code, "x.ts", batchChars);
    expect(cut.map((c) => c.code)).toEqual(batches);
    expect(cut.map((c) => c.blankBefore)).toEqual(blanks);
  });

  it("a file larger than the batch size keeps the comments after its last statement", async () => {
    const code = "type A = 1;\ntype B = 2;\n// end\n";
    expect(await formatByStatement(code, "x.ts", 5)).toBe("type A = 1;\ntype B = 2;\n// end\n");
  });

  it("a file larger than the batch size with no statement, only comments, is formatted whole, not emptied", async () => {
    const code = "// one\n/** two */\n";
    expect(await formatByStatement(code, "x.ts", 5)).toBe("// one\n/** two */\n");
  });
});

describe("prettier calls of formatByStatement and formatGenerated", () => {
  // A leading blank line: a batch starts at its first statement, so one call on the whole text is told apart.
  const small = "\n// x\nexport type A = 1;\n\nexport type B = 2;\n";

  it("a file within the batch size (256 KB) is one prettier call on the whole text, unless printed", async () => {
    const whole = await formatInOneCall(small, "schemas.ts");
    const { result, inputs } = await prettierInputs(() => formatGenerated(small, "schemas.ts"));
    expect(inputs).toEqual([small]);
    expect(result).toBe(whole);
  });

  it("a file of exactly the batch size is still one call", async () => {
    const { inputs } = await prettierInputs(() =>
      formatByStatement(small, "schemas.ts", small.length),
    );
    expect(inputs).toEqual([small]);
  });

  it("a larger file: one call per batch, the same bytes", async () => {
    const { result, inputs } = await prettierInputs(() =>
      formatByStatement("type A = 1;\ntype B = 2;\n", "x.ts", 11),
    );
    expect(inputs).toEqual(["type A = 1;\n", "type B = 2;\n"]);
    expect(result).toBe("type A = 1;\ntype B = 2;\n");
  });

  it("printed code whose statement cannot go through prettier on its own is formatted whole", async () => {
    // Column 0 inside a template literal: the cut after `a;` leaves a statement that does not parse.
    const raw = `export const a = \`a;\n${"b".repeat(110)}\n\`;\n`;
    await expect(formatPrinted(raw, "openapi.ts")).rejects.toThrow();
    expect(await formatGenerated(raw, "openapi.ts", true)).toBe(
      await formatInOneCall(raw, "openapi.ts"),
    );
  });
});

describe("formatPrinted: prettier only for the lines that need it", () => {
  it("lines within printWidth and JSDoc of any length are reindented without prettier; blank lines between statements stay", async () => {
    const raw = [
      "export interface A {",
      "    /**",
      `     * @description ${"word ".repeat(30)}`,
      "     */",
      "    a: {",
      "        b: string;",
      "    };",
      memberOfWidth,
      "}",
      "",
      "export type B = 1;",
      "",
    ].join("\n");
    const whole = await formatInOneCall(raw, "openapi.ts");
    const { result, inputs } = await prettierInputs(() => formatPrinted(raw, "openapi.ts"));
    expect(inputs).toEqual([]);
    expect(result).toBe(whole);
    expect(result).toContain(`}\n\nexport type B = 1;\n`);
  });

  it("a long member goes through prettier alone, inside as many type literals as it is deep", async () => {
    // `//` in a string: the line is code, not a comment.
    const member = `c: "https://example.test/" | ${long(10)};`;
    const raw = `export interface A {\n    a: {\n        b: {\n            ${member}\n        };\n    };\n}\n`;
    const whole = await formatInOneCall(raw, "openapi.ts");
    const { result, inputs } = await prettierInputs(() => formatPrinted(raw, "openapi.ts"));
    expect(inputs).toEqual([
      `type __ = {\n  __: {\n    __: {\n      ${member}\n    };\n  };\n};\n`,
    ]);
    expect(result).toBe(whole);
    expect(result).toContain(
      `      c:\n        | "https://example.test/"\n        | "value_number_0"\n`,
    );
  });

  it.each([
    ["at an odd indentation", `export interface A {\n     c: ${long(12)};\n}\n`],
    [
      "that does not end in `;`",
      `export interface A {\n    a: ${long(12)} | {\n        b: string;\n    };\n}\n`,
    ],
    ["at the top level", `export type A = {\n    a: 1;\n} | ${long(12)};\n`],
  ])("a long line %s: its statement goes through prettier", async (_, raw) => {
    const whole = await formatInOneCall(raw, "openapi.ts");
    const { result, inputs } = await prettierInputs(() => formatPrinted(raw, "openapi.ts"));
    expect(inputs).toEqual([raw]);
    expect(result).toBe(whole);
  });

  it("a long line that closes a type literal: tried as a member, then its statement goes through prettier", async () => {
    const line = `} | { c: ${long(12)};`;
    const raw = `export type A = {\n    a: 1;\n    ${line}\n};\n`;
    const whole = await formatInOneCall(raw, "openapi.ts");
    const { result, inputs } = await prettierInputs(() => formatPrinted(raw, "openapi.ts"));
    expect(inputs).toEqual([`type __ = {\n  ${line}\n};\n`, raw]);
    expect(result).toBe(whole);
  });
});

it("a file that is not TypeScript is formatted by the parser its name calls for", async () => {
  expect(await formatInOneCall("# Title\n* a\n", "README.md")).toBe("# Title\n\n- a\n");
});

describe("the prettier configuration (.prettierrc.json) is read by whichever call comes first", () => {
  it("a first prettier call: printWidth 100", async () => {
    const format = await freshFormatModule();
    const line = `export const a = [${Array.from({ length: 10 }, (_, i) => `"v${i}"`).join(", ")}, "abcdefghijkl"];\n`;
    expect(line.length).toBeGreaterThan(81);
    expect(await format.formatInOneCall(line, "schemas.ts")).toBe(line);
  });

  it("a first formatPrinted: a line of 100 characters needs no prettier", async () => {
    const format = await freshFormatModule();
    const raw = `export interface A {\n${memberOfWidth}\n}\n`;
    const { result, inputs } = await prettierInputs(() => format.formatPrinted(raw, "openapi.ts"));
    expect(inputs).toEqual([]);
    expect(result).toBe(`export interface A {\n${memberOfWidth.slice(2)}\n}\n`);
  });
});
