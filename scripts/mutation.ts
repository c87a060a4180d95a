/**
 * npm run test:mutation [-- <group>...] [--concurrency <n>]: Stryker once per group of
 * stryker.config.mjs (default: every group, in table order), then
 * docs/reports/mutation.md from the groups' JSON reports.
 *
 * Each run leaves docs/reports/mutation/<group>.json (Stryker's report) and
 * <group>.run.json (when it ran, on which commit, with which scope), so a
 * group can be run again alone and the report still shows every group with
 * the commit it was measured on. Results of unchanged mutants are reused
 * from node_modules/.cache/stryker/<group>.json (Stryker's incremental mode).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { GROUPS } from "../stryker.config.mjs";
import { repoRoot } from "./lib/shared/paths.js";

const argv = process.argv.slice(2);
// `--concurrency <n>` goes to Stryker (default: the config's 2); every other argument names a group.
const at = argv.indexOf("--concurrency");
const concurrency = at === -1 ? undefined : argv[at + 1];
if (at !== -1 && !/^[1-9]\d*$/.test(concurrency ?? "")) {
  console.error("test:mutation: --concurrency takes a whole number of test runners, e.g. --concurrency 1.");
  process.exit(2);
}
const asked = at === -1 ? argv : [...argv.slice(0, at), ...argv.slice(at + 2)];
const unknown = asked.filter((g) => !(g in GROUPS));
if (unknown.length) {
  console.error(`test:mutation: no group ${unknown.join(", ")}; choose from ${Object.keys(GROUPS).join(", ")}.`);
  process.exit(2);
}
const groups = asked.length ? asked : Object.keys(GROUPS);
const git = (...a: string[]) => execFileSync("git", a, { cwd: repoRoot, encoding: "utf8" }).trim();
const out = join(repoRoot, "docs", "reports", "mutation");
await mkdir(out, { recursive: true });

// Stryker runs the tests in a copy of the repository under .stryker-tmp/, where ../shared/upstream
// (the provider's files, beside the project) is not: name it, so the tests that compare against
// those files run for the mutants too instead of skipping.
const upstream = resolve(repoRoot, "..", "shared", "upstream");
const upstreamEnv = process.env.AIRBYTE_UPSTREAM_DIR === undefined && existsSync(upstream) ? { AIRBYTE_UPSTREAM_DIR: upstream } : {};

for (const group of groups) {
  const started = new Date().toISOString();
  const commit = git("rev-parse", "--short", "HEAD");
  const dirty = git("status", "--porcelain", "--", "src", "scripts", "test", "stryker.config.mjs") !== "";
  console.error(`test:mutation: group ${group} (${GROUPS[group]?.mutate.join(", ")})`);
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [join(repoRoot, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js"), "run", ...(concurrency ? ["--concurrency", concurrency] : [])], {
      cwd: repoRoot,
      env: { ...process.env, ...upstreamEnv, MUTATION_GROUP: group },
      stdio: "inherit",
    });
    child.on("close", (c) => done(c ?? 1));
  });
  if (code !== 0) {
    console.error(`test:mutation: Stryker failed on group ${group} (exit ${code}); the report keeps that group's previous run.`);
    process.exit(1);
  }
  const run = { group, started, finished: new Date().toISOString(), commit, dirty, mutate: GROUPS[group]?.mutate, tests: GROUPS[group]?.tests };
  await writeFile(join(out, `${group}.run.json.tmp`), `${JSON.stringify(run, null, 2)}\n`);
  await rename(join(out, `${group}.run.json.tmp`), join(out, `${group}.run.json`));
}

const report = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "scripts", "mutation-report.ts")], { cwd: repoRoot, stdio: "inherit" });
report.on("close", (c) => process.exit(c ?? 1));
