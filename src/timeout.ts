/**
 * Deadlines on the client's clock.
 *
 * A call gets at most two timers (the attempt timeout, re-armed per attempt,
 * and the total timeout), one listener on the caller's signal (forwarding its
 * abort, removed when the call settles, so a long-lived signal retains
 * nothing), and an AbortController made only when a step needs a signal (a
 * caller's signal to forward, a backoff wait, a token fetch). The timers hold
 * the deadlines object, and so everything an abort must reach, for the
 * call's whole life: no abort depends on a weakly held object.
 *
 * The step in flight (the fetch, the body read) is told of an abort through
 * `watch`, a plain callback: an abort listener on an AbortSignal costs about
 * as much as the rest of a call, and the fetch of Node holds its own listener
 * only weakly (see send.ts).
 */
import { systemClock, type Clock } from "./clock.js";

export type AbortCause = "caller" | "attempt" | "total";

export interface CallDeadlines {
  /** Why the call aborted, if it did (an attempt timeout is cleared when the next attempt starts). */
  cause: AbortCause | undefined;
  /** The abort's reason (the caller's, or a DOMException named TimeoutError). */
  reason: unknown;
  /** Whether anything can abort the call (a caller signal or a timer). */
  readonly armed: boolean;
  /** A signal for the next step (a backoff wait, a token fetch); undefined when nothing can abort the call. */
  signal(): AbortSignal | undefined;
  /** Starts an attempt: clears a previous attempt timeout and arms the attempt timer. */
  start(): void;
  /** `onAbort` is called (once) if the call aborts before the next `watch`; `watch(undefined)` stops watching. */
  watch(onAbort: ((reason: unknown) => void) | undefined): void;
  /** Clears the attempt timer. */
  end(): void;
  /** Clears every timer and the caller listener: called once the call settles. */
  dispose(): void;
}

export function callDeadlines(clock: Pick<Clock, "schedule">, caller: AbortSignal | undefined, attemptMs: number | false, totalMs: number | false): CallDeadlines {
  let controller: AbortController | undefined;
  let cancelAttempt: (() => void) | undefined;
  let watcher: ((reason: unknown) => void) | undefined;
  const abort = (cause: AbortCause, reason?: unknown) => {
    // A caller abort or the total timeout is final; an attempt timeout is not.
    if (d.cause === "caller" || d.cause === "total") return;
    d.cause = cause;
    d.reason = reason ?? new DOMException(`The ${cause} timeout passed`, "TimeoutError");
    controller?.abort(d.reason);
    const w = watcher;
    watcher = undefined;
    w?.(d.reason);
  };
  // The previous attempt timed out: what follows (a backoff wait, the next attempt) runs on a live controller.
  const live = () => {
    if (d.cause === "attempt") d.cause = d.reason = controller = undefined;
  };
  const onCallerAbort = () => abort("caller", caller?.reason);
  caller?.addEventListener("abort", onCallerAbort, { once: true });
  const cancelTotal = totalMs === false ? undefined : clock.schedule(totalMs, () => abort("total"));
  const d: CallDeadlines = {
    cause: undefined,
    reason: undefined,
    armed: !!caller || attemptMs !== false || !!cancelTotal,
    signal() {
      if (!d.armed) return undefined;
      live();
      controller ??= new AbortController();
      if (d.cause && !controller.signal.aborted) controller.abort(d.reason);
      return controller.signal;
    },
    start() {
      live();
      if (attemptMs !== false) cancelAttempt = clock.schedule(attemptMs, () => abort("attempt"));
    },
    watch(onAbort) {
      watcher = undefined;
      if (onAbort && d.cause) onAbort(d.reason);
      else watcher = onAbort;
    },
    end() {
      cancelAttempt?.();
      cancelAttempt = watcher = undefined;
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
 * A single deadline (used for token requests): the call deadlines of a call
 * without attempts, with a signal made at once. `false` or `Infinity` means
 * no deadline (its signal never aborts).
 */
export interface Deadline {
  readonly ms: number;
  readonly signal: AbortSignal;
  readonly deadlines: CallDeadlines;
  clear(): void;
}

export function deadline(ms: number | false, clock: Pick<Clock, "schedule"> = systemClock): Deadline {
  const d = callDeadlines(clock, undefined, false, ms !== false && Number.isFinite(ms) ? ms : false);
  return { ms: ms === false ? Infinity : ms, signal: d.signal() ?? new AbortController().signal, deadlines: d, clear: d.dispose };
}
