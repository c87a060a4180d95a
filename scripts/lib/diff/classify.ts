// scripts/lib/diff/: spec:diff: the rules that judge each change between two specs for users of the client. May import from scripts/lib: shared, spec, conformance, release.
/**
 * spec:diff's verdicts: each difference the comparison engine finds between
 * the base spec and the working tree, judged by what it does to code written
 * against the generated client. The engine speaks of "ours" (the working
 * tree) and "theirs" (the base); here that becomes "now" and "before".
 */
import { compareOperations } from "../conformance/compare-operations.js";
import type { Difference, Node } from "../conformance/model.js";

export type Impact = "breaking" | "non-breaking" | "docs";

export interface Change {
  impact: Impact;
  operationId: string;
  /** Where, for people: `response 200 field \`data[].name\``. */
  where: string;
  /** What happened, in a few words: `removed`, `now required`. */
  what: string;
  /** The engine's id (stable; the same one conformance exceptions match). */
  id: string;
}

export type Bump = "major" | "minor" | "patch" | "none";

export interface DiffResult {
  changes: Change[];
  breaking: number;
  bump: Bump;
}

type Side = "request" | "response" | "operation";

function sideOf(location: string): Side {
  if (location.startsWith("param.") || location.startsWith("request.")) return "request";
  if (location.startsWith("response.")) return "response";
  return "operation";
}

/** `response.200.body.data[].name` -> "response 200 field `data[].name`". */
export function describeLocation(location: string): string {
  const param = /^param\.(\w+)\.(.+)$/.exec(location);
  if (param) return `${param[1]} parameter \`${param[2]}\``;
  const response = /^response\.([^.]+)(?:\.body(?:\.(.+))?)?$/.exec(location);
  if (response) return response[2] ? `response ${response[1]} field \`${response[2]}\`` : location.endsWith(".body") ? `response ${response[1]} body` : `response ${response[1]}`;
  const request = /^request\.body(?:\.(.+))?$/.exec(location);
  if (request) return request[1] ? `request field \`${request[1]}\`` : "request body";
  return location;
}

const isSuccess = (location: string) => /^response\.[23]/.test(location);
const list = (values: string[] | undefined) => (values?.length ? values.join(" | ") : "none");

/** The verdict and the words for one difference; `undefined` for what a consumer cannot notice. */
function judge(d: Difference): { impact: Impact; what: string } | undefined {
  const side = sideOf(d.location);
  const [kind = "", value] = d.kind.split(/:(.*)/s);
  const f = d.facts ?? {};
  const breakingIf = (condition: boolean, what: string) => ({ impact: condition ? ("breaking" as const) : ("non-breaking" as const), what });
  switch (kind) {
    case "operationId-differs":
      return { impact: "breaking", what: `operationId renamed ${list(f.theirs)} -> ${list(f.ours)} (the client method is renamed)` };
    case "tag-differs":
      return { impact: "breaking", what: `moved from group ${list(f.theirs)} to ${list(f.ours)} (the client method moves)` };
    case "security-tightened":
      return { impact: "breaking", what: `security tightened (${d.detail})` };
    case "security-loosened":
      return { impact: "non-breaking", what: `security loosened (${d.detail})` };
    case "param-missing":
      return { impact: "breaking", what: "removed" };
    case "param-added":
      return breakingIf(f.required === true, f.required ? "added, required" : "added, optional");
    case "body-missing":
      return { impact: "breaking", what: "removed" };
    case "body-added":
      return breakingIf(f.required === true, f.required ? "added, required" : "added, optional");
    case "property-missing":
      return { impact: "breaking", what: "removed (or renamed)" };
    case "property-added":
      return side === "request" ? breakingIf(f.required === true, f.required ? "added, required" : "added, optional") : { impact: "non-breaking", what: "added" };
    case "required-added":
      return side === "request" ? { impact: "breaking", what: "now required" } : { impact: "non-breaking", what: "now always present" };
    case "required-removed":
      return side === "request" ? { impact: "non-breaking", what: "now optional" } : { impact: "breaking", what: "now optional: it may be missing" };
    case "type-differs": {
      // Widening what a request accepts, or narrowing what a response sends, leaves callers' code valid.
      const before = new Set(f.theirs ?? []);
      const now = new Set(f.ours ?? []);
      const widened = [...before].every((t) => now.has(t));
      const narrowed = [...now].every((t) => before.has(t));
      const ok = side === "request" ? widened : narrowed;
      return breakingIf(!ok, `type changed from ${list(f.theirs)} to ${list(f.ours)}`);
    }
    case "nullable-added":
      return breakingIf(side !== "request", "now nullable");
    case "nullable-removed":
      return breakingIf(side === "request", "no longer nullable");
    case "format-differs":
      return breakingIf(side === "request" ? (f.ours?.length ?? 0) > 0 : (f.theirs?.length ?? 0) > 0, `format changed from ${list(f.theirs)} to ${list(f.ours)}`);
    case "enum-value-missing":
      return breakingIf(side === "request", `enum value \`${value}\` removed`);
    case "enum-value-added":
      return breakingIf(side === "response" && f.open !== true, `enum value \`${value}\` added${side === "response" ? (f.open ? " (open enum)" : " to a closed enum") : ""}`);
    case "enum-removed":
      return breakingIf(side === "response", "no longer an enum: any value");
    case "enum-added":
      return breakingIf(side === "request", "now restricted to an enum");
    case "enum-open":
      return breakingIf(side === "response", "enum now open (any string)");
    case "enum-closed":
      return breakingIf(side === "request", "enum now closed");
    case "additional-properties-differs":
      return breakingIf(side === "request" && f.ours?.[0] === "closed", `additional properties now ${f.ours?.[0] ?? "?"}`);
    case "composition-differs":
    case "composition-keyword-differs":
    case "composition-variants-differ":
      return { impact: "breaking", what: `composition changed (${d.detail.replace("provider", "before")})` };
    case "schema-missing":
      return breakingIf(side !== "request", "schema removed");
    case "schema-added":
      return breakingIf(side === "request", "schema added");
    case "status-missing":
      return breakingIf(isSuccess(d.location), isSuccess(d.location) ? "success status removed" : "error status no longer declared");
    case "status-added":
      return { impact: "non-breaking", what: "status added" };
    case "content-type-removed":
      return breakingIf(d.location.startsWith("request") || isSuccess(d.location), `content type \`${value}\` removed`);
    case "content-type-added":
      return { impact: "non-breaking", what: `content type \`${value}\` added` };
    case "description-changed":
      return { impact: "docs", what: "description changed" };
    case "deprecated-added":
      return { impact: "docs", what: "deprecated" };
    case "deprecated-removed":
      return { impact: "docs", what: "no longer deprecated" };
    case "provider-dangling-ref":
      return { impact: "breaking", what: `the base spec has a dangling $ref (${d.detail})` };
    default:
      // A kind this table does not know yet: count it as breaking rather than let it pass unseen.
      return { impact: "breaking", what: `${d.kind}: ${d.detail}` };
  }
}

