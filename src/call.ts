/**
 * Performs one operation: maps the method's positional arguments onto the
 * operation's path parameters, body and query, then runs attempts through the
 * openapi-fetch client until one succeeds, the retry policy gives up, a
 * timeout passes or the caller aborts.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import type { OperationSpec } from "../generated/operations.js";
import type { Authenticator } from "./auth.js";
import type { Clock } from "./clock.js";
import { AirbyteConnectionError, AirbyteError, AirbyteTimeoutError } from "./errors/index.js";
import { ATTEMPT, logLine, type Logger } from "./logger.js";
import type { RequestOptions } from "./options.js";
import { redactHeaders, redactUrl, secretsOfHeaders, type Redactor } from "./redact.js";
import { errorFromResponse, parseSuccess, type ResponseContext } from "./response.js";
import { decideRetry, resolveRetry, type RetryOptions } from "./retry.js";
import { deadline, type Deadline } from "./timeout.js";
import { joinUrl } from "./url.js";

export interface CallContext {
  raw: Client<paths>;
  baseUrl: string;
  auth: Authenticator;
  redactor: Redactor;
  clock: Clock;
  retry: RetryOptions | false | undefined;
  timeoutMs: number;
  totalTimeoutMs: number | undefined;
  logger: Logger | undefined;
}

interface CallInput {
  path: Record<string, string | number>;
  body: unknown;
  query: Record<string, unknown> | undefined;
  options: RequestOptions;
}

/** Splits `(…pathParams, body | query, options?)` by the operation's table entry. */
export function splitArgs(operationId: string, spec: OperationSpec, args: readonly unknown[]): CallInput {
  const path: Record<string, string | number> = {};
  spec.pathParams.forEach((name, i) => {
    const value = args[i];
    if ((typeof value !== "string" || value === "") && typeof value !== "number") {
      throw new AirbyteError(
        `${operationId}: argument ${i + 1} (${name}) must be a non-empty string; got ${value === "" ? "an empty string" : typeof value}.`,
      );
    }
    path[name] = value;
  });
  let next = spec.pathParams.length;
  const body = spec.body ? args[next++] : undefined;
  if (spec.body?.required && body === undefined) {
    throw new AirbyteError(`${operationId}: the request body (argument ${next}) is required.`);
  }
  const query = spec.queryParams.length ? (args[next++] as Record<string, unknown> | undefined) : undefined;
  const options = (args[next] ?? {}) as RequestOptions;
  if (typeof options !== "object") {
    throw new AirbyteError(`${operationId}: the last argument must be an options object ({ signal, headers, timeoutMs, retry }).`);
  }
  return { path, body, query, options };
}

export function fillPath(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

export async function callOperation(
  ctx: CallContext,
  operationId: string,
  spec: OperationSpec,
  args: readonly unknown[],
): Promise<unknown> {
  const input = splitArgs(operationId, spec, args);
  const signal = input.options.signal;
  signal?.throwIfAborted();
  const retry = resolveRetry(ctx.retry, input.options.retry);
  const url = joinUrl(ctx.baseUrl, fillPath(spec.path, input.path));
  const totalMs = input.options.totalTimeoutMs ?? ctx.totalTimeoutMs;
  const total = totalMs === undefined ? undefined : deadline(totalMs);
  // Per-call secrets are redacted while the call runs, then forgotten (bounded memory).
  const release = ctx.redactor.hold(secretsOfHeaders(input.options.headers));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce(ctx, spec, input, url, attempt, total);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (total?.signal.aborted) throw withRequest(error, new AirbyteTimeoutError({ scope: "total", timeoutMs: totalMs ?? 0, method: spec.method, url }));
        const decision = decideRetry(error, spec.method, attempt, retry);
        if (!decision.retry) throw error;
        logLine(ctx.logger, () => `retry ${spec.method} ${redactUrl(url, ctx.redactor)} in ${decision.delayMs} ms after ${decision.reason} (attempt ${attempt + 1} of ${retry.maxRetries + 1})`);
        try {
          await ctx.clock.sleep(decision.delayMs, anySignal(signal, total?.signal));
        } catch {
          if (signal?.aborted) throw signal.reason;
          throw withRequest(error, new AirbyteTimeoutError({ scope: "total", timeoutMs: totalMs ?? 0, method: spec.method, url }));
        }
      }
    }
  } finally {
    total?.clear();
    release();
  }
}

/** One attempt (plus one replay after a 401 when the credentials can be renewed). */
async function attemptOnce(
  ctx: CallContext,
  spec: OperationSpec,
  input: CallInput,
  url: string,
  attempt: number,
  total: Deadline | undefined,
): Promise<unknown> {
  const callerSignal = input.options.signal;
  const timeoutMs = input.options.timeoutMs ?? ctx.timeoutMs;
  const responseContext: ResponseContext = { method: spec.method, url, baseUrl: ctx.baseUrl, redactor: ctx.redactor, now: ctx.clock.now };
  for (let replay = 0; ; replay++) {
    const timer = deadline(timeoutMs);
    const signal = anySignal(callerSignal, timer.signal, total?.signal);
    let lastRequest: Request | undefined;
    try {
      const authorization = spec.authenticated ? await ctx.auth.header(signal) : undefined;
      const headers: Record<string, string> = { ...(authorization ? { Authorization: authorization } : {}), ...input.options.headers };
      const result = (await ctx.raw.request(spec.method.toLowerCase() as "get", spec.path as "/health", {
        params: { path: input.path, query: input.query },
        body: input.body,
        headers,
        signal,
        parseAs: "text",
        // Copied onto the Request by openapi-fetch; the logging middleware reads it.
        [ATTEMPT]: attempt + 1,
        middleware: [
          {
            onRequest({ request }: { request: Request }) {
              lastRequest = request;
              return undefined;
            },
          },
        ],
      } as never)) as { data?: unknown; error?: unknown; response: Response };
      const { response } = result;
      if (response.ok) {
        return parseSuccess(spec.success.kind, result.data as string | undefined, response, responseContext);
      }
      const canReplay = response.status === 401 && authorization && ctx.auth.canRenew && replay === 0 && !input.options.headers?.Authorization;
      if (canReplay) {
        ctx.auth.rejected(authorization);
        logLine(ctx.logger, () => `401 from ${spec.method} ${redactUrl(url, ctx.redactor)}: renewing credentials and replaying once`);
        continue;
      }
      throw errorFromResponse(result.error, response, responseContext);
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      let failure: unknown = error;
      if (timer.signal.aborted) failure = new AirbyteTimeoutError({ scope: "attempt", timeoutMs, method: spec.method, url });
      else if (total?.signal.aborted) failure = new AirbyteTimeoutError({ scope: "total", timeoutMs: total.ms, method: spec.method, url });
      else if (!(error instanceof AirbyteError)) failure = new AirbyteConnectionError({ method: spec.method, url, cause: error });
      throw attachRequest(failure, lastRequest, ctx.redactor);
    } finally {
      timer.clear();
    }
  }
}

function attachRequest(error: unknown, request: Request | undefined, redactor: Redactor): unknown {
  if (error instanceof AirbyteError && request && !error.request) {
    error.request = { method: request.method, url: redactUrl(request.url, redactor), headers: redactHeaders(request.headers, redactor) };
  }
  return error;
}

/** Gives a replacement error the redacted request of the error it replaces. */
function withRequest(previous: unknown, next: AirbyteError): AirbyteError {
  if (previous instanceof AirbyteError) next.request = previous.request;
  return next;
}

function anySignal(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
