/**
 * The scripts' compiled-TypeScript cache lives in node_modules/.cache and each
 * build has its repository's path baked in. A second copy of the repository
 * sharing node_modules (a symlink, a moved checkout) must get its own build,
 * not one pointing at a folder that may be gone.
 */
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, runNode } from "../helpers/run.js";

const root = await mkdtemp(join(tmpdir(), "airbyte-moved-"));
afterAll(() => rm(root, { recursive: true, force: true }));

async function copy(name: string): Promise<string> {
  const dir = join(root, name);
  for (const path of ["scripts", "redocly.yaml", "package.json", "package-lock.json", ".prettierrc.json"]) {
    await cp(join(repoRoot, path), join(dir, path), { recursive: true });
  }
  // A small spec in place of the repository's: what is tested is where the compiled scripts come from.
  await cp(join(repoRoot, "test/fixtures/specs/open-enum"), join(dir, "spec"), { recursive: true });
  await symlink(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

describe("the compiled-script cache", () => {
  it("gives a second copy of the repository its own build, so deleting the first copy breaks nothing", async () => {
    const first = await copy("first");
    const lintFirst = await runNode([join(first, "scripts", "lint-spec.mjs"), "--force"], first);
    expect(lintFirst.code, lintFirst.stderr).toBe(0);
    await rm(first, { recursive: true, force: true });
    const second = await copy("second");
    const lintSecond = await runNode([join(second, "scripts", "lint-spec.mjs"), "--force"], second);
    expect(lintSecond.stderr).not.toMatch(/Cannot find module/);
    expect(lintSecond.code, lintSecond.stderr).toBe(0);
  });
});
