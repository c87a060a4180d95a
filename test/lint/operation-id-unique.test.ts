/**
 * airbyte/operation-id-unique (scripts/lint/rules/operation-id-unique.js) on
 * a split spec: a duplicate in a path file referenced from the root is
 * reported in that file, at its operationId; a path item without a value is
 * the struct rule's problem, not a crash.
 */
import { describe, expect, it } from "vitest";
import { lintFolder, rootDocument } from "./spec-folder.js";

const operation = (method: string, id: string) => `${method}:
  tags: [Things]
  summary: ${id}
  operationId: ${id}
  responses:
    '200':
      description: Ok.
`;

const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

describe("airbyte/operation-id-unique", () => {
  it("reports a duplicate at its operationId, in the file it is written in: the root or a referenced path file", async () => {
    const root = rootDocument(`paths:
  /things:
${indent(operation("get", "listThings") + operation("post", "createThing"), "    ")}  /empty:
  /things/all:
    $ref: paths/things-all.yaml
  /things/{id}:
${indent(operation("get", "listThings"), "    ")}`);
    const pathFile = operation("get", "listAll") + operation("delete", "createThing");
    const { mine, lineOf } = await lintFolder("operation-id-unique", { "openapi.yaml": root, "paths/things-all.yaml": pathFile });
    const message = (id: string, here: string, other: string) =>
      `operationId \`${id}\` of ${here} is already used by ${other}: each operationId names one client method, so give one of them another name.`;
    expect(mine).toEqual([
      { file: "paths/things-all.yaml", line: lineOf("operationId: createThing", "paths/things-all.yaml"), message: message("createThing", "DELETE /things/all", "POST /things") },
      { file: "openapi.yaml", line: lineOf("operationId: listThings", "openapi.yaml", lineOf("/things/{id}:")), message: message("listThings", "GET /things/{id}", "GET /things") },
    ]);
  });
});
