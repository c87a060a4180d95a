/**
 * What the client refuses to do with credentials and bodies: follow a
 * redirect to another origin (two local servers = two origins), send
 * credentials over plain http to a non-loopback host, run secret-bearing auth
 * in a browser, or read an unbounded response.
 */
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AirbyteError, AirbyteUnexpectedResponseError, createAirbyteClient, createRawClient } from "../../src/index.js";
import { json, startServer, type TestServer } from "../helpers/server.js";

let api: TestServer;
let other: TestServer;
beforeAll(async () => {
  [api, other] = await Promise.all([startServer(), startServer()]);
});
afterAll(() => Promise.all([api.close(), other.close()]));
afterEach(() => {
  api.requests.length = 0;
  other.requests.length = 0;
});

const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const body = { name: "pg", workspaceId, configuration: { password: "db-SECRET-1" } };

describe("redirects", () => {
  it.each([301, 302, 303, 307, 308])("a %i to another origin is an error; the other origin receives nothing", async (status) => {
    other.handle((_, res) => json(res, 200, { sourceId: "stolen" }));
    api.handle((_, res) => (res.writeHead(status, { location: `${other.origin}/v1/sources` }), res.end()));
    const airbyte = createAirbyteClient({ baseUrl: `${api.origin}/v1`, auth: { bearerToken: "tok-SECRET-1" }, headers: { "X-Api-Key": "key-SECRET-2" } });
    const error = await airbyte.sources.createSource(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteError);
    expect((error as Error).message).toContain(`a redirect to another origin (${other.origin}). It was not followed`);
    expect(other.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(1); // not retried
  });

  it("a same-origin redirect is followed with the body (307) and credentials", async () => {
    api.handle((req, res) => {
      if (req.url === "/v1/sources") return void (res.writeHead(307, { location: "/v2/sources" }), res.end());
      json(res, 200, { sourceId: "s-1" });
    });
    const airbyte = createAirbyteClient({ baseUrl: `${api.origin}/v1`, auth: { bearerToken: "tok-1" } });
    await expect(airbyte.sources.createSource(body)).resolves.toEqual({ sourceId: "s-1" });
    expect(api.requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization} ${r.body.length > 0}`)).toEqual([
      "POST /v1/sources Bearer tok-1 true",
      "POST /v2/sources Bearer tok-1 true",
    ]);
  });

  it("a 303 continues as a GET without the body", async () => {
    api.handle((req, res) => {
      if (req.method === "POST") return void (res.writeHead(303, { location: "/v1/sources/s-1" }), res.end());
      json(res, 200, { sourceId: "s-1" });
    });
    const airbyte = createAirbyteClient({ baseUrl: `${api.origin}/v1`, auth: { bearerToken: "tok-1" } });
    await airbyte.sources.createSource(body);
    expect(api.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual(["POST /v1/sources " + JSON.stringify(body), "GET /v1/sources/s-1 "]);
  });

  it("a redirect loop stops after 5 hops", async () => {
    api.handle((_, res) => (res.writeHead(302, { location: "/v1/health" }), res.end()));
    const airbyte = createAirbyteClient({ auth: false, baseUrl: `${api.origin}/v1` });
    await expect(airbyte.health.getHealthCheck()).rejects.toThrow(/redirected more than 5 times/);
    expect(api.requests).toHaveLength(6);
  });

  it.each([
    ["a query", "/v1/moved?token=q-SECRET-3"],
    ["a query and a fragment", "/v1/moved?token=q-SECRET-3#part"],
    ["a fragment holding a ?", "/v1/moved#part?token=q-SECRET-3"],
  ])("an error after a same-origin redirect to a URL with %s names the URL without them", async (_, location) => {
    api.handle((req, res) => {
      if (req.url === "/v1/health") return void (res.writeHead(302, { location }), res.end());
      res.socket?.destroy();
    });
    const airbyte = createAirbyteClient({ auth: false, baseUrl: `${api.origin}/v1`, retry: { maxRetries: 0 } });
    const error = await airbyte.health.getHealthCheck().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "AirbyteConnectionError", url: `${api.origin}/v1/moved` });
    expect(String(error)).not.toContain("SECRET");
  });

  it("an operation whose documented answer is a redirect (the OAuth callback) returns it without following", async () => {
    api.handle((_, res) => (res.writeHead(302, { location: `${other.origin}/app/cb?secret_id=x` }), res.end()));
    const airbyte = createAirbyteClient({ auth: false, baseUrl: `${api.origin}/v1` });
    const { data, response } = await airbyte.oAuth.oauthCallback({ queryParams: { code: "c" } }).withResponse();
    expect(data).toBeUndefined();
    expect(response.status).toBe(302);
    expect(other.requests).toHaveLength(0);
  });

  it("createRawClient(airbyte) does not follow a redirect to another origin either", async () => {
    api.handle((_, res) => (res.writeHead(307, { location: `${other.origin}/v1/health` }), res.end()));
    const airbyte = createAirbyteClient({ baseUrl: `${api.origin}/v1`, auth: { bearerToken: "tok-1" } });
    const { response } = await createRawClient(airbyte).GET("/sources/{sourceId}", { params: { path: { sourceId: "s" } } });
    expect(response.status).toBe(307);
    expect(other.requests).toHaveLength(0);
  });
});

describe("plain http", () => {
  it.each([
    ["bearer auth", { auth: { bearerToken: "tok-SECRET-3" } }],
    ["basic auth", { auth: { username: "u", password: "pw-SECRET-3" } }],
    ["client credentials", { auth: { clientId: "c", clientSecret: "cs-SECRET-3" } }],
    ["a secret client header", { headers: { Authorization: "Bearer tok-SECRET-3" } }],
  ])("refuses %s to a non-loopback http base URL, without quoting the secret", (_, options) => {
    let thrown: unknown;
    try {
      createAirbyteClient({ baseUrl: "http://airbyte.internal.example/api/public/v1", ...options });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AirbyteError);
    expect((thrown as Error).message).toMatch(/^Refusing to send credentials over plain http to airbyte\.internal\.example: .* pass allowInsecureHttp: true/);
    expect((thrown as Error).message).not.toContain("SECRET");
  });

  it("refuses a secret per-call header too, before sending", async () => {
    let sent = 0;
    const airbyte = createAirbyteClient({ auth: false, baseUrl: "http://airbyte.internal.example/v1", fetch: async () => (sent++, Response.json({})) });
    await expect(airbyte.sources.getSource("s", undefined, { headers: { Authorization: "Bearer x-SECRET" } })).rejects.toThrow(/Refusing to send credentials over plain http/);
    expect(sent).toBe(0);
  });

  it.each(["http://localhost:8000/v1", "http://127.0.0.1/v1", "http://127.8.0.1/v1", "http://[::1]:8000/v1", "http://airbyte.localhost/v1"])("allows loopback %s", (baseUrl) => {
    expect(() => createAirbyteClient({ baseUrl, auth: { bearerToken: "t" } })).not.toThrow();
  });

  it("allows any host with allowInsecureHttp: true, and no credentials at all without it", () => {
    expect(() => createAirbyteClient({ baseUrl: "http://airbyte.lan/v1", auth: { bearerToken: "t" }, allowInsecureHttp: true })).not.toThrow();
    expect(() => createAirbyteClient({ auth: false, baseUrl: "http://airbyte.lan/v1" })).not.toThrow();
  });

  it("refuses a base URL with user:password@, never quoting the password", () => {
    for (const baseUrl of ["https://admin:pw-SECRET-4@airbyte.example.com/v1", "admin:pw-SECRET-4@airbyte.example.com/v1"]) {
      let thrown: unknown;
      try {
        createAirbyteClient({ auth: false, baseUrl });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AirbyteError);
      expect((thrown as Error).message).not.toContain("pw-SECRET-4");
    }
    expect(() => createAirbyteClient({ auth: false, baseUrl: "https://admin:pw-SECRET-4@airbyte.example.com/v1" })).toThrow(/must not contain credentials \(user:password@\); pass them as auth/);
  });
});

describe("in a browser (a DOM window exists)", () => {
  const g = globalThis as { window?: unknown };
  afterEach(() => {
    delete g.window;
  });

  it.each([
    ["client credentials", { clientId: "c", clientSecret: "s" }, /^Client credentials \(a client secret\) refused: this code runs in a browser page/],
    ["basic auth", { username: "u", password: "p" }, /^Basic auth \(a username and password\) refused/],
  ])("refuses %s unless dangerouslyAllowBrowser", (_, auth, message) => {
    g.window = {};
    expect(() => createAirbyteClient({ auth })).toThrow(message);
    expect(() => createAirbyteClient({ auth, dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it("allows a bearer token", () => {
    g.window = {};
    expect(() => createAirbyteClient({ auth: { bearerToken: "scoped-token" } })).not.toThrow();
  });
});

describe("maxResponseBytes", () => {
  it("stops reading a body that inflates past the limit (a gzip bomb), and does not retry", async () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000, 32));
    api.handle((_, res) => (res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }), res.end(bomb)));
    const airbyte = createAirbyteClient({ auth: false, baseUrl: `${api.origin}/v1`, maxResponseBytes: 100_000 });
    const error = await airbyte.sources.getSource("s").catch((e: unknown) => e);
    expect(bomb.length).toBeLessThan(100_000);
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect((error as Error).message).toMatch(/answered 200 with a body larger than maxResponseBytes \(100000 bytes, after decompression\)/);
    expect(api.requests).toHaveLength(1);
  });

  it("refuses a declared Content-Length over the limit at once, and error bodies are capped too", async () => {
    api.handle((_, res) => (res.writeHead(500, { "content-type": "text/plain" }), res.end("x".repeat(2_000))));
    const airbyte = createAirbyteClient({ auth: false, baseUrl: `${api.origin}/v1`, maxResponseBytes: 1_000 });
    await expect(airbyte.sources.getSource("s")).rejects.toThrow(/answered 500 with a body larger than maxResponseBytes \(1000 bytes/);
    expect(api.requests).toHaveLength(1);
  });

  it("a body of exactly the limit is read", async () => {
    const text = JSON.stringify({ sourceId: "x".repeat(100) });
    api.handle((_, res) => json(res, 200, JSON.parse(text)));
    const airbyte = createAirbyteClient({ auth: false, baseUrl: `${api.origin}/v1`, maxResponseBytes: Buffer.byteLength(text) });
    await expect(airbyte.sources.getSource("s")).resolves.toEqual(JSON.parse(text));
  });
});
