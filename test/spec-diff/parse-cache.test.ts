/**
 * spec:diff's parse cache across runs (load.ts): the values of the files a
 * run parsed, by the SHA-1 of their text, in one JSON file. A later run takes
 * a file's value from it instead of parsing the YAML, and the file keeps only
 * what the last run used. Each "run" is a fresh copy of the module (the
 * folder is chosen when it loads), its folder given by AIRBYTE_SPEC_DIFF_CACHE.
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCacheFolder } from "../../scripts/lib/diff/load.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-spec-diff-parse-cache-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

const shared = "type: object\nproperties:\n  id: { type: string }\n";
const root = (title: string, ref = "") =>
  `openapi: 3.1.0\ninfo: { title: ${title}, version: '1' }\npaths: {}\n${ref ? `components:\n  schemas:\n    Thing: { $ref: ${ref} }\n` : ""}`;

/** A folder of spec files; returns its path. */
async function specs(files: Record<string, string>): Promise<string> {
  const folder = await mkdtemp(join(dir, "specs-"));
  for (const [name, text] of Object.entries(files)) await writeFile(join(folder, name), text);
  return folder;
}

/** One spec:diff run: a fresh load.ts with its cache in `cache`, loading `roots` then saving. */
async function run(cache: string, roots: string[]): Promise<unknown[]> {
  const saved = process.env.AIRBYTE_SPEC_DIFF_CACHE;
  process.env.AIRBYTE_SPEC_DIFF_CACHE = cache;
  vi.resetModules();
  try {
    const load = await import("../../scripts/lib/diff/load.js");
    const docs: unknown[] = [];
    for (const file of roots) docs.push((await load.loadSpec(file, "working tree", dir)).doc.root);
    await load.saveParseCache();
    return docs;
  } finally {
    if (saved === undefined) delete process.env.AIRBYTE_SPEC_DIFF_CACHE;
    else process.env.AIRBYTE_SPEC_DIFF_CACHE = saved;
  }
}

const cacheFile = (cache: string) => join(cache, "spec-diff-parsed.json");
const stored = async (cache: string) => JSON.parse(await readFile(cacheFile(cache), "utf8")) as { version: number; entries: Record<string, unknown> };

