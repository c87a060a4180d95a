/**
 * The hostile suite against the packed package: the security and fault tests
 * (hostile.config.ts lists them) run again with the sources replaced by the
 * tarball's build, ESM and CommonJS, so a finding fixed in src/ but lost in
 * the build (a bundling step, a CommonJS face) is caught before release.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, inject, it } from "vitest";
import { repoRoot } from "../helpers/run.js";

const run = promisify(execFile);
const pkg = join(inject("consumerDir"), "node_modules", "airbyte-api-client");

interface VitestJson {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  testResults: Array<{ name: string; status: string }>;
}

async function hostileRun(format: "esm" | "cjs"): Promise<VitestJson> {
  const vitest = join(repoRoot, "node_modules", "vitest", "vitest.mjs");
  const result = await run(process.execPath, [vitest, "run", "--config", "test/consumers/hostile.config.ts", "--reporter=json"], {
    cwd: repoRoot,
    env: { ...process.env, AIRBYTE_PACKAGE_DIR: pkg, AIRBYTE_PACKAGE_FORMAT: format, AIRBYTE_CLIENT_ENTRY: undefined },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => error);
  const stdout = result.stdout ?? "";
  const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as VitestJson;
  const failed = report.testResults.filter((file) => file.status !== "passed").map((file) => file.name);
  expect(failed, result.stderr).toEqual([]);
  return report;
}

it("the hostile suite passes against the packed ESM build", async () => {
  const report = await hostileRun("esm");
  expect(report.success).toBe(true);
  // Every listed file ran (12), with all their tests.
  expect(report.testResults).toHaveLength(12);
  expect(report.numPassedTests).toBe(report.numTotalTests);
  expect(report.numTotalTests).toBeGreaterThan(100);
});

it("the hostile cases that use only the entry pass against the packed CommonJS build", async () => {
  const report = await hostileRun("cjs");
  expect(report.success).toBe(true);
  expect(report.numPassedTests).toBe(report.numTotalTests);
  expect(report.testResults.length).toBeGreaterThanOrEqual(8);
});
