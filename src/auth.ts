/**
 * Auth strategies: `bearer`, `basic` and `clientCredentials` each build the
 * Authorization header of a request. They are separate functions so a bundle
 * that uses one keeps only that one (the token provider falls out of a
 * bearer-only app). Every credential is registered with the redactor, so none
 * can leak into errors or logs.
 */
import { headerValue } from "./config.js";
import type { Clock } from "./clock.js";
import { AirbyteError } from "./errors/index.js";
import type { Logger } from "./logger.js";
import type { AuthOptions, BasicAuth, ClientCredentialsAuth, FetchLike } from "./options.js";
import type { Redactor } from "./redact.js";
import { ClientCredentialsTokenProvider } from "./token-provider.js";
import { joinUrl } from "./url.js";

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

const BEARER = "Bearer ";

/**
 * `Authorization: Bearer <token>`: an API key, an access token, or a function
 * returning the current one (asked before every request, and again after a 401).
 */
export function bearer(token: string | (() => string | Promise<string>)): AuthStrategy {
  if (typeof token === "string") {
    requireText(token, "auth.bearerToken");
    return {
      create(ctx) {
        ctx.redactor.add(token);
        const header = BEARER + token;
        return { header: () => header, rejected() {}, canRenew: false };
      },
    };
  }
  if (typeof token !== "function") throw new AirbyteError("auth.bearerToken must be a string or a function returning one.");
  return {
    create: () => ({
      async header() {
        const value = await token();
        requireText(value, "the token returned by auth.bearerToken()");
        return BEARER + value;
      },
      rejected() {},
      // The function may hand out a new token when asked again.
      canRenew: true,
      minted: true,
    }),
  };
}

/** HTTP basic auth, as self-managed instances use. Refused in a browser unless `dangerouslyAllowBrowser`. */
export function basic(username: string, password: string): AuthStrategy {
  requireText(username, "auth.username");
  if (typeof password !== "string") throw new AirbyteError("auth.password must be a string.");
  headerValue(password, "auth.password");
  const encoded = base64(`${username}:${password}`);
  return {
    create(ctx) {
      refuseInBrowser(ctx, "Basic auth (a username and password)");
      ctx.redactor.add(password);
      ctx.redactor.add(encoded);
      return { header: () => `Basic ${encoded}`, rejected() {}, canRenew: false };
    },
  };
}

/**
 * OAuth 2.0 client credentials: the client fetches, caches and renews the
 * access token. Refused in a browser unless `dangerouslyAllowBrowser`.
 */
export function clientCredentials(options: ClientCredentialsAuth): AuthStrategy {
  requireText(options.clientId, "auth.clientId");
  requireText(options.clientSecret, "auth.clientSecret");
  const refresh = options.refreshBeforeExpiryMs ?? 60_000;
  if (typeof refresh !== "number" || !(refresh >= 0 && refresh <= 2 ** 31 - 1)) {
    throw new AirbyteError(`auth.refreshBeforeExpiryMs must be a number of milliseconds from 0 to ${2 ** 31 - 1}; got ${String(refresh)}.`);
  }
  const format = options.tokenRequestFormat ?? "json";
  if (format !== "json" && format !== "form") throw new AirbyteError(`auth.tokenRequestFormat must be "json" or "form"; got ${String(format)}.`);
  if (options.tokenUrl !== undefined && typeof options.tokenUrl !== "string") throw new AirbyteError("auth.tokenUrl must be a string.");
  return {
    create(ctx) {
      refuseInBrowser(ctx, "Client credentials (a client secret)");
      ctx.redactor.add(options.clientSecret);
      // The client's fetch, redactor, headers, clock, logger, limits and base URL, as the provider names them.
      const provider = new ClientCredentialsTokenProvider({
        ...ctx,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        tokenUrl: joinUrl(ctx.baseUrl, options.tokenUrl ?? "/applications/token"),
        format,
        refreshBeforeExpiryMs: refresh,
        timeoutMs: ctx.tokenTimeoutMs,
      });
      return {
        async header(signal) {
          return BEARER + (await provider.token(signal));
        },
        rejected(header) {
          provider.invalidate(header.slice(BEARER.length));
        },
        canRenew: true,
      };
    },
  };
}

/** The grouped client's plain-object `auth` option as a strategy. */
export function authStrategy(auth: AuthOptions | AuthStrategy | undefined): AuthStrategy | undefined {
  if (auth === undefined) return undefined;
  if (auth !== null && typeof auth === "object") {
    if ("create" in auth && typeof auth.create === "function") return auth;
    if ("bearerToken" in auth) return bearer(auth.bearerToken);
    if ("username" in auth) return basic((auth as BasicAuth).username, (auth as BasicAuth).password);
    if ("clientId" in auth) return clientCredentials(auth);
  }
  throw new AirbyteError(
    "auth must be one of { bearerToken }, { username, password } or { clientId, clientSecret, tokenUrl? }, or bearer(...), basic(...), clientCredentials(...).",
  );
}

function refuseInBrowser(ctx: AuthContext, what: string): void {
  if (typeof (globalThis as { window?: unknown }).window === "undefined" || ctx.dangerouslyAllowBrowser) return;
  throw new AirbyteError(
    `${what} refused: this code runs where a DOM window exists, and a secret shipped to a browser can be read by every user of the page. Keep it on a server and give the browser a short-lived bearer token (e.g. an embedded scoped token), or pass dangerouslyAllowBrowser: true if you understand the risk.`,
  );
}

function requireText(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AirbyteError(`${what} must be a non-empty string.`);
  }
  headerValue(value, what);
}

/** UTF-8 base64, without Node's Buffer so the client also runs in browsers and edge runtimes. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
