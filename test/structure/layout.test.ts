/**
 * The layout shows the pipeline (spec -> scripts -> generated -> src, with
 * test beside), and each folder of scripts/lib/ keeps to what its entry file
 * says it may import. A new top-level folder, a loose file in scripts/lib/ or
 * an import across the stated layers fails here with the rule it breaks.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/run.js";

const tracked = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" })
  .split("\n")
  .filter(Boolean)
  .filter((f) => readdirSync(join(repoRoot, posix.dirname(f))).includes(posix.basename(f)));

describe("the top level is the design card", () => {
  it("holds the pipeline's folders and the ones beside it, nothing else", () => {
    const folders = [...new Set(tracked.filter((f) => f.includes("/") && !f.startsWith(".")).map((f) => f.split("/")[0]))].sort();
    expect(folders).toEqual(["bench", "docs", "examples", "generated", "scripts", "spec", "src", "test"]);
  });

  it("keeps the generated connector types under generated/", () => {
    expect(tracked.some((f) => f.startsWith("generated/connectors/index.d.ts"))).toBe(true);
  });
});

const lib = join(repoRoot, "scripts", "lib");
const folders = readdirSync(lib, { withFileTypes: true });
const RULE = /^\/\/ scripts\/lib\/([a-z-]+)\/: .+\. May import from scripts\/lib: ([a-z, -]+)\.$/;

/** Each folder's entry: the one file whose first line states the folder's job and what it may import. */
function entryOf(folder: string): { file: string; allowed: Set<string> } {
  const files = tracked.filter((f) => f.startsWith(`scripts/lib/${folder}/`));
  const entries = files.flatMap((file) => {
    const m = RULE.exec(readFileSync(join(repoRoot, file), "utf8").split("\n", 1)[0] ?? "");
    return m && m[1] === folder ? [{ file, allowed: new Set(m[2] === "nothing" ? [] : (m[2] ?? "").split(", ")) }] : [];
  });
  expect(entries.map((e) => e.file), `scripts/lib/${folder}/ needs exactly one entry file whose first line is "// scripts/lib/${folder}/: <what it does>. May import from scripts/lib: <folders or nothing>."`).toHaveLength(1);
  return entries[0] as { file: string; allowed: Set<string> };
}

const libFolders = new Set(folders.filter((d) => d.isDirectory()).map((d) => d.name));

/** The scripts/lib folders the code of `file` imports from (static, dynamic and type imports). */
function importedFolders(file: string, code = readFileSync(join(repoRoot, file), "utf8")): string[] {
  const specs = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? m[2] ?? "");
  const out = new Set<string>();
  for (const spec of specs.filter((s) => s.startsWith("."))) {
    const target = posix.normalize(posix.join(posix.dirname(file), spec));
    const m = /^scripts\/lib\/([^/]+)\//.exec(target);
    // Only real folders: an emitter's template text (`from "../src/..."`) names no folder of scripts/lib.
    if (m?.[1] && libFolders.has(m[1])) out.add(m[1]);
  }
  return [...out];
}

describe("scripts/lib/ is grouped by job", () => {
  it("has folders only, no loose files", () => {
    expect(folders.filter((d) => !d.isDirectory()).map((d) => d.name)).toEqual([]);
  });

  it.each(folders.filter((d) => d.isDirectory()).map((d) => d.name))("scripts/lib/%s/ imports only what its entry file allows", (folder) => {
    const { allowed } = entryOf(folder);
    const crossings = tracked
      .filter((f) => f.startsWith(`scripts/lib/${folder}/`) && /\.(ts|mts|mjs|js)$/.test(f))
      .flatMap((file) => importedFolders(file).filter((to) => to !== folder && !allowed.has(to)).map((to) => `${file} imports scripts/lib/${to}/`));
    expect(crossings).toEqual([]);
  });

  it("every plain JavaScript file of scripts/ says in its first line why it is not TypeScript", () => {
    const plain = tracked.filter((f) => f.startsWith("scripts/") && /\.(mjs|js|cjs)$/.test(f));
    expect(plain.length).toBeGreaterThan(0);
    const silent = plain.filter((f) => !/^\/\/ (Plain JavaScript|scripts\/lib\/[a-z-]+\/: .*Plain JavaScript)/.test(readFileSync(join(repoRoot, f), "utf8")));
    expect(silent).toEqual([]);
  });
});

describe("the import reader", () => {
  it("sees static, type, re-export and dynamic imports across folders, and nothing else", () => {
    const code = [
      'import { a } from "../shared/paths.js";',
      'import type { B } from "../generate/model.js";',
      'export { c } from "../diff/classify.js";',
      'const d = await import("../mock/server.js");',
      'import { e } from "./resolver.js";',
      'const template = `\nimport { f } from "../src/operation.js";`;',
    ].join("\n");
    expect(importedFolders("scripts/lib/spec/example.ts", code).sort()).toEqual(["diff", "generate", "mock", "shared", "spec"]);
    expect(entryOf("spec").allowed.has("generate")).toBe(false);
  });
});
