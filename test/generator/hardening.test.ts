/**
 * A spec pull request is untrusted input. The toolchain reads only files
 * inside the spec's folder (no absolute, `../` or linked path, no URL, so no
 * network), stops a YAML alias bomb at once, replaces only folders it owns,
 * and with --spec/--out touches nothing of the repository's own.
 */
import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintSpec } from "../../scripts/lib/spec/redocly.js";
import { repoRoot } from "../helpers/run.js";
import { copySpecWorkspace, type SpecWorkspace } from "../helpers/workspace.js";

const SECRET = "sentinel-outside-the-spec-folder";

/** A minimal spec whose one response schema is `ref`. */
function specWith(ref: string): string {
  return `openapi: 3.1.0
info:
  title: Ref fixture
  version: 1.0.0
  description: One response schema, referenced from elsewhere.
  license:
    name: MIT
    identifier: MIT
servers:
  - url: https://api.fixture.test/v1
security: []
tags:
  - name: Things
    description: Things.
paths:
  /things:
    get:
      operationId: listThings
      tags: [Things]
      summary: List things
      description: Lists things.
      responses:
        '200':
          description: The things.
          content:
            application/json:
              schema:
                $ref: '${ref}'
`;
}

describe("$ref stays inside the spec folder; the network is never touched", () => {
  let dir: string;
  let requests = 0;
  const server = createServer((_, res) => {
    requests++;
    res.end(`type: string\ndescription: ${SECRET}\n`);
  });
  let origin = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "airbyte-refs-"));
    await mkdir(join(dir, "outside"));
    await writeFile(join(dir, "outside", "secret.yaml"), `type: string\ndescription: ${SECRET}\n`);
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ["an absolute path", () => join(dir, "outside", "secret.yaml"), /is an absolute path: use a path relative to this file/],
    ["a ../ path out of the folder", () => "../outside/secret.yaml", /points outside the spec folder/],
    ["a ../ path that climbs out and back in", () => "../../outside/secret.yaml", /points outside the spec folder/],
    ["an http URL", () => `${origin}/secret.yaml`, /is a URL: the toolchain never reads the network/],
    ["an https URL", () => "https://schemas.example.invalid/secret.yaml", /is a URL: the toolchain never reads the network/],
    ["a file: URL", () => `file://${join(dir, "outside", "secret.yaml")}`, /is a URL/],
    ["a link to a file outside", () => "./link.yaml", /is a link to a file outside the spec folder/],
  ])("%s is refused with a lint error at the $ref's line", async (name, ref, message) => {
    const specDir = join(dir, name.replace(/\W+/g, "-"), "nested");
    await mkdir(specDir, { recursive: true });
    await writeFile(join(specDir, "openapi.yaml"), specWith(ref()));
    await symlink(join(dir, "outside", "secret.yaml"), join(specDir, "link.yaml")).catch(() => undefined);
    const problems = await lintSpec(join(specDir, "openapi.yaml"));
    const refused = problems.filter((p) => p.rule === "no-unresolved-refs");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ file: expect.stringMatching(/nested\/openapi\.yaml$/), line: 28, severity: "error" });
    expect(refused[0]?.message).toMatch(message);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
    expect(requests).toBe(0);
  });
});

