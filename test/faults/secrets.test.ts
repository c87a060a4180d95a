/**
 * One regression test per finding of the secrets review (issue 18 item 3 and
 * the redactor half of 7, issue 21 item 1): each failed on commit 839c885.
 * Secrets must stay out of every message, cause, log line and inspected error.
 */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AirbyteConnectionError, AirbyteError, AirbyteUsageError, bearer, createAirbyteClient, createAirbyteCore, listSources, type ClientOptions } from "../../src/index.js";

/** Everything a caller could print of an error. */
const shown = (e: unknown) => {
  const error = e as Error;
  return [error.message, String(error), error.stack ?? "", JSON.stringify(error), inspect(error, { depth: 10 }), inspect(error.cause, { depth: 10 })].join("\n");
};

const fail = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AirbyteError);
  return error as AirbyteError;
};

/** A network failure shaped like undici's: TypeError("fetch failed") wrapping the system error. */
const networkError = (message: string, code: string) => new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code, syscall: "connect" }) });

describe("connection errors never quote what the network error quoted", () => {
  it("the proxy URL's credentials and the token are redacted from the message and the cause chain", async () => {
    const token = "tok-SECRET-proxy-1";
    const fetch = async () => {
      throw networkError(`connect via http://proxyuser:proxy-PASS-9@proxy.internal:3128 failed for Bearer ${token} (access_token=qs-SECRET-5)`, "ECONNRESET");
    };
    const error = await fail(createAirbyteClient({ auth: { bearerToken: token }, fetch, retry: false }).health.getHealthCheck());
    expect(error).toBeInstanceOf(AirbyteConnectionError);
    const text = shown(error);
    for (const secret of [token, "proxy-PASS-9", "proxyuser", "qs-SECRET-5"]) expect(text).not.toContain(secret);
    expect(text).toContain("http://[REDACTED]@proxy.internal:3128");
    // The cause keeps its class and its fields, redacted.
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error & { cause: { code: string } }).cause.code).toBe("ECONNRESET");
  });
});

describe("the connection error names the system code", () => {
  it("a closed 127.0.0.1 port: code ECONNREFUSED, named in the message", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await fail(createAirbyteClient({ auth: { bearerToken: "tok-SECRET-c1" }, baseUrl: `http://127.0.0.1:${port}/v1`, retry: false }).health.getHealthCheck());
    expect(error).toBeInstanceOf(AirbyteConnectionError);
    expect((error as AirbyteConnectionError).code).toBe("ECONNREFUSED");
    expect(error.message).toMatch(/could not reach the server: .*\(ECONNREFUSED\)$/);
  });

  it.each([
    ["ENOTFOUND, from a DNS failure", networkError("getaddrinfo ENOTFOUND api.airbyte.invalid", "ENOTFOUND"), "ENOTFOUND"],
    ["the innermost code of a chain (undici's socket error over the system reset)", new TypeError("fetch failed", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET", cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) }) }), "ECONNRESET"],
    ["an AggregateError's code (every address refused)", new TypeError("fetch failed", { cause: Object.assign(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "all failed"), { code: "ETIMEDOUT" }) }), "ECONNREFUSED"],
    ["no code at all", new TypeError("fetch failed"), undefined],
  ])("%s", async (_, thrown, code) => {
    const error = (await fail(createAirbyteClient({ auth: { bearerToken: "tok-SECRET-c2" }, retry: false, fetch: async () => Promise.reject(thrown) }).health.getHealthCheck())) as AirbyteConnectionError;
    expect(error.code).toBe(code);
    if (code) expect(error.message).toContain(`(${code}`);
  });
});

describe("a rotated token stays redacted while a call that carried it is in flight", () => {
  it("the slow call's error does not show the retired token", async () => {
    let now = 1_700_000_000_000;
    let tokens = 0;
    let releaseSlow: (() => void) | undefined;
    const fetch = async (request: Request): Promise<Response> => {
      if (request.url.endsWith("/applications/token")) return Response.json({ access_token: `rotated-SECRET-${++tokens}`, expires_in: 120 });
      const carried = request.headers.get("authorization") ?? "";
      if (request.url.includes("slow")) {
        // Answers only after another call has rotated the token; then echoes the token it carried.
        await new Promise<void>((resolve) => (releaseSlow = resolve));
        return Response.json({ status: 400, title: "bad", detail: `you sent ${carried}` }, { status: 400, headers: { "content-type": "application/problem+json" } });
      }
      return Response.json({ sourceId: "s", name: "n", workspaceId: "w", configuration: {}, createdAt: 1 });
    };
    const airbyte = createAirbyteClient({ auth: { clientId: "cid", clientSecret: "cs-SECRET-7" }, fetch, retry: false, clock: { now: () => now } });
    const slow = fail(airbyte.sources.getSource("slow"));
    await vi.waitFor(() => expect(releaseSlow).toBeDefined());
    // The first token expires; the next call fetches a new one, retiring the first.
    now += 200_000;
    await airbyte.sources.getSource("fast");
    expect(tokens).toBe(2);
    releaseSlow?.();
    const error = await slow;
    expect(shown(error)).not.toContain("rotated-SECRET-1");
    expect(error.message).toContain("[REDACTED]");
  });
});

