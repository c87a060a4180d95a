/** Options of `createAirbyteClient` and of each call. */
import type { Clock } from "./clock.js";
import type { Logger } from "./logger.js";
import type { RetryOptions } from "./retry.js";

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
  tokenUrl?: string;
  /**
   * How to encode the token request. Some self-managed servers accept only JSON.
   * @default "json"
   */
  tokenRequestFormat?: "json" | "form";
  /**
   * Renew the token this many milliseconds before it expires.
   * @default 60_000
   */
  refreshBeforeExpiryMs?: number;
}

export type AuthOptions = BearerAuth | BasicAuth | ClientCredentialsAuth;

/** The `fetch` the client uses: `globalThis.fetch` or anything with its shape. */
export type FetchLike = (input: Request) => Promise<Response>;

export interface ClientOptions {
  /**
   * The API's base URL, with its path. Self-managed installs usually serve it
   * at `https://<host>/api/public/v1`.
   * @default "https://api.airbyte.com/v1"
   */
  baseUrl?: string;
  /** Credentials. Operations the spec marks as public (health, token) are called without them. */
  auth?: AuthOptions;
  /**
   * The fetch implementation, e.g. to add a proxy agent or to test.
   * @default globalThis.fetch
   */
  fetch?: FetchLike;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Your application's name and version, sent before this client's own User-Agent. */
  userAgent?: string;
  /**
   * Retry policy for every call; `false` turns retries off. Per-call `retry`
   * options are merged over it. See RetryOptions for each default.
   * @default { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60000, statuses: [408, 429, 500, 502, 503, 504], nonIdempotent: false }
   */
  retry?: RetryOptions | false;
  /**
   * Longest time one attempt may take, from sending the request to the last
   * byte of the answer (token fetches included).
   * @default 60_000
   */
  timeoutMs?: number;
  /**
   * Longest time a call may take across all its attempts and backoff waits.
   * @default no limit
   */
  totalTimeoutMs?: number;
  /** Receives redacted debug lines: request, response (status, duration, attempt), retry, token fetch. */
  logger?: Logger;
  /** Replaces the clock (current time and backoff waits), e.g. in tests. */
  clock?: Partial<Clock>;
}

/** Options of a single call, always the last argument of a method. */
export interface RequestOptions {
  /**
   * Cancels the call, at any step (request, backoff wait, token fetch wait).
   * The promise rejects with the signal's reason: a DOMException named
   * `AbortError` unless you abort with a reason of your own.
   */
  signal?: AbortSignal;
  /** Headers for this call only; they override the client's. */
  headers?: Record<string, string>;
  /** Per-attempt timeout for this call; overrides the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Budget across all attempts of this call; overrides the client's `totalTimeoutMs`. */
  totalTimeoutMs?: number;
  /** Retry policy for this call, merged over the client's; `false` for no retry. */
  retry?: RetryOptions | false;
}
