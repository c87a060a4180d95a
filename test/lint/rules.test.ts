/**
 * Our own lint rules (scripts/lint/airbyte-rules.js), each against a fixture
 * that breaks it: the rule reports exactly the bad places, at their lines,
 * and nothing in the fixture's right-hand cases.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintSpec } from "../../scripts/lib/spec/redocly.js";
import { repoRoot } from "../helpers/run.js";

async function problemsOf(rule: string, fixture = `${rule}.yaml`) {
  const file = join(repoRoot, "test/fixtures/lint", fixture);
  const problems = await lintSpec(file);
  const lines = (await readFile(file, "utf8")).split("\n");
  return {
    /** 1-based line of the first line (at or after `after`) that contains `text`. */
    lineOf: (text: string, after = 0) => lines.findIndex((l, i) => i >= after && l.includes(text)) + 1,
    mine: problems.filter((p) => p.rule === `airbyte/${rule}`).map((p) => ({ line: p.line, message: p.message })),
    /** The same, in line order (for rules whose report order follows the walk, not the file). */
    sorted: problems
      .filter((p) => p.rule === `airbyte/${rule}`)
      .map((p) => ({ line: p.line, message: p.message }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.message.localeCompare(b.message)),
    others: problems.filter((p) => p.rule !== `airbyte/${rule}`),
  };
}

