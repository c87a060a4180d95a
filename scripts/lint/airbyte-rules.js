// Plain JavaScript: Redocly loads its plugins as JavaScript modules.
// @ts-check
/**
 * Redocly plugin with this project's own lint rules. Loaded by redocly.yaml.
 * Plain JavaScript because Redocly imports plugins at run time; types are
 * checked through `// @ts-check` (see tsconfig.json).
 *
 * Each rule is configured in redocly.yaml, documented in scripts/lint/RULES.md
 * and tested against a failing fixture in test/lint/. Rules longer than a
 * screen live in scripts/lint/rules/.
 */

import { generatedIdentifiers } from './rules/generated-identifiers.js';
import { operationGlobalErrors } from './rules/operation-global-errors.js';
import { operationIdUnique } from './rules/operation-id-unique.js';
import { operationTagDefined } from './rules/operation-tag-defined.js';
import { responseEnumDeclared } from './rules/response-enum-declared.js';
import { specFileReached } from './rules/spec-file-reached.js';

const CAMEL_CASE = /^[a-z][a-zA-Z0-9]*$/;

/**
 * @typedef {{ report(problem: { message: string, location?: unknown }): void,
 *   location: { key(): unknown, child(path: string | number | Array<string | number>): { key(): unknown } & object },
 *   resolve(node: unknown): { node: unknown } }} Ctx
 */

/**
 * Property names are camelCase, the API's wire convention; `allow` lists the
 * exceptions the server really uses.
 * @param {{ allow?: string[] }} options
 */
function propertyCamelCase(options) {
  const allow = new Set(options.allow ?? []);
  return {
    Schema: {
      /** @param {{ properties?: Record<string, unknown> }} schema @param {Ctx} ctx */
      enter(schema, ctx) {
        for (const name of Object.keys(schema.properties ?? {})) {
          if (CAMEL_CASE.test(name) || allow.has(name)) continue;
          ctx.report({
            message: `Property \`${name}\` is not camelCase. Rename it, or if the server really uses this name, add it to \`allow\` of airbyte/property-camel-case in redocly.yaml.`,
            location: ctx.location.child(['properties', name]).key(),
          });
        }
      },
    },
  };
}

/**
 * Every 4xx/5xx response has a body, and every media type of it is the
 * shared RFC 9457 schema (by default `Problem`), referenced rather than
 * copied, so the client can parse every error the same way.
 * @param {{ schema?: string }} options
 */
function errorResponsesUseProblem(options) {
  const schemaName = options.schema ?? 'Problem';
  /** @param {unknown} ref */
  const refNames = (ref) => {
    if (typeof ref !== 'string') return false;
    const last = ref.split(/[/#]/).filter(Boolean).pop() ?? '';
    return last === schemaName || last === `${schemaName}.yaml` || last === `${schemaName}.yml` || last === `${schemaName}.json`;
  };
  return {
    Response: {
      /** @param {{ content?: Record<string, { schema?: { $ref?: unknown } }> }} response @param {Ctx & { key: string | number }} ctx */
      enter(response, ctx) {
        const status = String(ctx.key);
        if (!/^[45](\d\d|XX)$/.test(status)) return;
        const content = response.content ?? {};
        const mediaTypes = Object.keys(content);
        if (mediaTypes.length === 0) {
          ctx.report({
            message: `Response ${status} has no body. Error responses must carry a \`${schemaName}\` body: use a response from spec/components/responses/.`,
            location: ctx.location.key(),
          });
          return;
        }
        for (const mediaType of mediaTypes) {
          const schema = content[mediaType]?.schema;
          if (!schema || !refNames(schema.$ref)) {
            ctx.report({
              message: `Response ${status} (${mediaType}) must reference the \`${schemaName}\` schema, not an inline or other schema.`,
              location: ctx.location.child(['content', mediaType]).key(),
            });
          }
        }
      },
    },
  };
}

/**
 * Every operation has exactly one tag: the tag is the client's method group
 * (`Sources` -> `airbyte.sources`), so none or several would leave the method
 * without a home or with two. The tag must be a PascalCase word so the group
 * is a valid identifier.
 */
function operationInOneGroup() {
  return {
    Operation: {
      /** @param {{ tags?: unknown[], operationId?: string }} operation @param {Ctx} ctx */
      enter(operation, ctx) {
        const tags = operation.tags ?? [];
        const id = operation.operationId ?? 'This operation';
        if (tags.length !== 1) {
          ctx.report({
            message: `${id} has ${tags.length} tags; it needs exactly one, naming its group (e.g. \`tags: [Sources]\`).`,
            location: tags.length === 0 ? ctx.location : ctx.location.child('tags'),
          });
          return;
        }
        if (typeof tags[0] !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(tags[0])) {
          ctx.report({
            message: `${id}'s tag \`${String(tags[0])}\` must be one PascalCase word (e.g. SourceDefinitions): it becomes the client group name.`,
            location: ctx.location.child(['tags', 0]),
          });
        }
      },
    },
  };
}

/**
 * `x-open-enum: true` may only mark an enum of strings: the generator turns it
 * into `"a" | "b" | (string & {})`, which means nothing for other types.
 */
function openEnumOfStrings() {
  return {
    Schema: {
      /** @param {{ enum?: unknown[], 'x-open-enum'?: unknown, type?: unknown }} schema @param {Ctx} ctx */
      enter(schema, ctx) {
        if (!('x-open-enum' in schema)) return;
        if (schema['x-open-enum'] !== true) {
          ctx.report({ message: '`x-open-enum` must be `true` (or removed).', location: ctx.location.child('x-open-enum') });
          return;
        }
        const values = schema.enum;
        const strings = Array.isArray(values) ? values.filter((v) => typeof v === 'string') : [];
        if (!Array.isArray(values) || strings.length === 0 || !values.every((v) => typeof v === 'string' || v === null)) {
          ctx.report({
            message: '`x-open-enum: true` needs an `enum` of strings beside it (plus `null` for a nullable enum).',
            location: ctx.location.child('x-open-enum'),
          });
        }
      },
    },
  };
}

/**
 * Every operation declares its success: a 2xx response, or a 3xx for
 * endpoints whose job is to redirect (the OAuth callback). Replaces Redocly's
 * operation-2xx-response, which knows no redirect endpoints.
 */
function operationSuccessResponse() {
  return {
    Operation: {
      /** @param {{ responses?: Record<string, unknown>, operationId?: string }} operation @param {Ctx} ctx */
      enter(operation, ctx) {
        const codes = Object.keys(operation.responses ?? {});
        if (codes.some((c) => /^[23](\d\d|XX)$/.test(c))) return;
        ctx.report({
          message: `${operation.operationId ?? 'This operation'} declares no success response: add a 2xx (or a 3xx for a redirect endpoint).`,
          location: ctx.location.child('responses').key(),
        });
      },
    },
  };
}

export default function airbyteRules() {
  return {
    id: 'airbyte',
    rules: {
      oas3: {
        'property-camel-case': propertyCamelCase,
        'error-responses-use-problem': errorResponsesUseProblem,
        'operation-in-one-group': operationInOneGroup,
        'open-enum-of-strings': openEnumOfStrings,
        'operation-success-response': operationSuccessResponse,
        'spec-file-reached': specFileReached,
        'response-enum-declared': responseEnumDeclared,
        'operation-id-unique': operationIdUnique,
        'operation-tag-defined': operationTagDefined,
        'generated-identifiers': generatedIdentifiers,
        'operation-global-errors': operationGlobalErrors,
      },
    },
  };
}
