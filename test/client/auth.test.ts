/**
 * The three auth modes on the wire, and the client-credentials token lifecycle.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AirbyteAuthenticationError, AirbyteUnexpectedResponseError, createAirbyteClient } from "../../src/index.js";
import { json, problem, startServer, useTestServer, type TestServer } from "../helpers/server.js";

const t = useTestServer();

const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const body = { redirectUrl: "https://app.example.com/cb", sourceType: "github", workspaceId } as const;

/** A server with a token endpoint that hands out tok-1, tok-2, ... and an initiateOAuth that accepts any token. */
function tokenServer(tokenBody: (n: number) => unknown = (n) => ({ access_token: `tok-${n}`, token_type: "Bearer", expires_in: 180 })) {
  let issued = 0;
  t.server.handle((req, res) => {
    if (req.url.endsWith("/applications/token")) return json(res, 200, tokenBody(++issued));
    return json(res, 200, { consentUrl: "https://c.example.com" });
  });
}

const calls = () => t.server.requests.map((r) => `${r.method} ${r.url}`);

describe("bearer and basic", () => {
  it("a bearer function is asked before every request", async () => {
    let n = 0;
    tokenServer();
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: async () => `dyn-${++n}` } });
    await airbyte.sources.initiateOAuth(body);
    await airbyte.sources.initiateOAuth(body);
    expect(t.server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer dyn-1", "Bearer dyn-2"]);
  });

  it("basic auth encodes UTF-8 username:password", async () => {
    tokenServer();
    await createAirbyteClient({ baseUrl: t.baseUrl, auth: { username: "zoë", password: "pä:ss" } }).sources.initiateOAuth(body);
    expect(t.server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from("zoë:pä:ss", "utf8").toString("base64")}`);
  });

  it.each([
    [{ bearerToken: "" }, /auth.bearerToken must be a non-empty string/],
    [{ username: "", password: "p" }, /auth.username must be a non-empty string/],
    [{ clientId: "id", clientSecret: "" }, /auth.clientSecret must be a non-empty string/],
    [{ apiKey: "x" }, /auth must be one of/],
  ])("rejects bad credentials %j at construction", (auth, message) => {
    expect(() => createAirbyteClient({ baseUrl: t.baseUrl, auth: auth as never })).toThrow(message);
  });
});

describe("client credentials", () => {
  it("fetches a token from <baseUrl>/applications/token (keeping the base path) with a JSON body, once", async () => {
    tokenServer();
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "cid", clientSecret: "csecret" } });
    await airbyte.sources.initiateOAuth(body);
    await airbyte.sources.initiateOAuth(body);
    expect(calls()).toEqual([
      "POST /api/public/v1/applications/token",
      "POST /api/public/v1/sources/initiateOAuth",
      "POST /api/public/v1/sources/initiateOAuth",
    ]);
    const tokenRequest = t.server.requests[0];
    expect(tokenRequest?.headers["content-type"]).toBe("application/json");
    expect(tokenRequest?.headers.authorization).toBeUndefined();
    expect(JSON.parse(tokenRequest?.body ?? "")).toEqual({ client_id: "cid", client_secret: "csecret", grant_type: "client_credentials" });
    expect(t.server.requests.slice(1).map((r) => r.headers.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1"]);
  });

  it("sends the token request as a form when asked", async () => {
    tokenServer();
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "cid", clientSecret: "s&=", tokenRequestFormat: "form" } });
    await airbyte.sources.initiateOAuth(body);
    expect(t.server.requests[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(t.server.requests[0]?.body))).toEqual({
      client_id: "cid",
      client_secret: "s&=",
      grant_type: "client_credentials",
    });
  });

  it.each([
    ["a relative path, joined onto the base path", "/custom/token", "/api/public/v1/custom/token"],
    ["an absolute URL, used as is", "ABSOLUTE", "/elsewhere/token"],
  ])("takes tokenUrl as %s", async (_, tokenUrl, expected) => {
    t.server.handle((req, res) => (req.url.includes("token") ? json(res, 200, { access_token: "t" }) : json(res, 200, { consentUrl: "https://c.example.com" })));
    const url = tokenUrl === "ABSOLUTE" ? `${t.server.origin}/elsewhere/token` : tokenUrl;
    await createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s", tokenUrl: url } }).sources.initiateOAuth(body);
    expect(t.server.requests[0]?.url).toBe(expected);
  });

  it("accepts a token response without expires_in or token_type and reuses the token", async () => {
    tokenServer((n) => ({ access_token: `tok-${n}` }));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s" } });
    await airbyte.sources.initiateOAuth(body);
    await airbyte.sources.initiateOAuth(body);
    expect(calls().filter((c) => c.includes("token"))).toHaveLength(1);
    expect(t.server.requests.at(-1)?.headers.authorization).toBe("Bearer tok-1");
  });

  it("concurrent calls share one token request", async () => {
    tokenServer();
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s" } });
    await Promise.all(Array.from({ length: 20 }, () => airbyte.sources.initiateOAuth(body)));
    expect(calls().filter((c) => c.includes("token"))).toHaveLength(1);
  });

  it("renews the token 60 s before it expires, not earlier", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      tokenServer((n) => ({ access_token: `tok-${n}`, expires_in: 180 }));
      const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s" } });
      const start = Date.now();
      await airbyte.sources.initiateOAuth(body);
      vi.setSystemTime(start + 119_000); // 61 s left: still good
      await airbyte.sources.initiateOAuth(body);
      vi.setSystemTime(start + 121_000); // 59 s left: renew
      await airbyte.sources.initiateOAuth(body);
      expect(t.server.requests.filter((r) => !r.url.includes("token")).map((r) => r.headers.authorization)).toEqual([
        "Bearer tok-1",
        "Bearer tok-1",
        "Bearer tok-2",
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("on a 401 drops the token, fetches a new one and replays the call once", async () => {
    let issued = 0;
    t.server.handle((req, res) => {
      if (req.url.endsWith("/applications/token")) return json(res, 200, { access_token: `tok-${++issued}`, expires_in: 180 });
      if (req.headers.authorization === "Bearer tok-1") return problem(res, 401, "invalid-api-key", "expired");
      return json(res, 200, { consentUrl: "https://c.example.com" });
    });
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s" } });
    await expect(airbyte.sources.initiateOAuth(body)).resolves.toEqual({ consentUrl: "https://c.example.com" });
    expect(calls()).toEqual([
      "POST /api/public/v1/applications/token",
      "POST /api/public/v1/sources/initiateOAuth",
      "POST /api/public/v1/applications/token",
      "POST /api/public/v1/sources/initiateOAuth",
    ]);
  });

  it("a 401 that persists after the replay is thrown as AirbyteAuthenticationError", async () => {
    t.server.handle((req, res) =>
      req.url.endsWith("/token") ? json(res, 200, { access_token: "t" }) : problem(res, 401, "invalid-api-key", "The API key is invalid."),
    );
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s" } });
    const error = await airbyte.sources.initiateOAuth(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteAuthenticationError);
    expect(calls().filter((c) => c.includes("initiateOAuth"))).toHaveLength(2);
  });

  it.each([
    ["rejects the credentials", (res: Parameters<Parameters<TestServer["handle"]>[0]>[1]) => problem(res, 403, "forbidden", "bad client"), "AirbytePermissionDeniedError", /POST .*\/applications\/token failed with 403: forbidden: bad client/],
    ["answers HTML", (res: Parameters<Parameters<TestServer["handle"]>[0]>[1]) => { res.setHeader("content-type", "text/html"); res.end("<html><body>login</body></html>"); }, "AirbyteUnexpectedResponseError", /token request\) answered 200 with an HTML page instead of a token/],
    ["answers without access_token", (res: Parameters<Parameters<TestServer["handle"]>[0]>[1]) => json(res, 200, { token_type: "Bearer" }), "AirbyteUnexpectedResponseError", /without an access_token/],
  ])("fails clearly when the token endpoint %s", async (_, answer, name, message) => {
    t.server.handle((req, res) => (req.url.endsWith("/token") ? answer(res) : json(res, 200, {})));
    const error = await createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s" } })
      .sources.initiateOAuth(body)
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe(name);
    expect((error as Error).message).toMatch(message);
    if (name === "AirbyteUnexpectedResponseError") expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
  });
});
