/**
 * Tables for the small helpers behind redaction, Retry-After, token lifetime
 * and message text, pinning each boundary (the client-level tests show the
 * behaviour; these pin the edges Stryker found unpinned).
 */
import { describe, expect, it } from "vitest";
import { AirbyteError, AirbyteOAuthCallbackError, AirbyteTimeoutError } from "../../src/index.js";
import { oneLine } from "../../src/errors/text.js";
import { MAX_JSON_DEPTH, Redactor, redactJson, secretsOfHeader, TOO_DEEP } from "../../src/redact.js";
import { parseRetryAfter } from "../../src/retry-after.js";
import { lifetimeMs } from "../../src/token-provider.js";
import { isLoopback } from "../../src/url.js";

describe("secretsOfHeader", () => {
  const basic = (user: string, pass: string) => `Basic ${btoa(`${user}:${pass}`)}`;
  it.each([
    ["Authorization", "Bearer tok-123", ["Bearer tok-123", "tok-123"]],
    ["authorization", "  Bearer   tok-123  ", ["  Bearer   tok-123  ", "tok-123"]],
    ["Proxy-Authorization", "Bearer pxy-123", ["Bearer pxy-123", "pxy-123"]],
    ["Authorization", basic("admin", "pa:ss-word"), [basic("admin", "pa:ss-word"), btoa("admin:pa:ss-word"), "admin:pa:ss-word", "pa:ss-word"]],
    ["Authorization", `BASIC ${btoa("admin:pw-1234")}`, [`BASIC ${btoa("admin:pw-1234")}`, btoa("admin:pw-1234"), "admin:pw-1234", "pw-1234"]],
    ["Authorization", `Basic ${btoa("no-colon")}`, [`Basic ${btoa("no-colon")}`, btoa("no-colon"), "no-colon"]],
    ["Authorization", "Basic !!not-base64!!", ["Basic !!not-base64!!", "!!not-base64!!"]],
    ["Authorization", "token-without-scheme", ["token-without-scheme"]],
    ["Cookie", "a=one-1; b = two=2 ", ["a=one-1; b = two=2 ", "one-1", "two=2"]],
    ["Set-Cookie", "sid=abc-123; Path=/; HttpOnly", ["sid=abc-123; Path=/; HttpOnly", "abc-123"]],
    ["X-Api-Key", "key-123", ["key-123"]],
    ["X-Trace", "not-a-secret", []],
  ])("%s: %s", (name, value, expected) => {
    expect(secretsOfHeader(name, value)).toEqual(expected);
  });
});

describe("Redactor", () => {
  it.each([
    ["3 characters are redacted standing alone", "abc", "x abc y", "x [REDACTED] y"],
    ["3 characters inside a longer word are left", "abc", "x abcdef y", "x abcdef y"],
    ["3 characters next to punctuation are redacted", "abc", "password=abc&x", "password=[REDACTED]&x"],
    ["1 character is redacted standing alone", "q", "q and quit", "[REDACTED] and quit"],
    ["4 characters are redacted anywhere", "abcd", "x abcdef y", "x [REDACTED]ef y"],
    ["blank is no secret", "  ", "x    y", "x    y"],
  ])("%s", (_, secret, text, expected) => {
    const redactor = new Redactor();
    redactor.add(secret);
    expect(redactor.redact(text)).toBe(expected);
    expect(redactor.size).toBe(secret.trim() ? 1 : 0);
  });

  it("redacts the longer of two overlapping secrets whole, in every form", () => {
    const redactor = new Redactor();
    redactor.add("abcd");
    redactor.add('abcd"efgh');
    expect(redactor.redact('1 abcd"efgh 2 abcd\\"efgh 3 abcd%22efgh 4 abcd')).toBe("1 [REDACTED] 2 [REDACTED] 3 [REDACTED] 4 [REDACTED]");
  });

  it("a held secret that is also a client secret stays redacted after release", () => {
    const redactor = new Redactor();
    redactor.add("client-1");
    const release = redactor.hold(["client-1", "call-1"]);
    expect(redactor.size).toBe(2);
    expect(redactor.redact("client-1 call-1")).toBe("[REDACTED] [REDACTED]");
    release();
    expect(redactor.redact("client-1 call-1")).toBe("[REDACTED] call-1");
    expect(redactor.size).toBe(1);
  });

  it("headers registered for the client's lifetime include cookie values", () => {
    const redactor = new Redactor();
    redactor.addHeader("Cookie", "s=sess-9999");
    redactor.addHeader("Accept", "application/json");
    expect(redactor.redact("sess-9999 application/json")).toBe("[REDACTED] application/json");
  });
});

