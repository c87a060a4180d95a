/**
 * What spec:diff refuses to judge (a LoadError: one line naming the file, exit
 * 2 in the CLI), and where it says a change is: the file and line of the
 * head spec a person edits, across `$ref`s into other files.
 */
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSpecs } from "../../scripts/lib/diff/classify.js";
import { BaseError } from "../../scripts/lib/diff/git.js";
import { loadSpec } from "../../scripts/lib/diff/load.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-spec-diff-load-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const minimal = "openapi: 3.1.0\ninfo: { title: T, version: '1' }\n";

async function refusal(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(dir, "case-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(root, name, ".."), { recursive: true });
    await writeFile(join(root, name), text);
  }
  const error = await loadSpec(join(root, "openapi.yaml"), "working tree", root).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BaseError);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  return message;
}

describe("spec:diff refuses what it cannot read, naming the file", () => {
  it.each([
    ["Swagger 2.0", { "openapi.yaml": "swagger: '2.0'\ninfo: { title: T, version: '1' }\npaths: {}\n" }, 'The working tree spec (openapi.yaml) is Swagger "2.0": spec:diff reads OpenAPI 3.x only; convert it first (e.g. npx swagger2openapi).'],
    ["an OpenAPI 2.x version", { "openapi.yaml": "openapi: 2.0.0\npaths: {}\n" }, 'The working tree spec (openapi.yaml) is not OpenAPI 3.x: its openapi field is "2.0.0".'],
    ["no openapi field", { "openapi.yaml": "info: { title: T }\npaths: {}\n" }, "The working tree spec (openapi.yaml) is not OpenAPI 3.x: its openapi field is missing."],
    ["no paths", { "openapi.yaml": minimal }, "The working tree spec (openapi.yaml) is not an OpenAPI document: it has no paths."],
    ["a list at the root", { "openapi.yaml": "- a\n" }, "The working tree spec (openapi.yaml) is not an OpenAPI document: its root is not a mapping."],
    [
      "a local $ref to nothing",
      { "openapi.yaml": `${minimal}paths:\n  /a:\n    get:\n      responses:\n        '200': { $ref: '#/components/responses/Gone' }\n` },
      "The working tree spec has a broken $ref #/components/responses/Gone (openapi.yaml:7): it points at nothing. Fix the ref, or diff against another --base.",
    ],
    [
      "a $ref to a missing file",
      { "openapi.yaml": `${minimal}paths:\n  /a: { $ref: paths/a.yaml }\n` },
      "The working tree spec has a broken $ref paths/a.yaml (openapi.yaml:4): no file paths/a.yaml. Fix the ref, or diff against another --base.",
    ],
    [
      "a $ref to a missing place in another file",
      { "openapi.yaml": `${minimal}paths:\n  /a: { $ref: 'paths/a.yaml#/nope' }\n`, "paths/a.yaml": "get: { responses: {} }\n" },
      "The working tree spec has a broken $ref paths/a.yaml#/nope (openapi.yaml:4): it points at nothing. Fix the ref, or diff against another --base.",
    ],
    ["a remote $ref", { "openapi.yaml": `${minimal}paths:\n  /a: { $ref: 'https://example.com/a.yaml' }\n` }, "The working tree spec has a remote $ref https://example.com/a.yaml (openapi.yaml:4): spec:diff reads local files only; bundle the spec first."],
  ])("%s", async (_name, files, expected) => {
    expect(await refusal(files)).toBe(expected);
  });

  it("a file that does not parse, with its line and the parser's first line, without its position", async () => {
    const text = `${minimal}paths:\n  /a:\n    get:\n      responses: {}\n  /b:\n    get:\n      summary: x\n      description: a: b\n`;
    expect(await refusal({ "openapi.yaml": text })).toBe(
      "The working tree spec does not parse (openapi.yaml:10): Nested mappings are not allowed in compact mappings. Fix its YAML, or diff against another --base.",
    );
  });

  it.each([
    ["3.1", "v3.1.0", "3.1.0-rc1"],
    ["3.10.1", "4.0.0", "3.1.0.1"],
    ["3.0.10", "3", "3.x"],
  ])("the openapi field: %s is OpenAPI 3.x; %s and %s are not", async (fits, ...others) => {
    const spec = (version: string) => ({ "openapi.yaml": `openapi: '${version}'\npaths: {}\n` });
    const root = await mkdtemp(join(dir, "version-"));
    await writeFile(join(root, "openapi.yaml"), spec(fits)["openapi.yaml"]);
    expect((await loadSpec(join(root, "openapi.yaml"), "working tree", root)).doc.root.openapi).toBe(fits);
    for (const version of others) expect(await refusal(spec(version))).toBe(`The working tree spec (openapi.yaml) is not OpenAPI 3.x: its openapi field is "${version}".`);
  });

  it("a file missing from two $refs: named at the first one", async () => {
    const text = `${minimal}paths:\n  /a: { $ref: paths/a.yaml }\n  /b: { $ref: paths/a.yaml }\n`;
    expect(await refusal({ "openapi.yaml": text })).toBe(
      "The working tree spec has a broken $ref paths/a.yaml (openapi.yaml:4): no file paths/a.yaml. Fix the ref, or diff against another --base.",
    );
  });

  it("a root file that is not there", async () => {
    expect(await refusal({ "other.yaml": minimal })).toBe("The working tree has no spec file at openapi.yaml: pass --base <ref | spec file> pointing at an OpenAPI root file.");
  });

  it("a YAML alias bomb, in a file a $ref reaches", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    const message = await refusal({ "openapi.yaml": `${minimal}paths:\n  /a: { $ref: bomb.yaml }\n`, "bomb.yaml": `${bomb}\n` });
    expect(message).toBe("The working tree spec does not parse (bomb.yaml): Excessive alias count indicates a resource exhaustion attack. Fix its YAML, or diff against another --base.");
  });

  it("a YAML alias that contains itself", async () => {
    expect(await refusal({ "openapi.yaml": `${minimal}paths:\n  /a: &loop\n    get: { responses: {} }\n    x-self: *loop\n` })).toBe(
      "The working tree spec does not parse (openapi.yaml): a YAML alias contains itself. Fix its YAML, or diff against another --base.",
    );
  });
});

