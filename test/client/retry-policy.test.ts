/**
 * The retry policy as a table, through the public client: which method and
 * status combinations are retried, and the backoff each wait gets.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createAirbyteClient, RETRY_DEFAULTS, type AirbyteClient, type ClientOptions } from "../../src/index.js";
import { problem, useTestServer } from "../helpers/server.js";

const t = useTestServer();
afterEach(() => {
  vi.restoreAllMocks();
});

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const body = { name: "pg", workspaceId: id, configuration: {} };
const calls: Record<string, (a: AirbyteClient) => Promise<unknown>> = {
  GET: (a) => a.sources.getSource(id),
  PUT: (a) => a.sources.putSource(id, body),
  DELETE: (a) => a.sources.deleteSource(id),
  POST: (a) => a.sources.createSource(body),
  PATCH: (a) => a.sources.patchSource(id, body),
};

async function attempts(method: string, status: number, retry?: ClientOptions["retry"]) {
  t.server.handle((_, res) => problem(res, status, "x", "y"));
  const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" }, retry, clock: { sleep: async () => undefined } });
  await calls[method]?.(airbyte).catch(() => undefined);
  return t.server.requests.length;
}

describe("which failures are retried (default policy: 2 retries)", () => {
  const statuses = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504];
  // [method, status, attempts]
  const table: Array<[string, number, number]> = [];
  for (const method of ["GET", "PUT", "DELETE"]) for (const s of statuses) table.push([method, s, [408, 429, 500, 502, 503, 504].includes(s) ? 3 : 1]);
  for (const method of ["POST", "PATCH"]) for (const s of statuses) table.push([method, s, [429, 503].includes(s) ? 3 : 1]);

  it.each(table)("%s answered %i: %i attempt(s)", async (method, status, expected) => {
    expect(await attempts(method, status)).toBe(expected);
  });

  it.each([["POST"], ["PATCH"]])("%s with nonIdempotent: true is retried on 500 too", async (method) => {
    expect(await attempts(method, 500, { nonIdempotent: true })).toBe(3);
  });

  it("statuses can be narrowed", async () => {
    expect(await attempts("GET", 503, { statuses: [429] })).toBe(1);
  });
});

describe("backoff", () => {
  it("full jitter: attempt n waits random × min(maxDelayMs, initialDelayMs × 2^n)", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const delays: number[] = [];
    t.server.handle((_, res) => problem(res, 503, "busy", "later"));
    const airbyte = createAirbyteClient({
      baseUrl: t.baseUrl,
      auth: { bearerToken: "k" },
      retry: { maxRetries: 4, initialDelayMs: 100, maxDelayMs: 300 },
      clock: { sleep: async (ms) => void delays.push(ms) },
    });
    await airbyte.sources.getSource(id).catch(() => undefined);
    expect(delays).toEqual([99, 199, 299, 299]);
  });

  it("documents its defaults", () => {
    expect(RETRY_DEFAULTS).toEqual({
      maxRetries: 2,
      initialDelayMs: 500,
      maxDelayMs: 8_000,
      maxRetryAfterMs: 60_000,
      statuses: [408, 429, 500, 502, 503, 504],
      nonIdempotent: false,
    });
  });
});
