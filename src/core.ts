/**
 * createAirbyteCore: the client without its method groups, for the
 * standalone operation functions (`await initiateOAuth(core, body)`). A bundle
 * then holds only the operations it imports and the auth strategy it uses.
 */
import type { AuthStrategy } from "./auth.js";
import { resolveConfig, type ResolvedConfig } from "./config.js";
import { AirbyteUsageError } from "./errors/index.js";
import { isObject } from "./headers.js";
import type { CoreOptions } from "./options.js";
import { own } from "./own.js";

/** An opaque handle holding a client's resolved options; pass it as the first argument of an operation function. */
export interface AirbyteCore {
  readonly kind: "airbyte-core";
}

/** Resolved options of every core and grouped client, by handle (read by operation functions and createRawClient). */
const configs = new WeakMap<object, ResolvedConfig>();

/**
 * Creates a core for the standalone operation functions.
 *
 * @example
 * import { bearer, createAirbyteCore, initiateOAuth } from "airbyte-api-client";
 * const core = createAirbyteCore({ auth: bearer(process.env.AIRBYTE_BEARER_TOKEN ?? "") });
 * const { consentUrl } = await initiateOAuth(core, { redirectUrl, sourceType: "github", workspaceId });
 */
export function createAirbyteCore(options: CoreOptions = {}): AirbyteCore {
  // Own properties only: Object.prototype.auth set elsewhere must not pick the credentials.
  const auth = isObject(options) ? own(options).auth : undefined;
  if (auth !== undefined && (auth === null || typeof auth.create !== "function")) {
    throw new AirbyteUsageError("createAirbyteCore: auth must be made by bearer(...), basic(...) or clientCredentials(...).");
  }
  return bindConfig(Object.freeze({ kind: "airbyte-core" }), resolveConfig(options, auth as AuthStrategy | undefined));
}

/** Registers the resolved options behind a core or a grouped client. */
export function bindConfig<T extends object>(handle: T, config: ResolvedConfig): T {
  configs.set(handle, config);
  return handle;
}

export function configOf(core: object, where: string, expected = "a core made by createAirbyteCore(...)"): ResolvedConfig {
  const config = configs.get(core);
  if (!config) throw new AirbyteUsageError(`${where}: the first argument must be ${expected}.`);
  return config;
}
