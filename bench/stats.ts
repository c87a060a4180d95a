/** Medians and spreads of repeated, interleaved measurements (shared by every figure of `npm run bench`). */

/** One measure over the rounds: the median, and the smallest and largest round. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  /** 0 for a figure derived from other figures' medians (rendered "from medians") */
  rounds: number;
}

/** A ratio measured pairwise: the median of per-round ratios (ours / anchor, run back to back) and its quartiles. */
export interface PairedRatio extends Stat {
  q1: number;
  q3: number;
}

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** The q-quantile by linear interpolation between the closest ranks (the median of an even count is the mean of the middle two). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

export function stat(xs: readonly number[]): Stat {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), rounds: xs.length };
}

/**
 * The per-round ratios ours[i] / anchor[i] of two contenders measured in the
 * same interleaved rounds, summarised: a slow spell of a shared machine hits
 * both sides of one round alike, so it cancels in the ratio rather than
 * spreading the two medians apart.
 */
export function pairedRatio(ours: readonly number[], anchor: readonly number[]): PairedRatio {
  if (ours.length !== anchor.length) throw new Error(`pairedRatio: ${ours.length} rounds against ${anchor.length}`);
  const ratios = ours.map((x, i) => x / (anchor[i] as number));
  return { ...stat(ratios), q1: quantile(ratios, 0.25), q3: quantile(ratios, 0.75) };
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
