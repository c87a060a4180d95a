/**
 * Our own lint rules (scripts/lint/airbyte-rules.js), each against a fixture
 * that breaks it: the rule reports exactly the bad places, at their lines,
 * and nothing in the fixture's right-hand cases.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintSpec } from "../../scripts/lib/redocly.js";
import { repoRoot } from "../helpers/run.js";

async function problemsOf(rule: string) {
  const file = join(repoRoot, "test/fixtures/lint", `${rule}.yaml`);
  const problems = await lintSpec(file);
  const lines = (await readFile(file, "utf8")).split("\n");
  return {
    /** 1-based line of the first line (at or after `after`) that contains `text`. */
    lineOf: (text: string, after = 0) => lines.findIndex((l, i) => i >= after && l.includes(text)) + 1,
    mine: problems.filter((p) => p.rule === `airbyte/${rule}`).map((p) => ({ line: p.line, message: p.message })),
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

  it("the repository's spec passes every rule with 0 errors and 0 warnings", async () => {
    expect(await lintSpec(join(repoRoot, "spec/openapi.yaml"))).toEqual([]);
  });
});
