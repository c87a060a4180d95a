/**
 * airbyte/operation-global-errors (scripts/lint/rules/operation-global-errors.js)
 * beyond redocly.yaml's configuration: its defaults (the title of Airbyte's
 * public API, no statuses), an explicit `security` requirement, an operation
 * without an operationId, and a root without `info`.
 */
import { describe, expect, it } from "vitest";
import { lintFolder, rootDocument } from "./spec-folder.js";

const TITLE = "Airbyte public API";

/** Operations on /p<i>, each `[operationId | undefined, extra YAML lines at operation depth]`, answering 200 only. */
function paths(ops: Array<[string | undefined, string]>): string {
  return `paths:\n${ops
    .map(([id, extra], i) => `  /p${i}:\n    get:\n${id ? `      operationId: ${id}\n` : ""}      tags: [Things]\n${extra}      responses:\n        '200':\n          description: Ok.\n`)
    .join("")}`;
}

const missing = (id: string, statuses: string, wanted: string, who: string) =>
  `${id} does not declare ${statuses}: the server's global exception handlers answer ${wanted} for every ${who} (spec/AUDIT.md, G8). Add each from spec/components/responses/ (e.g. \`'500': $ref: ../components/responses/InternalServerError.yaml\`).`;

describe("airbyte/operation-global-errors", () => {
  it("holds the spec titled `Airbyte public API` to its statuses when no title is configured; an explicit security requirement is authenticated", async () => {
    const ops = paths([
      ["listThings", "      security:\n        - bearerAuth: []\n"],
      ["health", "      security: []\n"],
      [undefined, ""],
    ]);
    const rules = "  airbyte/operation-global-errors:\n    severity: error\n    statuses: ['401', 500]\n";
    const { mine, lineOf } = await lintFolder("operation-global-errors", { "openapi.yaml": rootDocument(ops, { title: TITLE }) }, rules);
    expect(mine).toEqual([
      { file: "openapi.yaml", line: lineOf("responses:"), message: missing("listThings", "401, 500", "401, 500", "authenticated operation") },
      { file: "openapi.yaml", line: lineOf("responses:", "openapi.yaml", lineOf("/p2:")), message: missing("This operation", "401, 500", "401, 500", "authenticated operation") },
    ]);
    // Another API's spec is not held to Airbyte's handlers.
    expect((await lintFolder("operation-global-errors", { "openapi.yaml": rootDocument(ops, { title: "Another API" }) }, rules)).mine).toEqual([]);
  });

  it("asks nothing of authenticated operations without `statuses`, nor of anonymous ones without `anonymous`", async () => {
    const ops = paths([
      ["listThings", ""],
      ["health", "      security: []\n"],
    ]);
    const anonymousOnly = "  airbyte/operation-global-errors:\n    severity: error\n    anonymous: ['500']\n";
    const withAnonymous = await lintFolder("operation-global-errors", { "openapi.yaml": rootDocument(ops, { title: TITLE }) }, anonymousOnly);
    expect(withAnonymous.mine).toEqual([
      { file: "openapi.yaml", line: withAnonymous.lineOf("responses:", "openapi.yaml", withAnonymous.lineOf("/p1:")), message: missing("health", "500", "500", "operation without credentials") },
    ]);
    const statusesOnly = "  airbyte/operation-global-errors:\n    severity: error\n    statuses: ['500']\n";
    const withStatuses = await lintFolder("operation-global-errors", { "openapi.yaml": rootDocument(ops, { title: TITLE }) }, statusesOnly);
    expect(withStatuses.mine).toEqual([
      { file: "openapi.yaml", line: withStatuses.lineOf("responses:"), message: missing("listThings", "500", "500", "authenticated operation") },
    ]);
  });

  it("does not check a root without `info` (the struct rule reports it)", async () => {
    const text = rootDocument(paths([["listThings", ""]]), { title: TITLE }).replace(/^info:\n(?: {2}.*\n)*/m, "");
    const { mine, rules } = await lintFolder("operation-global-errors", { "openapi.yaml": text });
    expect(rules).toContain("struct");
    expect(mine).toEqual([]);
  });
});
