/**
 * `tsc -p test/browser/tsconfig.json`, the second half of `npm run typecheck`:
 * the browser code (the test page, page.evaluate callbacks, and the
 * consumers' global setup it shares) compiles under its own tsconfig, which
 * adds the DOM types the rest of the repository must not see. A test (like
 * project.test.ts, the first half) so that it overlaps the other test files
 * instead of holding up `npm test` before vitest starts. Incremental: the
 * build info lives in node_modules/.cache, so an unchanged tree is re-checked
 * from hashes.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runNode, tscBuildInfo } from "../helpers/run.js";

describe("test/browser/tsconfig.json", () => {
  it("compiles without a type error", async () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const buildInfo = tscBuildInfo("browser");
    const run = await runNode([tsc, "-p", join(repoRoot, "test/browser/tsconfig.json"), "--pretty", "false", "--incremental", "--tsBuildInfoFile", buildInfo]);
    expect(run.stdout + run.stderr).toBe("");
    expect(run.code).toBe(0);
  }, 180_000);
});
