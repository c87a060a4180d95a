/**
 * The operation table's runtime form, and the builders of the standalone
 * operation functions generated into generated/operations.ts. A table entry
 * is one short string there (see scripts/lib/generate/emit-operations.ts), decoded
 * here once; a standalone function carries its own entry as an object. Every
 * builder call is annotated pure, so a bundler drops every function (and its
 * entry) an app does not import, and the table with its decoder unless the
 * grouped client or the table itself is used.
 */
import type { OperationSpec } from "./operation-spec.js";
import { apiPromise } from "./api-promise.js";
import { callOperation } from "./call.js";
import { configOf, type AirbyteCore } from "./core.js";
import { paginate } from "./pagination.js";
import type { OperationFunction, OperationShape } from "./types.js";
import type { QuerySerializer } from "./url.js";

const SUCCESS = { t: "text", n: "none", r: "redirect" } as const;

/**
 * "<group> <METHOD> <path> <query,params> <flags>" as an OperationSpec. Path
 * parameters are those of the path, in order; flags: B/b body required or
 * optional, t/n/r success text/none/redirect (json otherwise), u sends no
 * credentials, p paginated.
 */
export function decodeSpec(text: string): OperationSpec {
  const [group, method, path, query, flags] = text.split(" ") as [string, OperationSpec["method"], string, string, string];
  const has = (flag: string) => flags.includes(flag);
  return {
    group,
    method,
    path,
    pathParams: path.match(/[^{}]+(?=\})/g) ?? [],
    queryParams: query ? query.split(",") : [],
    body: has("B") || has("b") ? { required: has("B") } : null,
    success: SUCCESS[flags.match(/[tnr]/)?.[0] as keyof typeof SUCCESS] ?? "json",
    authenticated: !has("u"),
    paginated: has("p"),
  };
}

export function decodeTable(table: Record<string, string>): Record<string, OperationSpec> {
  const out: Record<string, OperationSpec> = {};
  for (const id in table) out[id] = decodeSpec(table[id] as string);
  return out;
}

/** A standalone function's entry: the call reads neither the group nor the paginated flag (the builder is chosen by it). */
export type StandaloneSpec = Omit<OperationSpec, "group" | "paginated">;

/**
 * An operation with query parameters is given the query serializer by its
 * generated entry; one without is not, so a bundle of such operations leaves
 * the serializer out. The overloads make a missing serializer a type error.
 */
export function operation<T extends OperationShape>(id: string, entry: StandaloneSpec & { readonly queryParams: readonly [] }): OperationFunction<T>;
export function operation<T extends OperationShape>(id: string, entry: StandaloneSpec, serialize: QuerySerializer): OperationFunction<T>;
export function operation<T extends OperationShape>(id: string, entry: StandaloneSpec, serialize?: QuerySerializer): OperationFunction<T> {
  const spec = entry as OperationSpec;
  const fn = (core: AirbyteCore, ...args: unknown[]) => {
    let config;
    try {
      config = configOf(core, id);
    } catch (error) {
      // Like every usage error of a call: a rejection, not a synchronous throw.
      return apiPromise(Promise.reject(error));
    }
    return callOperation(config, id, spec, args, serialize);
  };
  return fn as unknown as OperationFunction<T>;
}

export function pagedOperation<T extends OperationShape>(id: string, entry: StandaloneSpec): OperationFunction<T> {
  const spec = entry as OperationSpec;
  return ((core: AirbyteCore, ...args: unknown[]) => paginate(configOf(core, id), id, spec, args)) as unknown as OperationFunction<T>;
}
