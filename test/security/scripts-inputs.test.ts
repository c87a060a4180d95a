/**
 * The scripts treat a spec, a provider file or a connector input as hostile:
 * each test names the attack it guards against (issue 18's script findings).
 * Every one of them failed on 839c885.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContractArgs } from "../../scripts/lib/contract/args.js";
import { emitOperations } from "../../scripts/lib/generate/emit-operations.js";
import { readOperations, type BundledSpec } from "../../scripts/lib/generate/model.js";
import { ts } from "../../scripts/lib/shared/cjs-typescript.js";
import { updateFolder } from "../../scripts/lib/shared/write-atomic.mjs";
import { loadYaml, YAML_LIMITS } from "../../scripts/lib/shared/yaml.js";
import { bundleSpec, lintSpec } from "../../scripts/lib/spec/redocly.js";
import { MAX_REF_CHAIN } from "../../scripts/lib/spec/ref-chains.js";
import { BEFORE_ANY_GENERATE, emittedNames } from "../../scripts/lint/rules/generated-identifiers.js";
import { repoRoot, runScript } from "../helpers/run.js";
import { startServer, type TestServer } from "../helpers/server.js";

let dir: string;
let server: TestServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-scripts-sec-"));
  server = await startServer((_, res) => res.end("type: object\n"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await server?.close();
});

/** A small valid spec whose GET /things answers `schema` (YAML text, indented for its place) and whose components hold `components`. */
function spec(schema: string, components = "    Thing:\n      type: object\n"): string {
  return `openapi: 3.1.0
info:
  title: t
  version: "1"
  description: d
  license:
    name: MIT
    url: https://opensource.org/licenses/MIT
servers:
  - url: https://api.airbyte.com/v1
security: []
tags:
  - name: Things
    description: things
paths:
  /things:
    get:
      operationId: listThings
      summary: list
      description: list
      tags: [Things]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
${schema}
components:
  schemas:
${components}`;
}

async function specDir(name: string, files: Record<string, string>): Promise<string> {
  const root = join(dir, name);
  await mkdir(join(root, "spec"), { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(root, file), text);
  return join(root, "spec", "openapi.yaml");
}

describe("a $ref never leaves the spec's folder", () => {
  it("npm run docs refuses a $ref outside spec/ and a URL $ref, in one line naming the file and the ref, and reads neither", async () => {
    const outside = await specDir("docs-outside", {
      "secret.yaml": "type: object\ndescription: a file next to the spec folder\n",
      "spec/openapi.yaml": spec(`                $ref: "../secret.yaml"`),
    });
    const url = await specDir("docs-url", { "spec/openapi.yaml": spec(`                $ref: "${server.origin}/remote.yaml"`) });
    for (const [file, ref] of [
      [outside, "../secret.yaml"],
      [url, `${server.origin}/remote.yaml`],
    ] as const) {
      const out = join(dir, `${ref.length}.html`);
      const result = await runScript("docs.ts", ["--spec", file, "--out", out]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`spec/openapi\\.yaml:\\d+:\\d+\\s+error\\s+\`\\$ref: ${ref.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\` in \\S*spec/openapi\\.yaml is refused: `));
      await expect(readdir(dir)).resolves.not.toContain(`${ref.length}.html`);
    }
    expect(server.requests).toEqual([]);
  }, 120_000);

  it("bundling (generate, mock, docs) refuses the same refs", async () => {
    const file = await specDir("bundle-outside", {
      "secret.yaml": "type: object\n",
      "spec/openapi.yaml": spec(`                $ref: "../secret.yaml"`),
    });
    await expect(bundleSpec(file)).rejects.toThrow(/`\$ref: \.\.\/secret\.yaml` in \S+ is refused: `\.\.\/secret\.yaml` points outside the spec folder/);
  });

  it("a $ref to a missing target names the ref and the file that holds it", async () => {
    const file = await specDir("missing", { "spec/openapi.yaml": spec(`                $ref: "#/components/schemas/Nope"`) });
    const problems = (await lintSpec(file)).filter((p) => p.rule === "no-unresolved-refs");
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^`\$ref: #\/components\/schemas\/Nope` in \S*spec\/openapi\.yaml has no target \(nothing at that pointer\)/),
    ]);
  });
});

