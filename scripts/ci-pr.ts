/**
 * npm run ci:pr [-- --base <ref>] [--allow-breaking] [--skip-tests]
 *
 * The pull-request gate, run locally: the same npm scripts, in the same order,
 * as .github/workflows/pull-request.yml (a test checks that the two agree).
 * Stops at the first failing step and ends with one line naming it.
 * `--skip-tests` stops after the spec gates (lint, drift, diff), for a quick
 * check of a spec change.
 */
import { spawn } from "node:child_process";
import { ciSteps } from "./lib/ci/steps.js";
import { repoRoot } from "./lib/shared/paths.js";

const usage = "npm run ci:pr -- [--base <git ref>] [--allow-breaking] [--skip-tests]";
const argv = process.argv.slice(2);
const diffArgs: string[] = [];
let skipTests = false;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === "--allow-breaking") diffArgs.push(arg);
  else if (arg === "--skip-tests") skipTests = true;
  else if (arg === "--base" && argv[i + 1] && !argv[i + 1]?.startsWith("--")) diffArgs.push(arg, argv[++i] ?? "");
  else {
    console.error(`ci:pr: unknown or incomplete argument \`${arg}\`.\nUsage: ${usage}`);
    process.exit(2);
  }
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const steps = ciSteps({ diffArgs, githubActions: process.env.GITHUB_ACTIONS === "true" }).filter((s) => !skipTests || !s.test);
for (const [i, step] of steps.entries()) {
  console.log(`\nci:pr ${i + 1}/${steps.length}: ${step.title} (npm run ${step.script}${step.args.length ? ` -- ${step.args.join(" ")}` : ""})`);
  const code = await new Promise<number>((done) => {
    const child = spawn(npm, ["run", "--silent", step.script, ...(step.args.length ? ["--", ...step.args] : [])], { cwd: repoRoot, stdio: "inherit" });
    child.on("error", () => done(127));
    child.on("close", (c) => done(c ?? 1));
  });
  if (code !== 0) {
    console.error(`\nci:pr failed at step ${i + 1}/${steps.length}, ${step.title} (\`npm run ${step.script}\`, exit ${code}): ${step.onFailure}`);
    process.exit(1);
  }
}
console.log(`\nci:pr passed: ${steps.map((s) => s.title).join(", ")}.`);
