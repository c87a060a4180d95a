/**
 * Lints a small spec folder written by a test, in this process (as `npm run
 * lint:spec` does, through scripts/lib/spec/redocly.ts), so that mutation
 * testing sees which test reaches which line of a rule. With `rules`, the
 * folder gets its own redocly.yaml holding only those rules of our plugin,
 * configured as given (to test a rule's defaults, which redocly.yaml always
 * overrides).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll } from "vitest";
import { lintSpec } from "../../scripts/lib/spec/redocly.js";
import { repoRoot } from "../helpers/run.js";

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

export interface Found {
  /** The file the problem is in, relative to the spec folder. */
  file: string;
  line: number | undefined;
  message: string;
}

export interface Linted {
  /** The problems of `rule`, in the order lint reports them. */
  mine: Found[];
  /** Every problem's rule. */
  rules: string[];
  /** 1-based line of the first line of `file` (at or after line `after`) that contains `text`. */
  lineOf(text: string, file?: string, after?: number): number;
}

/**
 * Writes `files` (paths relative to the spec folder; the root is openapi.yaml)
 * and lints the root with redocly.yaml, or with a redocly.yaml of `rules`
 * only (YAML text of the `rules:` map, indented by two spaces).
 */
export async function lintFolder(rule: string, files: Record<string, string>, rules?: string): Promise<Linted> {
  const root = await mkdtemp(join(tmpdir(), "airbyte-lint-"));
  roots.push(root);
  const spec = join(root, "spec");
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(spec, file)), { recursive: true });
    await writeFile(join(spec, file), text);
  }
  let config: string | undefined;
  if (rules !== undefined) {
    config = join(root, "redocly.yaml");
    await writeFile(config, `plugins:\n  - ${JSON.stringify(join(repoRoot, "scripts/lint/airbyte-rules.js"))}\nrules:\n${rules}`);
  }
  const problems = await lintSpec(join(spec, "openapi.yaml"), config);
  return {
    mine: problems
      .filter((p) => p.rule === `airbyte/${rule}`)
      .map((p) => ({ file: relative(spec, resolve(p.file)).split("\\").join("/"), line: p.line, message: p.message })),
    rules: problems.map((p) => p.rule),
    lineOf(text, file = "openapi.yaml", after = 0) {
      const lines = (files[file] ?? "").split("\n");
      const index = lines.findIndex((l, i) => i >= after && l.includes(text));
      if (index < 0) throw new Error(`${file} has no line with ${JSON.stringify(text)}`);
      return index + 1;
    },
  };
}

/** A root document: `info.title` `title`, the root `tags` named, then `rest` (YAML text of `paths:` and what follows). */
export function rootDocument(rest: string, { title = "Fixture", tags = ["Things"] }: { title?: string; tags?: string[] } = {}): string {
  const tagList = tags.length ? `tags:\n${tags.map((t) => `  - name: ${t}\n    description: ${t}.\n`).join("")}` : "";
  return `openapi: 3.1.0\ninfo:\n  title: ${title}\n  version: 1.0.0\nservers:\n  - url: https://api.fixture.test/v1\n${tagList}${rest}`;
}
