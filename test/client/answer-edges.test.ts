/**
 * What a call makes of answers and inputs at their edges: Retry-After and
 * retry-after-ms values HTTP does or does not define, errors that are never
 * worth a retry, an error status from the OAuth redirect operation, redirects
 * carrying only a user name or only a password, a network failure under the
 * raw client, path and query values at their limits, base URLs quoting an
 * `@`, and OAuth callback URLs.
 */
import { describe, expect, it } from "vitest";
import {
  AirbyteConnectionError,
  AirbyteOAuthCallbackError,
  AirbyteTimeoutError,
  bearer,
  createAirbyteClient,
  createRawClient,
  readOAuthCallback,
  type ClientOptions,
} from "../../src/index.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const base = "https://api.example.com/v1";
const source = { sourceId: id, name: "pg", sourceType: "postgres", workspaceId: id, configuration: {} };
const NOW = Date.UTC(2026, 0, 1);

function client(answer: (request: Request) => Response | Promise<Response>, options: ClientOptions = {}) {
  const sent: Request[] = [];
  const airbyte = createAirbyteClient({
    baseUrl: base,
    auth: { bearerToken: "tok-1234" },
    clock: { now: () => NOW, sleep: async () => undefined },
    ...options,
    fetch: async (request) => (sent.push(request), answer(request)),
  });
  return { airbyte, sent };
}

type Failure = Error & Record<string, unknown>;
const failure = (promise: Promise<unknown>) => promise.then(() => new Error("expected the call to fail") as Failure, (error: unknown) => error as Failure);

describe("Retry-After forms", () => {
  const retryAfterOf = async (headers: Record<string, string>) => {
    const error = await failure(client(() => new Response(null, { status: 429, headers }), { retry: false }).airbyte.sources.getSource(id));
    return error.retryAfterMs;
  };

  it.each<[string, Record<string, string>, number | undefined]>([
    ["retry-after-ms with a fraction of several digits is rounded up", { "retry-after-ms": "1500.25" }, 1501],
    ["an IMF date on the 1st of a month counts", { "retry-after": "Sun, 01 Feb 2026 00:00:00 GMT" }, Date.UTC(2026, 1, 1) - NOW],
    ["a date in an unknown month is not a date", { "retry-after": "Sun, 01 Foo 2026 00:00:10 GMT" }, undefined],
    ["minute 60 is not a time", { "retry-after": "Thu, 01 Jan 2026 08:60:00 GMT" }, undefined],
    ["second 61 is not a time", { "retry-after": "Thu, 01 Jan 2026 08:00:61 GMT" }, undefined],
    ["hour 24 is not a time", { "retry-after": "Thu, 01 Jan 2026 24:00:00 GMT" }, undefined],
    ["an RFC 850 year exactly 50 years ahead stays in this century", { "retry-after": "Friday, 01-Jan-76 00:00:00 GMT" }, Date.UTC(2076, 0, 1) - NOW],
    ["an RFC 850 year 51 years ahead is in the past century", { "retry-after": "Saturday, 01-Jan-77 00:00:00 GMT" }, 0],
  ])("%s", async (_, headers, expected) => {
    expect(await retryAfterOf(headers)).toBe(expected);
  });
});

describe("errors never worth a retry", () => {
  const retry = { maxRetries: 2, initialDelayMs: 0, maxDelayMs: 0 };

  it.each([
    ["a total timeout raised while producing credentials", () => new AirbyteTimeoutError({ scope: "total", timeoutMs: 5, method: "GET", url: `${base}/x` })],
    ["a plain error raised while producing credentials", () => new TypeError("no token store")],
  ])("%s is not retried", async (_, make) => {
    let asked = 0;
    const thrown = make();
    const c = client(() => Response.json(source), {
      retry,
      auth: bearer(() => {
        asked++;
        throw thrown;
      }),
    });
    expect(await failure(c.airbyte.sources.getSource(id))).toBe(thrown);
    expect(asked).toBe(1);
    expect(c.sent).toHaveLength(0);
  });

  it("a success body that is not JSON is not retried", async () => {
    const c = client(() => new Response("{not json", { headers: { "content-type": "application/json" } }), { retry });
    await failure(c.airbyte.sources.getSource(id));
    expect(c.sent).toHaveLength(1);
  });
});

