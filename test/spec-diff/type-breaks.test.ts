/**
 * `spec:diff --types` in process: what typeBreaks reports when the base
 * commit's type tests (test/**\/*.test-d.ts) and README ```ts examples are
 * compiled against today's sources, and the entry-point map it compiles them
 * with. A tiny throwaway repository with its own small tsconfig keeps the
 * compiles quick (the whole-repository check and the CLI run are in
 * type-compat.test.ts).
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryPoints, typeBreaks } from "../../scripts/lib/diff/type-compat.js";

let root: string;
let repo: string;
const commits: Record<"bare" | "readmeOnly" | "full", string> = { bare: "", readmeOnly: "", full: "" };

const run = (cwd: string, ...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, stdio: "pipe" }).toString().trim();

async function put(files: Record<string, string>, into = repo): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(into, name)), { recursive: true });
    await writeFile(join(into, name), text);
  }
}

function commit(message: string): string {
  run(repo, "add", "-A");
  run(repo, "commit", "-qm", message);
  return run(repo, "rev-parse", "HEAD");
}

/** Today's src/index.ts: `name` and `format`'s parameter as given. */
const api = (field: string, formatParam: string, extra = "") =>
  `export interface SourceResponse {\n  sourceId: string;\n  ${field}: string;\n}\nexport declare function getSource(id: string): Promise<SourceResponse>;\nexport declare function format(value: ${formatParam}): string;\n${extra}`;

const readme = [
  "# Demo", // 1
  "", // 2
  "```ts", // 3
  'import { getSource } from "demo-client";', // 4
  'const id: string = (await getSource("s-1")).sourceId;', // 5
  "```", // 6
  "", // 7
  "Not compiled (not ts):", // 8
  "", // 9
  "```js", // 10
  "const wrong: number = 'js';", // 11
  "```", // 12
  "", // 13
  "```ts", // 14
  'import { getSource } from "demo-client";', // 15
  "", // 16
  'export const shown: string = (await getSource("s-2")).name;', // 17
  "```", // 18
  "",
].join("\n");

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "airbyte-type-breaks-"));
  repo = join(root, "repo");
  await put({
    // Options only: typeBreaks replaces `paths` with the package's entry points. The missing type
    // library yields a diagnostic with no file, which is nobody's break.
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022"], types: ["no-such-types"], strict: true, skipLibCheck: true },
    }),
    "package.json": JSON.stringify({ name: "demo-client", type: "module", exports: { ".": { default: "./dist/src/index.js" } } }),
    "src/index.ts": api("name", "number"),
  });
  run(repo, "init", "-q", "-b", "main");
  commits.bare = commit("no tests, no README");
  await put({ "README.md": readme });
  commits.readmeOnly = commit("README");
  await put({
    // Top-level await: compiles only as an ES module, as in the repository.
    "test/client/consumer.test-d.ts": [
      'import { format, getSource } from "../../src/index.js";',
      "",
      'const source = await getSource("s-1");',
      "const id: string = source.sourceId;",
      "const twice: string = source.name + source.name;",
      "const show: (value: number) => string = format;",
      "",
    ].join("\n"),
    "test/nested/deeper/names.test-d.ts": 'import { getSource } from "../../../src/index.js";\n\nexport const name: string = (await getSource("s-1")).name;\n',
    // Not a type test: never compiled, whatever it holds.
    "test/client/runtime.test.ts": "const wrong: number = 'not a type test';\n",
  });
  commits.full = commit("type tests");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("typeBreaks: the base's consumer code compiled against today's sources", () => {
  it("finds nothing while today's types still fit, even with an error of today's own in src/", async () => {
    await put({ "src/index.ts": api("name", "number", 'export const own: number = "src is not the base\'s code";\n') });
    expect(await typeBreaks(commits.full, repo)).toEqual([]);
  });

  it("names each break once by the base's file and line, README examples by their README line, files in code-point order", async () => {
    await put({ "src/index.ts": api("displayName", "string") });
    const gone = "Property 'name' does not exist on type 'SourceResponse'.";
    expect(await typeBreaks(commits.full, repo)).toEqual([
      { file: "README.md", line: 17, message: gone },
      { file: "test/client/consumer.test-d.ts", line: 5, message: gone },
      {
        file: "test/client/consumer.test-d.ts",
        line: 6,
        message:
          "Type '(value: string) => string' is not assignable to type '(value: number) => string'. Types of parameters 'value' and 'value' are incompatible. Type 'number' is not assignable to type 'string'.",
      },
      { file: "test/nested/deeper/names.test-d.ts", line: 3, message: gone },
    ]);
  });

  it("reads the README alone when the base has no test folder", async () => {
    await put({ "src/index.ts": api("displayName", "number") });
    expect(await typeBreaks(commits.readmeOnly, repo)).toEqual([{ file: "README.md", line: 17, message: "Property 'name' does not exist on type 'SourceResponse'." }]);
  });

  it("reports nothing for a base with neither type tests nor a README", async () => {
    await put({ "src/index.ts": api("displayName", "string") });
    expect(await typeBreaks(commits.bare, repo)).toEqual([]);
  });

  it("removes its extracted copy of the base", async () => {
    // os.tmpdir() follows TMPDIR: a private one shows what typeBreaks leaves behind.
    const temp = await mkdtemp(join(root, "tmp-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      await typeBreaks(commits.full, repo);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    expect(await readdir(temp)).toEqual([]);
  });
});

describe("entryPoints: each package entry point mapped to today's source", () => {
  it("takes the default target of each export, without dist/, as the .ts source or the .d.ts beside a .js", async () => {
    const pkg = await mkdtemp(join(root, "pkg-"));
    await put(
      {
        "package.json": JSON.stringify({
          name: "@demo/client",
          exports: {
            ".": { require: "./dist/cjs/src/index.js", default: "./dist/src/index.js" },
            "./gen": "./generated/gen/index.js",
            "./plain": { default: "lib/plain.js" },
            "./styles": "./dist/styles.css",
            "./nothing": "./dist/src/missing.js",
            "./cjs-only": { require: "./dist/cjs/src/index.js" },
            "./null": null,
          },
        }),
        "src/index.ts": "",
        "generated/gen/index.d.ts": "",
        "generated/gen/index.js": "",
        "lib/plain.ts": "",
        "styles.css": "",
      },
      pkg,
    );
    expect(await entryPoints(pkg)).toEqual({
      "@demo/client": [join(pkg, "src/index.ts")],
      "@demo/client/gen": [join(pkg, "generated/gen/index.d.ts")],
      "@demo/client/plain": [join(pkg, "lib/plain.ts")],
    });
  });

  it("without a name or exports: airbyte-api-client from dist/src/index.js", async () => {
    const pkg = await mkdtemp(join(root, "pkg-"));
    await put({ "package.json": "{}", "src/index.ts": "" }, pkg);
    expect(await entryPoints(pkg)).toEqual({ "airbyte-api-client": [join(pkg, "src/index.ts")] });
  });
});
