/**
 * faults.ts on its own: how a `Prefer` header is read, the seeded generator
 * (the same numbers on every machine), which options are refused and with
 * what message, and which draws the latency and the failure rate consume.
 */
import { describe, expect, it } from "vitest";
import { checkFaultOptions, Faults, parsePrefer, seededRandom, type FaultOptions } from "../../scripts/lib/mock/faults.js";

const draws = <T>(next: () => T, n: number): T[] => Array.from({ length: n }, () => next());

describe("parsePrefer", () => {
  it.each([
    [undefined, {}],
    ["", {}],
    ["code=429", { code: 429 }],
    ["  Code = 503 ", { code: 503 }],
    ["CODE=100", { code: 100 }],
    ["code=599", { code: 599 }],
    ['code="404"', { code: 404 }],
    ["code=600", {}],
    ["code=099", {}],
    ["code=42", {}],
    ["code=4299", {}],
    ["code=x404", {}],
    ["code=", {}],
    ["example=big", { example: "big" }],
    ['Example="big one"', { example: "big one" }],
    ["example=a=b", { example: "a=b" }],
    ["example=", {}],
    ['example=""', {}],
    ["example", {}],
    ["code=429, example=big", { code: 429, example: "big" }],
    ["respond-async; code=404; wait=5", { code: 404 }],
    ["codes=404, examples=x, xcode=500", {}],
  ])("%j -> %j", (header, expected) => {
    expect(parsePrefer(header)).toEqual(expected);
  });

  it("a later value of the same key wins", () => {
    expect(parsePrefer("code=404, code=500")).toEqual({ code: 500 });
  });

  it('only a whole quoted value loses its quotes: "a"b" keeps them', () => {
    expect(parsePrefer('example="a"b')).toEqual({ example: '"a"b' });
    expect(parsePrefer('example=x"y"')).toEqual({ example: 'x"y"' });
  });
});

describe("seededRandom (mulberry32)", () => {
  it.each([
    [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]],
    [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]],
    [0, [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]],
    [5, [0.6897749109193683, 0.7727432732935995, 0.21976301027461886]],
  ])("seed %i gives the same numbers everywhere", (seed, expected) => {
    expect(draws(seededRandom(seed), 3)).toEqual(expected);
  });

  it("a seed is taken modulo 2^32", () => {
    expect(draws(seededRandom(2 ** 32 + 5), 3)).toEqual(draws(seededRandom(5), 3));
  });

  it("numbers fall in [0, 1) and vary", () => {
    const values = draws(seededRandom(9), 500);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBe(500);
  });
});

