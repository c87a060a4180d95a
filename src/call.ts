/**
 * Performs one operation: maps the method's positional arguments onto the
 * operation's path parameters, body and query, then runs attempts until one
 * succeeds, the retry policy gives up, a timeout passes or the caller aborts.
 * Usage errors are thrown before anything is sent and are never retried.
 */
import type { OperationSpec } from "./operation-spec.js";
import { apiPromise, requestIdOf, type ApiPromise, type WithResponse } from "./api-promise.js";
import { readBody } from "./body.js";
import { resolveCall, type ResolvedConfig } from "./config.js";
import { AirbyteConnectionError, AirbyteError, AirbyteTimeoutError, AirbyteUsageError } from "./errors/index.js";
import { logLine } from "./logger.js";
import { redactHeaders, redactUrl, secretsOfHeader, secretsOfHeaders } from "./redact.js";
import { errorFromResponse, parseSuccess } from "./response.js";
import { decideRetry } from "./retry.js";
import { send } from "./send.js";
import { callDeadlines, type AbortCause } from "./timeout.js";
import { fillPath, withoutQuery, type QuerySerializer } from "./url.js";

/**
 * `serialize` is the query serializer, passed by the callers of operations
 * that have query parameters (the grouped client, pagination, the standalone
 * function of such an operation), so a bundle of operations without a query
 * leaves it out.
 */
export function callOperation(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[], serialize?: QuerySerializer): ApiPromise<unknown> {
  return apiPromise(run(config, id, spec, args, serialize));
}

async function run(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[], serialize?: QuerySerializer): Promise<WithResponse<unknown>> {
  const { method, success } = spec;
  const { redactor, auth, logger } = config;
  // The arguments are `(…pathParams, body | query, options?)`, split by the operation's table entry.
  let next = spec.pathParams.length;
  const json = spec.body ? args[next++] : undefined;
  if (spec.body?.required && json === undefined) throw new AirbyteUsageError(`${id}: the request body (argument ${next}) is required.`);
  const query = spec.queryParams.length ? args[next++] : undefined;
  if (args.length > next + 1) throw new AirbyteUsageError(`${id}: takes at most ${next + 1} arguments (the last one is the options); got ${args.length}.`);
  const call = resolveCall(config, args[next], id);
  const { signal: callerSignal, headers: callHeaders } = call;
  // Before any secret is held: an aborted call has nothing to release.
  callerSignal?.throwIfAborted();
  /** The URL sent (with its query), also the one logged and shown (redacted) in `error.request`. */
  const url = config.baseUrl + fillPath(id, spec.path, spec.pathParams, args) + (serialize ? serialize(id, query, spec.queryParams) : "");
  const body = json === undefined ? undefined : JSON.stringify(json);
  /** What messages show: the URL without its query. Also the context of body reading and response parsing. */
  const where = { method, url: withoutQuery(url), baseUrl: config.baseUrl, redactor, now: config.clock.now, maxBytes: config.maxResponseBytes, signal: undefined as AbortSignal | undefined };
  const redirect = success === "redirect";
  const timeout = (scope: "attempt" | "total", previous?: AirbyteError) => {
    const error = new AirbyteTimeoutError({ scope, timeoutMs: call[scope === "attempt" ? "timeoutMs" : "totalTimeoutMs"] || 0, method, url: where.url });
    error.request = previous?.request;
    return error;
  };
  // Per-call secrets are redacted while the call runs, then forgotten (bounded memory).
  const releases = [redactor.hold(secretsOfHeaders(callHeaders))];
  const deadlines = callDeadlines(config.clock, callerSignal, call.timeoutMs, call.totalTimeoutMs);
  try {
    // One loop over attempts; a replay after a 401 (once per attempt, when the credentials can be renewed) keeps the attempt's number.
    for (let attempt = 0, replayed = false; ; ) {
      const signal = (where.signal = deadlines.start());
      let headers: Record<string, string> | undefined;
      let failure: unknown;
      try {
        let authorization = spec.authenticated && !callHeaders?.authorization ? auth.header(signal) : undefined;
        if (typeof authorization === "object") authorization = await authorization;
        // A renewable credential (minted, or a fetched token that a rotation may retire) stays redacted while this call carries it.
        if (authorization && (auth.minted || auth.canRenew)) releases.push(redactor.hold(secretsOfHeader("authorization", authorization)));
        headers = { ...config.headers };
        if (authorization) headers.authorization = authorization;
        if (body !== undefined) headers["content-type"] = "application/json";
        if (callHeaders) Object.assign(headers, callHeaders);
        const response = await send(config, method, url, headers, body, signal, !redirect, attempt + 1);
        if (response.status === 401 && authorization && auth.canRenew && !replayed) {
          void response.body?.cancel().catch(() => undefined);
          auth.rejected(authorization);
          logLine(logger, () => `401 from ${method} ${redactUrl(url, redactor)}: renewing credentials and replaying once`);
          replayed = true;
          continue;
        }
        const text = await readBody(response, where);
        if (response.ok || (redirect && response.status >= 300 && response.status < 400)) {
          return { data: parseSuccess(redirect ? "none" : success, text, response, where), response, requestId: requestIdOf(response.headers) };
        }
        throw errorFromResponse(text, response, where);
      } catch (error) {
        failure = error;
      } finally {
        deadlines.end();
      }
      if (callerSignal?.aborted) throw callerSignal.reason;
      const cause = deadlines.cause as Exclude<AbortCause, "caller"> | undefined;
      if (cause) failure = timeout(cause);
      else if (!(failure instanceof AirbyteError)) failure = new AirbyteConnectionError({ method, url: where.url, cause: failure, redactor });
      // Built only here, on the error path, while the call's secrets are still held.
      if (failure instanceof AirbyteError && headers) failure.request ??= { method, url: redactUrl(url, redactor), headers: redactHeaders(headers, redactor) };
      if (cause === "total") throw failure;
      const decision = decideRetry(failure, method, attempt, call.retry);
      if (!decision.retry) throw failure;
      logLine(logger, () => `retry ${method} ${redactUrl(url, redactor)} in ${decision.delayMs} ms after ${decision.reason} (attempt ${attempt + 1} of ${call.retry.maxRetries + 1})`);
      try {
        await config.clock.sleep(decision.delayMs, deadlines.signal());
      } catch {
        throw callerSignal?.aborted ? callerSignal.reason : timeout("total", failure as AirbyteError);
      }
      attempt++;
      replayed = false;
    }
  } finally {
    deadlines.dispose();
    for (const release of releases) release();
  }
}