/**
 * A success status removed while another success status appears on the same
 * operation is one change to a reader ("200 became 201"), not an unexplained
 * removal: both lines say what replaced what. Ids stay the engine's.
 */
function nameStatusSwaps(changes: Change[], differences: Difference[]): void {
  const statusOf = (location: string) => /^response\.([^.]+)$/.exec(location)?.[1];
  const successes = (kind: string, operationId: string) =>
    differences.filter((d) => d.kind === kind && d.operationId === operationId && isSuccess(d.location)).map((d) => statusOf(d.location) ?? "");
  for (const change of changes) {
    const status = /^response (\S+)$/.exec(change.where)?.[1];
    if (!status || !/^[23]/.test(status)) continue;
    if (change.what === "success status removed") {
      const now = successes("status-added", change.operationId);
      if (now.length) change.what = `success status removed: it answers ${now.join(" | ")} instead`;
    } else if (change.what === "status added") {
      const before = successes("status-missing", change.operationId);
      if (before.length) change.what = `status added, in place of ${before.join(" | ")}`;
    }
  }
}

/** Compares two bundled documents (base, then the working tree) and judges every change. */
export function diffSpecs(base: Node, head: Node): DiffResult {
  const comparison = compareOperations(head, base, { diff: true });
  const changes: Change[] = [];
  for (const d of comparison.differences) {
    if (d.kind === "missing") {
      changes.push({ impact: "breaking", operationId: d.operationId, where: "operation", what: `removed (${d.detail.split(" is in")[0]})`, id: d.id });
      continue;
    }
    const verdict = judge(d);
    if (verdict) changes.push({ ...verdict, operationId: d.operationId, where: describeLocation(d.location), id: d.id });
  }
  nameStatusSwaps(changes, comparison.differences);
  for (const extra of comparison.extra) {
    const [, operationId = extra, key = ""] = /^(.*) \((.*)\)$/.exec(extra) ?? [];
    changes.push({ impact: "non-breaking", operationId, where: "operation", what: `added (${key})`, id: `${operationId} operation added` });
  }
  const order: Record<Impact, number> = { breaking: 0, "non-breaking": 1, docs: 2 };
  // Plain code-unit order, not localeCompare: the report must not depend on the machine's locale.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  changes.sort((a, b) => order[a.impact] - order[b.impact] || cmp(a.operationId, b.operationId) || cmp(a.id, b.id));
  const breaking = changes.filter((c) => c.impact === "breaking").length;
  const bump: Bump = breaking ? "major" : changes.some((c) => c.impact === "non-breaking") ? "minor" : changes.length ? "patch" : "none";
  return { changes, breaking, bump };
}