describe("airbyte/* lint rules", () => {
  it("property-camel-case: flags snake_case names, except those on the allow list", async () => {
    const { mine, others, lineOf } = await problemsOf("property-camel-case");
    expect(others).toEqual([]);
    expect(mine).toEqual([
      {
        line: lineOf("created_at:"),
        message:
          "Property `created_at` is not camelCase. Rename it, or if the server really uses this name, add it to `allow` of airbyte/property-camel-case in redocly.yaml.",
      },
    ]);
  });

  it("error-responses-use-problem: flags error responses without a body or with another schema", async () => {
    const { mine, others, lineOf } = await problemsOf("error-responses-use-problem");
    expect(others).toEqual([]);
    expect(mine).toEqual([
      { line: lineOf("application/json:"), message: "Response 400 (application/json) must reference the `Problem` schema, not an inline or other schema." },
      { line: lineOf("'404':"), message: "Response 404 has no body. Error responses must carry a `Problem` body: use a response from spec/components/responses/." },
      { line: lineOf("application/json:", lineOf("'500':")), message: "Response 500 (application/json) must reference the `Problem` schema, not an inline or other schema." },
    ]);
  });

  it("operation-in-one-group: flags no tag, two tags, and a tag that is not one PascalCase word", async () => {
    const { mine, lineOf } = await problemsOf("operation-in-one-group");
    expect(mine).toEqual([
      { line: lineOf("operationId: listThings"), message: "listThings has 0 tags; it needs exactly one, naming its group (e.g. `tags: [Sources]`)." },
      { line: lineOf("tags: [Things, Other]"), message: "createThing has 2 tags; it needs exactly one, naming its group (e.g. `tags: [Sources]`)." },
      { line: lineOf("tags: [connector definitions]"), message: "getThing's tag `connector definitions` must be one PascalCase word (e.g. SourceDefinitions): it becomes the client group name." },
    ]);
  });

  it("open-enum-of-strings: flags open enums that are not enums of strings", async () => {
    const { mine, others, lineOf } = await problemsOf("open-enum-of-strings");
    expect(others).toEqual([]);
    expect(mine).toEqual([
      { line: lineOf("x-open-enum: true"), message: "`x-open-enum: true` needs an `enum` of strings beside it (plus `null` for a nullable enum)." },
      { line: lineOf("x-open-enum: true", lineOf("x-open-enum: true")), message: "`x-open-enum: true` needs an `enum` of strings beside it (plus `null` for a nullable enum)." },
      { line: lineOf("x-open-enum: 'yes'"), message: "`x-open-enum` must be `true` (or removed)." },
    ]);
  });

  it("operation-success-response: flags an operation without a 2xx or 3xx response, accepts a redirect endpoint", async () => {
    const { mine, others, lineOf } = await problemsOf("operation-success-response");
    expect(others).toEqual([]);
    expect(mine).toEqual([
      {
        line: lineOf("responses:"),
        message: "listThings declares no success response: add a 2xx (or a 3xx for a redirect endpoint).",
      },
    ]);
  });

  it("spec-file-reached: names every file of the spec folder the root never reaches, except the ignored ones", async () => {
    const { sorted, others, lineOf } = await problemsOf("spec-file-reached", "spec-file-reached/openapi.yaml");
    expect(others).toEqual([]);
    const message = (file: string) =>
      `${file} is in the spec folder, but openapi.yaml never reaches it, so the client would not have it: reference it from the root (a path under \`paths:\`, a schema under \`components:\`) or delete it. If it is not a spec file, add it to \`ignore\` of airbyte/spec-file-reached in redocly.yaml.`;
    const line = lineOf("paths:");
    // AUDIT.md is on the ignore list; paths/things.yaml and schemas/Problem.yaml are reached.
    expect(sorted).toEqual([
      { line, message: message("notes.txt") },
      { line, message: message("paths/widgets.yaml") },
      { line, message: message("schemas/Widget.yaml") },
    ]);
  });

  it("operation-global-errors: flags operations without the statuses every operation can answer, only in the specs it is configured for", async () => {
    const { mine, others, lineOf } = await problemsOf("operation-global-errors");
    expect(others).toEqual([]);
    const fix = "Add each from spec/components/responses/ (e.g. `'500': $ref: ../components/responses/InternalServerError.yaml`).";
    expect(mine).toEqual([
      {
        line: lineOf("responses:"),
        message: `listThings does not declare 401, 500: the server's global exception handlers answer 400, 401, 403, 404, 409, 422, 500 for every authenticated operation (spec/AUDIT.md, G8). ${fix}`,
      },
      {
        line: lineOf("responses:", lineOf("operationId: health")),
        message: `health does not declare 500: the server's global exception handlers answer 500 for every operation without credentials (spec/AUDIT.md, G8). ${fix}`,
      },
    ]);
    // The same operations outside a spec/openapi.yaml root are not checked (the other fixtures lack these statuses).
    expect((await problemsOf("operation-global-errors", "operation-success-response.yaml")).mine).toEqual([]);
  });

  it("response-enum-declared: flags response enums neither open nor closed with a reason, each once", async () => {
    const { sorted, others, lineOf } = await problemsOf("response-enum-declared");
    expect(others).toEqual([]);
    const undeclared =
      "This enum is sent by the server (listThings 200 response) but does not say whether it may grow: add `x-open-enum: true` (the client then accepts values added later), or `x-closed-enum: <why no other value can come>`.";
    expect(sorted).toEqual([
      { line: lineOf("enum: [red, green]"), message: undeclared },
      { line: lineOf("x-closed-enum: ''"), message: "`x-closed-enum` needs a reason (a sentence saying why the server will never send another value)." },
      { line: lineOf("x-closed-enum: Contradicts"), message: "An enum is either open (`x-open-enum: true`) or closed (`x-closed-enum: <reason>`), not both." },
      // Kind is the response of two operations, and reported once; the request-only `mode` enum is not reported.
      { line: lineOf("enum: [small, large]"), message: undeclared },
    ]);
  });

  it("operation-id-unique: names the operation that already uses the operationId", async () => {
    const { mine, others, lineOf } = await problemsOf("operation-id-unique");
    expect(others).toEqual([]);
    expect(mine).toEqual([
      {
        line: lineOf("operationId: listThings", lineOf("/things/all:")),
        message: "operationId `listThings` of GET /things/all is already used by GET /things: each operationId names one client method, so give one of them another name.",
      },
      {
        line: lineOf("operationId: createThing", lineOf("/things/all:")),
        message: "operationId `createThing` of DELETE /things/all is already used by POST /things: each operationId names one client method, so give one of them another name.",
      },
    ]);
  });

  it("operation-tag-defined: names the undeclared tag and the declared ones", async () => {
    const { mine, others, lineOf } = await problemsOf("operation-tag-defined");
    expect(others).toEqual([]);
    expect(mine).toEqual([
      {
        line: lineOf("tags: [Widgets]"),
        message: "Tag `Widgets` of createThing is not declared in the root's `tags:` list: add `- name: Widgets` with a description there, or use a declared tag (Things).",
      },
    ]);
  });

  it("generated-identifiers: flags tags, operationIds and schema names that would generate broken or prototype-polluting code", async () => {
    const { sorted, others, lineOf } = await problemsOf("generated-identifiers");
    expect(others).toEqual([]);
    const tag = (name: string, group: string, why = "is a name of Object.prototype") => ({
      line: lineOf(`tags: [${name}]`),
      message: `Tag \`${name}\` becomes the client group \`airbyte.${group}\`, which ${why}: rename the tag.`,
    });
    const schema = (name: string, problem: string) => ({
      line: lineOf(`    ${name}:`),
      message: `Schema name \`${name}\` ${problem}, and every schema becomes an exported type of that name: rename the schema.`,
    });
    expect(sorted).toEqual([
      tag("ToString", "toString"),
      tag("ValueOf", "valueOf"),
      tag("HasOwnProperty", "hasOwnProperty"),
      tag("Then", "then", "the client reserves (a `then` member would make it awaitable)"),
      {
        line: lineOf("operationId: __proto__"),
        message: "operationId `__proto__` is a name every JavaScript object already has (Object.prototype), so the client method would be lost or not compile: rename it.",
      },
      {
        line: lineOf("operationId: constructor"),
        message: "operationId `constructor` is a name every JavaScript object already has (Object.prototype), so the client method would be lost or not compile: rename it.",
      },
      schema("Schema", "is already declared or imported by the generated code (generated/openapi.ts, schemas.ts, operations.ts)"),
      schema("components", "is already declared or imported by the generated code (generated/openapi.ts, schemas.ts, operations.ts)"),
      schema("string", "is a reserved word or built-in type of TypeScript"),
    ]);
  });

  it("the repository's spec passes every rule with 0 errors and 0 warnings", async () => {
    expect(await lintSpec(join(repoRoot, "spec/openapi.yaml"))).toEqual([]);
  });
});
