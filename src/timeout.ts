/**
 * A deadline: an AbortSignal that aborts after `ms` milliseconds, and a way to
 * cancel it, so finished calls leave no timer behind.
 */
export interface Deadline {
  readonly ms: number;
  readonly signal: AbortSignal;
  clear(): void;
}

export function deadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`Deadline of ${ms} ms passed`, "TimeoutError")), ms);
  return {
    ms,
    signal: controller.signal,
    clear: () => clearTimeout(timer),
  };
}
