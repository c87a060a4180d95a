/**
 * How an answer becomes a result or an error, rule by rule with exact
 * messages: which content types count as JSON, what counts as an HTML page,
 * what an error body that is not a problem document shows, and the 200
 * character snippet. Written against the mutants Stryker left alive in
 * src/response.ts and src/body.ts.
 */
import { describe, expect, it } from "vitest";
import { AirbyteApiError, AirbyteError, createAirbyteClient } from "../../src/index.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const url = `https://api.airbyte.com/v1/sources/${id}`;
const hint =
  "This is usually a wrong baseUrl (it is https://api.airbyte.com/v1; Airbyte Cloud is https://api.airbyte.com/v1, self-managed installs usually https://<host>/api/public/v1) or a proxy in between.";

function answering(response: () => Response, maxResponseBytes?: number) {
  return createAirbyteClient({ auth: false, retry: false, maxResponseBytes, fetch: async () => response() });
}
const settle = async (promise: Promise<unknown>) => promise.then((data) => ({ data }), (error: unknown) => ({ error: error as AirbyteError }));
/** A string body is sent as bytes, so Response adds no text/plain type of its own. */
const answer = (body: string | null, status: number, type?: string) => () =>
  new Response(body === null ? null : new TextEncoder().encode(body), { status, headers: type ? { "content-type": type } : {} });

describe("success bodies", () => {
  const parsed: Array<[string, string | undefined, string?]> = [
    ["application/json", "application/json"],
    ["application/json; charset=utf-8", "application/json; charset=utf-8"],
    ["upper case, spaced", " Application/JSON ; charset=utf-8"],
    ["a +json type", "application/vnd.airbyte+json"],
    ["no content type", undefined],
    ["no content type, a tag inside a string", undefined, '{"sourceId":"s","note":" <html>"}'],
  ];
  it.each(parsed)("%s is parsed as JSON", async (_, type, text = '{"sourceId":"s"}') => {
    const result = await settle(answering(answer(text, 200, type)).sources.getSource(id));
    expect(result).toEqual({ data: JSON.parse(text) });
  });

  const refused: Array<[string, () => Response, string]> = [
    ["an empty body", answer("", 200, "application/json"), `GET ${url} answered 200 with an empty body where the spec promises JSON.`],
    ["a blank body", answer(" \n ", 200, "application/json"), `GET ${url} answered 200 with an empty body where the spec promises JSON.`],
    ["text/plain", answer("ok", 200, "text/plain"), `GET ${url} answered 200 with text/plain instead of JSON ("ok"). ${hint}`],
    ["a type merely containing json", answer("{}", 200, "application/jsonp"), `GET ${url} answered 200 with application/jsonp instead of JSON ("{}"). ${hint}`],
    ["text/html", answer("hello", 200, "text/html; charset=utf-8"), `GET ${url} answered 200 with an HTML page instead of JSON ("hello"). ${hint}`],
    ["an untyped doctype page", answer("\n  <!DOCTYPE html><p>x", 200), `GET ${url} answered 200 with an HTML page instead of JSON ("<!DOCTYPE html><p>x"). ${hint}`],
    ["an untyped <HEAD> page", answer("<HEAD></HEAD>", 200), `GET ${url} answered 200 with an HTML page instead of JSON ("<HEAD></HEAD>"). ${hint}`],
    ["an untyped <body> page", answer("<body>", 200), `GET ${url} answered 200 with an HTML page instead of JSON ("<body>"). ${hint}`],
    ["invalid JSON", answer('{"a":', 200, "application/json"), `GET ${url} answered 200 with a body that is not valid JSON (5 characters, perhaps truncated: the connection may have been cut).`],
    ["a tag that is not HTML's", answer("<htmlx>", 200), `GET ${url} answered 200 with a body that is not valid JSON (7 characters, perhaps truncated: the connection may have been cut).`],
  ];
  it.each(refused)("%s is an AirbyteUnexpectedResponseError with the exact message", async (_, response, message) => {
    const { error } = (await settle(answering(response).sources.getSource(id))) as { error: AirbyteError & { status?: number; contentType?: string } };
    expect(error.name).toBe("AirbyteUnexpectedResponseError");
    expect(error.message).toBe(message);
    expect(error.status).toBe(200);
  });

  it("records the content type without parameters, lower-cased", async () => {
    const { error } = (await settle(answering(answer("ok", 200, "Text/Plain; charset=utf-8")).sources.getSource(id))) as { error: { contentType?: string } };
    expect(error.contentType).toBe("text/plain");
  });

  it("cuts the snippet at 200 characters plus an ellipsis", async () => {
    const { error } = await settle(answering(answer("x".repeat(400), 200, "text/plain")).sources.getSource(id)) as { error: AirbyteError };
    expect(error.message).toContain(`("${"x".repeat(200)}…")`);
    const exact = await settle(answering(answer("y".repeat(201), 200, "text/plain")).sources.getSource(id)) as { error: AirbyteError };
    expect(exact.error.message).toContain(`("${"y".repeat(201)}")`);
  });

  it.each([
    ["a text body", () => new Response(new TextEncoder().encode("# API docs"), { status: 200 }), "# API docs"],
    ["no body", () => new Response(null, { status: 200 }), ""],
  ])("a text operation resolves to %s as it came", async (_, response, text) => {
    expect(await settle(answering(response).root.getDocumentation())).toEqual({ data: text });
  });

  it("an operation with no success body resolves to undefined whatever is sent", async () => {
    expect(await settle(answering(answer("not json", 200, "text/plain")).health.getHealthCheck())).toEqual({ data: undefined });
  });
});

