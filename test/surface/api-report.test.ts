/**
 * The public API report (scripts/lib/release/api-report.ts) is committed as a
 * plain Markdown file: `-u` rewrites it, and the rewrite shows in `git diff`
 * line by line. This test fails when the code and the file disagree, and when
 * the report stops being reviewable (long lines, unstable order).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  API_REPORT_PATH,
  apiReport,
  REPORT_MAX_LINE,
} from "../../scripts/lib/release/api-report.js";
import { repoRoot } from "../helpers/run.js";

const report = apiReport(repoRoot);

describe("public type surface", () => {
  it("matches the reviewed API report", async () => {
    await expect(report).toMatchFileSnapshot(join(repoRoot, API_REPORT_PATH));
  });

  it(`has no line over ${REPORT_MAX_LINE} characters`, () => {
    const long = report
      .split("\n")
      .flatMap((line, i) =>
        line.length > REPORT_MAX_LINE ? [`line ${i + 1}: ${line.length} characters`] : [],
      );
    expect(long).toEqual([]);
  });

  it("shows a schema used inside another type by its name, its members once in its own block", () => {
    const block = (name: string) =>
      report.slice(
        report.indexOf(`\n${name} {\n`) + 1,
        report.indexOf("\n}\n", report.indexOf(`\n${name} {\n`)) + 2,
      );
    expect(block("ConnectionsResponse")).toContain("  data: ConnectionResponse[]\n");
    expect(block("ConnectionResponse")).toMatch(/^ {2}connectionId: string$/m);
    expect(report.split("\n").filter((l) => l === "  connectionId: string").length).toBeGreaterThan(
      0,
    );
  });

  it("reports the version the package sends", async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as {
      version: string;
    };
    expect(report).toContain(`export declare const VERSION = "${pkg.version}";`);
  });
});
