/**
 * How the toolchain reads a spec's files. A spec pull request is untrusted
 * input, so the resolver Redocly uses is confined:
 * - `$ref`s must be relative and stay inside the spec's folder (no absolute
 *   paths, no `../` out of it, no symlink out of it, no URL): nothing outside
 *   the folder is read and the network is never touched;
 * - files and alias use are bounded, so a small hostile YAML file cannot take
 *   minutes and gigabytes (a "billion laughs" alias bomb fails at once);
 * - a YAML syntax error is remembered once per file, with its line, so the lint
 *   runner reports it once instead of once per `$ref` that reaches the file.
 */
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { Document, Source, YamlParseError as YamlParseErrorType } from "@redocly/openapi-core";
import { redocly } from "../shared/cjs.js";
import { displayPath } from "../shared/paths.js";
import { loadYaml, YAML_LIMITS, YamlLoadError } from "../shared/yaml.js";

const { BaseResolver, ResolveError, YamlParseError, isAbsoluteUrl } = redocly;

/** The largest spec file read (the shared YAML loader's limit). */
export const MAX_FILE_BYTES = YAML_LIMITS.maxBytes;
/** The most files one spec may reach (ours: about 300). */
export const MAX_FILES = 5000;

export interface YamlSyntaxProblem {
  /** Absolute path of the file. */
  file: string;
  line: number;
  column: number;
  /** The parser's reason, e.g. "bad indentation of a mapping entry". */
  reason: string;
  /** The parser's full message, as it shows inside Redocly's problems. */
  message: string;
}

/** Marks a refused `$ref` so loadExternalRef can fail it with the reason. */
const REFUSED = "refused-ref:";
/** How a refused `$ref`'s error message starts (lint and bundle turn it into one line naming the file and the ref). */
export const REFUSED_MESSAGE = "refused: ";

export class ConfinedResolver extends BaseResolver {
  readonly root: string;
  private readonly realRoot: string;
  private readonly refusals = new Map<string, string>();
  /** YAML syntax errors by absolute file path. */
  readonly yamlErrors = new Map<string, YamlSyntaxProblem>();

  /** @param root the spec's folder: every file read must be inside it. */
  constructor(root: string) {
    super({ http: { headers: [] } });
    this.root = resolve(root);
    this.realRoot = realpathSync(this.root);
  }

  override resolveExternalRef(base: string | null, ref: string): string {
    const refuse = (reason: string) => {
      const key = `${REFUSED}${this.refusals.size}`;
      this.refusals.set(key, reason);
      return key;
    };
    if (base?.startsWith(REFUSED)) return base;
    if (isAbsoluteUrl(ref) || /^[a-z][a-z0-9+.-]*:/i.test(ref)) {
      return refuse(`\`${ref}\` is a URL: the toolchain never reads the network. Copy the schema into the spec folder and refer to it with a relative path.`);
    }
    if (base !== null && isAbsolute(ref)) {
      return refuse(`\`${ref}\` is an absolute path: use a path relative to this file, inside the spec folder.`);
    }
    const target = super.resolveExternalRef(base, ref);
    if (!inside(this.root, target)) {
      return refuse(`\`${ref}\` points outside the spec folder (${displayPath(this.root)}): every file of the spec must be inside it.`);
    }
    return target;
  }

  override async loadExternalRef(absoluteRef: string): Promise<Source> {
    const refusal = this.refusals.get(absoluteRef);
    if (refusal) throw new ResolveError(new Error(`${REFUSED_MESSAGE}${refusal}`));
    if (this.cache.size > MAX_FILES) {
      throw new ResolveError(new Error(`the spec reaches more than ${MAX_FILES} files; split or trim it.`));
    }
    let real: string;
    try {
      real = realpathSync(absoluteRef);
    } catch {
      return super.loadExternalRef(absoluteRef); // Redocly's own "file not found" message
    }
    if (!inside(this.realRoot, real)) {
      throw new ResolveError(new Error(`${relative(this.root, absoluteRef)} is a link to a file outside the spec folder.`));
    }
    const { size } = statSync(real);
    if (size > MAX_FILE_BYTES) {
      throw new ResolveError(new Error(`${relative(this.root, absoluteRef)} is ${size} bytes; spec files are limited to ${MAX_FILE_BYTES}.`));
    }
    return super.loadExternalRef(absoluteRef);
  }

  override parseDocument(source: Source, isRoot = false): Document {
    const ext = source.absoluteRef.slice(source.absoluteRef.lastIndexOf("."));
    // A non-YAML file reached by a $ref (a Markdown description) stays text, as Redocly keeps it.
    if (!isRoot && ![".json", ".yml", ".yaml"].includes(ext) && !/(json|yaml|openapi)/.test(source.mimeType ?? "")) {
      return { source, parsed: source.body };
    }
    try {
      // The toolchain's one YAML loader: size, alias, depth and `__proto__` limits on every file.
      return { source, parsed: loadYaml(source.body, source.absoluteRef) };
    } catch (error) {
      if (!(error instanceof YamlLoadError)) throw error;
      const mark = { line: (error.line ?? 1) - 1, column: (error.column ?? 1) - 1 };
      const wrapped = new YamlParseError(Object.assign(new Error(error.reason), { reason: error.reason, mark }), source);
      this.rememberYamlError(wrapped);
      throw wrapped;
    }
  }

  private rememberYamlError(error: YamlParseErrorType): void {
    const original = error.originalError as Error & { reason?: string; mark?: { line: number; column: number } };
    this.yamlErrors.set(error.source.absoluteRef, {
      file: error.source.absoluteRef,
      // js-yaml's marks are 0-based.
      line: (original.mark?.line ?? error.line - 1) + 1,
      column: (original.mark?.column ?? error.col - 1) + 1,
      reason: original.reason ?? error.message,
      message: error.message,
    });
  }
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function isRefusedRef(absoluteRef: string): boolean {
  return absoluteRef.startsWith(REFUSED);
}
