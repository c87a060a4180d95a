/**
 * The emitters of generated/operations.ts, schemas.ts and REFERENCE.md, called
 * in process on hand-built operation models: the exact text each model gives
 * (before prettier), and the errors for a model the table cannot encode.
 */
import { describe, expect, it } from "vitest";
import { emitOperations, emitSchemas, specString } from "../../scripts/lib/generate/emit-operations.js";
import { emitReference } from "../../scripts/lib/generate/emit-reference.js";
import type { OperationModel } from "../../scripts/lib/generate/model.js";

/** A plain authenticated `GET /things` answering a `Thing`; `overrides` change what a test is about. */
function op(overrides: Partial<OperationModel> = {}): OperationModel {
  return {
    operationId: "getThing",
    group: "things",
    method: "GET",
    path: "/things",
    deprecated: false,
    authenticated: true,
    pathParams: [],
    queryParams: [],
    success: { status: 200, kind: "json", type: "Thing", display: "Thing" },
    ...overrides,
  };
}

const param = (name: string, type = "string", description?: string) => ({ name, type, display: type, description });

/** The `OperationTypes` member of `operationId`, from its doc comment to its closing brace. */
function typesEntry(text: string, operationId: string): string {
  const start = text.indexOf(`${operationId}: {\n  group:`);
  expect(start).toBeGreaterThan(-1);
  const docStart = text.lastIndexOf("/**", start);
  return text.slice(docStart, text.indexOf("\n};", start) + 3);
}

describe("emitOperations: doc comments", () => {
  it("carry the summary, the call, the trimmed description, described path parameters and @deprecated, with */ escaped", () => {
    const text = emitOperations(
      [
        op({
          summary: "Get a thing",
          path: "/things/{thingId}/{part}",
          description: "\n  First line */ here\n\nSecond line\n\n",
          pathParams: [param("thingId", "string", "The thing."), param("part")],
          deprecated: true,
        }),
      ],
      [],
    );
    expect(typesEntry(text, "getThing")).toBe(
      [
        "/**",
        " * Get a thing",
        " *",
        " * `GET /things/{thingId}/{part}`",
        " *",
        " * First line *\\/ here",
        " *",
        " * Second line",
        " * @param thingId The thing.",
        " * @deprecated",
        " */",
        "getThing: {",
        '  group: "things";',
        "  args: [thingId: string, part: string];",
        "  result: Thing;",
        "};",
      ].join("\n"),
    );
  });

  it("without a summary or description: the operationId and the call, marked when it sends no credentials", () => {
    const text = emitOperations([op({ authenticated: false })], []);
    expect(typesEntry(text, "getThing")).toBe(
      ["/**", " * getThing", " *", " * `GET /things` (sends no credentials)", " */", "getThing: {", '  group: "things";', "  args: [];", "  result: Thing;", "};"].join("\n"),
    );
  });
});

describe("emitOperations: argument tuples", () => {
  const argsOf = (model: OperationModel) => /\n {2}args: (.*);\n/.exec(typesEntry(emitOperations([model], []), model.operationId))?.[1];

  it("a path parameter named after a reserved word is labelled with a trailing underscore", () => {
    const model = op({ path: "/x/{class}/{new}/{yield}/{id}", pathParams: [param("class"), param("new"), param("yield", "number"), param("id")] });
    expect(argsOf(model)).toBe("[class_: string, new_: string, yield_: number, id: string]");
  });

  it("an optional body is optional, unless a required query follows it", () => {
    const body = { mediaType: "application/json", required: false, type: "ThingPatch", display: "ThingPatch" };
    expect(argsOf(op({ method: "PATCH", body }))).toBe("[body?: ThingPatch]");
    expect(argsOf(op({ method: "PATCH", body: { ...body, required: true } }))).toBe("[body: ThingPatch]");
    const query = { queryParams: [{ name: "dryRun", required: true, display: "boolean" }], queryType: "Query" };
    expect(argsOf(op({ method: "PATCH", body, ...query }))).toBe("[body: ThingPatch | undefined, query: Query]");
    const optionalQuery = { queryParams: [{ name: "dryRun", required: false, display: "boolean" }], queryType: "Query" };
    expect(argsOf(op({ method: "PATCH", body, ...optionalQuery }))).toBe("[body?: ThingPatch, query?: Query]");
  });
});

describe("specString: the encoded table entry", () => {
  it("flags a 3xx success as a redirect (r), and only a 3xx", () => {
    const withStatus = (status: number, kind: OperationModel["success"]["kind"]) => specString(op({ success: { status, kind, type: "void", display: "void" } }));
    expect(withStatus(300, "none")).toBe('"things GET /things  r"');
    expect(withStatus(302, "none")).toBe('"things GET /things  r"');
    expect(withStatus(399, "none")).toBe('"things GET /things  r"');
    expect(withStatus(204, "none")).toBe('"things GET /things  n"');
    expect(withStatus(200, "json")).toBe('"things GET /things  "');
  });

  it("refuses path parameters that are not those of the path, in order, naming them", () => {
    const model = op({ path: "/a/{x}/{y}", pathParams: [param("y"), param("x")] });
    expect(() => specString(model)).toThrow(new Error("getThing: path parameters y, x are not those of /a/{x}/{y}, in order."));
  });
});

