/**
 * Wire tests: the public client against a real HTTP server on 127.0.0.1.
 * Exact method, URL, headers and JSON body on the wire; parsed results.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAirbyteClient, createRawClient } from "../../src/index.js";
import { json, useTestServer } from "../helpers/server.js";

const t = useTestServer();

const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const sourceId = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";

describe("operations of the OAuth slice", () => {
  const source = { sourceId, name: "Ads", sourceType: "google-ads", workspaceId, configuration: {}, createdAt: 1 };

  it("initiateOAuth posts the body with wire names and resolves to { consentUrl }", async () => {
    t.server.handle((_, res) => json(res, 200, { consentUrl: "https://accounts.example.com/consent?x=1" }));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "api-key-1" } });
    const result = await airbyte.sources.initiateOAuth({
      redirectUrl: "https://app.example.com/cb",
      sourceType: "google-ads",
      workspaceId,
      oAuthInputConfiguration: { subdomain: "acme" },
      requestedScopes: ["read"],
    });
    expect(result).toEqual({ consentUrl: "https://accounts.example.com/consent?x=1" });
    const [req] = t.server.requests;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/api/public/v1/sources/initiateOAuth");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers.accept).toBe("application/json");
    expect(req?.headers.authorization).toBe("Bearer api-key-1");
    expect(JSON.parse(req?.body ?? "")).toEqual({
      redirectUrl: "https://app.example.com/cb",
      sourceType: "google-ads",
      workspaceId,
      oAuthInputConfiguration: { subdomain: "acme" },
      requestedScopes: ["read"],
    });
  });

  it("passes a sourceType the spec does not know through unchanged", async () => {
    t.server.handle((_, res) => json(res, 200, { consentUrl: "https://x.example.com" }));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    await airbyte.sources.initiateOAuth({ redirectUrl: "https://a.example.com", sourceType: "brand-new-source", workspaceId });
    expect(JSON.parse(t.server.requests[0]?.body ?? "").sourceType).toBe("brand-new-source");
  });

  it("createSource sends secretId and resolves to the source", async () => {
    t.server.handle((_, res) => json(res, 200, source));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    const created = await airbyte.sources.createSource({
      name: "Ads",
      workspaceId,
      secretId: "secret-from-redirect",
      configuration: { sourceType: "google-ads", customer_id: "1" },
    });
    expect(created).toEqual(source);
    expect(t.server.requests[0]?.url).toBe("/api/public/v1/sources");
    expect(JSON.parse(t.server.requests[0]?.body ?? "").secretId).toBe("secret-from-redirect");
  });

  it("getSource puts the id in the path (encoded) and the query object in the query string", async () => {
    t.server.handle((_, res) => json(res, 200, source));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    await airbyte.sources.getSource("a/b c", { includeSecretCoordinates: true });
    await airbyte.sources.getSource(sourceId);
    expect(t.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "GET /api/public/v1/sources/a%2Fb%20c?includeSecretCoordinates=true",
      `GET /api/public/v1/sources/${sourceId}`,
    ]);
    expect(t.server.requests[0]?.headers["content-type"]).toBeUndefined();
  });

  it.each([
    ["workspaces", "createOrUpdateWorkspaceOAuthCredentials", "deleteWorkspaceOAuthCredentials"],
    ["organizations", "createOrUpdateOrganizationOAuthCredentials", "deleteOrganizationOAuthCredentials"],
  ] as const)("%s OAuth overrides: PUT with body resolves to undefined, DELETE with 3 path parameters", async (group, put, del) => {
    t.server.handle((req, res) => {
      res.statusCode = req.method === "PUT" ? 200 : 204;
      res.end();
    });
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    const body = { actorType: "source", name: "google-ads", configuration: { credentials: { client_id: "c", client_secret: "s" } } } as const;
    const methods = airbyte[group] as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await expect(methods[put]?.("id-1", body)).resolves.toBeUndefined();
    await expect(methods[del]?.("id-1", "source", "google-ads")).resolves.toBeUndefined();
    expect(t.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `PUT /api/public/v1/${group}/id-1/oauthCredentials`,
      `DELETE /api/public/v1/${group}/id-1/oauthCredentials/source/google-ads`,
    ]);
    expect(JSON.parse(t.server.requests[0]?.body ?? "")).toEqual(body);
  });

  it("getHealthCheck sends no credentials and resolves to undefined", async () => {
    t.server.handle((_, res) => res.end());
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    await expect(airbyte.health.getHealthCheck()).resolves.toBeUndefined();
    expect(t.server.requests[0]?.url).toBe("/api/public/v1/health");
    expect(t.server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("createAccessToken is callable directly and sends no credentials", async () => {
    t.server.handle((_, res) => json(res, 200, { access_token: "t", token_type: "Bearer", expires_in: 180 }));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    const token = await airbyte.applications.createAccessToken({ client_id: "id", client_secret: "s", grant_type: "client_credentials" });
    expect(token).toEqual({ access_token: "t", token_type: "Bearer", expires_in: 180 });
    expect(t.server.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("client options", () => {
  it("sends headers, a User-Agent with the caller's name first, and per-call headers that win", async () => {
    t.server.handle((_, res) => json(res, 200, { consentUrl: "https://x.example.com" }));
    const airbyte = createAirbyteClient({
      baseUrl: t.baseUrl,
      auth: { bearerToken: "k" },
      headers: { "X-Team": "data", "X-Override": "client" },
      userAgent: "my-app/2.0",
    });
    await airbyte.sources.initiateOAuth(
      { redirectUrl: "https://a.example.com", sourceType: "github", workspaceId },
      { headers: { "X-Override": "call" } },
    );
    const headers = t.server.requests[0]?.headers;
    expect(headers?.["x-team"]).toBe("data");
    expect(headers?.["x-override"]).toBe("call");
    expect(headers?.["user-agent"]).toMatch(/^my-app\/2\.0 airbyte-api-client\/\d+\.\d+\.\d+$/);
  });

  it("defaults to Airbyte Cloud", async () => {
    const urls: string[] = [];
    const airbyte = createAirbyteClient({
      auth: { bearerToken: "k" },
      fetch: async (request) => {
        urls.push(request.url);
        return new Response(null, { status: 200 });
      },
    });
    await airbyte.health.getHealthCheck();
    expect(urls).toEqual(["https://api.airbyte.com/v1/health"]);
  });

  it.each([
    ["not a URL", "api.airbyte.com/v1", /absolute http\(s\) URL/],
    ["another scheme", "ftp://api.airbyte.com/v1", /http or https/],
    ["a query string", "https://api.airbyte.com/v1?x=1", /query string/],
  ])("rejects a base URL that is %s", (_, url, message) => {
    expect(() => createAirbyteClient({ auth: false, baseUrl: url })).toThrow(message);
  });

  it("keeps a trailing-slash base URL's path", async () => {
    t.server.handle((_, res) => res.end());
    await createAirbyteClient({ auth: false, baseUrl: `${t.baseUrl}/` }).health.getHealthCheck();
    expect(t.server.requests[0]?.url).toBe("/api/public/v1/health");
  });

  it("createRawClient(airbyte) is the openapi-fetch client with the same base URL and credentials", async () => {
    t.server.handle((_, res) => json(res, 200, { consentUrl: "https://x.example.com" }));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { username: "u", password: "p" } });
    const { data, response } = await createRawClient(airbyte).POST("/sources/initiateOAuth", {
      body: { redirectUrl: "https://a.example.com", sourceType: "github", workspaceId },
    });
    expect(response.status).toBe(200);
    expect(data?.consentUrl).toBe("https://x.example.com");
    expect(t.server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
    await createRawClient(airbyte).GET("/health");
    expect(t.server.requests[1]?.headers.authorization).toBeUndefined();
  });

  it("calls the injected fetch with a Request", async () => {
    const seen: Request[] = [];
    const airbyte = createAirbyteClient({
      auth: { bearerToken: "k" },
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ consentUrl: "https://c.example.com" });
      },
    });
    await airbyte.sources.initiateOAuth({ redirectUrl: "https://a.example.com", sourceType: "github", workspaceId });
    expect(seen[0]).toBeInstanceOf(Request);
    expect(seen[0]?.method).toBe("POST");
  });

  it("honours an AbortSignal: the call rejects with the AbortError", async () => {
    const controller = new AbortController();
    // Never answers; the caller aborts once the request has arrived.
    t.server.handle(() => controller.abort());
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    const call = airbyte.sources.getSource(sourceId, undefined, { signal: controller.signal });
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("argument rule", () => {
  const airbyte = createAirbyteClient({ auth: false, fetch: async () => new Response(null) });
  it.each([
    ["a missing path parameter", () => (airbyte.sources.getSource as (...a: unknown[]) => Promise<unknown>)(), /getSource: argument 1 \(sourceId\) must be a non-empty string/],
    ["an empty path parameter", () => airbyte.sources.getSource(""), /argument 1 \(sourceId\) must be a non-empty string; got an empty string/],
    ["a missing required body", () => (airbyte.sources.initiateOAuth as (...a: unknown[]) => Promise<unknown>)(), /initiateOAuth: the request body \(argument 1\) is required/],
  ])("rejects %s with a message naming the method and argument", async (_, call, message) => {
    await expect(call()).rejects.toThrow(message);
  });
});
