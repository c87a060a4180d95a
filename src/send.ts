/**
 * The one send path. Typed methods, paged walks and the raw client describe a
 * request (`Outgoing`: a URL from url.ts, a body, whether it carries
 * credentials) and hand it to `transport`, which runs the attempts:
 * credentials, the request, same-origin redirects, the 401 replay, the body
 * read under `maxResponseBytes`, the attempt and total timeouts, the retry
 * policy and the backoff waits, with every line logged and every error
 * redacted the same way for all of them.
 */
import type { ResolvedCall, ResolvedConfig } from "./config.js";
import { AirbyteApiError, AirbyteConnectionError, AirbyteError, AirbyteTimeoutError } from "./errors/index.js";
import { logLine } from "./logger.js";
import { globalFetch } from "./options.js";
import { readBody } from "./body.js";
import { redactHeaders, redactUrl, secretsOfHeader, secretsOfHeaders } from "./redact.js";
import { errorFromResponse, type ResponseContext } from "./response.js";
import { decideRetry } from "./retry.js";
import { callDeadlines, type AbortCause, type CallDeadlines } from "./timeout.js";
import { withoutQuery } from "./url.js";

const MAX_REDIRECTS = 5;

/** One request as its caller describes it; the transport adds everything else. */
export interface Outgoing {
  method: string;
  /** The URL sent, query included (built by url.ts). */
  url: string;
  /** A JSON body, already serialized. */
  body: string | undefined;
  /** Whether to send the client's credentials (false for operations the spec marks public). */
  authenticated: boolean;
  /** Follow same-origin redirects; false returns a 3xx as the answer. */
  followRedirects: boolean;
  /** Whether an answer is a success (otherwise it becomes an `AirbyteApiError`, maybe retried). */
  ok(response: Response): boolean;
  /** Opt-in response validation (airbyte-api-client/validate): sees each parsed success body and each error body. */
  validate?: ((status: number, body: unknown, error?: AirbyteApiError) => void) | undefined;
}

/** The context of body reading and response parsing: the URL without its query. */
export type Where = ResponseContext & { maxBytes: number; abort: CallDeadlines | undefined };

/** A success, or (with `returnErrors`) the error status that was not retried, with its body as read. */
export interface Answer<T> {
  response: Response;
  /** What `read` made of a success; undefined with `error`. */
  data: T | undefined;
  text: string | undefined;
  error: AirbyteApiError | undefined;
}

/**
 * Runs the attempts of one call. `read` turns a success body into the result
 * (its failures are errors of the call, with the redacted request attached).
 * An error status that is not retried is thrown, or returned as `error` when
 * `returnErrors` (the raw client's `{ data, error, response }`).
 */
export async function transport<T>(
  config: ResolvedConfig,
  out: Outgoing,
  call: ResolvedCall,
  read: (response: Response, text: string | undefined, where: Where) => T,
  returnErrors = false,
): Promise<Answer<T>> {
  const { method, url } = out;
  const { redactor, logger, clock } = config;
  const where: Where = { method, url: withoutQuery(url), baseUrl: config.baseUrl, redactor, now: clock.now, maxBytes: config.maxResponseBytes, abort: undefined };
  const callerSignal = call.signal;
  // Per-call secrets are redacted while the call runs, then forgotten (bounded memory).
  const releases = [redactor.hold(secretsOfHeaders(call.headers))];
  // Held by this frame and by its own timers for the whole call.
  const deadlines = callDeadlines(clock, callerSignal, call.timeoutMs, call.totalTimeoutMs);
  try {
    for (let attempt = 0; ; attempt++) {
      const sent: { headers?: Record<string, string> } = {};
      let failure: unknown;
      let answer: Answer<T> | undefined;
      try {
        answer = await attemptOnce(config, out, call, deadlines, where, releases, attempt, sent, read);
        if (!answer.error) return answer;
        failure = answer.error;
      } catch (error) {
        failure = error;
      } finally {
        deadlines.end();
      }
      if (callerSignal?.aborted) throw callerSignal.reason;
      const cause = deadlines.cause as Exclude<AbortCause, "caller"> | undefined;
      if (cause) failure = timeoutError(call, cause, where);
      // Built only here, on the error path, while the call's secrets are still held.
      if (failure instanceof AirbyteError && sent.headers) failure.request ??= { method, url: redactUrl(url, redactor), headers: redactHeaders(sent.headers, redactor) };
      if (cause === "total") throw failure;
      const decision = decideRetry(failure, method, attempt, call.retry);
      if (!decision.retry) {
        if (returnErrors && answer && answer.error === failure) return answer;
        throw failure;
      }
      logLine(logger, () => `retry ${method} ${redactUrl(url, redactor)} in ${decision.delayMs} ms after ${decision.reason} (attempt ${attempt + 1} of ${call.retry.maxRetries + 1})`);
      try {
        await clock.sleep(decision.delayMs, deadlines.signal());
      } catch {
        if (callerSignal?.aborted) throw callerSignal.reason;
        const error = timeoutError(call, "total", where);
        error.request = (failure as AirbyteError).request;
        throw error;
      }
    }
  } finally {
    deadlines.dispose();
    for (const release of releases) release();
  }
}

