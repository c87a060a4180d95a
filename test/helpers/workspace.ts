/**
 * A throwaway copy of a spec (the repository's, or a small fixture of
 * test/fixtures/specs/) and its generated/ in a temp folder, for scripts to
 * run on. Each workspace has its own generation cache, so tests in one file
 * share results for the same input and tests elsewhere do not interfere.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot, runScript, type RunResult } from "./run.js";

export interface SpecWorkspace {
  dir: string;
  spec: string;
  out: string;
  /** Args for generate/check-drift pointing at this copy. */
  args: string[];
  /** Runs generate.mjs, check-drift.mjs or lint-spec.mjs on this copy (extra args after the workspace's). */
  run(script: "generate.mjs" | "check-drift.mjs" | "lint-spec.mjs", extra?: string[]): Promise<RunResult>;
  edit(relativePath: string, change: (text: string) => string): Promise<void>;
  /** Every file of generated/ and its bytes. */
  snapshotOut(): Promise<Map<string, string>>;
  remove(): Promise<void>;
}

/**
 * @param fixture a folder of test/fixtures/specs/ (its generated/ is produced
 *   by one generate run), or undefined for the repository's spec and generated/
 */
export async function copySpecWorkspace(fixture?: string): Promise<SpecWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), "airbyte-spec-"));
  const cache = join(dir, ".cache");
  const spec = join(dir, "spec", "openapi.yaml");
  const out = join(dir, "generated");
  const ws: SpecWorkspace = {
    dir,
    spec,
    out,
    args: ["--spec", spec, "--out", out],
    run: (script, extra = []) =>
      runScript(script, script === "lint-spec.mjs" ? ["--spec", spec, ...extra] : [...ws.args, ...extra], dir, { AIRBYTE_GENERATE_CACHE: cache }),
    async edit(relativePath, change) {
      const file = join(dir, relativePath);
      const before = await readFile(file, "utf8");
      const after = change(before);
      if (after === before) throw new Error(`edit of ${relativePath} changed nothing`);
      await writeFile(file, after);
    },
    async snapshotOut() {
      const files = new Map<string, string>();
      for (const name of (await readdir(out)).sort()) files.set(name, await readFile(join(out, name), "utf8"));
      return files;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  if (fixture) {
    await cp(join(repoRoot, "test/fixtures/specs", fixture), join(dir, "spec"), { recursive: true });
    const generated = await ws.run("generate.mjs");
    if (generated.code !== 0) throw new Error(`fixture ${fixture} does not generate:\n${generated.stderr}`);
  } else {
    await cp(join(repoRoot, "spec"), join(dir, "spec"), { recursive: true });
    await cp(join(repoRoot, "generated"), out, { recursive: true });
  }
  return ws;
}
