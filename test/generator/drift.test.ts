/**
 * The drift check and the cache, on a small fixture spec: a spec change that
 * generated/ does not reflect makes `check:drift` fail with the file names, a
 * diff and the fixing command; after `generate` it passes again. A folder with
 * an extra or hand-edited file fails. A no-op generate comes from the cache
 * and touches nothing; generation is deterministic.
 */
import { cp, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputKey } from "../../scripts/lib/generate/cache.mjs";
import { copySpecWorkspace, type SpecWorkspace } from "../helpers/workspace.js";

let ws: SpecWorkspace;
beforeAll(async () => {
  ws = await copySpecWorkspace("open-enum");
});
afterAll(() => ws.remove());

describe("check:drift", () => {
  it("passes on the spec and its generated/", async () => {
    const result = await ws.run("check-drift.mjs");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/matches .*openapi\.yaml \(6 files\)/);
  });

  it("fails on a new enum value, then generate makes it pass and says what changed", async () => {
    await ws.edit("spec/openapi.yaml", (t) => t.replace("enum: [pending, running, succeeded]", "enum: [pending, running, succeeded, cancelled]"));
    const drift = await ws.run("check-drift.mjs");
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/generated\/openapi\.ts differs/);
    expect(drift.stderr).toMatch(/\+\s+JobStatus: "pending" \| "running" \| "succeeded" \| "cancelled" \| \(string & \{\}\);/);
    expect(drift.stderr).toMatch(/Run `npm run generate -- --spec .* --out .*` and commit the result\./);

    const generate = await ws.run("generate.mjs");
    expect(generate.code).toBe(0);
    // check:drift left the result in the cache: generate does not run the pipeline again.
    expect(generate.stdout).toMatch(/\(2 written, 0 removed, from cache\)\.\nGenerated client changes:\n {2}operations: no change\n {2}types: 1 changed \(JobStatus\)\n/);
    expect((await ws.run("check-drift.mjs")).code).toBe(0);
  });

  it("notices a hand edit", async () => {
    await ws.edit("generated/README.md", (t) => `${t}\nhand edit\n`);
    const drift = await ws.run("check-drift.mjs");
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/generated\/README\.md differs[\s\S]*hand edit/);
    expect((await ws.run("generate.mjs")).stdout).toMatch(/\(1 written, 0 removed, from cache\)/);
  });

  it("notices a file in generated/ that the spec does not produce, and generate removes it", async () => {
    await writeFile(join(ws.out, "extra.ts"), "export {};\n");
    const drift = await ws.run("check-drift.mjs");
    expect(drift.code).toBe(1);
    expect(drift.stderr).toMatch(/generated\/extra\.ts is not produced by the spec \(remove it\)/);
    expect((await ws.run("generate.mjs")).stdout).toMatch(/\(0 written, 1 removed, from cache\)/);
    expect((await ws.run("check-drift.mjs")).code).toBe(0);
  });
});

// These steps edit one workspace in turn (the second undoes the first's enum change):
// they keep their order under `--sequence.shuffle`, which found them failing in another.
describe("generate", { shuffle: false }, () => {
  it("ends with the operations and types added, removed and changed", async () => {
    await ws.edit("spec/openapi.yaml", (t) => t.replace("operationId: listJobs", "operationId: listAllJobs").replace("enum: [sync, reset]", "enum: [sync]"));
    const result = await ws.run("generate.mjs");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      ["Generated client changes:", "  operations: 1 added (listAllJobs); 1 removed (listJobs)", "  types: 1 changed (JobKind)", ""].join("\n"),
    );
  });

  it("a no-op run comes from the cache and rewrites no file", async () => {
    const before = await stat(join(ws.out, "openapi.ts"));
    const result = await ws.run("generate.mjs");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\(all up to date, from cache\)/);
    expect((await stat(join(ws.out, "openapi.ts"))).mtimeMs).toBe(before.mtimeMs);
  });

  it("lint:spec reuses a clean generation of the same inputs, and lints again after a change", async () => {
    expect((await ws.run("lint-spec.mjs")).stdout).toMatch(/spec\/openapi\.yaml: no problems \(unchanged since a clean lint\)\.\n$/);
    await ws.edit("spec/openapi.yaml", (t) => t.replace("enum: [sync]", "enum: [sync, reset]"));
    expect((await ws.run("lint-spec.mjs")).stdout).toMatch(/spec\/openapi\.yaml: no problems\.\n$/);
    await ws.run("generate.mjs");
  });

  it("the cache key covers every byte of the spec folder, and not where the folder is", async () => {
    const key = await inputKey({ spec: ws.spec, out: ws.out });
    const copy = await copySpecWorkspace();
    try {
      await cp(join(ws.dir, "spec"), join(copy.dir, "elsewhere", "spec"), { recursive: true });
      const spec = join(copy.dir, "elsewhere", "spec", "openapi.yaml");
      const out = join(copy.dir, "elsewhere", "generated");
      expect(await inputKey({ spec, out })).toBe(key);
      await writeFile(join(copy.dir, "elsewhere", "spec", "notes.md"), "a file no $ref reaches\n");
      expect(await inputKey({ spec, out })).not.toBe(key);
    } finally {
      await copy.remove();
    }
  });

  it("is deterministic: a forced run through the pipeline gives the same bytes", async () => {
    const first = await ws.snapshotOut();
    const result = await ws.run("generate.mjs", ["--force"]);
    expect(result.stdout).toMatch(/\(all up to date\)/);
    expect(await ws.snapshotOut()).toEqual(first);
  });
});