describe("one YAML loader, limits on every parse", () => {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [i, name] of ["b", "c", "d", "e", "f", "g", "h", "i"].entries()) bomb.push(`${name}: &${name} [${Array(10).fill(`*${"abcdefghi"[i]}`).join(",")}]`);

  it("an alias bomb next to YAML the strict parser rejects (a comment without a space) is still refused: no fallback skips the guard", async () => {
    const text = [...bomb.map((l) => `  ${l}`), "  z: 'x'#no space before this comment"].join("\n");
    const file = await specDir("bomb-fallback", { "spec/openapi.yaml": `${spec(`                $ref: "#/x-bomb"`)}x-bomb:\n${text}\n` });
    const started = performance.now();
    const problems = await lintSpec(file);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(problems).toEqual([expect.objectContaining({ rule: "yaml-syntax", message: expect.stringMatching(/^YAML syntax error: too many YAML aliases/) })]);
  });

  it.each([
    ["an alias bomb", bomb.join("\n"), {}, /too many YAML aliases/],
    ["nesting deeper than the limit", `${"[".repeat(YAML_LIMITS.maxDepth + 5)}${"]".repeat(YAML_LIMITS.maxDepth + 5)}`, {}, /nest more than 256 levels/],
    ["nesting deep enough to exhaust the parser's stack", `${"[".repeat(200_000)}${"]".repeat(200_000)}`, {}, /nest more than 256 levels/],
    ["an alias that contains itself", "a: &a [1, *a]", {}, /alias refers to a node that contains it|nest more than/],
    ["a __proto__ key", "x:\n  __proto__:\n    polluted: true\n", {}, /`__proto__` is not allowed as a key/],
    ["a file over the size limit", "a: 1\n".repeat(100), { maxBytes: 100 }, /the file is 500 bytes; YAML input is limited to 100/],
  ])("%s is refused with a clear message", (_name, text, limits, message) => {
    expect(() => loadYaml(text, "input.yaml", limits)).toThrow(message);
  });

  it("an ordinary file parses as Redocly parses it", () => {
    expect(loadYaml("a: &x {b: 1}\nc: *x\nd: [1, '2', null]\n", "ok.yaml")).toEqual({ a: { b: 1 }, c: { b: 1 }, d: [1, "2", null] });
  });
});

describe("every write stays inside its folder", () => {
  it.each([["../escaped.ts"], ["a/../../escaped.ts"], [join(tmpdir(), "escaped.ts")], ["C:\\escaped.ts"], ["..\\escaped.ts"]])(
    "updateFolder refuses %j and writes nothing",
    async (name) => {
      const target = join(dir, "out", "inner");
      await expect(updateFolder(target, new Map([["ok.ts", "x"], [name, "pwned"]]))).rejects.toThrow(/^Refusing to write .* every file a generator writes must stay inside its output folder/i);
      await expect(readdir(join(dir, "out")).catch(() => [])).resolves.toEqual([]);
    },
  );
});

describe("npm run connectors stays inside --out", () => {
  it("a schema key holding ../ is refused and nothing is written outside the folder", async () => {
    const input = join(dir, "api_sdk-escape.yaml");
    const fixture = await readFile(join(repoRoot, "test/fixtures/connectors/api_sdk.yaml"), "utf8");
    const escape = '    "source-../../escaped":\n      type: object\n      required: [sourceType]\n      properties:\n        sourceType: { type: string, const: escaped, enum: [escaped] }\n';
    await writeFile(input, fixture.replace("    source-github:\n", `${escape}    source-github:\n`));
    const out = join(dir, "connectors-out", "generated");
    const run = await runScript("connectors.ts", ["--spec", input, "--source", "test", "--date", "2026-01-01", "--out", out]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Refusing to write "sources\/\.\.\/\.\.\/escaped\.d\.ts" into .*: it has a `\.\.` segment/);
    await expect(readdir(join(dir, "connectors-out")).catch(() => [])).resolves.toEqual([]);
  }, 120_000);
});

