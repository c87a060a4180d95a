/**
 * What an AirbyteConnectionError says about the network failure that caused
 * it: the message joins each distinct message of the cause chain (at most 8
 * links), names the innermost system code, and `cause` is a redacted copy of
 * the thrown value (errors of any realm or subclass kept as errors, other
 * objects by their tag, getters never called).
 */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { AirbyteConnectionError, createAirbyteClient } from "../../src/index.js";

const url = "https://api.airbyte.com/v1/sources/s1";
const prefix = `GET ${url} could not reach the server: `;

/** The connection error of a call whose fetch throws `thrown`. */
async function connectionError(thrown: unknown, token = "tok-CHAIN-secret-1"): Promise<AirbyteConnectionError> {
  const airbyte = createAirbyteClient({
    auth: { bearerToken: token },
    retry: false,
    fetch: async () => {
      throw thrown;
    },
  });
  const error = await airbyte.sources.getSource("s1").then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AirbyteConnectionError)) throw new Error(`expected an AirbyteConnectionError, got ${String(error)}`);
  return error;
}

const withCode = (message: string, code: unknown, cause?: unknown) => Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });

describe("the message", () => {
  it("joins the chain's messages with ': ' and names the innermost code", async () => {
    const error = await connectionError(new TypeError("fetch failed", { cause: withCode("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED") }));
    expect(error.message).toBe(`${prefix}fetch failed: connect ECONNREFUSED 127.0.0.1:1 (ECONNREFUSED)`);
    expect(error.code).toBe("ECONNREFUSED");
  });

  it("says 'network error' when no link has a message", async () => {
    const error = await connectionError({});
    expect(error.message).toBe(`${prefix}network error`);
    expect(error.code).toBeUndefined();
  });

  it.each([
    ["null", null, "null"],
    ["a string", "socket hang up", "socket hang up"],
    ["a number", 42, "42"],
  ])("quotes a thrown %s", async (_, thrown, shown) => {
    expect((await connectionError(thrown)).message).toBe(prefix + shown);
  });

  it("skips empty, repeated and non-string messages", async () => {
    const chain = new TypeError("fetch failed", { cause: { message: 404, cause: new Error("", { cause: new Error("fetch failed", { cause: new Error("socket closed") }) }) } });
    expect((await connectionError(chain)).message).toBe(`${prefix}fetch failed: socket closed`);
  });

  it("reads at most 8 links of the chain", async () => {
    let chain: Error | undefined;
    for (let i = 10; i >= 1; i--) chain = withCode(`m${i}`, `ELINK_${i}`, chain);
    const error = await connectionError(chain);
    expect(error.message).toBe(`${prefix}m1: m2: m3: m4: m5: m6: m7: m8 (ELINK_8)`);
    expect(error.code).toBe("ELINK_8");
  });

  it.each([
    ["a String object", new String("ECONNRESET")],
    ["lower case", "econnreset"],
    ["text around a code", "x_ECONNRESET"],
    ["text after a code", "ECONNRESET: peer gone"],
    ["a sentence", "Not a code"],
  ])("a code that is %s is not a system code", async (_, code) => {
    const error = await connectionError(withCode("reset", code));
    expect(error.code).toBeUndefined();
    expect(error.message).toBe(`${prefix}reset`);
  });
});

describe("the redacted copy in `cause`", () => {
  it("keeps an error from another realm (a vm context) as an error, redacted", async () => {
    const foreign: unknown = runInNewContext("new Error('refused with tok-CHAIN-secret-1')");
    expect(foreign instanceof Error).toBe(false);
    const cause = (await connectionError(foreign)).cause as { message: unknown };
    expect(typeof cause).toBe("object");
    expect(cause.message).toBe("refused with [REDACTED]");
  });

  it("keeps an Error subclass with its own toStringTag as that class, redacted", async () => {
    class ProxyFailure extends Error {
      get [Symbol.toStringTag]() {
        return "ProxyFailure";
      }
    }
    const cause = (await connectionError(new ProxyFailure("proxy saw tok-CHAIN-secret-1"))).cause;
    expect(cause).toBeInstanceOf(ProxyFailure);
    expect((cause as ProxyFailure).message).toBe("proxy saw [REDACTED]");
  });

  it("copies a null-prototype object, and shows other objects by their tag", async () => {
    const details = Object.assign(Object.create(null) as Record<string, unknown>, { host: "h", note: "used tok-CHAIN-secret-1" });
    const thrown = Object.assign(new Error("failed"), { details, at: new Date(0), peers: new Map([["a", 1]]) });
    const cause = (await connectionError(thrown)).cause as Record<string, unknown>;
    expect({ ...(cause.details as object) }).toEqual({ host: "h", note: "used [REDACTED]" });
    expect(Object.getPrototypeOf(cause.details)).toBeNull();
    expect(cause.at).toBe("[object Date]");
    expect(cause.peers).toBe("[object Map]");
  });

  it("copies an array as an array of the same shape (a hole stays a hole)", async () => {
    const thrown = Object.assign(new Error("failed"), { tried: [, "tok-CHAIN-secret-1", "h2"] });
    const tried = ((await connectionError(thrown)).cause as { tried: unknown[] }).tried;
    expect(Array.isArray(tried)).toBe(true);
    expect(tried).toHaveLength(3);
    expect(0 in tried).toBe(false);
    expect(tried.slice(1)).toEqual(["[REDACTED]", "h2"]);
  });

  it("leaves out own getters without calling them", async () => {
    let called = 0;
    const thrown = Object.defineProperty(new Error("failed"), "secret", {
      enumerable: true,
      get() {
        called++;
        return "tok-CHAIN-secret-1";
      },
    });
    const error = await connectionError(thrown);
    expect(Object.getOwnPropertyDescriptor(error.cause, "secret")).toBeUndefined();
    expect(called).toBe(0);
  });
});
