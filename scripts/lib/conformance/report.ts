/** The conformance result as text for people. */
import type { ConformanceResult } from "./model.js";

export function formatReport(result: ConformanceResult, oursLabel: string): string {
  const lines: string[] = [];
  const { operations: ops } = result;
  lines.push(`Conformance of ${oursLabel} to ${result.provider.file}${result.provider.title ? ` (${result.provider.title} ${result.provider.version ?? ""})`.replace(/ \)$/, ")") : ""}`);
  lines.push(`Operations: ${ops.matched} matched, ${ops.missing.length} missing from ours, ${ops.extra.length} only in ours`);
  lines.push(`Differences: ${result.unexplained} unexplained, ${result.explained} explained by exceptions`);
  const unexplained = result.differences.filter((d) => !d.explainedBy && d.kind !== "provider-dangling-ref");
  if (unexplained.length) {
    lines.push("", "Unexplained differences (fix the spec, or add an exception with its reason to spec/conformance-exceptions.yaml):");
    const byOp = new Map<string, typeof unexplained>();
    for (const d of unexplained) byOp.set(d.operationId, [...(byOp.get(d.operationId) ?? []), d]);
    for (const [op, list] of byOp) {
      lines.push(`  ${op}`);
      for (const d of list) lines.push(`    ${d.id.slice(op.length + 1)}  (${d.detail})`);
    }
  }
  const byException = new Map<string, number>();
  for (const d of result.differences) if (d.explainedBy) byException.set(d.explainedBy, (byException.get(d.explainedBy) ?? 0) + 1);
  if (byException.size) {
    lines.push("", "Explained by exceptions:");
    for (const [match, n] of [...byException].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(4)}  ${match}`);
  }
  if (ops.extra.length) lines.push("", `Only in ours (${ops.extra.length}, not a failure): ${ops.extra.join(", ")}`);
  if (result.staleExceptions.length) {
    lines.push("", `Exceptions that matched nothing here (${result.staleExceptions.length}; fine when they serve another provider file):`);
    for (const e of result.staleExceptions) lines.push(`  ${e.match}`);
  }
  if (result.providerDefects.length) {
    lines.push("", "Defects of the provider's file (not counted against us):");
    for (const d of result.providerDefects) lines.push(`  ${d}`);
  }
  lines.push("", result.unexplained === 0 ? "OK: every difference is explained." : `FAIL: ${result.unexplained} unexplained difference(s).`);
  return lines.join("\n");
}
