/**
 * Local `$ref` resolution over a plain OpenAPI document, tolerant of dangling
 * refs (reported, not thrown) and of cycles (callers track what they visit).
 */
import type { Json, Node } from "./model.js";

export class Resolver {
  readonly dangling = new Set<string>();

  constructor(private readonly doc: Node) {}

  /** Follows `$ref` chains; returns the target and the last ref followed. */
  deref(node: Json | undefined): { node: Node | undefined; ref?: string } {
    let current = node;
    let ref: string | undefined;
    for (let hops = 0; hops < 32; hops++) {
      if (!isNode(current)) return { node: undefined, ref };
      const next = current.$ref;
      if (typeof next !== "string") return { node: current, ref };
      ref = next;
      current = this.lookup(next);
      if (current === undefined) {
        this.dangling.add(next);
        return { node: undefined, ref };
      }
    }
    return { node: undefined, ref };
  }

  private lookup(ref: string): Json | undefined {
    if (!ref.startsWith("#/")) return undefined;
    let cur: Json | undefined = this.doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      cur = isNode(cur) ? cur[key] : undefined;
    }
    return cur;
  }
}

export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
