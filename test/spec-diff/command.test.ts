/**
 * spec:diff's command (scripts/lib/diff/cli.ts `main`) in process, with spec
 * files as base and head: its arguments, what it prints (Markdown, JSON, the
 * --output file), its exit code (0, 1, 2), and its refusals. Git bases and the
 * and the plain-Node entry also run as a maintainer runs them in cli.test.ts;
 * here a throwaway repository stands in for this one (main's `repo` argument).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../scripts/lib/diff/cli.js";
import { rulesMarkdown } from "../../scripts/lib/diff/rules-doc.js";
import { repoRoot } from "../helpers/run.js";

const fixture = readFileSync(join(repoRoot, "test/spec-diff/fixtures/base.yaml"), "utf8");
const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
let dir: string;
let base: string;

/** A head spec: the fixture with `from` replaced by `to`. */
async function head(name: string, from = "", to = ""): Promise<string> {
  if (!fixture.includes(from)) throw new Error(`${from} is not in the fixture`);
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, fixture.replace(from, to));
  return file;
}

const removeNote = ["        note: { type: string }\n", ""] as const;
const deprecateGet = ["      operationId: getThing\n", "      operationId: getThing\n      deprecated: true\n"] as const;
const otherSummary = ["summary: Get a thing.", "summary: Fetch a thing."] as const;

