/** docs/reports/mutation.md is written from the run's JSON: per-folder scores, the commit, every survivor. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, runNode } from "../helpers/run.js";

const dir = await mkdtemp(join(tmpdir(), "airbyte-mutation-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const mutant = (id: string, status: string, line: number, replacement = "false") => ({ id, status, mutatorName: "BooleanLiteral", replacement, location: { start: { line, column: 1 }, end: { line, column: 5 } } });

describe("the mutation report", () => {
  it("scores each folder from the run's JSON and lists what survived", async () => {
    const json = join(dir, "mutation.json");
    const out = join(dir, "mutation.md");
    await writeFile(
      json,
      JSON.stringify({
        files: {
          "src/url.ts": { mutants: [mutant("1", "Killed", 3), mutant("2", "Killed", 4), mutant("3", "Survived", 9, "a | b")] },
          "src/errors/text.ts": { mutants: [mutant("4", "Timeout", 2), mutant("5", "CompileError", 2)] },
          "scripts/lib/diff/rules.ts": { mutants: [mutant("6", "NoCoverage", 12), mutant("7", "Killed", 13)] },
        },
      }),
    );
    const run = await runNode(["--import", "tsx", join(repoRoot, "scripts/mutation-report.ts"), "--json", json, "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const md = await readFile(out, "utf8");
    expect(md).toMatch(/- commit: `[0-9a-f]{7,}`/);
    expect(md).toContain("| `scripts/lib/diff/` | 50.0% | 1 | 1 | 0 |");
    expect(md).toContain("| `src/` | 66.7% | 2 | 1 | 0 |");
    expect(md).toContain("| `src/errors/` | 100.0% | 1 | 0 | 1 |");
    expect(md).toContain("| **all** | **66.7%** | 4 | 2 | 1 |");
    expect(md).toContain("| `src/url.ts:9` | Survived | BooleanLiteral | `a \\| b` |");
    expect(md).toContain("| `scripts/lib/diff/rules.ts:12` | NoCoverage |");
  });
});
