/**
 * createRawClient's arguments and answers: what it refuses (an unknown path, a
 * second argument that is not an object or has unknown keys, bad params,
 * cookies, a bad params.path, a parseAs other than json/text, middleware), each
 * with its own message and before anything is sent; and how it hands answers
 * back (2xx and 3xx as `data`, 4xx/5xx as `error`, parsed by `parseAs`, a
 * non-JSON error body as text, the request body as JSON).
 */
import { describe, expect, it } from "vitest";
import { AirbyteUsageError, createAirbyteClient, createRawClient } from "../../src/index.js";

function rawClient(answer: (r: Request) => Response = () => Response.json({})) {
  const sent: Request[] = [];
  const airbyte = createAirbyteClient({ auth: { bearerToken: "raw-token" }, retry: false, fetch: async (r) => (sent.push(r), answer(r)) });
  return { raw: createRawClient(airbyte), sent };
}

/** The raw client as an untyped object, to pass what the types forbid (as JavaScript callers can). */
type Loose = Record<string, (...args: unknown[]) => Promise<unknown>>;
const loose = (raw: unknown) => raw as Loose;

async function usageError(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AirbyteUsageError);
  return (error as Error).message;
}

describe("what the raw client refuses, before sending anything", () => {
  const S = "GET /sources/{sourceId}";
  it.each<[string, string, unknown, string]>([
    ["a path that is not an operation", "/nope", undefined, 'createRawClient: GET /nope is not an operation of the Airbyte API; pass a path template of the spec, e.g. "/sources/{sourceId}".'],
    ["a second argument that is not an object", "/sources/{sourceId}", 5, `${S}: the second argument must be an object ({ params, body, headers, signal, parseAs }).`],
    ["an unknown option", "/sources/{sourceId}", { params: { path: { sourceId: "s" } }, timeout: 5 }, `${S}: unknown option "timeout"; the raw client takes params, body, headers, signal, parseAs.`],
    ["params that are not an object", "/health", { params: 5 }, "GET /health: params must be an object of { path, query, header }."],
    ["params.cookie", "/health", { params: { cookie: { a: "1" } } }, "GET /health: params.cookie is not supported; the Airbyte API takes no cookies."],
    ["params.path that is not an object", "/sources/{sourceId}", { params: { path: "s" } }, `${S}: params.path must be an object of { sourceId }.`],
    [
      "params.path that is not an object, naming every path parameter",
      "/workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}",
      { params: { path: ["w", "d"] } },
      "GET /workspaces/{workspaceId}/definitions/declarative_sources/{definitionId}: params.path must be an object of { workspaceId, definitionId }.",
    ],
    ["a parseAs other than json or text", "/health", { parseAs: "blob" }, 'GET /health: parseAs must be "json" or "text"; the raw client reads every body (capped by maxResponseBytes).'],
  ])("%s", async (_, path, init, message) => {
    const c = rawClient();
    expect(await usageError(loose(c.raw).GET?.(path, init) ?? Promise.resolve())).toBe(message);
    expect(c.sent).toHaveLength(0);
  });

  it.each(["use", "eject"])("middleware: %s", (name) => {
    const c = rawClient();
    const call = () => loose(c.raw)[name]?.({});
    expect(call).toThrow(AirbyteUsageError);
    expect(call).toThrow(
      "createRawClient: middleware (use/eject) is not supported; the raw client runs on the client's own transport. Pass fetch or logger to createAirbyteClient instead.",
    );
  });

  it("request(method, path) is the same call as GET(path)", async () => {
    const c = rawClient(() => Response.json({ available: true }));
    const { data } = (await loose(c.raw).request?.("get", "/health")) as { data: unknown };
    expect(data).toEqual({ available: true });
    expect(c.sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(["GET /v1/health"]);
  });
});

describe("what the raw client hands back", () => {
  const answering = (status: number, body: string | null, type = "application/json") =>
    rawClient(() => new Response(body, { status, headers: { "content-type": type, location: "https://api.airbyte.com/v1/health" } }));

  it.each([
    [200, "data"],
    [300, "data"],
    [302, "data"],
    [399, "data"],
    [400, "error"],
    [404, "error"],
    [500, "error"],
  ])("a %i answer is %s", async (status, key) => {
    const c = answering(status, JSON.stringify({ title: "t", status }));
    const result = (await c.raw.GET("/health")) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual([key, "response"]);
    expect(result[key]).toEqual({ title: "t", status });
    expect((result.response as Response).status).toBe(status);
    expect(c.sent).toHaveLength(1);
  });

  it("a browser's opaque redirect (status 0, not a 3xx) is an error, not data", async () => {
    const c = rawClient(() => Object.defineProperty(Response.error(), "type", { value: "opaqueredirect" }));
    const result = (await c.raw.GET("/health")) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(["error", "response"]);
    expect((result.response as Response).status).toBe(0);
  });

  it("parseAs text hands a success body over as text", async () => {
    const c = answering(200, "plain words", "text/plain");
    expect(await c.raw.GET("/health", { parseAs: "text" })).toMatchObject({ data: "plain words" });
  });

  it("parseAs text hands a JSON error body over as text, unparsed", async () => {
    const c = answering(404, '{"title":"gone"}');
    expect(await c.raw.GET("/health", { parseAs: "text" })).toMatchObject({ error: '{"title":"gone"}' });
  });

  it("an error body that is not JSON is the error as text", async () => {
    const c = answering(500, "upstream down", "text/plain");
    expect(await c.raw.GET("/health")).toMatchObject({ error: "upstream down" });
  });

  it("an answer without a body is data undefined, not an empty-body error", async () => {
    const c = rawClient(() => new Response(null, { status: 204 }));
    const result = await c.raw.GET("/health");
    expect(result.data).toBeUndefined();
    expect(result.error).toBeUndefined();
    expect(result.response.status).toBe(204);
  });

  it("the body is sent as JSON, and a call without one sends none", async () => {
    const c = rawClient(() => Response.json({ sourceId: "s" }));
    await c.raw.POST("/sources", { body: { name: "n", workspaceId: "w", configuration: { sourceType: "x" } } as never });
    await c.raw.GET("/health");
    expect(await c.sent[0]?.text()).toBe('{"name":"n","workspaceId":"w","configuration":{"sourceType":"x"}}');
    expect(c.sent[0]?.headers.get("content-type")).toBe("application/json");
    expect(c.sent[1]?.body).toBeNull();
  });
});
