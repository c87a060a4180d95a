/**
 * Credentials at their edges: a basic password or client id beyond Latin-1
 * (encoded or sent in a body, never as a raw header), `user:password` echoed
 * by a server, what the built-in strategies declare to the transport, a Deno
 * global without a version, and per-call headers without a credential on a
 * plain-http base URL.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { basic, bearer, clientCredentials, createAirbyteClient, type AuthStrategy } from "../../src/index.js";
import { Redactor } from "../../src/redact.js";
import { systemClock } from "../../src/clock.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const base = "https://api.example.com/v1";
const source = { sourceId: id, name: "pg", sourceType: "postgres", workspaceId: id, configuration: {} };
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A recording fetch: token requests get a token, API calls `answer`. */
function recorder(answer: () => Response = () => Response.json(source)) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return request.url.endsWith("/applications/token") ? Response.json({ access_token: "tok-abcd", expires_in: 600 }) : answer();
  };
  return { requests, fetch };
}

const utf8Base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("values beyond Latin-1", () => {
  it("a basic password beyond Latin-1 is accepted and sent UTF-8 base64 encoded", async () => {
    const r = recorder();
    await createAirbyteClient({ baseUrl: base, auth: { username: "admin", password: "пароль-€" }, fetch: r.fetch }).sources.getSource(id);
    expect(r.requests[0]?.headers.get("authorization")).toBe(`Basic ${utf8Base64("admin:пароль-€")}`);
  });

  it("a basic username beyond Latin-1 is accepted too (it is encoded, not sent raw)", async () => {
    const r = recorder();
    await createAirbyteClient({ baseUrl: base, auth: basic("jürgen-δ", "pw-1234"), fetch: r.fetch }).sources.getSource(id);
    expect(r.requests[0]?.headers.get("authorization")).toBe(`Basic ${utf8Base64("jürgen-δ:pw-1234")}`);
  });

  it("a client id and secret beyond Latin-1 go in the token request's body", async () => {
    const r = recorder();
    await createAirbyteClient({ baseUrl: base, auth: clientCredentials({ clientId: "клиент", clientSecret: "секрет-1234" }), fetch: r.fetch }).sources.getSource(id);
    expect(JSON.parse(await r.requests[0]!.text())).toMatchObject({ client_id: "клиент", client_secret: "секрет-1234" });
  });
});

describe("redaction of basic credentials", () => {
  it("a server echoing `user:password` shows neither the password nor the pair", async () => {
    const r = recorder(() => new Response("denied for alice-admin:pw9 here", { status: 403 }));
    const airbyte = createAirbyteClient({ baseUrl: base, auth: { username: "alice-admin", password: "pw9" }, fetch: r.fetch, retry: false });
    const error = await airbyte.sources.getSource(id).then(() => new Error("expected a failure"), (e: unknown) => e as Error);
    expect(error.message).toContain("denied for [REDACTED] here");
    expect(error.message).not.toContain("alice-admin");
  });
});

describe("what the built-in strategies declare", () => {
  const ctx: Parameters<AuthStrategy["create"]>[0] = {
    baseUrl: base,
    origin: "https://api.example.com",
    fetch: async () => Response.json({}),
    redactor: new Redactor(),
    headers: {},
    clock: systemClock,
    tokenTimeoutMs: 1_000,
    maxResponseBytes: 1_000_000,
    logger: undefined,
    allowInsecureHttp: false,
    dangerouslyAllowBrowser: false,
  };

  it("a bearer function mints its header per call and may renew it; a fixed token does neither", () => {
    expect(bearer(() => "tok-abcd").create(ctx)).toMatchObject({ minted: true, canRenew: true });
    const fixed = bearer("tok-abcd").create(ctx);
    expect(fixed.canRenew).toBe(false);
    expect(fixed.minted).toBeUndefined();
  });
});

describe("server runtimes with browser-like globals", () => {
  it("a Deno global without a version is not taken for a browser, nor does it break the check", async () => {
    vi.stubGlobal("Deno", {});
    const r = recorder();
    await createAirbyteClient({ baseUrl: base, auth: { username: "admin", password: "pw-1234" }, fetch: r.fetch }).sources.getSource(id);
    expect(r.requests).toHaveLength(1);
  });
});

describe("per-call headers on a plain-http base URL", () => {
  it("headers without a credential are sent; only a credential is refused over plain http", async () => {
    const r = recorder();
    const airbyte = createAirbyteClient({ baseUrl: "http://airbyte.example.com/v1", auth: false, fetch: r.fetch });
    await airbyte.sources.getSource(id, undefined, { headers: { "X-Request-Id": "r-1" } });
    expect(r.requests[0]?.headers.get("x-request-id")).toBe("r-1");
    await expect(airbyte.sources.getSource(id, undefined, { headers: { Authorization: "Bearer t-1234" } })).rejects.toThrow(/^Refusing to send credentials over plain http/);
  });
});
