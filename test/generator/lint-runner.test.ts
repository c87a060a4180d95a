/**
 * `npm run lint:spec`'s output: where each problem is, for people and for
 * GitHub Actions annotations; our rules link to scripts/lint/RULES.md.
 */
import { describe, expect, it } from "vitest";
import { formatProblems, githubSlug, ruleDocs } from "../../scripts/lib/spec/lint.js";
import type { SpecProblem } from "../../scripts/lib/spec/error.js";
import { runScript } from "../helpers/run.js";

const fixture = "test/fixtures/lint/operation-in-one-group.yaml";

describe("npm run lint:spec", () => {
  it("--format github-actions annotates our rules' problems with file, line and the rule's docs", async () => {
    const result = await runScript("lint-spec.mjs", ["--spec", fixture, "--format", "github-actions", "--force"]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toContain(
      `::error file=${fixture},line=23,col=7,title=airbyte/operation-in-one-group::listThings has 0 tags; it needs exactly one, naming its group (e.g. \`tags: [Sources]\`). (see scripts/lint/RULES.md#airbyteoperation-in-one-group)`,
    );
    expect(lines.filter((l) => l.startsWith("::error file="))).toHaveLength(3);
    expect(lines.at(-1)).toBe(`${fixture}: 3 error(s), 0 warning(s).`);
  });

  it("the default format names file:line:column, the rule, and our docs instead of a Redocly URL", async () => {
    const result = await runScript("lint-spec.mjs", ["--spec", fixture, "--force"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${fixture}:33:13  error  createThing has 2 tags; it needs exactly one, naming its group (e.g. \`tags: [Sources]\`).  [airbyte/operation-in-one-group]\n    see scripts/lint/RULES.md#airbyteoperation-in-one-group`,
    );
    expect(result.stdout).not.toMatch(/redocly\.com/);
  });

  // The repository's own spec is linted by `npm run lint:spec`, the first step of `npm test`.
  it("passes on a clean spec, and rejects an unknown format with the usage", async () => {
    const spec = "test/fixtures/specs/open-enum/openapi.yaml";
    const clean = await runScript("lint-spec.mjs", ["--spec", spec, "--force"]);
    expect(clean).toMatchObject({ code: 0, stdout: `${spec}: no problems.\n` });
    const bad = await runScript("lint-spec.mjs", ["--format", "sarif"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Unknown format `sarif`: use one of stylish, github-actions, json\.\nUsage: npm run lint:spec/);
  });
});

describe("formatting", () => {
  it.each([
    ["airbyte/property-camel-case", "airbyteproperty-camel-case"],
    ["airbyte/open-enum-of-strings", "airbyteopen-enum-of-strings"],
    ["Airbyte/Operation In One_Group", "airbyteoperation-in-one_group"],
  ])("GitHub's anchor of %s is #%s", (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });

  it("only our rules point to RULES.md", () => {
    expect(ruleDocs("airbyte/operation-success-response")).toBe("scripts/lint/RULES.md#airbyteoperation-success-response");
    expect(ruleDocs("operation-operationId-unique")).toBeUndefined();
  });

  it("annotation data and properties are escaped, so one problem stays one line", () => {
    const problem: SpecProblem = { file: "spec/a,b:c.yaml", line: 3, column: 1, severity: "warning", rule: "x", message: "100% wrong\nsecond line" };
    expect(formatProblems([problem], "github-actions", "spec")).toBe(
      "::warning file=spec/a%2Cb%3Ac.yaml,line=3,col=1,title=x::100%25 wrong%0Asecond line\nspec: 0 error(s), 1 warning(s).",
    );
  });
});
