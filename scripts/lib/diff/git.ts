/**
 * The base of a spec change, read from git without touching the working tree:
 * the ref (default: the merge base with main) is resolved, then its files are
 * extracted with `git archive` into a temporary folder. Every way this can go
 * wrong ends in a BaseError whose one-line message says what is missing and
 * the command that fetches it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class BaseError extends Error {
  override name = "BaseError";
}

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((done) => {
    const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => done({ code: 127, stdout, stderr: error.message }));
    child.on("close", (code) => done({ code: code ?? 1, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

async function isShallow(cwd: string): Promise<boolean> {
  return (await git(["rev-parse", "--is-shallow-repository"], cwd)).stdout === "true";
}

/** The commit a ref names, or a BaseError saying how to get it. */
export async function resolveCommit(ref: string, cwd: string): Promise<string> {
  if ((await git(["rev-parse", "--git-dir"], cwd)).code !== 0) {
    throw new BaseError(`${cwd} is not a git repository, so there is no base ref \`${ref}\`: pass --base <spec file> instead.`);
  }
  const found = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd);
  if (found.code === 0 && found.stdout) return found.stdout;
  const hint = (await isShallow(cwd)) ? " (this clone is shallow: `git fetch --unshallow` also brings older commits)" : "";
  throw new BaseError(`Base ref \`${ref}\` does not exist in this clone: fetch it with \`git fetch origin ${ref}\`${hint}, or pass --base <ref | spec file>.`);
}

/** Default base: the merge base of HEAD with main (or origin/main). */
export async function mergeBaseWithMain(cwd: string): Promise<{ commit: string; label: string }> {
  let main: string | undefined;
  for (const candidate of ["main", "origin/main"]) {
    if ((await git(["rev-parse", "--verify", "--quiet", `${candidate}^{commit}`], cwd)).code === 0) {
      main = candidate;
      break;
    }
  }
  if (!main) throw new BaseError("No `main` branch in this clone to diff against: run `git fetch origin main`, or pass --base <ref | spec file>.");
  const base = await git(["merge-base", "HEAD", main], cwd);
  if (base.code === 0 && base.stdout) return { commit: base.stdout, label: `merge base with ${main} (${base.stdout.slice(0, 10)})` };
  if (await isShallow(cwd)) {
    throw new BaseError(`The merge base of HEAD and ${main} is not in this shallow clone: run \`git fetch --unshallow\` (or \`git fetch --deepen=200 origin main\`), or pass --base <ref | spec file>.`);
  }
  throw new BaseError(`HEAD and ${main} have no common ancestor: pass --base <ref | spec file>.`);
}

/** Extracts `paths` (folders or files) of a commit into a new temporary folder. */
/** Whether `child` started and exited with 0. */
function succeeds(child: ChildProcess): Promise<boolean> {
  return new Promise((settle) => {
    child.on("error", () => settle(false));
    child.on("close", (code) => settle(code === 0));
  });
}

export async function extractTree(commit: string, paths: string[], cwd: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "airbyte-spec-base-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  // Only the paths that exist at that commit: an older commit may lack test files, for instance.
  const listed = await git(["ls-tree", "--name-only", commit, "--", ...paths], cwd);
  const present = listed.stdout.split("\n").filter(Boolean);
  if (present.length === 0) return { dir, remove };
  const archive = spawn("git", ["archive", "--format=tar", commit, "--", ...present], { cwd, stdio: ["ignore", "pipe", "ignore"] });
  const tar = spawn("tar", ["-x", "-C", dir], { stdio: ["pipe", "ignore", "ignore"] });
  // A tar that exits early (it failed) closes the pipe under git archive: that EPIPE is the failure its exit code reports.
  tar.stdin.on("error", () => undefined);
  archive.stdout.pipe(tar.stdin);
  // Both must have ended well: tar can finish on a complete-looking archive before git archive reports its own failure.
  const [archived, extracted] = await Promise.all([succeeds(archive), succeeds(tar)]);
  const ok = archived && extracted;
  if (!ok) {
    await remove();
    throw new BaseError(`Could not extract ${paths.join(", ")} from ${commit.slice(0, 10)} (git archive | tar failed).`);
  }
  return { dir, remove };
}
