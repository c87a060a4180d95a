/**
 * `spec:diff --types`: the base commit's type tests and README examples,
 * compiled against today's code, name what a consumer's code would trip over.
 * A throwaway repository stands in for this one: a tiny `src/` whose
 * `SourceResponse` loses a field on the feature branch, a type test and a
 * README example that read that field.
 */
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typeBreaks } from "../../scripts/lib/diff/type-compat.js";
import { repoRoot, type RunResult } from "../helpers/run.js";

let root: string;
let repo: string;
let base: string;

const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" }).toString().trim();
const source = (field: string) => `export interface SourceResponse {\n  sourceId: string;\n  ${field}: string;\n}\nexport declare function getSource(id: string): Promise<SourceResponse>;\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "airbyte-type-compat-"));
  repo = join(root, "repo");
  for (const path of ["scripts", "package.json", "tsconfig.json", "redocly.yaml"]) await cp(join(repoRoot, path), join(repo, path), { recursive: true });
  await cp(join(repoRoot, "test/spec-diff/fixtures/base.yaml"), join(repo, "spec/openapi.yaml"));
  await mkdir(join(repo, "src"), { recursive: true });
  await mkdir(join(repo, "generated"), { recursive: true });
  await mkdir(join(repo, "test/client"), { recursive: true });
  await writeFile(join(repo, "src/index.ts"), source("name"));
  await writeFile(
    join(repo, "test/client/consumer.test-d.ts"),
    'import { expectTypeOf } from "vitest";\nimport { getSource } from "../../src/index.js";\n\nconst source = await getSource("s-1");\nexpectTypeOf(source.name).toEqualTypeOf<string>();\n',
  );
  await writeFile(join(repo, "README.md"), '# Demo\n\nRead a source:\n\n```ts\nimport { getSource } from "airbyte-api-client";\n\nconsole.log((await getSource("s-1")).name);\n```\n');
  await writeFile(join(repo, ".gitignore"), "node_modules\n");
  await symlink(join(repoRoot, "node_modules"), join(repo, "node_modules"), "dir");
  git(repo, "init", "-q", "-b", "main");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "base");
  base = git(repo, "rev-parse", "HEAD");
  git(repo, "checkout", "-qb", "feature");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("type-level compatibility with the base", () => {
  it("finds nothing while the types still fit", async () => {
    await writeFile(join(repo, "src/index.ts"), source("name"));
    expect(await typeBreaks(base, repo)).toEqual([]);
  });

  it("names each type test and README line that no longer compiles", async () => {
    await writeFile(join(repo, "src/index.ts"), source("displayName"));
    expect(await typeBreaks(base, repo)).toEqual([
      { file: "README.md", line: 8, message: "Property 'name' does not exist on type 'SourceResponse'." },
      { file: "test/client/consumer.test-d.ts", line: 5, message: "Property 'name' does not exist on type 'SourceResponse'." },
    ]);
  });

  it("spec:diff --types reports them beside its own findings and exits 1", async () => {
    await writeFile(join(repo, "src/index.ts"), source("displayName"));
    const run = await new Promise<RunResult>((done) =>
      execFile(process.execPath, [join(repo, "scripts/spec-diff.mjs"), "--base", "main", "--types"], { cwd: repo }, (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
      ),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        "### Consumer code of the base that no longer compiles (2)",
        "",
        "- README.md:8: Property 'name' does not exist on type 'SourceResponse'.",
        "- test/client/consumer.test-d.ts:5: Property 'name' does not exist on type 'SourceResponse'.",
      ].join("\n"),
    );
    // A child process that compiles TypeScript: seconds on a busy machine.
  }, 60_000);
});

describe("type-level compatibility of this repository", () => {
  it("reports nothing on the unchanged tree (HEAD's type tests and README examples compile against today's code)", async () => {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot }).toString().trim();
    expect(await typeBreaks(head, repoRoot)).toEqual([]);
  }, 120_000);
});
