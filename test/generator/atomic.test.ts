/**
 * A spec that cannot generate fails `npm run generate` with a message that
 * names the file and line, and leaves generated/ exactly as it was; and the
 * write itself is one transaction: a failure while writing or renaming puts
 * every file back.
 */
import * as fs from "node:fs/promises";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { updateFolder, type FolderFs } from "../../scripts/lib/shared/write-atomic.mjs";
import { runScript } from "../helpers/run.js";
import { copySpecWorkspace, type SpecWorkspace } from "../helpers/workspace.js";

let ws: SpecWorkspace;
let pristine: Map<string, string>;
beforeAll(async () => {
  ws = await copySpecWorkspace("split-files");
  pristine = await ws.snapshotOut();
});
afterAll(() => ws.remove());

describe("npm run generate on a broken spec", () => {
  const specFiles = new Map<string, string>();
  beforeEach(async () => {
    // Each case starts from the fixture as it was.
    for (const [file, text] of specFiles) await writeFile(join(ws.dir, file), text);
  });
  const edit = async (file: string, change: (t: string) => string) => {
    if (!specFiles.has(file)) specFiles.set(file, await readFile(join(ws.dir, file), "utf8"));
    await ws.edit(file, change);
  };

  it.each([
    [
      "a dangling $ref",
      "spec/paths/widgets.yaml",
      (t: string) => t.replace("../schemas/WidgetCreate.yaml", "../schemas/NoSuchSchema.yaml"),
      /spec\/paths\/widgets\.yaml:11:\d+\s+error\s+`\$ref: \.\.\/schemas\/NoSuchSchema\.yaml` in spec\/paths\/widgets\.yaml has no target \(no file spec\/schemas\/NoSuchSchema\.yaml\).*\[no-unresolved-refs\]/,
      3, // and the example that can no longer be checked, and WidgetCreate.yaml, which nothing reaches now
    ],
    [
      "a YAML syntax error in a path file (reported once, with a hint)",
      "spec/schemas/Size.yaml",
      (t: string) => t.replace("type: integer", "type: integer\n  : broken"),
      /^ {2}spec\/schemas\/Size\.yaml:3:3\s+error\s+YAML syntax error: bad indentation of a mapping entry\. Hint: check this line's indentation.*\[yaml-syntax\]$/m,
      1,
    ],
    [
      "a YAML syntax error in the root file",
      "spec/openapi.yaml",
      (t: string) => t.replace("  version: 1.0.0", "  version: 1.0.0\n   oops: [1, 2"),
      /^ {2}spec\/openapi\.yaml:5:\d+\s+error\s+YAML syntax error: .*Hint: .*\[yaml-syntax\]$/m,
      1,
    ],
    [
      "an open enum of numbers",
      "spec/schemas/Size.yaml",
      (t: string) => t.replace("minimum: 1", "x-open-enum: true\nenum: [1, 2]"),
      /spec\/schemas\/Size\.yaml:3:14\s+error\s+`x-open-enum: true` needs an `enum` of strings.*\[airbyte\/open-enum-of-strings\]/,
      1,
    ],
  ])("%s: fails, names file and line, leaves generated/ untouched", async (_, file, change, message, errors) => {
    await edit(file, change);
    const result = await ws.run("generate.mjs");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    // A broken file is reported once, not once more per $ref that reaches it.
    expect(result.stderr).toContain(`failed: ${errors} error(s)`);
    expect(result.stderr).toMatch(/generated\/ was left unchanged\./);
    expect(await ws.snapshotOut()).toEqual(pristine);
    // No staging file is left behind.
    expect((await readdir(ws.out)).sort()).toEqual([...pristine.keys()].sort());
  });

  it("an unknown flag is rejected with the usage, before any work", async () => {
    const result = await runScript("generate.mjs", ["--sepc", "x"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown argument `--sepc`\.\nUsage: npm run generate/);
  });
});

describe("updateFolder: the write is one transaction", () => {
  let dir: string;
  const before = new Map([
    ["a.ts", "old a\n"],
    ["b.ts", "old b\n"],
    ["gone.ts", "no longer produced\n"],
    ["same.ts", "unchanged\n"],
  ]);
  const after = new Map([
    ["a.ts", "new a\n"],
    ["b.ts", "new b\n"],
    ["c.ts", "new c\n"],
    ["same.ts", "unchanged\n"],
  ]);
  beforeEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), "airbyte-write-"));
    for (const [name, content] of before) await writeFile(join(dir, name), content);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function contents(): Promise<Map<string, string>> {
    const files = new Map<string, string>();
    for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(join(dir, name), "utf8"));
    return files;
  }
  /** fs whose `op` fails on its `nth` call (1-based). */
  function failing(op: "writeFile" | "rename", nth: number): FolderFs {
    let calls = 0;
    const wrapped = async (...args: unknown[]) => {
      calls++;
      if (calls === nth) throw new Error(`injected ${op} failure`);
      return (fs[op] as (...a: unknown[]) => Promise<void>)(...args);
    };
    return { ...fs, [op]: wrapped } as FolderFs;
  }

  it("writes only what changed, adds and removes files", async () => {
    const stat = await fs.stat(join(dir, "same.ts"));
    const result = await updateFolder(dir, after);
    expect(result).toEqual({ written: ["a.ts", "b.ts", "c.ts"], removed: ["gone.ts"] });
    expect(await contents()).toEqual(after);
    expect((await fs.stat(join(dir, "same.ts"))).mtimeMs).toBe(stat.mtimeMs);
  });

  it.each([
    ["the 2nd staged write", "writeFile", 2],
    ["moving the 2nd old file aside", "rename", 2],
    ["putting the 1st new file in place", "rename", 4],
    ["putting the last new file in place", "rename", 6],
  ] as const)("a failure at %s leaves the folder exactly as it was", async (_, op, nth) => {
    await expect(updateFolder(dir, after, failing(op, nth))).rejects.toThrow(`injected ${op} failure`);
    expect(await contents()).toEqual(before);
  });
});
