/**
 * One exchange and what the caller gets back, at the edges: how many
 * same-origin redirects are followed, which ones turn a POST into a GET, a
 * 3xx without Location, the log line of a failed exchange, a logger that
 * throws, and the promise every method returns (`withResponse`, request id
 * headers, then/catch/finally). Written against the mutants Stryker left
 * alive in src/send.ts, src/call.ts, src/api-promise.ts and src/logger.ts;
 * transport-security.test.ts holds the cross-origin refusals.
 */
import { describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, type ClientOptions } from "../../src/index.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const body = { name: "pg", workspaceId: id, configuration: {} };
const base = "https://api.airbyte.com/v1";

/** A client whose fetch answers from `route`; every request and log line is kept. */
function client(route: (request: Request, n: number) => Response | Promise<Response>, options: ClientOptions = {}) {
  const sent: Array<{ method: string; url: string; body: string; type: string | null }> = [];
  const log: string[] = [];
  const airbyte = createAirbyteClient({
    retry: false,
    auth: { bearerToken: "k" },
    logger: { debug: (line) => void log.push(line) },
    ...options,
    fetch: async (r) => {
      sent.push({ method: r.method, url: r.url, body: await r.text(), type: r.headers.get("content-type") });
      return route(r, sent.length);
    },
  });
  return { airbyte, sent, log };
}
/** The error a call rejects with (a resolution fails the test). */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e as AirbyteError & { status?: number },
  );
const redirect = (status: number, location: string) => new Response(null, { status, headers: { location } });

describe("same-origin redirects", () => {
  it.each([
    [5, "resolves"],
    [6, "is refused"],
  ])("%i redirects in a row: the call %s", async (hops) => {
    const c = client((_, n) => (n <= hops ? redirect(307, `${base}/health?hop=${n}`) : new Response(null, { status: 200 })));
    const result = await c.airbyte.health.getHealthCheck().then(() => "ok", (e: unknown) => e);
    if (hops === 5) {
      expect(result).toBe("ok");
      expect(c.sent).toHaveLength(6);
    } else {
      expect(result).toBeInstanceOf(AirbyteError);
      expect(result).toMatchObject({ method: "GET", url: `${base}/health` });
      expect((result as Error).message).toBe(`GET ${base}/health was redirected more than 5 times; check baseUrl (it is ${base}).`);
      expect(c.sent).toHaveLength(6);
    }
  });

  // [status, method after the redirect, body kept]
  const table: Array<[number, string, boolean]> = [
    [301, "GET", false],
    [302, "GET", false],
    [303, "GET", false],
    [307, "POST", true],
    [308, "POST", true],
  ];
  it.each(table)("a POST redirected with %i continues as %s (body kept: %s)", async (status, method, kept) => {
    const c = client((_, n) => (n === 1 ? redirect(status, "/v1/sources/moved") : Response.json({ sourceId: "s" })));
    await c.airbyte.sources.createSource(body);
    expect(c.sent[1]).toEqual({
      method,
      url: `${base}/sources/moved`,
      body: kept ? JSON.stringify(body) : "",
      type: kept ? "application/json" : null,
    });
  });

  it.each([301, 302])("a PUT redirected with %i stays a PUT with its body", async (status) => {
    const c = client((_, n) => (n === 1 ? redirect(status, `${base}/sources/${id}/x`) : Response.json({ sourceId: "s" })));
    await c.airbyte.sources.putSource(id, body);
    expect(c.sent[1]?.method).toBe("PUT");
    expect(c.sent[1]?.body).toBe(JSON.stringify(body));
  });

  it("a 3xx without a Location header is not followed: it is the call's error", async () => {
    const c = client(() => new Response(null, { status: 302 }));
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error.name).toBe("AirbyteApiError");
    expect(error.status).toBe(302);
    expect(c.sent).toHaveLength(1);
  });

  it("a 304 with a Location is not a redirect", async () => {
    const c = client(() => redirect(304, `${base}/elsewhere`));
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error.status).toBe(304);
    expect(c.sent).toHaveLength(1);
  });

  it("an opaque redirect (a browser's fetch) is refused, naming the base URL", async () => {
    const opaque = Object.defineProperty(new Response(null, { status: 200 }), "type", { value: "opaqueredirect" });
    const c = client(() => opaque);
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error.message).toBe(`GET ${base}/sources/${id} was redirected, and the browser hides where to, so it was not followed. Check baseUrl (it is ${base}).`);
  });
});

