/**
 * One HTTP exchange of an attempt: builds the Request, sends it with
 * `redirect: "manual"`, and follows a redirect only within the base URL's
 * origin. A redirect to another origin is an error, so credentials, per-call
 * headers and request bodies never reach a host the caller did not name.
 */
import type { ResolvedConfig } from "./config.js";
import { AirbyteError } from "./errors/index.js";
import { logLine } from "./logger.js";
import { redactHeaders, redactUrl } from "./redact.js";
import { withoutQuery } from "./url.js";

export interface Outgoing {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
  /** False when a 3xx is the operation's documented answer. */
  followRedirects: boolean;
  attempt: number;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function send(config: ResolvedConfig, out: Outgoing): Promise<Response> {
  let { method, url, body, headers } = out;
  for (let hop = 0; ; hop++) {
    const response = await exchange(config, method, url, headers, body, out);
    const redirected = response.type === "opaqueredirect" || (REDIRECTS.has(response.status) && response.headers.has("location"));
    if (!out.followRedirects || !redirected) return response;
    void response.body?.cancel().catch(() => undefined);
    const shownUrl = withoutQuery(url);
    const from = `${method} ${shownUrl}`;
    const where = { method, url: shownUrl };
    if (response.type === "opaqueredirect") {
      throw new AirbyteError(`${from} was redirected, and the browser hides where to, so it was not followed. Check baseUrl (it is ${config.baseUrl}).`, where);
    }
    const target = new URL(response.headers.get("location") ?? "", url);
    if (target.origin !== config.origin) {
      throw new AirbyteError(
        `${from} answered ${response.status}, a redirect to another origin (${target.origin}). It was not followed, so credentials and the request body stay with ${config.origin}. Check baseUrl (it is ${config.baseUrl}).`,
        where,
      );
    }
    if (hop >= MAX_REDIRECTS) throw new AirbyteError(`${from} was redirected more than ${MAX_REDIRECTS} times; check baseUrl (it is ${config.baseUrl}).`, where);
    // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
      const { "content-type": _dropped, ...rest } = headers;
      headers = rest;
    }
    url = target.href;
  }
}

async function exchange(config: ResolvedConfig, method: string, url: string, headers: Record<string, string>, body: string | undefined, out: Outgoing): Promise<Response> {
  const { logger, redactor, clock } = config;
  const attempt = ` (attempt ${out.attempt})`;
  logLine(logger, () => `→ ${method} ${redactUrl(url, redactor)}${attempt} ${JSON.stringify(redactHeaders(headers, redactor))}`);
  const started = logger ? clock.now() : 0;
  try {
    const request = new Request(url, { method, headers, body, signal: out.signal, redirect: "manual" });
    const response = await config.fetch(request);
    logLine(logger, () => `← ${response.status} ${method} ${redactUrl(url, redactor)} in ${clock.now() - started} ms${attempt}`);
    return response;
  } catch (error) {
    const reason = error instanceof Error ? error.name : "error";
    logLine(logger, () => `✗ ${method} ${redactUrl(url, redactor)} failed after ${clock.now() - started} ms (${reason})${attempt}`);
    throw error;
  }
}
