/**
 * What Redocly cannot walk, found before it walks: one pass over every file
 * the spec reaches, and the first such problem is the only one reported
 * (nothing is linted or bundled).
 *
 * - A `$ref` whose target is itself a `$ref`, and so on thousands of times, is
 *   valid OpenAPI, but Redocly follows such a chain by recursion on every
 *   visit: 3,000 links take gigabytes and end in a RangeError. The chains are
 *   measured once per link (memoized), across files; a chain longer than
 *   MAX_REF_CHAIN, or a cycle of refs, is one clear problem at its first link.
 * - A key named after a method of Object.prototype (`valueOf`,
 *   `hasOwnProperty`, ...; a schema or property name) makes Redocly's resolver
 *   call that method as a node type and crash with a TypeError: one clear
 *   problem at the key instead.
 */
import type { Document } from "@redocly/openapi-core";
import { redocly } from "../shared/cjs.js";
import { displayPath } from "../shared/paths.js";
import type { SpecProblem } from "./error.js";
import { isRefusedRef, type ConfinedResolver } from "./resolver.js";

/** Links a `$ref` chain may have (ours: at most 2). */
export const MAX_REF_CHAIN = 64;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null;
const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const unescape = (part: string) => decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");

interface Link {
  doc: Document;
  pointer: string;
}

/** Keys Redocly's resolver takes for a node type (it reads them through the prototype chain) and crashes on. */
const CRASHING_KEYS = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter((name) => {
    const value = (Object.prototype as Record<string, unknown>)[name];
    return typeof value === "function" && name !== "constructor" && name !== "toString";
  }),
);

export async function walkProblem(resolver: ConfinedResolver, root: Document): Promise<SpecProblem | undefined> {
  const docs = new Map<string, Document>([[root.source.absoluteRef, root]]);
  const queue: Document[] = [root];
  /** Links to a node that is not a `$ref`, by `file#pointer`. */
  const length = new Map<string, number>();

  const load = async (from: Document, file: string): Promise<Document | undefined> => {
    if (file === "") return from;
    const absolute = resolver.resolveExternalRef(from.source.absoluteRef, file);
    if (isRefusedRef(absolute)) return undefined;
    const known = docs.get(absolute);
    if (known) return known;
    const doc = await resolver.resolveDocument(from.source.absoluteRef, file).catch(() => undefined);
    if (!doc || doc instanceof Error || typeof doc.parsed !== "object") return undefined;
    docs.set(absolute, doc);
    queue.push(doc);
    return doc;
  };
  const at = (doc: Document, pointer: string): unknown => {
    let node: unknown = doc.parsed;
    for (const part of pointer.split("/").slice(1)) node = isNode(node) ? node[unescape(part)] : undefined;
    return node;
  };
  /** The target of the `$ref` at `link`, or undefined when it does not resolve (lint reports that). */
  const next = async (link: Link, ref: string): Promise<Link | undefined> => {
    const [file = "", fragment = ""] = ref.split("#");
    const doc = await load(link.doc, file);
    return doc ? { doc, pointer: fragment } : undefined;
  };

  const measure = async (start: Link, ref: string): Promise<SpecProblem | undefined> => {
    const walked: string[] = [];
    let link: Link | undefined = await next(start, ref);
    while (link) {
      const key = `${link.doc.source.absoluteRef}#${link.pointer}`;
      const known = length.get(key);
      if (known !== undefined) {
        walked.forEach((k, i) => length.set(k, known + walked.length - i));
        if (known + walked.length + 1 > MAX_REF_CHAIN) return problem(start, ref, `goes through more than ${MAX_REF_CHAIN} \`$ref\`s before it reaches a value`);
        return undefined;
      }
      if (walked.includes(key)) return problem(start, ref, "is a cycle of `$ref`s that never reaches a value");
      walked.push(key);
      if (walked.length > MAX_REF_CHAIN) return problem(start, ref, `goes through more than ${MAX_REF_CHAIN} \`$ref\`s before it reaches a value`);
      const node = at(link.doc, link.pointer);
      const nextRef = isNode(node) && typeof node["$ref"] === "string" ? node["$ref"] : undefined;
      if (nextRef === undefined) break;
      link = await next(link, nextRef);
    }
    walked.forEach((k, i) => length.set(k, walked.length - i - 1));
    return undefined;
  };

  while (queue.length > 0) {
    const doc = queue.shift() as Document;
    // Iterative: a deeply nested file must not exhaust the stack here either.
    const stack: Array<[unknown, string]> = [[doc.parsed, ""]];
    while (stack.length > 0) {
      const [node, pointer] = stack.pop() as [unknown, string];
      if (!isNode(node)) continue;
      if (typeof node["$ref"] === "string") {
        const found = await measure({ doc, pointer }, node["$ref"]);
        if (found) return found;
      }
      for (const [key, value] of Object.entries(node)) {
        if (CRASHING_KEYS.has(key)) return keyProblem(doc, `${pointer}/${escape(key)}`, key);
        if (isNode(value)) stack.push([value, `${pointer}/${escape(key)}`]);
      }
    }
  }
  return undefined;
}

/** The file and line of `pointer` in `doc` (of its key with `onKey`), when Redocly can locate it. */
function located(doc: Document, pointer: string, onKey: boolean): Pick<SpecProblem, "file" | "line"> {
  let line: number | undefined;
  try {
    line = redocly.getLineColLocation({ source: doc.source, pointer: `#${pointer}`, reportOnKey: onKey }).start.line;
  } catch {
    line = undefined;
  }
  return { file: displayPath(doc.source.absoluteRef), ...(line === undefined ? {} : { line }) };
}

function problem(start: Link, ref: string, what: string): SpecProblem {
  return {
    ...located(start.doc, `${start.pointer}/$ref`, false),
    severity: "error",
    rule: "ref-chain",
    message: `\`$ref: ${ref}\` at #${start.pointer} ${what}: point it at the value itself (tools follow each link by recursion and run out of stack).`,
  };
}

function keyProblem(doc: Document, pointer: string, key: string): SpecProblem {
  return {
    ...located(doc, pointer, true),
    severity: "error",
    rule: "prototype-key",
    message: `\`${key}\` at #${pointer} is the name of a JavaScript Object.prototype method, which the spec tools read as their own and crash on: rename it (e.g. \`${key}Value\`).`,
  };
}
