import { describe, expect, it } from "vitest";
import { AirbyteError, AirbyteOAuthCallbackError, readOAuthCallback } from "../../src/index.js";

describe("readOAuthCallback", () => {
  it.each([
    ["a full URL", "https://app.example.com/oauth/cb?secret_id=abc-123&state=x", "abc-123"],
    ["a URL object", new URL("https://app.example.com/cb?secret_id=abc-123"), "abc-123"],
    ["a path and query, as Node's req.url", "/oauth/cb?secret_id=abc%2F123", "abc/123"],
    ["a fragment", "https://app.example.com/cb#secret_id=frag-1", "frag-1"],
  ])("reads secret_id from %s", (_, url, secretId) => {
    expect(readOAuthCallback(url)).toEqual({ secretId });
  });

  it("throws with the provider's error and description", () => {
    const error = (() => {
      try {
        readOAuthCallback("https://app.example.com/cb?error=access_denied&error_description=User+said+no");
      } catch (e) {
        return e as AirbyteOAuthCallbackError;
      }
      throw new Error("expected a throw");
    })();
    expect(error).toBeInstanceOf(AirbyteOAuthCallbackError);
    expect(error).toBeInstanceOf(AirbyteError);
    expect(error.error).toBe("access_denied");
    expect(error.errorDescription).toBe("User said no");
    expect(error.message).toBe('OAuth was not completed: the identity provider answered "access_denied" (User said no). Start again with initiateOAuth.');
  });

  it.each([
    ["a URL without query", "https://app.example.com/cb", /has no query string, so no secret_id/],
    ["a query without secret_id", "https://app.example.com/cb?code=1", /has no secret_id parameter/],
    ["an empty secret_id", "https://app.example.com/cb?secret_id=", /has no secret_id parameter/],
  ])("explains %s", (_, url, message) => {
    expect(() => readOAuthCallback(url)).toThrow(message);
  });
});

describe("readOAuthCallback with hostile or wrong input", () => {
  const thrown = (input: unknown) => {
    try {
      readOAuthCallback(input as string);
    } catch (e) {
      return e as AirbyteOAuthCallbackError;
    }
    throw new Error("expected a throw");
  };

  it.each([
    ["CR/LF forging a log line", "access_denied%0D%0A[INFO] login ok", "x%0Ay", '"access_denied [INFO] login ok" (x y)'],
    ["ANSI escapes", "%1B[31mred%1B[0m", "%1B]0;pwned%07ok", '"red" (ok)'],
    ["other control characters", "a%00b%7Fc%C2%9Bd", "tab%09here", '"a b c d" (tab here)'],
    ["a 10 kB description", "denied", "d".repeat(10_000), `"denied" (${"d".repeat(199)}…)`],
  ])("%s: the message quotes one bounded printable line", (_, error, description, quoted) => {
    const e = thrown(`/cb?error=${error}&error_description=${description}`);
    expect(e).toBeInstanceOf(AirbyteOAuthCallbackError);
    expect(e.message).toBe(`OAuth was not completed: the identity provider answered ${quoted}. Start again with initiateOAuth.`);
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    // The fields keep what the provider sent, for callers that want it.
    expect(e.error).toBe(new URLSearchParams(`e=${error}`).get("e"));
  });

  it.each([
    ["undefined", undefined, "undefined"],
    ["null", null, "null"],
    ["a number", 42, "number"],
    ["Node's request object", { url: "/cb?secret_id=x", method: "GET" }, "an object (Object)"],
    ["an array", ["/cb?secret_id=x"], "an object (Array)"],
  ])("%s is refused with an AirbyteError that says what to pass", (_, input, got) => {
    const e = thrown(input);
    expect(e).toBeInstanceOf(AirbyteOAuthCallbackError);
    expect(e).toBeInstanceOf(AirbyteError);
    expect(e.message).toBe(`readOAuthCallback: expected the redirect URL as a string or URL (e.g. Node's req.url); got ${got}.`);
  });

  it("an unparsable URL says so", () => {
    expect(thrown("http://[::1").message).toBe("readOAuthCallback: the argument is not a URL. Pass the URL the user was redirected to.");
  });
});
