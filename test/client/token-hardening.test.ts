/**
 * The client-credentials token against careless configuration and hostile
 * peers: insecure token URLs, redirects, odd `expires_in` values, a request
 * that cannot be built, and callers that give up while others wait.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { AirbyteError, AirbyteUnexpectedResponseError, createAirbyteClient } from "../../src/index.js";
import { systemClock } from "../../src/clock.js";
import { Redactor } from "../../src/redact.js";
import { ClientCredentialsTokenProvider, UNKNOWN_EXPIRY_REUSE_MS } from "../../src/token-provider.js";
import { fakeClock, flush } from "../helpers/fake-clock.js";
import { json, startServer, useTestServer } from "../helpers/server.js";

const t = useTestServer();
const body = { redirectUrl: "https://app.example.com/cb", sourceType: "github", workspaceId: "871d9b60-11d1-44cb-8c92-c246d53bf87e" } as const;
/** The token provider as the client builds it (auth.ts passes these options). */
const provider = (overrides: Partial<ConstructorParameters<typeof ClientCredentialsTokenProvider>[0]>) =>
  new ClientCredentialsTokenProvider({
    clientId: "c",
    clientSecret: "s",
    tokenUrl: "http://airbyte.internal/token",
    baseUrl: "http://airbyte.internal",
    format: "json",
    refreshBeforeExpiryMs: 60_000,
    fetch: async () => Response.json({ access_token: "tok-1", expires_in: 60 }),
    redactor: new Redactor(),
    headers: {},
    clock: systemClock,
    timeoutMs: 1_000,
    logger: undefined,
    allowInsecureHttp: false,
    ...overrides,
  });
const tokenRequests = () => t.server.requests.filter((r) => r.url.endsWith("/applications/token"));

afterEach(() => {
  vi.useRealTimers();
});