describe("checkFaultOptions", () => {
  it.each<FaultOptions>([
    {},
    { latencyMs: 0 },
    { latencyMs: 60_000 },
    { latencyMs: [0, 60_000] },
    { latencyMs: [5, 5] },
    { failureRate: 0 },
    { failureRate: 1 },
    { seed: 0 },
    { seed: -3 },
  ])("accepts %j", (options) => {
    expect(() => checkFaultOptions(options)).not.toThrow();
    expect(() => new Faults(options)).not.toThrow();
  });

  it.each<[FaultOptions, string]>([
    [{ latencyMs: -1 }, "-1"],
    [{ latencyMs: 60_001 }, "60001"],
    [{ latencyMs: Number.NaN }, "null"],
    [{ latencyMs: Number.POSITIVE_INFINITY }, "null"],
    [{ latencyMs: [6, 5] }, "[6,5]"],
    [{ latencyMs: [0, 60_001] }, "[0,60001]"],
    [{ latencyMs: [-1, 5] }, "[-1,5]"],
    [{ latencyMs: [1] as unknown as [number, number] }, "[1]"],
    [{ latencyMs: [1, 2, 3] as unknown as [number, number] }, "[1,2,3]"],
  ])("refuses latencyMs of %j, naming it", (options, shown) => {
    const message = `latencyMs must be a number of ms from 0 to 60000, or [min, max] with min <= max; got ${shown}.`;
    expect(() => checkFaultOptions(options)).toThrow(new RangeError(message));
    expect(() => new Faults(options)).toThrow(message);
  });

  it.each<[number, string]>([
    [-0.01, "-0.01"],
    [1.01, "1.01"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
  ])("refuses failureRate %d", (failureRate, shown) => {
    const message = `failureRate must be a number from 0 to 1 (0.1 fails one request in ten); got ${shown}.`;
    expect(() => checkFaultOptions({ failureRate })).toThrow(new RangeError(message));
    expect(() => new Faults({ failureRate })).toThrow(message);
  });

  it.each([1.5, Number.NaN])("refuses seed %d", (seed) => {
    expect(() => checkFaultOptions({ seed })).toThrow(new RangeError(`seed must be an integer; got ${String(seed)}.`));
    expect(() => new Faults({ seed })).toThrow(RangeError);
  });

  it("errors come as RangeError", () => {
    expect(() => checkFaultOptions({ seed: 0.5 })).toThrow(RangeError);
    expect(() => checkFaultOptions({ failureRate: 3 })).toThrow(RangeError);
    expect(() => checkFaultOptions({ latencyMs: -5 })).toThrow(RangeError);
  });
});

describe("Faults", () => {
  it("no options: no delay and no failure", () => {
    const faults = new Faults();
    expect(draws(() => faults.delayMs(), 5)).toEqual([0, 0, 0, 0, 0]);
    expect(draws(() => faults.fails(), 50).some(Boolean)).toBe(false);
  });

  it("a fixed latency is that many ms every time", () => {
    const faults = new Faults({ latencyMs: 250 });
    expect(draws(() => faults.delayMs(), 3)).toEqual([250, 250, 250]);
  });

  it("a range is min + draw * (max - min), rounded, from the seed (default 1)", () => {
    const unseeded = new Faults({ latencyMs: [0, 1000] });
    expect(draws(() => unseeded.delayMs(), 3)).toEqual([627, 3, 527]);
    const seeded = new Faults({ latencyMs: [10, 500], seed: 42 });
    expect(draws(() => seeded.delayMs(), 3)).toEqual([305, 230, 428]);
    const random = seededRandom(42);
    const expected = draws(random, 3).map((r) => Math.round(100 + r * 200));
    const again = new Faults({ latencyMs: [100, 300], seed: 42 });
    expect(draws(() => again.delayMs(), 3)).toEqual(expected);
  });

  it("a failure rate fails the requests whose draw is under it, from the seed", () => {
    const faults = new Faults({ failureRate: 0.5, seed: 7 });
    const random = seededRandom(7);
    const expected = draws(random, 12).map((r) => r < 0.5);
    expect(draws(() => faults.fails(), 12)).toEqual(expected);
    expect(expected).toEqual([true, true, false, false, false, true, true, true, false, false, true, true]);
  });

  it("failureRate 1 fails every request", () => {
    const faults = new Faults({ failureRate: 1, seed: 3 });
    expect(draws(() => faults.fails(), 20).every(Boolean)).toBe(true);
  });

  it("a fixed latency and a zero failure rate draw nothing: the other draws do not move", () => {
    const mixed = new Faults({ latencyMs: 40, failureRate: 0.5, seed: 11 });
    const alone = new Faults({ failureRate: 0.5, seed: 11 });
    const seen: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      expect(mixed.delayMs()).toBe(40);
      seen.push(mixed.fails());
    }
    expect(seen).toEqual(draws(() => alone.fails(), 12));

    const noFailures = new Faults({ latencyMs: [0, 1000], failureRate: 0, seed: 11 });
    const latencyAlone = new Faults({ latencyMs: [0, 1000], seed: 11 });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(noFailures.fails()).toBe(false);
      delays.push(noFailures.delayMs());
    }
    expect(delays).toEqual(draws(() => latencyAlone.delayMs(), 6));
  });
});
