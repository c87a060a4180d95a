/**
 * Deadlines on the client's clock.
 *
 * A call gets one AbortController, reused by every attempt until a timeout
 * aborts it, one listener on the caller's signal (forwarding its abort, and
 * removed when the call settles, so a long-lived signal retains nothing), and
 * at most two timers: the attempt timeout (re-armed per attempt) and the total
 * timeout. A call with no signal and no timeout creates none of these, so its
 * Request carries no signal at all.
 */
import { systemClock, type Clock } from "./clock.js";

export type AbortCause = "caller" | "attempt" | "total";

export interface CallDeadlines {
  /** Why the call's signal aborted, if it did. */
  cause: AbortCause | undefined;
  /** The signal for the next step; undefined when nothing can abort the call. */
  signal(): AbortSignal | undefined;
  /** Arms the attempt timer and returns the attempt's signal. */
  start(): AbortSignal | undefined;
  /** Clears the attempt timer. */
  end(): void;
  /** Clears every timer and the caller listener: called once the call settles. */
  dispose(): void;
}

export function callDeadlines(clock: Pick<Clock, "schedule">, caller: AbortSignal | undefined, attemptMs: number | false, totalMs: number | false): CallDeadlines {
  let controller: AbortController | undefined;
  let cancelAttempt: (() => void) | undefined;
  const abort = (cause: AbortCause, reason?: unknown) => {
    // A caller abort or the total timeout is final; an attempt timeout is not.
    if (d.cause === "caller" || d.cause === "total") return;
    d.cause = cause;
    (controller ??= new AbortController()).abort(reason ?? new DOMException(`The ${cause} timeout passed`, "TimeoutError"));
  };
  const onCallerAbort = () => abort("caller", caller?.reason);
  caller?.addEventListener("abort", onCallerAbort, { once: true });
  const cancelTotal = totalMs === false ? undefined : clock.schedule(totalMs, () => abort("total"));
  const d: CallDeadlines = {
    cause: undefined,
    signal() {
      if (!caller && attemptMs === false && !cancelTotal) return undefined;
      if (d.cause === "attempt") {
        // The previous attempt timed out: the next one needs a live controller.
        d.cause = controller = undefined;
      }
      return (controller ??= new AbortController()).signal;
    },
    start() {
      const signal = d.signal();
      if (attemptMs !== false) cancelAttempt = clock.schedule(attemptMs, () => abort("attempt"));
      return signal;
    },
    end() {
      cancelAttempt?.();
      cancelAttempt = undefined;
    },
    dispose() {
      d.end();
      cancelTotal?.();
      caller?.removeEventListener("abort", onCallerAbort);
    },
  };
  return d;
}

/**
 * A single deadline (used for token requests): an AbortSignal that aborts
 * after `ms` on the given clock, and a way to cancel it. `false` or
 * `Infinity` means no deadline.
 */
export interface Deadline {
  readonly ms: number;
  readonly signal: AbortSignal;
  clear(): void;
}

export function deadline(ms: number | false, clock: Pick<Clock, "schedule"> = systemClock): Deadline {
  // The total deadline of a call without attempts; an unbounded one still hands out a signal (that never aborts).
  const d = callDeadlines(clock, undefined, false, ms !== false && Number.isFinite(ms) ? ms : false);
  return { ms: ms === false ? Infinity : ms, signal: d.signal() ?? new AbortController().signal, clear: d.dispose };
}
