/**
 * `npm run release`'s pieces, as the command uses them: spec:diff's JSON
 * report read (the contract, and the older shape), the CHANGELOG section and
 * link lines, the version files, and the all-or-nothing write.
 */
import * as fsPromises from "node:fs/promises";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  acceptsBreaking,
  changelogProblems,
  releaseChangelog,
} from "../../scripts/lib/release/changelog.js";
import {
  setLockVersion,
  setPackageVersion,
  setVersionTs,
  statedVersions,
  writeAll,
} from "../../scripts/lib/release/files.js";
import { parseSpecDiff } from "../../scripts/lib/release/spec-diff-json.js";
import { repoRoot } from "../helpers/run.js";

const fixture = (name: string) =>
  readFile(join(repoRoot, "test/fixtures/spec-diff-json", `${name}.json`), "utf8");
const REPO = "https://github.com/o/r";
const CHANGELOG = `# Changelog

Intro.

## [Unreleased]

### Added
- A hand-written entry.

## [0.1.0] - 2026-11-28

### Added
- The first release.

[Unreleased]: ${REPO}/compare/v0.1.0...HEAD
[0.1.0]: ${REPO}/releases/tag/v0.1.0
`;

describe("spec:diff's JSON report", () => {
  it("reads the contract: summary, each change's file and line", async () => {
    const report = parseSpecDiff(await fixture("one-field"));
    expect(report.summary).toEqual({ breaking: 0, warning: 0, nonBreaking: 1, docs: 1 });
    expect(report.baseVersion).toBe("0.1.0");
    expect(report.changes[0]).toMatchObject({
      rule: "response-property-added",
      file: "spec/components/schemas/SourceResponse.yaml",
      line: 12,
    });
    expect(report.changes[1]).toMatchObject({ file: null, line: null });
  });

  it("reads the older shape (no summary, `what` and `id`), counting the impacts itself", async () => {
    const report = parseSpecDiff(await fixture("legacy"));
    expect(report.summary).toEqual({ breaking: 1, warning: 0, nonBreaking: 1, docs: 0 });
    expect(report.changes[0]).toMatchObject({
      rule: "createWidget operationId changed",
      message: expect.stringContaining("renamed"),
      file: null,
    });
  });

  it("says what is wrong with output that is not the report", () => {
    expect(() => parseSpecDiff("## API changes")).toThrow(/did not print JSON/);
    expect(() => parseSpecDiff('{"changes":[{"impact":"huge"}]}')).toThrow(
      /change 0 has no known "impact"/,
    );
    expect(() => parseSpecDiff("{}")).toThrow(/no "changes" list/);
  });
});

