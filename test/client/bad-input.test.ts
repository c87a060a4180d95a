/**
 * Bad input fails before anything is sent, as an AirbyteError that names what
 * was wrong (never quoting a secret), and is never retried.
 */
import { describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, type ClientOptions, type RequestOptions } from "../../src/index.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";

/** A client whose fetch records every request; retries are on, so a retried usage error would show. */
function recording(options: ClientOptions = {}) {
  const sent: Request[] = [];
  const airbyte = createAirbyteClient({
    auth: false,
    clock: { sleep: async () => undefined },
    ...options,
    fetch: async (r) => (sent.push(r), Response.json({})),
  });
  return { airbyte, sent };
}

async function rejection(promise: Promise<unknown>): Promise<AirbyteError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AirbyteError);
  return error as AirbyteError;
}

describe("numeric options are validated at creation", () => {
  const bad: Array<[string, ClientOptions, RegExp]> = [];
  for (const name of ["timeoutMs", "totalTimeoutMs"] as const) {
    for (const value of [Number.NaN, Infinity, -1, 0, 2 ** 31, 1.5e12]) {
      bad.push([`${name}: ${value}`, { [name]: value }, new RegExp(`${name} must be a number of milliseconds from 1 to 2147483647, or false`)]);
    }
  }
  bad.push(
    ["retry.maxRetries: NaN", { retry: { maxRetries: Number.NaN } }, /retry\.maxRetries must be a whole number from 0 to 100; got NaN/],
    ["retry.maxRetries: -1", { retry: { maxRetries: -1 } }, /retry\.maxRetries must be a whole number/],
    ["retry.maxRetries: 1.5", { retry: { maxRetries: 1.5 } }, /retry\.maxRetries must be a whole number/],
    ["retry.initialDelayMs: NaN", { retry: { initialDelayMs: Number.NaN } }, /retry\.initialDelayMs must be a number of milliseconds from 0/],
    ["retry.maxDelayMs: Infinity", { retry: { maxDelayMs: Infinity } }, /retry\.maxDelayMs must be a number of milliseconds/],
    ["retry.maxRetryAfterMs: -5", { retry: { maxRetryAfterMs: -5 } }, /retry\.maxRetryAfterMs must be/],
    ["retry.statuses: [\"500\"]", { retry: { statuses: ["500" as unknown as number] } }, /retry\.statuses must be an array of HTTP statuses/],
    ["retry.unknown", { retry: { retries: 3 } as never }, /retry: unknown option "retries"; the options are maxRetries/],
    ["maxResponseBytes: 0", { maxResponseBytes: 0 }, /maxResponseBytes must be a whole number of bytes of at least 1/],
    ["maxResponseBytes: NaN", { maxResponseBytes: Number.NaN }, /maxResponseBytes must be/],
    ["an unknown option", { timeout: 5 } as never, /client options: unknown option "timeout"; the options are baseUrl/],
    ["refreshBeforeExpiryMs: NaN", { auth: { clientId: "c", clientSecret: "s", refreshBeforeExpiryMs: Number.NaN } }, /auth\.refreshBeforeExpiryMs must be/],
  );
  it.each(bad)("%s", (_, options, message) => {
    expect(() => createAirbyteClient(options)).toThrow(message);
    try {
      createAirbyteClient(options);
    } catch (error) {
      expect(error).toBeInstanceOf(AirbyteError);
    }
  });

  it("accepts the documented extremes", () => {
    expect(() => createAirbyteClient({ auth: false, timeoutMs: 2 ** 31 - 1, totalTimeoutMs: 1, retry: { maxRetries: 0, initialDelayMs: 0 } })).not.toThrow();
    expect(() => createAirbyteClient({ auth: false, timeoutMs: false, totalTimeoutMs: false })).not.toThrow();
  });
});

