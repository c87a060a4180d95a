/**
 * For every auth mode and every error class the client throws, no secret
 * appears in the message, the stack, `String(error)`, `JSON.stringify(error)`
 * or the debug log; and the log lines carry method, URL, status, duration and
 * attempt.
 */
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, createRawClient, type AuthOptions } from "../../src/index.js";
import { fakeClock } from "../helpers/fake-clock.js";
import { json, problem, startServer, type RecordedRequest, type TestServer } from "../helpers/server.js";

let server: TestServer;
let baseUrl: string;
beforeAll(async () => {
  server = await startServer();
  baseUrl = `${server.origin}/v1`;
});
afterAll(() => server.close());

const secrets = { bearer: "brr-SECRET-0001", password: "pwd-SECRET-0002", clientSecret: "cls-SECRET-0003", accessToken: "acc-SECRET-0004", cookie: "cookie-SECRET-0005" };
const basic = Buffer.from(`admin:${secrets.password}`).toString("base64");
const modes: Array<[string, AuthOptions, string[]]> = [
  ["bearer", { bearerToken: secrets.bearer }, [secrets.bearer]],
  ["bearer function", { bearerToken: async () => secrets.bearer }, [secrets.bearer]],
  ["basic", { username: "admin", password: secrets.password }, [secrets.password, basic]],
  ["client credentials", { clientId: "cid", clientSecret: secrets.clientSecret }, [secrets.clientSecret, secrets.accessToken]],
];

/** [error class, how the server misbehaves for API calls (it echoes what it got)] */
const failures: Array<[string, (req: RecordedRequest, res: ServerResponse) => void]> = [
  ["AirbyteBadRequestError", (req, res) => problem(res, 400, "bad", `got ${req.headers.authorization} ${req.headers.cookie} ${req.body}`)],
  ["AirbyteAuthenticationError", (req, res) => problem(res, 401, "invalid-api-key", `rejected ${req.headers.authorization}`)],
  ["AirbyteRateLimitError", (req, res) => problem(res, 429, "rate-limited", `slow down ${req.headers.authorization}`)],
  ["AirbyteServerError", (req, res) => (res.writeHead(500, { "content-type": "text/plain" }), res.end(`crash dump: ${req.headers.authorization} ${req.headers.cookie}`))],
  ["AirbyteUnexpectedResponseError", (req, res) => (res.writeHead(200, { "content-type": "text/html" }), res.end(`<html>${req.headers.authorization} ${req.headers.cookie}</html>`))],
  ["AirbyteConnectionError", (req, res) => void res.socket?.destroy()],
  ["AirbyteTimeoutError", () => undefined],
];

describe.each(modes)("auth mode %s", (_, auth, known) => {
  it.each(failures)("%s shows no secret", async (expectedName, misbehave) => {
    const log: string[] = [];
    // A fake clock: the timeout case's server never answers, and moves time past the attempt timeout once the request has arrived.
    const time = fakeClock();
    const timeoutMs = 30_000;
    const respond = expectedName === "AirbyteTimeoutError" ? () => void time.advance(timeoutMs) : misbehave;
    server.handle((req, res) => (req.url.endsWith("/applications/token") ? json(res, 200, { access_token: secrets.accessToken, expires_in: 60 }) : respond(req, res)));
    const airbyte = createAirbyteClient({ baseUrl, auth, retry: false, timeoutMs, clock: time.clock, logger: { debug: (line) => log.push(line) } });
    const error = await airbyte.sources
      .createSource({ name: "x", workspaceId: "w", configuration: { password: secrets.password } }, { headers: { Cookie: `session=${secrets.cookie}` } })
      .then(
        () => undefined,
        (e: unknown) => e as AirbyteError,
      );
    expect(error).toBeInstanceOf(AirbyteError);
    expect(error?.name).toBe(expectedName);
    const shown = [error?.message, error?.stack, String(error), JSON.stringify(error), ...log].join("\n");
    for (const secret of [...known, secrets.cookie]) expect(shown).not.toContain(secret);
    // The redacted request is kept, with the secret headers replaced.
    expect(error?.request).toMatchObject({ method: "POST", url: `${baseUrl}/sources` });
    expect(error?.request?.headers.authorization).toBe("[REDACTED]");
    expect(error?.request?.headers.cookie).toBe("[REDACTED]");
  });
});

describe("debug log", () => {
  it("logs request, response with status, duration and attempt, and retries", async () => {
    let n = 0;
    server.handle((req, res) => (++n === 1 ? problem(res, 503, "unavailable", "busy") : json(res, 200, { sourceId: "s", name: "n", workspaceId: "w", configuration: {}, createdAt: 1 })));
    const log: string[] = [];
    const airbyte = createAirbyteClient({
      baseUrl,
      auth: { bearerToken: secrets.bearer },
      logger: { debug: (line) => log.push(line) },
      clock: { sleep: async () => undefined },
    });
    await airbyte.sources.getSource("abc", { includeSecretCoordinates: true });
    expect(log).toHaveLength(5);
    expect(log[0]).toMatch(new RegExp(`^\\[airbyte-api-client\\] → GET ${baseUrl}/sources/abc\\?includeSecretCoordinates=true \\(attempt 1\\) .*"authorization":"\\[REDACTED\\]"`));
    expect(log[1]).toMatch(new RegExp(`^\\[airbyte-api-client\\] ← 503 GET ${baseUrl}/sources/abc\\?includeSecretCoordinates=true in \\d+ ms \\(attempt 1\\)$`));
    expect(log[2]).toMatch(/^\[airbyte-api-client\] retry GET .* in \d+ ms after 503 \(attempt 1 of 3\)$/);
    expect(log[3]).toMatch(/→ GET .* \(attempt 2\)/);
    expect(log[4]).toMatch(/← 200 GET .* in \d+ ms \(attempt 2\)$/);
    expect(log.join("\n")).not.toContain(secrets.bearer);
  });

  it("redacts secret query values such as secret_id in logged URLs", async () => {
    server.handle((_, res) => json(res, 200, {}));
    const log: string[] = [];
    const airbyte = createAirbyteClient({ baseUrl, auth: { bearerToken: "k-1234" }, logger: { debug: (line) => log.push(line) } });
    await createRawClient(airbyte).GET("/oauth/callback", { params: { query: { queryParams: { code: "sid-SECRET-9", state: "visible" } } } });
    expect(log.join("\n")).not.toContain("sid-SECRET-9");
    expect(log.join("\n")).toContain("code=[REDACTED]&state=visible");
  });

  it("a logger that throws does not break the call", async () => {
    server.handle((_, res) => res.end());
    const airbyte = createAirbyteClient({ auth: false, baseUrl, logger: { debug: () => { throw new Error("disk full"); } } });
    await expect(airbyte.health.getHealthCheck()).resolves.toBeUndefined();
  });
});
