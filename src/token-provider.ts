/**
 * OAuth 2.0 client credentials: exchanges the client id and secret for an
 * access token, caches it until shortly before it expires, and makes
 * concurrent callers share one token request.
 *
 * The client secret goes to the token URL and nowhere else: a plain-http
 * token URL on a non-loopback host is refused (unless `allowInsecureHttp`),
 * and the token request never follows a redirect (a 3xx is an error, so the
 * secret is never re-posted to wherever a redirect points).
 */
import { readBody } from "./body.js";
import type { Clock } from "./clock.js";
import { AirbyteConnectionError, AirbyteError, AirbyteTimeoutError, AirbyteUsageError } from "./errors/index.js";
import type { Logger } from "./logger.js";
import { DEFAULT_MAX_RESPONSE_BYTES, type FetchLike } from "./options.js";
import { own } from "./own.js";
import type { Redactor } from "./redact.js";
import { errorFromResponse, unexpectedAnswer } from "./response.js";
import { send } from "./send.js";
import { deadline } from "./timeout.js";
import { refuseInsecure, withoutQuery } from "./url.js";

export interface TokenProviderOptions {
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  baseUrl: string;
  format: "json" | "form";
  refreshBeforeExpiryMs: number;
  fetch: FetchLike;
  redactor: Redactor;
  headers: Record<string, string>;
  clock: Clock;
  /** Longest time one token request may take. */
  timeoutMs: number;
  logger: Logger | undefined;
  /** Origin of the base URL (the token request never follows a redirect, so it is only named). */
  origin?: string;
  /** Most bytes a token answer may have after decompression (the client's `maxResponseBytes`); 50 MB when not given. */
  maxResponseBytes?: number;
  /** Allow a plain-http token URL on a host other than loopback (the secret then crosses the network in clear). */
  allowInsecureHttp: boolean;
}

/**
 * How long a token whose response gave no usable `expires_in` (absent, null,
 * not a number) is reused. A 401 renews it sooner; this bounds how long a
 * revoked or short-lived token keeps being sent when the server never says.
 */
export const UNKNOWN_EXPIRY_REUSE_MS = 5 * 60_000;

interface CachedToken {
  value: string;
  /** Epoch ms from which the token must be renewed before use. */
  refreshAt: number;
}

export class ClientCredentialsTokenProvider {
  private cached: CachedToken | undefined;
  private inFlight: Promise<CachedToken> | undefined;
  /** Forgets the previous token in the redactor once a newer one replaces it. */
  private releaseToken: () => void = () => undefined;
  private readonly now: () => number;
  /** The token URL without its query, for messages. */
  private readonly shownUrl: string;

  constructor(private readonly options: TokenProviderOptions) {
    this.now = () => options.clock.now();
    this.shownUrl = checkTokenUrl(options.tokenUrl, options.allowInsecureHttp);
  }

  /** A valid access token; fetches one when there is none or it is about to expire. */
  async token(signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const cached = this.cached;
    if (cached && this.now() < cached.refreshAt) return cached.value;
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    const fresh = await abortable(this.inFlight, signal);
    return fresh.value;
  }

