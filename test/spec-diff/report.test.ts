/**
 * spec:diff's report, in process: the Markdown a pull request gets (grouped by
 * level, breaking changes by reason, rule ids on every line) and the JSON
 * contract `npm run release` and `ci:pr` read, with the bump from the base's
 * version (scripts/lib/release/bump.ts).
 */
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../scripts/lib/diff/classify.js";
import { formatMarkdown, type ReportInput, toJson } from "../../scripts/lib/diff/report.js";
import { patch } from "./fixture.js";

const base = patch();
// One change of each level: a required request field (breaking/types), a tightened request limit
// (breaking/requests), a response field removed (breaking/responses), a deprecation (warning),
// an optional parameter (non-breaking), a summary (docs).
const head = patch([
  { op: "add", path: "/components/schemas/ThingCreate/properties/owner", value: { type: "string" } },
  { op: "replace", path: "/components/schemas/ThingCreate/required", value: ["name", "owner"] },
  { op: "replace", path: "/components/schemas/ThingCreate/properties/name", value: { type: "string", maxLength: 40 } },
  { op: "remove", path: "/components/schemas/ThingList/properties/next" },
  { op: "add", path: "/paths/~1things~1{thingId}/get/deprecated", value: true },
  { op: "add", path: "/paths/~1things/get/parameters/-", value: { name: "q", in: "query", schema: { type: "string" } } },
  { op: "replace", path: "/paths/~1things/post/summary", value: "Create one thing." },
]);
const input = (over: Partial<ReportInput> = {}): ReportInput => ({ result: diffSpecs(base, head), baseLabel: "main", headLabel: "working tree", baseVersion: "0.4.2", allowBreaking: false, ...over });

