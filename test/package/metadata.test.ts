/** What a registry page and a newcomer read about the package stays true. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NODE_VERSIONS, TYPESCRIPT_VERSIONS } from "../consumers/versions.js";
import { repoRoot } from "../helpers/run.js";

const read = (file: string) => readFile(join(repoRoot, file), "utf8");
const pkg = JSON.parse(await read("package.json")) as {
  version: string;
  license: string;
  engines: { node: string };
  homepage: string;
  repository: { type: string; url: string };
  bugs: { url: string };
  files: string[];
};
const readme = await read("README.md");
const compatibility = readme.slice(
  readme.indexOf("## Compatibility"),
  readme.indexOf("\n## ", readme.indexOf("## Compatibility") + 1),
);

describe("package metadata", () => {
  it("LICENSE is the MIT text that package.json names, and ships", async () => {
    expect(pkg.license).toBe("MIT");
    expect((await read("LICENSE")).split("\n")[0]).toBe("MIT License");
    expect(pkg.files).toContain("LICENSE");
  });

  it("repository, homepage and bugs point to one GitHub repository", () => {
    const repo = pkg.repository.url.match(/^git\+(https:\/\/github\.com\/[^/]+\/[^/]+)\.git$/)?.[1];
    expect(repo).toBeDefined();
    expect(pkg.homepage).toBe(`${repo}#readme`);
    expect(pkg.bugs.url).toBe(`${repo}/issues`);
  });

  it("CHANGELOG follows Keep a Changelog, with Unreleased and this version", async () => {
    const changelog = await read("CHANGELOG.md");
    expect(changelog).toContain("[Keep a Changelog](https://keepachangelog.com/");
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog).toMatch(
      new RegExp(`^## \\[${pkg.version.replace(/\./g, "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"),
    );
    expect(changelog).toContain(`[${pkg.version}]: `);
  });
});

describe("README Compatibility", () => {
  it("states the engines range of package.json", () => {
    expect(compatibility).toContain(`\`${pkg.engines.node.replace(/\|/g, "\\|")}\``);
  });

  it("names the Node and TypeScript versions the consumer matrix runs", () => {
    for (const version of [...NODE_VERSIONS, ...TYPESCRIPT_VERSIONS])
      expect(compatibility).toContain(version);
    const minimum = TYPESCRIPT_VERSIONS[0]?.split(".").slice(0, 2).join(".");
    expect(compatibility).toContain(`| TypeScript | ${minimum} or newer |`);
  });

  it("each tested Node version is the first of its line in the engines range", () => {
    const lows = [...pkg.engines.node.matchAll(/(\d+)\.(\d+)\.(\d+)/g)].map((m) => m[0]);
    expect(NODE_VERSIONS.filter((v) => lows.includes(v))).toEqual(lows);
  });
});
