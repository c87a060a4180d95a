/** Runs a repository script (tsx) as a user would, capturing its output. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const tsx = join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `env` adds to (or, with undefined, removes from) this process's environment. */
export function runScript(script: string, args: string[] = [], cwd = repoRoot, env: Record<string, string | undefined> = {}): Promise<RunResult> {
  const merged: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: "0", ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, join(repoRoot, "scripts", script), ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: merged },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}
