// Plain JavaScript: Redocly loads lint rules as JavaScript modules (see lint/airbyte-rules.js).
// @ts-check
/**
 * airbyte/generated-identifiers: the names the generator turns into code are
 * names code can have. A tag becomes a client group (`ToString` -> `toString`
 * would sit on Object.prototype's name), an operationId a method (an
 * operationId `__proto__` is silently dropped by object literals), and a
 * schema name an exported type (`string`, `Schema` or `components` produce
 * TypeScript that does not compile or collides with the generated helpers).
 */

// Object.prototype's members, and what the client object has besides its groups.
const PROTOTYPE = ['constructor', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'];
const CLIENT_MEMBERS = ['raw', 'then'];
// ECMAScript reserved words and TypeScript's predefined type names: neither can name an exported type or a standalone function.
const RESERVED = [
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally',
  'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var',
  'void', 'while', 'with', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
];
const TS_TYPES = ['any', 'unknown', 'never', 'string', 'number', 'boolean', 'bigint', 'symbol', 'object', 'undefined', 'intrinsic'];
// Names generated/openapi.ts, generated/schemas.ts and generated/operations.ts already declare beside the schema types.
const GENERATED = ['Schema', 'components', 'paths', 'operations', 'webhooks', '$defs', 'HttpMethod', 'OperationSpec', 'operationTable', 'OperationId', 'GroupName', 'OperationTypes'];
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const lowerFirst = (/** @type {string} */ s) => s.charAt(0).toLowerCase() + s.slice(1);

/** @param {string} name @param {...string[]} lists */
function clash(name, ...lists) {
  return lists.some((l) => l.includes(name));
}

/**
 * @typedef {{ child(path: string | number | Array<string | number>): Loc, key(): unknown }} Loc
 * @typedef {{ location: Loc, report(problem: { message: string, location?: unknown }): void }} Ctx
 */

export function generatedIdentifiers() {
  return {
    Operation: {
      /** @param {{ tags?: unknown[], operationId?: unknown }} operation @param {Ctx} ctx */
      enter(operation, ctx) {
        const id = operation.operationId;
        if (typeof id === 'string') {
          if (!IDENTIFIER.test(id)) {
            ctx.report({ message: `operationId \`${id}\` is not a JavaScript identifier, and it names a client method: use letters and digits (camelCase).`, location: ctx.location.child('operationId') });
          } else if (clash(id, PROTOTYPE, RESERVED)) {
            ctx.report({ message: `operationId \`${id}\` is ${PROTOTYPE.includes(id) ? "a name every JavaScript object already has (Object.prototype)" : 'a JavaScript reserved word'}, so the client method would be lost or not compile: rename it.`, location: ctx.location.child('operationId') });
          }
        }
        (operation.tags ?? []).forEach((tag, i) => {
          if (typeof tag !== 'string') return;
          const group = lowerFirst(tag);
          if (clash(group, PROTOTYPE, CLIENT_MEMBERS) || clash(tag, PROTOTYPE)) {
            ctx.report({
              message: `Tag \`${tag}\` becomes the client group \`airbyte.${group}\`, which ${CLIENT_MEMBERS.includes(group) ? 'the client object already uses' : "is a name of Object.prototype"}: rename the tag.`,
              location: ctx.location.child(['tags', i]),
            });
          }
        });
      },
    },
    NamedSchemas: {
      /** @param {Record<string, unknown>} schemas @param {Ctx} ctx */
      enter(schemas, ctx) {
        for (const name of Object.keys(schemas)) {
          const problem = !IDENTIFIER.test(name)
            ? 'is not a TypeScript identifier'
            : clash(name, RESERVED, TS_TYPES)
              ? 'is a reserved word or built-in type of TypeScript'
              : clash(name, GENERATED)
                ? 'is already declared by the generated code (generated/openapi.ts, schemas.ts, operations.ts)'
                : clash(name, PROTOTYPE)
                  ? 'is a name of Object.prototype'
                  : undefined;
          if (problem) {
            ctx.report({
              message: `Schema name \`${name}\` ${problem}, and every schema becomes an exported type of that name: rename the schema.`,
              location: ctx.location.child([name]).key(),
            });
          }
        }
      },
    },
  };
}
