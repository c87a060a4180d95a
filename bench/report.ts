/**
 * The results of `npm run bench`: every figure beside its anchor, the ratio of
 * medians, and its goal (from issues 11, 17, 18 and 20) with a verdict. Rendered as
 * bench/results.md (for people) and bench/results.json (for tools).
 */
import type { Machine } from "./machine.js";
import type { PairedRatio, Stat } from "./stats.js";

/** A goal is a ceiling: on the ratio ours / anchor, or on our own median. */
export interface Goal {
  max: number;
  on: "ratio" | "value";
}

export interface Row {
  section: string;
  figure: string;
  unit: string;
  ours?: Stat;
  anchor?: { name: string; stat: Stat };
  /** When ours and the anchor ran back to back in each round: the median of the per-round ratios, which the ratio then is. */
  paired?: PairedRatio;
  goal?: Goal;
  /** Why the figure is absent (e.g. an input that is not in the repository). */
  skipped?: string;
  note?: string;
  /** What it would take to meet the goal, shown when it is missed. */
  ifMissed?: string;
}

export interface Results {
  startedAt: string;
  /** the repository's commit, with "+changes" when the work tree differed from it */
  commit?: string;
  seconds: number;
  machine: Machine;
  rows: Array<Row & { ratio?: number; met?: boolean }>;
}

export function ratioOf(row: Row): number | undefined {
  if (row.paired) return row.paired.median;
  if (!row.ours || !row.anchor || !(row.anchor.stat.median > 0)) return undefined;
  return row.ours.median / row.anchor.stat.median;
}

/** Whether the row meets its goal; undefined when it has no goal or no figure. */
export function verdict(row: Row): boolean | undefined {
  if (!row.goal || !row.ours) return undefined;
  const value = row.goal.on === "ratio" ? ratioOf(row) : row.ours.median;
  return value === undefined ? undefined : value <= row.goal.max;
}

export function results(startedAt: Date, machine: Machine, rows: Row[], now = new Date(), commit?: string): Results {
  return {
    startedAt: startedAt.toISOString(),
    ...(commit !== undefined && { commit }),
    seconds: Math.round((now.getTime() - startedAt.getTime()) / 1000),
    machine,
    rows: rows.map((row) => {
      const ratio = ratioOf(row);
      return { ...row, ...(ratio !== undefined && { ratio: Number(ratio.toFixed(3)) }), ...(verdict(row) !== undefined && { met: verdict(row) }) };
    }),
  };
}

const num = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const cell = (s: Stat | undefined, unit: string) =>
  s ? `${num(s.median)} ${unit}${s.rounds > 1 ? ` (${num(s.min)}–${num(s.max)})` : s.rounds === 1 ? " (1 run)" : " (from medians)"}` : "—";
const goalText = (g: Goal | undefined, unit: string) => (g ? (g.on === "ratio" ? `≤ ${g.max}×` : `≤ ${num(g.max)} ${unit}`) : "—");

export function renderMarkdown(r: Results): string {
  const m = r.machine;
  const lines = [
    "# Benchmark results (`npm run bench`)",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. Each figure is the median over repeated,",
    "interleaved runs of it and its anchor, with the smallest and largest run in brackets; the ratio is of the",
    "medians (ours / anchor), or where a ratio has quartiles in brackets, the median of the per-round ratios",
    "(ours and anchor run back to back in each round). Goals come from issues 11, 17, 18 and 20 (the per-call and",
    "pagination ratios of issue 18 tightened those of issue 11).",
    "",
    `Run ${r.startedAt}${r.commit ? ` at commit ${r.commit}` : ""}, ${r.seconds} s in all, on ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (${m.platform}).`,
    `Load average (1, 5, 15 min) at start: ${m.loadAtStart.join(", ")}; at end: ${m.loadAtEnd?.join(", ") ?? "—"}` +
      (m.loadAtStart[0] !== undefined && m.loadAtStart[0] > m.cores ? ` — the machine was loaded (more runnable jobs than cores): wall times are inflated, CPU times and ratios hold better.` : "."),
  ];
  const sections = [...new Set(r.rows.map((row) => row.section))];
  for (const section of sections) {
    lines.push("", `## ${section}`, "", "| figure | ours | anchor | ratio | goal | verdict |", "| --- | --- | --- | --- | --- | --- |");
    for (const row of r.rows.filter((x) => x.section === section)) {
      if (row.skipped) {
        lines.push(`| ${row.figure} | skipped: ${row.skipped} | — | — | ${goalText(row.goal, row.unit)} | — |`);
        continue;
      }
      const anchor = row.anchor ? `${row.anchor.name}: ${cell(row.anchor.stat, row.unit)}` : "—";
      const ratio = row.ratio === undefined ? "—" : `${row.ratio.toFixed(2)}×${row.paired ? ` (${row.paired.q1.toFixed(2)}–${row.paired.q3.toFixed(2)})` : ""}`;
      const met = row.met === undefined ? "—" : row.met ? "met" : "**missed**";
      lines.push(`| ${row.figure}${row.note ? ` (${row.note})` : ""} | ${cell(row.ours, row.unit)} | ${anchor} | ${ratio} | ${goalText(row.goal, row.unit)} | ${met} |`);
    }
  }
  const missed = r.rows.filter((row) => row.met === false);
  lines.push("", "## Goals missed", "");
  if (missed.length === 0) lines.push("None in this run.");
  for (const row of missed) {
    const value = row.goal?.on === "ratio" ? `${row.ratio?.toFixed(2)}×` : `${num(row.ours?.median ?? NaN)} ${row.unit}`;
    lines.push(`- ${row.section}: ${row.figure}: ${value}, goal ${goalText(row.goal, row.unit)}.${row.ifMissed ? ` What it would take: ${row.ifMissed}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}
