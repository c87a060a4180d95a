/** spec:diff's result as Markdown for a pull-request comment, one line per change. */
import type { Bump, Change, DiffResult } from "./classify.js";
import type { TypeBreak } from "./type-compat.js";

/** The next version for a bump. Before 1.0.0 a breaking change bumps the minor (semver's rule for 0.x). */
export function nextVersion(version: string, bump: Bump): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m || bump === "none") return version;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (bump === "major") return major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  if (bump === "minor") return major === 0 ? `0.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** One change as the report prints it (after the list's "- "). */
export const formatChange = (c: Change) => `\`${c.operationId}\` ${c.where}: ${c.what}`;
const line = (c: Change) => `- ${formatChange(c)}`;

export interface MarkdownInput {
  result: DiffResult;
  baseLabel: string;
  headLabel: string;
  version: string;
  allowBreaking: boolean;
  typeBreaks?: TypeBreak[];
}

export function formatMarkdown({ result, baseLabel, headLabel, version, allowBreaking, typeBreaks }: MarkdownInput): string {
  const breaking = result.changes.filter((c) => c.impact === "breaking");
  const additive = result.changes.filter((c) => c.impact === "non-breaking");
  const docs = result.changes.filter((c) => c.impact === "docs");
  const out = [`## API changes: ${baseLabel} -> ${headLabel}`, ""];
  if (result.changes.length === 0 && !typeBreaks?.length) {
    out.push("No change a client user can notice.");
    return out.join("\n");
  }
  const next = nextVersion(version, result.bump);
  out.push(
    `**${breaking.length} breaking, ${additive.length} non-breaking, ${docs.length} documentation.** ` +
      `Suggested version bump: **${result.bump}** (${version} -> ${next}${version.startsWith("0.") && (result.bump === "major" || result.bump === "minor") ? `: before 1.0.0 a ${result.bump} change bumps the ${result.bump === "major" ? "minor" : "patch"}` : ""}).`,
  );
  if (breaking.length) out.push("", `### Breaking (${breaking.length})`, "", ...breaking.map(line));
  if (typeBreaks?.length) {
    out.push("", `### Consumer code of the base that no longer compiles (${typeBreaks.length})`, "");
    for (const b of typeBreaks) out.push(`- ${b.file}:${b.line}: ${b.message}`);
  }
  if (breaking.length || typeBreaks?.length) {
    out.push("", allowBreaking ? "Breaking changes allowed by `--allow-breaking`." : "Fails: a breaking change needs `npm run spec:diff -- --allow-breaking` and a major bump.");
  }
  if (additive.length) out.push("", `### Non-breaking (${additive.length})`, "", ...additive.map(line));
  if (docs.length) {
    // Description edits of a shared schema show up under every operation using it: one line per operation.
    const byOp = new Map<string, number>();
    for (const c of docs) byOp.set(c.operationId, (byOp.get(c.operationId) ?? 0) + 1);
    out.push(
      "",
      `### Documentation (${docs.length})`,
      "",
      `<details><summary>${docs.length} description or deprecation change(s) in ${byOp.size} operation(s)</summary>`,
      "",
      ...[...byOp].map(([op, n]) => `- \`${op}\`: ${n}`),
      "",
      "</details>",
    );
  }
  return out.join("\n");
}