function timeoutError(call: ResolvedCall, scope: "attempt" | "total", where: Where): AirbyteTimeoutError {
  return new AirbyteTimeoutError({ scope, timeoutMs: call[scope === "attempt" ? "timeoutMs" : "totalTimeoutMs"] || 0, method: where.method, url: where.url });
}

/** One attempt: credentials, the exchange (with a single replay after a 401 when they can be renewed), the body read. */
async function attemptOnce<T>(
  config: ResolvedConfig,
  out: Outgoing,
  call: ResolvedCall,
  deadlines: CallDeadlines,
  where: Where,
  releases: Array<() => void>,
  attempt: number,
  sent: { headers?: Record<string, string> },
  read: (response: Response, text: string | undefined, where: Where) => T,
): Promise<Answer<T>> {
  const { auth, redactor } = config;
  const callHeaders = call.headers;
  deadlines.start();
  where.abort = deadlines;
  // The Request carries a signal whenever something can abort the call (a caller signal or a timeout), so
  // an abort also closes the request on the network (no socket held until the server or undici gives up).
  // The call itself settles through `watch` (see untilAborted), held by the call's own timers: Node's fetch
  // keeps the signal's controller only weakly, and a collected controller must not leave the call pending.
  const signal = deadlines.signal();
  for (let replayed = false; ; replayed = true) {
    let authorization = out.authenticated && !callHeaders?.authorization ? auth.header(deadlines.signal()) : undefined;
    if (typeof authorization === "object") authorization = await authorization;
    // A renewable credential (minted, or a fetched token that a rotation may retire) stays redacted while this call carries it.
    if (authorization && (auth.minted || auth.canRenew)) releases.push(redactor.hold(secretsOfHeader("authorization", authorization)));
    const headers: Record<string, string> = { ...config.headers };
    if (authorization) headers.authorization = authorization;
    if (out.body !== undefined) headers["content-type"] = "application/json";
    if (callHeaders) Object.assign(headers, callHeaders);
    sent.headers = headers;
    const response = await send(config, out.method, out.url, headers, out.body, signal, deadlines, out.followRedirects, attempt + 1);
    if (response.status === 401 && authorization && auth.canRenew && !replayed) {
      void response.body?.cancel().catch(noop);
      auth.rejected(authorization);
      logLine(config.logger, () => `401 from ${out.method} ${redactUrl(out.url, redactor)}: renewing credentials and replaying once`);
      continue;
    }
    let text: string | undefined;
    try {
      text = await readBody(response, where);
    } catch (error) {
      // A body cut mid-way is a network failure; an oversized one is already an AirbyteError.
      throw error instanceof AirbyteError || deadlines.cause ? error : new AirbyteConnectionError({ method: out.method, url: where.url, cause: error, redactor });
    }
    if (out.ok(response)) {
      const data = read(response, text, where);
      out.validate?.(response.status, data);
      return { response, data, text, error: undefined };
    }
    const error = errorFromResponse(text, response, where);
    out.validate?.(response.status, text, error);
    return { response, data: undefined, text, error };
  }
}

