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

export function runScript(script: string, args: string[] = [], cwd = repoRoot): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, join(repoRoot, "scripts", script), ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}