describe("what spec:diff reads", () => {
  it("a key written twice in a mapping: the last one counts", async () => {
    const root = await mkdtemp(join(dir, "twice-"));
    await writeFile(join(root, "openapi.yaml"), `${minimal}paths:\n  /a: { summary: first }\n  /a: { summary: second }\n`);
    expect((await loadSpec(join(root, "openapi.yaml"), "working tree", root)).doc.root.paths).toEqual({ "/a": { summary: "second" } });
  });

  it("a file with the same text on both sides is parsed once: both sides hold the same value (the comparison skips it)", async () => {
    const root = await mkdtemp(join(dir, "shared-"));
    const text = "type: object\nproperties:\n  id: { type: string }\n";
    for (const side of ["base", "head"]) {
      await mkdir(join(root, side));
      await writeFile(join(root, side, "openapi.yaml"), `${minimal}paths: {}\ncomponents:\n  schemas:\n    Thing: { $ref: Thing.yaml }\n`);
      await writeFile(join(root, side, "Thing.yaml"), text);
    }
    const base = await loadSpec(join(root, "base/openapi.yaml"), "base", root);
    const head = await loadSpec(join(root, "head/openapi.yaml"), "head", root);
    const thing = (spec: typeof base, side: string) => spec.doc.files.get(join(root, side, "Thing.yaml"));
    expect(thing(base, "base")).toEqual({ type: "object", properties: { id: { type: "string" } } });
    expect(thing(head, "head")).toBe(thing(base, "base"));
  });

  it("names the line of any place in its files: through an alias, in a list, the nearest existing place, nothing outside them", async () => {
    const root = await mkdtemp(join(dir, "places-"));
    await writeFile(
      join(root, "openapi.yaml"),
      `${minimal}paths:\n  /a:\n    get: &op\n      tags:\n        - one\n        - two\n      responses: {}\n  /b:\n    get: *op\n`,
    );
    const file = join(root, "openapi.yaml");
    const locate = await (await loadSpec(file, "working tree", root)).locator();
    expect(locate(`${file}#/paths/~1a/get/tags/1`)).toEqual({ file: "openapi.yaml", line: 8 });
    expect(locate(`${file}#/paths/~1b/get/tags/0`)).toEqual({ file: "openapi.yaml", line: 7 });
    expect(locate(`${file}#/paths/~1b/get/responses/200/description`)).toEqual({ file: "openapi.yaml", line: 9 });
    expect(locate(`${file}#/paths/~1a/get/tags/5`)).toEqual({ file: "openapi.yaml", line: 7 });
    expect(locate(`${file}#/paths/~1a/get/tags/0/deeper`)).toEqual({ file: "openapi.yaml", line: 7 });
    expect(locate(`${file}#`)).toEqual({ file: "openapi.yaml", line: 1 });
    expect(locate(`${join(root, "other.yaml")}#/paths`)).toBeNull();
  });
});

/** Writes the base and the head spec files into a new folder and loads both. */
async function loadPair(prefix: string, base: Record<string, string>, head: Record<string, string>) {
  const root = await mkdtemp(join(dir, prefix));
  for (const [side, files] of [["base", base], ["head", head]] as const) {
    for (const [name, text] of Object.entries(files)) {
      await mkdir(join(root, side, name, ".."), { recursive: true });
      await writeFile(join(root, side, name), text);
    }
  }
  return { base: await loadSpec(join(root, "base/openapi.yaml"), "base", root), head: await loadSpec(join(root, "head/openapi.yaml"), "head", root) };
}