describe("redactJson", () => {
  const nest = (depth: number): unknown => (depth === 0 ? "leaf-SECRET" : [nest(depth - 1)]);
  const leafAt = (value: unknown, depth: number): unknown => (depth === 0 ? value : leafAt((value as unknown[])[0], depth - 1));
  const redactor = new Redactor();
  redactor.add("leaf-SECRET");

  it(`keeps ${MAX_JSON_DEPTH} levels and cuts below`, () => {
    expect(leafAt(redactJson(nest(MAX_JSON_DEPTH), redactor), MAX_JSON_DEPTH)).toBe("[REDACTED]");
    expect(leafAt(redactJson(nest(MAX_JSON_DEPTH + 1), redactor), MAX_JSON_DEPTH)).toBe(TOO_DEEP);
  });

  it("keeps numbers, booleans and null; redacts keys; a __proto__ key stays a plain, enumerable key", () => {
    const parsed = JSON.parse('{"n":1,"b":false,"z":null,"leaf-SECRET":"v","__proto__":{"polluted":true},"o":{"a":[1,"leaf-SECRET"]}}') as object;
    const copy = redactJson(parsed, redactor) as Record<string, unknown>;
    expect(copy).toEqual({ n: 1, b: false, z: null, "[REDACTED]": "v", ["__proto__"]: { polluted: true }, o: { a: [1, "[REDACTED]"] } });
    expect(Object.keys(copy)).toContain("__proto__");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toContain('"__proto__":{"polluted":true}');
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1);
  const headers = (value: string) => new Headers({ "retry-after": value });
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  it.each(months.map((m, i) => [m, i] as const))("IMF-fixdate in %s", (month, index) => {
    expect(parseRetryAfter(headers(`Fri, 15 ${month} 2027 00:00:00 GMT`), now)).toBe(Date.UTC(2027, index, 15) - now);
  });
  it.each([
    ["23:59:59", Date.UTC(2027, 0, 15, 23, 59, 59)],
    ["00:59:00", Date.UTC(2027, 0, 15, 0, 59, 0)],
    ["12:00:60 (a leap second, read as :59)", Date.UTC(2027, 0, 15, 12, 0, 59)],
    ["12:60:00", undefined],
    ["12:00:61", undefined],
    ["24:00:00", undefined],
  ])("time %s", (time, expected) => {
    const value = `Fri, 15 Jan 2027 ${time.slice(0, 8)} GMT`;
    expect(parseRetryAfter(headers(value), now)).toBe(expected === undefined ? undefined : expected - now);
  });
  it.each([
    ["day 00", "Fri, 00 Jan 2027 00:00:00 GMT"],
    ["lowercase month", "Fri, 15 jan 2027 00:00:00 GMT"],
    ["trailing text", "Fri, 15 Jan 2027 00:00:00 GMT x"],
    ["leading text", "x Fri, 15 Jan 2027 00:00:00 GMT"],
    ["RFC 850 with a short day name", "Fri, 15-Jan-27 00:00:00 GMT"],
    ["asctime with a two-digit year", "Fri Jan 15 00:00:00 27"],
    // One pattern reads the three forms: the ending of one form must not complete another.
    ["IMF-fixdate ending in a year instead of GMT", "Fri, 15 Jan 2027 00:00:00 2027"],
    ["RFC 850 ending in a year instead of GMT", "Friday, 15-Jan-27 00:00:00 2027"],
    ["asctime ending in GMT instead of its year", "Fri Jan 15 00:00:00 GMT"],
    ["asctime with a comma", "Fri, Jan 15 00:00:00 2027"],
  ])("%s is not a date", (_, value) => {
    expect(parseRetryAfter(headers(value), now)).toBeUndefined();
  });
  it.each([
    ["12", 12],
    ["0", 0],
    [" 3 ", 3],
    ["1.5", 2],
    ["-1", undefined],
    ["1.", undefined],
    [".5", undefined],
    ["abc", undefined],
    ["5x", undefined],
  ])("retry-after-ms %j", (value, expected) => {
    expect(parseRetryAfter(new Headers({ "retry-after-ms": value }), now)).toBe(expected);
  });
  it("nothing said", () => {
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
    expect(parseRetryAfter(headers("   "), now)).toBeUndefined();
  });
});

describe("token lifetime and hosts", () => {
  it.each([
    [180, 180_000],
    [0.5, 500],
    ["180", 180_000],
    [" 42 ", 42_000],
    [0, 0],
    [-5, 0],
    ["-5", undefined],
    ["18a", undefined],
    ["a18", undefined],
    ["1 8", undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [null, undefined],
    [undefined, undefined],
    [true, undefined],
  ])("expires_in %j lives %j ms", (value, expected) => {
    expect(lifetimeMs(value)).toBe(expected);
  });

  it.each([
    ["localhost", true],
    ["LOCALHOST", true],
    ["api.localhost", true],
    ["localhost.example.com", false],
    ["[::1]", true],
    ["127.0.0.1", true],
    ["127.255.10.200", true],
    ["127.0.0.1.nip.io", false],
    ["x127.0.0.1", false],
    ["127.0.0", false],
    ["127.1234.0.1", false],
    ["128.0.0.1", false],
    ["10.0.0.1", false],
  ])("%s is loopback: %s", (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe("message text", () => {
  it.each([
    ["exactly max characters are kept", "a".repeat(10), 10, "a".repeat(10)],
    ["one more is cut with an ellipsis", "a".repeat(11), 10, `${"a".repeat(9)}…`],
    ["runs of spaces collapse", "a  \t\t b", 10, "a b"],
    ["edges are trimmed", "\n  a  \n", 10, "a"],
    ["CSI, OSC and two-byte escapes are removed", "\u001b[1;31mA\u001b[0m\u001b]8;;http://x\u001b\\B\u001bMC", 20, "ABC"],
    ["unicode line separators become spaces", "a\u2028b\u2029c\u0085d", 20, "a b c d"],
  ])("%s", (_, text, max, expected) => {
    expect(oneLine(text, max)).toBe(expected);
  });

  it("a total timeout says so", () => {
    const error = new AirbyteTimeoutError({ scope: "total", timeoutMs: 900, method: "GET", url: "https://h/v1/x" });
    expect(error.message).toBe("GET https://h/v1/x timed out: retries exhausted the 900 ms budget (totalTimeoutMs).");
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "AirbyteTimeoutError", scope: "total", timeoutMs: 900 });
  });

  it("JSON of an error carries its redacted request, and the OAuth error its fields", () => {
    const error = new AirbyteError("m", { method: "GET", url: "u" });
    error.request = { method: "GET", url: "u", headers: { authorization: "[REDACTED]" } };
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "AirbyteError", message: "m", method: "GET", url: "u", request: error.request });
    const oauth = new AirbyteOAuthCallbackError("no", { error: "access_denied", errorDescription: "d" });
    expect(JSON.parse(JSON.stringify(oauth))).toEqual({ name: "AirbyteOAuthCallbackError", message: "no", error: "access_denied", errorDescription: "d" });
    expect(String(oauth)).toBe("AirbyteOAuthCallbackError: no");
  });

  it("an error with a cause keeps it; one without has no cause property", () => {
    expect(new AirbyteError("m", { cause: 0 }).cause).toBe(0);
    expect("cause" in new AirbyteError("m")).toBe(false);
  });
});
