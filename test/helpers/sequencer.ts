/**
 * The order test files start in. Two workers take files from one queue, so a
 * long file that starts last holds up the end of the run while the other
 * core idles: the files listed in SLOWEST (the longest, measured with
 * `--reporter=verbose`, longest first) start first, the rest follow in
 * vitest's own order (failed first, then longest first by its cache, which
 * a fresh clone does not have).
 *
 * `--sequence.shuffle` still shuffles the files, by its seed (printed at the
 * start of the run), so a test that needs another file to run first is found.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Paths from the repository root, longest first (CPU seconds of one run in comments, measured under load). */
export const SLOWEST = [
  "test/typecheck/project.test.ts", // tsc over the project: 20 cold, 8 with its build info
  "test/spec-diff/type-compat.test.ts", // a whole-repository program in process: 16
  "test/spec-diff/cli.test.ts", // 14 spec:diff runs: 19
  "test/connectors/cli.test.ts", // 9 connectors runs: 18
  "test/generator/drift.test.ts", // 5 generator runs: 14
  "test/connectors/real.test.ts", // 200 configurations type-checked: 11
  "test/structure/no-circles.test.ts", // madge parses every module: 9
  "test/mock/cli.test.ts", // 3 mocks started as npm does: 9
  "test/readme.test.ts",
  "test/mock/contract.test.ts",
  "test/conformance/conformance.test.ts",
  "test/security/scripts-inputs.test.ts",
  "test/docs/cli.test.ts",
  "test/generator/atomic.test.ts",
  "test/spec/contract.test.ts",
  "test/mock/demo.test.ts",
  "test/typecheck/browser.test.ts",
];

/** Fisher-Yates on a seeded generator (mulberry32): the same seed gives the same order. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { root, sequence } = this.ctx.config;
    if (sequence.shuffle) return seededShuffle(files, sequence.seed);
    const rank = (file: TestSpecification) => {
      const at = SLOWEST.indexOf(file.moduleId.slice(root.length + 1).split("\\").join("/"));
      return at === -1 ? SLOWEST.length : at;
    };
    // Array.prototype.sort is stable: the files not listed keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
