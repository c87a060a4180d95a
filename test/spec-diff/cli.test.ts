/**
 * `npm run spec:diff` as a maintainer runs it: in a throwaway git repository
 * (a copy of scripts/ with the fixture spec as spec/openapi.yaml, `main` plus
 * a feature branch), against the default base (the merge base with main) and
 * against named refs, including the ways a base can be missing or broken.
 */
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, type RunResult } from "../helpers/run.js";

const tsx = join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs");
const baseSpec = await readFile(join(repoRoot, "test/spec-diff/fixtures/base.yaml"), "utf8");
let root: string;
let repo: string;

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" }).toString().trim();

/** Runs scripts/spec-diff.ts of the throwaway repository, there. */
function specDiff(cwd: string, args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    execFile(process.execPath, [tsx, join(cwd, "scripts/spec-diff.ts"), ...args], { cwd, env: { ...process.env, FORCE_COLOR: "0" } }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** The fixture spec with some text replaced (the replacement must apply). */
async function headSpec(name: string, edits: Array<[string, string]>): Promise<string> {
  let text = baseSpec;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`${name}: ${from} not in the fixture`);
    text = text.replace(from, to);
  }
  const file = join(root, `${name.replace(/\W+/g, "-")}.yaml`);
  await writeFile(file, text);
  return file;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "airbyte-spec-diff-"));
  repo = join(root, "repo");
  await cp(join(repoRoot, "scripts"), join(repo, "scripts"), { recursive: true });
  await cp(join(repoRoot, "package.json"), join(repo, "package.json"));
  await cp(join(repoRoot, "redocly.yaml"), join(repo, "redocly.yaml"));
  await cp(join(repoRoot, "test/spec-diff/fixtures/base.yaml"), join(repo, "spec/openapi.yaml"));
  await writeFile(join(repo, ".gitignore"), "node_modules\n");
  await symlink(join(repoRoot, "node_modules"), join(repo, "node_modules"), "dir");
  git(repo, "init", "-q", "-b", "main");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "base");
  git(repo, "commit", "-qm", "second", "--allow-empty");
  // A branch whose spec does not parse, to name as a base.
  git(repo, "checkout", "-qb", "broken");
  await writeFile(join(repo, "spec/openapi.yaml"), "openapi: 3.1.0\npaths: {\n  /x: [\n");
  git(repo, "commit", "-qam", "broken spec");
  git(repo, "checkout", "-q", "main");
  git(repo, "checkout", "-qb", "feature");
  git(repo, "commit", "-qm", "feature work", "--allow-empty");
});
afterAll(() => rm(root, { recursive: true, force: true }));

