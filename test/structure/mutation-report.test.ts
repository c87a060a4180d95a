/** docs/reports/mutation.md is written from the run's JSON: per-folder scores, the commit, every survivor. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, runNode } from "../helpers/run.js";

const dir = await mkdtemp(join(tmpdir(), "airbyte-mutation-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const mutant = (id: string, status: string, line: number, replacement = "false") => ({ id, status, mutatorName: "BooleanLiteral", replacement, location: { start: { line, column: 1 }, end: { line, column: 5 } } });

const run = (group: string, mutate: string[], commit: string) => ({ group, started: "2026-12-06T05:00:00.000Z", finished: "2026-12-06T05:40:00.000Z", commit, dirty: false, mutate, tests: [] });

describe("the mutation report", () => {
  it("scores each group and folder from the runs' JSON, names each run's commit, and lists what survived", async () => {
    const reports = join(dir, "reports");
    const out = join(dir, "mutation.md");
    await mkdir(reports, { recursive: true });
    const write = (name: string, value: unknown) => writeFile(join(reports, name), JSON.stringify(value));
    await write("src.json", {
      files: {
        "src/url.ts": { mutants: [mutant("1", "Killed", 3), mutant("2", "Killed", 4), mutant("3", "Survived", 9, "a | b")] },
        "src/errors/text.ts": { mutants: [mutant("4", "Timeout", 2), mutant("5", "CompileError", 2)] },
      },
    });
    await write("src.run.json", run("src", ["src/**/*.ts"], "abc1234"));
    await write("diff.json", { files: { "scripts/lib/diff/rules.ts": { mutants: [mutant("6", "NoCoverage", 12), mutant("7", "Killed", 13)] } } });
    await write("diff.run.json", run("diff", ["scripts/lib/diff/**/*.ts"], "def5678"));
    // A report without its run record (not written by `npm run test:mutation`) is not shown as measured.
    await write("lint.json", { files: { "scripts/lint/rules/a.js": { mutants: [mutant("8", "Killed", 1)] } } });
    const result = await runNode(["--import", "tsx", join(repoRoot, "scripts/mutation-report.ts"), "--dir", reports, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const md = await readFile(out, "utf8");
    expect(md).toContain("| src | `src/**/*.ts` | 75.0% | 2026-12-06T05:40:00Z | `abc1234` |");
    expect(md).toContain("| diff | `scripts/lib/diff/**/*.ts` | 50.0% | 2026-12-06T05:40:00Z | `def5678` |");
    expect(md).toMatch(/\| lint \| `scripts\/lint\/rules\/\*\.js` \| not run \|/);
    expect(md).not.toContain("scripts/lint/rules/a.js");
    expect(md).toContain("| `scripts/lib/diff/` | 50.0% | 1 | 1 | 0 |");
    expect(md).toContain("| `src/` | 66.7% | 2 | 1 | 0 |");
    expect(md).toContain("| `src/errors/` | 100.0% | 1 | 0 | 1 |");
    expect(md).toContain("| **all groups run** | **66.7%** | 4 | 2 | 1 |");
    expect(md).toContain("| `src/url.ts:9` | Survived | BooleanLiteral | `a \\| b` |");
    expect(md).toContain("| `scripts/lib/diff/rules.ts:12` | NoCoverage |");
  });

  it("refuses to write a report when no group has run", async () => {
    const empty = join(dir, "empty");
    await mkdir(empty, { recursive: true });
    const result = await runNode(["--import", "tsx", join(repoRoot, "scripts/mutation-report.ts"), "--dir", empty, "--out", join(dir, "none.md")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("no group has run yet");
  });
});
