/**
 * src/ and generated/ form a graph without circles: options and header helpers
 * on the ground floor, auth and config above them, the send path above those,
 * the generated table importing src/ and never imported back by what it
 * imports. madge reads the TypeScript imports (type-only ones included); a new
 * circle fails this test with its path printed.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import madge from "madge";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/shared/paths.js";

async function circles(baseDir: string, paths: string[]): Promise<string[][]> {
  const graph = await madge(paths, { baseDir, fileExtensions: ["ts"], tsConfig: join(repoRoot, "tsconfig.json"), detectiveOptions: { ts: { skipTypeImports: false } } });
  return graph.circular();
}

describe("import graph", () => {
  it("src/ and generated/ have no circular imports", { timeout: 60_000 }, async () => {
    const found = await circles(repoRoot, ["src", "generated/operations.ts", "generated/openapi.ts", "generated/schemas.ts"].map((p) => join(repoRoot, p)));
    expect(found.map((cycle) => cycle.join(" > "))).toEqual([]);
  });

  it("the check sees a circle through .js specifiers and type-only imports (it can fail)", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "circles-"));
    try {
      await writeFile(join(dir, "a.ts"), 'import type { B } from "./b.js";\nexport type A = B | 1;\n');
      await writeFile(join(dir, "b.ts"), 'import { c } from "./c.js";\nexport type B = typeof c;\n');
      await writeFile(join(dir, "c.ts"), 'import type { A } from "./a.js";\nexport const c: A | 2 = 2;\n');
      expect(await circles(dir, [dir])).toEqual([["a.ts", "b.ts", "c.ts"]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
