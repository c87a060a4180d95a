/**
 * spec:diff's command (scripts/lib/diff/cli.ts `main`) in process, with spec
 * files as base and head: its arguments, what it prints (Markdown, JSON, the
 * --output file), its exit code (0, 1, 2), and its refusals. Git bases and the
 * plain-Node entry are run as a maintainer runs them in cli.test.ts.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
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

interface Run {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

/** Runs the command; an exit (bad arguments) ends it as an error the spy throws. */
async function run(...argv: string[]): Promise<Run> {
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
    await main(argv);
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
    const same = await run("--base", base, "--head", await head("same"));
    expect(same).toMatchObject({ code: 0, stderr: "" });
  });

  it("--types with a file as base: said on stderr and skipped", async () => {
    const result = await run("--base", base, "--head", await head("types"), "--types");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("spec:diff: --types needs a git ref as --base (it compiles that commit's type tests); skipped.");
  });

  it("a head it cannot read: its one-line refusal, exit 2", async () => {
    const swagger = join(dir, "swagger.yaml");
    await writeFile(swagger, "swagger: '2.0'\ninfo: { title: T, version: '1' }\npaths: {}\n");
    const result = await run("--base", base, "--head", swagger);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `spec:diff: The ${swagger} spec (${relative(repoRoot, swagger)}) is Swagger "2.0": spec:diff reads OpenAPI 3.x only; convert it first (e.g. npx swagger2openapi).`,
    );
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
