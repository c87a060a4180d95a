/**
 * spec/AUDIT.md covers every operation of the spec: one section per
 * operationId, each resting on a server file and saying what changed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { operationTable } from "../../generated/operations.js";
import { repoRoot } from "../helpers/run.js";

const audit = readFileSync(join(repoRoot, "spec", "AUDIT.md"), "utf8");
const sections = new Map(
  audit
    .split(/^## /m)
    .slice(1)
    .map((chunk) => [chunk.slice(0, chunk.indexOf("\n")).trim(), chunk] as const),
);
const operationIds = Object.keys(operationTable).sort();

describe("spec/AUDIT.md", () => {
  it("has a section for every operation of the spec, and none for an operation it lacks", () => {
    expect(operationIds).toHaveLength(92);
    expect(operationIds.filter((id) => !sections.has(id))).toEqual([]);
    const nonOperations = ["What holds for every operation", "Operations", "Conformance exceptions this audit added"];
    expect([...sections.keys()].filter((title) => !operationIds.includes(title) && !nonOperations.includes(title))).toEqual([]);
  });

  it.each(operationIds)("%s: names its method and path, a server file and line, and what changed", (id) => {
    const section = sections.get(id) ?? "";
    const spec = operationTable[id as keyof typeof operationTable];
    expect(section).toContain(`\`${spec.method} ${spec.path}\``);
    expect(section).toMatch(/\.(kt|ya?ml):\d+/);
    expect(section).toMatch(/- \*\*Statuses\.\*\* Ours: [\d, ]+\./);
    expect(section).toMatch(/- \*\*Spec changed:\*\* .+/);
  });

  it("lists the statuses each operation declares now", () => {
    for (const id of operationIds) {
      const spec = operationTable[id as keyof typeof operationTable];
      const ours = /- \*\*Statuses\.\*\* Ours: ([\d, ]+)\./.exec(sections.get(id) ?? "")?.[1]?.split(", ").map(Number) ?? [];
      expect(ours, id).toContain(spec.success.status);
    }
  });

  it("ends with the conformance exceptions the audit added", () => {
    expect([...sections.keys()].at(-1)).toBe("Conformance exceptions this audit added");
    expect(sections.get("Conformance exceptions this audit added")).toContain("| createGroup | response.200 | status-missing |");
  });
});
