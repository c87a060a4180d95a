/**
 * spec:diff's verdicts, table-driven over test/spec-diff/fixtures/: every
 * fixture pair is diffed in both directions (base -> head, then head -> base)
 * with the function the CLI runs, and each change's rule id, level, reason,
 * operation, place and values must be exactly the ones the case lists. Every
 * rule of the table has a pair: a rule without one fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Node } from "../../scripts/lib/conformance/model.js";
import { compareSpecs } from "../../scripts/lib/diff/compare.js";
import { Doc } from "../../scripts/lib/diff/doc.js";
import { ruleTable } from "../../scripts/lib/diff/rules.js";
import { fixtureDir, type PatchOp, patch, verdicts, withField } from "./fixture.js";

interface Case {
  name: string;
  base?: PatchOp[];
  head?: PatchOp[];
  side?: "request" | "response";
  before?: unknown;
  after?: unknown;
  forward: string[];
  backward: string[];
}

const read = (file: string) => parse(readFileSync(join(fixtureDir, file), "utf8")) as Case[];
const specCases = read("cases.yaml");
const fieldCases = read("field-cases.yaml");
const pairOf = (c: Case): [Node, Node] => (c.side ? [withField(c.side, c.before), withField(c.side, c.after)] : [patch(c.base), patch(c.head)]);

describe.each([
  ["spec", specCases],
  ["field", fieldCases],
] as const)("spec:diff %s fixture pairs", (_kind, cases) => {
  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    it("forward (base -> head)", () => {
      const [base, head] = pairOf(c);
      expect(verdicts(base, head)).toEqual(c.forward);
    });
    it("backward (head -> base)", () => {
      const [base, head] = pairOf(c);
      expect(verdicts(head, base)).toEqual(c.backward);
    });
  });
});

describe("the fixture pairs", () => {
  it("show every rule of the table at least once, with its level and reason", () => {
    const seen = new Set([...specCases, ...fieldCases].flatMap((c) => [...c.forward, ...c.backward]).map((line) => line.split(" ").slice(0, 2).join(" ")));
    const missing = [...ruleTable().values()].map((r) => `${r.id} ${r.impact}${r.reason ? `/${r.reason}` : ""}`).filter((rule) => !seen.has(rule));
    expect(missing).toEqual([]);
  });
});

describe("where each change points in the head spec", () => {
  // Every finding names a place of the head document (for the file and line of annotations): the place
  // itself, or for something no longer there (a removed limit, description, parameter), its parent.
  it.each([...specCases, ...fieldCases].map((c) => [c.name, c] as const))("%s", (_, c) => {
    const [base, head] = pairOf(c);
    for (const [from, to] of [
      [base, head],
      [head, base],
    ] as const) {
      const doc = Doc.of(to);
      for (const f of compareSpecs(Doc.of(from), doc)) {
        expect(f.pointer, f.rule).toMatch(/^#(\/|$)/);
        const parent = f.pointer.slice(0, f.pointer.lastIndexOf("/"));
        expect(doc.at(f.pointer) ?? doc.at(parent), `${f.rule} ${f.pointer}`).toBeDefined();
      }
    }
  });
});
