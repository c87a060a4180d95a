/** The contract check's report as Markdown (for people) or JSON (for tools). */
import type { ContractReport, Difference } from "./run.js";

/** Differences that mean the spec is wrong about the server (notes do not count). */
export function differenceCount(report: ContractReport): number {
  return report.calls.reduce((n, call) => n + call.differences.length, 0);
}

export function formatMarkdown(report: ContractReport): string {
  const out: string[] = [`# Contract check against ${report.baseUrl}`, ""];
  const differing = report.calls.filter((c) => c.differences.length > 0).length;
  out.push(`${report.calls.length} calls, ${differing} with differences (${differenceCount(report)} in all), ${report.skipped.length} operations skipped.`, "");
  out.push("| operation | request | status | differences |", "| --- | --- | --- | --- |");
  for (const call of report.calls) {
    out.push(`| ${call.operationId} | \`${call.request}\` | ${call.status || "none"} | ${call.differences.length || "none"} |`);
  }
  const byOperation = new Map<string, Array<{ request: string; item: Difference; note: boolean }>>();
  for (const call of report.calls) {
    const list = byOperation.get(call.operationId) ?? [];
    for (const item of call.differences) list.push({ request: call.request, item, note: false });
    for (const item of call.notes) list.push({ request: call.request, item, note: true });
    if (list.length) byOperation.set(call.operationId, list);
  }
  for (const [operationId, items] of byOperation) {
    out.push("", `## ${operationId}`, "");
    for (const { request, item, note } of items) {
      out.push(`- ${note ? "note, " : ""}${item.kind} at \`${item.pointer || "/"}\` (${request}): ${escapeCell(item.message)}`);
    }
  }
  if (report.skipped.length) {
    out.push("", "## Not called", "");
    for (const s of report.skipped) out.push(`- ${s.operationId}: ${s.reason}`);
  }
  return `${out.join("\n")}\n`;
}

export function formatJson(report: ContractReport): string {
  return `${JSON.stringify({ ...report, differences: differenceCount(report) }, null, 2)}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}
