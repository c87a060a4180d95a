/**
 * Every rule of the options, at both edges of its range, with the exact
 * message: the value just inside is accepted and the value just outside is
 * refused. bad-input.test.ts pins the common mistakes; this file pins the
 * boundaries and the merge of client and per-call retry options (written
 * against the mutants Stryker left alive in src/config.ts).
 */
import { describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, type ClientOptions, type RequestOptions } from "../../src/index.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";

function refusal(act: () => unknown): AirbyteError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(AirbyteError);
    return error as AirbyteError;
  }
  throw new Error("expected a refusal");
}

describe("client options: each rule's edges", () => {
  const refused: Array<[string, unknown, string]> = [
    ["null options", null, "The client options must be an object; got object."],
    ["an array as options", [], "The client options must be an object; got object."],
    ["a string as options", "https://x", "The client options must be an object; got string."],
    ["fetch that is not a function", { fetch: "x" }, "fetch must be a function (request: Request) => Promise<Response>; got string."],
    ["a logger without debug", { logger: {} }, "logger must be an object with a debug(line) method, such as console; got object."],
    ["a null logger", { logger: null }, "logger must be an object with a debug(line) method, such as console; got object."],
    ["maxResponseBytes: 1.5", { maxResponseBytes: 1.5 }, "maxResponseBytes must be a whole number of bytes of at least 1; got 1.5."],
    ["maxResponseBytes: 2^53", { maxResponseBytes: 2 ** 53 }, `maxResponseBytes must be a whole number of bytes of at least 1; got ${2 ** 53}.`],
    ["allowInsecureHttp: \"yes\"", { allowInsecureHttp: "yes" }, "allowInsecureHttp must be true or false; got string."],
    ["dangerouslyAllowBrowser: 1", { dangerouslyAllowBrowser: 1 }, "dangerouslyAllowBrowser must be true or false; got 1."],
    ["retry: 5", { retry: 5 }, "retry must be an object or false; got 5."],
    ["retry: []", { retry: [] }, "retry must be an object or false; got object."],
    ["retry: true", { retry: true }, "retry must be an object or false; got boolean."],
    ["retry.nonIdempotent: 1", { retry: { nonIdempotent: 1 } }, "retry.nonIdempotent must be true or false; got 1."],
    ["retry.maxRetries: 101", { retry: { maxRetries: 101 } }, "retry.maxRetries must be a whole number from 0 to 100; got 101."],
    ["retry.statuses: [99]", { retry: { statuses: [99] } }, "retry.statuses must be an array of HTTP statuses (100 to 599); got object."],
    ["retry.statuses: [600]", { retry: { statuses: [600] } }, "retry.statuses must be an array of HTTP statuses (100 to 599); got object."],
    ["retry.statuses: [500.5]", { retry: { statuses: [500.5] } }, "retry.statuses must be an array of HTTP statuses (100 to 599); got object."],
    ["retry.statuses: 500", { retry: { statuses: 500 } }, "retry.statuses must be an array of HTTP statuses (100 to 599); got 500."],
    ["retry.initialDelayMs: 2^31", { retry: { initialDelayMs: 2 ** 31 } }, "retry.initialDelayMs must be a number of milliseconds from 0 to 2147483647; got 2147483648."],
    ["retry.maxDelayMs: \"1\"", { retry: { maxDelayMs: "1" } }, "retry.maxDelayMs must be a number of milliseconds from 0 to 2147483647; got string."],
    ["timeoutMs: true", { timeoutMs: true }, "timeoutMs must be a number of milliseconds from 1 to 2147483647, or false to turn the timeout off; got boolean."],
    ["headers: a string", { headers: "x-a: 1" }, "headers must be an object of header names to string values; got string."],
    ["headers: an array", { headers: [["x-a", "1"]] }, "headers must be an object of header names to string values; got object."],
    ["userAgent: a number", { userAgent: 5 }, "userAgent must be a string; got number."],
    ["a CR in a header", { headers: { "x-a": "1\r2" } }, 'headers: header "x-a" contains a line break or NUL character, which a header cannot carry (the value is not shown: it may be a secret).'],
  ];
  it.each(refused)("refuses %s", (_, options, message) => {
    expect(refusal(() => createAirbyteClient(options as ClientOptions)).message).toBe(message);
  });

  const accepted: Array<[string, ClientOptions]> = [
    ["a logger with debug", { logger: { debug() {} } }],
    ["maxResponseBytes: 1", { maxResponseBytes: 1 }],
    ["maxResponseBytes: 2^53 - 1", { maxResponseBytes: Number.MAX_SAFE_INTEGER }],
    ["retry.maxRetries: 100", { retry: { maxRetries: 100 } }],
    ["retry.statuses at both ends", { retry: { statuses: [100, 599] } }],
    ["retry.statuses: []", { retry: { statuses: [] } }],
    ["retry.maxRetryAfterMs: 2^31 - 1", { retry: { maxRetryAfterMs: 2 ** 31 - 1 } }],
    ["retry.nonIdempotent: true", { retry: { nonIdempotent: true } }],
    ["retry: false", { retry: false }],
    ["timeoutMs: 1", { timeoutMs: 1 }],
    ["flags as false", { allowInsecureHttp: false, dangerouslyAllowBrowser: false }],
  ];
  it.each(accepted)("accepts %s", (_, options) => {
    expect(() => createAirbyteClient({ auth: false, ...options })).not.toThrow();
  });

  it("names a long invalid header name by its first 40 characters only", () => {
    const name = `${"x".repeat(45)} y`;
    expect(refusal(() => createAirbyteClient({ auth: false, headers: { [name]: "v" } })).message).toBe(
      `headers: "${"x".repeat(40)}" is not a valid header name (letters, digits and !#$%&'*+.^_\`|~- only).`,
    );
  });

  it("accepts every token character RFC 9110 allows in a header name", () => {
    expect(() => createAirbyteClient({ auth: false, headers: { "!#$%&'*+.^_`|~09AZaz-": "v" } })).not.toThrow();
  });
});

