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

const MAX_REDIRECTS = 5;

/**
 * Sends one attempt (`attempt` counts from 1, for the log), following
 * same-origin redirects unless `followRedirects` is false (a 3xx is then the
 * operation's documented answer).
 */
export async function send(
  config: ResolvedConfig,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal | undefined,
  followRedirects: boolean,
  attempt: number,
): Promise<Response> {
  const { logger, redactor, clock, baseUrl, origin } = config;
  const n = ` (attempt ${attempt})`;
  for (let hop = 0; ; hop++) {
    const shown = () => `${method} ${redactUrl(url, redactor)}`;
    logLine(logger, () => `→ ${shown()}${n} ${JSON.stringify(redactHeaders(headers, redactor))}`);
    const started = logger ? clock.now() : 0;
    let response: Response;
    try {
      response = await config.fetch(new Request(url, { method, headers, body, signal, redirect: "manual" }));
    } catch (error) {
      logLine(logger, () => `✗ ${shown()} failed after ${clock.now() - started} ms (${error instanceof Error ? error.name : "error"})${n}`);
      throw error;
    }
    logLine(logger, () => `← ${response.status} ${shown()} in ${clock.now() - started} ms${n}`);
    const { status, type, headers: answer } = response;
    if (!followRedirects || (type !== "opaqueredirect" && !([301, 302, 303, 307, 308].includes(status) && answer.has("location")))) return response;
    void response.body?.cancel().catch(() => undefined);
    const where = { method, url: withoutQuery(url) };
    const fail = (why: string) => new AirbyteError(`${where.method} ${where.url} ${why} (it is ${baseUrl}).`, where);
    if (type === "opaqueredirect") throw fail("was redirected, and the browser hides where to, so it was not followed. Check baseUrl");
    const target = new URL(answer.get("location") ?? "", url);
    if (target.origin !== origin) {
      throw fail(`answered ${status}, a redirect to another origin (${target.origin}). It was not followed, so credentials and the request body stay with ${origin}. Check baseUrl`);
    }
    if (hop >= MAX_REDIRECTS) throw fail(`was redirected more than ${MAX_REDIRECTS} times; check baseUrl`);
    // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
    if (status === 303 || (status < 303 && method === "POST")) {
      method = "GET";
      body = undefined;
      const { "content-type": _dropped, ...rest } = headers;
      headers = rest;
    }
    url = target.href;
  }
}