describe("YAML alias bombs", () => {
  // 2 KB that expands to 10^9 nodes: what once took 57 s and 3.3 GB (and would time this test out).
  const bomb = ["type: object", "x-bomb:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [i, name] of ["b", "c", "d", "e", "f", "g", "h", "i"].entries()) {
    const prev = "abcdefghi"[i];
    bomb.push(`  ${name}: &${name} [${Array(10).fill(`*${prev}`).join(",")}]`);
  }
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "airbyte-bomb-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ["in a referenced file", "Bomb.yaml"],
    ["in the root file", "openapi.yaml"],
  ])("%s fails at once with a clear message", async (_, file) => {
    const specDir = join(dir, file.replace(".yaml", ""));
    await mkdir(specDir);
    const text = bomb.join("\n");
    expect(text.length).toBeLessThan(2048);
    if (file === "openapi.yaml") await writeFile(join(specDir, "openapi.yaml"), `${specWith("#/x-bomb")}${text.replace("type: object\n", "")}\n`);
    else {
      await writeFile(join(specDir, "openapi.yaml"), specWith("./Bomb.yaml"));
      await writeFile(join(specDir, "Bomb.yaml"), text);
    }
    // Reported once, at the file and line of the first alias.
    const problems = (await lintSpec(join(specDir, "openapi.yaml"))).filter((p) => /alias/.test(p.message));
    expect(problems).toEqual([
      expect.objectContaining({ file: expect.stringMatching(new RegExp(`${file}$`)), line: file === "Bomb.yaml" ? 4 : 31, rule: "yaml-syntax", severity: "error" }),
    ]);
    expect(problems[0]?.message).toBe(
      "YAML syntax error: too many YAML aliases (they expand to more than 10000 extra nodes, which is how an alias bomb starts). Hint: write the values out instead of using *aliases.",
    );
  });
});

describe("--out replaces only a folder generate owns", () => {
  let ws: SpecWorkspace;
  beforeAll(async () => {
    ws = await copySpecWorkspace("split-files");
  });
  afterAll(() => ws.remove());

  it.each([
    ["--out .", () => ".", /--out \.: refusing to replace this folder: it contains the spec/],
    ["--out <the spec's folder>", () => join(ws.dir, "spec"), /refusing to replace this folder: it contains the spec/],
    ["--out <the repository>", () => repoRoot, /refusing to replace this folder: it contains the (spec|repository)/],
    ["--out <a folder of other files>", () => join(ws.dir, "src"), /refusing to replace this folder: it is not a generated folder .*it holds 1 other file/],
  ])("%s is refused and nothing is written", async (_, out, message) => {
    await mkdir(join(ws.dir, "src"), { recursive: true });
    await writeFile(join(ws.dir, "src", "index.ts"), "export const mine = 1;\n");
    const before = (await readdir(ws.dir)).sort();
    const result = await ws.run("generate.mjs", ["--out", out()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/was left unchanged/);
    expect((await readdir(ws.dir)).sort()).toEqual(before);
    expect(await readFile(join(ws.dir, "src", "index.ts"), "utf8")).toBe("export const mine = 1;\n");
  });

  it("a new folder is created, and is then generate's to update", async () => {
    const out = join(ws.dir, "client");
    const first = await ws.run("generate.mjs", ["--out", out]);
    expect(first.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["README.md", "REFERENCE.md", "openapi.ts", "operations.ts", "schemas.ts", "validators.ts"]);
    expect((await ws.run("generate.mjs", ["--out", out])).code).toBe(0);
  });

  it("`npm run generate -- --spec F --out D` writes D only: the repository's generated/ and dist/ are not touched", async () => {
    const watched = [
      ...(await readdir(join(repoRoot, "generated"))).map((f) => join(repoRoot, "generated", f)),
      ...(await readdir(join(repoRoot, "dist")).catch(() => [])).map((f) => join(repoRoot, "dist", f)),
    ];
    const mtimes = async () => Promise.all(watched.map(async (f) => (await stat(f)).mtimeMs));
    const before = await mtimes();
    const out = join(ws.dir, "npm-out");
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(
        "npm",
        ["run", "generate", "--", "--spec", ws.spec, "--out", out],
        { cwd: repoRoot, env: { ...process.env, AIRBYTE_GENERATE_CACHE: join(ws.dir, ".cache") } },
        (error, stdout, stderr) => done({ code: error ? 1 : 0, stdout, stderr }),
      );
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Generated 6 files in ${out}/`);
    expect(result.stdout).not.toMatch(/tsc|build/);
    expect(await mtimes()).toEqual(before);
  });
});
