/** Node and TypeScript builds from the npm registry, fetched once per machine (npm's cache). */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

export const run = promisify(execFile);

/** The path of a Node binary of that exact version (the registry's `node` package). */
export async function nodeBinary(version: string): Promise<string> {
  const { stdout } = await run(
    "npx",
    ["-y", "-p", `node@${version}`, "node", "-e", "process.stdout.write(process.execPath)"],
    {
      env: { ...process.env, npm_config_update_notifier: "false" },
    },
  );
  return stdout;
}

/** Installs TypeScript `version` in its own folder of `dir`; resolves to its `tsc` script. */
export async function typescript(dir: string, version: string): Promise<string> {
  const home = join(dir, `.typescript-${version}`);
  await mkdir(home, { recursive: true });
  await writeFile(join(home, "package.json"), JSON.stringify({ private: true }));
  await run(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", `typescript@${version}`],
    { cwd: home },
  );
  return join(home, "node_modules", "typescript", "bin", "tsc");
}
