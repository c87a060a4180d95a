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

  it("a file that does not parse, with its line", async () => {
    expect(await refusal({ "openapi.yaml": "openapi: 3.1.0\npaths: {\n  /x: [\n" })).toMatch(/^The working tree spec does not parse \(openapi\.yaml:\d+\): .+\. Fix its YAML, or diff against another --base\.$/);
  });

  it("a YAML alias bomb, in a file a $ref reaches", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    const message = await refusal({ "openapi.yaml": `${minimal}paths:\n  /a: { $ref: bomb.yaml }\n`, "bomb.yaml": `${bomb}\n` });
    expect(message).toMatch(/^The working tree spec does not parse \(bomb\.yaml\): .*alias.*\. Fix its YAML, or diff against another --base\.$/i);
  });

  it("a YAML alias that contains itself", async () => {
    expect(await refusal({ "openapi.yaml": `${minimal}paths:\n  /a: &loop\n    get: { responses: {} }\n    x-self: *loop\n` })).toBe(
      "The working tree spec does not parse (openapi.yaml): a YAML alias contains itself. Fix its YAML, or diff against another --base.",
    );
  });
});

describe("where spec:diff says a change is", () => {
  it("the line in the file a $ref leads to: a path file, a schema file, the root", async () => {
    const root = await mkdtemp(join(dir, "split-"));
    const write = async (name: string, text: string) => {
      await mkdir(join(root, name, ".."), { recursive: true });
      await writeFile(join(root, name), text);
    };
    const spec = (limit: number, op: string) => ({
      "openapi.yaml": `${minimal}paths:\n  /things: { $ref: paths/things.yaml }\ncomponents:\n  schemas:\n    Thing: { $ref: schemas/Thing.yaml }\n`,
      "paths/things.yaml": `get:\n  operationId: ${op}\n  responses:\n    '200':\n      description: OK.\n      content:\n        application/json:\n          schema: { $ref: '../schemas/Thing.yaml' }\n`,
      "schemas/Thing.yaml": `type: object\nproperties:\n  id: { type: string }\n  name:\n    type: string\n    maxLength: ${limit}\n`,
    });
    for (const [name, text] of Object.entries(spec(10, "listThings"))) await write(`base/${name}`, text);
    for (const [name, text] of Object.entries(spec(20, "getThings"))) await write(`head/${name}`, text);
    const base = await loadSpec(join(root, "base/openapi.yaml"), "base", root);
    const head = await loadSpec(join(root, "head/openapi.yaml"), "head", root);
    const changes = diffSpecs(base.doc, head.doc, await head.locator()).changes.map((c) => [c.rule, c.file, c.line]);
    expect(changes).toEqual([
      ["operation-id-changed", "head/paths/things.yaml", 2],
      ["response-max-length-increased", "head/schemas/Thing.yaml", 6],
    ]);
  });

  it("a change two $refs away from unchanged files is still found (unchanged files are skipped only with all they reach)", async () => {
    const root = await mkdtemp(join(dir, "deep-"));
    const write = async (name: string, text: string) => {
      await mkdir(join(root, name, ".."), { recursive: true });
      await writeFile(join(root, name), text);
    };
    // The path file and Outer.yaml are byte for byte the same on both sides; only Inner.yaml differs.
    const spec = (inner: string) => ({
      "openapi.yaml": `${minimal}paths:\n  /things: { $ref: paths/things.yaml }\n`,
      "paths/things.yaml": `get:\n  operationId: listThings\n  responses:\n    '200':\n      description: OK.\n      content:\n        application/json:\n          schema: { $ref: '../schemas/Outer.yaml' }\n`,
      "schemas/Outer.yaml": "type: object\nproperties:\n  inner: { $ref: Inner.yaml }\n  same: { type: string }\n",
      "schemas/Inner.yaml": inner,
    });
    for (const [name, text] of Object.entries(spec("type: object\nproperties:\n  n: { type: integer }\n"))) await write(`base/${name}`, text);
    for (const [name, text] of Object.entries(spec("type: object\nproperties:\n  n: { type: string }\n"))) await write(`head/${name}`, text);
    const base = await loadSpec(join(root, "base/openapi.yaml"), "base", root);
    const head = await loadSpec(join(root, "head/openapi.yaml"), "head", root);
    const changes = diffSpecs(base.doc, head.doc, await head.locator()).changes.map((c) => [c.rule, c.where, c.file]);
    expect(changes).toEqual([["response-type-changed", "response 200 field inner.n", "head/schemas/Inner.yaml"]]);
    // Against itself, nothing (every file is unchanged).
    expect(diffSpecs(head.doc, head.doc).changes).toEqual([]);
  });
});
