/**
 * Performs one operation: maps the method's positional arguments onto the
 * operation's path parameters, body and query, then runs attempts until one
 * succeeds, the retry policy gives up, a timeout passes or the caller aborts.
 * Usage errors are thrown before anything is sent and are never retried.
 */
import type { OperationSpec } from "../generated/operations.js";
import { apiPromise, requestIdOf, type ApiPromise, type WithResponse } from "./api-promise.js";
import { readBody } from "./body.js";
import { resolveCall, type ResolvedCall, type ResolvedConfig } from "./config.js";
import { AirbyteConnectionError, AirbyteError, AirbyteTimeoutError } from "./errors/index.js";
import { logLine } from "./logger.js";
import { redactHeaders, redactUrl, secretsOfHeader, secretsOfHeaders } from "./redact.js";
import { errorFromResponse, parseSuccess, type ResponseContext } from "./response.js";
import { decideRetry } from "./retry.js";
import { send } from "./send.js";
import { CallDeadlines } from "./timeout.js";
import { fillPath, serializeQuery, withoutQuery } from "./url.js";

/** A call, checked and built: everything an attempt needs. */
interface Prepared {
  id: string;
  spec: OperationSpec;
  call: ResolvedCall;
  /** The URL sent (with its query), also the one logged and shown (redacted) in `error.request`. */
  url: string;
  /** The URL without its query: what messages show. */
  shownUrl: string;
  body: string | undefined;
  /** Secrets held for this call only, released when it settles. */
  releases: Array<() => void>;
}

/** Splits `(…pathParams, body | query, options?)` by the operation's table entry and checks every part. */
export function prepare(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[]): Prepared {
  let next = spec.pathParams.length;
  const body = spec.body ? args[next++] : undefined;
  if (spec.body?.required && body === undefined) throw new AirbyteError(`${id}: the request body (argument ${next}) is required.`);
  const query = spec.queryParams.length ? args[next++] : undefined;
  if (args.length > next + 1) throw new AirbyteError(`${id}: takes at most ${next + 1} arguments (the last one is the options); got ${args.length}.`);
  const call = resolveCall(config, args[next], id);
  // Before any secret is held: an aborted call has nothing to release.
  call.signal?.throwIfAborted();
  const path = fillPath(id, spec.path, spec.pathParams, args);
  const url = config.baseUrl + path + serializeQuery(id, query, spec.queryParams);
  // Per-call secrets are redacted while the call runs, then forgotten (bounded memory).
  const releases = [config.redactor.hold(secretsOfHeaders(call.headers))];
  return { id, spec, call, url, shownUrl: withoutQuery(url), body: body === undefined ? undefined : JSON.stringify(body), releases };
}

export function callOperation(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[]): ApiPromise<unknown> {
  return apiPromise(run(config, id, spec, args));
}

async function run(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[]): Promise<WithResponse<unknown>> {
  const p = prepare(config, id, spec, args);
  const { call } = p;
  const deadlines = new CallDeadlines(config.clock, call.signal, call.timeoutMs, call.totalTimeoutMs);
  const totalError = (previous: unknown) => withRequest(previous, timeoutError(p, "total"));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce(config, p, deadlines, attempt);
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        if (deadlines.cause === "total") throw totalError(error);
        const decision = decideRetry(error, spec.method, attempt, call.retry);
        if (!decision.retry) throw error;
        logLine(config.logger, () => `retry ${spec.method} ${redactUrl(p.url, config.redactor)} in ${decision.delayMs} ms after ${decision.reason} (attempt ${attempt + 1} of ${call.retry.maxRetries + 1})`);
        try {
          await config.clock.sleep(decision.delayMs, deadlines.signal);
        } catch {
          if (call.signal?.aborted) throw call.signal.reason;
          throw totalError(error);
        }
      }
    }
  } finally {
    deadlines.dispose();
    for (const release of p.releases) release();
  }
}

/** One attempt (plus one replay after a 401 when the credentials can be renewed). */
async function attemptOnce(config: ResolvedConfig, p: Prepared, deadlines: CallDeadlines, attempt: number): Promise<WithResponse<unknown>> {
  const { spec, call } = p;
  const responseContext: ResponseContext = { method: spec.method, url: p.shownUrl, baseUrl: config.baseUrl, redactor: config.redactor, now: config.clock.now };
  for (let replay = 0; ; replay++) {
    const signal = deadlines.startAttempt();
    let headers: Record<string, string> | undefined;
    try {
      let authorization = spec.authenticated && !call.headers?.authorization ? config.auth.header(signal) : undefined;
      if (typeof authorization === "object") authorization = await authorization;
      if (authorization && config.auth.minted) p.releases.push(config.redactor.hold(secretsOfHeader("authorization", authorization)));
      headers = { ...config.headers };
      if (authorization) headers.authorization = authorization;
      if (p.body !== undefined) headers["content-type"] = "application/json";
      if (call.headers) Object.assign(headers, call.headers);
      const redirect = spec.success === "redirect";
      const response = await send(config, { method: spec.method, url: p.url, headers, body: p.body, signal, followRedirects: !redirect, attempt: attempt + 1 });
      if (response.status === 401 && authorization && config.auth.canRenew && replay === 0) {
        void response.body?.cancel().catch(() => undefined);
        config.auth.rejected(authorization);
        logLine(config.logger, () => `401 from ${spec.method} ${redactUrl(p.url, config.redactor)}: renewing credentials and replaying once`);
        continue;
      }
      const text = await readBody(response, { method: spec.method, url: p.shownUrl, maxBytes: config.maxResponseBytes, signal });
      if (response.ok || (redirect && response.status >= 300 && response.status < 400)) {
        const data = parseSuccess(redirect ? "none" : spec.success, text, response, responseContext);
        return { data, response, requestId: requestIdOf(response.headers) };
      }
      throw errorFromResponse(text, response, responseContext);
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      let failure: unknown = error;
      const cause = deadlines.cause;
      if (cause === "attempt" || cause === "total") failure = timeoutError(p, cause);
      else if (!(error instanceof AirbyteError)) failure = new AirbyteConnectionError({ method: spec.method, url: p.shownUrl, cause: error });
      // Built only here, on the error path, while the call's secrets are still held.
      if (failure instanceof AirbyteError && headers && !failure.request) {
        failure.request = { method: spec.method, url: redactUrl(p.url, config.redactor), headers: redactHeaders(headers, config.redactor) };
      }
      throw failure;
    } finally {
      deadlines.endAttempt();
    }
  }
}

function timeoutError(p: Prepared, scope: "attempt" | "total"): AirbyteTimeoutError {
  const timeoutMs = (scope === "attempt" ? p.call.timeoutMs : p.call.totalTimeoutMs) || 0;
  return new AirbyteTimeoutError({ scope, timeoutMs, method: p.spec.method, url: p.shownUrl });
}

/** Gives a replacement error the redacted request of the error it replaces. */
function withRequest(previous: unknown, next: AirbyteError): AirbyteError {
  if (previous instanceof AirbyteError) next.request = previous.request;
  return next;
}
