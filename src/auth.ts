/**
 * Auth strategies: `bearer`, `basic` and `clientCredentials` each build the
 * Authorization header of a request. They are separate functions so a bundle
 * that uses one keeps only that one (the token provider falls out of a
 * bearer-only app). Every credential is registered with the redactor, so none
 * can leak into errors or logs.
 */
import { refuseInBrowser } from "./browser-guard.js";
import { AirbyteUsageError } from "./errors/index.js";
import { headerValue } from "./headers.js";
import type { AuthContext, AuthOptions, AuthStrategy, BasicAuth, ClientCredentialsAuth } from "./options.js";
import { own } from "./own.js";
import { ClientCredentialsTokenProvider } from "./token-provider.js";
import { joinUrl } from "./url.js";

export type { Authenticator, AuthContext, AuthStrategy } from "./options.js";

const BEARER = "Bearer ";

/**
 * `Authorization: Bearer <token>`: an API key, an access token, or a function
 * returning the current one (asked before every request, and again after a 401).
 */
export function bearer(token: string | (() => string | Promise<string>)): AuthStrategy {
  if (typeof token === "string") {
    requireText(token, "auth.bearerToken", true);
    return {
      create(ctx) {
        ctx.redactor.add(token);
        const header = BEARER + token;
        return { header: () => header, rejected() {}, canRenew: false };
      },
    };
  }
  if (typeof token !== "function") throw new AirbyteUsageError("auth.bearerToken must be a string or a function returning one.");
  return {
    create: () => ({
      async header() {
        const value = await token();
        requireText(value, "the token returned by auth.bearerToken()", true);
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
  if (typeof password !== "string") throw new AirbyteUsageError("auth.password must be a string.");
  headerValue(password, "auth.password", false);
  const encoded = base64(`${username}:${password}`);
  return {
    create(ctx) {
      refuseInBrowser(ctx.dangerouslyAllowBrowser, "Basic auth (a username and password)");
      ctx.redactor.add(password);
      ctx.redactor.add(`${username}:${password}`);
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
  // Own properties only: Object.prototype.tokenUrl set elsewhere must not redirect the secret.
  options = own(options);
  requireText(options.clientId, "auth.clientId");
  requireText(options.clientSecret, "auth.clientSecret");
  const refresh = options.refreshBeforeExpiryMs ?? 60_000;
  if (typeof refresh !== "number" || !(refresh >= 0 && refresh <= 2 ** 31 - 1)) {
    throw new AirbyteUsageError(`auth.refreshBeforeExpiryMs must be a number of milliseconds from 0 to ${2 ** 31 - 1}; got ${String(refresh)}.`);
  }
  const format = options.tokenRequestFormat ?? "json";
  if (format !== "json" && format !== "form") throw new AirbyteUsageError(`auth.tokenRequestFormat must be "json" or "form"; got ${String(format)}.`);
  if (options.tokenUrl !== undefined && typeof options.tokenUrl !== "string") throw new AirbyteUsageError("auth.tokenUrl must be a string.");
  return {
    create(ctx) {
      refuseInBrowser(ctx.dangerouslyAllowBrowser, "Client credentials (a client secret)");
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
export function authStrategy(auth: AuthOptions | AuthStrategy | false | undefined): AuthStrategy | undefined {
  if (auth === undefined || auth === false) return undefined;
  if (auth !== null && typeof auth === "object") {
    // Own keys only: a key set on Object.prototype must not choose the mode.
    auth = own(auth);
    if ("create" in auth && typeof auth.create === "function") return auth;
    if ("bearerToken" in auth) return bearer(auth.bearerToken);
    if ("username" in auth) return basic((auth as BasicAuth).username, (auth as BasicAuth).password);
    if ("clientId" in auth) return clientCredentials(auth);
  }
  throw new AirbyteUsageError(
    "auth must be one of { bearerToken }, { username, password } or { clientId, clientSecret, tokenUrl? }, or bearer(...), basic(...), clientCredentials(...).",
  );
}


/** A non-empty line of text; `inHeader` when it is sent as is in a header (then Latin-1 only). */
function requireText(value: unknown, what: string, inHeader = false): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AirbyteUsageError(`${what} must be a non-empty string.`);
  }
  headerValue(value, what, inHeader);
}

/** UTF-8 base64, without Node's Buffer so the client also runs in browsers and edge runtimes. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