describe("per-call options are validated too, and nothing is sent", () => {
  const bad: Array<[string, RequestOptions, RegExp]> = [
    ["timeoutMs: NaN", { timeoutMs: Number.NaN }, /getSource: timeoutMs must be a number of milliseconds from 1 to 2147483647, or false to turn the timeout off; got NaN/],
    ["timeoutMs: Infinity", { timeoutMs: Infinity }, /getSource: timeoutMs must be/],
    ["timeoutMs: 0", { timeoutMs: 0 }, /getSource: timeoutMs must be/],
    ["timeoutMs: -1", { timeoutMs: -1 }, /getSource: timeoutMs must be/],
    ["totalTimeoutMs: 2^31", { totalTimeoutMs: 2 ** 31 }, /getSource: totalTimeoutMs must be/],
    ["retry.maxRetries: NaN", { retry: { maxRetries: Number.NaN } }, /getSource: retry\.maxRetries must be a whole number/],
    ["an unknown option", { timeout: 5 } as never, /getSource: unknown option "timeout"; the options are signal, headers, timeoutMs, totalTimeoutMs, retry/],
    ["a signal that is not one", { signal: {} } as never, /getSource: signal must be an AbortSignal/],
  ];
  it.each(bad)("%s", async (_, options, message) => {
    const { airbyte, sent } = recording();
    const error = await rejection(airbyte.sources.getSource(id, undefined, options));
    expect(error.message).toMatch(message);
    expect(sent).toHaveLength(0);
  });
});

describe("headers, userAgent and tokens must be one line", () => {
  const secret = "tok-SECRET-77";
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    ["a CR/LF in a client header", async () => recording({ headers: { "X-Key": `${secret}\r\nX-Evil: 1` } }), /headers: header "X-Key" contains a line break or NUL character/],
    ["a NUL in a client header", async () => recording({ headers: { "X-Key": `${secret}\0` } }), /contains a line break or NUL/],
    ["a LF in userAgent", async () => recording({ userAgent: `app\n${secret}` }), /userAgent contains a line break/],
    ["a LF in a bearer token", async () => recording({ auth: { bearerToken: `${secret}\n` } }), /auth\.bearerToken contains a line break/],
    ["a LF in a password", async () => recording({ auth: { username: "u", password: `${secret}\n` } }), /auth\.password contains a line break/],
    ["an invalid header name", async () => recording({ headers: { "X Key": "v" } }), /"X Key" is not a valid header name/],
    ["a header value that is not a string", async () => recording({ headers: { "X-N": 5 as never } }), /header "X-N" must be a string; got number/],
    ["a LF in a per-call header", () => recording().airbyte.sources.getSource(id, undefined, { headers: { Authorization: `Bearer ${secret}\r\n` } }), /getSource: headers: header "Authorization" contains a line break/],
    ["a LF in a token a bearer function returns", () => recording({ auth: { bearerToken: () => `${secret}\n` } }).airbyte.sources.getSource(id), /the token returned by auth\.bearerToken\(\) contains a line break/],
  ];
  it.each(cases)("%s: an AirbyteError that does not quote the value", async (_, act, message) => {
    const error = await rejection(act());
    expect(error.message).toMatch(message);
    expect([error.message, error.stack, JSON.stringify(error)].join("\n")).not.toContain(secret);
  });

  it("a bad token from a bearer function is not retried and nothing is sent", async () => {
    let asked = 0;
    const { airbyte, sent } = recording({ auth: { bearerToken: () => (asked++, "a\nb") } });
    await rejection(airbyte.sources.getSource(id));
    expect(asked).toBe(1);
    expect(sent).toHaveLength(0);
  });
});

describe("the URL: path parameters are opaque segments", () => {
  it.each([
    [".", /argument 1 \(sourceId\) must be a non-empty string; got "\.", which URL parsing would turn into another endpoint/],
    ["..", /got "\.\.", which URL parsing/],
    [Number.NaN, /got NaN/],
    [Infinity, /got Infinity/],
    [{}, /got object/],
  ])("getSource(%s) is refused before sending", async (value, message) => {
    const { airbyte, sent } = recording();
    const error = await rejection(airbyte.sources.getSource(value as string));
    expect(error.message).toMatch(message);
    expect(sent).toHaveLength(0);
  });

  it("dots inside a segment, slashes and percent signs stay in their segment", async () => {
    const { airbyte, sent } = recording();
    await airbyte.groups.removeGroupMember("g-1", "a..b/../%2e%2e");
    expect(new URL(sent[0]?.url ?? "").pathname).toBe("/v1/groups/g-1/members/a..b%2F..%2F%252e%252e");
  });

  it("numbers are accepted as segments", async () => {
    const { airbyte, sent } = recording();
    await airbyte.jobs.getJob(42);
    expect(sent[0]?.url).toBe("https://api.airbyte.com/v1/jobs/42");
  });
});

