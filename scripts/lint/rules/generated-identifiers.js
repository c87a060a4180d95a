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

import { readFileSync, statSync } from 'node:fs';

/** The files `npm run generate` emits, whose own names a schema name must not take. */
const EMITTED_FILES = ['openapi.ts', 'schemas.ts', 'operations.ts'];

/**
 * Every name the generated files declare or import at the top level, apart
 * from the spec's own (schema types, operation functions): read from the
 * emitted files themselves, so a name the generator starts to emit is
 * refused here without a hand-kept list. check:drift keeps those files equal
 * to what the generator writes.
 * @param {string} dir the generated/ folder
 * @returns {string[]}
 */
export function emittedNames(dir) {
  /** @type {Set<string>} */
  const names = new Set();
  for (const file of EMITTED_FILES) {
    const text = readIfThere(new URL(file, dir));
    // Nothing generated yet (a fresh copy generating from scratch): the names of the last generated files.
    if (text === undefined) return [...BEFORE_ANY_GENERATE];
    for (const m of text.matchAll(/^(?:export\s+)?(?:declare\s+)?(?:type|interface|const|let|var|function|class|enum)\s+([A-Za-z_$][\w$]*)/gm)) {
      const name = m[1] ?? '';
      const end = (m.index ?? 0) + m[0].length;
      // The declaration's head, which prettier may wrap onto the next line.
      const rest = text.slice(end, end + 300).split(/[;{]/, 1)[0] ?? '';
      // A schema's own type, or an operation's standalone function: the spec's names, not the generator's.
      if (rest.includes(`Schema<${JSON.stringify(name)}>`) || /^:\s*OperationFunction</.test(rest)) continue;
      names.add(name);
    }
    for (const m of text.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"/gm)) {
      // Schema types imported from schemas.js are schema names.
      if ((m[2] ?? '').endsWith('/schemas.js')) continue;
      for (const part of (m[1] ?? '').split(',')) {
        const local = part.trim().split(/\s+as\s+/).pop()?.replace(/^type\s+/, '').trim();
        if (local) names.add(local);
      }
    }
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** @param {URL} url */
function readIfThere(url) {
  try {
    return readFileSync(url, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * What emittedNames reads from generated/ as committed, for a copy that has
 * no generated/ yet. A test keeps it equal to the names read from the
 * committed files, so it cannot fall behind what the generator emits.
 */
export const BEFORE_ANY_GENERATE = Object.freeze(['$defs', 'GroupName', 'OperationFunction', 'OperationId', 'OperationTable', 'OperationTypes', 'Schema', 'components', 'decodeTable', 'operation', 'operationTable', 'operations', 'pagedOperation', 'paths', 'serializeQuery', 'webhooks']);

const generatedDir = new URL('../../../generated/', import.meta.url);
/** @type {{ key: string, names: string[] } | undefined} */
let lastRead;
/** The generated names, read again when an emitted file changed (a lint run after `npm run generate` sees the new ones). */
function generatedNames() {
  const key = EMITTED_FILES.map((file) => {
    try {
      const s = statSync(new URL(file, generatedDir));
      return `${s.mtimeMs}:${s.size}`;
    } catch {
      return 'absent';
    }
  }).join('|');
  if (lastRead?.key !== key) lastRead = { key, names: emittedNames(generatedDir.href) };
  return lastRead.names;
}

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
  // Object.prototype's members, and the group names the generator refuses
  // (scripts/lib/generate/model.ts RESERVED_GROUPS): `then` would make the
  // client a thenable (`await client` would call it), `prototype` a function's.
  const PROTOTYPE = ['constructor', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__'];
  const CLIENT_MEMBERS = ['then', 'prototype'];
  // ECMAScript reserved words and TypeScript's predefined type names: neither can name an exported type or a standalone function.
  const RESERVED = [
    'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally',
    'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var',
    'void', 'while', 'with', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
  ];
  const TS_TYPES = ['any', 'unknown', 'never', 'string', 'number', 'boolean', 'bigint', 'symbol', 'object', 'undefined', 'intrinsic'];
  const GENERATED = generatedNames();
  const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
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
              message: `Tag \`${tag}\` becomes the client group \`airbyte.${group}\`, which ${CLIENT_MEMBERS.includes(group) ? 'the client reserves (a `then` member would make it awaitable)' : "is a name of Object.prototype"}: rename the tag.`,
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
                ? 'is already declared or imported by the generated code (generated/openapi.ts, schemas.ts, operations.ts)'
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
