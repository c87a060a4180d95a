/**
 * npm run bench:connectors [-- --runs 5]
 *
 * What the connectors entry point costs a consumer's type-check: a project
 * installed from the packed tarball, empty, then making three calls with open
 * configurations (today), then the same calls with typed configurations, type-checked by
 * `tsc --extendedDiagnostics` with skipLibCheck on and off; and one typed
 * configuration alone, as an annotation and through the helper (the budget:
 * at most 1.15x the empty project's CPU time). Prints the median
 * of each figure (tsc's wall time and the CPU time of its process), the ratios
 * in CPU time, and the tarball's unpacked size.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../shared/paths.js";
import { consumerTsconfig, installConsumer, ONE_ANNOTATED, ONE_HELPER, THREE_TYPED, THREE_UNTYPED } from "./consumer.js";

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
  /** tsc's own "Total time" (wall clock inside tsc). */
  seconds: number;
  /** CPU seconds the tsc process used: far less disturbed by other jobs on the machine than wall time. */
  cpuSeconds: number;
}

/**
 * CPU seconds (user + system) of this process's finished children, from
 * /proc/self/stat (Linux); NaN elsewhere, and the table then shows wall time only.
 */
async function childrenCpuSeconds(): Promise<number> {
  try {
    const stat = await readFile("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: state is field 3, cutime field 16, cstime field 17 (in clock ticks, 100 a second on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(dir: string, project: string): Promise<Figures> {
  const totals: number[] = [];
  const cpu: number[] = [];
  let figures = { files: 0, types: 0, connectorFiles: 0 };
  for (let i = 0; i < runs; i++) {
    const before = await childrenCpuSeconds();
    const { stdout } = await run(process.execPath, [tsc, "-p", project, "--extendedDiagnostics", "--listFiles"], { cwd: dir, maxBuffer: 64 << 20 });
    cpu.push((await childrenCpuSeconds()) - before);
    const number = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(stdout)?.[1] ?? NaN);
    totals.push(number("Total time"));
    figures = {
      files: number("Files"),
      types: number("Types"),
      connectorFiles: stdout.split("\n").filter((l) => l.includes("/airbyte-api-client/generated/connectors/")).length,
    };
  }
  return { ...figures, seconds: median(totals), cpuSeconds: median(cpu) };
}

const consumer = await installConsumer();
try {
  await consumer.write({ "empty.ts": "export {};\n", "untyped.ts": THREE_UNTYPED, "typed.ts": THREE_TYPED, "one-helper.ts": ONE_HELPER, "one-annotated.ts": ONE_ANNOTATED });
  console.log(`tarball: ${(consumer.unpackedSize / 1e6).toFixed(2)} MB unpacked; tsc median of ${runs} run(s)\n`);
  console.log("| consumer | skipLibCheck | files | from connectors/ | types | total time | CPU time | CPU × empty | CPU × today |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const skipLibCheck of [true, false]) {
    const rows: Array<[string, Figures]> = [];
    const consumers = [
      ["empty (`export {}`)", "empty.ts"],
      ["three calls, open configurations (today)", "untyped.ts"],
      ["the same calls, three typed configurations", "typed.ts"],
      ["one typed configuration (annotation)", "one-annotated.ts"],
      ["one typed configuration (sourceConfiguration helper)", "one-helper.ts"],
    ] as const;
    for (const [label, file] of consumers) {
      const project = `tsconfig.${file}.${skipLibCheck}.json`;
      await consumer.write({ [project]: consumerTsconfig([file], skipLibCheck) });
      rows.push([label, await measure(consumer.dir, project)]);
    }
    const empty = rows[0]?.[1].cpuSeconds ?? NaN;
    const today = rows[1]?.[1].cpuSeconds ?? NaN;
    for (const [label, f] of rows) {
      const times = `${f.seconds.toFixed(2)} s | ${f.cpuSeconds.toFixed(2)} s | ${(f.cpuSeconds / empty).toFixed(2)} | ${(f.cpuSeconds / today).toFixed(2)}`;
      console.log(`| ${label} | ${skipLibCheck} | ${f.files} | ${f.connectorFiles} | ${f.types} | ${times} |`);
    }
  }
} finally {
  await consumer.remove();
}
