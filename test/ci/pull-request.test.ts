/**
 * The pull-request gate: the workflow runs `npm run ci:pr` itself (with the
 * label and the comment file ci:pr expects), and ci:pr, on throwaway repositories (this one's
 * scripts and configuration, git history with `main`, a feature branch),
 * passes on an untouched branch and lists every spec mistake it exists to
 * catch at once, each with its fix.
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
import { annotations } from "../../scripts/lib/ci/gate.js";
import {
  BREAKING_LABEL,
  BREAKING_LABEL_ENV,
  SPEC_DIFF_COMMENT_FILE,
  WORKFLOW_CI_PR_ARGS,
} from "../../scripts/lib/ci/steps.js";
import { parseSpecDiff } from "../../scripts/lib/release/spec-diff-json.js";
import { repoRoot, type RunResult } from "../helpers/run.js";

let root: string;
/** The generation cache all copies share. */
let cache: string;
/** A repository tree (no git yet) with the fixture spec and its generated/. */
let template: string;

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
    cwd,
    stdio: "pipe",
  }).toString();

function run(
  cwd: string,
  command: string,
  args: string[],
  extra: Record<string, string> = {},
): Promise<RunResult> {
  return new Promise((done) => {
    const env = {
      ...process.env,
      FORCE_COLOR: "0",
      GITHUB_ACTIONS: "",
      BREAKING_CHANGE_LABEL: "",
      AIRBYTE_GENERATE_CACHE: cache,
      ...extra,
    };
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
  const result = await run(dir, process.execPath, [
    join(dir, "scripts/generate.mjs"),
    "--spec",
    "spec/openapi.yaml",
    "--out",
    "generated.new",
  ]);
  if (result.code === 0) {
    await rm(join(dir, "generated"), { recursive: true, force: true });
    await rename(join(dir, "generated.new"), join(dir, "generated"));
  }
  return result;
}

const ciPr = (dir: string, env: Record<string, string> = {}, ...args: string[]) =>
  run(dir, "npm", ["run", "--silent", "ci:pr", "--", "--skip-tests", ...args], env);
const release = (dir: string, ...args: string[]) =>
  run(dir, "npm", ["run", "--silent", "release", "--", ...args], {});

/** What a ci:pr run printed, both streams. */
const said = (r: RunResult) => `${r.stdout}\n${r.stderr}`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "airbyte-ci-pr-"));
  cache = join(root, ".generate-cache");
  template = join(root, "template");
  for (const path of [
    "scripts",
    "redocly.yaml",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    ".prettierrc.json",
    "src/version.ts",
    "CHANGELOG.md",
  ]) {
    await cp(join(repoRoot, path), join(template, path), { recursive: true });
  }
  await cp(join(repoRoot, "test/fixtures/specs/split-files"), join(template, "spec"), {
    recursive: true,
  });
  await writeFile(join(template, ".gitignore"), "node_modules\n");
  await symlink(join(repoRoot, "node_modules"), join(template, "node_modules"), "dir");
  const generated = await generate(template);
  if (generated.code !== 0) throw new Error(`the fixture does not generate:\n${generated.stderr}`);
}, 120_000);
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the pull-request workflow", () => {
  it("runs npm ci, then ci:pr itself with every test, the label passed in, and posts spec:diff's report", async () => {
    const text = await readFile(join(repoRoot, ".github/workflows/pull-request.yml"), "utf8");
    const workflow = parse(text) as {
      on: { pull_request: { types?: string[] } };
      jobs: Record<
        string,
        {
          steps: Array<{
            run?: string;
            uses?: string;
            env?: Record<string, string>;
            with?: Record<string, string>;
          }>;
        }
      >;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.filter((s) => s.run);
    expect(runs.map((s) => s.run)).toEqual([
      "npm ci --no-audit --no-fund",
      `npm run ci:pr -- ${WORKFLOW_CI_PR_ARGS.join(" ")}`,
    ]);
    // The label ci:pr reads, set from the pull request's labels; labelling runs the gate again.
    expect(runs[1]?.env?.[BREAKING_LABEL_ENV]).toBe(
      `\${{ contains(github.event.pull_request.labels.*.name, '${BREAKING_LABEL}') }}`,
    );
    expect(workflow.on.pull_request.types).toEqual(
      expect.arrayContaining(["labeled", "unlabeled", "synchronize"]),
    );
    // The report ci:pr writes on GitHub is the file the comment step posts.
    const comment = steps.find((s) => s.uses?.startsWith("marocchino/sticky-pull-request-comment"));
    expect(comment?.with?.path).toBe(SPEC_DIFF_COMMENT_FILE);
    expect(text).toContain(`hashFiles('${SPEC_DIFF_COMMENT_FILE}')`);
  });

  it("annotates the spec line of each change: an error for a break not accepted, a warning once accepted", async () => {
    const report = parseSpecDiff(
      await readFile(join(repoRoot, "test/fixtures/spec-diff-json/breaking.json"), "utf8"),
    );
    expect(annotations(report.changes, false)).toEqual([
      "::error file=spec/components/schemas/SourceResponse.yaml,line=30,title=Breaking change%3A getSource::response 200 field `createdAt`: removed",
      "::warning file=spec/components/schemas/JobStatusEnum.yaml,line=4,title=Warning%3A getJob::response 200 field `status`: enum value `paused` added",
    ]);
    expect(annotations(report.changes, true)[0]).toMatch(
      /^::warning file=spec\/components\/schemas\/SourceResponse\.yaml,line=30,/,
    );
  });
});

