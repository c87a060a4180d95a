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

export class CallDeadlines {
  #controller: AbortController | undefined;
  #cause: AbortCause | undefined;
  #cancelAttempt: (() => void) | undefined;
  #cancelTotal: (() => void) | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly caller: AbortSignal | undefined,
    private readonly attemptMs: number | false,
    totalMs: number | false,
  ) {
    if (caller) {
      this.#onCallerAbort = () => this.#abort("caller", caller.reason);
      caller.addEventListener("abort", this.#onCallerAbort, { once: true });
    }
    if (totalMs !== false) this.#cancelTotal = clock.schedule(totalMs, () => this.#abort("total"));
  }

  /** Why the call's signal aborted, if it did. */
  get cause(): AbortCause | undefined {
    return this.#cause;
  }

  /** The signal for the next step; undefined when nothing can abort the call. */
  get signal(): AbortSignal | undefined {
    if (!this.caller && this.attemptMs === false && !this.#cancelTotal) return undefined;
    if (this.#cause === "attempt") {
      // The previous attempt timed out: the next one needs a live controller.
      this.#cause = undefined;
      this.#controller = undefined;
    }
    return (this.#controller ??= new AbortController()).signal;
  }

  /** Arms the attempt timer and returns the attempt's signal. */
  startAttempt(): AbortSignal | undefined {
    const signal = this.signal;
    if (this.attemptMs !== false) this.#cancelAttempt = this.clock.schedule(this.attemptMs, () => this.#abort("attempt"));
    return signal;
  }

  endAttempt(): void {
    this.#cancelAttempt?.();
    this.#cancelAttempt = undefined;
  }

  /** Clears every timer and the caller listener: called once the call settles. */
  dispose(): void {
    this.endAttempt();
    this.#cancelTotal?.();
    if (this.#onCallerAbort) this.caller?.removeEventListener("abort", this.#onCallerAbort);
  }

  #abort(cause: AbortCause, reason?: unknown): void {
    if (this.#cause === "caller" || this.#cause === "total") return;
    this.#cause = cause;
    (this.#controller ??= new AbortController()).abort(reason ?? new DOMException(`The ${cause} timeout passed`, "TimeoutError"));
  }
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
  const controller = new AbortController();
  const unbounded = ms === false || !Number.isFinite(ms);
  const clear = unbounded
    ? () => undefined
    : clock.schedule(ms, () => controller.abort(new DOMException(`Deadline of ${ms} ms passed`, "TimeoutError")));
  return { ms: ms === false ? Infinity : ms, signal: controller.signal, clear };
}
