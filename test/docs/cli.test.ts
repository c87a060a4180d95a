/**
 * `npm run docs` writes an HTML reference that loads nothing from another
 * origin: Redoc's CDN logo and icon URLs are made local, and a page that
 * would still load from the network is refused. (Rendering it in Chromium,
 * offline, is test/browser/docs.consumer.ts.)
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteLoads, selfContained } from "../../scripts/lib/docs/self-contained.js";
import { repoRoot, runScript } from "../helpers/run.js";

describe("npm run docs", () => {
  let dir: string;
  let html: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "airbyte-docs-page-"));
    const out = join(dir, "reference.html");
    const result = await runScript("docs.ts", ["--out", out]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    html = await readFile(out, "utf8");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes one page that names no CDN and loads nothing from another origin", () => {
    expect(html.length).toBeGreaterThan(100_000);
    expect(html).toContain("InitiateOauthRequest");
    expect(remoteLoads(html)).toEqual([]);
    expect(html).not.toMatch(/cdn\.redoc/);
    // The attribution logo is still there, as an inline image.
    expect(html).toContain("data:image/svg+xml,%3Csvg");
  });

  it("refuses unknown arguments before building anything", async () => {
    const result = await runScript("docs.ts", ["--output", "x.html"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: npm run docs -- [--out <file.html>]");
  });
});

describe("npm run docs:figures", () => {
  it("--check passes on the committed pages and writes nothing", async () => {
    const before = await readFile(join(repoRoot, "README.md"), "utf8");
    const result = await runScript("docs-figures.ts", ["--check"]);
    expect(result.stdout).toContain("Every figure matches bench/results.json.");
    expect(result.code).toBe(0);
    expect(await readFile(join(repoRoot, "README.md"), "utf8")).toBe(before);
  });

  it("refuses unknown arguments", async () => {
    const result = await runScript("docs-figures.ts", ["--fix"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: npm run docs:figures [-- --check]");
  });
});

describe("selfContained", () => {
  it.each([
    ["a CDN logo in the script", "x={src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`}", /^x=\{src:e\?`data:image\/svg\+xml,[^`]+`:`data:image\/svg\+xml,[^`]+`\}$/],
    ["an icon set's base URL", 'Zo={"font-awesome":`https://cdn.redocly.com/icons/fa/7.0.0`}', /^Zo=\{"font-awesome":``\}$/],
    ["a link the reader clicks", '<a href="https://redocly.com/redoc/">API docs by</a>', /^<a href="https:\/\/redocly\.com\/redoc\/">API docs by<\/a>$/],
  ])("makes %s local or leaves it", (_name, given, want) => {
    expect(selfContained(given)).toMatch(want);
  });

  it.each([
    ["a stylesheet", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">', "https://fonts.googleapis.com/css?family=Roboto"],
    ["an image", '<img src="https://example.com/logo.png">', "https://example.com/logo.png"],
    ["a CSS url()", "body{background:url('https://example.com/bg.png')}", "https://example.com/bg.png"],
    ["a CSS @import", '<style>@import "https://example.com/x.css";</style>', "https://example.com/x.css"],
  ])("refuses %s from another origin, naming it", (_name, given, url) => {
    expect(() => selfContained(given)).toThrow(url);
  });
});
