/**
 * `tsc -p tsconfig.json`, the first half of `npm run typecheck` (src/,
 * generated/, scripts/, test/, examples/, bench/), as a test: the *.test-d.ts
 * type tests (expectTypeOf, @ts-expect-error) hold, and nothing else has a
 * type error.
 *
 * Why a test rather than vitest's own typecheck: vitest runs its tsc in a
 * group of its own after every other test file has finished, so on 2 cores the
 * check (4 s of one core with the build info, 11 s without) ran with the other
 * core idle. Here it overlaps the other files. Incremental: the build info
 * lives in node_modules/.cache, so an unchanged tree is re-checked from
 * hashes. `npx vitest --typecheck` still reports each type assertion on its
 * own when you need that.
 */
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runNode, tscBuildInfo, type RunResult } from "../helpers/run.js";

interface TypeError {
  /** relative to the repository root */
  file: string;
  line: number;
  message: string;
}

let checked: Promise<RunResult & { errors: TypeError[] }> | undefined;
/** One tsc run for every test of this file. */
function check() {
  checked ??= (async () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const buildInfo = tscBuildInfo("project");
    const run = await runNode([tsc, "-p", join(repoRoot, "tsconfig.json"), "--pretty", "false", "--incremental", "--tsBuildInfoFile", buildInfo]);
    const errors: TypeError[] = [];
    // `file(line,col): error TS1234: message`, continued on indented lines.
    for (const line of run.stdout.split("\n")) {
      const m = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line);
      if (m) errors.push({ file: relative(repoRoot, join(repoRoot, m[1] ?? "")).split("\\").join("/"), line: Number(m[2]), message: m[3] ?? "" });
      else if (line.startsWith(" ") && errors.length) (errors.at(-1) as TypeError).message += `\n${line}`;
    }
    return { ...run, errors };
  })();
  return checked;
}

const entries = await readdir(join(repoRoot, "test"), { recursive: true });
const typeTests = entries.filter((f) => f.endsWith(".test-d.ts")).map((f) => `test/${f.split("\\").join("/")}`).sort();

describe("tsconfig.json", () => {
  it("has type tests to check", () => {
    expect(typeTests.length).toBeGreaterThan(0);
  });

  it.each(typeTests)("%s: every type assertion holds", async (file) => {
    const { errors } = await check();
    expect(errors.filter((e) => e.file === file)).toEqual([]);
  }, 180_000);

  it("the rest of the project has no type error", async () => {
    const { code, stdout, stderr, errors } = await check();
    expect(errors.filter((e) => !typeTests.includes(e.file))).toEqual([]);
    // Whatever tsc says that is not an error at a place (a broken tsconfig) fails here.
    if (errors.length === 0) expect({ code, output: stdout + stderr }).toEqual({ code: 0, output: "" });
  }, 180_000);
});