describe("error bodies", () => {
  const cases: Array<[string, () => Response, string]> = [
    ["a problem with only a title", answer('{"title":"Bad"}', 400, "application/problem+json"), "Bad"],
    ["a problem with only a detail", answer('{"detail":"why"}', 400, "application/json"), "why"],
    ["a problem with only a type", answer('{"type":"about:blank"}', 400, "application/json"), "(no error body)"],
    ["a problem with only a status", answer('{"status":400}', 400, "application/json"), "(no error body)"],
    ["JSON that is not a problem", answer('{"message":"nope"}', 400, "application/json"), '{"message":"nope"}'],
    ["a JSON array", answer("[1,2]", 400, "application/json"), "[1,2]"],
    ["JSON null", answer("null", 400, "application/json"), "null"],
    ["a JSON empty string", answer('""', 400, "application/json"), "(no error body)"],
    ["plain text", answer("rate limited, slow down", 400, "text/plain"), "rate limited, slow down"],
    ["blank text", answer(" \n\t ", 400, "text/plain"), "(no error body)"],
    ["a JSON string of spaces", answer('"   "', 400, "application/json"), "(no error body)"],
    ["no body", answer(null, 400), "(no error body)"],
    ["an HTML page", answer("<html><body>502 proxy</body></html>", 400, "text/html"), `the server answered with an HTML page, not an Airbyte error. ${hint}`],
    ["an untyped HTML page", answer("<!doctype html><title>x</title>", 400), `the server answered with an HTML page, not an Airbyte error. ${hint}`],
  ];
  it.each(cases)("%s", async (_, response, text) => {
    const { error } = (await settle(answering(response).sources.getSource(id))) as { error: AirbyteApiError };
    expect(error).toBeInstanceOf(AirbyteApiError);
    expect(error.message).toBe(`GET ${url} failed with 400: ${text}`);
  });

  it("keeps the problem document of a problem answer, and none otherwise", async () => {
    const problem = await settle(answering(answer('{"type":"t","title":"Bad","status":400}', 400, "application/json")).sources.getSource(id));
    expect((problem as { error: AirbyteApiError }).error.problem).toEqual({ type: "t", title: "Bad", status: 400 });
    const other = await settle(answering(answer('{"message":"nope"}', 400, "application/json")).sources.getSource(id));
    expect((other as { error: AirbyteApiError }).error.problem).toBeUndefined();
  });

  it("reads a Retry-After date against the client's clock", async () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 0);
    const airbyte = createAirbyteClient({ auth: false,
      retry: false,
      clock: { now: () => now },
      fetch: async () => new Response(null, { status: 429, headers: { "retry-after": new Date(now + 7_000).toUTCString() } }),
    });
    const { error } = (await settle(airbyte.sources.getSource(id))) as { error: AirbyteApiError };
    expect(error.retryAfterMs).toBe(7_000);
  });
});

describe("body size", () => {
  it.each([
    ["exactly maxResponseBytes", 10, 10, true],
    ["one byte over", 11, 10, false],
  ])("%s (%i bytes, limit %i)", async (_, size, limit, ok) => {
    const body = `"${"a".repeat(size - 2)}"`;
    const result = await settle(answering(answer(body, 200, "application/json"), limit).sources.getSource(id));
    if (ok) expect(result).toEqual({ data: "a".repeat(size - 2) });
    else expect((result as { error: Error }).error.message).toBe(`GET ${url} answered 200 with a body larger than maxResponseBytes (${limit} bytes, after decompression); reading stopped. Raise maxResponseBytes if such an answer is expected.`);
  });

  it("a Content-Length exactly at the limit is read", async () => {
    const bytes = new TextEncoder().encode('"abcd"');
    const result = await settle(answering(() => new Response(bytes, { status: 200, headers: { "content-length": String(bytes.length), "content-type": "application/json" } }), bytes.length).sources.getSource(id));
    expect(result).toEqual({ data: "abcd" });
  });

  it("a body that stalls and ignores the signal is cancelled when the attempt times out", async () => {
    let cancelled = 0;
    const stalled = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"a":'));
          },
          cancel() {
            cancelled++;
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const timers: Array<() => void> = [];
    const airbyte = createAirbyteClient({ auth: false,
      retry: false,
      timeoutMs: 1_000,
      clock: { schedule: (_ms, run) => (timers.push(run), () => undefined) },
      fetch: async () => stalled(),
    });
    const call = settle(airbyte.sources.getSource(id));
    for (let i = 0; i < 50; i++) await Promise.resolve();
    timers[0]?.();
    const { error } = (await call) as { error: AirbyteError };
    expect(error.name).toBe("AirbyteTimeoutError");
    expect(cancelled).toBe(1);
  });

  it("a body in several chunks is put back together in order", async () => {
    const parts = ['{"sourceId":', '"abc', 'déf"}'];
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const part of parts) controller.enqueue(encoder.encode(part));
        controller.close();
      },
    });
    const result = await settle(answering(() => new Response(stream, { status: 200, headers: { "content-type": "application/json" } })).sources.getSource(id));
    expect(result).toEqual({ data: { sourceId: "abcdéf" } });
  });

  it("a Content-Length over the limit is refused before reading, unless the body is encoded", async () => {
    let pulled = 0;
    const stream = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode('"ok"'));
          controller.close();
        },
      });
    const declared = await settle(answering(() => new Response(stream(), { status: 200, headers: { "content-length": "100", "content-type": "application/json" } }), 50).sources.getSource(id));
    expect((declared as { error: Error }).error.message).toMatch(/larger than maxResponseBytes \(50 bytes/);
    const before = pulled;
    const encoded = await settle(answering(() => new Response(stream(), { status: 200, headers: { "content-length": "100", "content-encoding": "identity", "content-type": "application/json" } }), 50).sources.getSource(id));
    expect(encoded).toEqual({ data: "ok" });
    expect(pulled).toBeGreaterThan(before);
  });
});
