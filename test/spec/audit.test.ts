/**
 * spec/AUDIT.md covers every operation of the spec: one section per
 * operationId, each resting on a server file and saying what changed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { operationTable } from "../../generated/operations.js";
import { loadSpecValidator } from "../../scripts/lib/spec/validator.js";
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

  it("lists the success statuses each operation declares now", async () => {
    const { bundled } = await loadSpecValidator();
    const declared = new Map<string, number[]>();
    for (const item of Object.values(bundled.paths as Record<string, Record<string, { operationId?: string; responses?: object }>>)) {
      for (const op of Object.values(item)) {
        if (op?.operationId) declared.set(op.operationId, Object.keys(op.responses ?? {}).map(Number).filter((s) => s >= 200 && s < 400));
      }
    }
    for (const id of operationIds) {
      const ours = /- \*\*Statuses\.\*\* Ours: ([\d, ]+)\./.exec(sections.get(id) ?? "")?.[1]?.split(", ").map(Number) ?? [];
      expect(declared.get(id)?.length, id).toBeGreaterThan(0);
      for (const status of declared.get(id) ?? []) expect(ours, id).toContain(status);
    }
  });

  it("ends with the conformance exceptions the audit added", () => {
    expect([...sections.keys()].at(-1)).toBe("Conformance exceptions this audit added");
    expect(sections.get("Conformance exceptions this audit added")).toContain("| createGroup | response.200 | status-missing |");
  });
});
