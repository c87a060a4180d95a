// Plain JavaScript: Redocly loads lint rules as JavaScript modules (see lint/airbyte-rules.js).
// @ts-check
/**
 * airbyte/operation-global-errors: every operation declares the error
 * statuses the server's global exception handlers can answer for any
 * operation (spec/AUDIT.md, G8), so a generated error type never misses a
 * status real servers send. Operations without credentials (`security: []`)
 * cannot get the authentication and authorization errors, so they need only
 * the `anonymous` list.
 *
 * The rule checks only a spec whose `info.title` is the `title` option
 * (Airbyte's public API): the small specs of tests describe other APIs and
 * are not held to Airbyte's handlers, wherever they are copied.
 */

/**
 * @param {{ statuses?: Array<string | number>, anonymous?: Array<string | number>, title?: string }} options
 */
export function operationGlobalErrors(options) {
  const statuses = (options.statuses ?? []).map(String);
  const anonymous = (options.anonymous ?? []).map(String);
  const title = options.title ?? 'Airbyte public API';
  /** @type {boolean} whether this document is held to the rule (Root is entered before any operation) */
  let checked;
  return {
    Root: {
      /** @param {{ info?: { title?: unknown } }} root */
      enter(root) {
        checked = root.info?.title === title;
      },
    },
    Operation: {
      /**
       * @param {{ responses?: Record<string, unknown>, operationId?: string, security?: unknown[] }} operation
       * @param {{ location: { child(path: string): { key(): unknown } } & object, report(problem: { message: string, location?: unknown }): void }} ctx
       */
      enter(operation, ctx) {
        if (!checked) return;
        const isAnonymous = Array.isArray(operation.security) && operation.security.length === 0;
        const wanted = isAnonymous ? anonymous : statuses;
        const declared = new Set(Object.keys(operation.responses ?? {}));
        const missing = wanted.filter((s) => !declared.has(s));
        if (!missing.length) return;
        const id = operation.operationId ?? 'This operation';
        ctx.report({
          message:
            `${id} does not declare ${missing.join(', ')}: the server's global exception handlers answer ` +
            `${wanted.join(', ')} for every ${isAnonymous ? 'operation without credentials' : 'authenticated operation'} (spec/AUDIT.md, G8). ` +
            'Add each from spec/components/responses/ (e.g. `\'500\': $ref: ../components/responses/InternalServerError.yaml`).',
          location: ctx.location.child('responses').key(),
        });
      },
    },
  };
}