describe("where the client secret may go", () => {
  it.each([
    ["an http tokenUrl on another host", { baseUrl: "https://api.airbyte.com/v1", tokenUrl: "http://auth.example.com/token" }],
    ["an http base URL on a public host (default tokenUrl)", { baseUrl: "http://airbyte.example.com/api/public/v1", tokenUrl: undefined }],
    ["an http tokenUrl on a private address", { baseUrl: "https://api.airbyte.com/v1", tokenUrl: "http://10.0.0.5/token" }],
  ])("refuses %s at creation, naming the fix", (_, { baseUrl, tokenUrl }) => {
    const create = () => createAirbyteClient({ baseUrl, auth: { clientId: "c", clientSecret: "secret-1234", ...(tokenUrl ? { tokenUrl } : {}) } });
    expect(create).toThrow(AirbyteError);
    expect(create).toThrow(/^Refusing to send (credentials|the client secret) over plain http to \S+: anyone on the network path could read them \(it is not a loopback host\)\. Use https, or pass allowInsecureHttp: true/);
  });

  it.each([
    ["https", "https://auth.example.com/token"],
    ["http on 127.0.0.1", "http://127.0.0.1:9/token"],
    ["http on localhost", "http://localhost:9/token"],
    ["http on a .localhost name", "http://airbyte.localhost/token"],
    ["http on [::1]", "http://[::1]:9/token"],
  ])("accepts %s", (_, tokenUrl) => {
    expect(() => createAirbyteClient({ baseUrl: "https://api.airbyte.com/v1", auth: { clientId: "c", clientSecret: "s", tokenUrl } })).not.toThrow();
  });

  it.each([
    ["not http(s)", "file:///etc/passwd", /auth.tokenUrl must use https \(or http on a loopback host\); got file:/],
    ["not a URL", "::", /auth.tokenUrl must be a path \(joined onto baseUrl\) or an absolute http\(s\) URL/],
  ])("the token provider refuses a token URL that is %s", (_, tokenUrl, message) => {
    expect(() => provider({ tokenUrl })).toThrow(message);
  });

  it("the message never shows credentials or query of the token URL", () => {
    const create = () => createAirbyteClient({ auth: { clientId: "c", clientSecret: "s", tokenUrl: "http://user:pw-SECRET@auth.example.com/token?key=k-SECRET" } });
    expect(create).toThrow(/over plain http to http:\/\/auth\.example\.com\/token: /);
    expect(() => create()).not.toThrow(/SECRET/);
  });

  it("allowInsecureHttp lets a trusted plain-http token URL through (and only it)", async () => {
    expect(() => provider({ allowInsecureHttp: false })).toThrow(/^Refusing to send the client secret over plain http to http:\/\/airbyte\.internal\/token: /);
    await expect(provider({ allowInsecureHttp: true }).token()).resolves.toBe("tok-1");
  });

  it("a token answer over maxResponseBytes is refused like any API answer, not read whole nor retried; error.url is the bare token URL", async () => {
    t.server.handle((req, res) => {
      if (req.url.endsWith("/applications/token")) return json(res, 200, { access_token: "t".repeat(500), expires_in: 60 });
      json(res, 200, { consentUrl: "https://c.example.com" });
    });
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, maxResponseBytes: 256, auth: { clientId: "c", clientSecret: "secret-1234" } });
    const error = await airbyte.sources.initiateOAuth(body).then(() => new Error("expected the call to fail"), (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect(error.message).toBe(
      `POST ${t.baseUrl}/applications/token (token request) answered 200 with a body larger than maxResponseBytes (256 bytes, after decompression); reading stopped. Raise maxResponseBytes if such an answer is expected.`,
    );
    // Like the token request's other unexpected answers: "(token request)" in the message, the URL alone in `url`.
    expect(error).toMatchObject({ method: "POST", url: `${t.baseUrl}/applications/token`, status: 200 });
    expect(tokenRequests()).toHaveLength(1);
  });

  it("a 307 from the token endpoint is an error: the secret is never re-posted to the other origin", async () => {
    const elsewhere = await startServer((_, res) => json(res, 200, { access_token: "stolen-token" }));
    try {
      t.server.handle((req, res) => {
        if (req.url.endsWith("/applications/token")) return res.writeHead(307, { location: `${elsewhere.origin}/grab?x=1` }).end();
        json(res, 200, { consentUrl: "https://c.example.com" });
      });
      const error = await createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "secret-1234" } })
        .sources.initiateOAuth(body)
        .then(() => new Error("expected the call to fail"), (e: unknown) => e as Error);
      expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
      expect(error.message).toBe(
        `POST ${t.baseUrl}/applications/token (token request) answered 307 with a redirect to ${elsewhere.origin}/grab. The client never follows a redirect with the client secret: set tokenUrl to the final token endpoint.`,
      );
      expect(elsewhere.requests).toHaveLength(0);
      // No API call was made with any token.
      expect(t.server.requests.map((r) => r.url)).toEqual(["/api/public/v1/applications/token"]);
    } finally {
      await elsewhere.close();
    }
  });
});

describe("expires_in", () => {
  const walk = async (expiresIn: unknown, steps: number[]) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    let issued = 0;
    t.server.handle((req, res) => {
      if (req.url.endsWith("/applications/token")) return json(res, 200, { access_token: `tok-${++issued}`, ...(expiresIn === "absent" ? {} : { expires_in: expiresIn }) });
      json(res, 200, { consentUrl: "https://c.example.com" });
    });
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s" } });
    const start = Date.now();
    for (const at of steps) {
      vi.setSystemTime(start + at);
      await airbyte.sources.initiateOAuth(body);
    }
    return t.server.requests.filter((r) => !r.url.endsWith("/token")).map((r) => r.headers.authorization);
  };

  it.each([
    ["180 (seconds)", 180, [0, 100_000, 121_000], ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]],
    ['"180" (a quoted number)', "180", [0, 100_000, 121_000], ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]],
    ["0 (already expired): never reused", 0, [0, 0, 1], ["Bearer tok-1", "Bearer tok-2", "Bearer tok-3"]],
    ["-30 (already expired): never reused", -30, [0, 0], ["Bearer tok-1", "Bearer tok-2"]],
    ["absent: reused for 5 minutes", "absent", [0, UNKNOWN_EXPIRY_REUSE_MS - 1, UNKNOWN_EXPIRY_REUSE_MS], ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]],
    ["null: like absent", null, [0, UNKNOWN_EXPIRY_REUSE_MS - 1, UNKNOWN_EXPIRY_REUSE_MS], ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]],
    ['"soon": like absent', "soon", [0, UNKNOWN_EXPIRY_REUSE_MS - 1, UNKNOWN_EXPIRY_REUSE_MS], ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]],
    ["Infinity-like 1e400: like absent", "1e400", [0, UNKNOWN_EXPIRY_REUSE_MS], ["Bearer tok-1", "Bearer tok-2"]],
    ["1 second: renewed at half its life, not at once", 1, [0, 499, 500], ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]],
  ])("%s", async (_, expiresIn, steps, expected) => {
    expect(await walk(expiresIn, steps)).toEqual(expected);
  });
});