/**
 * Sends one request (`attempt` counts from 1, for the log), following
 * same-origin redirects unless `followRedirects` is false (a 3xx is then the
 * answer). A redirect to another origin, or to a URL with credentials in it,
 * is an error, so credentials, per-call headers and request bodies never reach
 * a host the caller did not name. A fetch failure is an `AirbyteConnectionError`.
 */
export async function send(
  config: Pick<ResolvedConfig, "fetch" | "logger" | "redactor" | "clock" | "baseUrl"> & { origin?: string | undefined },
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal | undefined,
  deadlines: Pick<CallDeadlines, "armed" | "watch" | "cause"> | undefined,
  followRedirects: boolean,
  attempt: number,
  label = "",
): Promise<Response> {
  const { logger, redactor, clock, baseUrl, origin } = config;
  const n = attempt ? ` (attempt ${attempt})` : "";
  for (let hop = 0; ; hop++) {
    // A labelled request (the token request) is logged without its query.
    const shown = () => `${method} ${label ? withoutQuery(url) + label : redactUrl(url, redactor)}`;
    logLine(logger, () => `→ ${shown()}${n} ${JSON.stringify(redactHeaders(headers, redactor))}`);
    const started = logger ? clock.now() : 0;
    // Every header value was checked before (headers.ts), so building the Request cannot fail on one.
    const init: RequestInit = { method, headers, body, signal, redirect: "manual" };
    // The global fetch builds its Request itself (see globalFetch); a fetch of the caller's gets one, built
    // here, before the try: a Request that cannot be built is not a network failure to retry.
    const request = config.fetch === globalFetch ? undefined : new Request(url, init);
    let response: Response;
    try {
      response = await untilAborted(request ? config.fetch(request) : globalThis.fetch(url, init), deadlines);
    } catch (error) {
      logLine(logger, () => `✗ ${shown()} failed after ${clock.now() - started} ms (${error instanceof Error ? error.name : "error"})${n}`);
      throw deadlines?.cause ? error : new AirbyteConnectionError({ method, url: withoutQuery(url) + label, cause: error, redactor });
    }
    logLine(logger, () => `← ${response.status} ${shown()} in ${clock.now() - started} ms${n}`);
    const { status, type, headers: answer } = response;
    if (!followRedirects || (type !== "opaqueredirect" && !([301, 302, 303, 307, 308].includes(status) && answer.has("location")))) return response;
    void response.body?.cancel().catch(noop);
    const where = { method, url: withoutQuery(url) };
    const fail = (why: string) => new AirbyteError(`${where.method} ${where.url} ${why} (it is ${baseUrl}).`, where);
    if (type === "opaqueredirect") throw fail("was redirected, and the browser hides where to, so it was not followed. Check baseUrl");
    const target = new URL(answer.get("location") ?? "", url);
    if (target.origin !== origin) {
      throw fail(`answered ${status}, a redirect to another origin (${target.origin}). It was not followed, so credentials and the request body stay with ${origin}. Check baseUrl`);
    }
    if (target.username || target.password) {
      // Never quoted: the userinfo may be a credential.
      throw fail(`answered ${status}, a redirect to a URL with user:password@ in it. It was not followed. Check baseUrl`);
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

/**
 * The fetch, settled by the call's deadlines as well: fetch forwards an abort
 * through a Request whose controller it holds only weakly, so after a garbage
 * collection the abort can be lost and the fetch hang for minutes. The
 * callback here is held by the deadlines, which the call's timers hold, so a
 * timeout always settles the call. A response that arrives after the abort
 * is cancelled.
 */
function untilAborted(pending: Promise<Response>, deadlines: Pick<CallDeadlines, "armed" | "watch"> | undefined): Promise<Response> {
  if (!deadlines?.armed) return pending;
  return new Promise<Response>((resolve, reject) => {
    deadlines.watch((reason) => {
      reject(reason);
      void pending.then((late) => late.body?.cancel().catch(noop), noop);
    });
    pending.then(resolve, reject);
  });
}

const noop = () => undefined;
