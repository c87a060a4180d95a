/**
 * Which operations the contract check may call, and with which arguments.
 * Only GETs that change nothing; ids come from what earlier answers listed.
 */

/** GET operations that still must not be called by a read-only check. */
export const UNSAFE_GETS: Readonly<Record<string, string>> = {
  oauthCallback: "completes an OAuth consent and stores its secret",
  getDocumentation: "serves the HTML reference, not JSON",
};

export interface PlannedOperation {
  operationId: string;
  /** Path template, e.g. `/sources/{sourceId}`. */
  path: string;
  pathParams: string[];
  /** Query parameters the operation requires (they must come from earlier answers or the spec's enum). */
  requiredQuery: string[];
  /** Values of required parameters that are enums (e.g. `type=source`): tried without waiting for an answer. */
  enumValues: Record<string, Array<string | number>>;
  /** True when the operation takes `limit` (lists): the check asks for few items. */
  takesLimit: boolean;
  /** False for operations the spec marks public (`security: []`). */
  authenticated: boolean;
}

interface SpecParameter {
  name?: string;
  in?: string;
  required?: boolean;
  schema?: { enum?: Array<string | number>; $ref?: string };
  $ref?: string;
}

/** The safe operations of a bundled spec: every GET except UNSAFE_GETS, fewest parameters first. */
export function safeOperations(bundled: Record<string, unknown>): PlannedOperation[] {
  const planned: PlannedOperation[] = [];
  const paths = (bundled.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    const op = item.get as { operationId?: string; parameters?: SpecParameter[]; security?: unknown[] } | undefined;
    if (!op?.operationId || op.operationId in UNSAFE_GETS) continue;
    const params = [...((item.parameters as SpecParameter[] | undefined) ?? []), ...(op.parameters ?? [])].map((p) => deref(bundled, p));
    const enumValues: Record<string, Array<string | number>> = {};
    for (const p of params) {
      const values = p.required && p.schema ? deref(bundled, p.schema).enum : undefined;
      if (p.name && Array.isArray(values)) enumValues[p.name] = values;
    }
    planned.push({
      operationId: op.operationId,
      path,
      pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ""),
      requiredQuery: params.filter((p) => p.in === "query" && p.required).map((p) => p.name ?? ""),
      enumValues,
      takesLimit: params.some((p) => p.in === "query" && p.name === "limit"),
      authenticated: !(Array.isArray(op.security) && op.security.length === 0),
    });
  }
  const weight = (p: PlannedOperation) => p.pathParams.length + p.requiredQuery.length;
  // The health check first: it tells a wrong base URL from wrong credentials.
  return planned.sort((a, b) => Number(b.operationId === "getHealthCheck") - Number(a.operationId === "getHealthCheck") || weight(a) - weight(b));
}

function deref<T extends { $ref?: string }>(bundled: Record<string, unknown>, p: T): T {
  if (!p.$ref?.startsWith("#/")) return p;
  let node: unknown = bundled;
  for (const token of p.$ref.slice(2).split("/")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[token] : undefined;
  return (node ?? {}) as T;
}

/**
 * Ids seen in answers, by field name (`sourceId`, `workspaceId`...), plus the
 * items of each list by its path, so `/sources/{sourceId}` takes its ids from
 * the answer of `/sources` and a source definition id is never tried as a
 * destination definition.
 */
export class IdPool {
  private readonly byName = new Map<string, Array<string | number>>();
  private readonly lists = new Map<string, unknown[]>();

  constructor(private readonly limit: number) {}

  /** Remembers the ids in an answer of the operation at `path`. */
  collect(path: string, body: unknown): void {
    const items = listItems(body);
    if (items) this.lists.set(path, items);
    this.walk(body, 0);
  }

  /** Up to `limit` values for a parameter of the operation at `path`. */
  values(path: string, param: string, last: boolean): Array<string | number> {
    if (last) {
      const parent = path.slice(0, path.lastIndexOf("/"));
      const items = this.lists.get(parent);
      if (items) {
        const fromList = unique(items.map((item) => idOf(item, param)).filter((v): v is string | number => v !== undefined));
        return fromList.slice(0, this.limit);
      }
    }
    return (this.byName.get(param) ?? []).slice(0, this.limit);
  }

  private walk(node: unknown, depth: number): void {
    if (depth > 4 || !node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, this.limit)) this.walk(item, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (/Id$/.test(key) && (typeof value === "string" || typeof value === "number") && value !== "") {
        const known = this.byName.get(key) ?? [];
        if (!known.includes(value) && known.length < this.limit) this.byName.set(key, [...known, value]);
      } else this.walk(value, depth + 1);
    }
  }
}

function listItems(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (!body || typeof body !== "object") return undefined;
  const arrays = Object.values(body as Record<string, unknown>).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0] : (body as { data?: unknown[] }).data;
}

function idOf(item: unknown, param: string): string | number | undefined {
  if (!item || typeof item !== "object") return undefined;
  const record = item as Record<string, unknown>;
  const value = record[param] ?? record.id;
  return typeof value === "string" || typeof value === "number" ? value : undefined;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
