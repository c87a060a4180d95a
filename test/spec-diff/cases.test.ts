/**
 * spec:diff's verdicts, table-driven over test/fixtures/spec-diff/cases.yaml:
 * every fixture pair is diffed in both directions (base -> head, then head ->
 * base) with the function the CLI runs, and the report lines, their order and
 * the suggested bump must be exactly the ones the case lists.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Node } from "../../scripts/lib/conformance/model.js";
import { diffSpecs } from "../../scripts/lib/diff/classify.js";
import { formatChange } from "../../scripts/lib/diff/report.js";
import { repoRoot } from "../helpers/run.js";

interface PatchOp {
  op: "add" | "remove" | "replace" | "move";
  path: string;
  from?: string;
  value?: unknown;
}
interface Expected {
  bump: string;
  lines: string[];
}
interface Case {
  name: string;
  base?: PatchOp[];
  head?: PatchOp[];
  forward: Expected;
  backward: Expected;
}

const dir = join(repoRoot, "test/fixtures/spec-diff");
const template = await readFile(join(dir, "base.yaml"), "utf8");
const cases = parse(await readFile(join(dir, "cases.yaml"), "utf8")) as Case[];

/** A minimal JSON Patch (RFC 6902) over plain objects; a path that does not exist fails the test. */
function patch(ops: PatchOp[] = []): Node {
  const doc = parse(template) as Node;
  const locate = (pointer: string) => {
    const keys = pointer.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = keys.pop() ?? "";
    let parent: unknown = doc;
    for (const key of keys) {
      parent = (parent as Record<string, unknown>)[key];
      if (parent === undefined) throw new Error(`no ${pointer} in base.yaml`);
    }
    return { parent: parent as Record<string, unknown> | unknown[], last };
  };
  const take = (pointer: string) => {
    const { parent, last } = locate(pointer);
    if (!(last in parent)) throw new Error(`no ${pointer} in base.yaml`);
    if (Array.isArray(parent)) return parent.splice(Number(last), 1)[0];
    const value = parent[last];
    delete parent[last];
    return value;
  };
  const put = (pointer: string, value: unknown) => {
    const { parent, last } = locate(pointer);
    if (Array.isArray(parent)) parent.splice(last === "-" ? parent.length : Number(last), 0, value);
    else parent[last] = value;
  };
  for (const op of ops) {
    if (op.op === "remove") take(op.path);
    else if (op.op === "replace") (take(op.path), put(op.path, op.value));
    else if (op.op === "move") put(op.path, take(op.from ?? ""));
    else put(op.path, op.value);
  }
  return doc;
}

describe("spec:diff fixture pairs", () => {
  it("has at least 30 pairs, each seen in both directions", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) expect(c.forward && c.backward, c.name).toBeTruthy();
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const base = () => patch(c.base);
    const head = () => patch(c.head);
    it.each([
      ["forward", () => diffSpecs(base(), head()), c.forward],
      ["backward", () => diffSpecs(head(), base()), c.backward],
    ] as const)("%s", (_direction, run, expected) => {
      const result = run();
      expect(result.changes.map(formatChange)).toEqual(expected.lines);
      expect(result.bump).toBe(expected.bump);
      expect(result.breaking).toBe(result.changes.filter((ch) => ch.impact === "breaking").length);
    });
  });
});
