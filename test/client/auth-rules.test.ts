/**
 * The auth strategies' rules with exact messages, and which of them may renew
 * credentials after a 401: a fixed bearer token or basic auth is never
 * replayed, a bearer function and client credentials are replayed once.
 * Written against the mutants Stryker left alive in src/auth.ts and
 * src/core.ts; auth.test.ts holds the everyday flows.
 */
import { describe, expect, it } from "vitest";
import { AirbyteError, basic, bearer, clientCredentials, createAirbyteClient, createAirbyteCore, getHealthCheck, type ClientOptions } from "../../src/index.js";

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

describe("credentials are checked when the client is made", () => {
  const refused: Array<[string, unknown, string]> = [
    ["a blank bearer token", { bearerToken: "  " }, "auth.bearerToken must be a non-empty string."],
    ["a bearer token that is a number", { bearerToken: 5 }, "auth.bearerToken must be a string or a function returning one."],
    ["a username that is not a string", { username: 5, password: "p" }, "auth.username must be a non-empty string."],
    ["a password that is not a string", { username: "u", password: 5 }, "auth.password must be a string."],
    ["a blank client id", { clientId: " ", clientSecret: "s" }, "auth.clientId must be a non-empty string."],
    ["refreshBeforeExpiryMs: -1", { clientId: "c", clientSecret: "s", refreshBeforeExpiryMs: -1 }, "auth.refreshBeforeExpiryMs must be a number of milliseconds from 0 to 2147483647; got -1."],
    ["refreshBeforeExpiryMs: 2^31", { clientId: "c", clientSecret: "s", refreshBeforeExpiryMs: 2 ** 31 }, "auth.refreshBeforeExpiryMs must be a number of milliseconds from 0 to 2147483647; got 2147483648."],
    ["refreshBeforeExpiryMs as text", { clientId: "c", clientSecret: "s", refreshBeforeExpiryMs: "5" }, "auth.refreshBeforeExpiryMs must be a number of milliseconds from 0 to 2147483647; got 5."],
    ["tokenRequestFormat: xml", { clientId: "c", clientSecret: "s", tokenRequestFormat: "xml" }, 'auth.tokenRequestFormat must be "json" or "form"; got xml.'],
    ["a tokenUrl that is not a string", { clientId: "c", clientSecret: "s", tokenUrl: 5 }, "auth.tokenUrl must be a string."],
    ["null", null, "auth must be one of { bearerToken }, { username, password } or { clientId, clientSecret, tokenUrl? }, or bearer(...), basic(...), clientCredentials(...)."],
    ["a string", "token", "auth must be one of { bearerToken }, { username, password } or { clientId, clientSecret, tokenUrl? }, or bearer(...), basic(...), clientCredentials(...)."],
    ["an object whose create is not a function", { create: 5 }, "auth must be one of { bearerToken }, { username, password } or { clientId, clientSecret, tokenUrl? }, or bearer(...), basic(...), clientCredentials(...)."],
  ];
  it.each(refused)("refuses %s", (_, auth, message) => {
    expect(refusal(() => createAirbyteClient({ auth: auth as ClientOptions["auth"] })).message).toBe(message);
  });

  it.each([
    ["refreshBeforeExpiryMs: 0", { clientId: "c", clientSecret: "s", refreshBeforeExpiryMs: 0 }],
    ["refreshBeforeExpiryMs: 2^31 - 1", { clientId: "c", clientSecret: "s", refreshBeforeExpiryMs: 2 ** 31 - 1 }],
    ["an empty password", { username: "u", password: "" }],
    ["a strategy object", bearer("t")],
  ])("accepts %s", (_, auth) => {
    expect(() => createAirbyteClient({ auth: auth as ClientOptions["auth"] })).not.toThrow();
  });

  it("createAirbyteCore takes only strategies", () => {
    const message = "createAirbyteCore: auth must be made by bearer(...), basic(...) or clientCredentials(...).";
    expect(refusal(() => createAirbyteCore({ auth: null as never })).message).toBe(message);
    expect(refusal(() => createAirbyteCore({ auth: { bearerToken: "t" } as never })).message).toBe(message);
    expect(() => createAirbyteCore({ auth: basic("u", "p") })).not.toThrow();
    expect(() => createAirbyteCore({ auth: undefined })).not.toThrow();
  });

  it("a core is a frozen handle of kind airbyte-core", () => {
    const core = createAirbyteCore();
    expect(core).toEqual({ kind: "airbyte-core" });
    expect(Object.isFrozen(core)).toBe(true);
  });

  it("an operation function refuses anything but a core, as a rejection", async () => {
    const promise = getHealthCheck({} as never);
    await expect(promise).rejects.toThrow("getHealthCheck: the first argument must be a core made by createAirbyteCore(...).");
  });
});

