/**
 * The standalone operation functions (`initiateOAuth(core, body)`), auth
 * strategies as functions, `.withResponse()`, and method groups that cannot
 * touch Object.prototype whatever the spec's tag names.
 */
import { describe, expect, it } from "vitest";
import {
  AirbyteError,
  bearer,
  basic,
  clientCredentials,
  createAirbyteClient,
  createAirbyteCore,
  createRawClient,
  getSource,
  initiateOAuth,
  listSources,
  operationTable,
} from "../../src/index.js";
import * as api from "../../src/index.js";
import { createClientFromTable } from "../../src/client.js";
import { json, useTestServer } from "../helpers/server.js";

const t = useTestServer();
const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const oauthBody = { redirectUrl: "https://app.example.com/cb", sourceType: "github", workspaceId } as const;

describe("standalone operation functions", () => {
  it("send exactly what the grouped method sends", async () => {
    t.server.handle((_, res) => json(res, 200, { consentUrl: "https://idp.example.com/consent" }));
    const core = createAirbyteCore({ baseUrl: t.baseUrl, auth: bearer("tok-1"), userAgent: "app/1" });
    await expect(initiateOAuth(core, oauthBody)).resolves.toEqual({ consentUrl: "https://idp.example.com/consent" });
    await createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "tok-1" }, userAgent: "app/1" }).sources.initiateOAuth(oauthBody);
    const [a, b] = t.server.requests;
    expect(a?.url).toBe("/api/public/v1/sources/initiateOAuth");
    expect({ ...a, headers: { ...a?.headers, host: "" } }).toEqual({ ...b, headers: { ...b?.headers, host: "" } });
    expect(a?.headers.authorization).toBe("Bearer tok-1");
  });

  it.each([
    ["basic", basic("admin", "pw"), `Basic ${Buffer.from("admin:pw").toString("base64")}`],
    ["client credentials", clientCredentials({ clientId: "c", clientSecret: "s" }), "Bearer minted-1"],
  ])("take any auth strategy: %s", async (_, auth, header) => {
    t.server.handle((req, res) => (req.url.endsWith("/applications/token") ? json(res, 200, { access_token: "minted-1", expires_in: 180 }) : json(res, 200, { sourceId: "s" })));
    const core = createAirbyteCore({ baseUrl: t.baseUrl, auth });
    await getSource(core, "s");
    expect(t.server.requests.at(-1)?.headers.authorization).toBe(header);
  });

  it("paginated ones return a PagePromise that walks every page", async () => {
    t.server.handle((req, res) => {
      const offset = Number(new URL(req.url, "http://x").searchParams.get("offset") ?? 0);
      json(res, 200, offset < 4 ? { data: [{ sourceId: `s${offset}` }, { sourceId: `s${offset + 1}` }], next: `${t.baseUrl}/sources?limit=2&offset=${offset + 2}` } : { data: [], next: "" });
    });
    const core = createAirbyteCore({ baseUrl: t.baseUrl, auth: bearer("tok") });
    const ids: string[] = [];
    for await (const source of listSources(core, { workspaceIds: [workspaceId], limit: 2 })) ids.push(source.sourceId);
    expect(ids).toEqual(["s0", "s1", "s2", "s3"]);
  });

  it("createRawClient(core) sends with the core's base URL and credentials, one raw client per core", async () => {
    t.server.handle((_, res) => json(res, 200, { sourceId: "s" }));
    const core = createAirbyteCore({ baseUrl: t.baseUrl, auth: bearer("tok-raw") });
    const { data, response } = await createRawClient(core).GET("/sources/{sourceId}", { params: { path: { sourceId: "s" } } });
    expect([response.status, data?.sourceId]).toEqual([200, "s"]);
    expect(t.server.requests[0]?.headers.authorization).toBe("Bearer tok-raw");
    expect(createRawClient(core)).toBe(createRawClient(core));
    expect(() => createRawClient({} as never)).toThrow(AirbyteError);
    expect(() => createRawClient({} as never)).toThrow(/^createRawClient: the first argument must be a client or core made by createAirbyteClient\(\.\.\.\) or createAirbyteCore\(\.\.\.\)\.$/);
  });

  // The query serializer reaches a standalone function only through its generated entry: every one with a query must have it.
  const withQuery = Object.entries(operationTable).filter(([, spec]) => spec.queryParams.length > 0 && !spec.paginated);
  it.each(withQuery)("%s sends its query and refuses an unknown key, like the grouped method", async (id, spec) => {
    const urls: string[] = [];
    const fetch = async (request: Request) => (urls.push(request.url), new Response("{}", { headers: { "content-type": "application/json" } }));
    const args = [...spec.pathParams.map((name) => `${name}-1`), ...(spec.body ? [{}] : []), Object.fromEntries(spec.queryParams.map((name) => [name, "v 1"]))];
    const standalone = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[id];
    const grouped = (createAirbyteClient({ baseUrl: "https://api.example.com/v1", auth: { bearerToken: "k" }, fetch }) as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[spec.group]?.[id];
    const core = createAirbyteCore({ baseUrl: "https://api.example.com/v1", auth: bearer("k"), fetch });
    await standalone?.(core, ...args);
    await grouped?.(...args);
    expect(urls).toHaveLength(2);
    expect(new URL(urls[0] ?? "").search).toBe(`?${spec.queryParams.map((name) => `${name}=v%201`).join("&")}`);
    expect(urls[0]).toBe(urls[1]);
    const bad = [...args.slice(0, -1), { nope: 1 }];
    await expect(standalone?.(core, ...bad)).rejects.toThrow(new RegExp(`^${id}: unknown query parameter "nope"; it takes ${spec.queryParams.join(", ")}\\.`));
    expect(urls).toHaveLength(2);
  });

  it("refuse a first argument that is not a core, and a core refuses a plain-object auth", async () => {
    await expect((getSource as (...a: unknown[]) => Promise<unknown>)({}, "s")).rejects.toThrow(/getSource: the first argument must be a core made by createAirbyteCore/);
    expect(() => createAirbyteCore({ auth: { bearerToken: "t" } as never })).toThrow(/auth must be made by bearer\(\.\.\.\)/);
  });
});

