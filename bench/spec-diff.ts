/**
 * `npm run spec:diff` on this project's spec: the split spec/ (225 files)
 * against a copy with one path file edited, as `--base <file> --head <file>`
 * without --types, five interleaved rounds after a warm-up, with the parse
 * cache of an earlier run and without one. Beside it, the floor every run
 * pays: Node with tsx starting and doing nothing.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSpec } from "../scripts/lib/diff/load.js";
import { diffSpecs } from "../scripts/lib/diff/classify.js";
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
    const cli = ["node", "--import", "tsx", join(repoRoot, "scripts", "spec-diff.ts"), "--base", base, "--head", join(head, "openapi.yaml"), "--json"];
    const cpu: number[] = [];
    let fresh = 0;
    const times = await interleave(
      {
        // As in a checkout whose node_modules/.cache holds the last run's parses (the warm-up round fills it).
        ours: async () => {
          const sample = await measure(cli, { AIRBYTE_SPEC_DIFF_CACHE: join(work, "cache") });
          if (sample.cpuMs !== undefined) cpu.push(sample.cpuMs);
          return sample.wallMs;
        },
        cold: async () => (await measure(cli, { AIRBYTE_SPEC_DIFF_CACHE: join(work, `cold-${fresh++}`) })).wallMs,
        floor: async () => (await measure(["node", "--import", "tsx", "-e", "0"])).wallMs,
        inProcess: async () => {
          const started = performance.now();
          const [b, h] = [await loadSpec(base, "base", repoRoot), await loadSpec(join(head, "openapi.yaml"), "head", repoRoot)];
          diffSpecs(b.doc, h.doc, await h.locator());
          return performance.now() - started;
        },
      },
      rounds,
      1,
    );
    const section = "`npm run spec:diff -- --base <file> --head <file>` on spec/ (225 files, one edited), no --types";
    const floor = { name: "node --import tsx -e 0 (start-up floor)", stat: stat(times.floor) };
    return [
      { section, unit: "ms", figure: "wall time (CLI), parse cache warm", ours: stat(times.ours), anchor: floor, goal: { max: 1000, on: "value" }, note: "the machine's load inflates it", ifMissed: "most of a run is Node and tsx starting (the anchor) and YAML parsing; files the two sides share are parsed once." },
      ...(cpu.length ? [{ section, unit: "ms", figure: "CPU time (CLI, user + sys), parse cache warm", ours: stat(cpu) }] : []),
      { section, unit: "ms", figure: "wall time (CLI), no parse cache (first run)", ours: stat(times.cold), anchor: floor },
      { section, unit: "ms", figure: "load both sides + compare, in process (warm)", ours: stat(times.inProcess) },
    ];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