describe("the Authorization header each strategy sends", () => {
  async function header(auth: ClientOptions["auth"]) {
    const sent: Request[] = [];
    const airbyte = createAirbyteClient({
      auth,
      fetch: async (r) => (sent.push(r), r.url.endsWith("/applications/token") ? Response.json({ access_token: "tok-9", expires_in: 3600 }) : Response.json({ sourceId: "s" })),
    });
    await airbyte.sources.getSource(id);
    return sent.at(-1)?.headers.get("authorization");
  }
  it.each([
    ["bearer string", { bearerToken: "abc" }, "Bearer abc"],
    ["bearer()", bearer("abc"), "Bearer abc"],
    ["bearer function", { bearerToken: async () => "fn-1" }, "Bearer fn-1"],
    ["basic", { username: "u", password: "p" }, `Basic ${btoa("u:p")}`],
    ["basic()", basic("ü", "€"), `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode("ü:€")))}`],
    ["client credentials", { clientId: "c", clientSecret: "s" }, "Bearer tok-9"],
    ["clientCredentials()", clientCredentials({ clientId: "c", clientSecret: "s" }), "Bearer tok-9"],
  ])("%s", async (_, auth, want) => {
    expect(await header(auth as ClientOptions["auth"])).toBe(want);
  });

  it("a bearer function returning an empty token fails the call without sending", async () => {
    const sent: Request[] = [];
    const airbyte = createAirbyteClient({ auth: { bearerToken: () => "" }, fetch: async (r) => (sent.push(r), Response.json({})) });
    await expect(airbyte.sources.getSource(id)).rejects.toThrow("the token returned by auth.bearerToken() must be a non-empty string.");
    expect(sent).toHaveLength(0);
  });
});

describe("after a 401", () => {
  // [strategy, requests to the API, token requests]
  const cases: Array<[string, () => ClientOptions["auth"], number, number]> = [
    ["a fixed bearer token is not replayed", () => ({ bearerToken: "fixed" }), 1, 0],
    ["basic auth is not replayed", () => ({ username: "u", password: "p" }), 1, 0],
    ["a bearer function is asked again and replayed once", () => {
      let n = 0;
      return { bearerToken: () => `fn-${++n}` };
    }, 2, 0],
    ["client credentials fetch a new token and replay once", () => ({ clientId: "c", clientSecret: "s" }), 2, 2],
  ];
  it.each(cases)("%s", async (_, auth, apiCalls, tokenCalls) => {
    let tokens = 0;
    const api: string[] = [];
    const airbyte = createAirbyteClient({
      auth: auth(),
      retry: false,
      fetch: async (r) => {
        if (r.url.endsWith("/applications/token")) return Response.json({ access_token: `tok-${++tokens}`, expires_in: 3600 });
        api.push(r.headers.get("authorization") ?? "");
        return new Response(null, { status: 401 });
      },
    });
    const error = await airbyte.sources.getSource(id).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AirbyteAuthenticationError");
    expect(api).toHaveLength(apiCalls);
    expect(tokens).toBe(tokenCalls);
    if (apiCalls === 2) expect(api[0]).not.toBe(api[1]);
  });
});
