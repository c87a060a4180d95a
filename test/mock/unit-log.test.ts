/**
 * log.ts on its own: which headers and body fields never reach the request
 * log, at any depth a body can reasonably have, and what stays as it was.
 */
import { describe, expect, it } from "vitest";
import { redactBody, redactHeaders } from "../../scripts/lib/mock/log.js";

describe("redactHeaders", () => {
  it("replaces the credential headers, whatever their case, and keeps the others", () => {
    expect(
      redactHeaders({
        authorization: "Bearer abc",
        Cookie: "session=1",
        "X-API-KEY": "k",
        "proxy-authorization": "Basic eA==",
        "content-type": "application/json",
        "x-request-id": "r1",
        "x-api-keys": "not one of them",
      }),
    ).toStrictEqual({
      authorization: "[REDACTED]",
      Cookie: "[REDACTED]",
      "X-API-KEY": "[REDACTED]",
      "proxy-authorization": "[REDACTED]",
      "content-type": "application/json",
      "x-request-id": "r1",
      "x-api-keys": "not one of them",
    });
  });

  it("an absent credential stays absent", () => {
    expect(redactHeaders({ authorization: undefined, host: "h" })).toStrictEqual({ authorization: undefined, host: "h" });
  });
});

describe("redactBody", () => {
  it.each([
    "secret",
    "client_secret",
    "password",
    "Password",
    "token",
    "access_token",
    "refreshToken",
    "apikey",
    "api_key",
    "API_KEY",
    "credentials",
    "privateKey",
  ])("replaces the value of %s", (key) => {
    expect(redactBody({ [key]: "s3cr3t", other: 1 })).toStrictEqual({ [key]: "[REDACTED]", other: 1 });
  });

  // Secret fields of real connector configurations (test/fixtures/connectors/real: the Terraform
  // provider marks them "<secret>") that do not say secret, password, token or api key.
  it.each([
    "ssh_key",
    "access_key",
    "access_key_id",
    "aws_key_id",
    "openai_key",
    "account_key",
    "application_key",
    "sshKey",
    "accessKeyId",
    "key",
    "shared_access_signature",
  ])("replaces the value of the connector secret %s", (key) => {
    expect(redactBody({ configuration: { [key]: "s3cr3t", tunnel_host: "h" } })).toStrictEqual({
      configuration: { [key]: "[REDACTED]", tunnel_host: "h" },
    });
  });

  it("keeps fields that do not look secret, and null or undefined secrets", () => {
    const body = { name: "n", host: "db", port: 5432, keys: ["k"], keyword: "k", api: "a", pass: "p", client_id: "c", password: null, token: undefined };
    expect(redactBody(body)).toStrictEqual(body);
  });

  it("replaces a secret whatever its value is, an object too", () => {
    expect(redactBody({ credentials: { user: "u", pass: "p" }, secret: 0, token: false })).toStrictEqual({
      credentials: "[REDACTED]",
      secret: "[REDACTED]",
      token: "[REDACTED]",
    });
  });

  it("goes into objects and arrays, and leaves the original alone", () => {
    const body = {
      name: "My Postgres",
      configuration: { host: "db", password: "hunter2", tunnel: { ssh_key: "k", tunnel_private_key: "pk" } },
      list: [{ token: "t" }, "plain", [{ client_secret: "cs" }]],
    };
    const copy = structuredClone(body);
    expect(redactBody(body)).toStrictEqual({
      name: "My Postgres",
      configuration: { host: "db", password: "[REDACTED]", tunnel: { ssh_key: "[REDACTED]", tunnel_private_key: "[REDACTED]" } },
      list: [{ token: "[REDACTED]" }, "plain", [{ client_secret: "[REDACTED]" }]],
    });
    expect(body).toStrictEqual(copy);
  });

  it.each([null, undefined, "text", 42, true])("%j is returned as it is", (value) => {
    expect(redactBody(value)).toBe(value);
  });

  it("an array at the top is walked too", () => {
    expect(redactBody([{ password: "p" }, 1])).toStrictEqual([{ password: "[REDACTED]" }, 1]);
  });

  /** `{ a: { a: ... { password } } }` with the password's object `depth` levels down. */
  const nested = (depth: number): unknown => (depth === 0 ? { password: "p", keep: "k" } : { a: nested(depth - 1) });
  const innermost = (value: unknown): unknown => {
    let at = value as { a?: unknown };
    while (at.a !== undefined) at = at.a as { a?: unknown };
    return at;
  };

  it("walks 32 levels down, no further (a cyclic or absurd body cannot hang the log)", () => {
    expect(innermost(redactBody(nested(32)))).toStrictEqual({ password: "[REDACTED]", keep: "k" });
    expect(innermost(redactBody(nested(33)))).toStrictEqual({ password: "p", keep: "k" });
    const arrays = (depth: number): unknown => (depth === 0 ? { token: "t" } : [arrays(depth - 1)]);
    expect(JSON.stringify(redactBody(arrays(32)))).toContain("[REDACTED]");
    expect(JSON.stringify(redactBody(arrays(33)))).not.toContain("[REDACTED]");
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic["self"] = cyclic;
    expect(() => redactBody(cyclic)).not.toThrow();
  });
});
