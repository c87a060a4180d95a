// scripts/lib/docs/: what keeps README.md and docs/ true: measured figures filled from bench/results.json, the HTML reference made self-contained. May import from scripts/lib: shared.
/**
 * Figures in the documentation are never typed by hand. A measured value is
 * written `<!-- figure:NAME -->value<!-- /figure -->`; `npm run docs:figures`
 * fills every marker from bench/results.json (which `npm run bench` writes),
 * and test/docs.test.ts fails when a marked value differs from that source or
 * when a number with a unit of size or time stands outside a marker.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Results } from "../../../bench/report.js";
import { byCodePoint } from "../shared/order.mjs";

type Row = Results["rows"][number];

/** Where a figure comes from: a row of bench/results.json and which of its numbers. */
interface FigureSource {
  /** Text the row's section starts with. */
  section: string;
  /** The row's figure, exactly, except a Scale row's spec size (`(14.0 MB spec)`), which changes with the spec. */
  figure: string;
  take: "ours" | "anchor" | "ratio" | "goal";
}

const GET = "Per GET (";
const PAGES = "Pagination: 10,000 items in pages of 100, in-memory";
const SIZE = "Bundle size";
const NOOP = "`npm run generate`, no-op";
const COLD = "`npm run generate`, cold";
const TYPES = "Consumer type-check";
const SCALE = "Scale: generation alone";
const NPM_TEST = "`npm test`";
const oneOp = "one operation (bearer auth, initiateOAuth)";

/** Every figure the documentation may name, by name. */
export const FIGURES: Readonly<Record<string, FigureSource>> = {
  "size.operation.gzip": { section: SIZE, figure: `${oneOp}, gzip`, take: "ours" },
  "size.operation.min": { section: SIZE, figure: `${oneOp}, minified`, take: "ours" },
  "size.operation.goal": { section: SIZE, figure: `${oneOp}, gzip`, take: "goal" },
  "size.client.gzip": { section: SIZE, figure: "the whole client, gzip", take: "ours" },
  "size.client.min": { section: SIZE, figure: "the whole client, minified", take: "ours" },
  "size.client.goal": { section: SIZE, figure: "the whole client, gzip", take: "goal" },
  "size.bare.gzip": { section: SIZE, figure: `${oneOp}, gzip`, take: "anchor" },
  "get.loopback.ratio": { section: GET, figure: "loopback (node:http on 127.0.0.1, in the contender's process), default options", take: "ratio" },
  "get.memory.ratio": { section: GET, figure: "in-memory fetch, default options", take: "ratio" },
  "get.memory.noTimeout.ratio": { section: GET, figure: "in-memory fetch, `timeoutMs: false`", take: "ratio" },
  "pages.forAwait.cpu.ratio": { section: PAGES, figure: "CPU time, `for await`", take: "ratio" },
  "pages.forAwait.heap.ratio": { section: PAGES, figure: "heap peak, `for await`", take: "ratio" },
  "pages.forAwait.floor.ratio": { section: PAGES, figure: "CPU time, `for await` (context: against the floor)", take: "ratio" },
  "pages.pages.cpu.ratio": { section: PAGES, figure: "CPU time, `.pages()` with `for...of` over each page", take: "ratio" },
  "pages.pages.heap.ratio": { section: PAGES, figure: "heap peak, `.pages()` with `for...of` over each page", take: "ratio" },
  "generate.noop.wall": { section: NOOP, figure: "wall time", take: "ours" },
  "generate.cold.cpu": { section: COLD, figure: "CPU time", take: "ours" },
  "generate.cold.cpu.ratio": { section: COLD, figure: "CPU time", take: "ratio" },
  "generate.cold.memory.ratio": { section: COLD, figure: "peak memory (largest process)", take: "ratio" },
  "scale.1x.cpu.ratio": { section: SCALE, figure: "1x (0.3 MB spec): CPU time", take: "ratio" },
  "scale.50x.memory.ratio": { section: SCALE, figure: "50x (14.0 MB spec): peak memory", take: "ratio" },
  "types.client.ratio": { section: TYPES, figure: "20 operations through this client, against bare openapi-typescript output", take: "ratio" },
  "types.connectors.ratio": { section: TYPES, figure: "connectors: the same calls, typed configurations", take: "ratio" },
  "get.loopback.goal": { section: GET, figure: "loopback (node:http on 127.0.0.1, in the contender's process), default options", take: "goal" },
  "get.memory.goal": { section: GET, figure: "in-memory fetch, default options", take: "goal" },
  "pages.forAwait.cpu.goal": { section: PAGES, figure: "CPU time, `for await`", take: "goal" },
  "pages.forAwait.heap.goal": { section: PAGES, figure: "heap peak, `for await`", take: "goal" },
  "generate.noop.goal": { section: NOOP, figure: "wall time", take: "goal" },
  "generate.cold.cpu.goal": { section: COLD, figure: "CPU time", take: "goal" },
  "generate.cold.memory.goal": { section: COLD, figure: "peak memory (largest process)", take: "goal" },
  "scale.50x.memory.goal": { section: SCALE, figure: "50x (14.0 MB spec): peak memory", take: "goal" },
  "npmTest.wall.goal": { section: NPM_TEST, figure: "wall time", take: "goal" },
  "npmTest.wall": { section: NPM_TEST, figure: "wall time", take: "ours" },
  "npmTest.cpu": { section: NPM_TEST, figure: "CPU time (user + system, all processes)", take: "ours" },
};

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** A number as the documentation shows it: bytes grouped, times in ms or s, ratios with ×. */
export function formatValue(value: number, unit: string): string {
  if (unit === "×") return `${value.toFixed(2)}×`;
  if (unit === "B") return `${grouped(Math.round(value))} B`;
  if (unit === "ms" && value >= 1000) return `${(value / 1000).toFixed(1)} s`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A figure's text without a spec size such as `(15.6 MB spec)`. */
const withoutSpecSize = (figure: string) => figure.replace(/\(\d+(?:\.\d+)? MB spec\)/, "(MB spec)");

function valueOf(name: string, source: FigureSource, rows: readonly Row[]): string {
  const row = rows.find((r) => r.section.startsWith(source.section) && withoutSpecSize(r.figure) === withoutSpecSize(source.figure));
  const where = `figure ${name}: the row "${source.figure}" of the section "${source.section}..." in bench/results.json`;
  if (!row) throw new Error(`${where} is missing. Run \`npm run bench\`, or change FIGURES in scripts/lib/docs/figures.ts to a row it writes.`);
  const number =
    source.take === "ratio" ? row.ratio : source.take === "goal" ? row.goal?.max : source.take === "anchor" ? row.anchor?.stat.median : row.ours?.median;
  if (number === undefined) throw new Error(`${where} has no ${source.take} value (skipped: ${row.skipped ?? "no"}).`);
  return formatValue(number, source.take === "ratio" || (source.take === "goal" && row.goal?.on === "ratio") ? "×" : row.unit);
}

/** The value of every figure in FIGURES, plus when and where the bench ran. */
export function figureValues(results: Results): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, source] of Object.entries(FIGURES)) values.set(name, valueOf(name, source, results.rows));
  const m = results.machine;
  values.set("bench.date", results.startedAt.slice(0, 10));
  values.set("bench.machine", `${m.cpuModel}, ${m.cores} cores, Node ${m.node}`);
  return values;
}

