/**
 * `npm run spec:diff` starts from plain Node (scripts/spec-diff.mjs): its
 * TypeScript is compiled once and cached (scripts/lib/shared/load-ts.mjs,
 * under node_modules/.cache). A build is keyed by every file it was built
 * from, so a changed source, wherever it is, is never served stale: in a
 * throwaway module tree, and in a copy of scripts/ running the real entry.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importTs } from "../../scripts/lib/shared/load-ts.mjs";
import { repoRoot, type RunResult } from "../helpers/run.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "airbyte-entry-cache-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("importTs (the compiled-module cache)", () => {
  it("rebuilds when any file the build read changes, and only then", async () => {
    const tree = join(root, "tree");
    const cache = join(root, "cache");
    const lib = join(tree, "scripts", "lib", "diff");
    await mkdir(lib, { recursive: true });
    await writeFile(join(lib, "entry.ts"), 'import { b } from "./b.js";\nexport const value = (): number => b;\n');
    await writeFile(join(lib, "b.ts"), "export const b: number = 1;\n");
    const load = async () => (await importTs("scripts/lib/diff/entry.ts", { root: tree, cache })) as { value: () => number; url?: string };

    expect((await load()).value()).toBe(1);
    // A dependency two files away from the entry changes: a new build.
    await writeFile(join(lib, "b.ts"), "export const b: number = 2;\n");
    expect((await load()).value()).toBe(2);
    // The entry now imports a file the earlier builds never read; then that file changes.
    await writeFile(join(lib, "c.ts"), "export const c = 10;\nexport const url = import.meta.url;\n");
    await writeFile(join(lib, "entry.ts"), 'import { b } from "./b.js";\nimport { c } from "./c.js";\nexport { url } from "./c.js";\nexport const value = (): number => b + c;\n');
    expect((await load()).value()).toBe(12);
    await writeFile(join(lib, "c.ts"), "export const c = 20;\nexport const url = import.meta.url;\n");
    const now = await load();
    expect(now.value()).toBe(22);
    // Each module keeps its own URL, not the cache's.
    expect(now.url).toBe(pathToFileURL(join(lib, "c.ts")).href);
    // Unchanged sources: the same build (the same module instance).
    expect(await load()).toBe(now);
  });
});

/** `node scripts/spec-diff.mjs` of the copy, there. */
function specDiff(cwd: string, args: string[]): Promise<RunResult> {
  return new Promise((done) => {
    execFile(process.execPath, [join(cwd, "scripts", "spec-diff.mjs"), ...args], { cwd, env: { ...process.env, FORCE_COLOR: "0" } }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run spec:diff's entry", () => {
  it("runs a source of scripts/lib/diff edited after its last run, not the cached build", async () => {
    const copy = join(root, "copy");
    await cp(join(repoRoot, "scripts"), join(copy, "scripts"), { recursive: true });
    for (const file of ["package.json", "tsconfig.json"]) await cp(join(repoRoot, file), join(copy, file));
    await symlink(join(repoRoot, "node_modules"), join(copy, "node_modules"), "dir");

    const first = await specDiff(copy, ["--rules"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split("\n")[0]).toBe("# spec:diff rules");
    const rulesDoc = join(copy, "scripts", "lib", "diff", "rules-doc.ts");
    const text = await readFile(rulesDoc, "utf8");
    const edited = text.replace('"# spec:diff rules",', '"# spec:diff rules (edited after the first run)",');
    expect(edited).not.toBe(text);
    await writeFile(rulesDoc, edited);
    const second = await specDiff(copy, ["--rules"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.split("\n")[0]).toBe("# spec:diff rules (edited after the first run)");
  }, 60_000);
});
