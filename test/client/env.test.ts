/**
 * createAirbyteClient() reads what the options leave unset from the
 * environment: credentials, the base URL and the debug log. One test per
 * precedence rule; each sends through an injected fetch and looks at the wire.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AirbyteUsageError, bearer, createAirbyteClient, createAirbyteCore, getHealthCheck, type ClientOptions } from "../../src/index.js";

const VARIABLES = ["AIRBYTE_BEARER_TOKEN", "AIRBYTE_CLIENT_ID", "AIRBYTE_CLIENT_SECRET", "AIRBYTE_API_URL", "AIRBYTE_LOG"] as const;

beforeEach(() => {
  // Whatever the machine has set, each test starts from none of them.
  for (const name of VARIABLES) vi.stubEnv(name, undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const env = (values: Partial<Record<(typeof VARIABLES)[number], string>>) => {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
};

/** Makes a client with a recording fetch, calls listSources, and returns what was sent. */
async function sent(options: ClientOptions = {}): Promise<Request[]> {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return request.url.endsWith("/applications/token") ? Response.json({ access_token: "env-access-1", expires_in: 600 }) : Response.json({ data: [] });
  };
  await createAirbyteClient({ ...options, fetch }).sources.listSources();
  return requests;
}

const refusal = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(AirbyteUsageError);
    return (error as Error).message;
  }
  throw new Error("expected a usage error");
};

describe("credentials", () => {
  it("AIRBYTE_BEARER_TOKEN is sent as a bearer token", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "env-token-1" });
    const [request] = await sent();
    expect(request?.headers.get("authorization")).toBe("Bearer env-token-1");
  });

  it("AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET fetch a token", async () => {
    env({ AIRBYTE_CLIENT_ID: "env-id", AIRBYTE_CLIENT_SECRET: "env-secret" });
    const [token, call] = await sent();
    expect(token?.url).toBe("https://api.airbyte.com/v1/applications/token");
    expect(await token?.json()).toMatchObject({ client_id: "env-id", client_secret: "env-secret" });
    expect(call?.headers.get("authorization")).toBe("Bearer env-access-1");
  });

  it("a bearer token wins over client credentials (as in PyAirbyte)", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "env-token-2", AIRBYTE_CLIENT_ID: "env-id", AIRBYTE_CLIENT_SECRET: "env-secret" });
    const requests = await sent();
    expect(requests.map((r) => r.url)).toEqual(["https://api.airbyte.com/v1/sources"]);
    expect(requests[0]?.headers.get("authorization")).toBe("Bearer env-token-2");
  });

  it.each([
    ["the auth option", { auth: { bearerToken: "explicit-1" } }, "Bearer explicit-1"],
    ["an auth strategy", { auth: bearer("explicit-2") }, "Bearer explicit-2"],
    ["a client Authorization header", { headers: { Authorization: "Bearer explicit-3" } }, "Bearer explicit-3"],
    ["a client Authorization header among other headers", { headers: { "X-Trace": "t-1", Authorization: "Bearer explicit-4" } }, "Bearer explicit-4"],
  ] as const)("%s wins over every variable", async (_, options, header) => {
    env({ AIRBYTE_BEARER_TOKEN: "env-token-3", AIRBYTE_CLIENT_ID: "env-id", AIRBYTE_CLIENT_SECRET: "env-secret" });
    const requests = await sent(options as ClientOptions);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.get("authorization")).toBe(header);
  });

  it("auth: false sends no credentials and reads no variable", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "env-token-4" });
    const [request] = await sent({ auth: false });
    expect(request?.headers.has("authorization")).toBe(false);
  });

  it("nothing anywhere: creation throws, naming the option and the variables", () => {
    expect(refusal(() => createAirbyteClient())).toBe(
      "No credentials: pass the auth option, or set AIRBYTE_BEARER_TOKEN, or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET (environment variables, read on servers only); auth: false makes a client without credentials.",
    );
  });

  it.each([
    ["blank", { AIRBYTE_BEARER_TOKEN: "", AIRBYTE_CLIENT_ID: "  " }],
    ["whitespace only", { AIRBYTE_BEARER_TOKEN: " \t " }],
  ] as const)("a %s value counts as not set", (_, values) => {
    env(values);
    expect(refusal(() => createAirbyteClient())).toMatch(/^No credentials/);
  });

  it.each([
    ["AIRBYTE_CLIENT_ID", { AIRBYTE_CLIENT_ID: "env-id" }, "The environment variable AIRBYTE_CLIENT_ID is set but AIRBYTE_CLIENT_SECRET is not (or is blank)"],
    ["AIRBYTE_CLIENT_SECRET", { AIRBYTE_CLIENT_SECRET: "half-SECRET" }, "The environment variable AIRBYTE_CLIENT_SECRET is set but AIRBYTE_CLIENT_ID is not (or is blank)"],
  ] as const)("only %s: creation throws naming the missing one, without the value", (_, values, message) => {
    env(values);
    const text = refusal(() => createAirbyteClient());
    expect(text).toContain(message);
    expect(text).not.toContain("half-SECRET");
  });

  it("a bad option is reported before missing credentials", () => {
    expect(refusal(() => createAirbyteClient({ timeoutMs: -1 }))).toMatch(/^timeoutMs must be/);
  });

  it("a variable set on Object.prototype is not read", () => {
    try {
      Object.defineProperty(Object.prototype, "AIRBYTE_BEARER_TOKEN", { value: "polluted-token", configurable: true });
      expect(refusal(() => createAirbyteClient())).toMatch(/^No credentials/);
    } finally {
      delete (Object.prototype as Record<string, unknown>).AIRBYTE_BEARER_TOKEN;
    }
  });

  it("createAirbyteCore reads no variable (the smallest bundle stays explicit)", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "env-token-5", AIRBYTE_API_URL: "https://env.example/v1" });
    const requests: Request[] = [];
    await getHealthCheck(createAirbyteCore({ fetch: async (r) => (requests.push(r), new Response(null)) }));
    expect(requests[0]?.url).toBe("https://api.airbyte.com/v1/health");
  });
});

