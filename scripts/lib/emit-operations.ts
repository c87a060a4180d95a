/**
 * generated/operations.ts: the table of every operation, as data (how to call
 * it) and as types (its arguments and result). src/ builds the client's
 * methods from this table alone.
 */
import type { OperationModel } from "./openapi-model.js";

function docComment(op: OperationModel): string {
  const lines = [
    op.summary ?? op.operationId,
    "",
    `\`${op.method} ${op.path}\`${op.authenticated ? "" : " (sends no credentials)"}`,
    ...(op.description ? ["", ...op.description.trim().split("\n")] : []),
    ...op.pathParams.filter((p) => p.description).map((p) => `@param ${p.name} ${p.description}`),
    ...(op.deprecated ? ["@deprecated"] : []),
  ];
  return ["/**", ...lines.map((l) => ` * ${l.replace(/\*\//g, "*\\/")}`.trimEnd()), " */"].join("\n");
}

/** The positional arguments of the method, as a labelled tuple. */
function argsTuple(op: OperationModel): string {
  const args = op.pathParams.map((p) => `${p.name}: ${p.type}`);
  const queryRequired = op.queryParams.some((q) => q.required);
  if (op.body) {
    // A required argument may not follow an optional one.
    const optional = !op.body.required && !queryRequired;
    args.push(`body${optional ? "?" : ""}: ${op.body.type}${!op.body.required && !optional ? " | undefined" : ""}`);
  }
  if (op.queryType) args.push(`query${queryRequired ? "" : "?"}: ${op.queryType}`);
  return `[${args.join(", ")}]`;
}

function tableEntry(op: OperationModel): string {
  const entry = {
    group: op.group,
    method: op.method,
    path: op.path,
    pathParams: op.pathParams.map((p) => p.name),
    queryParams: op.queryParams.map((q) => q.name),
    body: op.body ? { mediaType: op.body.mediaType, required: op.body.required } : null,
    success: { status: op.success.status, kind: op.success.kind },
    authenticated: op.authenticated,
    paginated: op.pageItemType !== undefined,
  };
  return `${op.operationId}: ${JSON.stringify(entry)},`;
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
  const groups = [...new Set(ops.map((op) => op.group))].sort();
  return `
${needsOperations ? 'import type { operations } from "./openapi.js";' : ""}
${used.size ? `import type { ${[...used].sort().join(", ")} } from "./schemas.js";` : ""}

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** How to call one operation: everything the client needs at run time. */
export interface OperationSpec {
  /** The client group the method lives in (camelCase of the operation's tag). */
  readonly group: string;
  readonly method: HttpMethod;
  /** Path template relative to the base URL, e.g. \`/sources/{sourceId}\`. */
  readonly path: string;
  /** Path parameter names in the order they appear in the path (= argument order). */
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly body: { readonly mediaType: string; readonly required: boolean } | null;
  /** The documented success status and what its body is. */
  readonly success: { readonly status: number; readonly kind: "json" | "text" | "none" };
  /** False when the spec says \`security: []\`: no credentials are sent. */
  readonly authenticated: boolean;
  /** A list operation paged by \`limit\`/\`offset\` whose answer is \`{ data, next, previous }\`. */
  readonly paginated: boolean;
}

/** Every operation of the spec, by operationId. */
export const operationTable = {
${ops.map(tableEntry).join("\n")}
} as const satisfies Record<string, OperationSpec>;

export type OperationId = keyof typeof operationTable;

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