interface Run {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

/** Runs the command (in this repository, or `repo`); an exit (bad arguments) ends it as an error the spy throws. */
async function runIn(repo: string | undefined, argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  vi.spyOn(process, "exit").mockImplementation((code?: string | number | null) => {
    throw new Error(`exit ${String(code)}`);
  });
  process.exitCode = undefined;
  let code: number | undefined;
  try {
    await main(argv, repo);
    code = typeof process.exitCode === "number" ? process.exitCode : undefined;
  } catch (error) {
    const exit = /^exit (\d+)$/.exec((error as Error).message);
    if (!exit) throw error;
    code = Number(exit[1]);
  } finally {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  }
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const run = (...argv: string[]) => runIn(undefined, argv);

/** Runs `body` with a private TMPDIR (where the base's files are extracted), then returns what is left in it. */
async function leftInTmpdir(body: () => Promise<void>): Promise<string[]> {
  const temp = await mkdtemp(join(dir, "tmp-"));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = temp;
  try {
    await body();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  return readdir(temp);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-spec-diff-command-"));
  base = join(dir, "base.yaml");
  await writeFile(base, fixture);
});
afterEach(() => {
  process.exitCode = undefined;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("spec:diff's command with spec files", () => {
  it("a breaking change: the Markdown report on stdout and in --output, exit 1", async () => {
    const changed = await head("breaking", ...removeNote);
    const output = join(dir, "report.md");
    const result = await run("--base", base, "--head", changed, "--output", output);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    // Files outside the working directory are named by their absolute paths.
    expect(result.stdout.split("\n")[0]).toBe(`## API changes: ${base} -> ${changed}`);
    expect(result.stdout).toContain("response-property-removed");
    expect(result.stdout).toContain(`(${version} ->`);
    expect(await readFile(output, "utf8")).toBe(`${result.stdout}\n`);
  });

  it("--allow-breaking: the same report, exit 0", async () => {
    const changed = await head("allowed", ...removeNote);
    const result = await run("--head", changed, "--allow-breaking", "--base", base);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("response-property-removed");
  });

  it("--json: the JSON contract instead of Markdown", async () => {
    const changed = await head("json", ...removeNote);
    const result = await run("--json", "--base", base, "--head", changed);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as { baseVersion: string; summary: { breaking: number }; changes: Array<{ rule: string }> };
    expect(json.baseVersion).toBe(version);
    expect(json.summary.breaking).toBe(3);
    expect(new Set(json.changes.map((c) => c.rule))).toEqual(new Set(["response-property-removed"]));
  });

  it("a warning fails only with --fail-on warning; nothing changed passes", async () => {
    const warned = await head("warning", ...deprecateGet);
    expect((await run("--base", base, "--head", warned)).code).toBe(0);
    expect((await run("--base", base, "--head", warned, "--fail-on", "breaking")).code).toBe(0);
    const failed = await run("--base", base, "--head", warned, "--fail-on", "warning");
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("operation-deprecated");
    const same = await run("--base", base, "--head", await head("same"), "--fail-on", "warning");
    expect(same).toMatchObject({ code: 0, stderr: "" });
  });

  it("--types with a file as base: said on stderr and skipped", async () => {
    const result = await run("--base", base, "--head", await head("types"), "--types");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("spec:diff: --types needs a git ref as --base (it compiles that commit's type tests); skipped.");
  });

  it("a head or a base it cannot read: its one-line refusal naming the side, exit 2", async () => {
    const swagger = join(dir, "swagger.yaml");
    await writeFile(swagger, "swagger: '2.0'\ninfo: { title: T, version: '1' }\npaths: {}\n");
    const refusal = (label: string) => ({
      code: 2,
      stdout: "",
      stderr: `spec:diff: The ${label} spec (${relative(repoRoot, swagger)}) is Swagger "2.0": spec:diff reads OpenAPI 3.x only; convert it first (e.g. npx swagger2openapi).`,
    });
    expect(await run("--base", base, "--head", swagger)).toEqual(refusal(swagger));
    expect(await run("--base", swagger, "--head", base)).toEqual(refusal(`base (${swagger})`));
  });

  it("--rules: the rule table as Markdown, nothing compared", async () => {
    const result = await run("--rules", "--base", "no-such-ref");
    expect(result).toEqual({ code: undefined, stdout: rulesMarkdown(), stderr: "" });
  });
});

describe("spec:diff's arguments", () => {
  const usage = "Usage: npm run spec:diff -- [--base <git ref | spec file>] [--head <spec file>] [--json] [--output <file>] [--allow-breaking] [--fail-on warning] [--types]";
  it.each([
    [["--verbose"], "Unknown argument --verbose."],
    [["--base"], "--base needs a value."],
    [["--head", "--json"], "--head needs a value."],
    [["--output", ""], "--output needs a value."],
    [["--fail-on"], "--fail-on needs a value."],
    [["--fail-on", "notice"], "--fail-on takes warning or breaking, not notice."],
  ])("%j: refused with the usage, exit 2", async (argv, message) => {
    expect(await run(...argv)).toEqual({ code: 2, stdout: "", stderr: `spec:diff: ${message}\n${usage}` });
  });
});

describe("spec:diff's command in a git repository", () => {
  let repo: string;
  let mainCommit: string;
  const git = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" }).toString().trim();
  const pkg = (version: unknown) => JSON.stringify({ name: "demo", version });

  beforeAll(async () => {
    repo = join(dir, "repo");
    await mkdir(join(repo, "spec"), { recursive: true });
    await mkdir(join(repo, "api"), { recursive: true });
    await writeFile(join(repo, "spec", "openapi.yaml"), fixture);
    // Another spec under api/: a --head there is compared with the base's api/openapi.yaml, not spec/'s.
    await writeFile(join(repo, "api", "openapi.yaml"), fixture.replace(...otherSummary));
    await writeFile(join(repo, "package.json"), pkg("0.3.0"));
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "base");
    mainCommit = git(repo, "rev-parse", "HEAD");
    git(repo, "checkout", "-qb", "feature");
    git(repo, "commit", "-qm", "feature", "--allow-empty");
    // Uncommitted: the working tree's spec loses a field, its version moves on (one version staged, another not).
    await writeFile(join(repo, "spec", "openapi.yaml"), fixture.replace(...removeNote));
    await writeFile(join(repo, "package.json"), pkg("0.3.5"));
    git(repo, "add", "package.json");
    await writeFile(join(repo, "package.json"), pkg("0.4.0"));
  });

  it("by default: the merge base with main against the working tree's spec, from the base's version", async () => {
    const result = await runIn(repo, []);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe(`## API changes: merge base with main (${mainCommit.slice(0, 10)}) -> working tree`);
    expect(result.stdout).toContain("response-property-removed");
    expect(result.stdout).toContain("(0.3.0 -> ");
  });

  it("--base <ref>: the spec at that commit, from the same path as --head; the extracted copy removed", async () => {
    const left = await leftInTmpdir(async () => {
      await writeFile(join(repo, "api", "openapi.yaml"), fixture.replace(...otherSummary).replace(...deprecateGet));
      const result = await runIn(repo, ["--base", "main", "--head", join(repo, "api", "openapi.yaml"), "--json"]);
      expect(result.code).toBe(0);
      const json = JSON.parse(result.stdout) as { baseVersion: string; changes: Array<{ rule: string }> };
      expect(json.baseVersion).toBe("0.3.0");
      expect(json.changes.map((c) => c.rule)).toEqual(["operation-deprecated"]);
      // A head outside the repository is compared with the base's spec/openapi.yaml.
      const outside = await runIn(repo, ["--base", "main", "--head", await head("outside", ...deprecateGet)]);
      expect(outside.code).toBe(0);
      expect(outside.stdout).toContain("operation-deprecated");
    });
    expect(left).toEqual([]);
  });

  it("--base naming neither a file nor a ref: refused, exit 2", async () => {
    const result = await runIn(repo, ["--base", "old/openapi.yaml"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "spec:diff: Base ref `old/openapi.yaml` does not exist in this clone: fetch it with `git fetch origin old/openapi.yaml`, or pass --base <ref | spec file>.",
    });
  });

  it("an error that is not a refusal propagates (not exit 2), and the base's copy is still removed", async () => {
    const left = await leftInTmpdir(async () => {
      await expect(runIn(repo, ["--base", "main", "--output", join(dir, "no-such-folder", "report.md")])).rejects.toThrow(/ENOENT/);
    });
    expect(left).toEqual([]);
  });

  it("the base version with a file as --base: HEAD's package.json", async () => {
    const result = await runIn(repo, ["--base", base, "--head", base, "--json"]);
    expect((JSON.parse(result.stdout) as { baseVersion: string }).baseVersion).toBe("0.3.0");
  });

  it.each([
    ["its package.json's version", pkg("2.1.0"), "2.1.0"],
    ["0.0.0 for a version that is not a string", pkg(2), "0.0.0"],
    ["0.0.0 for a package.json that is not JSON", "{ version", "0.0.0"],
    ["0.0.0 without a package.json", undefined, "0.0.0"],
  ])("the base version outside git: %s", async (_name, text, expected) => {
    const folder = await mkdtemp(join(dir, "plain-"));
    if (text !== undefined) await writeFile(join(folder, "package.json"), text);
    const result = await runIn(folder, ["--base", base, "--head", base, "--json"]);
    expect((JSON.parse(result.stdout) as { baseVersion: string }).baseVersion).toBe(expected);
  });
});
