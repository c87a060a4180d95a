/**
 * The pull-request gate: the workflow runs exactly the npm scripts `npm run
 * ci:pr` runs, and ci:pr itself, on throwaway repositories (this one's
 * scripts and configuration, git history with `main`, a feature branch),
 * passes on an untouched branch and fails with a readable reason on each spec
 * mistake it exists to catch.
 *
 * The gates judge whatever spec the repository holds, so the copies hold the
 * small split-files fixture (paths and schemas in their own files, like
 * spec/) instead of the 1 MB real spec: generated once for all cases, and
 * every copy shares one generation cache, so a copy whose spec is unchanged
 * (the passing and the hand-edited ones) reuses that run's lint and output.
 * Not in test:quick (each case still starts ci:pr and its npm scripts).
 */
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ciSteps } from "../../scripts/lib/ci/steps.js";
import { repoRoot, type RunResult } from "../helpers/run.js";

let root: string;
/** The generation cache all copies share. */
let cache: string;
/** A repository tree (no git yet) with the fixture spec and its generated/. */
let template: string;

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" }).toString();

function run(cwd: string, command: string, args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    const env = { ...process.env, FORCE_COLOR: "0", GITHUB_ACTIONS: "", AIRBYTE_GENERATE_CACHE: cache };
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A copy of the template committed on `main`, with a `feature` branch checked out. */
async function repoCopy(name: string): Promise<string> {
  const dir = join(root, name);
  await cp(template, dir, { recursive: true, verbatimSymlinks: true });
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "main");
  git(dir, "checkout", "-qb", "feature");
  return dir;
}

async function edit(dir: string, file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(join(dir, file), "utf8");
  const after = change(before);
  if (after === before) throw new Error(`edit of ${file} changed nothing`);
  await writeFile(join(dir, file), after);
}

/**
 * `generate.mjs` on the copy's spec, as a contributor runs it before
 * committing. Written to a sibling folder, then moved to generated/: with the
 * repository's own generated/ as --out the script would go on to build dist/,
 * and these copies have no src/ to build (the gates never read dist/).
 */
async function generate(dir: string): Promise<RunResult> {
  const result = await run(dir, process.execPath, [join(dir, "scripts/generate.mjs"), "--spec", "spec/openapi.yaml", "--out", "generated.new"]);
  if (result.code === 0) {
    await rm(join(dir, "generated"), { recursive: true, force: true });
    await rename(join(dir, "generated.new"), join(dir, "generated"));
  }
  return result;
}

const ciPr = (dir: string) => run(dir, "npm", ["run", "--silent", "ci:pr", "--", "--skip-tests"]);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "airbyte-ci-pr-"));
  cache = join(root, ".generate-cache");
  template = join(root, "template");
  for (const path of ["scripts", "redocly.yaml", "package.json", "package-lock.json", "tsconfig.json", ".prettierrc.json"]) {
    await cp(join(repoRoot, path), join(template, path), { recursive: true });
  }
  await cp(join(repoRoot, "test/fixtures/specs/split-files"), join(template, "spec"), { recursive: true });
  await writeFile(join(template, ".gitignore"), "node_modules\n");
  await symlink(join(repoRoot, "node_modules"), join(template, "node_modules"), "dir");
  const generated = await generate(template);
  if (generated.code !== 0) throw new Error(`the fixture does not generate:\n${generated.stderr}`);
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the pull-request workflow", () => {
  it("runs npm ci, then exactly the npm scripts of ci:pr, in its order", async () => {
    const workflow = parse(await readFile(join(repoRoot, ".github/workflows/pull-request.yml"), "utf8")) as {
      jobs: Record<string, { steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs[0]).toMatch(/^npm ci\b/);
    const expected = ciSteps({ githubActions: true }).map((s) => `npm run ${s.script}${s.args.length ? ` -- ${s.args.join(" ")}` : ""}`);
    expect(runs.slice(1)).toEqual(expected);
    expect(runs.slice(1).every((r) => r.startsWith("npm run "))).toBe(true);
    // The spec:diff report is posted as a comment, from the file spec:diff writes.
    const comment = steps.find((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment"));
    expect(comment?.with?.path).toBe("spec-diff.md");
    expect(expected).toContain("npm run lint:spec -- --format github-actions");
  });
});

// Each case runs ci:pr in its own copy; on a busy 2-core machine one case can take a minute.
describe.concurrent("npm run ci:pr", { timeout: 300_000 }, () => {
  it("passes on a branch that changes nothing", async () => {
    const dir = await repoCopy("pass");
    const result = await ciPr(dir);
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No change a client user can notice.");
    expect(result.stdout).toMatch(/ci:pr passed: lint the spec, generated\/ matches the spec, API changes for users\.$/m);
  });

  it("fails at the drift check when generated/ is edited by hand", async () => {
    const dir = await repoCopy("hand-edit");
    await edit(dir, "generated/schemas.ts", (t) => t.replace("export type Size", "// tweaked by hand\nexport type Size"));
    const result = await ciPr(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/generated\/schemas\.ts differs[\s\S]*tweaked by hand/);
    expect(result.stderr).toContain("ci:pr failed at step 2/3, generated/ matches the spec (`npm run check:drift`, exit 1): generated/ is not what the spec produces: never edit it by hand;");
  });

  it("fails at lint when a path file is left out of openapi.yaml", async () => {
    const dir = await repoCopy("unlisted");
    await cp(join(dir, "spec/paths/widgets.yaml"), join(dir, "spec/paths/widgets@unlisted.yaml"));
    const result = await ciPr(dir);
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain("paths/widgets@unlisted.yaml is in the spec folder, but openapi.yaml never reaches it");
    expect(result.stderr).toContain("ci:pr failed at step 1/3, lint the spec (`npm run lint:spec`, exit 1)");
  });

  it("fails at lint when a response gets a closed enum", async () => {
    const dir = await repoCopy("closed-enum");
    await edit(dir, "spec/schemas/Widget.yaml", (t) =>
      t.replace(/^properties:\n/m, "properties:\n  color:\n    type: string\n    description: A color.\n    enum: [red, blue]\n"),
    );
    const result = await ciPr(dir);
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toMatch(/This enum is sent by the server \(\w+ 200 response\) but does not say whether it may grow/);
    expect(result.stderr).toContain("ci:pr failed at step 1/3, lint the spec");
  });

  it("fails at spec:diff on a breaking change made without --allow-breaking", async () => {
    const dir = await repoCopy("breaking");
    await edit(dir, "spec/paths/widgets.yaml", (t) => t.replace(/operationId: createWidget\b/, "operationId: makeWidget"));
    // Regenerated and committed as a careful contributor would: only the breaking change is left to catch.
    const generated = await generate(dir);
    expect(generated.code, generated.stderr).toBe(0);
    const result = await ciPr(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("- `createWidget` operation: operationId renamed: the client method is renamed (createWidget -> makeWidget) [operation-id-changed]");
    expect(result.stderr).toContain("ci:pr failed at step 3/3, API changes for users (`npm run spec:diff`, exit 1): the spec change breaks users of the client");
  });
});
