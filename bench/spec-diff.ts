/**
 * `npm run spec:diff` on this project's spec: the split spec/ (225 files)
 * against a copy with one path file edited, as `--base <file> --head <file>`
 * without --types, five interleaved rounds after a warm-up, with the parse
 * cache of an earlier run and without one. Beside it, the previous entry
 * (the same command under tsx, as `npm run spec:diff` ran until the plain
 * scripts/spec-diff.mjs) and the floors: Node, and Node with tsx, starting
 * and doing nothing.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadSpec } from "../scripts/lib/diff/load.js";
import { diffSpecsLocated } from "../scripts/lib/diff/classify.js";
import { repoRoot } from "../scripts/lib/shared/paths.js";
import { measure } from "./generate.js";
import type { Row } from "./report.js";
import { interleave, stat } from "./stats.js";

export async function benchSpecDiff({ rounds = 5 } = {}): Promise<Row[]> {
  const work = await mkdtemp(join(tmpdir(), "airbyte-bench-spec-diff-"));
  try {
    const head = join(work, "spec");
    await cp(join(repoRoot, "spec"), head, { recursive: true });
    const edited = join(head, "paths", "connections.yaml");
    await writeFile(edited, (await readFile(edited, "utf8")).replace(/summary: (.*)/, "summary: $1 (edited)"));
    const base = join(repoRoot, "spec", "openapi.yaml");
    const args = ["--base", base, "--head", join(head, "openapi.yaml"), "--json"];
    // The command of the goal, npm's start-up included.
    const cli = ["npm", "run", "--silent", "spec:diff", "--", ...args];
    // The previous entry, as `npm run spec:diff` ran it: npm, then tsx's CLI (a second Node) on the TypeScript.
    const oldEntry = join(work, "spec-diff.mts");
    await writeFile(oldEntry, `import { main } from ${JSON.stringify(pathToFileURL(join(repoRoot, "scripts", "lib", "diff", "cli.ts")).href)};\nawait main(process.argv.slice(2));\n`);
    const previous = ["npm", "exec", "--", "tsx", oldEntry, ...args];
    const cpu: number[] = [];
    let fresh = 0;
    const warm = { AIRBYTE_SPEC_DIFF_CACHE: join(work, "cache") };
    const times = await interleave(
      {
        // As in a checkout whose node_modules/.cache holds the last run's parses (the warm-up round fills it).
        ours: async () => {
          const sample = await measure(cli, warm);
          if (sample.cpuMs !== undefined) cpu.push(sample.cpuMs);
          return sample.wallMs;
        },
        previous: async () => (await measure(previous, warm)).wallMs,
        cold: async () => (await measure(cli, { AIRBYTE_SPEC_DIFF_CACHE: join(work, `cold-${fresh++}`) })).wallMs,
        node: async () => (await measure(["node", "-e", "0"])).wallMs,
        tsx: async () => (await measure(["node", "--import", "tsx", "-e", "0"])).wallMs,
        inProcess: async () => {
          const started = performance.now();
          const [b, h] = [await loadSpec(base, "base", repoRoot), await loadSpec(join(head, "openapi.yaml"), "head", repoRoot)];
          await diffSpecsLocated(b.doc, h.doc, () => h.locator());
          return performance.now() - started;
        },
      },
      rounds,
      1,
    );
    const section = "`npm run spec:diff -- --base <file> --head <file>` on spec/ (225 files, one edited), no --types";
    const previousEntry = { name: "the previous entry (tsx, npm exec)", stat: stat(times.previous) };
    const tsxFloor = { name: "node --import tsx -e 0 (the previous start-up floor)", stat: stat(times.tsx) };
    return [
      { section, unit: "ms", figure: "wall time (npm run, plain .mjs entry), parse cache warm", ours: stat(times.ours), anchor: previousEntry, goal: { max: 1000, on: "value" }, note: "the machine's load inflates it", ifMissed: "a run is npm and Node starting, the compiled command loading from node_modules/.cache, reading both sides (files the two sides share are parsed once) and one comparison; profile it (node --cpu-prof scripts/spec-diff.mjs ...)." },
      ...(cpu.length ? [{ section, unit: "ms", figure: "CPU time (npm run, user + sys), parse cache warm", ours: stat(cpu) }] : []),
      { section, unit: "ms", figure: "wall time (npm run), no parse cache (first run)", ours: stat(times.cold), anchor: previousEntry },
      { section, unit: "ms", figure: "start-up floor: node -e 0", ours: stat(times.node), anchor: tsxFloor },
      { section, unit: "ms", figure: "load both sides + compare, in process (warm)", ours: stat(times.inProcess) },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
