// Plain JavaScript: Redocly loads lint rules as JavaScript modules (see lint/airbyte-rules.js).
// @ts-check
/**
 * airbyte/operation-tag-defined: an operation's tag is declared in the root's
 * `tags:` list (with the description the client group's docs come from).
 * Replaces Redocly's operation-tag-defined, whose message does not name the
 * tag. An operation without any tag is airbyte/operation-in-one-group's
 * problem, reported there once.
 */

export function operationTagDefined() {
  /** @type {string[]} the root's tags (Root is entered before any operation) */
  let declared;
  return {
    Root: {
      /** @param {{ tags?: Array<{ name?: unknown }> }} root */
      enter(root) {
        declared = (root.tags ?? []).map((t) => String(t?.name));
      },
    },
    Operation: {
      /**
       * @param {{ tags?: unknown[], operationId?: string }} operation
       * @param {{ location: { child(path: Array<string | number>): unknown }, report(problem: { message: string, location?: unknown }): void }} ctx
       */
      enter(operation, ctx) {
        (operation.tags ?? []).forEach((tag, i) => {
          if (declared.includes(String(tag))) return;
          ctx.report({
            message:
              `Tag \`${String(tag)}\` of ${operation.operationId ?? 'this operation'} is not declared in the root's \`tags:\` list: ` +
              `add \`- name: ${String(tag)}\` with a description there${declared.length && declared.length <= 10 ? `, or use a declared tag (${declared.join(', ')})` : ''}.`,
            location: ctx.location.child(['tags', i]),
          });
        });
      },
    },
  };
}
