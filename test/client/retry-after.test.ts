/**
 * Retry-After as the client reads it, through a real 429 on 127.0.0.1 and a
 * fixed clock: `error.retryAfterMs` with retries off, and the wait the client
 * sleeps with retries on. Only the forms HTTP defines count; anything else is
 * "not said" (and the usual backoff applies).
 */
import { describe, expect, it } from "vitest";
import { AirbyteRateLimitError, createAirbyteClient } from "../../src/index.js";
import { problem, useTestServer } from "../helpers/server.js";

const t = useTestServer();
const NOW = Date.UTC(2026, 10, 29, 10, 0, 0); // Sun, 29 Nov 2026 10:00:00 GMT

const rateLimited = (headers: Record<string, string>) =>
  t.server.handle((_, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    problem(res, 429, "rate-limited", "slow down");
  });

const retryAfterOf = async (headers: Record<string, string>) => {
  rateLimited(headers);
  const error = await createAirbyteClient({ auth: false, baseUrl: t.baseUrl, retry: false, clock: { now: () => NOW } })
    .health.getHealthCheck()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AirbyteRateLimitError);
  return (error as AirbyteRateLimitError).retryAfterMs;
};

describe("Retry-After", () => {
  it.each([
    ["seconds", { "retry-after": "5" }, 5_000],
    ["zero seconds", { "retry-after": "0" }, 0],
    ["seconds with surrounding spaces", { "retry-after": "  7 " }, 7_000],
    ["IMF-fixdate 90 s ahead", { "retry-after": "Sun, 29 Nov 2026 10:01:30 GMT" }, 90_000],
    ["RFC 850 date 30 s ahead", { "retry-after": "Sunday, 29-Nov-26 10:00:30 GMT" }, 30_000],
    ["asctime date a week ahead (space-padded day)", { "retry-after": "Sun Dec  6 10:00:00 2026" }, 7 * 24 * 3_600_000],
    ["asctime date 10 s ahead", { "retry-after": "Sun Nov 29 10:00:10 2026" }, 10_000],
    ["a date in the past", { "retry-after": "Sun, 06 Nov 1994 08:49:37 GMT" }, 0],
    ["retry-after-ms", { "retry-after-ms": "1500" }, 1_500],
    ["retry-after-ms with a fraction, rounded up", { "retry-after-ms": "12.2" }, 13],
    ["retry-after-ms before Retry-After", { "retry-after-ms": "250", "retry-after": "9" }, 250],
    ["a bad retry-after-ms falls back to Retry-After", { "retry-after-ms": "-5", "retry-after": "2" }, 2_000],
  ])("%s", async (_, headers, expected) => {
    expect(await retryAfterOf(headers)).toBe(expected);
  });

  it.each([
    ["-1", "-1"],
    ["+5", "+5"],
    ["a fraction of seconds", "1.5"],
    ["an exponent", "1e3"],
    ["hex", "0x10"],
    ["an ISO date", "2026-11-29T10:01:00Z"],
    ["a date without GMT", "Sun, 29 Nov 2026 10:01:30"],
    ["a date with another zone", "Sun, 29 Nov 2026 10:01:30 PST"],
    ["31 February", "Sat, 31 Feb 2027 10:00:00 GMT"],
    ["hour 24", "Sun, 29 Nov 2026 24:00:00 GMT"],
    ["a month that is not one", "Sun, 29 Foo 2026 10:00:00 GMT"],
    ["words", "soon"],
  ])("%s is not a wait", async (_, value) => {
    expect(await retryAfterOf({ "retry-after": value })).toBeUndefined();
  });

  it("a huge number of seconds stays a finite number, so the cap refuses it", async () => {
    const ms = await retryAfterOf({ "retry-after": "9".repeat(400) });
    expect(Number.isFinite(ms)).toBe(true);
  });

  it("a two-digit RFC 850 year more than 50 years ahead is in the past century", async () => {
    expect(await retryAfterOf({ "retry-after": "Sunday, 06-Nov-94 08:49:37 GMT" })).toBe(0);
  });

  it.each([
    ["5", 5_000],
    ["-1", "backoff"],
    ["+5", "backoff"],
  ])("with retries on, Retry-After: %s sleeps %s", async (value, expected) => {
    let n = 0;
    t.server.handle((_, res) => {
      if (n++ === 0) {
        res.setHeader("retry-after", value);
        return problem(res, 429, "rate-limited", "slow down");
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const slept: number[] = [];
    await createAirbyteClient({ auth: false,
      baseUrl: t.baseUrl,
      retry: { initialDelayMs: 100, maxRetries: 1 },
      clock: { now: () => NOW, sleep: async (ms) => void slept.push(ms) },
    }).health.getHealthCheck();
    expect(slept).toHaveLength(1);
    if (expected === "backoff") {
      // Full jitter in [0, initialDelayMs], never a wait computed from a date in 2001.
      expect(slept[0]).toBeGreaterThanOrEqual(0);
      expect(slept[0]).toBeLessThanOrEqual(100);
    } else {
      expect(slept[0]).toBe(expected);
    }
  });
});