// Every case only reads the repository (each edited spec is its own --head file), so they run side by side.
describe.concurrent("spec:diff", () => {
  // One run per direction keeps this file quick; cases.test.ts judges each change on its own, in both directions.
  it("exits 1 on a response field removed, a request field made required, a request enum value removed and an operationId renamed, one line each", async () => {
    const head = await headSpec("breaking", [
      ["        note: { type: string }\n", ""],
      ["      required: [name]\n      properties:\n        name: { type: string }\n        kind", "      required: [name, size]\n      properties:\n        name: { type: string }\n        kind"],
      ["kind: { type: string, enum: [small, large] }", "kind: { type: string, enum: [small] }"],
      ["operationId: getThing", "operationId: fetchThing"],
    ]);
    const run = await specDiff(repo, ["--head", head]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^## API changes: merge base with main \([0-9a-f]{10}\) -> working tree$/m);
    expect(run.stdout).toMatch(/Suggested version bump: \*\*major\*\* \(0\.\d+\.\d+ -> 0\.\d+\.0: before 1\.0\.0 a major change bumps the minor\)/);
    const breaking = run.stdout.slice(run.stdout.indexOf("### Breaking"), run.stdout.indexOf("\n\n", run.stdout.indexOf("### Breaking") + 20));
    expect(breaking.split("\n").slice(2)).toEqual([
      "- `createThing` request field `kind`: enum value `large` removed",
      "- `createThing` request field `size`: now required",
      "- `createThing` response 200 field `note`: removed (or renamed)",
      "- `getThing` operation: operationId renamed getThing -> fetchThing (the client method is renamed)",
      "- `getThing` response 200 field `note`: removed (or renamed)",
      "- `listThings` response 200 field `data[].note`: removed (or renamed)",
    ]);
    expect(run.stdout).toContain("Fails: a breaking change needs `npm run spec:diff -- --allow-breaking` and a major bump.");
  });

  it("exits 0 on an optional request field, a value of an open enum and an operation added, reported non-breaking", async () => {
    const head = await headSpec("additive", [
      ["        size: { type: integer }\n    ThingList", "        size: { type: integer }\n        note: { type: string }\n    ThingList"],
      ["enum: [small, large], x-open-enum: true", "enum: [small, large, medium], x-open-enum: true"],
      ["components:\n", "  /things/{thingId}/archive:\n    post:\n      operationId: archiveThing\n      tags: [Things]\n      parameters:\n        - { name: thingId, in: path, required: true, schema: { type: string } }\n      responses:\n        '204': { description: Archived. }\ncomponents:\n"],
    ]);
    const run = await specDiff(repo, ["--head", head]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\*\*0 breaking, 5 non-breaking, 0 documentation\.\*\* Suggested version bump: \*\*minor\*\*/);
    for (const line of [
      "`archiveThing` operation: added (POST /things/{thingId}/archive)",
      "`createThing` request field `note`: added, optional",
      "`getThing` response 200 field `kind`: enum value `medium` added (open enum)",
    ]) {
      expect(run.stdout).toContain(`\n- ${line}`);
    }
    expect(run.stdout).not.toContain("### Breaking");
  });

  it("--allow-breaking exits 0; --json prints the changes; --output writes the Markdown", async () => {
    const head = await headSpec("json", [["operationId: getThing", "operationId: fetchThing"]]);
    const out = join(root, "comment.md");
    const run = await specDiff(repo, ["--base", "main", "--head", head, "--json", "--allow-breaking", "--output", out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { base: string; breaking: number; bump: string; changes: Array<{ impact: string; operationId: string; id: string }> };
    expect(json).toMatchObject({ base: "`main`", breaking: 1, bump: "major" });
    expect(json.changes).toEqual([expect.objectContaining({ impact: "breaking", operationId: "getThing", id: "getThing operation operationId-differs" })]);
    const markdown = await readFile(out, "utf8");
    expect(markdown).toContain("Breaking changes allowed by `--allow-breaking`.");
  });

  it("says so when nothing a user can notice changed", async () => {
    const run = await specDiff(repo, []);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("No change a client user can notice.");
  });

  it("exits 2 with one line naming a base ref that does not exist and how to fetch it", async () => {
    const run = await specDiff(repo, ["--base", "release-9"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("spec:diff: Base ref `release-9` does not exist in this clone: fetch it with `git fetch origin release-9`, or pass --base <ref | spec file>.");
  });

  it("exits 2 when the base spec does not parse", async () => {
    const run = await specDiff(repo, ["--base", "broken"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^spec:diff: The base \(`broken`\) spec does not parse \(.*openapi\.yaml\): .+\. Fix its YAML, or diff against another --base\.\n$/);
  });

  it("exits 2 in a shallow clone without the merge base, saying to unshallow", async () => {
    const shallow = join(root, "shallow");
    git(root, "clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature", `file://${repo}`, shallow);
    await symlink(join(repoRoot, "node_modules"), join(shallow, "node_modules"), "dir");
    const run = await specDiff(shallow, []);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      "spec:diff: The merge base of HEAD and origin/main is not in this shallow clone: run `git fetch --unshallow` (or `git fetch --deepen=200 origin main`), or pass --base <ref | spec file>.",
    );
  });

  it("exits 2 when there is no main to diff against", async () => {
    const lone = join(root, "lone");
    git(root, "clone", "-q", "--branch", "feature", "--single-branch", `file://${repo}`, lone);
    git(lone, "remote", "remove", "origin");
    await symlink(join(repoRoot, "node_modules"), join(lone, "node_modules"), "dir");
    const run = await specDiff(lone, []);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("spec:diff: No `main` branch in this clone to diff against: run `git fetch origin main`, or pass --base <ref | spec file>.");
  });
});
