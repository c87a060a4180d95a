/**
 * Which patterns and formats become template literal types, and that each
 * type accepts what the pattern accepts (checked by the TypeScript checker on
 * sample strings: a type that refused a valid string would reject real configurations).
 */
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { patternType, stringType } from "../../scripts/lib/connectors/string-type.js";

describe("patternType", () => {
  it.each([
    ["^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "`${number}-${number}-${number}`"],
    ["^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", "`${number}-${number}-${number}T${number}:${number}:${number}Z`"],
    ["^$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$", '"" | `${number}-${number}-${number}`'],
    ["^[0-9]{8}T[0-9]{6}Z$", "`${number}T${number}Z`"],
    ["^\\d{4}-\\d{2}$", "`${number}-${number}`"],
    ["^https://$", '"https://"'],
  ])("%s -> %s", (pattern, type) => {
    expect(patternType(pattern)).toBe(type);
  });

  it.each([
    ["unanchored", "[0-9]{4}"],
    ["a class of letters", "^[a-zA-Z0-9]+$"],
    ["any character", "^[0-9]{2}.[0-9]{3}Z$"],
    ["an escaped dot (a decimal would match ${number} around it)", "^[0-9]+\\.[0-9]+$"],
    ["digits that may be absent", "^[0-9]*$"],
    ["a group", "^([0-9]{4})$"],
    ["an optional part", "^[0-9]{4}(T[0-9]{2})?$"],
  ])("leaves %s as string", (_case, pattern) => {
    expect(patternType(pattern)).toBeUndefined();
  });
});

describe("stringType", () => {
  it("prefers the pattern, else the format, else nothing", () => {
    expect(stringType("^[0-9]{4}$", "date-time")).toBe("`${number}`");
    expect(stringType(undefined, "date")).toBe("`${number}-${number}-${number}`");
    expect(stringType("^[a-z]+$", "email")).toBe("`${string}@${string}`");
    expect(stringType(undefined, "int64")).toBeUndefined();
  });

  it("types accept the strings their pattern or format accepts, and refuse some it refuses", () => {
    const cases: Array<[string, string, boolean]> = [
      [stringType("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", undefined) ?? "", "2021-06-30T11:30:03Z", true],
      [stringType("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", undefined) ?? "", "2021-06-30", false],
      [stringType("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", undefined) ?? "", "0001-01-01", true],
      [stringType("^$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$", undefined) ?? "", "", true],
      [stringType(undefined, "date-time") ?? "", "2021-06-30T11:30:03.123+02:00", true],
      [stringType(undefined, "date-time") ?? "", "yesterday", false],
      [stringType(undefined, "email") ?? "", "a@b.c", true],
      [stringType(undefined, "uuid") ?? "", "871d9b60-11d1-44cb-8c92-c246d53bf87e", true],
    ];
    const code = cases.map(([type, value], i) => `export const v${i}: ${type} = ${JSON.stringify(value)};`).join("\n");
    const file = ts.createSourceFile("cases.ts", code, ts.ScriptTarget.ES2022, true);
    const host = ts.createCompilerHost({});
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, ...rest) => (name === "cases.ts" ? file : getSourceFile(name, ...rest));
    const program = ts.createProgram(["cases.ts"], { strict: true, noEmit: true, types: [], lib: ["lib.es2022.d.ts"] }, host);
    const failing = new Set(program.getSemanticDiagnostics(file).map((d) => file.getLineAndCharacterOfPosition(d.start ?? 0).line));
    expect(cases.map(([, value, ok], i) => [value, !failing.has(i)])).toEqual(cases.map(([, value, ok]) => [value, ok]));
  });
});
