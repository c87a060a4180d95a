/**
 * docs/changing-the-spec.md, "A new operation", followed word by word in a
 * temporary clone: `npm run ci:pr` passes on its first run, with the new
 * operation's AUDIT.md section, the README's count and a patch release.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Clone, type CommandRun, explain } from "../helpers/maintainer.js";

let clone: Clone;
let runs: CommandRun[];

beforeAll(async () => {
  clone = await Clone.create("operation");
  runs = await clone.follow("A new operation");
}, 900_000);
afterAll(() => clone?.remove());

describe("a maintainer adds an operation as the guide says", () => {
  it("gets a green ci:pr on the first run", () => {
    expect(runs.at(-1)?.command).toBe("npm run ci:pr");
    expect(
      runs.every((r) => r.code === 0),
      explain(runs),
    ).toBe(true);
    expect(runs.at(-1)?.output).toMatch(/ci:pr passed: .*AUDIT\.md.*tests and type check/);
  });

  it("released the addition as a patch and lists it in the CHANGELOG", async () => {
    const release = runs.find((r) => r.command === "npm run release");
    expect(release?.output).toMatch(/\(patch, as spec:diff suggests/);
    const changelog = await clone.run("sed -n '/^## \\[[0-9]/,/^## \\[[0-9]/p' CHANGELOG.md");
    expect(changelog.output).toContain("`listTagConnections`");
  });
});
