/**
 * A list call that pages: the same arguments, but each page request goes
 * through `callOperation` with its own offset. A paged operation always has a
 * query (limit, offset), so the query serializer comes with pagination.
 */
import type { OperationSpec } from "../generated/operations.js";
import { callOperation } from "./call.js";
import type { ResolvedConfig } from "./config.js";
import { PagePromise, type Page } from "./pagination.js";
import { fillPath, serializeQuery } from "./url.js";

export function paginate(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[]): PagePromise<Page<unknown>, unknown> {
  const n = spec.pathParams.length;
  const pathArgs = args.slice(0, n);
  const query = (args[n] ?? {}) as Record<string, unknown>;
  const options = args[n + 1] as { signal?: AbortSignal } | undefined;
  return new PagePromise<Page<unknown>, unknown>(
    (pageQuery) => callOperation(config, id, spec, [...pathArgs, pageQuery, options], serializeQuery) as never,
    query,
    options?.signal,
    { method: spec.method, url: listUrl(config, id, spec, pathArgs) },
  );
}

/** The list's URL (no query) for errors about a page; a bad path argument is reported by the page request itself. */
function listUrl(config: ResolvedConfig, id: string, spec: OperationSpec, pathArgs: readonly unknown[]): string {
  try {
    return config.baseUrl + fillPath(id, spec.path, spec.pathParams, pathArgs);
  } catch {
    return config.baseUrl + spec.path;
  }
}
