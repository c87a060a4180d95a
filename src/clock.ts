/**
 * Time, as the client sees it: the current time (token expiry, Retry-After
 * dates), waiting (backoff between retries) and timers (attempt and total
 * timeouts). Replaceable through the `clock` option, so tests drive every
 * timer of the client on fake time instead of the wall clock.
 */
export interface Clock {
  /** Milliseconds since the epoch. @default Date.now */
  now(): number;
  /**
   * Waits `ms` milliseconds; rejects with the signal's reason when it aborts first.
   * @default a wait built on `schedule`, cleared on abort
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `callback` once after `ms` milliseconds; the returned function
   * cancels it. Every timeout of the client runs through this.
   * @default setTimeout / clearTimeout
   */
  schedule(ms: number, callback: () => void): () => void;
}

/** The real timer. `setTimeout` is looked up at call time so fake timers installed later still apply. */
const schedule = (ms: number, callback: () => void): (() => void) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

/** A complete clock from a partial one: a custom `schedule` also drives the default `sleep`. */
export function resolveClock(partial: Partial<Clock> = {}): Clock {
  const scheduleFn = partial.schedule ?? schedule;
  return {
    now: partial.now ?? (() => Date.now()),
    schedule: scheduleFn,
    sleep:
      partial.sleep ??
      ((ms, signal) =>
        new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(signal.reason);
          const onAbort = () => {
            cancel();
            reject(signal?.reason);
          };
          const cancel = scheduleFn(ms, () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          });
          signal?.addEventListener("abort", onAbort, { once: true });
        })),
  };
}

/** The real clock. */
export const systemClock: Clock = resolveClock();
