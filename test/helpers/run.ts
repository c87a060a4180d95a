/** Runs a repository script as a user would, capturing its output. */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/**
 * tsx's loader, as `node --import` takes it: one Node process per script. (The
 * `tsx` command starts a second Node under itself, which costs about a third
 * of a CPU second per run and only relays signals, which these runs never send.)
 * A file URL, so it resolves from any working directory (a throwaway repository too).
 */
export const tsxImport = ["--import", pathToFileURL(join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href];

/**
 * Where `tsc --incremental` keeps the build info of one tsconfig (`name`) of
 * this checkout: in node_modules/.cache, under a folder named by the
 * checkout's path, so that checkouts sharing one node_modules (git worktrees
 * with a symlink to it) do not overwrite each other's and check everything
 * again on every run.
 */
export function tscBuildInfo(name: string): string {
  const checkout = createHash("sha256").update(repoRoot).digest("hex").slice(0, 12);
  return join(repoRoot, "node_modules", ".cache", "airbyte-api-client", "tsc", checkout, `${name}.tsbuildinfo`);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `scripts/<script>` with its arguments: `.mjs` entry points run on plain
 * Node (as npm runs them), TypeScript ones through tsx's loader. `env` is added to the
 * environment (e.g. AIRBYTE_GENERATE_CACHE to give a test its own cache).
 */
export function runScript(script: string, args: string[] = [], cwd = repoRoot, env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const entry = join(repoRoot, "scripts", script);
  const argv = script.endsWith(".mjs") ? [entry, ...args] : [...tsxImport, entry, ...args];
  return runNode(argv, cwd, env);
}

/** `node <argv...>` in `cwd`. */
export function runNode(argv: string[], cwd = repoRoot, env: Record<string, string | undefined> = {}): Promise<RunResult> {
  // An undefined value removes the variable from the child's environment.
  const merged: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: "0", ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { cwd, maxBuffer: 64 * 1024 * 1024, env: merged },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}
