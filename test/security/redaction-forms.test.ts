/**
 * The forms a secret takes once a server echoes it, and what is hidden
 * without registration: each test has an in-memory server echo something
 * into a problem's `detail`, then reads the redacted `error.problem.detail`
 * (and `error.request`) the caller sees.
 */
import { describe, expect, it } from "vitest";
import { AirbyteApiError, createAirbyteClient, type ClientOptions } from "../../src/index.js";

const sourceId = "src-1";

/** A client whose server answers every request with a 400 problem whose detail is `detail(request)`. */
function echoClient(options: Omit<ClientOptions, "fetch">, detail: (request: Request) => string, headers: Record<string, string> = {}) {
  return createAirbyteClient({
    retry: false,
    ...options,
    fetch: async (request) =>
      new Response(JSON.stringify({ type: "about:blank", title: "bad", status: 400, detail: detail(request) }), {
        status: 400,
        headers: { "content-type": "application/problem+json", ...headers },
      }),
  });
}

async function failure(call: Promise<unknown>): Promise<AirbyteApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AirbyteApiError)) throw new Error(`expected an AirbyteApiError, got ${String(error)}`);
  return error;
}

const detailOf = async (call: Promise<unknown>): Promise<string | null | undefined> => (await failure(call)).problem?.detail;

describe("forms of a registered secret", () => {
  it("a token configured with surrounding spaces is hidden in the trimmed form the server received", async () => {
    const airbyte = echoClient({ auth: { bearerToken: "  tok-TRIM-secret-1  " } }, (r) => `rejected ${r.headers.get("authorization")}`);
    expect(await detailOf(airbyte.sources.getSource(sourceId))).toBe("rejected Bearer   [REDACTED]");
  });

  it("a secret header value with surrounding spaces is hidden in its trimmed form", async () => {
    const airbyte = echoClient({ auth: false, headers: { "x-api-key": " key-TRIM-secret-2 " } }, (r) => `key=${r.headers.get("x-api-key")}.`);
    expect(await detailOf(airbyte.sources.getSource(sourceId))).toBe("key=[REDACTED].");
  });

  it("a token echoed in RFC 3986 encoding (!'()* escaped, in either case) is hidden", async () => {
    const token = "pa*ss!w(o)rd'";
    const airbyte = echoClient({ auth: { bearerToken: token } }, () => "strict pa%2Ass%21w%28o%29rd%27 lower pa%2ass%21w%28o%29rd%27 raw pa*ss!w(o)rd'");
    expect(await detailOf(airbyte.sources.getSource(sourceId))).toBe("strict [REDACTED] lower [REDACTED] raw [REDACTED]");
  });

  it("Basic credentials echoed in URL-safe base64 without padding are hidden", async () => {
    // base64("admin:pw>>>?a") is "YWRtaW46cHc+Pj4/YQ==": it has a "+", a "/" and padding.
    const airbyte = echoClient({ auth: { username: "admin", password: "pw>>>?a" } }, () => "urlsafe YWRtaW46cHc-Pj4_YQ bare YWRtaW46cHc+Pj4/YQ end");
    expect(await detailOf(airbyte.sources.getSource(sourceId))).toBe("urlsafe [REDACTED] bare [REDACTED] end");
  });

  it.each([["!ab+cd/ef"], ["ab+cd/ef!"], ["ab+cd/ef!gh"]])("token %s is not base64: its URL-safe look-alike is not derived from it", async (token) => {
    const lookAlike = token.replace("+", "-").replace("/", "_");
    const airbyte = echoClient({ auth: { bearerToken: token } }, () => `look-alike ${lookAlike} token ${token}`);
    expect(await detailOf(airbyte.sources.getSource(sourceId))).toBe(`look-alike ${lookAlike} token [REDACTED]`);
  });

  it("a blank cookie value in per-call headers is no secret (it would match everywhere)", async () => {
    const airbyte = echoClient({ auth: { bearerToken: "tok-BLANK-0001" } }, () => "plain words, and sid-SECRET-42.");
    const call = airbyte.sources.getSource(sourceId, {}, { headers: { cookie: "theme=; sid=sid-SECRET-42" } });
    expect(await detailOf(call)).toBe("plain words, and [REDACTED].");
  });

  it("a blank cookie value in the client's headers is no secret either", async () => {
    const airbyte = echoClient({ auth: false, headers: { cookie: "theme= ; sid=sid-SECRET-43" } }, () => "plain words, and sid-SECRET-43.");
    expect(await detailOf(airbyte.sources.getSource(sourceId))).toBe("plain words, and [REDACTED].");
  });

  it("a per-call secret is hidden even after earlier errors were redacted without it, and forgotten after its call", async () => {
    const airbyte = echoClient({ auth: { bearerToken: "tok-LATER-0001" } }, (r) => `saw ${r.headers.get("x-session-id") ?? "none"} and sess-SECRET-77`);
    expect(await detailOf(airbyte.sources.getSource(sourceId))).toBe("saw none and sess-SECRET-77");
    const withSecret = airbyte.sources.getSource(sourceId, {}, { headers: { "x-session-id": "sess-SECRET-77" } });
    expect(await detailOf(withSecret)).toBe("saw [REDACTED] and [REDACTED]");
    expect(await detailOf(airbyte.sources.getSource(sourceId))).toBe("saw none and sess-SECRET-77");
  });
});