describe("where nothing is read", () => {
  it.each([
    ["a browser page", { window: {}, document: {} }],
    ["a web worker", { importScripts: () => undefined }],
  ])("in %s, even if a bundler provides process.env", (_, globals) => {
    env({ AIRBYTE_BEARER_TOKEN: "env-token-6" });
    for (const [key, value] of Object.entries(globals)) vi.stubGlobal(key, value);
    expect(refusal(() => createAirbyteClient())).toMatch(/^No credentials/);
  });

  it("where process.env does not exist", () => {
    env({ AIRBYTE_BEARER_TOKEN: "env-token-7" });
    // createAirbyteClient is synchronous: process is gone only for that call.
    const saved = Object.getOwnPropertyDescriptor(globalThis, "process");
    expect(saved?.configurable).toBe(true);
    let message: string;
    try {
      Object.defineProperty(globalThis, "process", { value: undefined, configurable: true, writable: true });
      message = refusal(() => createAirbyteClient());
    } finally {
      Object.defineProperty(globalThis, "process", saved as PropertyDescriptor);
    }
    expect(message).toMatch(/^No credentials/);
  });
});

describe("AIRBYTE_API_URL", () => {
  it("is the base URL when baseUrl is not given", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "t", AIRBYTE_API_URL: "https://airbyte.example.com/api/public/v1/" });
    const [request] = await sent();
    expect(request?.url).toBe("https://airbyte.example.com/api/public/v1/sources");
  });

  it("loses to the baseUrl option", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "t", AIRBYTE_API_URL: "https://env.example/v1" });
    const [request] = await sent({ baseUrl: "https://option.example/v1" });
    expect(request?.url).toBe("https://option.example/v1/sources");
  });

  it.each([
    ["not a URL", "api.airbyte.com/v1", /^The environment variable AIRBYTE_API_URL is not a valid base URL: it must be an absolute http\(s\) URL/],
    ["with credentials", "https://user:url-SECRET-1@airbyte.example.com/v1", /^The environment variable AIRBYTE_API_URL is not a valid base URL: it must not contain credentials/],
    ["with a query", "https://airbyte.example.com/v1?x=1", /must not have a query string/],
  ])("%s: a usage error naming the variable, never the secret", (_, url, message) => {
    env({ AIRBYTE_BEARER_TOKEN: "t", AIRBYTE_API_URL: url });
    const text = refusal(() => createAirbyteClient());
    expect(text).toMatch(message);
    expect(text).not.toContain("url-SECRET-1");
  });

  it("a blank value keeps the default", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "t", AIRBYTE_API_URL: " " });
    const [request] = await sent();
    expect(request?.url).toBe("https://api.airbyte.com/v1/sources");
  });
});

describe("AIRBYTE_LOG", () => {
  it("debug writes the redacted debug lines to stderr (console.error)", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "log-SECRET-token", AIRBYTE_LOG: "DEBUG" });
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    await sent();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[airbyte-api-client\] → GET https:\/\/api\.airbyte\.com\/v1\/sources \(attempt 1\) .*"authorization":"\[REDACTED\]"/);
    expect(lines.join("\n")).not.toContain("log-SECRET-token");
  });

  it("loses to the logger option", async () => {
    env({ AIRBYTE_BEARER_TOKEN: "t", AIRBYTE_LOG: "debug" });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const lines: string[] = [];
    await sent({ logger: { debug: (line) => lines.push(line) } });
    expect(lines).toHaveLength(2);
    expect(spy).not.toHaveBeenCalled();
  });

  it.each(["off", "info", "warn", "error", "none", ""])("%j writes nothing", async (level) => {
    env({ AIRBYTE_BEARER_TOKEN: "t", AIRBYTE_LOG: level });
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await sent();
    expect(spy).not.toHaveBeenCalled();
  });

  it("an unknown level is a usage error listing the levels", () => {
    env({ AIRBYTE_BEARER_TOKEN: "t", AIRBYTE_LOG: "verbose" });
    expect(refusal(() => createAirbyteClient())).toBe(
      'The environment variable AIRBYTE_LOG must be one of debug, info, warn, error, off, none; got "verbose".',
    );
  });

  it("an unknown level is quoted cut to 20 characters", () => {
    env({ AIRBYTE_BEARER_TOKEN: "t", AIRBYTE_LOG: "verbose".repeat(5) });
    expect(refusal(() => createAirbyteClient())).toMatch(/; got "verboseverboseverbos"\.$/);
  });
});
