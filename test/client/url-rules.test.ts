/**
 * The URL the client builds, rule by rule with exact messages: base URL
 * checks (credentials shown as [REDACTED]), trailing slashes, path segments,
 * the query serializer and the token URL join. Written against the mutants
 * Stryker left alive in src/url.ts; wire.test.ts and bad-input.test.ts hold
 * the everyday cases.
 */
import { describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, type ClientOptions } from "../../src/index.js";

function refusal(act: () => unknown): AirbyteError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(AirbyteError);
    return error as AirbyteError;
  }
  throw new Error("expected a refusal");
}

function recording(options: ClientOptions = {}) {
  const sent: Request[] = [];
  const airbyte = createAirbyteClient({
    auth: false,
    retry: false,
    ...options,
    fetch: async (r) => {
      sent.push(r);
      return r.url.endsWith("/token") ? Response.json({ access_token: "tok", expires_in: 3600 }) : Response.json({ data: [] });
    },
  });
  return { airbyte, sent };
}

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AirbyteError);
  return error as AirbyteError;
};

describe("base URL", () => {
  const absolute = "be an absolute http(s) URL such as https://api.airbyte.com/v1 or https://airbyte.example.com/api/public/v1";
  const refused: Array<[string, unknown, string]> = [
    ["a number", 5, "baseUrl must be a string such as https://api.airbyte.com/v1; got number."],
    ["not a URL", "api.airbyte.com/v1", `baseUrl must ${absolute}; got "api.airbyte.com/v1".`],
    ["user and password", "https://u:pw-SECRET@h.example/v1", 'baseUrl must not contain credentials (user:password@); pass them as auth: { username, password } instead; got "https://[REDACTED]@h.example/v1".'],
    ["a user alone", "https://u-SECRET@h.example/v1", 'baseUrl must not contain credentials (user:password@); pass them as auth: { username, password } instead; got "https://[REDACTED]@h.example/v1".'],
    ["a password alone", "https://:pw-SECRET@h.example/v1", 'baseUrl must not contain credentials (user:password@); pass them as auth: { username, password } instead; got "https://[REDACTED]@h.example/v1".'],
    ["credentials without //", "u:pw-SECRET@h.example/v1", 'baseUrl must use http or https, not u:; got "[REDACTED]@h.example/v1".'],
    ["another scheme", "ftp://h.example/v1", 'baseUrl must use http or https, not ftp:; got "ftp://h.example/v1".'],
    ["a query", "https://h.example/v1?a=1", 'baseUrl must not have a query string or fragment; got "https://h.example/v1?a=1".'],
    ["a fragment", "https://h.example/v1#top", 'baseUrl must not have a query string or fragment; got "https://h.example/v1#top".'],
    ["an empty query", "https://h.example/v1?", 'baseUrl must not have a query string or fragment; got "https://h.example/v1?".'],
    ["an empty fragment", "https://h.example/v1#", 'baseUrl must not have a query string or fragment; got "https://h.example/v1#".'],
  ];
  it.each(refused)("refuses %s with the exact message, never quoting a credential", (_, baseUrl, message) => {
    expect(refusal(() => createAirbyteClient({ auth: false, baseUrl: baseUrl as string })).message).toBe(message);
  });

  it.each([
    ["https://h.example/v1///", "https://h.example/v1/health"],
    ["http://localhost:9/api/public/v1/", "http://localhost:9/api/public/v1/health"],
    ["HTTPS://h.example", "https://h.example/health"],
  ])("%s: trailing slashes dropped, the path kept", async (baseUrl, url) => {
    const { airbyte, sent } = recording({ baseUrl });
    await airbyte.health.getHealthCheck();
    expect(sent[0]?.url).toBe(url);
  });
});

describe("loopback hosts may carry credentials over plain http", () => {
  it.each(["localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.255.255.254", "[::1]"])("%s", (host) => {
    expect(() => createAirbyteClient({ baseUrl: `http://${host}:8000/v1`, auth: { bearerToken: "t" } })).not.toThrow();
  });
  it.each(["localhost.example", "mylocalhost", "128.0.0.1", "127.0.0.1.example", "[::2]"])("but not %s", (host) => {
    expect(refusal(() => createAirbyteClient({ baseUrl: `http://${host}:8000/v1`, auth: { bearerToken: "t" } })).message).toMatch(/^Refusing to send credentials over plain http/);
  });
});

describe("the token URL joins onto the base URL", () => {
  it.each([
    [undefined, "https://h.example/api/public/v1/applications/token"],
    ["token", "https://h.example/api/public/v1/token"],
    ["//token", "https://h.example/api/public/v1/token"],
    ["custom/path/token", "https://h.example/api/public/v1/custom/path/token"],
    ["/go/https://auth.example/token", "https://h.example/api/public/v1/go/https://auth.example/token"],
    ["https://auth.example/oauth/token", "https://auth.example/oauth/token"],
    ["HTTPS://auth.example/oauth/token", "https://auth.example/oauth/token"],
  ])("tokenUrl %s: %s", async (tokenUrl, want) => {
    const { airbyte, sent } = recording({ baseUrl: "https://h.example/api/public/v1/", auth: { clientId: "c", clientSecret: "s", tokenUrl } });
    await airbyte.sources.listSources();
    expect(sent[0]?.url).toBe(want);
    expect(sent[1]?.url).toBe("https://h.example/api/public/v1/sources");
  });
});

