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
import { repoRoot, tsxImport, type RunResult } from "../helpers/run.js";

const baseSpec = await readFile(join(repoRoot, "test/spec-diff/fixtures/base.yaml"), "utf8");
let root: string;
let repo: string;

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" }).toString().trim();

/** Runs scripts/spec-diff.ts of the throwaway repository, there. */
function specDiff(cwd: string, args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    execFile(process.execPath, [...tsxImport, join(cwd, "scripts/spec-diff.ts"), ...args], { cwd, env: { ...process.env, FORCE_COLOR: "0" } }, (error, stdout, stderr) =>
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
  // The version is pinned so the expected bumps do not follow the project's own releases.
  const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as Record<string, unknown>;
  await writeFile(join(repo, "package.json"), JSON.stringify({ ...pkg, version: "0.1.0" }));
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
  it("exits 1 on a response field removed, a request field made required, a request enum value removed and an operationId renamed, grouped by reason, one line each", async () => {
    const head = await headSpec("breaking", [
      ["        note: { type: string }\n", ""],
      ["      required: [name]\n      properties:\n        name: { type: string }\n        kind", "      required: [name, size]\n      properties:\n        name: { type: string }\n        kind"],
      ["kind: { type: string, enum: [small, large] }", "kind: { type: string, enum: [small] }"],
      ["operationId: getThing", "operationId: fetchThing"],
    ]);
    const run = await specDiff(repo, ["--head", head]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^## API changes: merge base with main \([0-9a-f]{10}\) -> .*breaking\.yaml$/m);
    expect(run.stdout).toContain("**6 breaking, 0 warning(s), 0 non-breaking, 0 documentation.** Suggested version bump: **minor** (0.1.0 -> 0.2.0, before 1.0.0");
    const breaking = run.stdout.slice(run.stdout.indexOf("### Breaking"), run.stdout.indexOf("\n\nFails"));
    expect(breaking.split("\n")).toEqual([
      "### Breaking (6)",
      "",
      "#### types: code that compiled no longer compiles (3)",
      "",
      "- `createThing` request field kind: request enum value removed: code passing it no longer compiles (large) [request-enum-value-removed]",
      "- `createThing` request field size: request field now required: calls without it no longer compile [request-property-became-required]",
      "- `getThing` operation: operationId renamed: the client method is renamed (getThing -> fetchThing) [operation-id-changed]",
      "",
      "#### responses: a value the caller read can no longer be read (3)",
      "",
      "- `createThing` response 200 field note: response field removed (or renamed): code reading it gets nothing [response-property-removed]",
      "- `getThing` response 200 field note: response field removed (or renamed): code reading it gets nothing [response-property-removed]",
      "- `listThings` response 200 field data[].note: response field removed (or renamed): code reading it gets nothing [response-property-removed]",
    ]);
    expect(run.stdout).toContain("Fails: a breaking change needs `npm run spec:diff -- --allow-breaking` and the bump above.");
  });

  it("exits 0 on an optional request field, a value of an open enum and an operation added, reported non-breaking", async () => {
    const head = await headSpec("additive", [
      ["        size: { type: integer }\n    ThingList", "        size: { type: integer }\n        note: { type: string }\n    ThingList"],
      ["enum: [small, large], x-open-enum: true", "enum: [small, large, medium], x-open-enum: true"],
      ["components:\n", "  /things/{thingId}/archive:\n    post:\n      operationId: archiveThing\n      tags: [Things]\n      parameters:\n        - { name: thingId, in: path, required: true, schema: { type: string } }\n      responses:\n        '204': { description: Archived. }\ncomponents:\n"],
    ]);
    const run = await specDiff(repo, ["--head", head]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("**0 breaking, 0 warning(s), 5 non-breaking, 0 documentation.** Suggested version bump: **patch** (0.1.0 -> 0.1.1");
    for (const line of [
      "`archiveThing` operation: operation added (POST /things/{thingId}/archive) [operation-added]",
      "`createThing` request field note: optional request field added [request-optional-property-added]",
      "`getThing` response 200 field kind: open response enum gained a value (its type already accepts any string) (medium) [response-open-enum-value-added]",
    ]) {
      expect(run.stdout).toContain(`\n- ${line}`);
    }
    expect(run.stdout).not.toContain("### Breaking");
  });

  it("exits 0 on a warning, 1 with --fail-on warning; 2 on a --fail-on it does not know", async () => {
    const head = await headSpec("warning", [["operationId: getThing\n", "operationId: getThing\n      deprecated: true\n"]]);
    const [plain, strict, bad] = await Promise.all([specDiff(repo, ["--head", head]), specDiff(repo, ["--head", head, "--fail-on", "warning"]), specDiff(repo, ["--head", head, "--fail-on", "docs"])]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("### Warnings (1)\n\n- `getThing` operation: operation deprecated [operation-deprecated]");
    expect(strict.code).toBe(1);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("spec:diff: --fail-on takes warning or breaking, not docs.");
  }, 120_000);

  it("--json prints the contract (plain strings, file and line of each change in the head spec); --allow-breaking exits 0; --output writes the Markdown", async () => {
    const head = await headSpec("json", [
      ["operationId: getThing", "operationId: fetchThing"],
      ["kind: { type: string, enum: [small, large] }", "kind: { type: string, enum: [small, large], maxLength: 5 }"],
    ]);
    const out = join(root, "comment.md");
    const run = await specDiff(repo, ["--base", "main", "--head", head, "--json", "--allow-breaking", "--output", out]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    const headLine = (text: string) => baseSpec.split("\n").findIndex((l) => l.includes(text)) + 1;
    expect(json).toEqual({
      base: "main",
      head: expect.stringMatching(/json\.yaml$/),
      baseVersion: "0.1.0",
      summary: { breaking: 2, warning: 0, nonBreaking: 0, docs: 0 },
      bump: "minor",
      nextVersion: "0.2.0",
      changes: [
        { rule: "request-max-length-decreased", impact: "breaking", reason: "requests", operationId: "createThing", where: "request field kind", message: "request maxLength tightened: values accepted before may be rejected (maxLength none -> 5)", file: expect.stringMatching(/json\.yaml$/), line: headLine("kind: { type: string, enum: [small, large] }") },
        { rule: "operation-id-changed", impact: "breaking", reason: "types", operationId: "getThing", where: "operation", message: "operationId renamed: the client method is renamed (getThing -> fetchThing)", file: expect.stringMatching(/json\.yaml$/), line: headLine("operationId: getThing") },
      ],
      typeBreaks: null,
    });
    expect(run.stdout).not.toContain("`");
    const markdown = await readFile(out, "utf8");
    expect(markdown).toContain("Breaking changes allowed by `--allow-breaking`.");
  });

  it("takes baseVersion from the base commit's package.json, not the already bumped working tree", async () => {
    const bumped = join(root, "bumped");
    git(root, "clone", "-q", "--branch", "feature", `file://${repo}`, bumped);
    await symlink(join(repoRoot, "node_modules"), join(bumped, "node_modules"), "dir");
    const pkg = JSON.parse(await readFile(join(bumped, "package.json"), "utf8")) as { version: string };
    await writeFile(join(bumped, "package.json"), JSON.stringify({ ...pkg, version: "0.2.0" }));
    git(bumped, "commit", "-qam", "bump");
    const head = await headSpec("bumped", [["operationId: getThing", "operationId: fetchThing"]]);
    const run = await specDiff(bumped, ["--base", "origin/main", "--head", head, "--json"]);
    expect(JSON.parse(run.stdout)).toMatchObject({ baseVersion: "0.1.0", bump: "minor", nextVersion: "0.2.0" });
  });

  it("says so when nothing a user can notice changed", async () => {
    const run = await specDiff(repo, []);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("No change a client user can notice.");
  });

  it("exits 2 with one line naming a head it cannot read (Swagger 2.0), no stack trace, no verdict", async () => {
    const swagger = join(root, "swagger.yaml");
    await writeFile(swagger, "swagger: '2.0'\ninfo: { title: Old, version: '1' }\npaths: {}\n");
    const run = await specDiff(repo, ["--head", swagger]);
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(/^spec:diff: The .*swagger\.yaml spec \(.*swagger\.yaml\) is Swagger "2\.0": spec:diff reads OpenAPI 3\.x only; convert it first \(e\.g\. npx swagger2openapi\)\.\n$/);
  });

  it("exits 2 with one line naming a base ref that does not exist and how to fetch it", async () => {
    const run = await specDiff(repo, ["--base", "release-9"]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe("spec:diff: Base ref `release-9` does not exist in this clone: fetch it with `git fetch origin release-9`, or pass --base <ref | spec file>.");
  });

  it("exits 2 when the base spec does not parse", async () => {
    const run = await specDiff(repo, ["--base", "broken"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^spec:diff: The base \(broken\) spec does not parse \(.*openapi\.yaml:\d+\): .+\. Fix its YAML, or diff against another --base\.\n$/);
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
