/**
 * The client-credentials token at the edges the other token tests leave open,
 * through the client with an in-memory fetch: a token answer that is cut
 * mid-way, a browser's opaque redirect, a redirect whose Location is not a
 * URL, an access token a header cannot carry, bodies that are not JSON, a
 * quoted fractional expires_in, a 401 after an already-expired token, a
 * relative tokenUrl, and `timeoutMs: false` (no token timer at all).
 */
import { describe, expect, it } from "vitest";
import { AirbyteConnectionError, AirbyteUnexpectedResponseError, createAirbyteClient, type AuthStrategy, type ClientOptions } from "../../src/index.js";
import { fakeClock, flush } from "../helpers/fake-clock.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const base = "https://api.example.com/v1";
const tokenUrl = `${base}/applications/token`;
const source = { sourceId: id, name: "pg", sourceType: "postgres", workspaceId: id, configuration: {} };

type TokenAnswer = (request: Request) => Response | Promise<Response>;

/** A client whose token endpoint answers with `token`; API calls answer 200 unless `api` says otherwise. */
function client(token: TokenAnswer, options: ClientOptions = {}, api: (request: Request) => Response = () => Response.json(source)) {
  const requests: Request[] = [];
  const airbyte = createAirbyteClient({
    baseUrl: base,
    auth: { clientId: "client-1", clientSecret: "secret-1234" },
    retry: false,
    ...options,
    fetch: async (request) => {
      requests.push(request);
      return request.url.startsWith(tokenUrl) ? token(request) : api(request);
    },
  });
  const tokenCalls = () => requests.filter((r) => r.url.startsWith(tokenUrl)).length;
  return { airbyte, requests, tokenCalls };
}

const failure = (promise: Promise<unknown>) => promise.then(() => new Error("expected the call to fail"), (error: unknown) => error as Error);

/** A 200 whose body delivers `first`, then fails as a cut connection does. */
function cutBody(first: string): Response {
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (first) {
          controller.enqueue(new TextEncoder().encode(first));
          first = "";
        } else controller.error(new TypeError("terminated"));
      },
    }),
    { headers: { "content-type": "application/json" } },
  );
}

describe("token answers that are not a token", () => {
  it("a token answer cut mid-way is a connection error of the token request (POST, bare URL), not retried as a success", async () => {
    const c = client(() => cutBody('{"access_token":"tok-'));
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error).toBeInstanceOf(AirbyteConnectionError);
    expect(error).toMatchObject({ method: "POST", url: tokenUrl });
    expect(error.message).toMatch(/^POST https:\/\/api\.example\.com\/v1\/applications\/token \(token request\) /);
    expect(c.requests).toHaveLength(1);
  });

  it("a token answer larger than maxResponseBytes names the POST of the token request", async () => {
    const c = client(() => Response.json({ access_token: "t".repeat(300) }), { maxResponseBytes: 64 });
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect(error.message).toMatch(/^POST https:\/\/api\.example\.com\/v1\/applications\/token \(token request\) answered 200 with a body larger than maxResponseBytes/);
  });

  it("a browser's opaque redirect from the token endpoint is refused as a redirect, never as an API error", async () => {
    // What a browser's fetch answers with redirect: "manual": type opaqueredirect, status 0.
    const opaque = () => Object.defineProperties(new Response(null), { type: { value: "opaqueredirect" }, status: { value: 0 }, ok: { value: false } });
    const error = await failure(client(opaque).airbyte.sources.getSource(id));
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect(error.message).toBe(
      `POST ${tokenUrl} (token request) answered 0 with a redirect. The client never follows a redirect with the client secret: set tokenUrl to the final token endpoint.`,
    );
  });

  it("a redirect whose Location is not a URL is refused without naming a target", async () => {
    const error = await failure(client(() => new Response(null, { status: 302, headers: { location: "http://[::1" } })).airbyte.sources.getSource(id));
    expect(error.message).toBe(
      `POST ${tokenUrl} (token request) answered 302 with a redirect. The client never follows a redirect with the client secret: set tokenUrl to the final token endpoint.`,
    );
  });

  it.each([
    ["a line break", "tok-1\r\nx-injected: 1"],
    ["a character beyond Latin-1", "tok-€"],
  ])("an access_token with %s is refused when it arrives, not sent", async (_, accessToken) => {
    const c = client(() => Response.json({ access_token: accessToken, expires_in: 60 }));
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect(error.message).toBe(`POST ${tokenUrl} (token request) answered 200 with an access_token that an HTTP header cannot carry (line breaks or characters beyond Latin-1).`);
    expect(c.tokenCalls()).toBe(1);
    expect(c.requests).toHaveLength(1);
  });

  it.each([
    ["text with a < further on is not taken for HTML", "bad request <b>", "with a body that is not valid JSON."],
    ["an HTML page (after blank space) is named as such", "  \n<html><body>login</body></html>", "with an HTML page instead of a token."],
  ])("%s", async (_, text, why) => {
    const error = await failure(client(() => new Response(text, { status: 200 })).airbyte.sources.getSource(id));
    expect(error.message).toBe(`POST ${tokenUrl} (token request) answered 200 ${why} Check tokenUrl (it defaults to <baseUrl>/applications/token).`);
  });
});

