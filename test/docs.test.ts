/**
 * README.md and docs/*.md stay true: every path they name exists, every link
 * and anchor resolves, every `npm run X` is a script, and every measured
 * figure is the one bench/results.json holds (marked, filled by
 * `npm run docs:figures`), never a number typed by hand.
 */
import { readdir, readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Results } from "../bench/report.js";
import { documentationFiles, fillFigures, figureValues, formatValue, strayMeasurements } from "../scripts/lib/docs/figures.js";
import { anchors, brokenReferences, namedPaths, npmScripts } from "./helpers/markdown.js";
import { repoRoot } from "./helpers/run.js";

const pages = await documentationFiles(repoRoot);
const texts = new Map(await Promise.all(pages.map(async (p) => [p, await readFile(join(repoRoot, p), "utf8")] as const)));
const results = JSON.parse(await readFile(join(repoRoot, "bench/results.json"), "utf8")) as Results;
const scripts = Object.keys((JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
const anchorsOf = (file: string) => anchors(texts.get(file) ?? readFileSync(join(repoRoot, file), "utf8"));

describe("README.md and docs/", () => {
  it("are README.md and the maintainers' pages", () => {
    expect(pages).toContain("README.md");
    expect(pages).toContain("docs/maintaining.md");
  });

  it.each(pages)("%s: every figure is the one bench/results.json holds", (page) => {
    const filled = fillFigures(texts.get(page) ?? "", figureValues(results));
    expect(filled.unknown, "figure names are listed in scripts/lib/docs/figures.ts").toEqual([]);
    expect(filled.changed, "run `npm run docs:figures`").toEqual([]);
  });

  it.each(pages)("%s: no measurement typed by hand", (page) => {
    expect(strayMeasurements(texts.get(page) ?? ""), "mark it <!-- figure:NAME -->...<!-- /figure -->, or write a setting in words or as code").toEqual([]);
  });

  it.each(pages)("%s: every path, link and anchor exists", (page) => {
    expect(brokenReferences(repoRoot, page, texts.get(page) ?? "", anchorsOf)).toEqual([]);
  });

  it.each(pages)("%s: every `npm run X` is a script of package.json", (page) => {
    expect(npmScripts(texts.get(page) ?? "").filter((s) => !scripts.includes(s))).toEqual([]);
  });

  it("README.md stays short enough to read in five minutes, and links the maintainers' guide", () => {
    const readme = texts.get("README.md") ?? "";
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(20_000);
    expect(readme).toContain("](docs/maintaining.md)");
  });
});

describe("the checks themselves", () => {
  const values = new Map([["size.client.gzip", "13,563 B"]]);

  it.each([
    ["a current figure", "<!-- figure:size.client.gzip -->13,563 B<!-- /figure -->", { unknown: [], changed: [] }],
    ["a stale figure", "<!-- figure:size.client.gzip -->12,000 B<!-- /figure -->", { unknown: [], changed: ["size.client.gzip: 12,000 B -> 13,563 B"] }],
    ["an unknown name", "<!-- figure:size.nope -->1 B<!-- /figure -->", { unknown: ["size.nope"], changed: [] }],
  ])("fillFigures: %s", (_name, given, want) => {
    const { unknown, changed } = fillFigures(given, values);
    expect({ unknown, changed }).toEqual(want);
  });

  it.each([
    ["a size in prose", "the client is 13,563 B gzip", ["13,563 B"]],
    ["a time and a ratio", "it takes 64.3 s, 1.12× the anchor", ["64.3 s", "1.12×"]],
    ["a marked figure", "<!-- figure:x -->13,563 B<!-- /figure --> gzip", []],
    ["code spans, code blocks and words", "`timeoutMs: 5000 ms` and 60 seconds\n```sh\nsleep 5 s\n```\n", []],
    ["names that end in a digit", "Node 20, TypeScript 5.4, OAuth 2.0", []],
  ])("strayMeasurements: %s", (_name, given, want) => {
    expect(strayMeasurements(given)).toEqual(want);
  });

  it.each([
    [9048, "B", "9,048 B"],
    [64289, "ms", "64.3 s"],
    [548, "ms", "548 ms"],
    [10.9, "MiB", "10.9 MiB"],
    [1.116, "×", "1.12×"],
  ])("formatValue(%s, %s) is %s", (value, unit, want) => {
    expect(formatValue(value, unit)).toBe(want);
  });

  it("finds named paths and skips placeholders, globs, imports, package subpaths and HTML comments", () => {
    const text =
      "See `scripts/lib/docs/figures.ts`, spec/components/schemas/<Name>.yaml, `test/**`, `airbyte-api-client/connectors`.\n" +
      "<!-- create: spec/paths/new.yaml -->\n```ts\nimport x from \"./src/index.js\";\n```\n";
    expect(namedPaths(text, ["scripts", "spec", "test", "src"])).toEqual(["scripts/lib/docs/figures.ts"]);
  });

  it("reports a missing path, a missing file link and a missing anchor", () => {
    const text = "# Title\n`scripts/nope.ts`, [a](docs/nope.md), [b](#no-such-heading), [c](#title), [d](bench/results.md)\n";
    expect(brokenReferences(repoRoot, "README.md", text, (f) => (f === "README.md" ? anchors(text) : new Set()))).toEqual([
      "README.md: names `scripts/nope.ts`, which does not exist",
      "README.md: links to docs/nope.md, which does not exist",
      "README.md: links to #no-such-heading, a heading that does not exist",
    ]);
  });

  it("makes GitHub's anchors, numbering repeats", () => {
    expect([...anchors("## How `npm test` stays quick\n## Errors, retries and timeouts\n## Errors, retries and timeouts\n")]).toEqual([
      "how-npm-test-stays-quick",
      "errors-retries-and-timeouts",
      "errors-retries-and-timeouts-1",
    ]);
  });
});

describe("what the commands print", () => {
  // Internal words (tracker numbers) mean nothing to a user reading a command's output.
  it("no script under scripts/ prints an issue number", async () => {
    const files = (await readdir(join(repoRoot, "scripts"), { recursive: true })).filter((f) => /\.(ts|mjs|js)$/.test(f));
    const found: string[] = [];
    for (const file of files) {
      const code = await readFile(join(repoRoot, "scripts", file), "utf8");
      code.split("\n").forEach((line, i) => {
        if (/^\s*(\*|\/\/|\/\*)/.test(line)) return;
        if (/["'`][^"'`]*\bissues? #?\d+/i.test(line)) found.push(`scripts/${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