describe("lint on hostile shapes", () => {
  it(`a ${3000}-deep $ref chain is one clear problem, not a RangeError or gigabytes`, async () => {
    const chain = Array.from({ length: 3000 }, (_, i) => `    S${i}:\n      $ref: "#/components/schemas/S${i + 1}"\n`).join("") + "    S3000:\n      type: object\n";
    const file = await specDir("chain", { "spec/openapi.yaml": spec(`                $ref: "#/components/schemas/S0"`, chain) });
    const problems = await lintSpec(file);
    expect(problems).toEqual([
      expect.objectContaining({ rule: "ref-chain", severity: "error", message: expect.stringContaining(`goes through more than ${MAX_REF_CHAIN} \`$ref\`s before it reaches a value`) }),
    ]);
  }, 60_000);

  it.each(["valueOf", "hasOwnProperty", "__lookupGetter__"])("a key named %s (an Object.prototype method) is one clear problem at its line, not Redocly's TypeError", async (key) => {
    const file = await specDir(`proto-${key}`, {
      "spec/openapi.yaml": spec(`                $ref: "#/components/schemas/Thing"`, `    Thing:\n      type: object\n      properties:\n        ${key}:\n          type: string\n`),
    });
    const problems = await lintSpec(file);
    expect(problems).toEqual([
      {
        file: expect.stringMatching(/openapi\.yaml$/),
        line: 34,
        severity: "error",
        rule: "prototype-key",
        message: `\`${key}\` at #/components/schemas/Thing/properties/${key} is the name of a JavaScript Object.prototype method, which the spec tools read as their own and crash on: rename it (e.g. \`${key}Value\`).`,
      },
    ]);
  });

  it("keys named constructor or toString are left to the lint rules (Redocly reads them without crashing)", async () => {
    const file = await specDir("proto-tostring", {
      "spec/openapi.yaml": spec(`                $ref: "#/components/schemas/Thing"`, `    Thing:\n      type: object\n      properties:\n        toString:\n          type: string\n        constructor:\n          type: string\n`),
    });
    expect((await lintSpec(file)).map((p) => p.rule)).not.toContain("prototype-key");
  });

  it("the names kept for a copy with nothing generated yet are the ones the committed generated/ declares", () => {
    expect([...BEFORE_ANY_GENERATE]).toEqual(emittedNames(new URL("generated/", `file://${repoRoot.endsWith("/") ? repoRoot : `${repoRoot}/`}`).href));
    expect(emittedNames(new URL("file:///nonexistent-generated/").href)).toEqual([...BEFORE_ANY_GENERATE]);
  });

  it("every name the generated files declare or import is refused as a schema name (OperationTable included)", async () => {
    const names = emittedNames(new URL("generated/", `file://${repoRoot.endsWith("/") ? repoRoot : `${repoRoot}/`}`).href);
    expect(names).toEqual(expect.arrayContaining(["OperationTable", "operationTable", "Schema", "components", "OperationFunction"]));
    const components = names.map((n) => `    ${JSON.stringify(n)}:\n      type: object\n`).join("");
    const file = await specDir("emitted", { "spec/openapi.yaml": spec(`                type: object`, components) });
    const refused = (await lintSpec(file)).filter((p) => p.rule === "airbyte/generated-identifiers").map((p) => /`([^`]+)`/.exec(p.message)?.[1]);
    expect(refused.sort()).toEqual([...names].sort());
  });

  it("a tag Raw is accepted by lint and by the generator (the client has no `raw` member)", async () => {
    const file = await specDir("raw", { "spec/openapi.yaml": spec(`                type: object`).replace(/Things/g, "Raw") });
    expect((await lintSpec(file)).filter((p) => p.rule === "airbyte/generated-identifiers")).toEqual([]);
    expect(readOperations((await bundleSpec(file)) as BundledSpec).map((op) => op.group)).toEqual(["raw"]);
  });

  it("a path parameter named after a reserved word (class) lints clean and generates code that parses", async () => {
    const text = spec(`                type: object`)
      .replace("  /things:\n    get:", "  /things/{class}:\n    get:")
      .replace("      tags: [Things]", `      tags: [Things]\n      parameters:\n        - name: class\n          in: path\n          required: true\n          schema:\n            type: string`);
    const file = await specDir("reserved-param", { "spec/openapi.yaml": text });
    expect((await lintSpec(file)).filter((p) => p.severity === "error" && p.rule.startsWith("airbyte/"))).toEqual([]);
    const source = emitOperations(readOperations((await bundleSpec(file)) as BundledSpec), ["Thing"]);
    expect(source).toContain("args: [class_: ");
    const parsed = ts.createSourceFile("operations.ts", source, ts.ScriptTarget.ES2022, true);
    const diagnostics = (parsed as unknown as { parseDiagnostics: Array<{ messageText: unknown }> }).parseDiagnostics;
    expect(diagnostics.map((d) => d.messageText)).toEqual([]);
  });
});

describe("npm run contract keeps credentials off the command line", () => {
  it.each([["--token"], ["--client-secret"], ["--token=abc"]])("%s is refused, saying where the credential goes", (flag) => {
    expect(() => parseContractArgs(["--base-url", "https://a.example.com", flag, "s3cr3t-value"], {})).toThrow(
      /is refused: a credential on the command line is visible to every user of this machine \(ps, shell history\)\. Set AIRBYTE_(BEARER_TOKEN|CLIENT_SECRET) in the environment, or --(token|client-secret)-file <file> \(- reads stdin\)\./,
    );
  });

  it("the command exits 2 on --token without echoing it", async () => {
    const result = await runScript("contract.ts", ["--base-url", "https://a.example.com", "--token", "s3cr3t-value"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^contract: --token is refused/);
    expect(result.stdout + result.stderr).not.toContain("s3cr3t-value");
  });

  it("reads the token from AIRBYTE_BEARER_TOKEN, or from --token-file (a file, or - for stdin)", async () => {
    const tokenFile = join(dir, "token.txt");
    await writeFile(tokenFile, "from-file\n");
    const base = ["--base-url", "https://a.example.com"];
    expect(parseContractArgs(base, { AIRBYTE_BEARER_TOKEN: "from-env" }).auth).toEqual({ bearerToken: "from-env" });
    expect(parseContractArgs([...base, "--token-file", tokenFile], {}).auth).toEqual({ bearerToken: "from-file" });
    expect(parseContractArgs([...base, "--token-file", "-"], {}, (path) => (path === "-" ? "from-stdin" : "")).auth).toEqual({ bearerToken: "from-stdin" });
    expect(parseContractArgs([...base, "--client-id", "id"], { AIRBYTE_CLIENT_SECRET: "cs" }).auth).toEqual({ clientId: "id", clientSecret: "cs" });
  });
});
