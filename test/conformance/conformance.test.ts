/**
 * `npm run conformance` as users run it, on small fixture specs (ours and a
 * provider's) that hold one of each kind of difference.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConformanceResult } from "../../scripts/lib/conformance/model.js";
import { repoRoot, runScript } from "../helpers/run.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/conformance", name);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-conformance-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function runConformance(exceptions: string) {
  const out = join(dir, `${exceptions}.json`);
  const run = await runScript("conformance.ts", [fixture("provider.yaml"), "--ours", fixture("ours.yaml"), "--exceptions", fixture(exceptions), "--json", out]);
  const result = run.code === 2 ? undefined : (JSON.parse(await readFile(out, "utf8")) as ConformanceResult);
  return { ...run, result };
}

/** One run per exceptions file, shared by the tests that read its output (the command only reads its inputs). */
const runs = new Map<string, ReturnType<typeof runConformance>>();
function conformance(exceptions: string) {
  const run = runs.get(exceptions) ?? runConformance(exceptions);
  runs.set(exceptions, run);
  return run;
}

// Every run only reads its inputs and writes its own JSON file, so the runs go side by side.
describe.concurrent("conformance", () => {
  it("finds every kind of difference, by a stable id", async () => {
    const { result } = await conformance("exceptions-partial.yaml");
    expect(result?.operations).toEqual({
      matched: 3,
      missing: ["deleteThing (DELETE /things/{id})"],
      extra: ["putExtra (PUT /extra)"],
    });
    expect(result?.differences.map((d) => d.id).sort()).toEqual(
      [
        "deleteThing operation missing",
        "listThings param.query.status enum-value-missing:d",
        "listThings param.query.status enum-value-added:c",
        "listThings param.query.status enum-open",
        "listThings param.query.limit required-removed",
        "listThings response.403 status-missing",
        "listThings response.200.body.data[].kind required-removed",
        "listThings response.200.body.data[].size type-differs",
        "listThings response.200.body.data[].legacy property-missing",
        "listThings response.200.body.data[].config composition-differs",
        "listThings response.200.body.data[].extra property-added",
        "createThing request.body required-added",
        "createThing request.body.kind required-removed",
        "createThing request.body.size type-differs",
        "createThing request.body.legacy property-missing",
        "createThing request.body.config composition-differs",
        "createThing request.body.extra property-added",
        "createThing response.409 status-missing",
        "fetchThing operation operationId-differs",
        "fetchThing response.200.body.kind required-removed",
        "fetchThing response.200.body.size type-differs",
        "fetchThing response.200.body.legacy property-missing",
        "fetchThing response.200.body.config composition-differs",
        "fetchThing response.200.body.extra property-added",
      ].sort(),
    );
    // UUID vs uuid is not a difference; the recursive `parent` is compared once, not forever.
    expect(result?.differences.some((d) => d.kind === "format-differs")).toBe(false);
    expect(result?.providerDefects).toEqual(["dangling $ref #/components/responses/Missing"]);
  });

  it("exits 1 on unexplained differences, names them, and lists stale exceptions", async () => {
    const { code, stdout, result } = await conformance("exceptions-partial.yaml");
    expect(code).toBe(1);
    expect(result?.explained).toBe(4);
    expect(result?.unexplained).toBe(20);
    expect(stdout).toMatch(/Operations: 3 matched, 1 missing from ours, 1 only in ours/);
    expect(stdout).toMatch(/Unexplained differences[\s\S]*createThing\n\s+request\.body required-added  \(ours: required; provider: optional\)/);
    expect(stdout).toMatch(/Exceptions that matched nothing here \(1[^)]*\):\n\s+\* kind required-removed/);
    expect(stdout).toMatch(/Defects of the provider's file[\s\S]*dangling \$ref #\/components\/responses\/Missing/);
    expect(stdout).toMatch(/FAIL: 20 unexplained difference\(s\)\.$/m);
  });

  it("exits 0 when every difference is explained, counting each exception's hits", async () => {
    const { code, stdout, result } = await conformance("exceptions-full.yaml");
    expect(code).toBe(0);
    expect(result?.unexplained).toBe(0);
    expect(stdout).toMatch(/^\s+3\s+\*\.config composition-differs$/m);
    expect(stdout).toMatch(/OK: every difference is explained\.$/m);
  });

  it.each([
    ["a missing provider file", ["no-such-file.yaml", "--ours", fixture("ours.yaml")], /no-such-file\.yaml: cannot read the provider's spec/],
    ["no provider at all", [], /Which provider spec\? Usage: npm run conformance/],
    ["an exception without reason", [fixture("provider.yaml"), "--ours", fixture("ours.yaml"), "--exceptions", fixture("exceptions-no-reason.yaml")], /entry 1 \(`\* enum-open`\) has no `reason`: say why this difference is intended\./],
    ["an exceptions file that is not YAML", [fixture("provider.yaml"), "--ours", fixture("ours.yaml"), "--exceptions", fixture("exceptions-bad.yaml")], /exceptions-bad\.yaml: not valid YAML/],
    ["a provider file that is not OpenAPI", [fixture("exceptions-full.yaml"), "--ours", fixture("ours.yaml"), "--exceptions", fixture("exceptions-full.yaml")], /not an OpenAPI document \(no `paths`\)/],
  ])("exits 2 with a clear message on %s", async (_, args, message) => {
    const run = await runScript("conformance.ts", args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("refuses a 1 KB YAML alias bomb at once instead of expanding it (the alias guard stays on)", async () => {
    const run = await runScript("conformance.ts", [fixture("alias-bomb.yaml"), "--ours", fixture("ours.yaml")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/alias-bomb\.yaml: not valid YAML\/JSON: too many YAML aliases/);
  });

  it("compares schemas whose allOf members form a cycle without crashing", async () => {
    const out = join(dir, "cycle.json");
    const run = await runScript("conformance.ts", [fixture("allof-cycle.yaml"), "--ours", fixture("ours.yaml"), "--exceptions", fixture("exceptions-full.yaml"), "--json", out]);
    expect(run.stderr).toBe("");
    const result = JSON.parse(await readFile(out, "utf8")) as ConformanceResult;
    // Both members of the cycle are merged once: their properties are compared like any other.
    expect(result.differences.map((d) => d.id)).toEqual(
      expect.arrayContaining(["listThings response.200.body.fromA property-missing", "listThings response.200.body.fromB property-missing"]),
    );
  });
});