describe("no Object.prototype gadget redirects requests or secrets", () => {
  const gadgets: Record<string, unknown> = {
    baseUrl: "https://evil.example/v1",
    tokenUrl: "https://evil.example/steal",
    headers: { "x-evil": "1" },
    allowInsecureHttp: true,
    dangerouslyAllowBrowser: true,
    access_token: "evil-token",
  };
  afterEach(() => {
    for (const key of Object.keys(gadgets)) delete (Object.prototype as Record<string, unknown>)[key];
  });

  it("options, auth options, the request and the token answer are read as own properties only", async () => {
    const sent: Request[] = [];
    const fetch = async (request: Request) => {
      sent.push(request);
      // A token answer without access_token: a polluted prototype must not supply one.
      return request.url.endsWith("/applications/token") ? Response.json({ access_token: "good-token", expires_in: 60 }) : Response.json({ status: "ok" });
    };
    let error: unknown;
    try {
      for (const [key, value] of Object.entries(gadgets)) Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
      const airbyte = createAirbyteClient({ auth: { clientId: "cid", clientSecret: "cs-SECRET-8" }, fetch, retry: false });
      await airbyte.sources.getSource("s").catch((e: unknown) => (error = e));
    } finally {
      for (const key of Object.keys(gadgets)) delete (Object.prototype as Record<string, unknown>)[key];
    }
    expect(error).toBeUndefined();
    expect(sent.map((r) => r.url)).toEqual(["https://api.airbyte.com/v1/applications/token", "https://api.airbyte.com/v1/sources/s"]);
    for (const request of sent) expect(request.headers.has("x-evil")).toBe(false);
    expect(sent[1]?.headers.get("authorization")).toBe("Bearer good-token");
  });

  it("a polluted auth is not taken as credentials, by the client or the core", async () => {
    const sent: Request[] = [];
    const fetch = async (request: Request) => (sent.push(request), Response.json({ data: [] }));
    try {
      Object.defineProperty(Object.prototype, "auth", { value: bearer("evil-token"), configurable: true, writable: true });
      vi.stubEnv("AIRBYTE_BEARER_TOKEN", "");
      expect(() => createAirbyteClient({ fetch })).toThrow(/^No credentials/);
      await listSources(createAirbyteCore({ fetch }));
    } finally {
      delete (Object.prototype as Record<string, unknown>).auth;
      vi.unstubAllEnvs();
    }
    expect(sent[0]?.headers.has("authorization")).toBe(false);
  });
});