describe("where spec:diff says a change is", () => {
  it("the line in the file a $ref leads to: a path file, a schema file, the root", async () => {
    const spec = (limit: number, op: string) => ({
      "openapi.yaml": `${minimal}paths:\n  /things: { $ref: paths/things.yaml }\ncomponents:\n  schemas:\n    Thing: { $ref: schemas/Thing.yaml }\n`,
      "paths/things.yaml": `get:\n  operationId: ${op}\n  responses:\n    '200':\n      description: OK.\n      content:\n        application/json:\n          schema: { $ref: '../schemas/Thing.yaml' }\n`,
      "schemas/Thing.yaml": `type: object\nproperties:\n  id: { type: string }\n  name:\n    type: string\n    maxLength: ${limit}\n`,
    });
    const { base, head } = await loadPair("split-", spec(10, "listThings"), spec(20, "getThings"));
    const changes = diffSpecs(base.doc, head.doc, await head.locator()).changes.map((c) => [c.rule, c.file, c.line]);
    expect(changes).toEqual([
      ["operation-id-changed", "head/paths/things.yaml", 2],
      ["response-max-length-increased", "head/schemas/Thing.yaml", 6],
    ]);
  });

  it("a union merged from an allOf member in another file: its variants' refs read from that file, changes named there", async () => {
    const spec = (variants: string, cat: string) => ({
      "openapi.yaml": `${minimal}paths:\n  /pets:\n    get:\n      operationId: getPet\n      responses:\n        '200':\n          description: OK.\n          content:\n            application/json:\n              schema: { allOf: [ { $ref: 'parts/Pet.yaml' } ] }\n`,
      "parts/Pet.yaml": `oneOf:\n${variants}`,
      "parts/Cat.yaml": cat,
      "parts/Dog.yaml": "type: object\nproperties:\n  barks: { type: boolean }\n",
    });
    const both = "  - $ref: Cat.yaml\n  - $ref: Dog.yaml\n";
    const { base, head } = await loadPair(
      "member-",
      spec(both, "type: object\nproperties:\n  lives: { type: integer }\n"),
      spec("  - $ref: Cat.yaml\n", "type: object\nproperties:\n  lives: { type: string }\n"),
    );
    const changes = diffSpecs(base.doc, head.doc, await head.locator()).changes.map((c) => [c.rule, c.where, c.file, c.line]);
    expect(changes).toEqual([
      ["response-type-changed", "response 200 field lives", "head/parts/Cat.yaml", 3],
      ["response-variant-removed", "response 200 body", "head/parts/Pet.yaml", 2],
    ]);
  });

  it("a schema from another file that became a union of itself and more: a variant added, as within one file", async () => {
    const spec = (schema: string) => ({
      "openapi.yaml": `${minimal}paths:\n  /pets:\n    get:\n      operationId: getPet\n      responses:\n        '200':\n          description: OK.\n          content:\n            application/json:\n              schema: ${schema}\n`,
      "parts/Cat.yaml": "type: object\nproperties:\n  lives: { type: integer }\n",
      "parts/Dog.yaml": "type: object\nproperties:\n  barks: { type: boolean }\n",
    });
    const { base, head } = await loadPair("union-", spec("{ $ref: parts/Cat.yaml }"), spec("{ oneOf: [ { $ref: parts/Cat.yaml }, { $ref: parts/Dog.yaml } ] }"));
    const rules = diffSpecs(base.doc, head.doc).changes.map((c) => `${c.rule} ${c.where}`);
    expect(rules).toContain("response-variant-added response 200 body");
    expect(rules).not.toContain("schema-composition-changed response 200 body");
  });

  it("a change two $refs away from unchanged files is still found (unchanged files are skipped only with all they reach)", async () => {
    // The path file and Outer.yaml are byte for byte the same on both sides; only Inner.yaml differs.
    const spec = (inner: string) => ({
      "openapi.yaml": `${minimal}paths:\n  /things: { $ref: paths/things.yaml }\n`,
      "paths/things.yaml": `get:\n  operationId: listThings\n  responses:\n    '200':\n      description: OK.\n      content:\n        application/json:\n          schema: { $ref: '../schemas/Outer.yaml' }\n`,
      "schemas/Outer.yaml": "type: object\nproperties:\n  inner: { $ref: Inner.yaml }\n  same: { type: string }\n",
      "schemas/Inner.yaml": inner,
    });
    const { base, head } = await loadPair("deep-", spec("type: object\nproperties:\n  n: { type: integer }\n"), spec("type: object\nproperties:\n  n: { type: string }\n"));
    const changes = diffSpecs(base.doc, head.doc, await head.locator()).changes.map((c) => [c.rule, c.where, c.file]);
    expect(changes).toEqual([["response-type-changed", "response 200 field inner.n", "head/schemas/Inner.yaml"]]);
    // Against itself, nothing (every file is unchanged).
    expect(diffSpecs(head.doc, head.doc).changes).toEqual([]);
  });
});