  /** Forgets the cached token (e.g. after the server rejected it with 401). */
  invalidate(token?: string): void {
    if (token === undefined || this.cached?.value === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<CachedToken> {
    const o = this.options;
    const url = this.shownUrl;
    const shown = `${url} (token request)`;
    const fields = { client_id: o.clientId, client_secret: o.clientSecret, grant_type: "client_credentials" };
    const headers = { ...o.headers, accept: "application/json", "content-type": o.format === "form" ? "application/x-www-form-urlencoded" : "application/json" };
    const requestBody = o.format === "form" ? new URLSearchParams(fields).toString() : JSON.stringify(fields);
    const timer = deadline(o.timeoutMs, o.clock);
    const ctx = { method: "POST", url, baseUrl: o.baseUrl, redactor: o.redactor, now: this.now };
    let response: Response;
    let text: string;
    try {
      // The client's one send path; never following a redirect, so the secret is never re-posted to wherever a 3xx points.
      response = await send(o, "POST", o.tokenUrl, headers, requestBody, timer.signal, timer.deadlines, false, 0, " (token request)");
      // Capped like every API answer: a small gzip answer can inflate to gigabytes.
      text = (await readBody(response, { method: "POST", url, shown, maxBytes: o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, abort: timer.deadlines })) ?? "";
    } catch (cause) {
      if (timer.signal.aborted) throw Object.assign(new AirbyteTimeoutError({ scope: "attempt", timeoutMs: o.timeoutMs, method: "POST", url: shown }), { url });
      if (cause instanceof AirbyteError && !(cause instanceof AirbyteConnectionError)) throw cause;
      // Their messages name "<url> (token request)"; `url` is the bare URL, as in every token error.
      throw Object.assign(cause instanceof AirbyteConnectionError ? cause : new AirbyteConnectionError({ method: "POST", url: shown, cause, redactor: o.redactor }), { url });
    } finally {
      timer.clear();
    }
    const fail = (why: string) => unexpectedAnswer(ctx, response, why, shown);
    if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
      throw fail(
        `with a redirect${redirectTarget(response, o.tokenUrl)}. The client never follows a redirect with the client secret: set tokenUrl to the final token endpoint.`,
      );
    }
    if (!response.ok) throw errorFromResponse(text, response, ctx);
    const hint = " Check tokenUrl (it defaults to <baseUrl>/applications/token).";
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Never quote the body: it may hold a partial token.
      throw fail((/^\s*</.test(text) ? "with an HTML page instead of a token." : "with a body that is not valid JSON.") + hint);
    }
    // Own keys only: an answer without access_token must not pick up Object.prototype.access_token.
    const body = own((parsed ?? {}) as { access_token?: unknown; expires_in?: unknown });
    if (typeof body.access_token !== "string" || body.access_token === "") {
      throw fail(`without an access_token.${hint}`);
    }
    // The token is sent back in a header: one that a header cannot carry would fail every call.
    if (/[\r\n\0]|[^\u0000-\u00ff]/.test(body.access_token)) throw fail("with an access_token that an HTTP header cannot carry (line breaks or characters beyond Latin-1).");
    this.releaseToken();
    this.releaseToken = o.redactor.hold([body.access_token]);
    const token = { value: body.access_token, refreshAt: this.refreshAt(lifetimeMs(body.expires_in)) };
    // A token that is already expired serves the calls waiting for it, and is not reused.
    this.cached = token.refreshAt > this.now() ? token : undefined;
    return token;
  }

  private refreshAt(lifetime: number | undefined): number {
    if (lifetime === undefined) return this.now() + UNKNOWN_EXPIRY_REUSE_MS;
    // Renew ahead of expiry, but never so early that a short-lived token is refetched at once.
    const margin = Math.min(this.options.refreshBeforeExpiryMs, lifetime / 2);
    return this.now() + lifetime - margin;
  }
}

/**
 * The token's lifetime in ms from `expires_in` (seconds): a non-negative
 * number, or a string of digits (some servers quote it). 0 or negative means
 * already expired (0 is returned); anything else (absent, null, text) is unknown.
 */
export function lifetimeMs(expiresIn: unknown): number | undefined {
  const seconds = typeof expiresIn === "string" && /^\s*\d+\s*$/.test(expiresIn) ? Number(expiresIn) : expiresIn;
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return undefined;
  return Math.max(0, seconds * 1000);
}

/** The token URL as shown in messages (no credentials, no query), after refusing an insecure one. */
function checkTokenUrl(tokenUrl: string, allowInsecureHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    throw new AirbyteUsageError("auth.tokenUrl must be a path (joined onto baseUrl) or an absolute http(s) URL; the one given is not a URL.");
  }
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new AirbyteUsageError(`auth.tokenUrl must use https (or http on a loopback host); got ${url.protocol} in ${shown}.`);
  }
  refuseInsecure(url, allowInsecureHttp, "the client secret", shown);
  return withoutQuery(shown);
}

/** " to <origin><path>" of a redirect's Location (never its query), when there is one. */
function redirectTarget(response: Response, tokenUrl: string): string {
  const location = response.headers.get("location");
  if (!location) return "";
  try {
    const target = new URL(location, tokenUrl);
    return ` to ${target.protocol}//${target.host}${target.pathname}`;
  } catch {
    return "";
  }
}

/** Waits for a shared promise, but lets one caller's signal stop its own wait. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