describe("emitOperations: module text", () => {
  const list = op({
    operationId: "listThings",
    path: "/things/{ownerId}",
    pathParams: [param("ownerId", "OwnerId")],
    queryParams: [
      { name: "limit", required: false, display: "number" },
      { name: "offset", required: false, display: "number" },
    ],
    queryType: "Query",
    success: { status: 200, kind: "json", type: "string", display: "string" },
    pageItemType: "string",
  });

  it("imports schema types a path parameter names, and only the builders it uses", () => {
    const text = emitOperations([list], ["OwnerId", "Unused"]);
    expect(text).toContain('\nimport type { OwnerId } from "./schemas.js";\n');
    expect(text).toContain('\nimport { decodeTable, pagedOperation } from "../src/operation.js";\n');
  });

  it("writes one line per operation in the table type and the table, and the groups sorted", () => {
    const text = emitOperations([op({ group: "zebras" }), op({ operationId: "getOther", group: "apples", path: "/other" })], []);
    expect(text).toContain('\nimport { decodeTable, operation } from "../src/operation.js";\n');
    expect(text).toContain(
      [
        "export type OperationTable = {",
        'readonly getThing: { readonly group: "zebras"; readonly method: "GET"; readonly path: "/things"; readonly pathParams: readonly []; ' +
          'readonly queryParams: readonly []; readonly body: null; readonly success: "json"; readonly authenticated: true; readonly paginated: false; };',
        'readonly getOther: { readonly group: "apples"; readonly method: "GET"; readonly path: "/other"; readonly pathParams: readonly []; ' +
          'readonly queryParams: readonly []; readonly body: null; readonly success: "json"; readonly authenticated: true; readonly paginated: false; };',
        "};",
      ].join("\n"),
    );
    expect(text).toContain(['decodeTable({', 'getThing: "zebras GET /things  ",', 'getOther: "apples GET /other  ",', "}) as OperationTable;"].join("\n"));
    expect(text).toContain('export type GroupName = "apples" | "zebras";');
    expect(text).toContain("// Standalone operation functions: `await getThing(core, ...)` with a core from");
  });

  it("a spec without operations still gives a module that compiles: no builders, no groups", () => {
    // (The table is decoded even when empty, so decodeTable is always imported.)
    expect(emitOperations([], [])).toMatchInlineSnapshot(`
      "


      import { decodeTable } from "../src/operation.js";

      import type { OperationFunction } from "../src/types.js";

      export type { HttpMethod, OperationSpec } from "../src/operation-spec.js";

      /** The entry of every operation in \`operationTable\`, exactly. */
      export type OperationTable = {

      };

      /** Every operation of the spec, by operationId (decoded once, when first imported; dropped by bundles that do not use it). */
      export const operationTable: OperationTable = /* @__PURE__ */ decodeTable({

      }) as OperationTable;

      export type OperationId = keyof OperationTable;

      /** The client groups, one per tag of the spec. */
      export type GroupName = never;

      /**
       * Arguments (path parameters, then the body or query object) and result of
       * every operation; \`item\` is the type of one element of a paginated list.
       */
      export interface OperationTypes {

      }

      // Standalone operation functions: \`await operation(core, ...)\` with a core from
      // createAirbyteCore. Each is pure, so a bundler keeps only the ones an app imports.

      "
    `);
  });
});

describe("emitSchemas", () => {
  it("writes the trimmed description as a doc comment, */ escaped, blank lines bare", () => {
    const text = emitSchemas([
      { name: "Thing", description: "\n  A thing */ with\n\nlines  \n", isObject: true },
      { name: "Size", isObject: false },
    ]);
    expect(text).toContain(
      ["/**", " * A thing *\\/ with", " *", " * lines", " */", 'export interface Thing extends Schema<"Thing"> {}', "", 'export type Size = Schema<"Size">;'].join("\n"),
    );
  });
});

describe("emitReference", () => {
  it("escapes the | of union types inside table cells", () => {
    const model = op({
      queryParams: [{ name: "status", required: true, display: '"a" | "b"' }],
      queryType: "Query",
      success: { status: 200, kind: "json", type: "Thing", display: "Thing" },
    });
    expect(emitReference([model], "T")).toContain('| things | `getThing` | `GET /things` | `query: { status: "a" \\| "b" }, options?` | `Promise<Thing>` |\n');
  });

  it("shows an inline body or result by its short form, not by the indexed type of openapi.ts", () => {
    const inline = 'operations["getThing"]["responses"][200]["content"]["application/json"]';
    const model = op({
      method: "POST",
      body: { mediaType: "application/json", required: true, type: 'operations["getThing"]["requestBody"]["content"]["application/json"]', display: "Thing[]" },
      success: { status: 200, kind: "json", type: inline, display: "string[]" },
    });
    expect(emitReference([model], "T")).toContain("| things | `getThing` | `POST /things` | `body: Thing[], options?` | `Promise<string[]>` |\n");
  });
});