describe("the URL: the query", () => {
  it("request options passed where the query goes fail before sending, and the secret reaches no URL or message", async () => {
    const { airbyte, sent } = recording();
    const error = await rejection(
      (airbyte.sources.getSource as (...a: unknown[]) => Promise<unknown>)(id, { headers: { Authorization: "Bearer tok-SECRET-99" } }),
    );
    expect(error.message).toMatch(/getSource: unknown query parameter "headers"; it takes includeSecretCoordinates\. Request options \(\{ signal, headers, timeoutMs, totalTimeoutMs, retry \}\) go last, after the query object\./);
    expect(JSON.stringify(error) + error.message).not.toContain("tok-SECRET-99");
    expect(sent).toHaveLength(0);
  });

  it("arrays repeat the key, object parameters are form-exploded with encoded keys, undefined is left out", async () => {
    const { airbyte, sent } = recording();
    await airbyte.sources.listSources({ workspaceIds: ["a b", "c&d"], includeDeleted: false, limit: undefined });
    await airbyte.oAuth.oauthCallback({ queryParams: { "a&b=c": "1 2", state: "x" } });
    expect(sent.map((r) => r.url.slice(r.url.indexOf("?")))).toEqual([
      "?workspaceIds=a%20b&workspaceIds=c%26d&includeDeleted=false",
      "?a%26b%3Dc=1%202&state=x",
    ]);
  });

  it.each([
    ["an array of objects", { workspaceIds: [{ id: "w" }] }, /query parameter "workspaceIds" holds a nested object or array/],
    ["NaN", { limit: Number.NaN }, /query parameter "limit" holds NaN/],
    ["a query that is not an object", "limit=5", /getSource|listSources: the query must be an object/],
  ])("refuses %s", async (_, query, message) => {
    const { airbyte, sent } = recording();
    const error = await rejection(airbyte.sources.listSources(query as never));
    expect(error.message).toMatch(message);
    expect(sent).toHaveLength(0);
  });

  it("the URL in error.request is the URL sent, query included (secret values redacted)", async () => {
    const urls: string[] = [];
    const airbyte = createAirbyteClient({ auth: false, retry: false, fetch: async (r) => (urls.push(r.url), new Response(null, { status: 404 })) });
    const error = await rejection(airbyte.oAuth.oauthCallback({ queryParams: { secret_id: "sid-SECRET", "odd key": "v/1" } }));
    expect(urls[0]).toBe("https://api.airbyte.com/v1/oauth/callback?secret_id=sid-SECRET&odd%20key=v%2F1");
    expect(error.request?.url).toBe("https://api.airbyte.com/v1/oauth/callback?secret_id=[REDACTED]&odd+key=v%2F1");
    expect(error.message).toContain("GET https://api.airbyte.com/v1/oauth/callback failed with 404");
  });

  it("too many arguments are refused", async () => {
    const { airbyte } = recording();
    const error = await rejection((airbyte.health.getHealthCheck as (...a: unknown[]) => Promise<unknown>)({}, {}));
    expect(error.message).toMatch(/getHealthCheck: takes at most 1 arguments/);
  });
});

describe("hostile answers", () => {
  it("a 400 whose problem is nested 200,000 levels deep is still an AirbyteBadRequestError with its title", async () => {
    const depth = 200_000;
    const body = `{"title":"bad","detail":"too deep","data":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`;
    let sent = 0;
    const airbyte = createAirbyteClient({ auth: false, fetch: async () => (sent++, new Response(body, { status: 400, headers: { "content-type": "application/problem+json" } })) });
    const error = await rejection(airbyte.sources.getSource(id));
    expect(error.name).toBe("AirbyteBadRequestError");
    expect(error.message).toContain("bad: too deep");
    expect(sent).toBe(1);
  });
});

describe("an option given as undefined is the same as leaving it out", () => {
  it("keeps every default: base URL, timeouts and retries", async () => {
    const sent: Request[] = [];
    let attempts = 0;
    const airbyte = createAirbyteClient({ auth: false,
      baseUrl: undefined,
      timeoutMs: undefined,
      totalTimeoutMs: undefined,
      retry: { maxRetries: undefined, initialDelayMs: undefined },
      clock: { sleep: async () => undefined },
      fetch: async (r) => {
        sent.push(r);
        attempts++;
        return attempts < 3 ? new Response("", { status: 503 }) : Response.json({ status: "ok" });
      },
    });
    await airbyte.health.getHealthCheck({ timeoutMs: undefined, retry: { maxRetries: undefined } });
    expect(sent[0]?.url).toBe("https://api.airbyte.com/v1/health");
    // The default of two retries still holds: three attempts in all.
    expect(attempts).toBe(3);
  });
});
