/**
 * The fixture pairs of spec:diff's tests: base.yaml changed by a JSON Patch
 * (RFC 6902: add, remove, replace, move) on either side, or a schema fragment
 * placed in a request field (ThingCreate.p, only createThing sends it) or a
 * response field (ThingList.p, only listThings answers it). A verdict is
 * written as one line: `<rule> <impact>[/<reason>] <operationId> | <where>[ | <what differs>]`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Node } from "../../scripts/lib/conformance/model.js";
import { type Change, diffSpecs } from "../../scripts/lib/diff/classify.js";
import { ruleOf } from "../../scripts/lib/diff/rules.js";
import { repoRoot } from "../helpers/run.js";

export interface PatchOp {
  op: "add" | "remove" | "replace" | "move";
  path: string;
  from?: string;
  value?: unknown;
}

export const fixtureDir = join(repoRoot, "test/spec-diff/fixtures");
const template = readFileSync(join(fixtureDir, "base.yaml"), "utf8");

/** base.yaml with a minimal JSON Patch applied; a path that does not exist throws. */
export function patch(ops: PatchOp[] = []): Node {
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
    else put(op.path, structuredClone(op.value));
  }
  return doc;
}

/** base.yaml with `fragment` as the schema of field p of a request (createThing) or a response (listThings). */
export function withField(side: "request" | "response", fragment: unknown): Node {
  return patch([{ op: "add", path: `/components/schemas/${side === "request" ? "ThingCreate" : "ThingList"}/properties/p`, value: fragment }]);
}

export function lineOf(c: Change): string {
  const detail = c.message.slice(ruleOf(c.rule).message.length).replace(/^ \((.*)\)$/, "$1");
  return `${c.rule} ${c.impact}${c.reason ? `/${c.reason}` : ""} ${c.operationId} | ${c.where}${detail ? ` | ${detail}` : ""}`;
}

export const verdicts = (base: Node, head: Node) => diffSpecs(base, head).changes.map(lineOf);