describe("the redactor's gaps", () => {
  /** A server that echoes `echo(request)` in a problem detail (and in a response header). */
  const echoing = (echo: (request: Request) => string) => async (request: Request) =>
    request.url.endsWith("/applications/token")
      ? Response.json({ access_token: "acc-SECRET-3", expires_in: 60 })
      : Response.json({ status: 400, title: "bad", detail: echo(request) }, { status: 400, headers: { "content-type": "application/problem+json", "x-echo": echo(request) } });

  const errorOf = (options: ClientOptions, echo: (request: Request) => string) =>
    fail(createAirbyteClient({ retry: false, ...options, fetch: echoing(echo) }).sources.getSource("s"));

  it("base64 user:password echoed without its padding or URL-safe", async () => {
    const encoded = btoa("admin:pwd-SECRET-12");
    expect(encoded.endsWith("=")).toBe(true);
    const error = await errorOf({ auth: { username: "admin", password: "pwd-SECRET-12" } }, () => `got ${encoded.replace(/=+$/, "")} and ${encoded.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}`);
    expect(shown(error)).not.toContain(encoded.replace(/=+$/, "").slice(0, 20));
  });

  it("a percent-encoded secret with lowercase escapes (%2f)", async () => {
    const token = "tok/SECRET+key=1";
    const lower = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
    expect(lower).toContain("%2f");
    const error = await errorOf({ auth: { bearerToken: token } }, () => `echo ${lower}`);
    expect(shown(error)).not.toContain(lower);
  });

  it("a password of 3 characters", async () => {
    const error = await errorOf({ auth: { username: "admin", password: "p9!" } }, () => "password p9! is wrong");
    expect(error.message).toContain("password [REDACTED] is wrong");
  });

  it("a response header that echoes the token", async () => {
    const error = (await errorOf({ auth: { bearerToken: "hdr-SECRET-44" } }, (r) => r.headers.get("authorization") ?? "")) as AirbyteError & { headers: Headers };
    expect(error.headers.get("x-echo")).toBe("Bearer [REDACTED]");
    expect(shown(error)).not.toContain("hdr-SECRET-44");
  });

  it.each(["X-Auth-Token", "Api-Key", "X-Access-Token", "X-Amz-Security-Token"])("the %s header in the debug log and in error.request", async (name) => {
    const log: string[] = [];
    const airbyte = createAirbyteClient({ auth: { bearerToken: "tok-SECRET-c3" }, retry: false, logger: { debug: (line) => log.push(line) }, fetch: async () => new Response("{}", { status: 500 }) });
    const error = await fail(airbyte.health.getHealthCheck({ headers: { [name]: "hv-SECRET-21" } }));
    expect(log.join("\n")).toContain(`"${name.toLowerCase()}":"[REDACTED]"`);
    expect(log.join("\n") + shown(error)).not.toContain("hv-SECRET-21");
    expect(error.request?.headers[name.toLowerCase()]).toBe("[REDACTED]");
  });
});

describe("the browser guard", () => {
  const stubbed: string[] = [];
  const stub = (globals: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(globals)) {
      stubbed.push(key);
      vi.stubGlobal(key, value);
    }
  };
  afterEach(() => {
    vi.unstubAllGlobals();
    stubbed.length = 0;
  });
  const secretAuth = { clientId: "cid", clientSecret: "cs-SECRET-9" };

  it.each([
    ["a page with window and document", { window: {}, document: {} }, /runs in a browser page/],
    ["a page with a document only", { document: {} }, /runs in a browser page/],
    ["a dedicated or shared worker (importScripts)", { importScripts: () => undefined }, /runs in a web worker/],
    ["a module or service worker (WorkerGlobalScope)", { WorkerGlobalScope: function WorkerGlobalScope() {} }, /runs in a web worker/],
  ])("refuses a client secret in %s", (_, globals, message) => {
    stub(globals);
    expect(() => createAirbyteClient({ auth: secretAuth })).toThrow(message);
    expect(() => createAirbyteClient({ auth: { username: "u", password: "pw" } })).toThrow(AirbyteUsageError);
    expect(() => createAirbyteClient({ auth: secretAuth, dangerouslyAllowBrowser: true })).not.toThrow();
    expect(() => createAirbyteClient({ auth: { bearerToken: "scoped-token" } })).not.toThrow();
  });

  it.each([
    ["Deno (a window before 2.0, WorkerGlobalScope in its workers)", { window: {}, WorkerGlobalScope: function WorkerGlobalScope() {}, Deno: { version: { deno: "1.46.0" } } }],
    ["Cloudflare Workers", { WorkerGlobalScope: function WorkerGlobalScope() {}, navigator: { userAgent: "Cloudflare-Workers" } }],
  ])("allows a client secret on a server runtime with browser-like globals: %s", (_, globals) => {
    stub(globals);
    expect(() => createAirbyteClient({ auth: secretAuth })).not.toThrow();
  });
});

describe("configuration from the environment", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("createAirbyteClient() without credentials throws at creation, naming the option and the variables", () => {
    for (const name of ["AIRBYTE_BEARER_TOKEN", "AIRBYTE_CLIENT_ID", "AIRBYTE_CLIENT_SECRET"]) vi.stubEnv(name, "");
    expect(() => createAirbyteClient()).toThrow(AirbyteUsageError);
    expect(() => createAirbyteClient()).toThrow(/^No credentials: pass the auth option, or set AIRBYTE_BEARER_TOKEN, or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET/);
  });

  it("createAirbyteClient() sends the token of AIRBYTE_BEARER_TOKEN", async () => {
    vi.stubEnv("AIRBYTE_BEARER_TOKEN", "env-SECRET-token");
    const sent: Request[] = [];
    await createAirbyteClient({ fetch: async (r) => (sent.push(r), Response.json({ data: [] })) }).sources.listSources();
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer env-SECRET-token");
  });
});
