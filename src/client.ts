/**
 * createAirbyteClient: one object with a group per tag of the spec and a
 * method per operation, all built from the generated operation table.
 */
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { operationTable, type OperationSpec } from "../generated/operations.js";
import { createAuthenticator, type Authenticator } from "./auth.js";
import { callOperation, fillPath, splitArgs, type CallContext } from "./call.js";
import { systemClock, type Clock } from "./clock.js";
import { AirbyteError } from "./errors/index.js";
import { loggingMiddleware } from "./logger.js";
import type { ClientOptions } from "./options.js";
import { PagePromise, type Page } from "./pagination.js";
import { Redactor } from "./redact.js";
import type { AirbyteClient } from "./types.js";
import { DEFAULT_BASE_URL, joinUrl, normalizeBaseUrl } from "./url.js";
import { VERSION } from "./version.js";

/**
 * Creates a client for the Airbyte public API.
 *
 * @example
 * const airbyte = createAirbyteClient({ auth: { clientId, clientSecret } });
 * const { consentUrl } = await airbyte.sources.initiateOAuth({ redirectUrl, sourceType: "github", workspaceId });
 */
export function createAirbyteClient(options: ClientOptions = {}): AirbyteClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const redactor = new Redactor();
  // Looked up at call time, so a fetch patched in after creating the client is used.
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const headers: Record<string, string> = {
    Accept: "application/json",
    "User-Agent": [options.userAgent, `airbyte-api-client/${VERSION}`].filter(Boolean).join(" "),
    ...options.headers,
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) redactor.addHeader(name, value);
  const clock: Clock = { ...systemClock, ...options.clock };
  const timeoutMs = positive(options.timeoutMs, "timeoutMs") ?? 60_000;
  const totalTimeoutMs = positive(options.totalTimeoutMs, "totalTimeoutMs");
  const logger = options.logger;
  const auth = createAuthenticator(options.auth, { baseUrl, fetch, redactor, headers, clock, timeoutMs, logger });

  // Object query parameters use OpenAPI's default serialization (form, exploded:
  // `code=1&state=2`), not openapi-fetch's deepObject default.
  const raw = createClient<paths>({ baseUrl, fetch, headers, querySerializer: { object: { style: "form", explode: true } } });
  raw.use(authMiddleware(auth, Object.values(operationTable)));
  // After auth, so the logged headers are the ones sent (with Authorization redacted).
  if (logger) raw.use(loggingMiddleware(logger, redactor));

  const ctx: CallContext = { raw, baseUrl, auth, redactor, clock, retry: options.retry, timeoutMs, totalTimeoutMs, logger };
  const groups: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [operationId, spec] of Object.entries(operationTable) as Array<[string, OperationSpec]>) {
    const group = (groups[spec.group] ??= {});
    group[operationId] = spec.paginated
      ? (...args: unknown[]) => paginate(ctx, operationId, spec, args)
      : (...args: unknown[]) => callOperation(ctx, operationId, spec, args);
  }
  for (const group of Object.values(groups)) Object.freeze(group);
  return Object.freeze({ ...groups, raw }) as unknown as AirbyteClient;
}

/** Adds credentials to `airbyte.raw` calls, except for the operations the spec marks public. */
function authMiddleware(auth: Authenticator, specs: readonly OperationSpec[]): Middleware {
  const publicCalls = new Set(specs.filter((s) => !s.authenticated).map((s) => `${s.method} ${s.path}`));
  return {
    async onRequest({ request, schemaPath }) {
      if (request.headers.has("authorization") || publicCalls.has(`${request.method} ${schemaPath}`)) return undefined;
      const header = await auth.header(request.signal);
      if (header) request.headers.set("Authorization", header);
      return request;
    },
  };
}

/** A list call: the same arguments, but every page request goes through `callOperation` with its own offset. */
function paginate(ctx: CallContext, operationId: string, spec: OperationSpec, args: readonly unknown[]) {
  const { path, query, options } = splitArgs(operationId, spec, args);
  const pathArgs = spec.pathParams.map((name) => path[name]);
  return new PagePromise<Page<unknown>, unknown>(
    (pageQuery) => callOperation(ctx, operationId, spec, [...pathArgs, pageQuery, options]) as Promise<Page<unknown>>,
    query ?? {},
    options.signal,
    { method: spec.method, url: joinUrl(ctx.baseUrl, fillPath(spec.path, path)) },
  );
}

function positive(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value <= 0) throw new AirbyteError(`${name} must be a positive number of milliseconds; got ${value}.`);
  return value;
}
