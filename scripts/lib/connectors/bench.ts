/**
 * npm run bench:connectors [-- --runs 5]
 *
 * What the connectors entry point costs a consumer's type-check: a project
 * installed from the packed tarball, empty, then making three calls with open
 * configurations (today), then the same calls with typed configurations, type-checked by
 * `tsc --extendedDiagnostics` with skipLibCheck on and off. Prints the median
 * of each figure, the ratio, and the tarball's unpacked size.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../paths.js";
import { consumerTsconfig, installConsumer, THREE_TYPED, THREE_UNTYPED } from "./consumer.js";

const run = promisify(execFile);
const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) {
  console.error("--runs takes a whole number of runs, e.g. --runs 5");
  process.exit(2);
}
const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");

interface Figures {
  files: number;
  types: number;
  connectorFiles: number;
  seconds: number;
}

async function measure(dir: string, project: string): Promise<Figures> {
  const totals: number[] = [];
  let figures = { files: 0, types: 0, connectorFiles: 0 };
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, [tsc, "-p", project, "--extendedDiagnostics", "--listFiles"], { cwd: dir, maxBuffer: 64 << 20 });
    const number = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1] ?? NaN);
    totals.push(number("Total time"));
    figures = {
      files: number("Files"),
      types: number("Types"),
      connectorFiles: stdout.split("\n").filter((l) => l.includes("/airbyte-api-client/connectors/")).length,
    };
  }
  totals.sort((a, b) => a - b);
  return { ...figures, seconds: totals[Math.floor(totals.length / 2)] ?? NaN };
}

const consumer = await installConsumer();
try {
  await consumer.write({ "empty.ts": "export {};\n", "untyped.ts": THREE_UNTYPED, "typed.ts": THREE_TYPED });
  console.log(`tarball: ${(consumer.unpackedSize / 1e6).toFixed(2)} MB unpacked; tsc median of ${runs} run(s)\n`);
  console.log("| consumer | skipLibCheck | files | from connectors/ | types | total time | × empty | × today |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const skipLibCheck of [true, false]) {
    const rows: Array<[string, Figures]> = [];
    const consumers = [
      ["empty (`export {}`)", "empty.ts"],
      ["three calls, open configurations (today)", "untyped.ts"],
      ["the same calls, three typed configurations", "typed.ts"],
    ] as const;
    for (const [label, file] of consumers) {
      const project = `tsconfig.${file}.${skipLibCheck}.json`;
      await consumer.write({ [project]: consumerTsconfig([file], skipLibCheck) });
      rows.push([label, await measure(consumer.dir, project)]);
    }
    const empty = rows[0]?.[1].seconds ?? NaN;
    const today = rows[1]?.[1].seconds ?? NaN;
    for (const [label, f] of rows) {
      const times = `${f.seconds.toFixed(2)} s | ${(f.seconds / empty).toFixed(2)} | ${(f.seconds / today).toFixed(2)}`;
      console.log(`| ${label} | ${skipLibCheck} | ${f.files} | ${f.connectorFiles} | ${f.types} | ${times} |`);
    }
  }
} finally {
  await consumer.remove();
}
