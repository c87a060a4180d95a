/**
 * patternType and stringType on the edges of what they accept: anchors,
 * digit runs and their quantifiers, escaped literal characters, and the formats.
 * Each exact type is what a string schema's field gets in the generated declarations.
 */
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../scripts/lib/connectors/json-schema.js";
import { TypeRenderer } from "../../scripts/lib/connectors/render-type.js";
import { patternType, stringType } from "../../scripts/lib/connectors/string-type.js";

describe("patternType: anchors", () => {
  it.each([
    ["no anchor", "abc"],
    ["no end anchor", "^abc"],
    ["no start anchor", "abc$"],
    ["a branch without its anchors", "^a$|b"],
    ["an escaped dollar at the end (a literal $, no end anchor)", "^a\\$"],
  ])("leaves %s as string", (_case, pattern) => {
    expect(patternType(pattern)).toBeUndefined();
  });
});

describe("patternType: digit runs", () => {
  it.each([
    ["^[0-9]$", "`${number}`"],
    ["^\\d-\\d$", "`${number}-${number}`"],
    ["^[0-9]{10}$", "`${number}`"],
    ["^[0-9]{1,12}$", "`${number}`"],
    ["^[0-9]{2,}x$", "`${number}x`"],
    ["^[0-9]+:[0-9]+$", "`${number}:${number}`"],
  ])("%s -> %s", (pattern, type) => {
    expect(patternType(pattern)).toBe(type);
  });

  it("two runs side by side are one placeholder", () => {
    expect(patternType("^[0-9]{2}\\d{2}$")).toBe("`${number}`");
    expect(patternType("^[0-9]{4}[0-9]{2}-[0-9]$")).toBe("`${number}-${number}`");
  });
});

describe("patternType: literal characters", () => {
  it("drops the backslash of an escaped literal character", () => {
    expect(patternType("^a\\-b\\/c\\:d\\_e\\ f\\@g\\#h$")).toBe('"a-b/c:d_e f@g#h"');
    expect(patternType("^\\T[0-9]\\Z$")).toBe("`T${number}Z`");
  });

  it("escapes a backtick inside a template literal type", () => {
    expect(patternType("^a`[0-9]$")).toBe("`a\\`${number}`");
  });

  it("a backtick in a pattern without digits is a plain string literal type", () => {
    expect(patternType("^a`b$")).toBe('"a`b"');
  });
});

describe("stringType: formats", () => {
  it.each([
    ["date", "`${number}-${number}-${number}`"],
    ["date-time", "`${number}-${number}-${number}${string}`"],
    ["email", "`${string}@${string}`"],
    ["uri", "`${string}:${string}`"],
    ["uuid", "`${string}-${string}-${string}-${string}-${string}`"],
  ])("format %s -> %s", (format, type) => {
    expect(stringType(undefined, format)).toBe(type);
  });

  it("ignores a format that is not a string", () => {
    expect(stringType(undefined, ["date"])).toBeUndefined();
    const renderer = new TypeRenderer();
    expect(renderer.render({ type: "string", format: ["uri"] } as unknown as JsonSchema, "", 0)).toBe("string");
  });
});
