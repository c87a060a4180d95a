// Plain JavaScript: Redocly loads lint rules as JavaScript modules (see lint/airbyte-rules.js).
// @ts-check
/**
 * airbyte/spec-file-reached: every file under the spec's folder is reached
 * from the root. Redocly only reads what the root references, so a path file
 * that `openapi.yaml` does not list is silently dropped from the client; this
 * rule records every file the walk visits and, when the walk ends, names the
 * files it never saw. Files that are not part of the spec (the conformance
 * exceptions, audit notes) are listed in `ignore` in redocly.yaml.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** @param {string} pattern a file path relative to the spec folder; `*` matches within one name. */
function globToRegExp(pattern) {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]*')}$`);
}

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * @param {{ ignore?: string[], root?: string }} options
 *   `root`: the file name of a split spec's root (default `openapi.yaml`); a
 *   single-file document named otherwise (such as a lint fixture) has no folder of its own to check.
 */
export function specFileReached(options) {
  const ignore = options.ignore?.map(globToRegExp);
  const rootName = options.root ?? 'openapi.yaml';
  /** @type {Set<string>} */
  const seen = new Set();
  return {
    any: {
      /** @param {unknown} _node @param {{ location: { source: { absoluteRef: string } } }} ctx */
      enter(_node, ctx) {
        seen.add(ctx.location.source.absoluteRef);
      },
    },
    Root: {
      /**
       * @param {unknown} _root
       * @param {{ location: { source: { absoluteRef: string }, child(path: string[]): { key(): unknown } }, report(problem: { message: string, location?: unknown }): void }} ctx
       */
      leave(_root, ctx) {
        const rootFile = ctx.location.source.absoluteRef;
        if (basename(rootFile) !== rootName) return;
        const dir = dirname(rootFile);
        for (const file of filesUnder(dir)) {
          const rel = relative(dir, file).split(sep).join('/');
          if (seen.has(file) || ignore?.some((re) => re.test(rel))) continue;
          ctx.report({
            message:
              `${rel} is in the spec folder, but ${rootName} never reaches it, so the client would not have it: ` +
              'reference it from the root (a path under `paths:`, a schema under `components:`) or delete it. ' +
              'If it is not a spec file, add it to `ignore` of airbyte/spec-file-reached in redocly.yaml.',
            location: ctx.location.child(['paths']).key(),
          });
        }
      },
    },
  };
}
