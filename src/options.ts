/**
 * Options of `createAirbyteClient` and of each call, their defaults, and the
 * auth strategy interface: the ground floor of src/ (types and constants
 * only), so every module above can import it without a circle.
 */
import type { Clock } from "./clock.js";
import type { Logger } from "./logger.js";
import type { AirbyteApiError } from "./errors/index.js";
import type { Redactor } from "./redact.js";
import type { RetryOptions } from "./retry.js";

/** setTimeout fires at once for delays of 2^31 ms or more, so no timer may be longer. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/**
 * The fetch of a client given none: `globalThis.fetch`, looked up at call
 * time (a fetch patched in after creating the client is used). The transport
 * recognises it and calls it with the URL and init rather than a Request:
 * fetch builds its own Request from either, and a Request built first would
 * be built twice, following the call's signal twice.
 */
export const globalFetch: FetchLike = (request) => globalThis.fetch(request);

export interface Authenticator {
  /**
   * The Authorization header value for the next request, or undefined without
   * credentials. Fixed credentials answer synchronously, sparing the call an await.
   */
  header(signal?: AbortSignal): string | undefined | Promise<string | undefined>;
  /** Called when the server answered 401 to a request that carried `header`. */
  rejected(header: string): void;
  /** Whether a request rejected with 401 may be replayed once with fresh credentials. */
  readonly canRenew: boolean;
  /** Whether each header is minted per call (its secret is held for that call only, not kept for the client's lifetime). */
  readonly minted?: boolean;
}

/** What a strategy reads of the resolved client options. */
export interface AuthContext {
  baseUrl: string;
  /** Origin of the base URL. */
  origin: string;
  fetch: FetchLike;
  redactor: Redactor;
  headers: Record<string, string>;
  clock: Clock;
  /** Longest time one token request may take; Infinity for no limit. */
  tokenTimeoutMs: number;
  /** Most bytes an answer may have after decompression (the token answer too). */
  maxResponseBytes: number;
  logger: Logger | undefined;
  allowInsecureHttp: boolean;
  dangerouslyAllowBrowser: boolean;
}

/** How the client authenticates; made by `bearer`, `basic` or `clientCredentials`. */
export interface AuthStrategy {
  /** Builds the authenticator for one client. */
  readonly create: (ctx: AuthContext) => Authenticator;
}

/** A bearer token (API key or access token), or a function that returns the current one. */
export interface BearerAuth {
  /** Sent as `Authorization: Bearer <token>`. A function is called before every request. */
  bearerToken: string | (() => string | Promise<string>);
}

/** HTTP basic auth, as self-managed instances use. */
export interface BasicAuth {
  username: string;
  password: string;
}

/** OAuth 2.0 client credentials of an Airbyte application; the client fetches and renews the access token. */
export interface ClientCredentialsAuth {
  clientId: string;
  clientSecret: string;
  /**
   * Where to exchange the credentials for a token. A relative path is joined
   * onto the base URL *including its path*; an absolute URL is used as is.
   * @default `${baseUrl}/applications/token`
   */
  tokenUrl?: string | undefined;
  /**
   * How to encode the token request. Some self-managed servers accept only JSON.
   * @default "json"
   */
  tokenRequestFormat?: "json" | "form" | undefined;
  /**
   * Renew the token this many milliseconds before it expires.
   * @default 60_000
   */
  refreshBeforeExpiryMs?: number | undefined;
}

export type AuthOptions = BearerAuth | BasicAuth | ClientCredentialsAuth;

/** The `fetch` the client uses: `globalThis.fetch` or anything with its shape. */
export type FetchLike = (input: Request) => Promise<Response>;

/** Options of `createAirbyteCore` (see `ClientOptions`); `auth` is a strategy such as `bearer(token)`, so unused auth modes stay out of a bundle. */
export interface CoreOptions extends Omit<ClientOptions, "auth"> {
  /** A strategy; none means no credentials (a core reads no environment variable). */
  auth?: AuthStrategy | undefined;
}

