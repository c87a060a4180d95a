// scripts/lib/diff/: spec:diff: the rules that judge each change between two specs for users of the client. May import from scripts/lib: shared, spec, conformance, release.
/**
 * spec:diff's verdicts: every change the comparison finds between the base
 * spec and the head, with its rule's level, reason and message (rules.ts),
 * and where it is in the head's source files when that is known.
 */
import type { ChangeCounts } from "../release/bump.js";
import type { Node } from "../conformance/model.js";
import { compareSpecs } from "./compare.js";
import { Doc } from "./doc.js";
import { type Impact, type Reason, ruleOf, ruleTable } from "./rules.js";

export type { Impact, Reason } from "./rules.js";

export interface Change {
  rule: string;
  impact: Impact;
  reason: Reason | null;
  operationId: string;
  /** Where, for people, plain text: `response 200 field data[].name`. */
  where: string;
  /** The rule's message, then what differs: `... (10 -> 5)`. */
  message: string;
  file: string | null;
  line: number | null;
}

export interface DiffResult {
  changes: Change[];
  summary: ChangeCounts;
}

export type Locate = (place: string) => { file: string; line: number } | null;

const ORDER: Record<Impact, number> = { breaking: 0, warning: 1, "non-breaking": 2, docs: 3 };
// Plain code-unit order, not localeCompare: the report must not depend on the machine's locale.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Compares two specs (base, then head: documents, or plain values for tests) and judges every change. */
export function diffSpecs(base: Doc | Node, head: Doc | Node, locate: Locate = () => null): DiffResult {
  return judge(compare(base, head), locate);
}

/**
 * diffSpecs with a locator made only when there is a change to locate
 * (naming file and line needs the YAML library and the head's parse trees):
 * the comparison runs once either way.
 */
export async function diffSpecsLocated(base: Doc | Node, head: Doc | Node, locator: () => Promise<Locate>): Promise<DiffResult> {
  const findings = compare(base, head);
  return judge(findings, findings.length ? await locator() : () => null);
}

const compare = (base: Doc | Node, head: Doc | Node) => compareSpecs(base instanceof Doc ? base : Doc.of(base), head instanceof Doc ? head : Doc.of(head));

function judge(findings: ReturnType<typeof compareSpecs>, locate: Locate): DiffResult {
  const rules = ruleTable();
  const seen = new Set<string>();
  const changes: Change[] = [];
  for (const f of findings) {
    const rule = ruleOf(f.rule, rules);
    const message = f.detail ? `${rule.message} (${f.detail})` : rule.message;
    const key = `${f.rule}|${f.operationId}|${f.where}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = locate(f.pointer);
    changes.push({ rule: rule.id, impact: rule.impact, reason: rule.reason, operationId: f.operationId, where: f.where, message, file: at?.file ?? null, line: at?.line ?? null });
  }
  changes.sort((a, b) => ORDER[a.impact] - ORDER[b.impact] || cmp(a.operationId, b.operationId) || cmp(a.where, b.where) || cmp(a.rule, b.rule) || cmp(a.message, b.message));
  const count = (impact: Impact) => changes.filter((c) => c.impact === impact).length;
  return { changes, summary: { breaking: count("breaking"), warning: count("warning"), nonBreaking: count("non-breaking"), docs: count("docs") } };
}
