/**
 * When to retry a failed attempt, and how long to wait first.
 *
 * Idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS) are retried on the
 * retryable statuses, on network errors and on attempt timeouts. POST and
 * PATCH are retried only on 429 and 503 (the server did not process them),
 * unless the call opts in with `retry: { nonIdempotent: true }`.
 */
import { AirbyteApiError, AirbyteConnectionError, AirbyteTimeoutError } from "./errors/index.js";

export interface RetryOptions {
  /**
   * Retries after the first attempt.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Base of the exponential backoff: attempt n waits a random time in
   * [0, min(maxDelayMs, initialDelayMs * 2^n)] ("full jitter").
   * @default 500
   */
  initialDelayMs?: number | undefined;
  /**
   * Cap of one backoff wait.
   * @default 8_000
   */
  maxDelayMs?: number | undefined;
  /**
   * Longest `Retry-After` the client honours. A longer one is not waited for:
   * the call fails at once with the rate-limit (or server) error, which
   * carries `retryAfterMs`.
   * @default 60_000
   */
  maxRetryAfterMs?: number | undefined;
  /**
   * HTTP statuses that are retried.
   * @default [408, 429, 500, 502, 503, 504]
   */
  statuses?: readonly number[] | undefined;
  /**
   * Also retry POST and PATCH on every retryable status, network errors and
   * timeouts. Only safe when repeating the call does no harm.
   * @default false
   */
  nonIdempotent?: boolean | undefined;
}

export type ResolvedRetry = Required<RetryOptions>;

export const RETRY_DEFAULTS: ResolvedRetry = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  statuses: [408, 429, 500, 502, 503, 504],
  nonIdempotent: false,
};

const IDEMPOTENT = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"];

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false };

export function decideRetry(
  error: unknown,
  method: string,
  attempt: number,
  options: ResolvedRetry,
  random: () => number = Math.random,
): RetryDecision {
  const replayable = options.nonIdempotent || IDEMPOTENT.includes(method);
  let reason: string | undefined;
  if (error instanceof AirbyteApiError) {
    const { status, retryAfterMs } = error;
    // 429 and 503 say the server did not process the request, so even POST may repeat.
    if (options.statuses.includes(status) && (replayable || status === 429 || status === 503)) {
      if (retryAfterMs !== undefined) {
        return attempt < options.maxRetries && retryAfterMs <= options.maxRetryAfterMs ? { retry: true, delayMs: retryAfterMs, reason: `${status} with Retry-After` } : { retry: false };
      }
      reason = String(status);
    }
  } else if (replayable && (error instanceof AirbyteConnectionError || (error instanceof AirbyteTimeoutError && error.scope === "attempt"))) {
    reason = error instanceof AirbyteTimeoutError ? "attempt timeout" : "network error";
  }
  return reason && attempt < options.maxRetries
    ? { retry: true, delayMs: Math.floor(random() * Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt)), reason }
    : { retry: false };
}
