/**
 * The base of a spec diff read from git, in process (the CLI tests cover the
 * same through child processes): a ref resolved or refused with the command
 * that fetches it, the merge base with main, a commit's files extracted
 * without touching the working tree. Also the package entry points --types
 * maps (the slow compile itself is in type-compat.test.ts).
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BaseError, extractTree, mergeBaseWithMain, resolveCommit } from "../../scripts/lib/diff/git.js";
import { entryPoints } from "../../scripts/lib/diff/type-compat.js";
import { repoRoot } from "../helpers/run.js";

let root: string;
let repo: string;
let first: string;
const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" }).toString().trim();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "airbyte-spec-diff-git-"));
  repo = join(root, "repo");
  execFileSync("mkdir", ["-p", join(repo, "spec")]);
  await writeFile(join(repo, "spec", "openapi.yaml"), "openapi: 3.1.0\n");
  git(repo, "init", "-q", "-b", "main");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "first");
  first = git(repo, "rev-parse", "HEAD");
  git(repo, "checkout", "-qb", "feature");
  await writeFile(join(repo, "spec", "openapi.yaml"), "openapi: 3.1.1\n");
  git(repo, "commit", "-qam", "second");
});
afterAll(() => rm(root, { recursive: true, force: true }));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => (error instanceof BaseError ? error.message : `not a BaseError: ${String(error)}`),
  );

describe("the base of a spec diff, from git", () => {
  it("resolves a ref to its commit", async () => {
    expect(await resolveCommit("main", repo)).toBe(first);
  });

  it("refuses a ref that is not there, saying how to fetch it", async () => {
    expect(await refusal(resolveCommit("release-9", repo))).toBe("Base ref `release-9` does not exist in this clone: fetch it with `git fetch origin release-9`, or pass --base <ref | spec file>.");
  });

  it("refuses a folder that is not a repository", async () => {
    expect(await refusal(resolveCommit("main", root))).toBe(`${root} is not a git repository, so there is no base ref \`main\`: pass --base <spec file> instead.`);
  });

  it("finds the merge base with main, labelled with its short commit", async () => {
    expect(await mergeBaseWithMain(repo)).toEqual({ commit: first, label: `merge base with main (${first.slice(0, 10)})` });
  });

  it("refuses a clone without main", async () => {
    const lone = join(root, "lone");
    git(root, "clone", "-q", "--branch", "feature", "--single-branch", `file://${repo}`, lone);
    git(lone, "remote", "remove", "origin");
    expect(await refusal(mergeBaseWithMain(lone))).toBe("No `main` branch in this clone to diff against: run `git fetch origin main`, or pass --base <ref | spec file>.");
  });

  it("extracts a commit's files into a temporary folder and removes it", async () => {
    const tree = await extractTree(first, ["spec", "missing"], repo);
    expect(await readFile(join(tree.dir, "spec", "openapi.yaml"), "utf8")).toBe("openapi: 3.1.0\n");
    await tree.remove();
    expect(await readFile(join(tree.dir, "spec", "openapi.yaml"), "utf8").catch(() => "gone")).toBe("gone");
  });
});

describe("the base from clones that lack history, and from a broken toolchain", () => {
  const clone = (name: string, ...options: string[]) => {
    const into = join(root, name);
    git(root, "clone", "-q", ...options, `file://${repo}`, into);
    return into;
  };

  it("a shallow clone: a missing ref and a missing merge base say how to bring the history", async () => {
    const shallow = clone("shallow", "--depth", "1", "--no-single-branch", "--branch", "feature");
    expect(await refusal(resolveCommit("release-9", shallow))).toBe(
      "Base ref `release-9` does not exist in this clone: fetch it with `git fetch origin release-9` (this clone is shallow: `git fetch --unshallow` also brings older commits), or pass --base <ref | spec file>.",
    );
    expect(await refusal(mergeBaseWithMain(shallow))).toBe(
      "The merge base of HEAD and origin/main is not in this shallow clone: run `git fetch --unshallow` (or `git fetch --deepen=200 origin main`), or pass --base <ref | spec file>.",
    );
  });

  it("a clone with only origin/main: the merge base with it", async () => {
    const full = clone("full", "--branch", "feature");
    expect(await mergeBaseWithMain(full)).toEqual({ commit: first, label: `merge base with origin/main (${first.slice(0, 10)})` });
  });

  it("a branch with no history in common with main", async () => {
    const lonely = clone("lonely");
    git(lonely, "branch", "-q", "main", "origin/main");
    git(lonely, "checkout", "-q", "--orphan", "lonely");
    git(lonely, "commit", "-qm", "unrelated");
    expect(await refusal(mergeBaseWithMain(lonely))).toBe("HEAD and main have no common ancestor: pass --base <ref | spec file>.");
  });

  /** Runs `body` with PATH's first folder holding the given scripts (or links) in place of git and tar, and a private TMPDIR. */
  async function withTools<T>(tools: Record<string, string>, only: boolean, body: (temp: string) => Promise<T>): Promise<T> {
    const bin = await mkdtemp(join(root, "bin-"));
    const temp = await mkdtemp(join(root, "tmp-"));
    for (const [name, script] of Object.entries(tools)) {
      if (script.startsWith("/")) await symlink(script, join(bin, name));
      else await writeFile(join(bin, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    }
    const saved = { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR };
    process.env.PATH = only ? bin : `${bin}:${saved.PATH ?? ""}`;
    process.env.TMPDIR = temp;
    try {
      return await body(temp);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }
  const realGit = execFileSync("sh", ["-c", "command -v git"]).toString().trim();

  it.each([
    ["tar fails", { tar: "exit 1" }, false],
    // Writes the whole archive, closes its output (tar then extracts it and exits 0), and only later exits 3: the
    // order of the two exits must not matter (waiting on tar alone took the base as extracted).
    ["git archive fails after writing its archive", { git: `if [ "$1" = archive ]; then "${realGit}" "$@"; exec 1>&-; sleep 1; exit 3; fi\nexec "${realGit}" "$@"` }, false],
    ["tar is not installed", { git: realGit }, true],
  ])("extracting the base's files when %s: refused, the temporary folder removed", async (_name, tools, only) => {
    const [result, left] = await withTools(tools, only, async (temp) => [await refusal(extractTree(first, ["spec", "missing"], repo)), await readdir(temp)]);
    expect(result).toBe(`Could not extract spec, missing from ${first.slice(0, 10)} (git archive | tar failed).`);
    expect(left).toEqual([]);
  });

  it("git not installed: not a repository as far as spec:diff can tell, rather than a hang", async () => {
    expect(await withTools({}, true, () => refusal(resolveCommit("main", repo)))).toBe(`${repo} is not a git repository, so there is no base ref \`main\`: pass --base <spec file> instead.`);
  });

  it("extracts nothing from a commit that has none of the paths", async () => {
    const tree = await extractTree(first, ["docs", "missing"], repo);
    expect(await readdir(tree.dir)).toEqual([]);
    await tree.remove();
  });
});

describe("the entry points --types compiles the base's code against", () => {
  it("maps every entry point of package.json to today's sources, the connectors subpath included", async () => {
    expect(await entryPoints(repoRoot)).toEqual({
      "airbyte-api-client": [join(repoRoot, "src/index.ts")],
      "airbyte-api-client/connectors": [join(repoRoot, "generated/connectors/index.d.ts")],
      "airbyte-api-client/validate": [join(repoRoot, "src/validate/index.ts")],
    });
  });
});
