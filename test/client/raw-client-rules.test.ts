/**
 * createRawClient's own behaviour: credentials on every call except the ones
 * the spec marks public or that carry their own Authorization, one raw client
 * per client, object query parameters form-exploded, and its log lines
 * (redacted, one per request, answer and failure: the transport's lines, with
 * the attempt number). Written against the mutants Stryker left alive in src/raw.ts.
 */
import { describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, createRawClient, type ClientOptions } from "../../src/index.js";

function client(answer: (r: Request) => Promise<Response> = async () => Response.json({}), options: ClientOptions = {}) {
  const sent: Request[] = [];
  const log: string[] = [];
  const airbyte = createAirbyteClient({
    auth: { bearerToken: "tok-SECRET" },
    logger: { debug: (line) => void log.push(line) },
    ...options,
    fetch: async (r) => (sent.push(r), answer(r)),
  });
  return { raw: createRawClient(airbyte), airbyte, sent, log };
}

describe("credentials", () => {
  it("are added to an authenticated call, not to a public one, and never over a caller's own", async () => {
    const c = client();
    await c.raw.GET("/sources/{sourceId}", { params: { path: { sourceId: "s" } } });
    await c.raw.GET("/health");
    await c.raw.GET("/sources/{sourceId}", { params: { path: { sourceId: "s" } }, headers: { Authorization: "Bearer mine" } });
    expect(c.sent.map((r) => r.headers.get("authorization"))).toEqual(["Bearer tok-SECRET", null, "Bearer mine"]);
  });

  it("a client without auth sends none", async () => {
    const c = client(undefined, { auth: false });
    await c.raw.GET("/sources/{sourceId}", { params: { path: { sourceId: "s" } } });
    expect(c.sent[0]?.headers.has("authorization")).toBe(false);
  });

  it("is made once per client", () => {
    const c = client();
    expect(createRawClient(c.airbyte)).toBe(c.raw);
    expect(createRawClient(client().airbyte)).not.toBe(c.raw);
  });

  it("refuses what is not a client or core", () => {
    expect(() => createRawClient({} as never)).toThrow(AirbyteError);
    expect(() => createRawClient({} as never)).toThrow("createRawClient: the first argument must be a client or core made by createAirbyteClient(...) or createAirbyteCore(...).");
  });

  it("object query parameters are form-exploded", async () => {
    const c = client();
    await c.raw.GET("/oauth/callback", { params: { query: { queryParams: { code: "1", state: "s" } } } });
    expect(new URL(c.sent[0]?.url ?? "").search).toBe("?code=1&state=s");
  });
});

describe("log lines", () => {
  it("a request and its answer, the token redacted", async () => {
    const c = client(async () => Response.json({}, { status: 201 }));
    await c.raw.GET("/sources/{sourceId}", { params: { path: { sourceId: "s" } } });
    expect(c.log).toHaveLength(2);
    expect(c.log[0]).toMatch(/^\[airbyte-api-client\] → GET https:\/\/api\.airbyte\.com\/v1\/sources\/s \(attempt 1\) \{.*"authorization":"\[REDACTED\]".*\}$/);
    expect(c.log[1]).toMatch(/^\[airbyte-api-client\] ← 201 GET https:\/\/api\.airbyte\.com\/v1\/sources\/s in \d+ ms \(attempt 1\)$/);
    expect(c.log.join("\n")).not.toContain("tok-SECRET");
  });

  it.each([
    ["an Error", () => new TypeError("fetch failed"), "TypeError"],
    ["a non-Error", () => "down", "error"],
  ])("a failure with %s", async (_, thrown, reason) => {
    const c = client(async () => Promise.reject(thrown()), { retry: false });
    await c.raw.GET("/health").catch(() => undefined);
    expect(c.log.at(-1)).toMatch(new RegExp(`^\\[airbyte-api-client\\] ✗ GET https://api\\.airbyte\\.com/v1/health failed after \\d+ ms \\(${reason}\\) \\(attempt 1\\)$`));
  });

  it("no logger, no lines and no failure", async () => {
    const c = client(undefined, { logger: undefined });
    await expect(c.raw.GET("/health")).resolves.toMatchObject({ response: { status: 200 } });
    expect(c.log).toEqual([]);
  });
});
