/**
 * docs/changing-the-spec.md, "A new optional field", followed word by word in
 * a temporary clone: `npm run ci:pr` passes on its first run, the release
 * bumped the patch and the API report's diff is the new member and the version.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Clone, type CommandRun, explain } from "../helpers/maintainer.js";

let clone: Clone;
let runs: CommandRun[];

beforeAll(async () => {
  clone = await Clone.create("field");
  runs = await clone.follow("A new optional field");
}, 900_000);
afterAll(() => clone?.remove());

describe("a maintainer adds an optional field as the guide says", () => {
  it("gets a green ci:pr on the first run", () => {
    expect(runs.map((r) => r.command)).toEqual([
      "npm run generate",
      "npm run release",
      "npm run ci:pr",
    ]);
    expect(
      runs.every((r) => r.code === 0),
      explain(runs),
    ).toBe(true);
    expect(runs[2]?.output).toMatch(/ci:pr passed: .*tests and type check/);
    expect(runs[2]?.output).toContain("a spec-only change");
  });

  it("released a patch, and the API report changed by the member and the version only", () => {
    expect(runs[1]?.output).toMatch(
      /release: (\d+\.\d+\.\d+) -> \d+\.\d+\.\d+ \(patch, as spec:diff suggests/,
    );
    const diff = execFileSync(
      "git",
      ["diff", "-U0", "--", "test/surface/__snapshots__/api-report.md"],
      { cwd: clone.dir, encoding: "utf8" },
    );
    const changed = diff.split("\n").filter((l) => /^[+-](?![+-])/.test(l));
    expect(changed).toHaveLength(3);
    expect(changed).toContain("+  description?: string");
  });
});