describe("the parse cache", () => {
  it("stores the value of every file a run parsed, by the SHA-1 of its text, creating its folder", async () => {
    const folder = await specs({ "a.yaml": root("A", "shared.yaml"), "shared.yaml": shared });
    const cache = join(dir, "new", "cache");
    await run(cache, [join(folder, "a.yaml")]);
    expect(await stored(cache)).toEqual({
      version: 1,
      entries: {
        [sha1(root("A", "shared.yaml"))]: { openapi: "3.1.0", info: { title: "A", version: "1" }, paths: {}, components: { schemas: { Thing: { $ref: "shared.yaml" } } } },
        [sha1(shared)]: { type: "object", properties: { id: { type: "string" } } },
      },
    });
  });

  it("gives a later run a file's value from the cache, and leaves the cache as it is when nothing is new", async () => {
    const folder = await specs({ "a.yaml": root("A") });
    const cache = await mkdtemp(join(dir, "cache-"));
    await run(cache, [join(folder, "a.yaml")]);
    // A value the YAML does not hold shows that the cache was read; the indentation, that it was not written again.
    const planted = JSON.stringify({ version: 1, entries: { [sha1(root("A"))]: { openapi: "3.0.3", info: { title: "from the cache" }, paths: {} } } }, null, 2);
    await writeFile(cacheFile(cache), planted);
    expect(await run(cache, [join(folder, "a.yaml")])).toEqual([{ openapi: "3.0.3", info: { title: "from the cache" }, paths: {} }]);
    expect(await readFile(cacheFile(cache), "utf8")).toBe(planted);
  });

  it("keeps a refused file (an alias that contains itself) out of what it saves, when the same process goes on to a spec that loads", async () => {
    const selfAlias = `openapi: 3.1.0\ninfo: { title: L, version: '1' }\npaths:\n  /a: &loop\n    get: { responses: {} }\n    x-self: *loop\n`;
    const folder = await specs({ "loop.yaml": selfAlias, "a.yaml": root("A") });
    const cache = await mkdtemp(join(dir, "cache-"));
    const saved = process.env.AIRBYTE_SPEC_DIFF_CACHE;
    process.env.AIRBYTE_SPEC_DIFF_CACHE = cache;
    vi.resetModules();
    try {
      const load = await import("../../scripts/lib/diff/load.js");
      await expect(load.loadSpec(join(folder, "loop.yaml"), "working tree", dir)).rejects.toThrow("a YAML alias contains itself");
      await load.loadSpec(join(folder, "a.yaml"), "working tree", dir);
      await load.saveParseCache();
    } finally {
      if (saved === undefined) delete process.env.AIRBYTE_SPEC_DIFF_CACHE;
      else process.env.AIRBYTE_SPEC_DIFF_CACHE = saved;
    }
    expect(Object.keys((await stored(cache)).entries)).toEqual([sha1(root("A"))]);
  });

  it("keeps only the files the last run used", async () => {
    const folder = await specs({ "a.yaml": root("A", "shared.yaml"), "b.yaml": root("B", "shared.yaml"), "c.yaml": root("C", "shared.yaml"), "shared.yaml": shared });
    const cache = await mkdtemp(join(dir, "cache-"));
    const keys = async () => Object.keys((await stored(cache)).entries).sort();
    await run(cache, [join(folder, "a.yaml"), join(folder, "b.yaml")]);
    expect(await keys()).toEqual([sha1(root("A", "shared.yaml")), sha1(root("B", "shared.yaml")), sha1(shared)].sort());
    // Fewer files than stored, all of them known: the others go.
    await run(cache, [join(folder, "b.yaml")]);
    expect(await keys()).toEqual([sha1(root("B", "shared.yaml")), sha1(shared)].sort());
    // As many files as stored, one of them new.
    await run(cache, [join(folder, "c.yaml")]);
    expect(await keys()).toEqual([sha1(root("C", "shared.yaml")), sha1(shared)].sort());
  });

  it.each([
    ["is not JSON", "{ not json"],
    ["has another version", JSON.stringify({ version: 2, entries: { [sha1(root("A"))]: { openapi: "3.0.3", info: { title: "stale" }, paths: {} } } })],
    ["has no entries", JSON.stringify({ version: 1 })],
  ])("ignores a cache file that %s, parsing the YAML and writing the cache anew", async (_name, text) => {
    const folder = await specs({ "a.yaml": root("A") });
    const cache = await mkdtemp(join(dir, "cache-"));
    await writeFile(cacheFile(cache), text);
    expect(await run(cache, [join(folder, "a.yaml")])).toEqual([{ openapi: "3.1.0", info: { title: "A", version: "1" }, paths: {} }]);
    expect(await stored(cache)).toEqual({ version: 1, entries: { [sha1(root("A"))]: { openapi: "3.1.0", info: { title: "A", version: "1" }, paths: {} } } });
  });
});

describe("where the parse cache lives", () => {
  it("AIRBYTE_SPEC_DIFF_CACHE when set", () => {
    expect(parseCacheFolder(join(dir, "nowhere"), { AIRBYTE_SPEC_DIFF_CACHE: "/somewhere/else" })).toBe("/somewhere/else");
  });

  it("the checkout's own node_modules/.cache, also when the checkout is reached through a link", async () => {
    const checkout = await mkdtemp(join(dir, "checkout-"));
    await mkdir(join(checkout, "node_modules"));
    expect(parseCacheFolder(checkout, {})).toBe(join(checkout, "node_modules", ".cache", "airbyte-api-client"));
    const link = join(dir, `link-${Date.now()}`);
    await symlink(checkout, link, "dir");
    expect(parseCacheFolder(link, { AIRBYTE_SPEC_DIFF_CACHE: "" })).toBe(join(link, "node_modules", ".cache", "airbyte-api-client"));
  });

  it("none for a worktree whose node_modules is a link to another checkout's, or a checkout without node_modules", async () => {
    const main = await mkdtemp(join(dir, "main-"));
    await mkdir(join(main, "node_modules"));
    const worktree = await mkdtemp(join(dir, "worktree-"));
    await symlink(join(main, "node_modules"), join(worktree, "node_modules"), "dir");
    expect(parseCacheFolder(worktree, {})).toBeUndefined();
    expect(parseCacheFolder(await mkdtemp(join(dir, "bare-")), {})).toBeUndefined();
  });
});
