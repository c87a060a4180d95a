/**
 * The README stays true: its OAuth example is examples/oauth-app.ts (which the packed-package consumer test and `npm run demo` run),
 * its examples compile, its counts are the spec's. Paths, links, scripts and figures: test/docs.test.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { operationTable } from "../generated/operations.js";
import { VERSION } from "../src/version.js";
import { repoRoot } from "./helpers/run.js";

const readme = await readFile(join(repoRoot, "README.md"), "utf8");
const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { version: string; scripts: Record<string, string> };

describe("README", () => {
  it("shows the OAuth example that examples/oauth-app.ts holds, verbatim", async () => {
    const example = await readFile(join(repoRoot, "examples/oauth-app.ts"), "utf8");
    expect(readme).toContain("```ts\n" + example + "```");
  });

  it("has the two setup commands, and .ci/run runs the same test command", async () => {
    expect(readme).toContain("npm ci && npm run generate");
    expect(readme).toContain("npm test ");
    expect(await readFile(join(repoRoot, ".ci/run"), "utf8")).toMatch(/npm ci[^\n]*\nnpm test\n/);
  });

  it("every TypeScript example compiles against the package's types", async () => {
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const dir = await mkdtemp(join(tmpdir(), "airbyte-readme-"));
    try {
      const files = await Promise.all(
        blocks.map(async (code, i) => {
          const file = join(dir, `example-${i + 1}.mts`);
          await writeFile(file, code);
          return file;
        }),
      );
      const config = ts.getParsedCommandLineOfConfigFile(join(repoRoot, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
      const program = ts.createProgram(files, { ...config?.options, noEmit: true });
      // The examples' own diagnostics only: the checker reads the package's types as far as the
      // examples use them. (The whole of src/ and generated/ is test/typecheck's job; checking it
      // here too was most of this test's time.)
      const problems = files
        .flatMap((file) => {
          const source = program.getSourceFile(file);
          return source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : [];
        })
        .map((d) => `${d.file?.fileName.split("/").pop()}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
      expect(problems).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  // generated/ is what the spec produces (check:drift), so these counts are the spec's.
  it("states the spec's number of operations and its groups", () => {
    const claim = /All (\d+) operations of the public API are there, in (\d+) groups \(([^)]*)\)/.exec(readme.replace(/\s+/g, " "));
    expect(claim, "README.md should say `All <n> operations of the public API are there, in <m> groups (...)`").not.toBeNull();
    const operations = Object.values(operationTable);
    const groups = [...new Set(operations.map((op) => op.group))].sort();
    expect({ operations: Number(claim?.[1]), groups: Number(claim?.[2]) }, "update the counts in README.md's \"The first call\" section").toEqual({ operations: operations.length, groups: groups.length });
    expect([...(claim?.[3] ?? "").matchAll(/`(\w+)`/g)].map((m) => m[1]).sort()).toEqual(groups);
  });

  it("the User-Agent version matches package.json", () => {
    expect(VERSION).toBe(pkg.version);
  });
});
