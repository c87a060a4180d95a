/**
 * `npm run connectors` as a user runs it, on the miniature api_sdk.yaml:
 * summary, --check (byte comparison), --strict, bad input, and that a failed
 * run leaves the output folder exactly as it was.
 */
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runScript } from "../helpers/run.js";

const fixture = join(repoRoot, "test/fixtures/connectors/api_sdk.yaml");
let dir: string;
let out: string;

async function snapshot(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = await readFile(join(entry.parentPath, entry.name), "utf8");
  }
  return files;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-connectors-cli-"));
  out = join(dir, "connectors");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// The steps below build on one folder the first one writes (generate, then check it, then edit it):
// they keep their order under `--sequence.shuffle`, which found them failing in any other.
describe("npm run connectors", { shuffle: false }, () => {
  it("generates, summarises, and lists the connector that fell back", async () => {
    const run = await runScript("connectors.ts", ["--spec", fixture, "--source", "the tests' miniature api_sdk.yaml", "--date", "2026-01-02", "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Generated 9 files in .*connectors\/ from .*api_sdk\.yaml: 3 sources and 1 destinations typed \(3 OAuth sources with a WithSecret variant\)\.\n/);
    expect(run.stdout).toContain("1 connector(s) fell back (pass --strict to fail instead):\n  source-broken: cannot express allOf at properties.filter; typed as the open JSON object\n");
    expect(run.stderr).toBe("warning: OAuth schema retired has no source-retired configuration schema; ignored.\n");
    expect(Object.keys(await snapshot(out))).toHaveLength(9);
    expect(await readFile(join(out, "README.md"), "utf8")).toContain("- data: the tests' miniature api_sdk.yaml, as of 2026-01-02\n");
    expect(await readFile(join(out, "index.js"), "utf8")).toContain('"date":"2026-01-02"');
  });

  it("regenerates the recorded input without --source and --date, keeping them", async () => {
    const run = await runScript("connectors.ts", [fixture, "--out", out]);
    expect(run.code).toBe(0);
    expect(await readFile(join(out, "README.md"), "utf8")).toContain("- data: the tests' miniature api_sdk.yaml, as of 2026-01-02\n");
  });

  it("--check passes on its own output", async () => {
    const run = await runScript("connectors.ts", [fixture, "--out", out, "--check"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^connectors --check: .*connectors\/ matches .*api_sdk\.yaml \(9 files; /);
  });

  it("--check fails on a hand edit and on an extra file, naming them with a diff and the fixing command", async () => {
    const github = join(out, "sources", "github.d.ts");
    const before = await readFile(github, "utf8");
    await writeFile(github, before.replace("repositories: string[];", "repositories: string;"));
    await appendFile(join(out, "stray.d.ts"), "export {};\n");
    const run = await runScript("connectors.ts", [fixture, "--out", out, "--check"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/sources\/github\.d\.ts differs\n[\s\S]*-\s+repositories: string;\n[\s\S]*\+\s+repositories: string\[\];/);
    expect(run.stderr).toMatch(/stray\.d\.ts is not produced by the input \(remove it\)/);
    expect(run.stderr).toMatch(/Run `npm run connectors -- --spec .*api_sdk\.yaml` and commit the result\.\n$/);
    await writeFile(github, before);
    await rm(join(out, "stray.d.ts"));
  });

  it.each([
    ["--strict with a connector it cannot express", [fixture, "--strict"], 1, /^source-broken: cannot express allOf at properties\.filter\n1 connector\(s\) cannot be typed \(--strict\); .*connectors\/ was left unchanged\.\n$/m],
    ["a provider without connector schemas", [join(repoRoot, "test/fixtures/connectors/no-connectors.yaml")], 1, /^no-connectors\.yaml has no connector configuration schemas[^\n]*\n.*connectors\/ was left unchanged\.\n$/],
    ["no input file", [], 2, /^Missing the input file: pass --spec <api_sdk\.yaml>\.\nUsage: npm run connectors -- --spec <api_sdk\.yaml>/],
    ["another spec without --source and --date", ["--spec", join(repoRoot, "test/fixtures/connectors/other-copy.yaml")], 2, /^.*other-copy\.yaml is not the file .*connectors\/ records, so say where it came from and its date:\n  --source "airbytehq\/airbyte-platform@<commit>, [^\n]*" --date <YYYY-MM-DD>\n/],
    ["a --date that is not YYYY-MM-DD", ["--spec", fixture, "--date", "last week"], 2, /^--date takes the copy's date as YYYY-MM-DD, e\.g\. --date 2026-08-21; got `last week`\.\n$/],
  ])("fails on %s and leaves the output as it was", async (_case, args, code, message) => {
    const before = await snapshot(out);
    const run = await runScript("connectors.ts", [...args, "--out", out]);
    expect(run.code).toBe(code);
    expect(run.stderr.replace(/^warning: .*\n/gm, "")).toMatch(message);
    expect(await snapshot(out)).toEqual(before);
  });
});
