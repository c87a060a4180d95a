// Plain JavaScript: Redocly loads lint rules as JavaScript modules (see lint/airbyte-rules.js).
// @ts-check
/**
 * airbyte/operation-id-unique: operationIds name the client's methods, so two
 * operations with one operationId would leave one of them unreachable. Unlike
 * Redocly's operation-operationId-unique (turned off in redocly.yaml), the
 * message names the operation that already uses the id.
 */

import { HTTP_METHODS as METHODS, isJsonObject as isObject } from '../../lib/shared/openapi.mjs';

/**
 * @typedef {{ source: { absoluteRef: string }, child(path: string | number | Array<string | number>): Loc, key(): unknown }} Loc
 * @typedef {{ location: Loc, report(problem: { message: string, location?: unknown }): void, resolve(node: unknown, from?: string): { node: unknown, location?: Loc } }} Ctx
 */

export function operationIdUnique() {
  return {
    Paths: {
      /** @param {Record<string, unknown>} paths @param {Ctx} ctx */
      enter(paths, ctx) {
        /** @type {Map<string, string>} operationId -> "GET /path" of its first use */
        const first = new Map();
        for (const [path, rawItem] of Object.entries(paths)) {
          const isRef = isObject(rawItem) && '$ref' in rawItem;
          const { node, location } = ctx.resolve(rawItem);
          // A path item written in place lives under `paths`; a referenced one in its own file.
          const itemLoc = isRef && location ? location : ctx.location.child([path]);
          if (!isObject(node)) continue;
          const item = /** @type {Record<string, { operationId?: unknown } | undefined>} */ (node);
          for (const method of METHODS) {
            const id = item[method]?.operationId;
            if (typeof id !== 'string') continue;
            const here = `${method.toUpperCase()} ${path}`;
            const other = first.get(id);
            if (other === undefined) first.set(id, here);
            else {
              ctx.report({
                message: `operationId \`${id}\` of ${here} is already used by ${other}: each operationId names one client method, so give one of them another name.`,
                location: itemLoc.child([method, 'operationId']),
              });
            }
          }
        }
      },
    },
  };
}
