/**
 * generated/operations.ts: the table of every operation, as data (how to call
 * it) and as types (its arguments and result). src/ builds the client's
 * methods from this table alone.
 */
import type { OperationModel } from "./model.js";

function docComment(op: OperationModel, standalone = false): string {
  const lines = [
    op.summary ?? op.operationId,
    "",
    ...(standalone ? [`Standalone form of \`airbyte.${op.group}.${op.operationId}\`: pass a core from createAirbyteCore first.`, ""] : []),
    `\`${op.method} ${op.path}\`${op.authenticated ? "" : " (sends no credentials)"}`,
    ...(op.description ? ["", ...op.description.trim().split("\n")] : []),
    ...op.pathParams.filter((p) => p.description).map((p) => `@param ${p.name} ${p.description}`),
    ...(op.deprecated ? ["@deprecated"] : []),
  ];
  return ["/**", ...lines.map((l) => ` * ${l.replace(/\*\//g, "*\\/")}`.trimEnd()), " */"].join("\n");
}

/** Words that cannot label a tuple element (`[class: string]` does not parse). */
const RESERVED_WORDS = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with implements interface let package private " +
    "protected public static yield await").split(" "),
);

/** The positional arguments of the method, as a labelled tuple (a path parameter named `class` is labelled `class_`). */
function argsTuple(op: OperationModel): string {
  const args = op.pathParams.map((p) => `${RESERVED_WORDS.has(p.name) ? `${p.name}_` : p.name}: ${p.type}`);
  const queryRequired = op.queryParams.some((q) => q.required);
  if (op.body) {
    // A required argument may not follow an optional one.
    const optional = !op.body.required && !queryRequired;
    args.push(`body${optional ? "?" : ""}: ${op.body.type}${!op.body.required && !optional ? " | undefined" : ""}`);
  }
  if (op.queryType) args.push(`query${queryRequired ? "" : "?"}: ${op.queryType}`);
  return `[${args.join(", ")}]`;
}

/** The runtime entry of one operation as the fields src/ reads (the type of its `operationTable` entry). */
export function specEntry(op: OperationModel) {
  return {
    group: op.group,
    method: op.method,
    path: op.path,
    pathParams: op.pathParams.map((p) => p.name),
    queryParams: op.queryParams.map((q) => q.name),
    body: op.body ? { required: op.body.required } : null,
    success: op.success.status >= 300 && op.success.status < 400 ? "redirect" : op.success.kind,
    authenticated: op.authenticated,
    paginated: op.pageItemType !== undefined,
  };
}

/**
 * The runtime entry in the table, encoded as one short string that
 * src/operation.ts decodes (`decodeSpec`):
 * "<group> <METHOD> <path> <query,params> <flags>". Path parameters are read
 * back from the path (they are in path order); flags: B/b body
 * required/optional, t/n/r success text/none/redirect (json when absent), u
 * unauthenticated, p paginated. Minified, the 92 strings are 40% of the object
 * literals they replace.
 */
