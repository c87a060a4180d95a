/**
 * The retry decision at its edges, through the client with an injected fetch:
 * Retry-After exactly at and just over maxRetryAfterMs, failures that are
 * never retried (an unexpected answer, the total timeout, a network error on
 * POST), and the reason each retry line of the log gives. Written against
 * the mutants Stryker left alive in src/retry.ts; retry-policy.test.ts holds
 * the method × status table and the backoff.
 */
import { describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, type AirbyteClient, type ClientOptions } from "../../src/index.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const body = { name: "pg", workspaceId: id, configuration: {} };

type Answer = (request: Request) => Promise<Response>;

/** A client on an injected fetch; every wait and log line is recorded. */
function client(answer: Answer, options: ClientOptions = {}) {
  const sent: Request[] = [];
  const waits: number[] = [];
  const log: string[] = [];
  const airbyte = createAirbyteClient({
    auth: { bearerToken: "k" },
    logger: { debug: (line) => void log.push(line) },
    clock: { now: () => Date.UTC(2026, 0, 1), sleep: async (ms) => void waits.push(ms) },
    ...options,
    fetch: (request) => (sent.push(request), answer(request)),
  });
  return { airbyte, sent, waits, retries: () => log.filter((l) => l.includes("] retry ")) };
}

const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));
const tooMany = (seconds: string, status = 429) => async () => new Response(null, { status, headers: { "retry-after": seconds } });

describe("Retry-After against maxRetryAfterMs", () => {
  const table: Array<[string, number, number, number[]]> = [
    // [Retry-After seconds, maxRetryAfterMs, attempts, waits]
    ["3", 3_000, 3, [3_000, 3_000]],
    ["3", 2_999, 1, []],
    ["0", 0, 3, [0, 0]],
  ];
  it.each(table)("Retry-After: %s with maxRetryAfterMs %i: %i attempt(s)", async (seconds, maxRetryAfterMs, attempts, waits) => {
    const c = client(tooMany(seconds), { retry: { maxRetryAfterMs } });
    const { error } = (await settle(c.airbyte.sources.getSource(id))) as { error: AirbyteError & { retryAfterMs?: number } };
    expect(error.name).toBe("AirbyteRateLimitError");
    expect(error.retryAfterMs).toBe(Number(seconds) * 1000);
    expect(c.sent).toHaveLength(attempts);
    expect(c.waits).toEqual(waits);
  });

  it("a Retry-After on a status outside `statuses` is not waited for", async () => {
    const c = client(tooMany("1"), { retry: { statuses: [500] } });
    await settle(c.airbyte.sources.getSource(id));
    expect(c.sent).toHaveLength(1);
  });

  it("a Retry-After on a 500 to a POST is not a licence to repeat it", async () => {
    const c = client(tooMany("1", 500));
    await settle(c.airbyte.sources.createSource(body));
    expect(c.sent).toHaveLength(1);
  });

  it("a 503 with Retry-After to a POST is repeated after exactly that wait", async () => {
    const c = client(tooMany("2", 503));
    await settle(c.airbyte.sources.createSource(body));
    expect(c.sent).toHaveLength(3);
    expect(c.waits).toEqual([2_000, 2_000]);
  });
});

describe("the reason each retry gives in the log", () => {
  const refused: Answer = async () => {
    throw new TypeError("fetch failed");
  };
  const cases: Array<[string, Answer, ClientOptions, (a: AirbyteClient) => Promise<unknown>, RegExp]> = [
    ["a status", async () => new Response(null, { status: 502 }), {}, (a) => a.sources.getSource(id), /after 502 \(attempt 1 of 3\)$/],
    ["a status with Retry-After", tooMany("1"), {}, (a) => a.sources.getSource(id), /in 1000 ms after 429 with Retry-After \(attempt 1 of 3\)$/],
    ["a network error", refused, {}, (a) => a.sources.getSource(id), /after network error \(attempt 1 of 3\)$/],
    ["a network error on a POST that opted in", refused, { retry: { nonIdempotent: true } }, (a) => a.sources.createSource(body), /^\[airbyte-api-client\] retry POST https:\/\/api\.airbyte\.com\/v1\/sources in \d+ ms after network error \(attempt 1 of 3\)$/],
  ];
  it.each(cases)("%s", async (_, answer, options, act, line) => {
    const c = client(answer, options);
    await settle(act(c.airbyte));
    expect(c.sent).toHaveLength(3);
    expect(c.retries()).toHaveLength(2);
    expect(c.retries()[0]).toMatch(line);
    expect(c.retries()[1]).toMatch(/\(attempt 2 of 3\)$/);
  });

  it("an attempt timeout", async () => {
    // The attempt timer fires as soon as it is armed; the fetch waits for its signal.
    const c = client(
      (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
      {
        timeoutMs: 5,
        clock: {
          sleep: async () => undefined,
          schedule: (ms, callback) => {
            const timer = setImmediate(callback);
            return () => clearImmediate(timer);
          },
        },
      },
    );
    const { error } = (await settle(c.airbyte.sources.getSource(id))) as { error: AirbyteError };
    expect(error.name).toBe("AirbyteTimeoutError");
    expect(c.sent).toHaveLength(3);
    expect(c.retries()[0]).toMatch(/after attempt timeout \(attempt 1 of 3\)$/);
  });
});

describe("failures that are never retried", () => {
  const cases: Array<[string, Answer, ClientOptions, (a: AirbyteClient) => Promise<unknown>, string]> = [
    ["a network error on a POST", async () => Promise.reject(new TypeError("fetch failed")), {}, (a) => a.sources.createSource(body), "AirbyteConnectionError"],
    ["an HTML page where JSON was promised", async () => new Response("<html>proxy</html>", { status: 200, headers: { "content-type": "text/html" } }), {}, (a) => a.sources.getSource(id), "AirbyteUnexpectedResponseError"],
    ["a 503 when maxRetries is 0", async () => new Response(null, { status: 503 }), { retry: { maxRetries: 0 } }, (a) => a.sources.getSource(id), "AirbyteServerError"],
  ];
  it.each(cases)("%s", async (_, answer, options, act, name) => {
    const c = client(answer, options);
    const { error } = (await settle(act(c.airbyte))) as { error: Error };
    expect(error.name).toBe(name);
    expect(c.sent).toHaveLength(1);
    expect(c.retries()).toEqual([]);
  });

  it("the total timeout ends the call without another attempt", async () => {
    let armed = 0;
    const c = client(
      (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
      {
        timeoutMs: false,
        totalTimeoutMs: 50,
        clock: {
          sleep: async () => undefined,
          schedule: (ms, callback) => {
            armed++;
            const timer = setImmediate(callback);
            return () => clearImmediate(timer);
          },
        },
      },
    );
    const { error } = (await settle(c.airbyte.sources.getSource(id))) as { error: AirbyteError & { scope?: string } };
    expect(error.name).toBe("AirbyteTimeoutError");
    expect(error.scope).toBe("total");
    expect(armed).toBe(1);
    expect(c.sent).toHaveLength(1);
  });
});