describe("the CHANGELOG a release writes", () => {
  it("moves [Unreleased]'s entries into a dated section with spec:diff's changes grouped, and writes its link line", async () => {
    const report = parseSpecDiff(await fixture("one-field"));
    const text = releaseChangelog(CHANGELOG, {
      version: "0.1.1",
      previous: "0.1.0",
      date: "2026-12-06",
      report,
    });
    expect(text).toContain(
      "## [Unreleased]\n\n## [0.1.1] - 2026-12-06\n\n### Added\n- A hand-written entry.\n",
    );
    expect(text).toContain(
      "### API changes (npm run spec:diff)\n\n#### Non-breaking\n\n- `getSource` response 200 field `color`: added (optional)\n",
    );
    expect(text).toContain(
      "#### Documentation\n\n- 1 description or deprecation change in 1 operation.\n",
    );
    expect(text).toMatch(
      /\n\[Unreleased\]: https:\/\/github.com\/o\/r\/compare\/v0\.1\.1\.\.\.HEAD\n\[0\.1\.1\]: https:\/\/github.com\/o\/r\/compare\/v0\.1\.0\.\.\.v0\.1\.1\n\[0\.1\.0\]: /,
    );
    expect(text.indexOf("## [0.1.1]")).toBeLessThan(text.indexOf("## [0.1.0]"));
    expect(changelogProblems(text, "0.1.1")).toEqual([]);
  });

  it("is the same when run twice, and a later bump takes over the section of an earlier one", async () => {
    const report = parseSpecDiff(await fixture("breaking"));
    const once = releaseChangelog(CHANGELOG, {
      version: "0.1.1",
      previous: "0.1.0",
      date: "2026-12-06",
      report,
    });
    expect(
      releaseChangelog(once, { version: "0.1.1", previous: "0.1.0", date: "2026-12-06", report }),
    ).toBe(once);
    const minor = releaseChangelog(once, {
      version: "0.2.0",
      previous: "0.1.0",
      date: "2026-12-06",
      report,
      breaking: "the field was never sent",
    });
    expect(minor).not.toContain("0.1.1");
    expect(minor.match(/#### Breaking/g)).toHaveLength(1);
    expect(minor.match(/A hand-written entry/g)).toHaveLength(1);
    expect(acceptsBreaking(minor, "0.2.0")).toBe(true);
    expect(acceptsBreaking(once, "0.1.1")).toBe(false);
  });

  it("names what ci:pr misses: the section, its date, the link lines", () => {
    expect(changelogProblems(CHANGELOG, "0.2.0")).toEqual([
      "CHANGELOG.md has no `## [0.2.0] - YYYY-MM-DD` section",
      "CHANGELOG.md has no link line `[0.2.0]: <repository>/compare/v<previous>...v0.2.0`",
      "CHANGELOG.md's `[Unreleased]` link does not compare from v0.2.0",
    ]);
    const undated = CHANGELOG.replace("## [Unreleased]", "## [Unreleased]\n\n## [0.2.0]");
    expect(changelogProblems(undated, "0.2.0")[0]).toContain("has no date");
  });

  it("refuses a changelog without [Unreleased]", () => {
    expect(() =>
      releaseChangelog("# Changelog\n", {
        version: "0.2.0",
        previous: "0.1.0",
        date: "2026-12-06",
      }),
    ).toThrow(/no `## \[Unreleased\]` heading/);
  });
});

describe("the version files", () => {
  it("sets package.json's version, both of package-lock.json's and src/version.ts's, keeping the rest", () => {
    const pkg = '{\n  "name": "x",\n  "version": "0.1.0",\n  "dependencies": { "y": "1.0.0" }\n}\n';
    const lock = `${JSON.stringify({ name: "x", version: "0.1.0", packages: { "": { version: "0.1.0" }, "node_modules/y": { version: "1.0.0" } } }, null, 2)}\n`;
    const ts = '/** doc */\nexport const VERSION = "0.1.0";\n';
    const after = {
      packageJson: setPackageVersion(pkg, "0.2.0"),
      packageLock: setLockVersion(lock, "0.2.0"),
      versionTs: setVersionTs(ts, "0.2.0"),
    };
    expect(after.packageJson).toBe(pkg.replace('"0.1.0"', '"0.2.0"'));
    expect(after.packageLock).toContain('"node_modules/y": {\n      "version": "1.0.0"');
    expect(statedVersions(after)).toEqual({
      "package.json": "0.2.0",
      "package-lock.json": "0.2.0",
      'package-lock.json packages[""]': "0.2.0",
      "src/version.ts": "0.2.0",
    });
    expect(() => setVersionTs("export const V = 1;", "0.2.0")).toThrow(/no `export const VERSION/);
  });
});

describe("writing the release", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "airbyte-release-"));
    for (const name of ["a", "b", "c"]) await writeFile(join(dir, name), `old ${name}`);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const files = () => new Map(["a", "b", "c"].map((n) => [join(dir, n), `new ${n}`]));

  it("writes every changed file and names them", async () => {
    await writeFile(join(dir, "c"), "new c");
    expect(await writeAll(files())).toEqual([join(dir, "a"), join(dir, "b")]);
    expect(await readFile(join(dir, "b"), "utf8")).toBe("new b");
    expect((await readdir(dir)).sort()).toEqual(["a", "b", "c"]);
  });

  it("leaves every file as it was when one cannot be written", async () => {
    let renames = 0;
    const failing = {
      ...fsPromises,
      rename: async (
        from: Parameters<typeof fsPromises.rename>[0],
        to: Parameters<typeof fsPromises.rename>[1],
      ) => {
        // The third rename is the second file's move aside: the first file is already in place.
        if (++renames === 3) throw new Error("disk full");
        return fsPromises.rename(from, to);
      },
    };
    await expect(writeAll(files(), failing)).rejects.toThrow("disk full");
    for (const n of ["a", "b", "c"]) expect(await readFile(join(dir, n), "utf8")).toBe(`old ${n}`);
    expect((await readdir(dir)).sort()).toEqual(["a", "b", "c"]);
  });
});
