/**
 * The pinned Redocly CLI as a child process, for the commands that have no
 * in-process API here (`build-docs`). Lint and bundle run in process
 * (scripts/lib/spec/redocly.ts).
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runRedocly(args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [redoclyBin, ...args],
      {
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}
