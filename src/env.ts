/**
 * Defaults from the environment for `createAirbyteClient`: credentials, the
 * base URL and debug logging, read from `process.env` only for options not
 * given (explicit options always win). Nothing is read in a browser context or
 * where `process.env` does not exist. A blank value counts as not set.
 *
 * The names are those Airbyte's own tools read: PyAirbyte's `AIRBYTE_CLIENT_ID`,
 * `AIRBYTE_CLIENT_SECRET`, `AIRBYTE_BEARER_TOKEN` and `AIRBYTE_API_URL`
 * (Dagster's Airbyte component and abctl guides use the same client id and
 * secret names). As in PyAirbyte, a bearer token wins over client credentials.
 */
import { browserContext } from "./browser-guard.js";
import { AirbyteUsageError } from "./errors/index.js";
import { isObject } from "./headers.js";
import type { AuthStrategy, ClientOptions } from "./options.js";
import { own } from "./own.js";
import { isSecretHeader } from "./redact.js";
import { normalizeBaseUrl } from "./url.js";

export const ENV_CLIENT_ID = "AIRBYTE_CLIENT_ID";
export const ENV_CLIENT_SECRET = "AIRBYTE_CLIENT_SECRET";
export const ENV_BEARER_TOKEN = "AIRBYTE_BEARER_TOKEN";
export const ENV_API_URL = "AIRBYTE_API_URL";
export const ENV_LOG = "AIRBYTE_LOG";

/** `AIRBYTE_LOG` values: "debug" logs, the others (and unset) do not. */
const LOG_LEVELS = ["debug", "info", "warn", "error", "off", "none"];

/** The options with what the environment gives for those not set. */
export function withEnvironment(options: ClientOptions): ClientOptions {
  // Not an object: resolveConfig says so.
  if (!isObject(options)) return options;
  const o = own(options);
  const env = environment();
  // Client headers carrying a credential (Authorization, X-Api-Key...) are explicit credentials too.
  if (o.auth === undefined && !(isObject(o.headers) && Object.keys(o.headers).some(isSecretHeader))) {
    const token = env(ENV_BEARER_TOKEN);
    const clientId = env(ENV_CLIENT_ID);
    const clientSecret = env(ENV_CLIENT_SECRET);
    if (token !== undefined) o.auth = { bearerToken: token };
    else if (clientId !== undefined && clientSecret !== undefined) o.auth = { clientId, clientSecret };
    else {
      const half = clientId === undefined ? [ENV_CLIENT_SECRET, ENV_CLIENT_ID] : [ENV_CLIENT_ID, ENV_CLIENT_SECRET];
      // Thrown when the client is built, after the other options are checked, so a bad option is reported first.
      o.auth = refuse(
        clientId !== undefined || clientSecret !== undefined
          ? `The environment variable ${half[0]} is set but ${half[1]} is not (or is blank): set both, or pass the auth option.`
          : `No credentials: pass the auth option, or set ${ENV_BEARER_TOKEN}, or ${ENV_CLIENT_ID} and ${ENV_CLIENT_SECRET} (environment variables, read on servers only); auth: false makes a client without credentials.`,
      );
    }
  }
  const url = o.baseUrl === undefined ? env(ENV_API_URL) : undefined;
  if (url !== undefined) {
    try {
      o.baseUrl = normalizeBaseUrl(url);
    } catch (error) {
      // normalizeBaseUrl's message hides any user:password@ of the URL.
      throw new AirbyteUsageError(`The environment variable ${ENV_API_URL} is not a valid base URL: ${(error as Error).message.replace(/^baseUrl /, "it ")}`);
    }
  }
  const log = o.logger === undefined ? env(ENV_LOG)?.toLowerCase() : undefined;
  if (log !== undefined && !LOG_LEVELS.includes(log)) {
    throw new AirbyteUsageError(`The environment variable ${ENV_LOG} must be one of ${LOG_LEVELS.join(", ")}; got ${JSON.stringify(log.slice(0, 20))}.`);
  }
  if (log === "debug") o.logger = { debug: (line) => console.error(line) };
  return o;
}

/** An auth strategy that refuses to build the client, with `message`. */
function refuse(message: string): AuthStrategy {
  return {
    create() {
      throw new AirbyteUsageError(message);
    },
  };
}

/** Reads one variable: own properties of `process.env` only, blank as unset; nothing in a browser. */
function environment(): (name: string) => string | undefined {
  const env = (globalThis as { process?: { env?: unknown } }).process?.env;
  if (!isObject(env) || browserContext()) return () => undefined;
  return (name) => {
    const value = Object.hasOwn(env, name) ? (env as Record<string, unknown>)[name] : undefined;
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  };
}
