/**
 * Generation figures, as a user runs it (`npm run generate`: npm's start,
 * process start and the build of dist/ included), each beside its anchor in
 * interleaved rounds; measuring (GNU time: CPU of the process tree, largest
 * resident set of any one process) and the synthetic scales come from
 * bench/generate.ts.
 * - cold: empty result cache and no dist/, against the stock CLI sequence
 *   (redocly lint, redocly bundle, openapi-typescript, prettier) on spec/;
 * - no-op: nothing changed, against hashing the spec files in process;
 * - scale: 1x, 10x, 50x of the spec (bench/make-spec.ts), generation alone (no build).
 *
 * Only these figures, printed (nothing written into bench/results.*), for
 * working on generation:
 *   npm run bench:generate [-- --rounds 3 --scales 1,10 --only cold,noop,scales] [--rounds-50x 1]
 * (--rounds-50x: rounds at 50x and above, 1 by default since each takes minutes)
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { hashRepoInputs } from "../scripts/lib/shared/fingerprint.mjs";
import { cacheDir, defaultSpec, repoRoot } from "../scripts/lib/shared/paths.js";
import { benchGenerate, measure, sequence, stockSteps, type Figure, type Sample } from "./generate.js";
import { describeMachine, finishMachine } from "./machine.js";
import { renderMarkdown, results, type Row } from "./report.js";
import { fromRange, interleave, stat, type Stat } from "./stats.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const QUIET = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/** Runs `contenders` interleaved; each returns a Sample, kept whole. */
async function interleaveSamples<T extends string>(contenders: Record<T, () => Promise<Sample>>, rounds: number): Promise<Record<T, Sample[]>> {
  const kept = Object.fromEntries(Object.keys(contenders).map((k) => [k, [] as Sample[]])) as Record<T, Sample[]>;
  const wrapped = Object.fromEntries(
    (Object.keys(contenders) as T[]).map((k) => [k, async () => (kept[k].push(await contenders[k]()), 0)]),
  ) as Record<T, () => Promise<number>>;
  await interleave(wrapped, rounds);
  return kept;
}

const pick = (samples: Sample[], key: keyof Sample): Stat | undefined =>
  samples.every((s) => s[key] !== undefined) ? stat(samples.map((s) => s[key] as number)) : undefined;