describe("requests", () => {
  it("a body is sent as JSON with its content type; no body, no content type", async () => {
    const c = client(() => Response.json({ sourceId: "s" }));
    await c.airbyte.sources.createSource(body);
    await c.airbyte.sources.getSource(id);
    expect(c.sent.map((s) => [s.method, s.type, s.body])).toEqual([
      ["POST", "application/json", JSON.stringify(body)],
      ["GET", null, ""],
    ]);
  });

  it("a per-call Authorization header replaces the strategy's, which is then not asked", async () => {
    let asked = 0;
    const seen: Array<string | null> = [];
    const airbyte = createAirbyteClient({ auth: { bearerToken: () => (asked++, "fn") }, fetch: async (r) => (seen.push(r.headers.get("authorization")), Response.json({})) });
    await airbyte.sources.getSource(id, undefined, { headers: { authorization: "Bearer call" } });
    expect(seen).toEqual(["Bearer call"]);
    expect(asked).toBe(0);
  });

  it("an error carries the request as sent, with its credentials redacted", async () => {
    const c = client(() => new Response(null, { status: 404 }));
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error.request?.method).toBe("GET");
    expect(error.request?.url).toBe(`${base}/sources/${id}`);
    expect(error.request?.headers.authorization).toBe("[REDACTED]");
    expect(error.request?.headers.accept).toBe("application/json");
  });

  it("a renewal after a 401 is logged", async () => {
    let n = 0;
    const c = client((_, k) => (k === 1 ? new Response(null, { status: 401 }) : Response.json({ sourceId: "s" })), { auth: { bearerToken: () => `fn-${++n}` } });
    await c.airbyte.sources.getSource(id);
    expect(c.log).toContain(`[airbyte-api-client] 401 from GET ${base}/sources/${id}: renewing credentials and replaying once`);
  });

  it.each([
    [300, "resolves"],
    [302, "resolves"],
    [399, "resolves"],
    [400, "rejects"],
    [299, "resolves"],
  ])("the OAuth callback, whose success is a redirect, answered %i: %s", async (status, outcome) => {
    const c = client(() => new Response(null, { status, headers: { location: "https://elsewhere.example/" } }));
    const result = await c.airbyte.oAuth.oauthCallback({ queryParams: { code: "1" } }).then(() => "resolves", () => "rejects");
    expect(result).toBe(outcome);
    // The redirect is the answer: it is not followed.
    expect(c.sent).toHaveLength(1);
  });

  it("a failed exchange is logged with its error's name and attempt", async () => {
    const c = client(() => Promise.reject(new TypeError("fetch failed")));
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error.name).toBe("AirbyteConnectionError");
    expect(c.log.at(-1)).toMatch(new RegExp(`^\\[airbyte-api-client\\] ✗ GET ${base}/sources/${id} failed after \\d+ ms \\(TypeError\\) \\(attempt 1\\)$`));
  });

  it("a thrown non-Error is logged as error", async () => {
    const c = client(() => Promise.reject("down"));
    await c.airbyte.sources.getSource(id).catch(() => undefined);
    expect(c.log.at(-1)).toMatch(/failed after \d+ ms \(error\) \(attempt 1\)$/);
  });

  it("a logger that throws does not break the call", async () => {
    const airbyte = createAirbyteClient({ auth: false,
      logger: {
        debug() {
          throw new Error("disk full");
        },
      },
      fetch: async () => Response.json({ sourceId: "s" }),
    });
    await expect(airbyte.sources.getSource(id)).resolves.toEqual({ sourceId: "s" });
  });
});

describe("the promise a method returns", () => {
  it.each([
    ["x-request-id", { "x-request-id": "r-1", "x-amzn-requestid": "a-1" }, "r-1"],
    ["x-amzn-requestid", { "x-amzn-requestid": "a-1" }, "a-1"],
    ["neither", {}, undefined],
  ])("withResponse() gives the body, the response and the request id from %s", async (_, headers, requestId) => {
    const c = client(() => Response.json({ sourceId: "s" }, { headers }));
    const result = await c.airbyte.sources.getSource(id).withResponse();
    expect(result.data).toEqual({ sourceId: "s" });
    expect(result.response.status).toBe(200);
    expect(result.requestId).toBe(requestId);
    expect(c.sent).toHaveLength(1);
  });

  it("is a thenable with catch and finally, tagged ApiPromise, and one request however it is read", async () => {
    const c = client(() => new Response(null, { status: 404 }));
    const promise = c.airbyte.sources.getSource(id);
    expect(Object.prototype.toString.call(promise)).toBe("[object ApiPromise]");
    let finished = 0;
    const caught = await promise.catch((e: unknown) => (e as Error).name);
    await promise.finally(() => void finished++).catch(() => undefined);
    const viaThen = await promise.then(() => "resolved", (e: unknown) => `rejected ${(e as Error).name}`);
    expect([caught, finished, viaThen]).toEqual(["AirbyteNotFoundError", 1, "rejected AirbyteNotFoundError"]);
    await expect(promise.withResponse()).rejects.toMatchObject({ name: "AirbyteNotFoundError" });
    expect(c.sent).toHaveLength(1);
  });
});
