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
