/**
 * airbyte/operation-tag-defined (scripts/lint/rules/operation-tag-defined.js):
 * the message lists the declared tags when there are 1 to 10 of them, names
 * an operation without an operationId, and an operation without tags or a
 * root `tags:` entry without a name are other rules' problems, not a crash.
 */
import { describe, expect, it } from "vitest";
import { lintFolder, rootDocument } from "./spec-folder.js";

/** Paths with one GET per `[operationId, tags]` (an absent operationId or tags line when undefined). */
function paths(ops: Array<[string | undefined, string | undefined]>): string {
  return `paths:\n${ops
    .map(
      ([id, tags], i) =>
        `  /p${i}:\n    get:\n${id ? `      operationId: ${id}\n` : ""}${tags ? `      tags: ${tags}\n` : ""}      responses:\n        '200':\n          description: Ok.\n`,
    )
    .join("")}`;
}

const message = (tag: string, op: string, declared?: string[]) =>
  `Tag \`${tag}\` of ${op} is not declared in the root's \`tags:\` list: add \`- name: ${tag}\` with a description there${declared ? `, or use a declared tag (${declared.join(", ")})` : ""}.`;

const names = (n: number) => Array.from({ length: n }, (_, i) => `Group${i + 1}`);

describe("airbyte/operation-tag-defined", () => {
  it("lists the declared tags when there are at most 10", async () => {
    const text = rootDocument(paths([["listThings", "[Widgets]"]]), { tags: names(10) });
    const { mine, lineOf } = await lintFolder("operation-tag-defined", { "openapi.yaml": text });
    expect(mine).toEqual([{ file: "openapi.yaml", line: lineOf("tags: [Widgets]"), message: message("Widgets", "listThings", names(10)) }]);
  });

  it("does not list 11 declared tags, nor an empty list; names an operation without an operationId `this operation`", async () => {
    const eleven = await lintFolder("operation-tag-defined", { "openapi.yaml": rootDocument(paths([["listThings", "[Widgets]"]]), { tags: names(11) }) });
    expect(eleven.mine).toEqual([{ file: "openapi.yaml", line: eleven.lineOf("tags: [Widgets]"), message: message("Widgets", "listThings") }]);
    const none = await lintFolder("operation-tag-defined", { "openapi.yaml": rootDocument(paths([[undefined, "[Things, Widgets]"]]), { tags: [] }) });
    expect(none.mine).toEqual([
      { file: "openapi.yaml", line: none.lineOf("tags: [Things, Widgets]"), message: message("Things", "this operation") },
      { file: "openapi.yaml", line: none.lineOf("tags: [Things, Widgets]"), message: message("Widgets", "this operation") },
    ]);
  });

  it("leaves an operation without tags and a nameless root tag to other rules", async () => {
    const text = rootDocument(paths([["untagged", undefined], ["listThings", "[Things]"]])).replace("tags:\n", "tags:\n  -\n");
    const { mine, rules } = await lintFolder("operation-tag-defined", { "openapi.yaml": text });
    expect(rules).toEqual(expect.arrayContaining(["struct", "airbyte/operation-in-one-group"]));
    expect(mine).toEqual([]);
  });
});
