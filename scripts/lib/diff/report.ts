/**
 * spec:diff's result for people (Markdown, for a pull-request comment) and
 * for tools (the JSON contract `npm run release` and `ci:pr` read). The bump
 * comes from scripts/lib/release/bump.ts, the one rule for all three.
 */
import { adviseBump, type Bump, nextVersion } from "../release/bump.js";
import type { Change, DiffResult } from "./classify.js";
import type { TypeBreak } from "./type-compat.js";

export interface ReportInput {
  result: DiffResult;
  /** Plain text: `main`, `merge base with main (0123456789)`, a file. */
  baseLabel: string;
  headLabel: string;
  /** The version in the base's package.json. */
  baseVersion: string;
  allowBreaking: boolean;
  typeBreaks?: TypeBreak[];
}

export interface JsonReport {
  base: string;
  head: string;
  baseVersion: string;
  summary: DiffResult["summary"];
  bump: Bump;
  nextVersion: string;
  changes: Change[];
  typeBreaks: TypeBreak[] | null;
}

/** The bump: breaking changes found by `--types` count as breaking too. */
export function bumpOf(input: ReportInput): Bump {
  const summary = input.result.summary;
  return adviseBump({ ...summary, breaking: summary.breaking + (input.typeBreaks?.length ?? 0) }, input.baseVersion);
}

export function toJson(input: ReportInput): JsonReport {
  const bump = bumpOf(input);
  return {
    base: input.baseLabel,
    head: input.headLabel,
    baseVersion: input.baseVersion,
    summary: input.result.summary,
    bump,
    nextVersion: nextVersion(input.baseVersion, bump),
    changes: input.result.changes,
    typeBreaks: input.typeBreaks ?? null,
  };
}

/** One change as the Markdown report prints it (after the list's "- "). */
export const formatChange = (c: Change) => `\`${c.operationId}\` ${c.where}: ${c.message} [${c.rule}]`;
const line = (c: Change) => `- ${formatChange(c)}`;

export function formatMarkdown(input: ReportInput): string {
  const { result, baseLabel, headLabel, baseVersion, allowBreaking, typeBreaks } = input;
  const of = (impact: Change["impact"]) => result.changes.filter((c) => c.impact === impact);
  const [breaking, warnings, additive, docs] = [of("breaking"), of("warning"), of("non-breaking"), of("docs")];
  const out = [`## API changes: ${baseLabel} -> ${headLabel}`, ""];
  if (result.changes.length === 0 && !typeBreaks?.length) {
    out.push("No change a client user can notice.");
    return out.join("\n");
  }
  const bump = bumpOf(input);
  const next = nextVersion(baseVersion, bump);
  // Before 1.0.0 (a breaking change or an addition always bumps something).
  const early = baseVersion.startsWith("0.") && (breaking.length > 0 || additive.length > 0);
  out.push(
    `**${breaking.length} breaking, ${warnings.length} warning(s), ${additive.length} non-breaking, ${docs.length} documentation.** ` +
      `Suggested version bump: **${bump}** (${baseVersion} -> ${next}${early ? ", before 1.0.0 a breaking change bumps the minor and an addition the patch" : ""}).`,
  );
  if (breaking.length) {
    out.push("", `### Breaking (${breaking.length})`);
    const reasons = [
      ["types", "code that compiled no longer compiles"],
      ["requests", "it compiles, the server now refuses or answers differently"],
      ["responses", "a value the caller read can no longer be read"],
    ] as const;
    for (const [reason, meaning] of reasons) {
      const some = breaking.filter((c) => c.reason === reason);
      if (some.length) out.push("", `#### ${reason}: ${meaning} (${some.length})`, "", ...some.map(line));
    }
  }
  if (typeBreaks?.length) {
    out.push("", `### Consumer code of the base that no longer compiles (${typeBreaks.length})`, "");
    for (const b of typeBreaks) out.push(`- ${b.file}:${b.line}: ${b.message}`);
  }
  if (breaking.length || typeBreaks?.length) {
    out.push("", allowBreaking ? "Breaking changes allowed by `--allow-breaking`." : "Fails: a breaking change needs `npm run spec:diff -- --allow-breaking` and the bump above.");
  }
  if (warnings.length) out.push("", `### Warnings (${warnings.length})`, "", ...warnings.map(line));
  if (additive.length) out.push("", `### Non-breaking (${additive.length})`, "", ...additive.map(line));
  if (docs.length) {
    // Description edits of a shared schema show up under every operation using it: one line per operation, with its rules.
    const byOp = new Map<string, Map<string, number>>();
    for (const c of docs) {
      const rules = byOp.get(c.operationId) ?? new Map<string, number>();
      rules.set(c.rule, (rules.get(c.rule) ?? 0) + 1);
      byOp.set(c.operationId, rules);
    }
    const total = (rules: Map<string, number>) => [...rules.values()].reduce((a, n) => a + n, 0);
    out.push(
      "",
      `### Documentation (${docs.length})`,
      "",
      `<details><summary>${docs.length} documentation change(s) in ${byOp.size} operation(s)</summary>`,
      "",
      ...[...byOp].map(([op, rules]) => `- \`${op}\`: ${total(rules)} (${[...rules].map(([rule, n]) => `${rule} ${n}`).join(", ")})`),
      "",
      "</details>",
    );
  }
  return out.join("\n");
}
