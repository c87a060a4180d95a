/**
 * createRawClient: `{ data, error, response }` instead of exceptions, with
 * openapi-fetch's API (`raw.GET("/sources/{sourceId}", { params: { path } })`)
 * and types, sent through the client's own transport (send.ts): the same URL
 * builder (path parameters encoded, `.`/`..`/empty refused), credentials,
 * timeouts, `maxResponseBytes`, retry policy, logging and redaction as the
 * typed methods. A separate function, so apps that never use it leave it out.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { operationTable } from "../generated/operations.js";
import type { AirbyteClient } from "./client.js";
import { resolveCall, type ResolvedConfig } from "./config.js";
import { configOf, type AirbyteCore } from "./core.js";
import { AirbyteUsageError } from "./errors/index.js";
import { isObject } from "./headers.js";
import type { OperationSpec } from "./operation-spec.js";
import { parseSuccess } from "./response.js";
import { transport, type Where } from "./send.js";
import { fillPath, serializeQuery } from "./url.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;
/** What a raw call's second argument may hold: openapi-fetch's request fields the transport implements. */
const INIT_KEYS = "params body headers signal parseAs".split(" ");

const made = new WeakMap<ResolvedConfig, Client<paths>>();

/**
 * The raw client of `airbyte` (made once per client, on first use). Differences
 * from openapi-fetch: redirects are returned, not followed; middleware
 * (`use`/`eject`) is not supported (use `fetch` or `logger`); `parseAs` is
 * "json" or "text"; network failures, timeouts and oversized answers throw the
 * client's errors; error statuses are retried like the typed methods' before
 * `error` is returned.
 *
 * @example
 * const raw = createRawClient(airbyte);
 * const { data, error, response } = await raw.GET("/health");
 */
export function createRawClient(airbyte: AirbyteClient | AirbyteCore): Client<paths> {
  const config = configOf(airbyte, "createRawClient", "a client or core made by createAirbyteClient(...) or createAirbyteCore(...)");
  let raw = made.get(config);
  if (!raw) {
    const specs = new Map<string, OperationSpec>(Object.values(operationTable as Record<string, OperationSpec>).map((s) => [`${s.method} ${s.path}`, s]));
    const request = (method: string, path: unknown, init?: unknown) => rawCall(config, specs, String(method).toUpperCase(), path, init);
    const refuse = () => {
      throw new AirbyteUsageError("createRawClient: middleware (use/eject) is not supported; the raw client runs on the client's own transport. Pass fetch or logger to createAirbyteClient instead.");
    };
    const client: Record<string, unknown> = { request, use: refuse, eject: refuse };
    for (const method of METHODS) client[method] = (path: unknown, init?: unknown) => request(method, path, init);
    raw = Object.freeze(client) as unknown as Client<paths>;
    made.set(config, raw);
  }
  return raw;
}

async function rawCall(config: ResolvedConfig, specs: Map<string, OperationSpec>, method: string, path: unknown, init: unknown): Promise<{ data?: unknown; error?: unknown; response: Response }> {
  const where = `${method} ${String(path)}`;
  const spec = specs.get(where);
  if (!spec) throw new AirbyteUsageError(`createRawClient: ${where} is not an operation of the Airbyte API; pass a path template of the spec, e.g. "/sources/{sourceId}".`);
  const o = (init ?? {}) as { params?: { path?: unknown; query?: unknown; header?: unknown; cookie?: unknown }; body?: unknown; headers?: unknown; signal?: unknown; parseAs?: unknown };
  if (!isObject(o)) throw new AirbyteUsageError(`${where}: the second argument must be an object ({ ${INIT_KEYS.join(", ")} }).`);
  for (const key of Object.keys(o)) if (!INIT_KEYS.includes(key)) throw new AirbyteUsageError(`${where}: unknown option "${key}"; the raw client takes ${INIT_KEYS.join(", ")}.`);
  const params = o.params ?? {};
  if (!isObject(params)) throw new AirbyteUsageError(`${where}: params must be an object of { path, query, header }.`);
  if (params.cookie !== undefined) throw new AirbyteUsageError(`${where}: params.cookie is not supported; the Airbyte API takes no cookies.`);
  const pathValues = (params.path ?? {}) as Record<string, unknown>;
  if (!isObject(pathValues)) throw new AirbyteUsageError(`${where}: params.path must be an object of { ${spec.pathParams.join(", ")} }.`);
  const parseAs = o.parseAs ?? "json";
  if (parseAs !== "json" && parseAs !== "text") throw new AirbyteUsageError(`${where}: parseAs must be "json" or "text"; the raw client reads every body (capped by maxResponseBytes).`);
  const headers = { ...(params.header as Record<string, string> | undefined), ...(o.headers as Record<string, string> | undefined) };
  const call = resolveCall(config, { signal: o.signal, headers: Object.keys(headers).length ? headers : undefined }, where);
  call.signal?.throwIfAborted();
  const url =
    config.baseUrl +
    fillPath(
      where,
      spec.path,
      spec.pathParams,
      spec.pathParams.map((name) => pathValues[name]),
      (_, name) => `params.path.${name}`,
    ) +
    serializeQuery(where, params.query, spec.queryParams);
  const ok = (response: Response) => response.ok || (response.status >= 300 && response.status < 400);
  const read = (response: Response, text: string | undefined, at: Where) => (text === undefined ? undefined : parseAs === "text" ? text : parseSuccess("json", text, response, at));
  const answer = await transport(
    config,
    { method, url, body: o.body === undefined ? undefined : JSON.stringify(o.body), authenticated: spec.authenticated, followRedirects: false, ok },
    call,
    read,
    true,
  );
  if (answer.error) return { error: answer.text === undefined ? undefined : parseAs === "text" ? answer.text : parseJsonOrText(answer.text), response: answer.response };
  return { data: answer.data, response: answer.response };
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
