/**
 * `npm run lint:spec`: the spec linted in this process (redocly.ts, the same
 * engine and configuration as generate), printed for people or for GitHub
 * Actions. Problems of our own rules point to their documentation in
 * scripts/lint/RULES.md (Redocly has no page for a plugin's rule).
 */
import { relative } from "node:path";
import { lintSpec } from "./redocly.js";
import { redoclyConfig, repoRoot } from "../shared/paths.js";
import type { SpecProblem } from "./error.js";

export const FORMATS = ["stylish", "github-actions", "json"] as const;
export type LintFormat = (typeof FORMATS)[number];

/** GitHub's heading anchor: lower case, punctuation other than `-` dropped, spaces to `-`. */
export function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Where a rule is documented, relative to the repository root; undefined for Redocly's own. */
export function ruleDocs(rule: string): string | undefined {
  return rule.startsWith("airbyte/") ? `scripts/lint/RULES.md#${githubSlug(rule)}` : undefined;
}

/** `%`, CR and LF escaped as the workflow command syntax requires; `,` and `:` too in properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function formatProblems(problems: readonly SpecProblem[], format: LintFormat, specLabel: string): string {
  if (format === "json") return JSON.stringify({ problems: problems.map((p) => ({ ...p, docs: ruleDocs(p.rule) })) }, null, 2);
  const errors = problems.filter((p) => p.severity === "error").length;
  const total = `${specLabel}: ${errors} error(s), ${problems.length - errors} warning(s).`;
  if (format === "github-actions") {
    const lines = problems.map((p) => {
      const props = [`file=${escapeProperty(p.file)}`];
      if (p.line !== undefined) props.push(`line=${p.line}`);
      if (p.column !== undefined) props.push(`col=${p.column}`);
      props.push(`title=${escapeProperty(p.rule)}`);
      const docs = ruleDocs(p.rule);
      const message = docs ? `${p.message} (see ${docs})` : p.message;
      return `::${p.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(message)}`;
    });
    return [...lines, total].join("\n");
  }
  const lines = problems.map((p) => {
    const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(":");
    const docs = ruleDocs(p.rule);
    return `${where}  ${p.severity}  ${p.message}  [${p.rule}]${docs ? `\n    see ${docs}` : ""}`;
  });
  return [...lines, problems.length ? total : `${specLabel}: no problems.`].join("\n");
}

/**
 * Lints `spec` and prints the problems in `format` on stdout.
 * @returns the exit code: 0 without problems, 1 with any (the spec must lint clean)
 */
export async function runLint(spec: string, format: LintFormat, configPath = redoclyConfig): Promise<number> {
  const problems = await lintSpec(spec, configPath);
  const label = relative(process.cwd(), spec) || relative(repoRoot, spec);
  console.log(formatProblems(problems, format, label));
  return problems.length ? 1 : 0;
}
