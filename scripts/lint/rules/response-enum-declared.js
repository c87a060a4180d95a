// Plain JavaScript: Redocly loads lint rules as JavaScript modules (see lint/airbyte-rules.js).
// @ts-check
/**
 * airbyte/response-enum-declared: every enum the server can send (reachable
 * from any response body) says whether it may grow. `x-open-enum: true` makes
 * the generated type accept unknown values; `x-closed-enum: <reason>` keeps a
 * closed union and says why that is safe. An undeclared response enum becomes
 * a closed union by default: the crash-on-new-value bug of the official SDKs.
 */

import { isJsonObject as isObject } from '../../lib/shared/openapi.mjs';

/**
 * @typedef {{ source: { absoluteRef: string }, pointer: string, child(path: string | number | Array<string | number>): Loc, key(): unknown }} Loc
 * @typedef {{ location: Loc, report(problem: { message: string, location?: unknown }): void, resolve(node: unknown, from?: string): { node: unknown, location?: Loc } }} Ctx
 */

export function responseEnumDeclared() {
  // The keywords that hold subschemas, by shape. Built per lint run (not at module load) so that
  // mutation testing's per-test coverage sees which tests read them.
  const NESTED = ['properties', 'patternProperties'];
  const LISTS = ['allOf', 'oneOf', 'anyOf', 'prefixItems'];
  const SINGLE = ['items', 'additionalProperties', 'not', 'contains', 'unevaluatedProperties', 'unevaluatedItems'];
  /** @type {Set<string>} enums already judged (a shared schema is reported once, not once per response) */
  const judged = new Set();

  /**
   * @param {unknown} raw @param {Loc} at @param {Ctx} ctx @param {string} where
   */
  function walk(raw, at, ctx, where) {
    let node = raw;
    let loc = at;
    // Redocly resolves a chain of refs to its end in one step (and a cycle to nothing).
    if (isObject(node) && typeof node.$ref === 'string') {
      // Relative refs resolve against the file the ref is written in, not the operation's.
      const resolved = ctx.resolve(node, loc.source.absoluteRef);
      // A dangling ref resolves to no node, which ends the walk below: no-unresolved-refs reports it.
      node = resolved.node;
      loc = resolved.location ?? loc;
    }
    if (!isObject(node)) return;
    const key = `${loc.source.absoluteRef}#${loc.pointer}`;
    if (judged.has(key)) return;
    judged.add(key);
    if (Array.isArray(node.enum)) check(node, loc, ctx, where);
    for (const k of NESTED) {
      const children = node[k];
      if (isObject(children)) for (const [name, child] of Object.entries(children)) walk(child, loc.child([k, name]), ctx, where);
    }
    for (const k of LISTS) {
      const list = node[k];
      if (Array.isArray(list)) list.forEach((child, i) => walk(child, loc.child([k, i]), ctx, where));
    }
    for (const k of SINGLE) walk(node[k], loc.child(k), ctx, where);
  }

  /** @param {Record<string, unknown>} schema @param {Loc} loc @param {Ctx} ctx @param {string} where */
  function check(schema, loc, ctx, where) {
    // An `x-open-enum` of the wrong value is airbyte/open-enum-of-strings' problem: reported there, once.
    const openDeclared = 'x-open-enum' in schema;
    const reason = schema['x-closed-enum'];
    if (!('x-closed-enum' in schema)) {
      if (openDeclared) return;
      ctx.report({
        message:
          `This enum is sent by the server (${where}) but does not say whether it may grow: ` +
          'add `x-open-enum: true` (the client then accepts values added later), or `x-closed-enum: <why no other value can come>`.',
        location: loc.child('enum').key(),
      });
    } else if (openDeclared) {
      ctx.report({ message: 'An enum is either open (`x-open-enum: true`) or closed (`x-closed-enum: <reason>`), not both.', location: loc.child('x-closed-enum').key() });
    } else if (typeof reason !== 'string' || reason.trim() === '') {
      ctx.report({ message: '`x-closed-enum` needs a reason (a sentence saying why the server will never send another value).', location: loc.child('x-closed-enum').key() });
    }
  }

  return {
    Operation: {
      /** @param {{ operationId?: string, responses?: Record<string, unknown> }} operation @param {Ctx} ctx */
      enter(operation, ctx) {
        for (const [status, rawResponse] of Object.entries(operation.responses ?? {})) {
          let response = rawResponse;
          let loc = ctx.location.child(['responses', status]);
          if (isObject(response) && typeof response.$ref === 'string') {
            // A dangling ref resolves to no node, skipped below.
            const resolved = ctx.resolve(response);
            response = resolved.node;
            loc = resolved.location ?? loc;
          }
          if (!isObject(response) || !isObject(response.content)) continue;
          for (const [mediaType, media] of Object.entries(response.content)) {
            // A media type without a schema has nothing to walk: walk returns at once.
            if (isObject(media)) walk(media.schema, loc.child(['content', mediaType, 'schema']), ctx, `${operation.operationId ?? 'an operation'} ${status} response`);
          }
        }
      },
    },
  };
}
