/**
 * npm run ci:pr [-- --base <ref>] [--allow-breaking] [--full] [--skip-tests]
 *
 * The pull-request gate, run locally exactly as the workflow
 * (.github/workflows/pull-request.yml runs `npm run ci:pr -- --full`). It runs
 * every check even after one fails (lint, drift, spec:diff, the version bump
 * the change calls for, the version files, the CHANGELOG section, the API
 * report, AUDIT.md, tests and type check) and ends with one list of what is
 * missing, each item with the command that fixes it.
 *
 * Tests: on a change of the spec only, the test files that can be affected;
 * otherwise, or with `--full`, all of them. `--skip-tests` leaves them out.
 * A breaking change passes when intended: `--allow-breaking`, a `BREAKING:`
 * line in the version's CHANGELOG section, or (on GitHub) the
 * `breaking-change` label.
 *
 * Exit 0: nothing missing. Exit 1: something is (the list says what). Exit 2: bad arguments.
 */
import { formatProblems, runGate } from "./lib/ci/gate.js";
import { BREAKING_LABEL_ENV } from "./lib/ci/steps.js";
import { repoRoot } from "./lib/shared/paths.js";

const usage = "npm run ci:pr -- [--base <git ref>] [--allow-breaking] [--full] [--skip-tests]";
const argv = process.argv.slice(2);
let base: string | undefined;
let allowBreaking = false;
let full = false;
let skipTests = false;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === "--allow-breaking") allowBreaking = true;
  else if (arg === "--full") full = true;
  else if (arg === "--skip-tests") skipTests = true;
  else if (arg === "--base" && argv[i + 1] && !argv[i + 1]?.startsWith("--")) base = argv[++i];
  else {
    console.error(`ci:pr: unknown or incomplete argument \`${arg}\`.\nUsage: ${usage}`);
    process.exit(2);
  }
}

const started = performance.now();
const result = await runGate({
  root: repoRoot,
  base,
  allowBreaking,
  breakingLabel: process.env[BREAKING_LABEL_ENV] === "true",
  githubActions: process.env.GITHUB_ACTIONS === "true",
  full,
  skipTests,
  log: (line) => console.log(line),
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.problems.length) {
  console.error(`\n${formatProblems(result.problems)}\n(ci:pr took ${seconds} s)`);
  process.exit(1);
}
console.log(`\nci:pr passed: ${result.passed.join(", ")} (${seconds} s).`);
