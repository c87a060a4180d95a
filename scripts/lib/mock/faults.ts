/**
 * Errors and slowness on demand, the way Prism does it: a `Prefer: code=404`
 * request header answers that status (with the operation's documented body
 * for it, else a Problem), `Prefer: example=<name>` picks a named example;
 * and options add latency and a failure rate, reproducible with a seed.
 */

export interface Prefer {
  code?: number;
  example?: string;
}

/** `code=429, example=big` (one header or several joined by commas). */
export function parsePrefer(header: string | undefined): Prefer {
  const out: Prefer = {};
  for (const part of (header ?? "").split(/[,;]/)) {
    const [rawKey, ...rest] = part.split("=");
    const key = (rawKey ?? "").trim().toLowerCase();
    const value = rest.join("=").trim().replace(/^"(.*)"$/, "$1");
    if (key === "code" && /^[1-5]\d\d$/.test(value)) out.code = Number(value);
    if (key === "example" && value !== "") out.example = value;
  }
  return out;
}

/** mulberry32: a small seeded generator, so a failure rate fails the same requests on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultOptions {
  /** Delay before every answer, in ms: a number, or `[min, max]` drawn per request. @default 0 */
  latencyMs?: number | readonly [number, number];
  /** Share of valid requests answered with an injected 500 Problem, 0 to 1. @default 0 */
  failureRate?: number;
  /** Seed of the latency and failure draws. @default 1 */
  seed?: number;
}

/** Bad options fail at start, naming the option and what it takes. */
export function checkFaultOptions(options: FaultOptions): void {
  const { latencyMs = 0, failureRate = 0, seed = 1 } = options;
  const range = typeof latencyMs === "number" ? [latencyMs, latencyMs] : latencyMs;
  if (range.length !== 2 || range.some((n) => !Number.isFinite(n) || n < 0 || n > 60_000) || (range[0] ?? 0) > (range[1] ?? 0)) {
    throw new RangeError(`latencyMs must be a number of ms from 0 to 60000, or [min, max] with min <= max; got ${JSON.stringify(latencyMs)}.`);
  }
  if (!Number.isFinite(failureRate) || failureRate < 0 || failureRate > 1) {
    throw new RangeError(`failureRate must be a number from 0 to 1 (0.1 fails one request in ten); got ${String(failureRate)}.`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer; got ${String(seed)}.`);
}

/** The draws of one mock: how long each request waits, and whether it fails. */
export class Faults {
  readonly #random: () => number;
  readonly #min: number;
  readonly #max: number;
  readonly #failureRate: number;

  constructor(options: FaultOptions = {}) {
    checkFaultOptions(options);
    const latency = options.latencyMs ?? 0;
    [this.#min, this.#max] = typeof latency === "number" ? [latency, latency] : latency;
    this.#failureRate = options.failureRate ?? 0;
    this.#random = seededRandom(options.seed ?? 1);
  }

  delayMs(): number {
    return this.#min === this.#max ? this.#min : Math.round(this.#min + this.#random() * (this.#max - this.#min));
  }

  fails(): boolean {
    return this.#failureRate > 0 && this.#random() < this.#failureRate;
  }
}