export function specString(op: OperationModel): string {
  const e = specEntry(op);
  const fromPath = [...e.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  if (fromPath.join() !== e.pathParams.join()) throw new Error(`${op.operationId}: path parameters ${e.pathParams.join(", ")} are not those of ${e.path}, in order.`);
  for (const part of [e.group, e.path, ...e.queryParams]) {
    if (!/^[^\s,]+$/.test(part)) throw new Error(`${op.operationId}: ${JSON.stringify(part)} cannot be encoded in the operation table (no spaces or commas).`);
  }
  const flags =
    (e.body ? (e.body.required ? "B" : "b") : "") +
    ({ json: "", text: "t", none: "n", redirect: "r" } as const)[e.success] +
    (e.authenticated ? "" : "u") +
    (e.paginated ? "p" : "");
  return JSON.stringify([e.group, e.method, e.path, e.queryParams.join(","), flags].join(" "));
}

/** The exact type of a decoded entry, as `as const` would give it. */
function typeLiteral(value: unknown): string {
  if (Array.isArray(value)) return `readonly [${value.map(typeLiteral).join(", ")}]`;
  if (value && typeof value === "object") return `{ ${Object.entries(value).map(([k, v]) => `readonly ${k}: ${typeLiteral(v)};`).join(" ")} }`;
  return JSON.stringify(value);
}

/** A standalone function that passes the query serializer to its builder: not paged, with query parameters. */
function needsSerializer(op: OperationModel): boolean {
  return op.pageItemType === undefined && op.queryParams.length > 0;
}

/**
 * A standalone function carries its entry as an object literal (without the
 * group, which only the grouped client reads): for the few operations an app
 * imports, that is smaller than the decoder of the string form.
 */
function standaloneFunction(op: OperationModel): string {
  const builder = op.pageItemType !== undefined ? "pagedOperation" : "operation";
  const { group: _group, paginated: _paginated, ...entry } = specEntry(op);
  // The query serializer goes only to the operations with a query (a paged one gets it through pagination).
  const serializer = needsSerializer(op) ? ", serializeQuery" : "";
  return `${docComment(op, true)}
export const ${op.operationId}: OperationFunction<OperationTypes[${JSON.stringify(op.operationId)}]> = /* @__PURE__ */ ${builder}(${JSON.stringify(op.operationId)}, ${JSON.stringify(entry)}${serializer});`;
}

export function emitOperations(ops: readonly OperationModel[], schemaNames: readonly string[]): string {
  const used = new Set<string>();
  for (const op of ops) {
    for (const t of [...op.pathParams.map((p) => p.type), op.body?.type, op.success.type, op.pageItemType]) {
      if (t && schemaNames.includes(t)) used.add(t);
    }
  }
  const needsOperations = ops.some((op) =>
    [...op.pathParams.map((p) => p.type), op.body?.type ?? "", op.success.type, op.queryType ?? ""].some((t) =>
      t.includes("operations["),
    ),
  );
  const builders = [
    ...(ops.some((op) => op.pageItemType === undefined) ? ["operation"] : []),
    ...(ops.some((op) => op.pageItemType !== undefined) ? ["pagedOperation"] : []),
  ];
  const groups = [...new Set(ops.map((op) => op.group))].sort();
  return `
${needsOperations ? 'import type { operations } from "./openapi.js";' : ""}
${used.size ? `import type { ${[...used].sort().join(", ")} } from "./schemas.js";` : ""}
import { ${["decodeTable", ...builders].join(", ")} } from "../src/operation.js";
${ops.some(needsSerializer) ? 'import { serializeQuery } from "../src/url.js";' : ""}
import type { OperationFunction } from "../src/types.js";

export type { HttpMethod, OperationSpec } from "../src/operation-spec.js";

/** The entry of every operation in \`operationTable\`, exactly. */
export type OperationTable = {
${ops.map((op) => `readonly ${op.operationId}: ${typeLiteral(specEntry(op))};`).join("\n")}
};

/** Every operation of the spec, by operationId (decoded once, when first imported; dropped by bundles that do not use it). */
export const operationTable: OperationTable = /* @__PURE__ */ decodeTable({
${ops.map((op) => `${op.operationId}: ${specString(op)},`).join("\n")}
}) as OperationTable;

export type OperationId = keyof OperationTable;

/** The client groups, one per tag of the spec. */
export type GroupName = ${groups.map((g) => JSON.stringify(g)).join(" | ") || "never"};

/**
 * Arguments (path parameters, then the body or query object) and result of
 * every operation; \`item\` is the type of one element of a paginated list.
 */
export interface OperationTypes {
${ops
  .map(
    (op) => `${docComment(op)}
${op.operationId}: {
  group: ${JSON.stringify(op.group)};
  args: ${argsTuple(op)};
  result: ${op.success.type};${op.pageItemType ? `\n  item: ${op.pageItemType};` : ""}
};`,
  )
  .join("\n")}
}

// Standalone operation functions: \`await ${ops[0]?.operationId ?? "operation"}(core, ...)\` with a core from
// createAirbyteCore. Each is pure, so a bundler keeps only the ones an app imports.
${ops.map(standaloneFunction).join("\n\n")}
`;
}

export function emitSchemas(schemas: ReadonlyArray<{ name: string; description?: string; isObject: boolean }>): string {
  return `
import type { components } from "./openapi.js";

/** A schema of the spec by name (the interfaces below extend it, keeping their name in editors). */
type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

${schemas
  .map((s) => {
    const doc = s.description
      ? `/**\n${s.description
          .trim()
          .split("\n")
          .map((l) => ` * ${l.replace(/\*\//g, "*\\/")}`.trimEnd())
          .join("\n")}\n */\n`
      : "";
    // An interface keeps its name in hovers and error messages; other shapes stay aliases.
    return s.isObject
      ? `${doc}export interface ${s.name} extends Schema<${JSON.stringify(s.name)}> {}`
      : `${doc}export type ${s.name} = Schema<${JSON.stringify(s.name)}>;`;
  })
  .join("\n\n")}
`;
}