describe("spec:diff's Markdown report", () => {
  it("groups breaking changes by reason, then warnings, non-breaking and documentation, each line with its rule id", () => {
    expect(formatMarkdown(input())).toBe(
      [
        "## API changes: main -> working tree",
        "",
        "**3 breaking, 1 warning(s), 1 non-breaking, 1 documentation.** Suggested version bump: **minor** (0.4.2 -> 0.5.0, before 1.0.0 a breaking change bumps the minor and an addition the patch).",
        "",
        "### Breaking (3)",
        "",
        "#### types: code that compiled no longer compiles (1)",
        "",
        "- `createThing` request field owner: required request field added: existing calls lack it [request-required-property-added]",
        "",
        "#### requests: it compiles, the server now refuses or answers differently (1)",
        "",
        "- `createThing` request field name: request maxLength tightened: values accepted before may be rejected (maxLength none -> 40) [request-max-length-decreased]",
        "",
        "#### responses: a value the caller read can no longer be read (1)",
        "",
        "- `listThings` response 200 field next: response field removed (or renamed): code reading it gets nothing [response-property-removed]",
        "",
        "Fails: a breaking change needs `npm run spec:diff -- --allow-breaking` and the bump above.",
        "",
        "### Warnings (1)",
        "",
        "- `getThing` operation: operation deprecated [operation-deprecated]",
        "",
        "### Non-breaking (1)",
        "",
        "- `listThings` query parameter q: optional parameter added [request-optional-parameter-added]",
        "",
        "### Documentation (1)",
        "",
        "<details><summary>1 documentation change(s) in 1 operation(s)</summary>",
        "",
        "- `createThing`: 1 (operation-description-changed 1)",
        "",
        "</details>",
      ].join("\n"),
    );
  });

  it("says when breaking changes are allowed, and lists what no longer compiles (--types), which counts as breaking", () => {
    const typeBreaks = [{ file: "README.md", line: 8, message: "Property 'name' does not exist on type 'SourceResponse'." }];
    const nothing = diffSpecs(base, base);
    const markdown = formatMarkdown(input({ result: nothing, typeBreaks, allowBreaking: true, baseVersion: "1.2.3" }));
    expect(markdown).toBe(
      [
        "## API changes: main -> working tree",
        "",
        "**0 breaking, 0 warning(s), 0 non-breaking, 0 documentation.** Suggested version bump: **major** (1.2.3 -> 2.0.0).",
        "",
        "### Consumer code of the base that no longer compiles (1)",
        "",
        "- README.md:8: Property 'name' does not exist on type 'SourceResponse'.",
        "",
        "Breaking changes allowed by `--allow-breaking`.",
      ].join("\n"),
    );
  });

  it("says so when nothing a user can notice changed", () => {
    expect(formatMarkdown(input({ result: diffSpecs(base, base) }))).toBe("## API changes: main -> working tree\n\nNo change a client user can notice.");
  });

  it("a warning alone bumps the patch, with no note about 0.x", () => {
    const result = diffSpecs(base, patch([{ op: "add", path: "/paths/~1things~1{thingId}/get/deprecated", value: true }]));
    expect(formatMarkdown(input({ result }))).toContain("**0 breaking, 1 warning(s), 0 non-breaking, 0 documentation.** Suggested version bump: **patch** (0.4.2 -> 0.4.3).");
  });

  it("the note about 0.x: with an addition or a breaking change before 1.0.0, not for documentation alone or from 1.0.0 on", () => {
    const note = ", before 1.0.0 a breaking change bumps the minor and an addition the patch";
    const summary = (over: Partial<ReportInput>) => formatMarkdown(input(over)).split("\n")[2];
    const additive = diffSpecs(base, patch([{ op: "add", path: "/paths/~1things/get/parameters/-", value: { name: "q", in: "query", schema: { type: "string" } } }]));
    expect(summary({ result: additive })).toBe(`**0 breaking, 0 warning(s), 1 non-breaking, 0 documentation.** Suggested version bump: **patch** (0.4.2 -> 0.4.3${note}).`);
    expect(summary({})).toBe(`**3 breaking, 1 warning(s), 1 non-breaking, 1 documentation.** Suggested version bump: **minor** (0.4.2 -> 0.5.0${note}).`);
    const docs = diffSpecs(base, patch([{ op: "replace", path: "/paths/~1things/post/summary", value: "Create one thing." }]));
    expect(summary({ result: docs })).toBe("**0 breaking, 0 warning(s), 0 non-breaking, 1 documentation.** Suggested version bump: **patch** (0.4.2 -> 0.4.3).");
    expect(summary({ baseVersion: "1.4.0" })).toBe("**3 breaking, 1 warning(s), 1 non-breaking, 1 documentation.** Suggested version bump: **major** (1.4.0 -> 2.0.0).");
    expect(summary({ baseVersion: "10.4.0", result: additive })).toBe("**0 breaking, 0 warning(s), 1 non-breaking, 0 documentation.** Suggested version bump: **minor** (10.4.0 -> 10.5.0).");
  });
});

describe("spec:diff's JSON contract", () => {
  it("has exactly the fields release and ci:pr read, the bump from the base's version", () => {
    const json = toJson(input());
    expect(Object.keys(json)).toEqual(["base", "head", "baseVersion", "summary", "bump", "nextVersion", "changes", "typeBreaks"]);
    expect(json).toMatchObject({ base: "main", head: "working tree", baseVersion: "0.4.2", summary: { breaking: 3, warning: 1, nonBreaking: 1, docs: 1 }, bump: "minor", nextVersion: "0.5.0", typeBreaks: null });
    expect(Object.keys(json.changes[0] ?? {})).toEqual(["rule", "impact", "reason", "operationId", "where", "message", "file", "line"]);
    expect(JSON.stringify(json)).not.toContain("`");
  });

  it("after 1.0.0: breaking -> major, additions -> minor, nothing -> none", () => {
    expect(toJson(input({ baseVersion: "1.4.0" }))).toMatchObject({ bump: "major", nextVersion: "2.0.0" });
    const additive = diffSpecs(base, patch([{ op: "add", path: "/paths/~1things/get/parameters/-", value: { name: "q", in: "query", schema: { type: "string" } } }]));
    expect(toJson(input({ result: additive, baseVersion: "1.4.0" }))).toMatchObject({ bump: "minor", nextVersion: "1.5.0" });
    expect(toJson(input({ result: diffSpecs(base, base), baseVersion: "1.4.0" }))).toMatchObject({ bump: "none", nextVersion: "1.4.0", changes: [] });
  });
});
