/**
 * docComment, the doc comment of a field in the generated declarations: the
 * exact text for titles, descriptions and tags, as a field's comment
 * (pad "  ") and through TypeRenderer as emit.ts renders a property.
 */
import { describe, expect, it } from "vitest";
import { docComment, TypeRenderer } from "../../scripts/lib/connectors/render-type.js";

describe("docComment", () => {
  it("is empty for a schema with nothing to say", () => {
    expect(docComment({ type: "string" }, "  ")).toBe("");
  });

  it("trims a paragraph and the end of its lines, and keeps the indentation inside it", () => {
    expect(docComment({ title: "T", description: "\n  First line.  \n    indented line\t\n" }, "  ")).toBe(
      ["  /**", "   * T", "   *", "   * First line.", "   *     indented line", "   */"].join("\n"),
    );
  });

  it("skips a title or description made of white space", () => {
    expect(docComment({ title: "  \n ", description: "D" }, "")).toBe("/**\n * D\n */");
    expect(docComment({ title: "T", description: " \n " }, "")).toBe("/**\n * T\n */");
  });

  it("has a tag per example, from examples or from example", () => {
    expect(docComment({ examples: ["a", 2] }, "")).toBe('/**\n * @example "a"\n * @example 2\n */');
    expect(docComment({ example: "x" }, "")).toBe('/**\n * @example "x"\n */');
  });

  it("is written above the property it documents", () => {
    const renderer = new TypeRenderer();
    expect(renderer.render({ type: "object", properties: { a: { type: "integer", description: " The port. ", default: 5432 } } }, "", 0)).toBe(
      "{\n  /**\n   * The port.\n   * @default 5432\n   */\n  a?: number;\n}",
    );
  });
});
