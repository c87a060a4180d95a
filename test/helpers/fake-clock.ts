/**
 * A clock for the client's `clock` option that never touches the wall clock:
 * time moves only when a test calls `advance`, and every timer the client
 * schedules (attempt and total timeouts, backoff waits) is visible.
 */
import type { Clock } from "../../src/index.js";

interface Timer {
  at: number;
  ms: number;
  run: () => void;
  live: boolean;
}

export function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  const timers: Timer[] = [];
  const clock: Clock = {
    now: () => now,
    schedule(ms, run) {
      const timer = { at: now + ms, ms, run, live: true };
      timers.push(timer);
      return () => {
        timer.live = false;
      };
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const cancel = clock.schedule(ms, resolve);
        signal?.addEventListener("abort", () => (cancel(), reject(signal.reason)), { once: true });
      });
    },
  };
  return {
    clock,
    /** Moves time forward, firing every live timer that falls due, in order. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.live && t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        due.live = false;
        due.run();
        // Let the client react (reject, retry, schedule the next timer) before the next one fires.
        for (let i = 0; i < 20; i++) await Promise.resolve();
      }
      now = until;
    },
    /** The delays of the timers not yet fired nor cancelled. */
    pending: () => timers.filter((t) => t.live).map((t) => t.ms),
    scheduled: () => timers.map((t) => t.ms),
  };
}

/** Lets pending promise callbacks run (a fetch that resolves at once, a token fetch...). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

/**
 * Lets `n` turns of the event loop pass (setImmediate: sockets, then promise
 * callbacks), with no wall-clock wait: "nothing more happened" is checked
 * after the I/O that could make it happen, never after some milliseconds.
 */
export async function ioTurns(n = 10): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A fetch that answers only when its request's signal aborts (then rejects with the reason), and records requests. */
export function hangingFetch() {
  const requests: Request[] = [];
  const fetch = (request: Request) => {
    requests.push(request);
    return new Promise<Response>((_, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
    });
  };
  return { fetch, requests };
}
