/**
 * The TypeScript types of the whole API (paths, operations, components), by
 * openapi-typescript, with one addition: enums marked `x-open-enum: true`
 * become `"known" | "values" | (string & {})`, which keeps autocomplete for
 * the known values and still accepts any string the server may add.
 */
import openapiTS, { astToString, type OpenAPI3, type SchemaObject } from "openapi-typescript";
import ts from "typescript";

export const OPEN_ENUM = "x-open-enum";

/** `"a" | "b" | (string & {})` for an open enum of strings. */
function openEnumType(values: readonly string[]): ts.TypeNode {
  const known = values.map((v) => ts.factory.createLiteralTypeNode(ts.factory.createStringLiteral(v)));
  const anyOther = ts.factory.createParenthesizedType(
    ts.factory.createIntersectionTypeNode([
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      ts.factory.createTypeLiteralNode([]),
    ]),
  );
  return ts.factory.createUnionTypeNode([...known, anyOther]);
}

function isOpenEnum(schema: SchemaObject): schema is SchemaObject & { enum: string[] } {
  const s = schema as SchemaObject & Record<string, unknown>;
  return s[OPEN_ENUM] === true && Array.isArray(s.enum) && s.enum.every((v) => typeof v === "string");
}

export async function emitTypes(bundled: OpenAPI3): Promise<string> {
  const nodes = await openapiTS(bundled, {
    silent: true,
    // A default is what the server assumes when a field is left out; it does
    // not make the field required in what we send.
    defaultNonNullable: false,
    transform(schema) {
      if (!isOpenEnum(schema)) return undefined;
      const type = openEnumType(schema.enum);
      // `nullable` enums (type: [string, "null"]) keep their null.
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      return types.includes("null")
        ? ts.factory.createUnionTypeNode([type, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
        : type;
    },
  });
  return astToString(nodes);
}