describe(".withResponse()", () => {
  it("resolves to the data, the response and the request id, from the same single request", async () => {
    t.server.handle((_, res) => (res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-42", "x-rate-remaining": "9" }), res.end('{"sourceId":"s"}')));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    const call = airbyte.sources.getSource("s");
    const { data, response, requestId } = await call.withResponse();
    expect(data).toEqual({ sourceId: "s" });
    expect(requestId).toBe("req-42");
    expect(response.headers.get("x-rate-remaining")).toBe("9");
    await expect(call).resolves.toEqual({ sourceId: "s" });
    expect(t.server.requests).toHaveLength(1);
  });

  it("rejects with the same error as the call", async () => {
    t.server.handle((_, res) => json(res, 404, { title: "nope" }));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    await expect(airbyte.sources.getSource("s").withResponse()).rejects.toMatchObject({ name: "AirbyteNotFoundError", status: 404 });
  });

  it("a list's PagePromise offers it for the first page", async () => {
    t.server.handle((_, res) => (res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-7" }), res.end('{"data":[]}')));
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { bearerToken: "k" } });
    const { data, requestId } = await airbyte.sources.listSources().withResponse();
    expect(data).toEqual({ data: [] });
    expect(requestId).toBe("req-7");
  });
});

describe("method groups", () => {
  const reserved = ["toString", "valueOf", "hasOwnProperty", "__proto__", "constructor"];
  const table = Object.fromEntries(
    reserved.map((group, i) => [`op${i}`, { ...operationTable.getHealthCheck, group }]),
  );

  it("tags named like Object.prototype members become plain groups and never touch Object.prototype", async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const calls: string[] = [];
    const airbyte = createClientFromTable(table, { fetch: async (r) => (calls.push(r.url), new Response(null)) }) as unknown as Record<string, Record<string, () => Promise<unknown>>>;
    for (const [i, group] of reserved.entries()) {
      expect(Object.hasOwn(airbyte, group)).toBe(true);
      await airbyte[group]?.[`op${i}`]?.();
    }
    expect(calls).toHaveLength(reserved.length);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).op0).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe("[object Array]");
    expect(Object.getPrototypeOf(airbyte)).toBeNull();
  });

  it("the client and its groups are frozen", () => {
    const airbyte = createAirbyteClient({ auth: false });
    expect(Object.isFrozen(airbyte)).toBe(true);
    expect(Object.isFrozen(airbyte.sources)).toBe(true);
    expect(() => {
      (airbyte.sources as unknown as Record<string, unknown>).getSource = null;
    }).toThrow(TypeError);
  });
});

it("usage errors are AirbyteErrors", async () => {
  const core = createAirbyteCore();
  await expect(getSource(core, "..")).rejects.toBeInstanceOf(AirbyteError);
});
