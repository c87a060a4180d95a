/**
 * The error classes as a caller meets them outside a call: the documented
 * cross-copy protocol (a class declares its kind under
 * `Symbol.for("airbyte-api-client.error-kind.v1")`), what `is()` refuses
 * without throwing, `toJSON`, and errors built directly (as tests and mocks of
 * callers do).
 */
import { describe, expect, it } from "vitest";
import {
  AirbyteApiError,
  AirbyteError,
  AirbyteNotFoundError,
  AirbyteUnexpectedResponseError,
  AirbyteUsageError,
  createAirbyteClient,
} from "../../src/index.js";

const KIND = Symbol.for("airbyte-api-client.error-kind.v1");

describe("the error-kind protocol", () => {
  // An error class written by any other copy (or version) of the package that follows protocol v1.
  class ForeignError extends Error {
    static readonly [KIND]: string = "AirbyteError";
  }
  class ForeignApiError extends ForeignError {
    static override readonly [KIND]: string = "AirbyteApiError";
  }
  class ForeignNotFoundError extends ForeignApiError {
    static override readonly [KIND]: string = "AirbyteNotFoundError";
  }
  class ForeignUsageError extends ForeignError {
    static override readonly [KIND]: string = "AirbyteUsageError";
  }

  it("recognises a class that declares its kind under the registry symbol", () => {
    const error = new ForeignNotFoundError("gone");
    expect(error instanceof AirbyteNotFoundError).toBe(true);
    expect(AirbyteApiError.is(error)).toBe(true);
    expect(AirbyteError.is(error)).toBe(true);
    expect(AirbyteUsageError.is(error)).toBe(false);
    expect(AirbyteUsageError.is(new ForeignUsageError("bad"))).toBe(true);
    expect(new ForeignUsageError("bad") instanceof AirbyteNotFoundError).toBe(false);
  });

  it("counts only a kind a class declares as its own, not one it inherits through its statics alone", () => {
    class StaticsOnly extends Error {}
    const error = new StaticsOnly("x");
    Object.setPrototypeOf(StaticsOnly, AirbyteNotFoundError);
    expect(AirbyteNotFoundError.is(error)).toBe(false);
    expect(error instanceof AirbyteError).toBe(false);
  });

  it.each([
    ["undefined", undefined],
    ["a number", 404],
    ["an object whose prototype has no constructor of its own", Object.create({ name: "AirbyteError" }) as object],
    ["an object whose prototype's constructor is not a function", Object.create({ constructor: "AirbyteError" }) as object],
  ])("is() and instanceof answer false for %s, without throwing", (_, value) => {
    expect(AirbyteError.is(value)).toBe(false);
    expect(AirbyteNotFoundError.is(value)).toBe(false);
    expect(value instanceof AirbyteError).toBe(false);
  });
});

describe("names", () => {
  it("a usage error is named AirbyteUsageError", () => {
    let error: unknown;
    try {
      createAirbyteClient({ timeoutMs: -1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AirbyteUsageError);
    expect((error as Error).name).toBe("AirbyteUsageError");
    expect(String(error)).toMatch(/^AirbyteUsageError: timeoutMs/);
  });

  it("an error built for a new.target without a kind is named AirbyteError", () => {
    const error = Reflect.construct(AirbyteError, ["plain"], function Plain() {}) as AirbyteError;
    expect(error.name).toBe("AirbyteError");
  });
});

describe("toJSON", () => {
  it("leaves out fields that are undefined", () => {
    const json = new AirbyteUsageError("bad option").toJSON();
    expect(Object.keys(json)).toEqual(["name", "message"]);
  });

  it("leaves out the response headers and keeps the other fields", () => {
    const error = AirbyteApiError.generate({ method: "GET", url: "https://api.airbyte.com/v1/sources/s", status: 404, headers: new Headers({ "x-request-id": "r-1" }) });
    const json = error.toJSON();
    expect(json).not.toHaveProperty("headers");
    expect(json).toMatchObject({ name: "AirbyteNotFoundError", method: "GET", status: 404, requestId: "r-1" });
  });
});

describe("errors built directly", () => {
  it("an API error without a redactor keeps ordinary header values and hides secret ones", () => {
    const headers = new Headers({ "x-request-id": "r-2", "set-cookie": "sid=s-1", "content-type": "text/plain" });
    const error = new AirbyteApiError({ method: "GET", url: "https://api.airbyte.com/v1/sources/s", status: 418, headers });
    expect([...error.headers]).toEqual([
      ["content-type", "text/plain"],
      ["set-cookie", "[REDACTED]"],
      ["x-request-id", "r-2"],
    ]);
  });

  it("an API error for a URL that does not parse names it as given", () => {
    const error = new AirbyteApiError({ method: "GET", url: "sources/s", status: 404, headers: new Headers() });
    expect(error.message).toBe("GET sources/s failed with 404: (no error body)");
  });

  it("an unexpected-response error keeps the cause it is given, and has none otherwise", () => {
    const cause = new SyntaxError("Unexpected end of JSON input");
    const base = { message: "m", status: 200, contentType: "application/json", method: "GET", url: "u" };
    expect(new AirbyteUnexpectedResponseError({ ...base, cause }).cause).toBe(cause);
    expect("cause" in new AirbyteUnexpectedResponseError(base)).toBe(false);
  });
});

describe("text from a peer", () => {
  it("drops an unterminated OSC escape (a terminal title) with its text", async () => {
    const airbyte = createAirbyteClient({
      auth: false,
      retry: false,
      fetch: async () =>
        new Response(JSON.stringify({ title: "Bad\u001b]0;pwned title", detail: "d" }), { status: 400, headers: { "content-type": "application/problem+json" } }),
    });
    const error = await airbyte.sources.getSource("s").then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe("GET https://api.airbyte.com/v1/sources/s failed with 400: Bad: d");
  });
});
