/**
 * Time, as the client sees it: the current time (token expiry, Retry-After
 * dates) and waiting (backoff between retries). Replaceable through the
 * `clock` option, e.g. to record the delays the client chooses without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. @default Date.now */
  now(): number;
  /**
   * Waits `ms` milliseconds; rejects with the signal's reason when it aborts first.
   * @default a setTimeout that is cleared on abort
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};
