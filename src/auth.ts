/**
 * Turns the `auth` option into the Authorization header of each request, and
 * registers every credential with the redactor so none can leak into errors.
 */
import type { Clock } from "./clock.js";
import { AirbyteError } from "./errors/index.js";
import type { Logger } from "./logger.js";
import type { AuthOptions, FetchLike } from "./options.js";
import type { Redactor } from "./redact.js";
import { ClientCredentialsTokenProvider } from "./token-provider.js";
import { joinUrl } from "./url.js";

export interface Authenticator {
  /** The Authorization header value for the next request, or undefined without credentials. */
  header(signal?: AbortSignal): Promise<string | undefined>;
  /** Called when the server answered 401 to a request that carried `header`. */
  rejected(header: string): void;
  /** Whether a request rejected with 401 may be replayed once with fresh credentials. */
  readonly canRenew: boolean;
}

export interface AuthContext {
  baseUrl: string;
  fetch: FetchLike;
  redactor: Redactor;
  headers: Record<string, string>;
  clock: Clock;
  timeoutMs: number;
  logger: Logger | undefined;
  /** Allow credentials over plain http to a non-loopback host. */
  allowInsecureHttp?: boolean;
}

const BEARER = "Bearer ";

export function createAuthenticator(auth: AuthOptions | undefined, ctx: AuthContext): Authenticator {
  if (!auth) return { header: async () => undefined, rejected() {}, canRenew: false };

  if ("bearerToken" in auth) {
    const source = auth.bearerToken;
    if (typeof source === "string") {
      requireText(source, "auth.bearerToken");
      ctx.redactor.add(source);
      return { header: async () => BEARER + source, rejected() {}, canRenew: false };
    }
    if (typeof source !== "function") throw new AirbyteError("auth.bearerToken must be a string or a function returning one.");
    return {
      async header() {
        const token = await source();
        requireText(token, "the token returned by auth.bearerToken()");
        ctx.redactor.add(token);
        return BEARER + token;
      },
      rejected() {},
      // The function may hand out a new token when asked again.
      canRenew: true,
    };
  }

  if ("username" in auth) {
    requireText(auth.username, "auth.username");
    if (typeof auth.password !== "string") throw new AirbyteError("auth.password must be a string.");
    const encoded = base64(`${auth.username}:${auth.password}`);
    ctx.redactor.add(auth.password);
    ctx.redactor.add(encoded);
    return { header: async () => `Basic ${encoded}`, rejected() {}, canRenew: false };
  }

  if ("clientId" in auth) {
    requireText(auth.clientId, "auth.clientId");
    requireText(auth.clientSecret, "auth.clientSecret");
    ctx.redactor.add(auth.clientSecret);
    const provider = new ClientCredentialsTokenProvider({
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      tokenUrl: joinUrl(ctx.baseUrl, auth.tokenUrl ?? "/applications/token"),
      baseUrl: ctx.baseUrl,
      format: auth.tokenRequestFormat ?? "json",
      refreshBeforeExpiryMs: auth.refreshBeforeExpiryMs ?? 60_000,
      fetch: ctx.fetch,
      redactor: ctx.redactor,
      headers: ctx.headers,
      clock: ctx.clock,
      timeoutMs: ctx.timeoutMs,
      logger: ctx.logger,
      allowInsecureHttp: ctx.allowInsecureHttp ?? false,
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
  }

  throw new AirbyteError(
    "auth must be one of { bearerToken }, { username, password } or { clientId, clientSecret, tokenUrl? }.",
  );
}

function requireText(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AirbyteError(`${what} must be a non-empty string.`);
  }
}

/** UTF-8 base64, without Node's Buffer so the client also runs in browsers and edge runtimes. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
