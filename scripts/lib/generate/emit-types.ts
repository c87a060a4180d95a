/**
 * The TypeScript types of the whole API (paths, operations, components), by
 * openapi-typescript, with one addition: enums marked `x-open-enum: true`
 * become `"known" | "values" | (string & {})`, which keeps autocomplete for
 * the known values and still accepts any string the server may add.
 */
import type { Config } from "@redocly/openapi-core";
import type { OpenAPI3, SchemaObject } from "openapi-typescript";
import type { TypeNode } from "typescript";
import { redocly } from "../shared/cjs.js";
import { openapiTS } from "../shared/cjs-openapi-typescript.js";
import { ts } from "../shared/cjs-typescript.js";

export const OPEN_ENUM = "x-open-enum";

/** `"a" | "b" | (string & {})` for an open enum of strings. */
function openEnumType(values: readonly string[]): TypeNode {
  const known = values.map((v) => ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(v)));
  const anyOther = ts.factory.createParenthesizedType(
    ts.factory.createIntersectionTypeNode([
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      ts.factory.createTypeLiteralNode([]),
    ]),
  );
  return ts.factory.createUnionTypeNode([...known, anyOther]);
}

/** The string values of an enum marked open, or undefined when the schema is not one. */
function openEnumValues(schema: SchemaObject): string[] | undefined {
  const s = schema as SchemaObject & Record<string, unknown>;
  if (s[OPEN_ENUM] !== true || !Array.isArray(s.enum)) return undefined;
  // The linter (airbyte/open-enum-of-strings) allows only strings and null here.
  return s.enum.filter((v): v is string => typeof v === "string");
}

/**
 * openapi-typescript's own entry point (openapiTS) lints and bundles its
 * input again (serializing, walking and copying the whole document) before
 * transforming it; ours arrives linted and bundled, so this calls its
 * transform with the context openapiTS would build for these options (the
 * defaults of openapi-typescript 7, pinned in package-lock.json; the fixture
 * snapshots and check:drift pin the output). About 0.15 s of a cold run.
 */
type Context = Parameters<typeof openapiTS.transformSchema>[1];

let noRules: Promise<Config> | undefined;

function transform(schema: SchemaObject): TypeNode | undefined {
  const values = openEnumValues(schema);
  if (!values) return undefined;
  const type = openEnumType(values);
  // Nullable enums (type: [string, "null"], or null among the values) keep their null.
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes("null") || (schema.enum ?? []).includes(null)
    ? ts.factory.createUnionTypeNode([type, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
    : type;
}

export async function emitTypes(bundled: OpenAPI3): Promise<string> {
  noRules ??= redocly.createConfig({ rules: {} }, { extends: [] });
  // As through openapiTS, the transform marks discriminator properties in the
  // document it is given (pipeline.ts hashes the document after this).
  const schema = bundled;
  const options = { silent: true, defaultNonNullable: false, transform };
  const ctx: Context = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    // A default is what the server assumes when a field is left out; it does
    // not make the field required in what we send.
    defaultNonNullable: false,
    discriminators: openapiTS.scanDiscriminators(schema, options),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: await noRules,
    silent: true,
    inject: undefined,
    transform,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: <T>($ref: string) => openapiTS.resolveRef<T>(schema, $ref, { silent: true }),
  };
  return openapiTS.astToString(openapiTS.transformSchema(schema, ctx));
}
