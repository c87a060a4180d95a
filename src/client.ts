/**
 * createAirbyteClient: one object with a group per tag of the spec and a
 * method per operation, all built from the generated operation table.
 */
import { operationTable, type GroupName, type OperationTypes } from "../generated/operations.js";
import { authStrategy } from "./auth.js";
import { callOperation } from "./call.js";
import { resolveConfig } from "./config.js";
import { bindConfig } from "./core.js";
import { withEnvironment } from "./env.js";
import { isObject } from "./headers.js";
import type { ClientOptions, CoreOptions } from "./options.js";
import { paginate } from "./pagination.js";
import type { OperationSpec } from "./operation-spec.js";
import { own } from "./own.js";
import type { OperationMethod } from "./types.js";
import { serializeQuery } from "./url.js";

/** The methods of one group, e.g. `AirbyteGroup<"sources">`. */
export type AirbyteGroup<G extends GroupName> = {
  readonly [K in keyof OperationTypes as OperationTypes[K]["group"] extends G ? K : never]: OperationMethod<
    OperationTypes[K]
  >;
};

/** The grouped client; `createRawClient(client)` gives its openapi-fetch client. */
export type AirbyteClient = {
  readonly [G in GroupName]: AirbyteGroup<G>;
};

/**
 * Creates a client for the Airbyte public API. Options not given are read
 * from the environment on servers (`AIRBYTE_BEARER_TOKEN`, or
 * `AIRBYTE_CLIENT_ID` and `AIRBYTE_CLIENT_SECRET`; `AIRBYTE_API_URL`;
 * `AIRBYTE_LOG=debug`); without credentials from either, it throws
 * `AirbyteUsageError` (pass `auth: false` for a client without credentials).
 *
 * @example
 * const airbyte = createAirbyteClient({ auth: { clientId, clientSecret } });
 * const { consentUrl } = await airbyte.sources.initiateOAuth({ redirectUrl, sourceType: "github", workspaceId });
 */
export function createAirbyteClient(options: ClientOptions = {}): AirbyteClient {
  return createClientFromTable(operationTable, withEnvironment(options));
}

/**
 * The client for any operation table. Groups are null-prototype objects, so a
 * tag named `toString`, `valueOf` or `__proto__` is just a group and never
 * touches Object.prototype.
 */
export function createClientFromTable(table: Readonly<Record<string, OperationSpec>>, options: ClientOptions = {}): AirbyteClient {
  // Own properties only: Object.prototype.auth (or .baseUrl...) set elsewhere must not count.
  const o = isObject(options) ? own(options) : options;
  const config = resolveConfig(o as CoreOptions, authStrategy(o?.auth));
  const client = Object.create(null) as Record<string, Record<string, unknown>>;
  for (const id of Object.keys(table)) {
    const spec = table[id] as OperationSpec;
    const group = Object.hasOwn(client, spec.group) ? (client[spec.group] as Record<string, unknown>) : (client[spec.group] = Object.create(null) as Record<string, unknown>);
    group[id] = spec.paginated ? (...args: unknown[]) => paginate(config, id, spec, args) : (...args: unknown[]) => callOperation(config, id, spec, args, serializeQuery);
  }
  for (const group of Object.values(client)) Object.freeze(group);
  // createRawClient(client) and the operation functions read the config behind it.
  return bindConfig(Object.freeze(client), config) as unknown as AirbyteClient;
}
