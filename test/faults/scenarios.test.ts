/**
 * Fault injection: the public client against a real node:http server on
 * 127.0.0.1 that misbehaves in scripted ways. Each scenario states what it
 * expects as one line and computes what it observed as the same kind of line,
 * so the table doubles as a report (FAULT_REPORT=1 prints it).
 *
 * Backoff waits are captured through the `clock` option, never slept on the
 * wall clock. Timeouts run on a fake clock (test/helpers/fake-clock.ts): a
 * scenario waits until the request has reached the server (or the answer's
 * headers the client), then moves time past the deadline, so a loaded
 * machine cannot make a timeout fire early or late.
 */
import type { ServerResponse } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, type ClientOptions } from "../../src/index.js";
import { fakeClock, ioTurns } from "../helpers/fake-clock.js";
import { json, problem, startServer, type RecordedRequest, type TestServer } from "../helpers/server.js";

let server: TestServer;
let baseUrl: string;
const report: string[] = [];
afterAll(() => {
  if (process.env.FAULT_REPORT) console.log(["| scenario | expected | observed |", "| --- | --- | --- |", ...report].join("\n"));
});

const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const sourceId = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const source = { sourceId, name: "pg", sourceType: "postgres", workspaceId, configuration: {}, createdAt: 1 };
const oauthBody = { redirectUrl: "https://app.example.com/cb", sourceType: "github", workspaceId } as const;

interface Ctx {
  /** Requests to API paths (token requests excluded). */
  api: () => RecordedRequest[];
  tokens: () => RecordedRequest[];
  delays: number[];
  client: (extra?: Partial<ClientOptions>) => ReturnType<typeof createAirbyteClient>;
}

type Answer = (req: RecordedRequest, res: ServerResponse, n: number) => unknown;

/**
 * Runs one scenario on a server of its own (a request a previous scenario left
 * in flight can never be counted here, in whatever order the scenarios run):
 * installs the server script, builds a client that records its backoff waits.
 */
async function scenario(answer: Answer, run: (ctx: Ctx) => Promise<unknown>): Promise<{ outcome: string; ctx: Ctx }> {
  const own = (server = await startServer());
  baseUrl = `${own.origin}/api/public/v1`;
  let n = 0;
  own.handle((req, res) => answer(req, res, req.url.endsWith("/applications/token") ? 0 : ++n));
  const delays: number[] = [];
  const ctx: Ctx = {
    api: () => own.requests.filter((r) => !r.url.endsWith("/applications/token")),
    tokens: () => own.requests.filter((r) => r.url.endsWith("/applications/token")),
    delays,
    client: (extra) =>
      createAirbyteClient({
        baseUrl,
        auth: { bearerToken: "k" },
        clock: { sleep: async (ms) => void delays.push(ms) },
        ...extra,
      }),
  };
  let outcome: string;
  try {
    const value = await run(ctx);
    outcome = `resolves${value === undefined ? "" : ` ${typeof value === "string" ? value : JSON.stringify(value).slice(0, 40)}`}`;
  } catch (error) {
    const e = error as Error;
    outcome = `${e.name}${e instanceof AirbyteError ? "" : " (not an AirbyteError)"}`;
  } finally {
    await own.close();
  }
  return { outcome, ctx };
}

/** Waits until `done()` holds, checking between I/O turns; a scenario that never gets there fails saying what it waited for. */
async function until(done: () => boolean, what: string): Promise<void> {
  const giveUp = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > giveUp) throw new Error(`waited 10 s for ${what}`);
    await ioTurns(1);
  }
}

/** A fake clock whose backoff waits are recorded in `delays` and end at once (only timeouts wait for `advance`). */
function timeoutClock(delays: number[]) {
  const fake = fakeClock();
  return { ...fake, clock: { ...fake.clock, sleep: async (ms: number) => void delays.push(ms) } };
}

/** Starts a call; its promise, already handled, so a rejection while the test drives the clock is not reported as unhandled. */
function started<T>(call: Promise<T>): Promise<T> {
  call.catch(() => undefined);
  return call;
}

/** [scenario, expected, run → observed] */
type Row = [string, string, () => Promise<string>];

