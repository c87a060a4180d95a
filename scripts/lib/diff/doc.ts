/**
 * A spec document as the comparison walks it: local `$ref`s followed with the
 * JSON pointer of where each node really is (so a change can be located in
 * the head spec's source files), and what one finding looks like.
 */
import type { Json, Node } from "../conformance/model.js";
import { isNode } from "../conformance/resolve.js";

export type Side = "request" | "response";

export const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const unescape = (key: string) => key.replace(/~1/g, "/").replace(/~0/g, "~");

export interface Found {
  node: Node | undefined;
  /** Where the node is after following refs: `<file id>#<JSON pointer>`. */
  ptr: string;
  /** The last `$ref` followed, if any. */
  ref?: string;
}

/** A ref target, relative to the file it is written in; undefined for a remote ref. */
export function refTarget(ref: string, fromFile: string): string | undefined {
  const hash = ref.indexOf("#");
  const file = hash < 0 ? ref : ref.slice(0, hash);
  const pointer = hash < 0 ? "" : ref.slice(hash + 1);
  if (/^[a-z][a-z0-9+.-]*:/i.test(file)) return undefined;
  if (file === "") return `${fromFile}#${pointer}`;
  const dir = fromFile.includes("/") ? fromFile.slice(0, fromFile.lastIndexOf("/") + 1) : "";
  const parts: string[] = [];
  for (const part of `${dir}${file}`.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return `${parts.join("/")}#${pointer}`;
}

/**
 * One spec, maybe split over several files: `files` maps a file id (its
 * absolute path, "" for a document given as a value) to its parsed content.
 * Places are `<file id>#<JSON pointer>`, so a change can be located in the
 * file a person edits.
 */
export class Doc {
  readonly root: Node;

  constructor(
    readonly files: ReadonlyMap<string, Json>,
    readonly rootFile = "",
    /** The files each file's `$ref`s point into (loadSpec knows them); found by a walk when not given. */
    private refs?: ReadonlyMap<string, ReadonlySet<string>>,
  ) {
    const root = files.get(rootFile);
    this.root = isNode(root) ? root : {};
  }

  /** The files `file`'s `$ref`s point into. */
  refsOf(file: string): ReadonlySet<string> {
    if (!this.refs) {
      const refs = new Map<string, Set<string>>();
      for (const [id, data] of this.files) {
        const into = new Set<string>();
        walkRefs(data, (ref) => {
          const target = refTarget(ref, id);
          if (target !== undefined) into.add(target.slice(0, target.indexOf("#")));
        });
        refs.set(id, into);
      }
      this.refs = refs;
    }
    return this.refs.get(file) ?? new Set();
  }

  static of(node: Node): Doc {
    return new Doc(new Map([["", node]]));
  }

  /** The place of a JSON pointer in the root file. */
  ptr(pointer: string): string {
    return `${this.rootFile}#${pointer}`;
  }

  /** The value at a place (`file#/a/b`), undefined when absent. */
  at(place: string): Json | undefined {
    const hash = place.indexOf("#");
    let cur: Json | undefined = this.files.get(place.slice(0, hash));
    const pointer = place.slice(hash + 1);
    if (pointer === "") return cur;
    for (const raw of pointer.split("/").slice(1)) {
      if (Array.isArray(cur)) cur = cur[Number(raw)];
      else cur = isNode(cur) && Object.hasOwn(cur, unescape(raw)) ? cur[unescape(raw)] : undefined;
    }
    return cur;
  }

  /** Follows `$ref` chains from `node` (found at `ptr`). Load refused dangling refs; a cycle of refs ends as undefined. */
  deref(node: Json | undefined, ptr: string): Found {
    let current = node;
    let where = ptr;
    let ref: string | undefined;
    for (let hops = 0; hops < 32; hops++) {
      if (!isNode(current)) return { node: undefined, ptr: where, ref };
      const next = current.$ref;
      const target = typeof next === "string" ? refTarget(next, where.slice(0, where.indexOf("#"))) : undefined;
      if (typeof next !== "string" || target === undefined) return { node: current, ptr: where, ref };
      ref = next;
      where = target;
      current = this.at(where);
    }
    return { node: undefined, ptr: where, ref };
  }
}

/** One change the walk saw: a rule id, where, and the values that differ. */
export interface Finding {
  rule: string;
  operationId: string;
  /** For people, plain text: `request field config.name`, `query parameter limit`. */
  where: string;
  /** What differs, plain text (`10 -> 5`), or "". */
  detail: string;
  /** JSON pointer in the head document (or the nearest place that exists there). */
  pointer: string;
}

export type Emit = (finding: Finding) => void;

export const show = (value: Json | undefined): string => (value === undefined ? "none" : typeof value === "string" ? value : JSON.stringify(value));
export const text = (value: Json | undefined) => (typeof value === "string" ? value.trim() : "");
export const asArray = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);
export const isSuccess = (status: string) => /^[23]/.test(status);

/** Calls `found` with every `$ref` string in a value (a value that contains itself is walked once). */
function walkRefs(value: Json, found: (ref: string) => void, inside = new Set<object>()): void {
  if (typeof value !== "object" || value === null || inside.has(value)) return;
  inside.add(value);
  for (const [k, v] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (k === "$ref" && typeof v === "string") found(v);
    else walkRefs(v, found, inside);
  }
}

const dirOf = (file: string) => file.slice(0, file.lastIndexOf("/") + 1);

/**
 * The base's files that are, with every file they reach by `$ref`, the same
 * bytes in the head at the same path (loadSpec gives both sides one parsed
 * value per text, so "the same" is the same object). A schema in such a file
 * is the same schema on both sides, refs and all: comparing it finds nothing.
 */
function unchangedFiles(base: Doc, head: Doc): Set<string> {
  const [bDir, hDir] = [dirOf(base.rootFile), dirOf(head.rootFile)];
  const counterpart = (file: string) => (file.startsWith(bDir) ? `${hDir}${file.slice(bDir.length)}` : undefined);
  // Files that differ, then every file that reaches one of them.
  const reachedBy = new Map<string, string[]>();
  const changed: string[] = [];
  for (const [file, data] of base.files) {
    const other = counterpart(file);
    if (other === undefined || !head.files.has(other) || head.files.get(other) !== data) changed.push(file);
    for (const target of base.refsOf(file)) reachedBy.set(target, [...(reachedBy.get(target) ?? []), file]);
  }
  const tainted = new Set(changed);
  for (let i = 0; i < changed.length; i++) {
    for (const from of reachedBy.get(changed[i] ?? "") ?? []) {
      if (!tainted.has(from)) {
        tainted.add(from);
        changed.push(from);
      }
    }
  }
  return new Set([...base.files.keys()].filter((file) => !tainted.has(file)));
}

const unchangedCache = new WeakMap<Doc, { head: Doc; files: Set<string> }>();

/** Whether the base place and the head place hold the same schema, refs and all (then comparing them finds nothing). */
export function sameOnBothSides(base: Doc, head: Doc, b: Found, h: Found): boolean {
  if (b.node === undefined || b.node !== h.node) return false;
  const bFile = b.ptr.slice(0, b.ptr.indexOf("#"));
  const hFile = h.ptr.slice(0, h.ptr.indexOf("#"));
  if (bFile.slice(dirOf(base.rootFile).length) !== hFile.slice(dirOf(head.rootFile).length)) return false;
  let cached = unchangedCache.get(base);
  if (cached?.head !== head) unchangedCache.set(base, (cached = { head, files: unchangedFiles(base, head) }));
  return cached.files.has(bFile);
}
