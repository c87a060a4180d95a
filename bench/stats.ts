/** Medians and spreads of repeated, interleaved measurements (shared by every figure of `npm run bench`). */

/** One measure over the rounds: the median, and the smallest and largest round. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  /** 0 for a figure derived from other figures' medians (rendered "from medians") */
  rounds: number;
}

export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
}

export function stat(xs: readonly number[]): Stat {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), rounds: xs.length };
}

/** A stat from a bench/generate.ts figure's median and [min, max]. */
export function fromRange(med: number | undefined, range: [number, number] | undefined, rounds: number): Stat | undefined {
  return med === undefined || range === undefined ? undefined : { median: med, min: range[0], max: range[1], rounds };
}

/**
 * Runs `contenders` in `rounds` interleaved rounds (each round runs every
 * contender once, the order rotated), so drift in a shared machine's load hits
 * them alike. `warmup` rounds are run first and dropped.
 */
export async function interleave<T extends string>(
  contenders: Record<T, () => Promise<number>>,
  rounds: number,
  warmup = 0,
): Promise<Record<T, number[]>> {
  const names = Object.keys(contenders) as T[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<T, number[]>;
  for (let round = -warmup; round < rounds; round++) {
    const shift = Math.max(round, 0) % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const value = await contenders[name]();
      if (round >= 0) samples[name].push(value);
    }
  }
  return samples;
}