describe("per-call options", () => {
  function recording(options: ClientOptions = {}) {
    const sent: Request[] = [];
    const airbyte = createAirbyteClient({ auth: false, clock: { sleep: async () => undefined }, ...options, fetch: async (r) => (sent.push(r), new Response(null, { status: 503 })) });
    return { airbyte, sent };
  }
  const rejection = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteError);
    return error as AirbyteError;
  };

  it.each([
    ["a number", 5],
    ["null", null],
    ["an array", []],
  ])("refuses %s as the options argument, sending nothing", async (_, options) => {
    const { airbyte, sent } = recording();
    const error = await rejection(airbyte.sources.getSource(id, undefined, options as RequestOptions));
    expect(error.message).toBe("getSource: the last argument must be an options object ({ signal, headers, timeoutMs, totalTimeoutMs, retry }).");
    expect(sent).toHaveLength(0);
  });

  it.each([
    ["retry: \"x\"", { retry: "x" }, "getSource: retry must be an object or false; got string."],
    ["retry.statuses: [600]", { retry: { statuses: [600] } }, "getSource: retry.statuses must be an array of HTTP statuses (100 to 599); got object."],
    ["headers: 5", { headers: 5 }, "getSource: headers must be an object of header names to string values; got 5."],
  ])("refuses %s with the call's name in front", async (_, options, message) => {
    const { airbyte, sent } = recording();
    expect((await rejection(airbyte.sources.getSource(id, undefined, options as RequestOptions))).message).toBe(message);
    expect(sent).toHaveLength(0);
  });

  // Attempts made against an always-503 server: 1 + the retries in force.
  const attempts: Array<[string, ClientOptions["retry"], RequestOptions["retry"], number]> = [
    ["defaults", undefined, undefined, 3],
    ["client false", false, undefined, 1],
    ["call false", { maxRetries: 4 }, false, 1],
    ["client false, call { maxRetries: 1 }", false, { maxRetries: 1 }, 2],
    ["client { maxRetries: 1 }, call changes another key", { maxRetries: 1 }, { initialDelayMs: 0 }, 2],
    ["client { maxRetries: 1 }, call { maxRetries: undefined } keeps it", { maxRetries: 1 }, { maxRetries: undefined }, 2],
    ["client { maxRetries: 0 }, call { maxRetries: 3 }", { maxRetries: 0 }, { maxRetries: 3 }, 4],
    ["client statuses without 503, call untouched", { statuses: [500] }, {}, 1],
  ];
  it.each(attempts)("retry merge: %s", async (_, client, call, want) => {
    const { airbyte, sent } = recording({ retry: client });
    await rejection(airbyte.health.getHealthCheck(call === undefined ? undefined : { retry: call }));
    expect(sent).toHaveLength(want);
  });

  it("per-call headers: names lower-cased, the last of two spellings wins, and they override the client's", async () => {
    const { airbyte, sent } = recording({ retry: false, headers: { "X-Team": "client", "X-Keep": "k" } });
    await rejection(airbyte.health.getHealthCheck({ headers: { "X-Team": "first", "x-team": "call" } }));
    expect(sent[0]?.headers.get("x-team")).toBe("call");
    expect(sent[0]?.headers.get("x-keep")).toBe("k");
  });

  it("a client Accept header replaces the default one (one value, not two)", async () => {
    const { airbyte, sent } = recording({ retry: false, headers: { Accept: "application/problem+json" } });
    await rejection(airbyte.health.getHealthCheck());
    expect(sent[0]?.headers.get("accept")).toBe("application/problem+json");
  });

  it("the User-Agent is the library's alone when no userAgent is given (also for an empty one)", async () => {
    for (const userAgent of [undefined, ""]) {
      const { airbyte, sent } = recording({ retry: false, userAgent });
      await rejection(airbyte.health.getHealthCheck());
      expect(sent[0]?.headers.get("user-agent")).toMatch(/^airbyte-api-client\/\d+\.\d+\.\d+/);
      expect(sent[0]?.headers.get("accept")).toBe("application/json");
    }
  });
});

