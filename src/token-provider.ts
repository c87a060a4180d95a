/**
 * OAuth 2.0 client credentials: exchanges the client id and secret for an
 * access token, caches it until shortly before it expires, and makes
 * concurrent callers share one token request.
 */
import type { Clock } from "./clock.js";
import { AirbyteConnectionError, AirbyteTimeoutError, AirbyteUnexpectedResponseError } from "./errors/index.js";
import { logLine, type Logger } from "./logger.js";
import type { FetchLike } from "./options.js";
import type { Redactor } from "./redact.js";
import { errorFromResponse } from "./response.js";
import { deadline } from "./timeout.js";
import { withoutQuery } from "./url.js";

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
  allowInsecureHttp: boolean;
}

interface CachedToken {
  value: string;
  /** Epoch ms after which the token must not be used; Infinity when the server gave no expiry. */
  refreshAt: number;
}

export class ClientCredentialsTokenProvider {
  private cached: CachedToken | undefined;
  private inFlight: Promise<CachedToken> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: TokenProviderOptions) {
    this.now = () => options.clock.now();
  }

  /** A valid access token; fetches one when there is none or it is about to expire. */
  async token(signal?: AbortSignal): Promise<string> {
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
    const fields = { client_id: o.clientId, client_secret: o.clientSecret, grant_type: "client_credentials" };
    const timer = deadline(o.timeoutMs, o.clock);
    const request = new Request(o.tokenUrl, {
      method: "POST",
      signal: timer.signal,
      headers: {
        ...o.headers,
        Accept: "application/json",
        "Content-Type": o.format === "form" ? "application/x-www-form-urlencoded" : "application/json",
      },
      body: o.format === "form" ? new URLSearchParams(fields).toString() : JSON.stringify(fields),
    });
    const url = withoutQuery(o.tokenUrl);
    const ctx = { method: "POST", url, baseUrl: o.baseUrl, redactor: o.redactor, now: this.now };
    const started = Date.now();
    logLine(o.logger, () => `→ POST ${url} (token request, ${o.format} body not logged)`);
    let response: Response;
    let text: string;
    try {
      response = await o.fetch(request);
      text = await response.text();
    } catch (cause) {
      if (timer.signal.aborted) throw new AirbyteTimeoutError({ scope: "attempt", timeoutMs: o.timeoutMs, method: "POST", url: `${url} (token request)` });
      throw new AirbyteConnectionError({ method: "POST", url: `${url} (token request)`, cause });
    } finally {
      timer.clear();
    }
    logLine(o.logger, () => `← ${response.status} POST ${url} (token request) in ${Date.now() - started} ms`);
    if (!response.ok) {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      throw errorFromResponse(body, response, ctx);
    }
    const fail = (why: string) =>
      new AirbyteUnexpectedResponseError({
        message: `POST ${url} (token request) answered ${response.status} ${why} Check tokenUrl (it defaults to <baseUrl>/applications/token).`,
        status: response.status,
        contentType: response.headers.get("content-type") ?? undefined,
        method: "POST",
        url,
      });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Never quote the body: it may hold a partial token.
      throw fail(/^\s*</.test(text) ? "with an HTML page instead of a token." : "with a body that is not valid JSON.");
    }
    const body = (parsed ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== "string" || body.access_token === "") {
      throw fail("without an access_token.");
    }
    o.redactor.add(body.access_token);
    const expiresInMs = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in * 1000 : undefined;
    // Renew ahead of expiry, but never so early that a short-lived token is refetched at once.
    const margin = expiresInMs === undefined ? 0 : Math.min(o.refreshBeforeExpiryMs, expiresInMs / 2);
    const token = {
      value: body.access_token,
      refreshAt: expiresInMs === undefined ? Infinity : this.now() + expiresInMs - margin,
    };
    this.cached = token;
    return token;
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