describe("hidden without registration", () => {
  const anonymous = (text: string) => detailOf(echoClient({ auth: false }, () => text).sources.getSource(sourceId));

  it.each([
    ["at the start of the text", "http://proxyuser:hunter2pw@proxy.internal:3128 refused", "http://[REDACTED]@proxy.internal:3128 refused"],
    ["after a parenthesis", "tunnel (http://proxyuser:hunter2pw@proxy.internal:3128) refused", "tunnel (http://[REDACTED]@proxy.internal:3128) refused"],
    ["after a word", "via https://u:hunter2pw@proxy", "via https://[REDACTED]@proxy"],
  ])("URL credentials %s", async (_, text, shown) => {
    expect(await anonymous(text)).toBe(shown);
  });

  it("every secret query value, whatever the case of its name", async () => {
    expect(await anonymous("see /cb?Access_Token=aaa&state=s&PASSWORD=bbb&code=ccc done")).toBe("see /cb?Access_Token=[REDACTED]&state=s&PASSWORD=[REDACTED]&code=[REDACTED] done");
  });

  it("a secret parameter in free text, apikey included", async () => {
    expect(await anonymous("use apikey=k-123 or token=t-456 then")).toBe("use apikey=[REDACTED] or token=[REDACTED] then");
  });

  it("but not `code=` in free text: only as a query parameter", async () => {
    expect(await anonymous("status code=E42 and error_code=7")).toBe("status code=E42 and error_code=7");
  });

  it("an ordinary query parameter of the failed request stays readable in error.request.url", async () => {
    const airbyte = echoClient({ auth: false }, () => "x");
    const error = await failure(airbyte.sources.getSource(sourceId, { includeSecretCoordinates: true }));
    expect(error.request?.url).toBe(`https://api.airbyte.com/v1/sources/${sourceId}?includeSecretCoordinates=true`);
  });
});

describe("secret header names", () => {
  // X-Authorization (and any "-authorization" name) carries a credential like Authorization does.
  it.each([["x-apikey"], ["X-ApiKey"], ["x-credential"], ["x-credentials"], ["subscription-key"], ["X-Authorization"], ["x-upstream-authorization"]])("%s is redacted in the request and in the response headers", async (name) => {
    const airbyte = echoClient({ auth: false }, () => "x", { [name]: "from-server-1" });
    const error = await failure(airbyte.sources.getSource(sourceId, {}, { headers: { [name]: "hdr-SECRET-9001" } }));
    expect(error.request?.headers[name.toLowerCase()]).toBe("[REDACTED]");
    expect(error.headers.get(name)).toBe("[REDACTED]");
  });
});
