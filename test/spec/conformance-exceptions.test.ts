/**
 * spec/conformance-exceptions.yaml: exceptions name the operation and the
 * location; `*` only in a policy stated at the top, and never for
 * required-added or type-differs; every reason cites its source. And the real
 * file still explains every difference from both upstream specs.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExceptionsFileError, loadExceptions, parseExceptions } from "../../scripts/lib/conformance/exceptions.js";
import { runConformance } from "../../scripts/lib/conformance/run.js";
import { repoRoot } from "../helpers/run.js";
import { hasUpstream, upstreamDir, upstreamNote } from "../helpers/upstream.js";

const cite = "mappers/SourceReadMapper.kt:25 sends an empty string";
const policy = (match: string, name = "p") => ({ policies: [{ name, match, reason: `${cite}.` }] });
const exception = (fields: Record<string, unknown>) => ({ exceptions: [{ location: "response.200.body.sourceType", kind: "required-removed", reason: cite, ...fields }] });

describe("the exceptions file format", () => {
  it.each([
    ["a blanket required-added policy", policy("* request.body required-added"), /policy 1 \(`p`\): a wildcard may not explain `required-added` differences; list each one under `exceptions:`/],
    ["a blanket type-differs policy", policy("*.size type-differs"), /a wildcard may not explain `type-differs` differences/],
    ["a policy whose kind is itself a wildcard", policy("getSource *"), /a wildcard may not explain `required-added`/],
    ["a policy on required-*", policy("* required-*"), /a wildcard may not explain `required-added`/],
    ["a blanket required-added entry in the older list format", [{ match: "* request.body required-added", reason: "bodies" }], /entry 1 \(`\* request\.body required-added`\): a wildcard may not explain `required-added`/],
    ["a wildcard in an exception's location", exception({ operation: "getSource", location: "response.*.sourceType" }), /exception 1 \(`getSource response\.\*\.sourceType required-removed`\): `\*` is allowed only in a policy/],
    ["a wildcard operation", exception({ operation: "*" }), /`\*` is allowed only in a policy stated under `policies:`/],
    ["an exception without an operation", exception({}), /exception 1 names no operation: give `operation: <operationId>`/],
    ["an exception with an empty operation list", exception({ operations: [] }), /exception 1 names no operation/],
    ["both operation and operations", exception({ operation: "getSource", operations: ["listSources"] }), /has both `operation` and `operations`/],
    ["an exception without a location", exception({ operation: "getSource", location: undefined }), /exception 1 has no `location`/],
    ["an exception without a kind", exception({ operation: "getSource", kind: " " }), /exception 1 has no `kind`/],
    ["a reason that cites nothing", exception({ operation: "getSource", reason: "the server omits it" }), /exception 1 \(`getSource response\.200\.body\.sourceType required-removed`\): the reason cites no source/],
    ["a policy without a reason", { policies: [{ name: "p", match: "* enum-open" }] }, /policy 1 \(`p`\) has no `reason`/],
    ["a policy stated twice", { policies: [{ name: "open", match: "* enum-open", reason: cite }, { name: "open", match: "* enum-open", reason: cite }] }, /policy 2: the policy `open` is stated twice/],
    ["an unknown top-level key", { exception: [] }, /unknown key `exception`; the file has only `policies:` and `exceptions:`/],
    ["a scalar file", "everything is fine", /must be a mapping with `policies:` and `exceptions:` lists/],
  ])("refuses %s, saying what to do", (_, data, message) => {
    expect(() => parseExceptions(data, "x.yaml")).toThrow(ExceptionsFileError);
    expect(() => parseExceptions(data, "x.yaml")).toThrow(message);
  });

  it.each([
    ["an open-enum policy", policy("* enum-open", "open-enums"), [{ match: "* enum-open", reason: `${cite}.` }]],
    ["a wildcard policy on another kind", policy("*.configuration composition-differs"), [{ match: "*.configuration composition-differs", reason: `${cite}.` }]],
    ["one exception per listed operation", exception({ operations: ["getSource", "putSource"] }), [
      { match: "getSource response.200.body.sourceType required-removed", reason: cite },
      { match: "putSource response.200.body.sourceType required-removed", reason: cite },
    ]],
    ["a required-added exception named exactly", exception({ operation: "createSource", location: "request.body", kind: "required-added" }), [{ match: "createSource request.body required-added", reason: cite }]],
    ["a URL as citation", exception({ operation: "getSource", reason: "seen at https://github.com/airbytehq/airbyte/issues/30021" }), [{ match: "getSource response.200.body.sourceType required-removed", reason: "seen at https://github.com/airbytehq/airbyte/issues/30021" }]],
    ["an empty file", null, []],
  ])("accepts %s", (_, data, want) => {
    expect(parseExceptions(data, "x.yaml")).toEqual(want);
  });
});

describe("spec/conformance-exceptions.yaml", () => {
  const file = join(repoRoot, "spec/conformance-exceptions.yaml");
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "airbyte-exceptions-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loads, and its only wildcards are the policies at the top", async () => {
    const exceptions = await loadExceptions(file);
    expect(exceptions.filter((e) => e.match.includes("*")).map((e) => e.match)).toEqual([
      "* enum-open",
      "*.configuration composition-differs",
      "*.mapperConfiguration composition-keyword-differs",
    ]);
  });

  it.runIf(hasUpstream).each(["api.yaml", "api_sdk.yaml"])(`explains every difference from the provider's %s (${upstreamNote})`, async (upstream) => {
    const result = await runConformance(join(repoRoot, "spec/openapi.yaml"), join(upstreamDir, upstream), await loadExceptions(file));
    expect(result.differences.filter((d) => !d.explainedBy && d.kind !== "provider-dangling-ref").map((d) => d.id)).toEqual([]);
    expect(result.explained).toBeGreaterThan(100);
  });

  it("is refused when someone adds a blanket required-added entry back", async () => {
    const bad = join(dir, "blanket.yaml");
    await writeFile(bad, "policies:\n  - name: bodies\n    match: '* request.body required-added'\n    reason: see controllers/SourcesController.kt:252\n");
    await expect(loadExceptions(bad)).rejects.toThrow(/a wildcard may not explain `required-added` differences/);
  });
});