describe("answers of the OAuth redirect operation", () => {
  it("a 302 is its success, a 400 is still an error", async () => {
    const redirect = client(() => new Response(null, { status: 302, headers: { location: "https://app.example.com/done" } }));
    await expect(redirect.airbyte.oAuth.oauthCallback({ queryParams: { code: "1" } })).resolves.toBeUndefined();
    const refused = client(() => Response.json({ title: "bad-request", detail: "no state" }, { status: 400 }));
    const error = await failure(refused.airbyte.oAuth.oauthCallback({ queryParams: { code: "1" } }));
    expect(error.name).toBe("AirbyteBadRequestError");
  });
});

describe("redirects carrying userinfo", () => {
  it.each([
    ["a user name only", "https://someone@api.example.com/v1/elsewhere"],
    ["a password only", "https://:pw-1234@api.example.com/v1/elsewhere"],
  ])("a same-origin redirect to a URL with %s is not followed", async (_, location) => {
    const c = client(() => new Response(null, { status: 302, headers: { location } }));
    const error = await failure(c.airbyte.sources.getSource(id));
    expect(error.message).toBe(`GET ${base}/sources/${id} answered 302, a redirect to a URL with user:password@ in it. It was not followed. Check baseUrl (it is ${base}).`);
    expect(c.sent).toHaveLength(1);
  });
});

describe("the raw client", () => {
  it("a network failure on the last attempt rejects with the connection error", async () => {
    const c = client(() => Promise.reject(new TypeError("fetch failed")), { retry: false });
    const error = await failure(createRawClient(c.airbyte).GET("/sources/{sourceId}", { params: { path: { sourceId: id } } }));
    expect(error).toBeInstanceOf(AirbyteConnectionError);
  });

  it("a query on an operation without query parameters is refused, naming none", async () => {
    const c = client(() => Response.json({}));
    const raw = createRawClient(c.airbyte);
    const error = await failure(raw.GET("/health", { params: { query: { verbose: 1 } as never } }));
    expect(error.message).toMatch(/^GET \/health: unknown query parameter "verbose"; it takes none\. /);
  });
});

describe("path and query values at their limits", () => {
  it("a number 0 is a path segment like any finite number", async () => {
    const c = client(() => Response.json({ jobId: 0, status: "running", jobType: "sync", startTime: "", connectionId: id }));
    await c.airbyte.jobs.getJob(0);
    expect(c.sent[0]?.url).toBe(`${base}/jobs/0`);
  });

  it.each([
    ["an array inside an array", [["a"]], "a nested object or array"],
    ["Infinity", Infinity, "Infinity"],
    ["a function", () => "x", "function"],
  ])("a query value holding %s is refused", async (_, value, what) => {
    const c = client(() => Response.json(source));
    const error = await failure(c.airbyte.sources.getSource(id, { includeSecretCoordinates: value as never }));
    expect(error.message).toBe(
      `getSource: query parameter "includeSecretCoordinates" holds ${what}; a query can only carry strings, finite numbers and booleans (arrays of them repeat the key).`,
    );
    expect(c.sent).toHaveLength(0);
  });

  it("a base URL with an @ in its query is quoted as given, nothing taken for userinfo", () => {
    expect(() => createAirbyteClient({ baseUrl: "https://api.example.com/v1?owner=a@b", auth: false })).toThrow(
      'baseUrl must not have a query string or fragment; got "https://api.example.com/v1?owner=a@b".',
    );
  });
});

describe("error answers without a body worth quoting", () => {
  it.each([
    ["no body", null],
    ["blank space only", "  \n\t "],
  ])("%s: the message says there was no error body", async (_, body) => {
    const error = await failure(client(() => new Response(body, { status: 404 }), { retry: false }).airbyte.sources.getSource(id));
    expect(error.message).toBe(`GET ${base}/sources/${id} failed with 404: (no error body)`);
  });
});

describe("readOAuthCallback", () => {
  const thrown = (url: unknown) => {
    try {
      readOAuthCallback(url as string);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it("an error without a description is quoted alone", () => {
    const error = thrown("https://app.example.com/cb?error=access_denied");
    expect(error).toBeInstanceOf(AirbyteOAuthCallbackError);
    expect((error as Error).message).toBe('OAuth was not completed: the identity provider answered "access_denied". Start again with initiateOAuth.');
  });

  it("a secret_id with blank space around it is trimmed", () => {
    expect(readOAuthCallback("/cb?secret_id=%20sid-1%20")).toEqual({ secretId: "sid-1" });
  });

  it("an object without a prototype is described as an object", () => {
    expect((thrown(Object.create(null)) as Error).message).toMatch(/got an object \(Object\)\.$/);
  });
});
