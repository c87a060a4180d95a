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
      // The pattern's one group always takes part in a match, and matchAll always sets `index`.
      const name = /** @type {string} */ (m[1]);
      const end = /** @type {number} */ (m.index) + m[0].length;
      // The declaration's head, which prettier may wrap onto the next line.
      const rest = /** @type {string} */ (text.slice(end, end + 300).split(/[;{]/, 1)[0]);
      // A schema's own type, or an operation's standalone function: the spec's names, not the generator's.
      if (rest.includes(`Schema<${JSON.stringify(name)}>`) || /^:\s*OperationFunction</.test(rest)) continue;
      names.add(name);
    }
    // Imports, and re-exports (`export type { OperationSpec } from ...`), which src/index.ts exports again beside the schemas.
    for (const m of text.matchAll(/^(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"/gm)) {
      // Schema types imported from schemas.js are schema names.
      if (/** @type {string} */ (m[2]).endsWith('/schemas.js')) continue;
      for (const part of /** @type {string} */ (m[1]).split(',')) {
        // `A`, `A as B`, `type A`, `type A as B`: the local (or exported) name is the last word.
        const local = part.trim().split(/\s/).pop();
        if (local) names.add(local);
      }
    }
  }
  // Sorted by UTF-16 code units, the default order (locale independent).
  return [...names].sort();
}

/** @param {URL} url */
function readIfThere(url) {
  try {
    return readFileSync(url, 'utf8');
  } catch {
    // Not generated yet: undefined.
  }
}

/**
 * What emittedNames reads from generated/ as committed, for a copy that has
 * no generated/ yet. A test keeps it equal to the names read from the
 * committed files, so it cannot fall behind what the generator emits.
 */
export const BEFORE_ANY_GENERATE = Object.freeze(['$defs', 'GroupName', 'HttpMethod', 'OperationFunction', 'OperationId', 'OperationSpec', 'OperationTable', 'OperationTypes', 'Schema', 'components', 'decodeTable', 'operation', 'operationTable', 'operations', 'pagedOperation', 'paths', 'serializeQuery', 'webhooks']);

/** The repository's generated/ folder, which `npm run generate` writes and the rule reads. */
export const GENERATED_DIR = new URL('../../../generated/', import.meta.url);

/**
 * The names emittedNames reads from `dir`, read again only when an emitted
 * file changed (its modification time or size), appeared or went away: a
 * lint run after `npm run generate` sees the new names, and the lint runs
 * between two generates do not read the files again.
 * @param {URL} dir
 * @param {(dir: string) => string[]} read
 * @returns {() => string[]}
 */
export function namesOf(dir, read = emittedNames) {
  /** @type {{ key: string, names: string[] } | undefined} */
  let lastRead;
  return () => {
    const key = JSON.stringify(
      EMITTED_FILES.map((file) => {
        const s = statSync(new URL(file, dir), { throwIfNoEntry: false });
        return s && [s.mtimeMs, s.size];
      }),
    );
    if (lastRead?.key !== key) lastRead = { key, names: read(dir.href) };
    return lastRead.names;
  };
}

const generatedNames = namesOf(GENERATED_DIR);

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
        operation.tags?.forEach((tag, i) => {
          if (typeof tag !== 'string') return;
          const group = lowerFirst(tag);
          // (Object.prototype's names begin in lower case or `_`: a tag among them is its own group name.)
          if (clash(group, PROTOTYPE, CLIENT_MEMBERS)) {
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