export interface ClientOptions {
  /**
   * The API's base URL, with its path. Self-managed installs usually serve it
   * at `https://<host>/api/public/v1`. When not given, `createAirbyteClient`
   * reads `AIRBYTE_API_URL` from the environment.
   * @default "https://api.airbyte.com/v1"
   */
  baseUrl?: string | undefined;
  /**
   * Credentials: a plain object, or a strategy (`bearer(...)`, `basic(...)`,
   * `clientCredentials(...)`). Operations the spec marks as public (health,
   * token) are called without them. When not given, `createAirbyteClient`
   * reads `AIRBYTE_BEARER_TOKEN`, or `AIRBYTE_CLIENT_ID` and
   * `AIRBYTE_CLIENT_SECRET`, from the environment, and throws when neither is
   * set; `false` makes a client without credentials (health checks, an
   * instance without auth) and reads nothing.
   */
  auth?: AuthOptions | AuthStrategy | false | undefined;
  /**
   * The fetch implementation, e.g. to add a proxy agent or to test.
   * @default globalThis.fetch
   */
  fetch?: FetchLike | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Your application's name and version, sent before this client's own User-Agent. */
  userAgent?: string | undefined;
  /**
   * Retry policy for every call; `false` turns retries off. Per-call `retry`
   * options are merged over it. See RetryOptions for each default.
   * @default { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60000, statuses: [408, 429, 500, 502, 503, 504], nonIdempotent: false }
   */
  retry?: RetryOptions | false | undefined;
  /**
   * Longest time one attempt may take, from sending the request to the last
   * byte of the answer (token fetches included), in ms (1 to 2147483647);
   * `false` turns the attempt timeout off.
   * @default 60_000
   */
  timeoutMs?: number | false | undefined;
  /**
   * Longest time a call may take across all its attempts and backoff waits,
   * in ms (1 to 2147483647); `false` means no limit.
   * @default false
   */
  totalTimeoutMs?: number | false | undefined;
  /**
   * Largest response body the client reads, in bytes after decompression.
   * A bigger answer fails with `AirbyteUnexpectedResponseError` (not retried).
   * @default 52_428_800 (50 MiB)
   */
  maxResponseBytes?: number | undefined;
  /**
   * Send credentials to a plain `http://` base URL on a host other than
   * loopback (localhost, 127.0.0.0/8, ::1). Off by default: anyone on the
   * path could read the token.
   * @default false
   */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Let client-credentials and basic auth run in a browser page or web worker.
   * Off by default: a secret shipped to a browser is readable by every user.
   * Browser pages and web workers count as browsers; Node, Bun, Deno and
   * Cloudflare Workers do not. A bearer token (e.g. a scoped token) is always allowed.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /**
   * Receives redacted debug lines: request, response (status, duration, attempt), retry, token fetch.
   * When not given, `createAirbyteClient` writes them to `console.error` if `AIRBYTE_LOG=debug`.
   */
  logger?: Logger | undefined;
  /** Replaces the clock (current time, backoff waits and every timeout timer), e.g. in tests. */
  clock?: Partial<Clock> | undefined;
  /**
   * Checks every JSON response body against the spec: pass
   * `responseValidator()` from `airbyte-api-client/validate`. Off by default,
   * and its code stays out of a bundle that does not import it.
   * @default undefined (no checking)
   */
  validateResponses?: ResponseChecker | undefined;
}

/**
 * Checks one response body (`validateResponses`), made by `responseValidator()`
 * of `airbyte-api-client/validate`. Called with the parsed body of a success,
 * or with the body text and the API error about to be thrown for an error
 * status; throwing fails the call with that error instead.
 */
export type ResponseChecker = (operationId: string, status: number, body: unknown, logger: Logger | undefined, error?: AirbyteApiError) => void;

/** Options of a single call, always the last argument of a method. */
export interface RequestOptions {
  /**
   * Cancels the call, at any step (request, backoff wait, token fetch wait).
   * The promise rejects with the signal's reason: a DOMException named
   * `AbortError` unless you abort with a reason of your own.
   */
  signal?: AbortSignal | undefined;
  /** Headers for this call only; they override the client's. */
  headers?: Record<string, string> | undefined;
  /** Per-attempt timeout for this call; overrides the client's `timeoutMs`; `false` turns it off. */
  timeoutMs?: number | false | undefined;
  /** Budget across all attempts of this call; overrides the client's `totalTimeoutMs`; `false` for none. */
  totalTimeoutMs?: number | false | undefined;
  /** Retry policy for this call, merged over the client's; `false` for no retry. */
  retry?: RetryOptions | false | undefined;
}