describe("lifecycle", () => {
  it("a token request that cannot be built fails as AirbyteError and leaves no timer behind", async () => {
    vi.useFakeTimers();
    // A header value HTTP forbids; depending on where it is caught, at creation or at the token request.
    const attempt = async () =>
      createAirbyteClient({ baseUrl: t.baseUrl, headers: { "X-Trace": "a\nb" }, auth: { clientId: "c", clientSecret: "secret-1234" }, retry: false })
        .sources.initiateOAuth(body);
    const error = await attempt().then(() => new Error("expected the call to fail"), (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(AirbyteError);
    expect(error.message).not.toContain("secret-1234");
    expect(vi.getTimerCount()).toBe(0);
    expect(t.server.requests).toHaveLength(0);
  });

  it("a caller aborting while it waits for a shared token fetch rejects with AbortError; the others still get the token", async () => {
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    t.server.handle(async (req, res) => {
      if (req.url.endsWith("/applications/token")) {
        await answered;
        return json(res, 200, { access_token: "tok-shared", expires_in: 180 });
      }
      json(res, 200, { consentUrl: "https://c.example.com" });
    });
    const airbyte = createAirbyteClient({ baseUrl: t.baseUrl, auth: { clientId: "c", clientSecret: "s" } });
    const controller = new AbortController();
    const quitter = airbyte.sources.initiateOAuth(body, { signal: controller.signal });
    const patient = [airbyte.sources.initiateOAuth(body), airbyte.sources.initiateOAuth(body)];
    await vi.waitUntil(() => tokenRequests().length === 1);
    controller.abort();
    await expect(quitter).rejects.toMatchObject({ name: "AbortError" });
    answer();
    await expect(Promise.all(patient)).resolves.toEqual([{ consentUrl: "https://c.example.com" }, { consentUrl: "https://c.example.com" }]);
    expect(tokenRequests()).toHaveLength(1);
    const apiCalls = t.server.requests.filter((r) => !r.url.endsWith("/token"));
    expect(apiCalls.map((r) => r.headers.authorization)).toEqual(["Bearer tok-shared", "Bearer tok-shared"]);
  });
});

describe("the token request and its answers", () => {
  const answering = (response: () => Response, extra: Partial<ConstructorParameters<typeof ClientCredentialsTokenProvider>[0]> = {}) => {
    const sent: Request[] = [];
    const p = provider({
      tokenUrl: "https://auth.example.com/token?tenant=t",
      fetch: async (request) => {
        sent.push(request);
        return response();
      },
      ...extra,
    });
    return { p, sent };
  };
  const failure = (promise: Promise<unknown>) => promise.then(() => new Error("expected a failure"), (e: unknown) => e as AirbyteError);

  it.each([
    [300, true],
    [308, true],
    [399, true],
    [400, false],
    [299, false],
  ])("status %i is a redirect: %s", async (status, isRedirect) => {
    const { p } = answering(() => new Response(status === 299 ? '{"access_token":"tok-1"}' : "", { status, headers: { "content-type": "application/json" } }));
    const result = await p.token().catch((e: unknown) => e as Error);
    if (status === 299) expect(result).toBe("tok-1");
    else expect(String((result as Error).message).includes("with a redirect. The client never follows")).toBe(isRedirect);
  });

  it.each([
    ["an HTML page after blank lines", "\n  <html>login</html>", "answered 200 with an HTML page instead of a token. Check tokenUrl (it defaults to <baseUrl>/applications/token)."],
    ["text", "ok", "answered 200 with a body that is not valid JSON. Check tokenUrl (it defaults to <baseUrl>/applications/token)."],
    ["an empty access_token", '{"access_token":""}', "answered 200 without an access_token. Check tokenUrl (it defaults to <baseUrl>/applications/token)."],
    ["a numeric access_token", '{"access_token":12345}', "answered 200 without an access_token. Check tokenUrl (it defaults to <baseUrl>/applications/token)."],
    ["null", "null", "answered 200 without an access_token. Check tokenUrl (it defaults to <baseUrl>/applications/token)."],
  ])("%s: AirbyteUnexpectedResponseError saying so", async (_, text, message) => {
    const { p } = answering(() => new Response(text, { headers: { "content-type": "text/html" } }));
    const error = await failure(p.token());
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect(error.message).toBe(`POST https://auth.example.com/token (token request) ${message}`);
    expect(error).toMatchObject({ method: "POST", url: "https://auth.example.com/token", status: 200, contentType: "text/html" });
  });

  it("names the content type as API errors do (lower case, without parameters)", async () => {
    const { p } = answering(() => new Response("<html>login</html>", { headers: { "content-type": "Text/HTML; charset=utf-8" } }));
    expect(await failure(p.token())).toMatchObject({ url: "https://auth.example.com/token", contentType: "text/html" });
  });

  it("sends a JSON Accept header and the client's headers, and logs without the body", async () => {
    const log: string[] = [];
    const { p, sent } = answering(() => Response.json({ access_token: "tok-1" }), { headers: { "User-Agent": "ua" }, logger: { debug: (line) => log.push(line) } });
    await p.token();
    expect(sent[0]?.headers.get("accept")).toBe("application/json");
    expect(sent[0]?.headers.get("user-agent")).toBe("ua");
    expect(sent[0]?.redirect).toBe("manual");
    expect(log).toHaveLength(2);
    // The token request is logged like every request: redacted headers, never the body (it holds the secret).
    expect(log[0]).toBe('[airbyte-api-client] → POST https://auth.example.com/token (token request) {"user-agent":"ua","accept":"application/json","content-type":"application/json"}');
    expect(log[1]).toMatch(/^\[airbyte-api-client\] ← 200 POST https:\/\/auth\.example\.com\/token \(token request\) in \d+ ms$/);
  });

  it("a token endpoint that does not answer in timeoutMs is an attempt timeout; a network failure a connection error (bare URL in url, '(token request)' in the message)", async () => {
    const time = fakeClock();
    const hang = provider({ tokenUrl: "https://auth.example.com/token", timeoutMs: 20, clock: time.clock, fetch: (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))) });
    const pending = failure(hang.token());
    await flush();
    await time.advance(20);
    const timeout = await pending;
    expect(timeout).toMatchObject({ name: "AirbyteTimeoutError", scope: "attempt", timeoutMs: 20, method: "POST", url: "https://auth.example.com/token" });
    expect(timeout.message).toBe("POST https://auth.example.com/token (token request) timed out: no complete answer within 20 ms (timeoutMs).");
    const down = provider({ tokenUrl: "https://auth.example.com/token", fetch: async () => Promise.reject(new TypeError("fetch failed")) });
    const connection = await failure(down.token());
    expect(connection).toMatchObject({ name: "AirbyteConnectionError", method: "POST", url: "https://auth.example.com/token" });
    expect(connection.message).toBe("POST https://auth.example.com/token (token request) could not reach the server: fetch failed");
  });

  it("invalidate drops only the token it names", async () => {
    let n = 0;
    const p = provider({ tokenUrl: "https://auth.example.com/token", fetch: async () => Response.json({ access_token: `tok-${++n}`, expires_in: 3600 }) });
    expect(await p.token()).toBe("tok-1");
    p.invalidate("tok-other");
    expect(await p.token()).toBe("tok-1");
    p.invalidate("tok-1");
    expect(await p.token()).toBe("tok-2");
    p.invalidate();
    expect(await p.token()).toBe("tok-3");
  });

  it("the redactor holds the newest token only", async () => {
    let n = 0;
    const redactor = new Redactor();
    const p = provider({ tokenUrl: "https://auth.example.com/token", redactor, fetch: async () => Response.json({ access_token: `token-${++n}`, expires_in: 0 }) });
    await p.token();
    await p.token();
    expect(redactor.redact("token-1 token-2")).toBe("token-1 [REDACTED]");
    expect(redactor.size).toBe(1);
  });

  it("an already aborted signal rejects at once, without a request", async () => {
    const { p, sent } = answering(() => Response.json({ access_token: "tok-1" }));
    const controller = new AbortController();
    controller.abort();
    await expect(p.token(controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(sent).toHaveLength(0);
  });
});
