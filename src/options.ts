/** Options of `createAirbyteClient` and of each call. */

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
}

/** Options of a single call, always the last argument of a method. */
export interface RequestOptions {
  /** Cancels the call. The promise rejects with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal;
  /** Headers for this call only; they override the client's. */
  headers?: Record<string, string>;
}