describe("expires_in and renewal", () => {
  it('a quoted fractional expires_in ("30.5") is not a number of seconds: the token is reused like one without expiry', async () => {
    const f = fakeClock();
    let issued = 0;
    const c = client(() => Response.json({ access_token: `tok-${++issued}`, expires_in: "30.5" }), { clock: f.clock });
    await c.airbyte.sources.getSource(id);
    await f.advance(20_000);
    await c.airbyte.sources.getSource(id);
    expect(c.tokenCalls()).toBe(1);
  });

  it("a 401 after a token that came already expired (never cached) fetches a new token and replays once", async () => {
    let issued = 0;
    let apiCalls = 0;
    const c = client(
      () => Response.json({ access_token: `tok-${++issued}`, expires_in: 0 }),
      {},
      () => (++apiCalls === 1 ? new Response(null, { status: 401 }) : Response.json(source)),
    );
    await expect(c.airbyte.sources.getSource(id)).resolves.toEqual(source);
    expect(c.requests.filter((r) => !r.url.startsWith(tokenUrl)).map((r) => r.headers.get("authorization"))).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });
});

describe("the token URL and timeout", () => {
  it.each([
    ["oauth/token", `${base}/oauth/token`],
    ["/oauth/token", `${base}/oauth/token`],
    ["//oauth/token", `${base}/oauth/token`],
  ])("a relative tokenUrl %s is joined onto the base URL's path", async (relative, expected) => {
    const urls: string[] = [];
    const airbyte = createAirbyteClient({
      baseUrl: base,
      auth: { clientId: "c", clientSecret: "s", tokenUrl: relative },
      fetch: async (request) => (urls.push(request.url), request.url === expected ? Response.json({ access_token: "tok", expires_in: 60 }) : Response.json(source)),
    });
    await airbyte.sources.getSource(id);
    expect(urls[0]).toBe(expected);
  });

  it("timeoutMs: false leaves the token request without any timer", async () => {
    const f = fakeClock();
    const c = client(() => Response.json({ access_token: "tok", expires_in: 60 }), { clock: f.clock, timeoutMs: false });
    await c.airbyte.sources.getSource(id);
    expect(f.scheduled()).toEqual([]);
  });

  it("timeoutMs: false is an unbounded token wait (Infinity) in the context a custom strategy receives", async () => {
    const seen: number[] = [];
    const strategy: AuthStrategy = {
      create(ctx) {
        seen.push(ctx.tokenTimeoutMs);
        return { header: () => "Bearer x", rejected() {}, canRenew: false };
      },
    };
    createAirbyteClient({ baseUrl: base, auth: strategy, timeoutMs: false, fetch: async () => Response.json(source) });
    createAirbyteClient({ baseUrl: base, auth: strategy, timeoutMs: 1_234, fetch: async () => Response.json(source) });
    await flush();
    expect(seen).toEqual([Infinity, 1_234]);
  });
});
