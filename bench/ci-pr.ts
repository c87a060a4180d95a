/**
 * `npm run ci:pr` on a one-field spec change, as a maintainer runs it: a
 * temporary clone of HEAD follows docs/changing-the-spec.md ("A new optional
 * field": edit, `npm run generate`, `npm run release`), then ci:pr is timed
 * (GNU time: wall and CPU of the whole process tree). The generate cache is
 * the repository's own (node_modules/.cache), as on a maintainer's machine.
 *
 *   BENCH_ONLY=ci-pr npm run bench
 */
import { Clone, guideSteps } from "../test/helpers/maintainer.js";
import { measure, type Sample } from "./generate.js";
import type { Row } from "./report.js";
import { stat } from "./stats.js";

const CI_PR = "npm run ci:pr";

export async function benchCiPr({ rounds = 1 } = {}): Promise<Row[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    const clone = await Clone.create("bench");
    try {
      for (const step of await guideSteps("A new optional field")) {
        const block =
          step.action === "run"
            ? {
                ...step,
                block: step.block
                  .split("\n")
                  .filter((l) => l.trim() !== CI_PR)
                  .join("\n"),
              }
            : step;
        const runs = await clone.apply(block);
        const failed = runs.find((r) => r.code !== 0);
        if (failed)
          throw new Error(
            `${failed.command} failed in the bench clone:\n${failed.output.slice(-2000)}`,
          );
      }
      samples.push(
        await measure(["npm", "run", "--silent", "ci:pr"], { FORCE_COLOR: "0" }, clone.dir),
      );
    } finally {
      await clone.remove();
    }
  }
  const section =
    "`npm run ci:pr` on a one-field spec change (docs/changing-the-spec.md, after generate and release)";
  const rows: Row[] = [
    {
      section,
      unit: "ms",
      figure: "wall time",
      ours: stat(samples.map((s) => s.wallMs)),
      goal: { max: 60_000, on: "value" },
      ifMissed:
        "the type check of the project (test/typecheck) is most of it; on a loaded machine the wall time follows the load (see CPU time).",
    },
  ];
  const cpu = samples.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]));
  if (cpu.length)
    rows.push({
      section,
      unit: "ms",
      figure: "CPU time (user + system, all processes)",
      ours: stat(cpu),
    });
  return rows;
}
