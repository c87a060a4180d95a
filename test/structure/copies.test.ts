/**
 * One copy of each piece of code: jscpd (the copy-paste detector, pinned)
 * finds no clone in src/ or scripts/ (generated code is left out: it repeats
 * by design). A new clone fails here with both places named.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, runNode } from "../helpers/run.js";

const dir = await mkdtemp(join(tmpdir(), "airbyte-jscpd-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Report {
  duplicates: Array<{ lines: number; firstFile: { name: string; start: number }; secondFile: { name: string; start: number } }>;
}

async function clones(paths: string[], out: string): Promise<string[]> {
  const run = await runNode(
    [join(repoRoot, "node_modules/jscpd/run-jscpd.js"), "--silent", "--reporters", "json", "--output", out, "--format", "typescript,javascript", "--ignore", "**/generated/**,**/node_modules/**", ...paths],
    repoRoot,
  );
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(await readFile(join(out, "jscpd-report.json"), "utf8")) as Report;
  return report.duplicates.map((d) => `${d.firstFile.name}:${d.firstFile.start} = ${d.secondFile.name}:${d.secondFile.start} (${d.lines} lines)`);
}

describe("copy-paste", () => {
  it("src/ and scripts/ hold no clone", async () => {
    expect(await clones(["src", "scripts"], join(dir, "repo"))).toEqual([]);
  }, 60_000);

  it("the detector sees a clone (it can fail)", async () => {
    const body = Array.from({ length: 12 }, (_, i) => `  total += values[${i}] * ${i + 1} - offset / ${i + 2};`).join("\n");
    await writeFile(join(dir, "a.ts"), `export function a(values: number[], offset: number) {\n  let total = 0;\n${body}\n  return total;\n}\n`);
    await writeFile(join(dir, "b.ts"), `export function b(values: number[], offset: number) {\n  let total = 0;\n${body}\n  return total;\n}\n`);
    expect(await clones([join(dir, "a.ts"), join(dir, "b.ts")], join(dir, "fixture"))).toHaveLength(1);
  }, 60_000);
});
