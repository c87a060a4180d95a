import { describe, expect, it } from "vitest";
import type { Machine } from "../../bench/machine.js";
import { renderMarkdown, results, type Row } from "../../bench/report.js";
import { interleave, pairedRatio, quantile, stat } from "../../bench/stats.js";

const machine: Machine = { cpuModel: "Test CPU", cores: 2, memoryGiB: 8, node: "v20.19.0", platform: "linux/x64", loadAtStart: [5, 4, 3], loadAtEnd: [1, 1, 1] };
const s = (...xs: number[]) => stat(xs);

describe("bench results", () => {
  it.each<[string, Row, number | undefined, boolean | undefined]>([
    ["ratio under its goal", { section: "A", figure: "f", unit: "µs", ours: s(10, 11, 12), anchor: { name: "a", stat: s(10, 10, 10) }, goal: { max: 1.1, on: "ratio" } }, 1.1, true],
    ["ratio over its goal", { section: "A", figure: "f", unit: "µs", ours: s(20, 21, 30), anchor: { name: "a", stat: s(10) }, goal: { max: 1.5, on: "ratio" } }, 2.1, false],
    ["value goal met", { section: "A", figure: "f", unit: "ms", ours: s(900), anchor: { name: "a", stat: s(3) }, goal: { max: 1000, on: "value" } }, 300, true],
    ["value goal missed", { section: "A", figure: "f", unit: "ms", ours: s(1200), goal: { max: 1000, on: "value" } }, undefined, false],
    ["no goal", { section: "A", figure: "f", unit: "ms", ours: s(5), anchor: { name: "a", stat: s(10) } }, 0.5, undefined],
    ["skipped", { section: "A", figure: "f", unit: "ms", skipped: "input absent", goal: { max: 1, on: "ratio" } }, undefined, undefined],
  ])("%s", (_name, row, ratio, met) => {
    const [out] = results(new Date(0), machine, [row], new Date(1000)).rows;
    expect(out?.ratio).toBe(ratio);
    expect(out?.met).toBe(met);
  });

  it("renders medians with their spread, the anchor, the verdict and the missed goals with their remedy", () => {
    const rows: Row[] = [
      { section: "Per GET", figure: "loopback", unit: "µs", ours: s(440, 400, 500), anchor: { name: "bare openapi-fetch", stat: s(400, 380, 420) }, goal: { max: 1.05, on: "ratio" }, ifMissed: "do less per call." },
      { section: "Consumer", figure: "bare", unit: "ms", skipped: "input absent" },
      { section: "Scale", figure: "per 1x", unit: "ms", ours: { median: 700, min: 700, max: 700, rounds: 0 }, anchor: { name: "stock", stat: { median: 800, min: 800, max: 800, rounds: 1 } } },
    ];
    const md = renderMarkdown(results(new Date("2026-01-01T00:00:00Z"), machine, rows, new Date("2026-01-01T00:01:40Z"), "abc1234"));
    expect(md).toContain("Run 2026-01-01T00:00:00.000Z at commit abc1234, 100 s in all, on Test CPU, 2 cores, 8 GiB, Node v20.19.0");
    expect(md).toContain("at start: 5, 4, 3; at end: 1, 1, 1 — the machine was loaded");
    expect(md).toContain("| loopback | 440 µs (400–500) | bare openapi-fetch: 400 µs (380–420) | 1.10× | ≤ 1.05× | **missed** |");
    expect(md).toContain("| bare | skipped: input absent | — | — | — | — |");
    expect(md).toContain("| per 1x | 700 ms (from medians) | stock: 800 ms (1 run) | 0.88× | — | — |");
    expect(md).toContain("- Per GET: loopback: 1.10×, goal ≤ 1.05×. What it would take: do less per call.");
  });

  it("a paired ratio is the median of the per-round ratios with its quartiles, and is the row's ratio", () => {
    // The medians (30 and 20) would give 1.5; per round the ratios are 0.5, 3, 0.5, 2, 4.
    const ours = [10, 30, 20, 40, 40];
    const anchor = [20, 10, 40, 20, 10];
    const paired = pairedRatio(ours, anchor);
    expect(paired).toEqual({ median: 2, min: 0.5, max: 4, rounds: 5, q1: 0.5, q3: 3 });
    expect(() => pairedRatio([1, 2], [1])).toThrow("2 rounds against 1");
    const row: Row = { section: "P", figure: "paired", unit: "µs", ours: stat(ours), anchor: { name: "a", stat: stat(anchor) }, paired, goal: { max: 2.1, on: "ratio" } };
    const r = results(new Date(0), machine, [row], new Date(1000));
    expect(r.rows[0]).toMatchObject({ ratio: 2, met: true });
    expect(renderMarkdown(r)).toContain("| 2.00× (0.50–3.00) | ≤ 2.1× | met |");
  });

  it.each([
    [[3, 1, 2], 0.5, 2],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[1, 2, 3, 4, 5], 0.25, 2],
    [[1, 2], 0.75, 1.75],
    [[], 0.5, NaN],
  ])("quantile(%j, %d) is %d", (xs, q, expected) => {
    expect(quantile(xs, q)).toBe(expected);
  });

  it("interleaves contenders, rotating their order each round and dropping warm-up rounds", async () => {
    const order: string[] = [];
    const runner = (name: string) => async () => (order.push(name), order.length);
    const samples = await interleave({ a: runner("a"), b: runner("b"), c: runner("c") }, 3, 1);
    expect(order.join("")).toBe("abc" + "abc" + "bca" + "cab");
    expect(samples).toEqual({ a: [4, 9, 11], b: [5, 7, 12], c: [6, 8, 10] });
  });
});
