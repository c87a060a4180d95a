/** A throwaway copy of the repository's spec and generated/ in a temp folder, for scripts to run on. */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./run.js";

export interface SpecWorkspace {
  dir: string;
  spec: string;
  out: string;
  /** Args for generate/check-drift pointing at this copy. */
  args: string[];
  edit(relativePath: string, change: (text: string) => string): Promise<void>;
  /** Every file of generated/ and its bytes. */
  snapshotOut(): Promise<Map<string, string>>;
  remove(): Promise<void>;
}

export async function copySpecWorkspace(): Promise<SpecWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), "airbyte-spec-"));
  await cp(join(repoRoot, "spec"), join(dir, "spec"), { recursive: true });
  await cp(join(repoRoot, "generated"), join(dir, "generated"), { recursive: true });
  const spec = join(dir, "spec", "openapi.yaml");
  const out = join(dir, "generated");
  return {
    dir,
    spec,
    out,
    args: ["--spec", spec, "--out", out],
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
}
