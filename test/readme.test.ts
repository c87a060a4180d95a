/** The README stays true: its OAuth example is the file the package test runs, and its commands exist. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../src/version.js";
import { repoRoot } from "./helpers/run.js";

const readme = await readFile(join(repoRoot, "README.md"), "utf8");
const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { version: string; scripts: Record<string, string> };

describe("README", () => {
  it("shows the OAuth example that test/package/tarball.test.ts runs, verbatim", async () => {
    const example = await readFile(join(repoRoot, "test/fixtures/consumer/oauth-flow.ts"), "utf8");
    expect(readme).toContain("```ts\n" + example + "```");
  });

  it("names only scripts that package.json has", () => {
    const named = [...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1] ?? "");
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(Object.keys(pkg.scripts)).toContain(script);
  });

  it("has the two setup commands, and .ci/run runs the same test command", async () => {
    expect(readme).toContain("npm ci && npm run generate");
    expect(readme).toContain("npm test ");
    expect(await readFile(join(repoRoot, ".ci/run"), "utf8")).toMatch(/npm ci[^\n]*\nnpm test\n/);
  });

  it("the User-Agent version matches package.json", () => {
    expect(VERSION).toBe(pkg.version);
  });
});
