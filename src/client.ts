/**
 * createAirbyteClient: one object with a group per tag of the spec and a
 * method per operation, all built from the generated operation table.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { operationTable, type OperationSpec } from "../generated/operations.js";
import { authStrategy, type Authenticator } from "./auth.js";
import { callOperation } from "./call.js";
import { resolveConfig, type ResolvedConfig } from "./config.js";
import { loggingMiddleware } from "./logger.js";
import type { ClientOptions, CoreOptions } from "./options.js";
import { paginate } from "./paged.js";
import type { AirbyteClient } from "./types.js";

/**
 * Creates a client for the Airbyte public API.
 *
 * @example
 * const airbyte = createAirbyteClient({ auth: { clientId, clientSecret } });
 * const { consentUrl } = await airbyte.sources.initiateOAuth({ redirectUrl, sourceType: "github", workspaceId });
 */
export function createAirbyteClient(options: ClientOptions = {}): AirbyteClient {
  return createClientFromTable(operationTable, options);
}

/**
 * The client for any operation table. Groups are null-prototype objects, so a
 * tag named `toString`, `valueOf` or `__proto__` is just a group and never
 * touches Object.prototype.
 */
export function createClientFromTable(table: Readonly<Record<string, OperationSpec>>, options: ClientOptions = {}): AirbyteClient {
  const config = resolveConfig(options as CoreOptions, authStrategy(options?.auth));
  const client = Object.create(null) as Record<string, Record<string, unknown>>;
  for (const id of Object.keys(table)) {
    const spec = table[id] as OperationSpec;
    const group = Object.hasOwn(client, spec.group) ? (client[spec.group] as Record<string, unknown>) : (client[spec.group] = Object.create(null) as Record<string, unknown>);
    group[id] = spec.paginated ? (...args: unknown[]) => paginate(config, id, spec, args) : (...args: unknown[]) => callOperation(config, id, spec, args);
  }
  for (const group of Object.values(client)) Object.freeze(group);
  let raw: Client<paths> | undefined;
  // openapi-fetch is set up on first use only: most apps never touch `raw`.
  Object.defineProperty(client, "raw", { enumerable: true, get: () => (raw ??= rawClient(config, table)) });
  return Object.freeze(client) as unknown as AirbyteClient;
}

function rawClient(config: ResolvedConfig, table: Readonly<Record<string, OperationSpec>>): Client<paths> {
  // Object query parameters use OpenAPI's default serialization (form, exploded:
  // `code=1&state=2`), not openapi-fetch's deepObject default. Redirects are
  // returned, not followed, so credentials never go to another origin.
  const raw = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: config.fetch,
    headers: config.headers,
    querySerializer: { object: { style: "form", explode: true } },
    redirect: "manual",
  });
  raw.use(authMiddleware(config.auth, Object.values(table)));
  // After auth, so the logged headers are the ones sent (with Authorization redacted).
  if (config.logger) raw.use(loggingMiddleware(config.logger, config.redactor));
  return raw;
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
