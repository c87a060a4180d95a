/**
 * npm run release [-- <patch|minor|major>] [--breaking "<why>"] [--date YYYY-MM-DD]
 *
 * Bumps the version from main's (the merge base's package.json, never the
 * working tree's, so running it twice is harmless) and writes, in one step,
 * every file that holds it: package.json, package-lock.json (both fields),
 * src/version.ts, the API report, and CHANGELOG.md (a dated section with
 * [Unreleased]'s entries and spec:diff's changes, and its link line). Without
 * a bump it takes the one spec:diff's changes call for. `--breaking` writes
 * the `BREAKING: <why>` line that tells ci:pr and the pull-request workflow
 * the break is intended. Nothing is written when any step fails.
 *
 * Exit 0: released. Exit 1: spec:diff could not judge the change, or a file
 * could not be written (then none is). Exit 2: bad arguments.
 */
import type { Bump } from "./lib/release/bump.js";
import { ChangelogError } from "./lib/release/changelog.js";
import { VersionFileError } from "./lib/release/files.js";
import { applyRelease, baseVersion, planRelease, ReleaseError } from "./lib/release/plan.js";
import { runSpecDiff } from "./lib/release/spec-diff-json.js";
import { repoRoot } from "./lib/shared/paths.js";

const usage =
  'npm run release -- [patch|minor|major] [--breaking "<why the break is intended>"] [--date YYYY-MM-DD]';

function fail(message: string, code = 2): never {
  console.error(`release: ${message}${code === 2 ? `\nUsage: ${usage}` : ""}`);
  process.exit(code);
}

const argv = process.argv.slice(2);
let bump: Bump | undefined;
let breaking: string | undefined;
let date = new Date().toISOString().slice(0, 10);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i] ?? "";
  if (arg === "patch" || arg === "minor" || arg === "major") {
    if (bump) fail(`two bumps given (${bump} and ${arg}): name one.`);
    bump = arg;
  } else if (arg === "--breaking" || arg === "--date") {
    const value = argv[++i];
    if (!value || value.startsWith("--")) fail(`${arg} needs a value.`);
    if (arg === "--date") {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
        fail(`--date ${value} is not a date: write YYYY-MM-DD.`);
      date = value;
    } else breaking = value;
  } else
    fail(
      `unknown argument \`${arg}\`${/^\d/.test(arg) ? " (name the bump, not the version: release computes the version from main's)" : ""}.`,
    );
}

try {
  const from = await baseVersion(repoRoot);
  const diff = await runSpecDiff(repoRoot, ["--allow-breaking"]);
  if (!diff.report) {
    const why =
      diff.code === 2
        ? "spec:diff could not read its input (bad input, not a breaking change)"
        : `spec:diff failed (exit ${diff.code})`;
    fail(
      `${why}:\n${diff.unreadable ?? diff.stderr.trim()}\nFix that, then run \`${usage.split(" [")[0]}\` again. Nothing was written.`,
      1,
    );
  }
  const plan = await planRelease({
    root: repoRoot,
    bump,
    report: diff.report,
    from: from.version,
    date,
    breaking,
  });
  const written = await applyRelease(repoRoot, plan);
  const s = diff.report.summary;
  console.log(
    `release: ${from.version} -> ${plan.version} (${plan.bump}${bump ? "" : ", as spec:diff suggests"}; ${s.breaking} breaking, ${s.warning} warning, ${s.nonBreaking} non-breaking, ${s.docs} documentation change(s) since ${from.ref}).`,
  );
  console.log(
    written.length
      ? `Written:\n${written.map((f) => `  ${f}`).join("\n")}`
      : "Every file already says so: nothing written.",
  );
  if (s.breaking > 0 && !breaking) {
    console.log(
      `\nThe change breaks users. If you mean it, say why: \`npm run release -- ${plan.bump} --breaking "<why>"\` (a BREAKING: line in CHANGELOG.md's ${plan.version} section lets ci:pr pass).`,
    );
  }
  console.log("\nReview the CHANGELOG.md section, then commit these files with the change.");
} catch (error) {
  if (
    error instanceof ReleaseError ||
    error instanceof ChangelogError ||
    error instanceof VersionFileError
  )
    fail(`${error.message} Nothing was written.`, 1);
  throw error;
}
