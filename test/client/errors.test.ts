/**
 * Every error path: thrown (never returned), the right class, a message that
 * states method, path, status, title and detail, and no secret anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AirbyteApiError,
  AirbyteAuthenticationError,
  AirbyteBadRequestError,
  AirbyteConflictError,
  AirbyteConnectionError,
  AirbyteError,
  AirbyteNotFoundError,
  AirbytePermissionDeniedError,
  AirbyteRateLimitError,
  AirbyteServerError,
  AirbyteTimeoutError,
  AirbyteUnexpectedResponseError,
  AirbyteUnprocessableEntityError,
  createAirbyteClient,
  type AuthOptions,
} from "../../src/index.js";
import { json, problem, startServer, useTestServer, type TestServer } from "../helpers/server.js";

const t = useTestServer();

const sourceId = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
// Retries are covered by the fault-injection suite; here each status is seen once.
const getSource = (auth: AuthOptions = { bearerToken: "k" }) =>
  createAirbyteClient({ baseUrl: t.baseUrl, auth, retry: false }).sources.getSource(sourceId).then(
    () => {
      throw new Error("expected the call to throw");
    },
    (e: unknown) => e as Error,
  );

describe("HTTP error statuses", () => {
  it.each([
    [400, AirbyteBadRequestError],
    [401, AirbyteAuthenticationError],
    [403, AirbytePermissionDeniedError],
    [404, AirbyteNotFoundError],
    [409, AirbyteConflictError],
    [422, AirbyteUnprocessableEntityError],
    [429, AirbyteRateLimitError],
    [500, AirbyteServerError],
    [501, AirbyteServerError],
    [503, AirbyteServerError],
    [405, AirbyteApiError],
  ])("%i throws %o with the problem parsed", async (status, Class) => {
    t.server.handle((_, res) => problem(res, status, "some-problem", `detail for ${status}`));
    const error = await getSource();
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(AirbyteApiError);
    expect(error).toBeInstanceOf(AirbyteError);
    const apiError = error as AirbyteApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.problem).toEqual({
      type: "https://reference.airbyte.com/reference/errors#some-problem",
      title: "some-problem",
      status,
      detail: `detail for ${status}`,
    });
    expect(apiError.headers.get("content-type")).toBe("application/problem+json");
    expect(apiError.message).toBe(
      `GET ${t.baseUrl}/sources/${sourceId} failed with ${status}: some-problem: detail for ${status}`,
    );
  });

  it("a problem sent as application/json is parsed too", async () => {
    t.server.handle((_, res) => json(res, 400, { title: "value-not-found", detail: "The sourceType x is unknown.", status: 400 }));
    const error = (await getSource()) as AirbyteBadRequestError;
    expect(error.problem?.title).toBe("value-not-found");
  });

  it("an error status with an HTML page says so and hints at the base URL", async () => {
    t.server.handle((_, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><html><body>Not Found</body></html>");
    });
    const error = (await getSource()) as AirbyteNotFoundError;
    expect(error).toBeInstanceOf(AirbyteNotFoundError);
    expect(error.problem).toBeUndefined();
    expect(error.message).toMatch(/failed with 404: the server answered with an HTML page, not an Airbyte error\. .*wrong baseUrl \(it is http:\/\/127\.0\.0\.1:\d+\/api\/public\/v1/);
  });

  it("an error status with plain text keeps a snippet of it", async () => {
    t.server.handle((_, res) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end("upstream connect error");
    });
    expect((await getSource()).message).toMatch(/failed with 502: upstream connect error$/);
  });

  it("an error status without a body says so", async () => {
    t.server.handle((_, res) => {
      res.statusCode = 403;
      res.end();
    });
    expect((await getSource()).message).toMatch(/failed with 403: \(no error body\)$/);
  });

  it("keeps the request id header", async () => {
    t.server.handle((_, res) => {
      res.writeHead(500, { "content-type": "application/json", "x-request-id": "req-42" });
      res.end("{}");
    });
    expect(((await getSource()) as AirbyteServerError).requestId).toBe("req-42");
  });
});

describe("bodies that are not what the spec promises", () => {
  it.each([
    [
      "an HTML page with status 200",
      { "content-type": "text/html" },
      "<html><head><title>Airbyte</title></head><body>app</body></html>",
      /answered 200 with an HTML page instead of JSON \("<html><head><title>Airbyte.*wrong baseUrl/,
    ],
    ["truncated JSON", { "content-type": "application/json" }, '{"sourceId":"18dc', /not valid JSON \(17 characters, perhaps truncated/],
    ["an empty body with a JSON content type", { "content-type": "application/json" }, "", /empty body where the spec promises JSON/],
    ["plain text", { "content-type": "text/plain" }, "ok", /answered 200 with text\/plain instead of JSON \("ok"\)/],
  ])("%s throws AirbyteUnexpectedResponseError", async (_, headers, body, message) => {
    t.server.handle((_, res) => {
      res.writeHead(200, headers);
      res.end(body);
    });
    const error = (await getSource()) as AirbyteUnexpectedResponseError;
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`GET ${t.baseUrl}/sources/${sourceId}`);
  });
});

describe("no connection", () => {
  it("a refused connection throws AirbyteConnectionError with the cause", async () => {
    const closed = await startServer();
    const deadUrl = `${closed.origin}/v1`;
    await closed.close();
    const error = await createAirbyteClient({ baseUrl: deadUrl, auth: { bearerToken: "k" }, retry: false })
      .sources.getSource(sourceId)
      .then(
        () => undefined,
        (e: unknown) => e as AirbyteConnectionError,
      );
    expect(error).toBeInstanceOf(AirbyteConnectionError);
    expect(error?.message).toMatch(new RegExp(`GET ${deadUrl}/sources/${sourceId} could not reach the server: .*ECONNREFUSED`));
    expect(error?.cause).toBeInstanceOf(Error);
  });
});

describe("secrets never show", () => {
  const secrets = {
    bearer: "sk-bearer-SECRET-1234",
    password: "pw-SECRET-5678",
    clientSecret: "cs-SECRET-9012",
    accessToken: "at-SECRET-3456",
  };
  const basic = Buffer.from(`admin:${secrets.password}`).toString("base64");
  // [mode, auth, the secrets that mode gives the client or the client fetches]
  const modes: Array<[string, AuthOptions, string[]]> = [
    ["bearer", { bearerToken: secrets.bearer }, [secrets.bearer]],
    ["basic", { username: "admin", password: secrets.password }, [secrets.password, basic]],
    ["client credentials", { clientId: "cid", clientSecret: secrets.clientSecret }, [secrets.clientSecret, secrets.accessToken]],
  ];
  const everything = (e: Error) =>
    [e.message, String(e), e.stack ?? "", JSON.stringify(e), JSON.stringify((e as AirbyteApiError).problem ?? {})].join("\n");

  it.each(modes)("%s: not in message, toString, stack or JSON of an API error whose body echoes them", async (_, auth, known) => {
    t.server.handle((req, res) => {
      if (req.url.endsWith("/token")) return json(res, 200, { access_token: secrets.accessToken });
      // A buggy server that echoes the credentials back in its error body.
      problem(res, 400, "bad", `you sent ${req.headers.authorization} ${known.join(" ")}`);
    });
    const shown = everything(await getSource(auth));
    for (const secret of known) expect(shown).not.toContain(secret);
    expect(shown).toContain("[REDACTED]");
  });

  it("an HTML page that contains the token is redacted in the snippet", async () => {
    t.server.handle((_, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<html><body>token ${secrets.bearer}</body></html>`);
    });
    const shown = everything(await getSource({ bearerToken: secrets.bearer }));
    expect(shown).not.toContain(secrets.bearer);
  });

  it("a truncated token response never quotes the body", async () => {
    t.server.handle((req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`{"access_token":"${secrets.accessToken}`);
    });
    const error = await getSource({ clientId: "cid", clientSecret: secrets.clientSecret });
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    const shown = everything(error) + String((error as Error & { cause?: unknown }).cause ?? "");
    expect(shown).not.toContain(secrets.accessToken);
    expect(shown).not.toContain(secrets.clientSecret);
  });
});

describe("method and url live once, in the base class", () => {
  const url = `https://api.airbyte.com/v1/sources/${sourceId}`;
  // [what, the error, its status when it has one]
  const cases: Array<[string, () => AirbyteError, number | undefined]> = [
    ["AirbyteApiError.generate(404)", () => AirbyteApiError.generate({ method: "GET", url, status: 404, headers: new Headers() }), 404],
    ["AirbyteConnectionError", () => new AirbyteConnectionError({ method: "GET", url, cause: new Error("reset") }), undefined],
    ["AirbyteTimeoutError", () => new AirbyteTimeoutError({ method: "GET", url, scope: "total", timeoutMs: 5 }), undefined],
    ["AirbyteUnexpectedResponseError", () => new AirbyteUnexpectedResponseError({ message: "m", method: "GET", url, status: 200, contentType: "text/html" }), 200],
  ];
  it.each(cases)("%s: on the instance as its own fields, once in JSON", (_, make, status) => {
    const error = make();
    expect(error).toMatchObject({ method: "GET", url });
    expect(Object.keys(error).filter((k) => k === "method" || k === "url")).toEqual(["method", "url"]);
    const json = JSON.stringify(error);
    expect(json.match(/"method":/g)).toHaveLength(1);
    expect(json.match(/"url":/g)).toHaveLength(1);
    expect(JSON.parse(json)).toMatchObject({ method: "GET", url, ...(status === undefined ? {} : { status }) });
  });

  it("a usage error has neither, and JSON shows neither", () => {
    const error = new AirbyteError("bad option");
    expect(error.method).toBeUndefined();
    expect(error.url).toBeUndefined();
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "AirbyteError", message: "bad option" });
  });

  it("the error of a real call carries them", async () => {
    t.server.handle((_, res) => problem(res, 404, "not-found", "gone"));
    const error = (await getSource()) as AirbyteNotFoundError;
    expect([error.method, error.url]).toEqual(["GET", `${t.baseUrl}/sources/${sourceId}`]);
  });

  it.each([
    [400, "AirbyteBadRequestError"],
    [401, "AirbyteAuthenticationError"],
    [403, "AirbytePermissionDeniedError"],
    [404, "AirbyteNotFoundError"],
    [409, "AirbyteConflictError"],
    [422, "AirbyteUnprocessableEntityError"],
    [429, "AirbyteRateLimitError"],
    [500, "AirbyteServerError"],
    [599, "AirbyteServerError"],
    [418, "AirbyteApiError"],
    [499, "AirbyteApiError"],
  ])("generate(%i) makes %s", (status, name) => {
    const error = AirbyteApiError.generate({ method: "GET", url, status, headers: new Headers() });
    expect(error.name).toBe(name);
    expect(error.constructor.name).toBe(name);
    expect(error.message).toBe(`GET ${url} failed with ${status}: (no error body)`);
  });
});