const rows: Row[] = [
  ["connection reset before headers, GET", "AirbyteConnectionError after 3 requests, waits 2", async () => {
    const { outcome, ctx } = await scenario((req, res) => res.socket?.destroy(), (c) => c.client().sources.getSource(sourceId));
    return `${outcome} after ${ctx.api().length} requests, waits ${ctx.delays.length}`;
  }],
  ["connection reset before headers once, then 200", "resolves postgres after 2 requests", async () => {
    const { outcome, ctx } = await scenario((req, res, n) => (n === 1 ? res.socket?.destroy() : json(res, 200, source)), (c) => c.client().sources.getSource(sourceId).then((s) => s.sourceType));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["connection reset after headers (mid-body) once, then 200", "resolves postgres after 2 requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res, n) => {
        if (n > 1) return json(res, 200, source);
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        // Cut once the headers and the first bytes have left.
        res.write('{"sourceId":', () => res.socket?.destroy());
      },
      (c) => c.client().sources.getSource(sourceId).then((s) => s.sourceType),
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["connection reset on POST", "AirbyteConnectionError after 1 requests", async () => {
    const { outcome, ctx } = await scenario((req, res) => res.socket?.destroy(), (c) => c.client().sources.initiateOAuth(oauthBody));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["connection refused (nothing listens)", "AirbyteConnectionError, waits 2", async () => {
    const closed = await startServer();
    const url = `${closed.origin}/v1`;
    await closed.close();
    const { outcome, ctx } = await scenario(() => undefined, (c) => c.client({ baseUrl: url }).sources.getSource(sourceId));
    return `${outcome}, waits ${ctx.delays.length}`;
  }],
  ["server never answers, timeoutMs 50, maxRetries 1", "AirbyteTimeoutError after 2 requests, waits 1", async () => {
    const { outcome, ctx } = await scenario(() => undefined, async (c) => {
      const t = timeoutClock(c.delays);
      let settled = false;
      const call = started(c.client({ timeoutMs: 50, retry: { maxRetries: 1 }, clock: t.clock }).sources.getSource(sourceId).finally(() => (settled = true)));
      for (const n of [1, 2]) {
        await until(() => c.api().length >= n, `request ${n}`);
        await t.advance(49);
        await ioTurns(20);
        // 1 ms before the deadline: still waiting, no retry sent.
        expect([settled, c.api().length]).toEqual([false, n]);
        await t.advance(1);
      }
      return call;
    });
    return `${outcome} after ${ctx.api().length} requests, waits ${ctx.delays.length}`;
  }],
  ["slow headers (answer after the timeout) with timeoutMs 50, no retry", "AirbyteTimeoutError after 1 requests", async () => {
    const held: ServerResponse[] = [];
    const { outcome, ctx } = await scenario(
      (req, res) => void held.push(res),
      async (c) => {
        const t = timeoutClock(c.delays);
        const call = started(c.client({ timeoutMs: 50, retry: false, clock: t.clock }).sources.getSource(sourceId));
        await until(() => held.length === 1, "the request");
        await t.advance(50);
        // The answer comes after the deadline: the call has already failed.
        for (const res of held) json(res, 200, source);
        return call;
      },
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["slow body: headers at once, body never finishes, timeoutMs 80", "AirbyteTimeoutError after 1 requests", async () => {
    let headers = false;
    const { outcome, ctx } = await scenario(
      (req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"sourceId":"');
      },
      async (c) => {
        const t = timeoutClock(c.delays);
        const fetch = async (request: Request) => {
          const response = await globalThis.fetch(request);
          headers = true;
          return response;
        };
        const call = started(c.client({ timeoutMs: 80, retry: false, clock: t.clock, fetch }).sources.getSource(sourceId));
        // The deadline passes while the body is being read.
        await until(() => headers, "the answer's headers");
        await t.advance(80);
        return call;
      },
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["slow answer within timeoutMs", "resolves postgres", async () => {
    const { outcome } = await scenario(
      (req, res) => setImmediate(() => json(res, 200, source)),
      // On a fake clock the 2 s deadline cannot pass, however slow the machine.
      (c) => c.client({ timeoutMs: 2000, clock: timeoutClock(c.delays).clock }).sources.getSource(sourceId).then((s) => s.sourceType),
    );
    return outcome;
  }],
  ["429 with Retry-After: 3 (seconds) on POST", "resolves, waited [3000]", async () => {
    const { outcome, ctx } = await scenario(
      (req, res, n) => (n === 1 ? (res.setHeader("retry-after", "3"), problem(res, 429, "rate-limited", "slow down")) : json(res, 200, { consentUrl: "https://c.example.com" })),
      (c) => c.client().sources.initiateOAuth(oauthBody).then(() => undefined),
    );
    return `${outcome}, waited ${JSON.stringify(ctx.delays)}`;
  }],
  ["429 with Retry-After as an HTTP date 5 s ahead", "resolves, waited [5000]", async () => {
    const now = Date.parse("2026-11-28T12:00:00Z");
    const { outcome, ctx } = await scenario(
      (req, res, n) => (n === 1 ? (res.setHeader("retry-after", new Date(now + 5000).toUTCString()), problem(res, 429, "rate-limited", "later")) : json(res, 200, source)),
      (c) => c.client({ clock: { now: () => now, sleep: async (ms) => void c.delays.push(ms) } }).sources.getSource(sourceId).then(() => undefined),
    );
    return `${outcome}, waited ${JSON.stringify(ctx.delays)}`;
  }],
  ["429 with retry-after-ms: 1500", "resolves, waited [1500]", async () => {
    const { outcome, ctx } = await scenario(
      (req, res, n) => (n === 1 ? (res.setHeader("retry-after-ms", "1500"), problem(res, 429, "rate-limited", "later")) : json(res, 200, source)),
      (c) => c.client().sources.getSource(sourceId).then(() => undefined),
    );
    return `${outcome}, waited ${JSON.stringify(ctx.delays)}`;
  }],
  ["429 with Retry-After: 3600 (beyond the 60 s cap)", "AirbyteRateLimitError at once, retryAfterMs 3600000, 1 requests", async () => {
    let retryAfter: unknown;
    const { outcome, ctx } = await scenario(
      (req, res) => (res.setHeader("retry-after", "3600"), problem(res, 429, "rate-limited", "come back in an hour")),
      (c) => c.client().sources.getSource(sourceId).catch((e: { retryAfterMs?: number }) => { retryAfter = e.retryAfterMs; throw e; }),
    );
    return `${outcome} at once, retryAfterMs ${String(retryAfter)}, ${ctx.api().length} requests`;
  }],
  ["burst of two 503 on POST, then 200", "resolves after 3 requests, waits within full jitter [0,500) [0,1000)", async () => {
    const { outcome, ctx } = await scenario(
      (req, res, n) => (n <= 2 ? problem(res, 503, "unavailable", "busy") : json(res, 200, { consentUrl: "https://c.example.com" })),
      (c) => c.client().sources.initiateOAuth(oauthBody).then(() => undefined),
    );
    const [a = -1, b = -1] = ctx.delays;
    return `${outcome} after ${ctx.api().length} requests, waits ${a >= 0 && a < 500 && b >= 0 && b < 1000 ? "within full jitter [0,500) [0,1000)" : JSON.stringify(ctx.delays)}`;
  }],
  ["503 forever on GET", "AirbyteServerError after 3 requests", async () => {
    const { outcome, ctx } = await scenario((req, res) => problem(res, 503, "unavailable", "down"), (c) => c.client().sources.getSource(sourceId));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["500 on GET, then 200", "resolves after 2 requests", async () => {
    const { outcome, ctx } = await scenario((req, res, n) => (n === 1 ? problem(res, 500, "internal", "oops") : json(res, 200, source)), (c) => c.client().sources.getSource(sourceId).then(() => undefined));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["500 on POST", "AirbyteServerError after 1 requests", async () => {
    const { outcome, ctx } = await scenario((req, res) => problem(res, 500, "internal", "oops"), (c) => c.client().sources.createSource({ name: "x", workspaceId, configuration: {} }));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["500 on POST with per-call retry { nonIdempotent: true }", "resolves after 2 requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res, n) => (n === 1 ? problem(res, 500, "internal", "oops") : json(res, 200, source)),
      (c) => c.client().sources.createSource({ name: "x", workspaceId, configuration: {} }, { retry: { nonIdempotent: true } }).then(() => undefined),
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["408 on PUT, then 200", "resolves after 2 requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res, n) => (n === 1 ? problem(res, 408, "timeout", "slow client") : (res.statusCode = 200, res.end())),
      (c) => c.client().workspaces.createOrUpdateWorkspaceOAuthCredentials(workspaceId, { actorType: "source", name: "github", configuration: {} }),
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["502 HTML page from a proxy on GET", "AirbyteServerError after 3 requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res) => (res.writeHead(502, { "content-type": "text/html" }), res.end("<html><body>Bad gateway</body></html>")),
      (c) => c.client().sources.getSource(sourceId),
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["per-call retry: false on a 503 GET", "AirbyteServerError after 1 requests", async () => {
    const { outcome, ctx } = await scenario((req, res) => problem(res, 503, "unavailable", "down"), (c) => c.client().sources.getSource(sourceId, undefined, { retry: false }));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["client retry { maxRetries: 5 } on 503 forever", "AirbyteServerError after 6 requests", async () => {
    const { outcome, ctx } = await scenario((req, res) => problem(res, 503, "unavailable", "down"), (c) => c.client({ retry: { maxRetries: 5 } }).sources.getSource(sourceId));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["404 is not retried", "AirbyteNotFoundError after 1 requests", async () => {
    const { outcome, ctx } = await scenario((req, res) => problem(res, 404, "not-found", "no such source"), (c) => c.client().sources.getSource(sourceId));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["401 after the token expired mid-run (client credentials)", "resolves after 2 requests, 2 token requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res) => {
        if (req.url.endsWith("/applications/token")) return json(res, 200, { access_token: `tok-${server.requests.filter((r) => r.url.endsWith("/token")).length}`, expires_in: 3600 });
        return req.headers.authorization === "Bearer tok-1" ? problem(res, 401, "invalid-api-key", "expired") : json(res, 200, source);
      },
      (c) => c.client({ auth: { clientId: "c", clientSecret: "s" } }).sources.getSource(sourceId).then(() => undefined),
    );
    return `${outcome} after ${ctx.api().length} requests, ${ctx.tokens().length} token requests`;
  }],
  ["token endpoint fails with 503 once", "resolves, 2 token requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res) => {
        if (!req.url.endsWith("/applications/token")) return json(res, 200, source);
        return server.requests.filter((r) => r.url.endsWith("/token")).length === 1 ? problem(res, 503, "unavailable", "token service down") : json(res, 200, { access_token: "t" });
      },
      (c) => c.client({ auth: { clientId: "c", clientSecret: "s" } }).sources.getSource(sourceId).then(() => undefined),
    );
    return `${outcome}, ${ctx.tokens().length} token requests`;
  }],
  ["token endpoint answers an HTML page", "AirbyteUnexpectedResponseError, 0 API requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res) => (res.writeHead(200, { "content-type": "text/html" }), res.end("<html>login</html>")),
      (c) => c.client({ auth: { clientId: "c", clientSecret: "s" } }).sources.getSource(sourceId),
    );
    return `${outcome}, ${ctx.api().length} API requests`;
  }],
  ["token endpoint answers without expires_in or token_type", "resolves twice, 1 token requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res) => (req.url.endsWith("/applications/token") ? json(res, 200, { access_token: "t" }) : json(res, 200, source)),
      async (c) => {
        const airbyte = c.client({ auth: { clientId: "c", clientSecret: "s" } });
        await airbyte.sources.getSource(sourceId);
        await airbyte.sources.getSource(sourceId);
        return "twice";
      },
    );
    return `${outcome}, ${ctx.tokens().length} token requests`;
  }],
  ["token endpoint never answers, timeoutMs 50, no retry", "AirbyteTimeoutError, 0 API requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res) => (req.url.endsWith("/applications/token") ? undefined : json(res, 200, source)),
      async (c) => {
        const t = timeoutClock(c.delays);
        const call = started(c.client({ auth: { clientId: "c", clientSecret: "s" }, timeoutMs: 50, retry: false, clock: t.clock }).sources.getSource(sourceId));
        await until(() => c.tokens().length === 1, "the token request");
        await t.advance(50);
        return call;
      },
    );
    return `${outcome}, ${ctx.api().length} API requests`;
  }],
  ["HTML page with status 200", "AirbyteUnexpectedResponseError after 1 requests", async () => {
    const { outcome, ctx } = await scenario(
      (req, res) => (res.writeHead(200, { "content-type": "text/html; charset=utf-8" }), res.end("<!doctype html><html><body>Airbyte</body></html>")),
      (c) => c.client().sources.getSource(sourceId),
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["empty body with a JSON content type", "AirbyteUnexpectedResponseError", async () => {
    const { outcome } = await scenario((req, res) => (res.writeHead(200, { "content-type": "application/json" }), res.end()), (c) => c.client().sources.getSource(sourceId));
    return outcome;
  }],
  ["truncated JSON", "AirbyteUnexpectedResponseError", async () => {
    const { outcome } = await scenario((req, res) => (res.writeHead(200, { "content-type": "application/json" }), res.end('{"sourceId":"18dc')), (c) => c.client().sources.getSource(sourceId));
    return outcome;
  }],
  ["a 10 MB body", "resolves 10000000 characters of configuration", async () => {
    const big = { ...source, configuration: { blob: "x".repeat(10_000_000) } };
    const { outcome } = await scenario((req, res) => json(res, 200, big), (c) => c.client().sources.getSource(sourceId).then((s) => `${String(s.configuration.blob).length} characters of configuration`));
    return outcome;
  }],
  ["an unknown enum value in a response", "resolves brand_new_job_type", async () => {
    const withNewEnum = { ...source, resourceAllocation: { jobSpecific: [{ jobType: "brand_new_job_type", resourceRequirements: {} }] } };
    const { outcome } = await scenario((req, res) => json(res, 200, withNewEnum), (c) => c.client().sources.getSource(sourceId).then((s) => s.resourceAllocation?.jobSpecific?.[0]?.jobType ?? ""));
    return outcome;
  }],
  ["abort during a backoff wait", "AbortError (not an AirbyteError) after 1 requests", async () => {
    const controller = new AbortController();
    const { outcome, ctx } = await scenario(
      (req, res) => problem(res, 503, "unavailable", "down"),
      (c) =>
        c.client({
          clock: {
            sleep: (ms, signal) => {
              c.delays.push(ms);
              setImmediate(() => controller.abort());
              return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
            },
          },
        }).sources.getSource(sourceId, undefined, { signal: controller.signal }),
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["abort during a backoff wait on the real clock", "AbortError (not an AirbyteError) after 1 requests", async () => {
    const controller = new AbortController();
    const { outcome, ctx } = await scenario(
      // Aborted once the 503 has left: the client is then in (or entering) its 60 s backoff wait.
      (req, res) => (res.on("finish", () => setImmediate(() => controller.abort())), problem(res, 503, "unavailable", "down")),
      // initialDelayMs 60 s: only the abort can end the wait in time.
      (c) => createAirbyteClient({ baseUrl, auth: { bearerToken: "k" }, retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 } })
        .sources.getSource(sourceId, undefined, { signal: controller.signal }),
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["abort while the request is in flight", "AbortError (not an AirbyteError) after 1 requests", async () => {
    const controller = new AbortController();
    const { outcome, ctx } = await scenario(
      // Aborted as soon as the server holds the request, which it never answers.
      () => void setImmediate(() => controller.abort()),
      (c) => c.client().sources.getSource(sourceId, undefined, { signal: controller.signal }),
    );
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["signal already aborted", "AbortError (not an AirbyteError) after 0 requests", async () => {
    const { outcome, ctx } = await scenario(() => undefined, (c) => c.client().sources.getSource(sourceId, undefined, { signal: AbortSignal.abort() }));
    return `${outcome} after ${ctx.api().length} requests`;
  }],
  ["total budget (totalTimeoutMs 150) across slow retries (60 ms each)", "AirbyteTimeoutError (total) before the 10 retries ran out", async () => {
    let scope: unknown;
    const { outcome, ctx } = await scenario(
      (req, res) => problem(res, 503, "unavailable", "down"),
      async (c) => {
        // The fake clock's own sleep: backoff waits (0 ms here) also run on it.
        const t = fakeClock();
        let settled = false;
        const call = started(
          createAirbyteClient({ baseUrl, auth: { bearerToken: "k" }, clock: t.clock, totalTimeoutMs: 150, retry: { maxRetries: 10, initialDelayMs: 1, maxDelayMs: 1 } })
            .sources.getSource(sourceId)
            .catch((e: { scope?: string }) => { scope = e.scope; throw e; })
            .finally(() => (settled = true)),
        );
        // Each 503 is followed by a backoff wait; 60 ms pass per request, so the third one outlives the budget.
        while (!settled) {
          await until(() => settled || t.pending().some((ms) => ms <= 1), "a backoff wait");
          if (!settled) await t.advance(60);
        }
        return call;
      },
    );
    return `${outcome} (${String(scope)}) ${ctx.api().length < 11 ? "before the 10 retries ran out" : `after ${ctx.api().length} requests`}`;
  }],
];

describe("fault injection against a local server", () => {
  it("has at least 30 scenarios", () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows)("%s", async (name, expected, run) => {
    const observed = await run();
    report.push(`| ${name} | ${expected} | ${observed} |`);
    expect(observed).toBe(expected);
  });
});