const MARKER = /<!-- figure:([\w.-]+) -->([\s\S]*?)<!-- \/figure -->/g;
/** A marker, or code that may show one without being one (a fenced block or a code span). */
const MARKER_OR_CODE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$|`[^`\n]*`|<!-- figure:([\w.-]+) -->([\s\S]*?)<!-- \/figure -->/gm;

export interface Filled {
  text: string;
  /** Marker names that are no known figure. */
  unknown: string[];
  /** Markers whose value changed: `name: old -> new`. */
  changed: string[];
}

/** Puts the current value into every figure marker of a Markdown text. */
export function fillFigures(text: string, values: ReadonlyMap<string, string>): Filled {
  const unknown: string[] = [];
  const changed: string[] = [];
  const filled = text.replace(MARKER_OR_CODE, (whole, _fence, name: string | undefined, old: string) => {
    if (name === undefined) return whole;
    const value = values.get(name);
    if (value === undefined) return unknown.push(name), whole;
    if (value !== old) changed.push(`${name}: ${old} -> ${value}`);
    return `<!-- figure:${name} -->${value}<!-- /figure -->`;
  });
  return { text: filled, unknown, changed };
}

/**
 * A number followed by a unit of size or time, or a ratio (`1.2×`): what a
 * measurement looks like. Units written as words ("60 seconds") are not
 * measurements; write settings that way, or as code (`60000`).
 */
const MEASUREMENT = /(?<![\w.,])\d[\d,.]*(?:\s|&nbsp;)?(?:B|KB|kB|KiB|MB|MiB|GB|GiB|µs|ms|s|×)(?![\w])/g;

/** Measurement-like numbers outside figure markers, code blocks, code spans and comments. */
export function strayMeasurements(text: string): string[] {
  const prose = text
    .replace(MARKER, "")
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(MEASUREMENT)].map((m) => m[0]);
}

/** README.md and every Markdown page of docs/, as repository paths. */
export async function documentationFiles(root: string): Promise<string[]> {
  const pages = (await readdir(join(root, "docs"))).filter((f) => f.endsWith(".md")).sort(byCodePoint);
  return ["README.md", ...pages.map((f) => `docs/${f}`)];
}