describe("path segments", () => {
  it.each([
    [true, "boolean"],
    [null, "object"],
    [-Infinity, "-Infinity"],
  ])("refuses %s", async (value, got) => {
    const { airbyte, sent } = recording();
    expect((await rejection(airbyte.sources.getSource(value as never))).message).toBe(`getSource: argument 1 (sourceId) must be a non-empty string; got ${got}.`);
    expect(sent).toHaveLength(0);
  });

  it("names the argument by its position and name", async () => {
    const { airbyte } = recording();
    expect((await rejection(airbyte.groups.removeGroupMember("g", ".."))).message).toBe(
      'removeGroupMember: argument 2 (userId) must be a non-empty string; got "..", which URL parsing would turn into another endpoint.',
    );
  });

  it("0 and a dot inside a segment are ordinary values", async () => {
    const { airbyte, sent } = recording();
    await airbyte.jobs.getJob(0);
    await airbyte.sources.getSource("a.b");
    expect(sent.map((r) => r.url)).toEqual(["https://api.airbyte.com/v1/jobs/0", "https://api.airbyte.com/v1/sources/a.b"]);
  });
});

describe("query", () => {
  it.each([
    ["null", null, ""],
    ["an empty object", {}, ""],
    ["only undefined and null values", { limit: undefined, offset: null }, ""],
    ["booleans and numbers", { includeDeleted: true, limit: 0 }, "?includeDeleted=true&limit=0"],
    ["an empty array", { workspaceIds: [] }, ""],
  ])("%s", async (_, query, search) => {
    const { airbyte, sent } = recording();
    await airbyte.sources.listSources(query as never);
    expect(sent[0]?.url).toBe(`https://api.airbyte.com/v1/sources${search}`);
  });

  it("messages show the URL without its query", async () => {
    const airbyte = createAirbyteClient({ auth: false, fetch: async () => new Response("<html>", { status: 200, headers: { "content-type": "text/html" } }) });
    const error = await rejection(airbyte.sources.listSources({ limit: 5 }));
    expect(error.message).toMatch(/^GET https:\/\/api\.airbyte\.com\/v1\/sources answered 200 with an HTML page/);
  });

  it("a null query on a call that is not paged sends no query string", async () => {
    const { airbyte, sent } = recording();
    await airbyte.sources.getSource("s", null as never);
    expect(sent[0]?.url).toBe("https://api.airbyte.com/v1/sources/s");
  });

  it("object parameters leave out undefined and null members", async () => {
    const { airbyte, sent } = recording();
    await airbyte.oAuth.oauthCallback({ queryParams: { code: "1", state: undefined, other: null } as never });
    expect(sent[0]?.url).toBe("https://api.airbyte.com/v1/oauth/callback?code=1");
  });

  it.each([
    ["Infinity", { limit: Infinity }, 'listSources: query parameter "limit" holds Infinity; a query can only carry strings, finite numbers and booleans (arrays of them repeat the key).'],
    ["a function", { limit: () => 1 }, 'listSources: query parameter "limit" holds function; a query can only carry strings, finite numbers and booleans (arrays of them repeat the key).'],
    ["an array nested in an array", { workspaceIds: [["a"]] }, 'listSources: query parameter "workspaceIds" holds a nested object or array; a query can only carry strings, finite numbers and booleans (arrays of them repeat the key).'],
    ["an unknown parameter", { bogus: 1 }, 'listSources: unknown query parameter "bogus"; it takes workspaceIds, includeDeleted, limit, offset. Request options ({ signal, headers, timeoutMs, totalTimeoutMs, retry }) go last, after the query object.'],
    ["an array as the query", ["limit"], "listSources: the query must be an object of { workspaceIds, includeDeleted, limit, offset }."],
  ])("refuses %s", async (_, query, message) => {
    const { airbyte, sent } = recording();
    expect((await rejection(airbyte.sources.listSources(query as never))).message).toBe(message);
    expect(sent).toHaveLength(0);
  });

  it("an operation without query parameters says it takes none", async () => {
    const { airbyte } = recording();
    const error = await rejection((airbyte.jobs.getJob as (...a: unknown[]) => Promise<unknown>)(1, { limit: 1 }));
    // An operation without query parameters takes the options object in that place.
    expect(error.message).toBe('getJob: unknown option "limit"; the options are signal, headers, timeoutMs, totalTimeoutMs, retry.');
  });
});