export async function benchCold({ rounds = 3 } = {}): Promise<Row[]> {
  const work = await mkdtemp(join(tmpdir(), "airbyte-bench-cold-"));
  try {
    const steps = stockSteps(defaultSpec, work);
    const samples = await interleaveSamples(
      {
        stock: () => sequence(steps, QUIET),
        ours: async () => {
          await rm(join(cacheDir, "results"), { recursive: true, force: true });
          await rm(join(repoRoot, "dist"), { recursive: true, force: true });
          return measure([npm, "run", "-s", "generate"]);
        },
      },
      rounds,
    );
    const section = "`npm run generate`, cold (empty result cache, no dist/; includes npm, process start and the build)";
    const anchorName = "stock CLIs in sequence (redocly lint, redocly bundle, openapi-typescript, prettier)";
    const row = (figure: string, key: keyof Sample, unit: string, extra: Partial<Row>): Row => {
      const ours = pick(samples.ours, key);
      const anchor = pick(samples.stock, key);
      return ours && anchor ? { section, unit, figure, ours, anchor: { name: anchorName, stat: anchor }, ...extra } : { section, unit, figure, skipped: "GNU time (/usr/bin/time) absent", ...extra };
    };
    return [
      row("CPU time", "cpuMs", "ms", { goal: { max: 0.6, on: "ratio" }, ifMissed: "generation alone is about half the stock CLIs' CPU (Scale, 1x); the rest of a cold run is npm's own start (~0.5 s) and the build of dist/ (~2 s in its own process), most of it TypeScript's declaration emitter, which needs a program over src/, generated/, the ES lib and @types/node. Turning on isolatedDeclarations would let declarations come file by file without a program (about 1 s less, to roughly 0.75x): tried, with explicit types on 7 src/ declarations and the error classes branded from static blocks, and TypeScript 5.9's transpileDeclaration then writes `[Symbol.hasInstance]` and `[Symbol.asyncIterator]` methods twice (TS2300 for consumers with skipLibCheck off), so it waits for a TypeScript fix. Below that, the lint (~0.9 s, the same rules as the stock `redocly lint`) and npm's start are the floor." }),
      row("peak memory (largest process)", "peakMiB", "MiB", { goal: { max: 1.2, on: "ratio" }, ifMissed: "the build runs in its own process so that its peak (TypeScript's program) does not add to what the pipeline's tools leave in memory; bound the pipeline's largest step (Redocly's lint of the loaded spec)." }),
      row("wall time", "wallMs", "ms", { note: "context: the machine's load inflates it" }),
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export async function benchNoop({ rounds = 5 } = {}): Promise<Row[]> {
  const run = promisify(execFile);
  await run(npm, ["run", "-s", "generate"], { cwd: repoRoot }); // fills the cache and builds dist/ if needed
  const times = await interleave(
    {
      ours: async () => (await measure([npm, "run", "-s", "generate"])).wallMs,
      hash: async () => {
        const started = performance.now();
        await hashRepoInputs(["spec"]);
        return performance.now() - started;
      },
    },
    rounds,
  );
  const section = "`npm run generate`, no-op (nothing changed; wall time including npm's own start)";
  return [
    {
      section,
      unit: "ms",
      figure: "wall time",
      ours: stat(times.ours),
      anchor: { name: "hashing the spec files (in process)", stat: stat(times.hash) },
      goal: { max: 1000, on: "value" },
      ifMissed: "most of a no-op run is npm's own start (~0.3–0.5 s of CPU) and Node's; `node scripts/generate.mjs` directly skips npm's share.",
    },
  ];
}

/** rounds per scale: the 50x spec takes minutes a run on a loaded machine. */
export async function benchScales({ scales = [1, 10, 50], rounds = (scale: number): number => (scale >= 50 ? 1 : 3) } = {}): Promise<Row[]> {
  const result = await benchGenerate({ scales, rounds, repo: false });
  const section = "Scale: generation alone (`node scripts/generate.mjs --force --out <tmp>`, no build) at 1x, 10x, 50x of spec/ vs the stock CLIs";
  const rows: Row[] = [];
  const base = result.scales.find((s) => s.scale === 1);
  const toStat = (f: Figure, key: "cpuMs" | "wallMs" | "peakMiB") => fromRange(f.median[key], f.spread[key], f.rounds);
  for (const s of result.scales) {
    const figure = (what: string) => `${s.scale}x (${(s.specBytes / 1e6).toFixed(1)} MB spec): ${what}`;
    const anchor = (key: "cpuMs" | "peakMiB") => {
      const st = toStat(s.stock, key);
      return st && { name: "stock CLIs", stat: st };
    };
    const cpu = toStat(s.ours, "cpuMs");
    const peak = toStat(s.ours, "peakMiB");
    const cpuAnchor = anchor("cpuMs");
    const peakAnchor = anchor("peakMiB");
    if (!cpu || !peak || !cpuAnchor || !peakAnchor) {
      rows.push({ section, unit: "ms", figure: figure("CPU time and peak memory"), skipped: "GNU time (/usr/bin/time) absent" });
      continue;
    }
    rows.push({ section, unit: "ms", figure: figure("CPU time"), ours: cpu, anchor: cpuAnchor });
    rows.push({
      section, unit: "MiB", figure: figure("peak memory"), ours: peak, anchor: peakAnchor, goal: { max: 1.2, on: "ratio" },
      ifMissed: "hold less of the bundled document at once at this size (openapi.ts is already formatted without prettier's whole-file AST).",
    });
    // Linear growth shows as the same CPU per added 1x at every size (1x carries the fixed start-up cost, so it is the origin).
    const added = (f: Figure, b: Figure) => (f.median.cpuMs !== undefined && b.median.cpuMs !== undefined ? (f.median.cpuMs - b.median.cpuMs) / (s.scale - 1) : undefined);
    const oursAdded = base && s.scale !== 1 ? added(s.ours, base.ours) : undefined;
    const stockAdded = base && s.scale !== 1 ? added(s.stock, base.stock) : undefined;
    if (oursAdded !== undefined && stockAdded !== undefined) {
      const derived = (x: number): Stat => ({ median: x, min: x, max: x, rounds: 0 });
      rows.push({ section, unit: "ms", figure: figure("CPU per added 1x of spec, from 1x"), ours: derived(oursAdded), anchor: { name: "stock CLIs", stat: derived(stockAdded) }, note: "the same at every size means linear" });
    }
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const rounds = Number(arg("--rounds") ?? 3);
  const scales = (arg("--scales") ?? "1,10").split(",").map(Number);
  const only = (arg("--only") ?? "noop,cold,scales").split(",");
  const startedAt = new Date();
  const machine = describeMachine();
  const rows: Row[] = [];
  if (only.includes("noop")) rows.push(...(await benchNoop({ rounds })));
  if (only.includes("cold")) rows.push(...(await benchCold({ rounds })));
  const bigRounds = Number(arg("--rounds-50x") ?? 1);
  if (only.includes("scales")) rows.push(...(await benchScales({ scales, rounds: (scale) => (scale >= 50 ? bigRounds : rounds) })));
  process.stdout.write(renderMarkdown(results(startedAt, finishMachine(machine), rows)));
}