// Each case runs ci:pr in its own copy; on a busy 2-core machine one case can take minutes.
describe.concurrent("npm run ci:pr", { timeout: 600_000 }, () => {
  it("passes on a branch that changes nothing", async () => {
    const dir = await repoCopy("pass");
    const result = await ciPr(dir);
    expect(result.code, said(result)).toBe(0);
    expect(result.stdout).toContain("No change a client user can notice.");
    expect(result.stdout).toMatch(/ci:pr passed: lint the spec, generated\/ matches the spec \(/m);
  });

  it("goes on after a failure and lists every problem at once, each with its fix", async () => {
    const dir = await repoCopy("many");
    await edit(dir, "generated/schemas.ts", (t) =>
      t.replace("export type Size", "// tweaked by hand\nexport type Size"),
    );
    await cp(join(dir, "spec/paths/widgets.yaml"), join(dir, "spec/paths/widgets@unlisted.yaml"));
    await edit(dir, "src/version.ts", (t) => t.replace(/VERSION = "[^"]*"/, 'VERSION = "9.9.9"'));
    const result = await ciPr(dir);
    expect(result.code).toBe(1);
    expect(said(result)).toContain(
      "paths/widgets@unlisted.yaml is in the spec folder, but openapi.yaml never reaches it",
    );
    // check:drift cannot regenerate from a spec that fails lint: it says so, and the list still names it.
    expect(said(result)).toContain(
      "check:drift could not regenerate from the spec; fix the spec first.",
    );
    expect(result.stderr).toContain("ci:pr: 3 thing(s) to do before this pull request can merge:");
    expect(result.stderr).toMatch(
      /1\. \[lint the spec\] the spec has lint problems .*\n {5}fix: fix them in spec\/, then `npm run generate`/,
    );
    expect(result.stderr).toMatch(
      /2\. \[generated\/ matches the spec\] .*\n {5}fix: `npm run generate`, then commit spec\/ and generated\/ together/,
    );
    expect(result.stderr).toMatch(
      /3\. \[version\] the version files disagree: package\.json says 0\.1\.0, src\/version\.ts 9\.9\.9\n {5}fix: `npm run release -- patch`/,
    );
  });

  it("asks for the bump an addition calls for, from main's version; npm run release gives it", async () => {
    const dir = await repoCopy("addition");
    await edit(dir, "spec/schemas/Widget.yaml", (t) =>
      t.replace(
        /^properties:\n/m,
        "properties:\n  nickname:\n    type: string\n    description: A nickname.\n",
      ),
    );
    expect((await generate(dir)).code).toBe(0);
    const before = await ciPr(dir);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(
      /\[version\] the change is an addition, which calls for a patch bump from main's 0\.1\.0 \(-> 0\.1\.1\), but package\.json says 0\.1\.0\n {5}fix: `npm run release -- patch`/,
    );
    const released = await release(dir);
    expect(released.code, said(released)).toBe(0);
    expect(released.stdout).toMatch(/release: 0\.1\.0 -> 0\.1\.1 \(patch, as spec:diff suggests/);
    expect(released.stdout).toContain(
      "Written:\n  package.json\n  package-lock.json\n  src/version.ts\n  CHANGELOG.md",
    );
    const after = await ciPr(dir);
    expect(after.code, said(after)).toBe(0);
    // Run again, release starts from main's version: nothing changes.
    expect((await release(dir)).stdout).toContain("Every file already says so: nothing written.");
  });

  it("fails on a breaking change nothing accepts, and passes once a BREAKING: line or the label says it is intended", async () => {
    const dir = await repoCopy("breaking");
    await edit(dir, "spec/paths/widgets.yaml", (t) =>
      t.replace(/operationId: createWidget\b/, "operationId: makeWidget"),
    );
    expect((await generate(dir)).code).toBe(0);
    const refused = await ciPr(dir);
    expect(refused.code).toBe(1);
    // The wording is spec:diff's (scripts/lib/diff); ci:pr prints each change with its impact.
    expect(refused.stdout).toMatch(
      /^- \[breaking\] `createWidget` operation: operationId renamed.*createWidget -> makeWidget/m,
    );
    expect(refused.stderr).toMatch(
      /\[version\] the change is a breaking change, which calls for a minor bump from main's 0\.1\.0 \(-> 0\.2\.0: before 1\.0\.0 a breaking change bumps the minor\)/,
    );
    expect(refused.stderr).toContain(
      'fix: undo it, or, if you mean it: `npm run release -- minor --breaking "<why>"`',
    );
    expect((await release(dir)).code).toBe(0);
    const labelled = await ciPr(dir, { [BREAKING_LABEL_ENV]: "true" });
    expect(labelled.code, said(labelled)).toBe(0);
    expect(labelled.stdout).toContain(
      "The breaking change is accepted as intended (the `breaking-change` label).",
    );
    expect((await release(dir, "--breaking", "makeWidget is the server's name")).code).toBe(0);
    expect(await readFile(join(dir, "CHANGELOG.md"), "utf8")).toMatch(
      /## \[0\.2\.0\] - \d{4}-\d{2}-\d{2}\n\nBREAKING: makeWidget is the server's name\n/,
    );
    const accepted = await ciPr(dir);
    expect(accepted.code, said(accepted)).toBe(0);
  });

  it("on GitHub: writes the report for the comment, says it was not accepted, and annotates the break", async () => {
    const dir = await repoCopy("github");
    await edit(dir, "spec/paths/widgets.yaml", (t) =>
      t.replace(/operationId: createWidget\b/, "operationId: makeWidget"),
    );
    expect((await generate(dir)).code).toBe(0);
    const result = await ciPr(dir, { GITHUB_ACTIONS: "true" });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^::error .*title=Breaking change%3A createWidget::operation: operationId renamed/m,
    );
    const comment = await readFile(join(dir, SPEC_DIFF_COMMENT_FILE), "utf8");
    expect(comment).toContain("createWidget -> makeWidget");
    expect(comment).toContain(
      "Not accepted: add a `BREAKING: <why>` line to CHANGELOG.md's 0.1.0 section, or the `breaking-change` label.",
    );
  });

  it("says spec:diff could not read its input, not that the change breaks users, when there is no main", async () => {
    const dir = await repoCopy("no-main");
    git(dir, "branch", "-D", "main");
    const result = await ciPr(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /\[API changes for users\] spec:diff could not read its input: bad input, not a breaking change:\n {4}spec:diff: No `main` branch/,
    );
    expect(result.stderr).not.toContain("breaks users");
  });
});
