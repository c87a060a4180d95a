/**
 * Generation, measured side by side in interleaved rounds (ratios hold on a
 * shared, noisy machine; CPU time is steadier than wall time there):
 * - "stock": the CLI sequence a user would otherwise run (redocly lint,
 *   redocly bundle, openapi-typescript, prettier), each its own process;
 * - "ours": `node scripts/generate.mjs --force` on the same spec, a cold run
 *   that skips the cache (process start included, no build: --out is a temp folder);
 * at each scale of bench/make-spec.ts. Then, on the repository itself, as a
 * user runs it: a no-op `npm run generate` (cache hit) and a cold one (empty
 * cache, dist/ removed, so it includes the full build).
 *
 *   tsx bench/generate.ts [--scales 1,10,50] [--rounds 3] [--no-repo]   prints JSON
 *
 * Peak memory and CPU come from GNU time (`/usr/bin/time`); without it only
 * wall time is reported.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { cacheDir, repoRoot } from "../scripts/lib/shared/paths.js";
import { writeSpec } from "./make-spec.js";

const require = createRequire(import.meta.url);
const bin = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);
const GNU_TIME = "/usr/bin/time";

export interface Sample {
  wallMs: number;
  /** user + system CPU of the process and its children (undefined without GNU time) */
  cpuMs?: number;
  /** largest resident set of any one process of the run */
  peakMiB?: number;
}

export interface Figure {
  median: Sample;
  /** min and max of each measure over the rounds */
  spread: { wallMs: [number, number]; cpuMs?: [number, number]; peakMiB?: [number, number] };
  rounds: number;
}

/** Runs one command, measured. Rejects with its output when it fails. */
export function measure(argv: string[], env: Record<string, string> = {}, cwd = repoRoot): Promise<Sample> {
  const timed = existsSync(GNU_TIME);
  const [cmd, ...args] = timed ? [GNU_TIME, "-f", "@@time %e %U %S %M", ...argv] : argv;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(cmd ?? "", args, { cwd, env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const wallMs = performance.now() - started;
      if (error) return reject(new Error(`${argv.join(" ")} failed:\n${stdout}\n${stderr}`));
      const m = /@@time (\S+) (\S+) (\S+) (\d+)/.exec(stderr);
      if (!m) return resolve({ wallMs });
      resolve({ wallMs, cpuMs: (Number(m[2]) + Number(m[3])) * 1000, peakMiB: Number(m[4]) / 1024 });
    });
  });
}

/** A sequence of commands: times add up, the peak is the largest. */
export async function sequence(steps: string[][], env?: Record<string, string>): Promise<Sample> {
  const samples: Sample[] = [];
  for (const step of steps) samples.push(await measure(step, env));
  const sum = (k: "wallMs" | "cpuMs") => (samples.every((s) => s[k] !== undefined) ? samples.reduce((a, s) => a + (s[k] ?? 0), 0) : undefined);
  const peaks = samples.map((s) => s.peakMiB);
  return { wallMs: sum("wallMs") ?? 0, cpuMs: sum("cpuMs"), peakMiB: peaks.every((p) => p !== undefined) ? Math.max(...(peaks as number[])) : undefined };
}

/** The node flags `npm run generate` uses (package.json), so "ours" runs as npm runs it. */
async function nodeFlags(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const words = (pkg.scripts.generate ?? "").split(/\s+/);
  return words.slice(words.indexOf("node") + 1, words.indexOf("scripts/generate.mjs"));
}

export function summarize(samples: Sample[]): Figure {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const pick = (k: keyof Sample) => (samples.every((s) => s[k] !== undefined) ? samples.map((s) => s[k] as number) : undefined);
  const wall = pick("wallMs") ?? [];
  const cpu = pick("cpuMs");
  const peak = pick("peakMiB");
  return {
    median: { wallMs: med(wall), cpuMs: cpu && med(cpu), peakMiB: peak && med(peak) },
    spread: {
      wallMs: [Math.min(...wall), Math.max(...wall)],
      ...(cpu && { cpuMs: [Math.min(...cpu), Math.max(...cpu)] as [number, number] }),
      ...(peak && { peakMiB: [Math.min(...peak), Math.max(...peak)] as [number, number] }),
    },
    rounds: samples.length,
  };
}

const ratio = (a?: number, b?: number) => (a !== undefined && b ? Number((a / b).toFixed(2)) : undefined);

