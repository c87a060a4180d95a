/**
 * One regression test per finding of issue 18 on the send path (measured from
 * outside on 839c885; each test here fails there). Timeouts after garbage
 * collection: test/faults/gc-timeouts.test.ts; path parameters of any value:
 * path-segments.property.test.ts beside this file.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AirbyteBadRequestError, AirbyteError, AirbyteTimeoutError, AirbyteUnexpectedResponseError, AirbyteUsageError, createAirbyteClient, createRawClient } from "../../src/index.js";
import { fakeClock, flush, hangingFetch } from "../helpers/fake-clock.js";
import { json, startServer, type TestServer } from "../helpers/server.js";

let api: TestServer;
beforeAll(async () => {
  api = await startServer();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
});

describe("the raw client is the client's transport", () => {
  it("refuses `..` as a path parameter instead of deleting the parent resource", async () => {
    const airbyte = createAirbyteClient({ baseUrl: `${api.origin}/v1`, auth: { bearerToken: "tok-raw-1" } });
    const raw = createRawClient(airbyte);
    const call = raw.DELETE("/groups/{groupId}/members/{userId}", { params: { path: { groupId: "g-1", userId: ".." } } });
    await expect(call).rejects.toBeInstanceOf(AirbyteUsageError);
    await expect(call).rejects.toThrow(/params\.path\.userId must be a non-empty string; got "\.\.", which URL parsing would turn into another endpoint/);
    expect(api.requests).toEqual([]);
  });

  it("encodes a path parameter as one segment, as the typed methods do", async () => {
    api.handle((_, res) => (res.writeHead(204), res.end()));
    const airbyte = createAirbyteClient({ baseUrl: `${api.origin}/v1`, auth: { bearerToken: "tok-raw-2" } });
    await createRawClient(airbyte).DELETE("/groups/{groupId}/members/{userId}", { params: { path: { groupId: "g-1", userId: "a/../b?x#y" } } });
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual(["DELETE /v1/groups/g-1/members/a%2F..%2Fb%3Fx%23y"]);
  });

  it("has the client's timeout: a raw call to a server that never answers fails with AirbyteTimeoutError", async () => {
    const time = fakeClock();
    const { fetch } = hangingFetch();
    const raw = createRawClient(createAirbyteClient({ auth: false, fetch, clock: time.clock, timeoutMs: 1_000, retry: false }));
    const call = raw.GET("/health").catch((e: unknown) => e);
    await flush();
    await time.advance(1_000);
    expect(await call).toMatchObject({ name: "AirbyteTimeoutError", scope: "attempt", timeoutMs: 1_000 });
    expect(await call).toBeInstanceOf(AirbyteTimeoutError);
  });

  it("has the client's body cap: a never-ending body stops at maxResponseBytes", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024).fill(120));
      },
    });
    const raw = createRawClient(createAirbyteClient({ auth: false, maxResponseBytes: 10_000, retry: false, fetch: async () => new Response(endless, { headers: { "content-type": "application/json" } }) }));
    const error = await raw.GET("/sources/{sourceId}", { params: { path: { sourceId: "s" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect((error as Error).message).toMatch(/larger than maxResponseBytes \(10000 bytes/);
    expect(pulled).toBeLessThan(20);
  });

  it("has the client's retry policy and returns the last error body as openapi-fetch would", async () => {
    let n = 0;
    const raw = createRawClient(
      createAirbyteClient({ auth: false, retry: { initialDelayMs: 0 }, fetch: async () => (++n < 3 ? Response.json({ title: "busy" }, { status: 503 }) : Response.json({ title: "still busy" }, { status: 503 })) }),
    );
    const { data, error, response } = await raw.GET("/health");
    expect([n, response.status, data, error]).toEqual([3, 503, undefined, { title: "still busy" }]);
  });
});

describe("usage errors are never retried", () => {
  it.each([
    ["a client header", { headers: { "X-Name": "Zoë 🚀" } }, undefined, 'headers: header "X-Name" contains a character beyond Latin-1'],
    ["a per-call header", {}, { headers: { "X-Name": "名前" } }, 'getSource: headers: header "X-Name" contains a character beyond Latin-1'],
    ["a bearer token", { auth: { bearerToken: "tök€n" } }, undefined, "auth.bearerToken contains a character beyond Latin-1"],
  ])("a header value beyond Latin-1 (%s) fails at once with AirbyteUsageError naming it, with nothing sent", async (_, options, callOptions, message) => {
    let sent = 0;
    const attempt = async () =>
      createAirbyteClient({ auth: false, ...options, fetch: async () => (sent++, Response.json({ sourceId: "s" })) }).sources.getSource("s", undefined, callOptions);
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteUsageError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toMatch(/Zoë|名前|tök/);
    expect(sent).toBe(0);
  });

  it("a bearer function's token beyond Latin-1 fails the call once, without a request", async () => {
    let sent = 0;
    let asked = 0;
    const airbyte = createAirbyteClient({ auth: { bearerToken: () => (asked++, "tök€n") }, fetch: async () => (sent++, Response.json({})) });
    await expect(airbyte.sources.getSource("s")).rejects.toBeInstanceOf(AirbyteUsageError);
    expect([asked, sent]).toEqual([1, 0]);
  });
});

describe("answers the client must not trust", () => {
  it("a same-origin Location with user:password@ is refused: not followed, not quoted, not retried", async () => {
    api.handle((req, res) => {
      if (req.url.startsWith("/v1/sources/")) return res.writeHead(302, { location: `http://evil:pa55-SECRET@${api.origin.slice("http://".length)}/v1/x` }).end();
      json(res, 200, { sourceId: "followed" });
    });
    const airbyte = createAirbyteClient({ baseUrl: `${api.origin}/v1`, auth: { bearerToken: "tok-loc" } });
    const error = await airbyte.sources.getSource("s").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteError);
    expect((error as Error).message).toMatch(/answered 302, a redirect to a URL with user:password@ in it\. It was not followed/);
    expect(JSON.stringify(error)).not.toContain("pa55-SECRET");
    expect(api.requests.map((r) => r.url)).toEqual(["/v1/sources/s"]);
  });

  it("a deeply nested JSON error body that is not a problem is an API error, not a network error, and is not retried", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    let n = 0;
    const airbyte = createAirbyteClient({ auth: false, retry: { initialDelayMs: 0 }, fetch: async () => (n++, new Response(deep, { status: 400, headers: { "content-type": "application/json" } })) });
    const error = await airbyte.sources.getSource("s").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteBadRequestError);
    expect((error as Error).message.length).toBeLessThan(1_300);
    expect(n).toBe(1);
  });

  it("a problem detail that is an object prints as JSON, not [object Object]", async () => {
    const airbyte = createAirbyteClient({ auth: false, fetch: async () => Response.json({ title: "Invalid", detail: { field: "name", reason: "too long" } }, { status: 422 }) });
    const error = await airbyte.sources.getSource("s").catch((e: unknown) => e);
    expect((error as Error).message).toContain('Invalid: {"field":"name","reason":"too long"}');
    expect((error as Error).message).not.toContain("[object Object]");
  });
});
