/**
 * airbyte/response-enum-declared (scripts/lint/rules/response-enum-declared.js):
 * an enum the server sends is found under every keyword that holds
 * subschemas, through a referenced response, in an operation without an
 * operationId; a closed enum's reason must be a sentence; dangling refs and
 * media types without a schema are other rules' problems, not a crash.
 */
import { describe, expect, it } from "vitest";
import { lintFolder, rootDocument } from "./spec-folder.js";

const undeclared = (where: string) =>
  `This enum is sent by the server (${where}) but does not say whether it may grow: add \`x-open-enum: true\` (the client then accepts values added later), or \`x-closed-enum: <why no other value can come>\`.`;

/** Keywords whose value is a map of subschemas, a list of them, or one. */
const MAPS = ["properties", "patternProperties"];
const LISTS = ["allOf", "oneOf", "anyOf", "prefixItems"];
const SINGLE = ["items", "additionalProperties", "not", "contains", "unevaluatedProperties", "unevaluatedItems"];

/** YAML lines (at `indent`) of one schema holding, under each keyword, a string enum `[in<keyword>]`. */
function schemaWithEnumUnderEveryKeyword(indent: string): string {
  const lines = [
    ...MAPS.flatMap((k) => [`${k}:`, `  ${k === "properties" ? "value" : "'^x-'"}:`, "    type: string", `    enum: [in${k}]`]),
    ...LISTS.flatMap((k) => [`${k}:`, "  - type: string", `    enum: [in${k}]`]),
    ...SINGLE.flatMap((k) => [`${k}:`, "  type: string", `  enum: [in${k}]`]),
  ];
  return lines.map((line) => `${indent}${line}\n`).join("");
}

/**
 * A root with one operation on /things (`operationId` unless null) whose
 * `responses` are the YAML given (at 8 spaces), then `rest` (components).
 */
function oneOperation(responses: string, { operationId = "listThings" as string | null, rest = "" } = {}): string {
  const id = operationId ? `      operationId: ${operationId}\n` : "";
  return rootDocument(`paths:\n  /things:\n    get:\n${id}      tags: [Things]\n      responses:\n${responses}${rest}`);
}

/** A response `status` with an application/json body whose schema is `schema` (YAML, at 16 spaces). */
const jsonResponse = (status: string, schema: string) =>
  `        '${status}':\n          description: Ok.\n          content:\n            application/json:\n              schema:\n${schema}`;

describe("airbyte/response-enum-declared", () => {
  it("finds an undeclared enum under every keyword that holds subschemas, and in a referenced response", async () => {
    const responses = `${jsonResponse("200", schemaWithEnumUnderEveryKeyword("                "))}        '201':\n          $ref: '#/components/responses/Created'\n`;
    const text = oneOperation(responses, {
      rest: `components:
  responses:
    Created:
      description: Created.
      content:
        application/json:
          schema:
            type: string
            enum: [viaResponseRef]
`,
    });
    const { mine, lineOf } = await lintFolder("response-enum-declared", { "openapi.yaml": text });
    const keywords = [...MAPS, ...LISTS, ...SINGLE];
    expect([...mine].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))).toEqual([
      ...keywords.map((k) => ({ file: "openapi.yaml", line: lineOf(`enum: [in${k}]`), message: undeclared("listThings 200 response") })),
      { file: "openapi.yaml", line: lineOf("enum: [viaResponseRef]"), message: undeclared("listThings 201 response") },
    ]);
  });

  it("names an operation without an operationId as `an operation`", async () => {
    const text = oneOperation(jsonResponse("200", "                type: string\n                enum: [a, b]\n"), { operationId: null });
    const { mine, lineOf } = await lintFolder("response-enum-declared", { "openapi.yaml": text });
    expect(mine).toEqual([{ file: "openapi.yaml", line: lineOf("enum: [a, b]"), message: undeclared("an operation 200 response") }]);
  });

  it("a closed enum's reason must be a sentence: not blank, not a boolean", async () => {
    const text = oneOperation(
      jsonResponse(
        "200",
        `                type: object
                properties:
                  blank:
                    type: string
                    enum: [a, b]
                    x-closed-enum: '   '
                  flag:
                    type: string
                    enum: [c, d]
                    x-closed-enum: true
                  reasoned:
                    type: string
                    enum: [e, f]
                    x-closed-enum: The server knows only these two.
`,
      ),
    );
    const { mine, lineOf } = await lintFolder("response-enum-declared", { "openapi.yaml": text });
    const message = "`x-closed-enum` needs a reason (a sentence saying why the server will never send another value).";
    expect(mine).toEqual([
      { file: "openapi.yaml", line: lineOf("x-closed-enum: '   '"), message },
      { file: "openapi.yaml", line: lineOf("x-closed-enum: true"), message },
    ]);
  });

  it("leaves dangling refs and media types without a schema to other rules, and goes on with the next response", async () => {
    const text = oneOperation(`        '200':
          $ref: '#/components/responses/Missing'
        '201':
          description: Ok.
          content:
            application/json: {}
            text/plain:
            application/xml:
              schema:
                $ref: '#/components/schemas/Missing'
${jsonResponse("202", "                type: string\n                enum: [a, b]\n")}`);
    const { mine, rules, lineOf } = await lintFolder("response-enum-declared", { "openapi.yaml": text });
    expect(rules).toContain("no-unresolved-refs");
    expect(mine).toEqual([{ file: "openapi.yaml", line: lineOf("enum: [a, b]"), message: undeclared("listThings 202 response") }]);
  });
});