export interface ScaleResult {
  scale: number;
  specBytes: number;
  stock: Figure;
  ours: Figure;
  /** ours / stock */
  ratio: { wall?: number; cpu?: number; peak?: number };
}

/** The stock CLI sequence on `spec`, writing into `dir`. */
export function stockSteps(spec: string, dir: string): string[][] {
  const node = process.execPath;
  return [
    [node, bin("@redocly/cli", "bin/cli.js"), "lint", spec, "--config", join(repoRoot, "redocly.yaml"), "--format", "summary"],
    [node, bin("@redocly/cli", "bin/cli.js"), "bundle", spec, "--config", join(repoRoot, "redocly.yaml"), "--output", join(dir, "bundled.json")],
    [node, bin("openapi-typescript", "bin/cli.js"), join(dir, "bundled.json"), "--output", join(dir, "stock.ts")],
    [node, bin("prettier", "bin/prettier.cjs"), "--write", join(dir, "stock.ts")],
  ];
}

export interface GenerateBench {
  machine: { cpus: number; model?: string; memoryGiB: number; node: string; loadAverage: number[] };
  scales: ScaleResult[];
  /** `npm run generate` on the repository: nothing changed (cache hit, build skipped) */
  noop?: Figure;
  /** `npm run generate` on the repository: empty cache and no dist/, so lint through build */
  coldWithBuild?: Figure;
}

export async function benchGenerate(
  options: { scales?: number[]; rounds?: number | ((scale: number) => number); repo?: boolean } = {},
): Promise<GenerateBench> {
  const { scales = [1, 10, 50], repo = true } = options;
  const roundsAt = (scale: number) => (typeof options.rounds === "function" ? options.rounds(scale) : (options.rounds ?? 3));
  const rounds = roundsAt(1);
  const work = await mkdtemp(join(tmpdir(), "airbyte-bench-gen-"));
  const node = process.execPath;
  const result: GenerateBench = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)), node: process.version, loadAverage: loadavg() },
    scales: [],
  };
  try {
    for (const scale of scales) {
      const dir = join(work, `x${scale}`);
      const spec = await writeSpec(scale, join(dir, "spec"));
      const { size } = await stat(spec);
      const stock = stockSteps(spec, dir);
      const ours = [node, ...(await nodeFlags()), join(repoRoot, "scripts/generate.mjs"), "--spec", spec, "--out", join(dir, "generated"), "--force"];
      const env = { AIRBYTE_GENERATE_CACHE: join(work, "cache"), REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };
      // Compiles the pipeline once (the cache is shared by the scales), outside the rounds.
      if (scale === scales[0]) await measure(ours, env);
      const a: Sample[] = [];
      const b: Sample[] = [];
      for (let round = 0; round < roundsAt(scale); round++) {
        // Interleaved, alternating which goes first, so drift in the machine's load hits both.
        if (round % 2 === 0) {
          a.push(await sequence(stock, env));
          b.push(await measure(ours, env));
        } else {
          b.push(await measure(ours, env));
          a.push(await sequence(stock, env));
        }
      }
      const theirs = summarize(a);
      const mine = summarize(b);
      const done: ScaleResult = {
        scale,
        specBytes: size,
        stock: theirs,
        ours: mine,
        ratio: {
          wall: ratio(mine.median.wallMs, theirs.median.wallMs),
          cpu: ratio(mine.median.cpuMs, theirs.median.cpuMs),
          peak: ratio(mine.median.peakMiB, theirs.median.peakMiB),
        },
      };
      result.scales.push(done);
      // Progress on stderr: a long run that fails later keeps what it measured.
      console.error(JSON.stringify(done));
    }
    if (repo) {
      const npm = process.platform === "win32" ? "npm.cmd" : "npm";
      await measure([npm, "run", "-s", "generate"]);
      const noop: Sample[] = [];
      const cold: Sample[] = [];
      for (let round = 0; round < rounds; round++) {
        noop.push(await measure([npm, "run", "-s", "generate"]));
        await rm(join(cacheDir, "results"), { recursive: true, force: true });
        await rm(join(repoRoot, "dist"), { recursive: true, force: true });
        cold.push(await measure([npm, "run", "-s", "generate"]));
      }
      result.noop = summarize(noop);
      result.coldWithBuild = summarize(cold);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const scales = arg("--scales")?.split(",").map(Number);
  const rounds = arg("--rounds") ? Number(arg("--rounds")) : undefined;
  console.log(JSON.stringify(await benchGenerate({ scales, rounds, repo: !process.argv.includes("--no-repo") }), null, 2));
}
