/**
 * createRawClient: the underlying openapi-fetch client of a grouped client (or
 * a core), with the same base URL, headers, fetch and credentials, for when
 * `{ data, error, response }` suits better than exceptions. A separate
 * function, so apps that never use it do not bundle openapi-fetch.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { operationTable } from "../generated/operations.js";
import type { Authenticator } from "./auth.js";
import type { ResolvedConfig } from "./config.js";
import { configOf, type AirbyteCore } from "./core.js";
import { logLine, type Logger } from "./logger.js";
import { redactHeaders, redactUrl, type Redactor } from "./redact.js";
import type { AirbyteClient } from "./client.js";

const made = new WeakMap<ResolvedConfig, Client<paths>>();

/**
 * The openapi-fetch client behind `airbyte` (made once per client, on first use).
 * It returns redirects instead of following them, so credentials never go to another origin.
 *
 * @example
 * const raw = createRawClient(airbyte);
 * const { data, error, response } = await raw.GET("/health");
 */
export function createRawClient(airbyte: AirbyteClient | AirbyteCore): Client<paths> {
  const config = configOf(airbyte, "createRawClient", "a client or core made by createAirbyteClient(...) or createAirbyteCore(...)");
  let raw = made.get(config);
  if (!raw) {
    // Object query parameters use OpenAPI's default serialization (form, exploded:
    // `code=1&state=2`), not openapi-fetch's deepObject default.
    raw = createClient<paths>({
      baseUrl: config.baseUrl,
      fetch: config.fetch,
      headers: config.headers,
      querySerializer: { object: { style: "form", explode: true } },
      redirect: "manual",
    });
    raw.use(authMiddleware(config.auth));
    // After auth, so the logged headers are the ones sent (with Authorization redacted).
    if (config.logger) raw.use(loggingMiddleware(config.logger, config.redactor, config.clock.now));
    made.set(config, raw);
  }
  return raw;
}

/** Adds credentials to raw calls, except for the operations the spec marks public. */
function authMiddleware(auth: Authenticator): Middleware {
  const publicCalls = new Set(Object.values(operationTable).filter((s) => !s.authenticated).map((s) => `${s.method} ${s.path}`));
  return {
    async onRequest({ request, schemaPath }) {
      if (request.headers.has("authorization") || publicCalls.has(`${request.method} ${schemaPath}`)) return undefined;
      const header = await auth.header(request.signal);
      if (header) request.headers.set("Authorization", header);
      return request;
    },
  };
}

/** Logs the raw client's requests and responses (the methods log from send.ts, with their attempt number). */
function loggingMiddleware(logger: Logger, redactor: Redactor, now: () => number): Middleware {
  const started = new Map<string, number>();
  const finish = (id: string) => {
    const ms = now() - (started.get(id) ?? now());
    started.delete(id);
    return ms;
  };
  return {
    onRequest({ request, id }) {
      started.set(id, now());
      logLine(logger, () => `→ ${request.method} ${redactUrl(request.url, redactor)} ${JSON.stringify(redactHeaders(request.headers, redactor))}`);
      return undefined;
    },
    onResponse({ request, response, id }) {
      const ms = finish(id);
      logLine(logger, () => `← ${response.status} ${request.method} ${redactUrl(request.url, redactor)} in ${ms} ms`);
      return undefined;
    },
    onError({ request, error, id }) {
      const ms = finish(id);
      const reason = error instanceof Error ? error.name : "error";
      logLine(logger, () => `✗ ${request.method} ${redactUrl(request.url, redactor)} failed after ${ms} ms (${reason})`);
      return undefined;
    },
  };
}