describe("secret headers over plain http", () => {
  const base = "http://airbyte.internal.example/v1";
  it.each([
    ["Authorization", { Authorization: "Bearer t-SECRET" }],
    ["Cookie", { Cookie: "s=SECRET" }],
    ["X-Api-Key", { "X-Api-Key": "SECRET" }],
  ])("a client %s header is refused at creation to a non-loopback host", (_, headers) => {
    expect(refusal(() => createAirbyteClient({ auth: false, baseUrl: base, headers })).message).toMatch(/^Refusing to send credentials over plain http to airbyte\.internal\.example:/);
  });

  it.each([
    ["a plain header to a non-loopback http host", { baseUrl: base, headers: { "X-Team": "a" } }],
    ["a secret header with allowInsecureHttp", { baseUrl: base, headers: { Authorization: "Bearer t" }, allowInsecureHttp: true }],
    ["a secret header to a loopback http host", { baseUrl: "http://127.0.0.1:9/v1", headers: { Authorization: "Bearer t" } }],
    ["a secret header over https", { baseUrl: "https://airbyte.internal.example/v1", headers: { Authorization: "Bearer t" } }],
  ])("accepts %s", (_, options) => {
    expect(() => createAirbyteClient({ auth: false, ...(options as ClientOptions) })).not.toThrow();
  });

  it("a per-call secret header is allowed over http when allowInsecureHttp is set, and sent", async () => {
    const sent: Request[] = [];
    const airbyte = createAirbyteClient({ auth: false, baseUrl: base, allowInsecureHttp: true, fetch: async (r) => (sent.push(r), Response.json({ status: "ok" })) });
    await airbyte.health.getHealthCheck({ headers: { Authorization: "Bearer call-token" } });
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer call-token");
  });

  it("a per-call secret header among plain ones is still refused over http", async () => {
    const sent: Request[] = [];
    const airbyte = createAirbyteClient({ auth: false, baseUrl: base, fetch: async (r) => (sent.push(r), Response.json({ status: "ok" })) });
    const error = await airbyte.health.getHealthCheck({ headers: { "X-Team": "a", Authorization: "Bearer t-SECRET" } }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(AirbyteError);
    expect((error as Error).message).toMatch(/^Refusing to send credentials over plain http to airbyte\.internal\.example:/);
    expect(sent).toHaveLength(0);
  });

  it("a per-call plain header over http is sent without any refusal", async () => {
    const sent: Request[] = [];
    const airbyte = createAirbyteClient({ auth: false, baseUrl: base, fetch: async (r) => (sent.push(r), Response.json({ status: "ok" })) });
    await airbyte.health.getHealthCheck({ headers: { "X-Team": "a" } });
    expect(sent[0]?.headers.get("x-team")).toBe("a");
  });
});
