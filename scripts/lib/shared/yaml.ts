/**
 * The one YAML loader of the toolchain. Spec files, provider files, exception
 * lists and connector inputs may come from a pull request, so every script
 * reads YAML through here, with the same limits and no way around them:
 * - size: a file over `maxBytes` is not parsed at all;
 * - aliases: the parsed value is measured as a consumer would walk it (every
 *   alias expanded); more than `maxAliasNodes` nodes added by aliases is an
 *   alias bomb ("billion laughs") and fails at once, in linear time;
 * - depth: more than `maxDepth` levels of nesting fail (a deep document would
 *   otherwise end in a RangeError far from here), and so does an alias that
 *   contains itself;
 * - `__proto__` as a key is refused: no input of ours needs it, and code that
 *   copies the value into an object literal would change its prototype.
 *
 * The parser is Redocly's js-yaml setup (JSON schema plus merge keys, no
 * timestamps), so every script reads a file exactly as the linter does, at
 * js-yaml's speed. The checks run on the parsed value, not on the parser's
 * own options: no parser or fallback can skip them.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parseYaml } = require("@redocly/openapi-core/lib/js-yaml") as {
  parseYaml: (text: string, options?: { filename?: string; maxDepth?: number }) => unknown;
};

export interface YamlLimits {
  /** The largest file read, in bytes (our spec files are under 100 KB; the 50x benchmark spec is 11 MB in one file). */
  maxBytes: number;
  /** How many nodes aliases may add when expanded (a real spec reuses a few small nodes). */
  maxAliasNodes: number;
  /** How deep values may nest (our spec: under 20). */
  maxDepth: number;
}

export const YAML_LIMITS: Readonly<YamlLimits> = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  maxAliasNodes: 10_000,
  maxDepth: 256,
});

/** A file that does not parse, or breaks a limit; `line`/`column` are 1-based. */
export class YamlLoadError extends Error {
  override readonly name = "YamlLoadError";
  constructor(
    readonly file: string,
    /** What is wrong, without the place, e.g. "bad indentation of a mapping entry". */
    readonly reason: string,
    readonly kind: "syntax" | "limit",
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line === undefined ? "" : `:${line}:${column ?? 1}`}: ${reason}`);
  }
}

/**
 * Parses `text` (YAML or JSON) read from `file` (named in errors), within `limits`.
 * @throws YamlLoadError on a syntax error or a broken limit
 */
export function loadYaml(text: string, file: string, limits: Partial<YamlLimits> = {}): unknown {
  const { maxBytes, maxAliasNodes, maxDepth } = { ...YAML_LIMITS, ...limits };
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) throw new YamlLoadError(file, `the file is ${bytes} bytes; YAML input is limited to ${maxBytes}`, "limit");
  let parsed: unknown;
  try {
    // js-yaml 4.3 stops at its own maxDepth; ours is passed so that both say the same.
    parsed = parseYaml(text, { filename: file, maxDepth });
  } catch (error) {
    const e = error as Error & { reason?: string; mark?: { line: number; column: number } };
    if (error instanceof RangeError || /maxDepth/.test(e.reason ?? "")) {
      throw new YamlLoadError(file, `values nest more than ${maxDepth} levels deep`, "limit", e.mark ? e.mark.line + 1 : undefined, e.mark ? e.mark.column + 1 : undefined);
    }
    throw new YamlLoadError(file, e.reason ?? e.message, "syntax", e.mark ? e.mark.line + 1 : undefined, e.mark ? e.mark.column + 1 : undefined);
  }
  const problem = measure(parsed, maxAliasNodes, maxDepth);
  if (problem) {
    const at = problem.atAlias ? firstAlias(text) : undefined;
    throw new YamlLoadError(file, problem.reason, "limit", at?.line, at?.column);
  }
  return parsed;
}

/** The place of the first `*alias` in the text: where an expansion starts. */
function firstAlias(text: string): { line: number; column: number } | undefined {
  const alias = /(^|[\s[{,:?-])\*[^\s,[\]{}]/m.exec(text);
  if (!alias) return undefined;
  const before = text.slice(0, alias.index + (alias[1] ?? "").length).split("\n");
  return { line: before.length, column: (before.at(-1) ?? "").length + 1 };
}

/**
 * Walks the value once per distinct node (aliases are shared objects after
 * parsing), computing the size it has with every alias expanded.
 */
function measure(root: unknown, maxAliasNodes: number, maxDepth: number): { reason: string; atAlias: boolean } | undefined {
  const expanded = new Map<object, number>();
  const onPath = new Set<object>();
  let distinct = 0;
  class Stop extends Error {
    constructor(readonly result: { reason: string; atAlias: boolean }) {
      super(result.reason);
    }
  }
  const visit = (node: unknown, depth: number): number => {
    if (node === null || typeof node !== "object" || ArrayBuffer.isView(node)) {
      distinct += 1;
      return 1;
    }
    const known = expanded.get(node);
    if (known !== undefined) return known;
    if (onPath.has(node)) throw new Stop({ reason: "an alias refers to a node that contains it (a cycle)", atAlias: true });
    if (depth > maxDepth) throw new Stop({ reason: `values nest more than ${maxDepth} levels deep`, atAlias: false });
    if (!Array.isArray(node) && Object.hasOwn(node, "__proto__")) {
      throw new Stop({ reason: "`__proto__` is not allowed as a key (it would replace the prototype of objects built from this value); rename the key", atAlias: false });
    }
    onPath.add(node);
    distinct += 1;
    let size = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) size += visit(child, depth + 1);
    onPath.delete(node);
    expanded.set(node, size);
    return size;
  };
  try {
    const total = visit(root, 0);
    if (total - distinct > maxAliasNodes) {
      return { reason: `too many YAML aliases (they expand to more than ${maxAliasNodes} extra nodes, which is how an alias bomb starts)`, atAlias: true };
    }
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return error.result;
    throw error;
  }
}
