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

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
/** Statuses that say the server did not process the request, so even POST may repeat. */
const NOT_PROCESSED = new Set([429, 503]);

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false };

export function decideRetry(
  error: unknown,
  method: string,
  attempt: number,
  options: ResolvedRetry,
  random: () => number = Math.random,
): RetryDecision {
  if (attempt >= options.maxRetries) return { retry: false };
  const replayable = IDEMPOTENT.has(method) || options.nonIdempotent;
  let reason: string;
  if (error instanceof AirbyteApiError) {
    if (!options.statuses.includes(error.status)) return { retry: false };
    if (!replayable && !NOT_PROCESSED.has(error.status)) return { retry: false };
    if (error.retryAfterMs !== undefined) {
      if (error.retryAfterMs > options.maxRetryAfterMs) return { retry: false };
      return { retry: true, delayMs: error.retryAfterMs, reason: `${error.status} with Retry-After` };
    }
    reason = String(error.status);
  } else if (error instanceof AirbyteConnectionError || (error instanceof AirbyteTimeoutError && error.scope === "attempt")) {
    if (!replayable) return { retry: false };
    reason = error instanceof AirbyteTimeoutError ? "attempt timeout" : "network error";
  } else {
    return { retry: false };
  }
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt);
  return { retry: true, delayMs: Math.floor(random() * ceiling), reason };
}
