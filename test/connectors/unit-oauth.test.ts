/**
 * relaxForOAuth on small inline schemas: which fields become optional (and
 * marked), which objects become optional in their parent, and which OAuth
 * fields are reported as not found.
 */
import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../../scripts/lib/connectors/json-schema.js";
import { relaxForOAuth } from "../../scripts/lib/connectors/oauth.js";

const str: JsonSchema = { type: "string" };
const secret: JsonSchema = { type: "string", airbyte_secret: true };
const filledStr: JsonSchema = { type: "string", "x-filled-by-oauth": true };
const filledSecret: JsonSchema = { type: "string", airbyte_secret: true, "x-filled-by-oauth": true };
/** An OAuth schema naming `fields` inside `credentials`. */
const inCredentials = (...fields: string[]): JsonSchema => ({
  properties: { credentials: { properties: Object.fromEntries(fields.map((f) => [f, str])) } },
});

describe("relaxForOAuth: fields not in the configuration", () => {
  it("reports each OAuth field of an object the configuration lacks, by its dotted path, and changes nothing", () => {
    const configuration: JsonSchema = { type: "object", required: ["start_date"], properties: { start_date: str } };
    expect(relaxForOAuth(configuration, inCredentials("client_id", "client_secret"))).toStrictEqual({
      schema: configuration,
      filled: [],
      unresolved: ["credentials.client_id", "credentials.client_secret"],
    });
  });

  it("reports the fields when the object exists but does not have all of them", () => {
    const configuration: JsonSchema = {
      type: "object",
      required: ["credentials"],
      properties: { credentials: { type: "object", required: ["access_token"], properties: { access_token: secret, client_id: str } } },
    };
    expect(relaxForOAuth(configuration, inCredentials("client_id", "client_secret"))).toStrictEqual({
      schema: configuration,
      filled: [],
      unresolved: ["credentials.client_id", "credentials.client_secret"],
    });
  });

  it("reports a field under a path that is not an object in the configuration", () => {
    const configuration: JsonSchema = { type: "object", properties: { credentials: str } };
    expect(relaxForOAuth(configuration, inCredentials("client_id")).unresolved).toEqual(["credentials.client_id"]);
  });

  it("keeps OAuth fields at different paths apart even when their path segments join to the same text", () => {
    const oauth: JsonSchema = {
      properties: {
        ab: { properties: { c: { properties: { x: str } } } },
        a: { properties: { bc: { properties: { y: str } } } },
      },
    };
    const configuration: JsonSchema = {
      type: "object",
      properties: {
        ab: { type: "object", properties: { c: { type: "object", required: ["x"], properties: { x: str } } } },
        a: { type: "object", properties: { bc: { type: "object", required: ["y"], properties: { y: str } } } },
      },
    };
    const relaxed = relaxForOAuth(configuration, oauth);
    expect(relaxed.unresolved).toEqual([]);
    expect(relaxed.filled).toEqual(["ab.c.x", "a.bc.y"]);
  });
});

describe("relaxForOAuth: what becomes optional", () => {
  it("makes the OAuth fields and the branch's secrets optional and marks them; an object left with nothing required becomes optional itself", () => {
    const configuration: JsonSchema = {
      type: "object",
      required: ["credentials"],
      properties: { credentials: { type: "object", required: ["client_id", "refresh_token"], properties: { client_id: str, refresh_token: secret, region: str } } },
    };
    const relaxed = relaxForOAuth(configuration, inCredentials("client_id"));
    expect(relaxed).toStrictEqual({
      schema: {
        type: "object",
        properties: {
          credentials: {
            type: "object",
            properties: { client_id: filledStr, refresh_token: filledSecret, region: str },
            "x-filled-by-oauth": true,
          },
        },
      },
      filled: ["credentials.client_id", "credentials.refresh_token"],
      unresolved: [],
    });
    expect(configuration.required).toEqual(["credentials"]);
  });

  it("keeps an object required in its parent while it still has a required field of the user's", () => {
    const configuration: JsonSchema = {
      type: "object",
      required: ["credentials", "start_date"],
      properties: {
        credentials: { type: "object", required: ["client_id", "account"], properties: { client_id: str, account: str } },
        start_date: str,
      },
    };
    expect(relaxForOAuth(configuration, inCredentials("client_id"))).toStrictEqual({
      schema: {
        type: "object",
        required: ["credentials", "start_date"],
        properties: {
          credentials: { type: "object", required: ["account"], properties: { client_id: filledStr, account: str } },
          start_date: str,
        },
      },
      filled: ["credentials.client_id"],
      unresolved: [],
    });
  });

  it("relaxes only the oneOf branch that has every OAuth field, skipping entries that are not schemas", () => {
    const configuration = JSON.parse(
      JSON.stringify({
        type: "object",
        required: ["credentials"],
        properties: {
          credentials: {
            type: "object",
            oneOf: [
              null,
              { type: "object", required: ["api_key"], properties: { api_key: secret } },
              { type: "object", required: ["client_id", "auth_type"], properties: { auth_type: { const: "oauth" }, client_id: str } },
            ],
          },
        },
      }),
    ) as JsonSchema;
    const before = JSON.stringify(configuration);
    const relaxed = relaxForOAuth(configuration, inCredentials("client_id"));
    expect(JSON.stringify(configuration)).toBe(before);
    expect(relaxed.filled).toEqual(["credentials.client_id"]);
    expect(relaxed.unresolved).toEqual([]);
    const branches = relaxed.schema.properties?.credentials?.oneOf;
    expect(branches?.[1]).toStrictEqual({ type: "object", required: ["api_key"], properties: { api_key: secret } });
    expect(branches?.[2]).toStrictEqual({ type: "object", required: ["auth_type"], properties: { auth_type: { const: "oauth" }, client_id: filledStr } });
    // One branch still requires a field, so credentials stays required.
    expect(relaxed.schema.required).toEqual(["credentials"]);
  });
});

describe("relaxForOAuth: a schema node used at two places (a YAML alias)", () => {
  it("relaxes and marks it only at the OAuth path, not where it is reused", () => {
    // What `credentials: &c {...}` and `backup: *c` give: one object at two places.
    const shared: JsonSchema = { type: "object", required: ["client_id"], properties: { client_id: str } };
    const configuration: JsonSchema = { type: "object", required: ["credentials", "backup"], properties: { credentials: shared, backup: shared } };
    const relaxed = relaxForOAuth(configuration, inCredentials("client_id"));
    expect(relaxed.filled).toEqual(["credentials.client_id"]);
    expect(relaxed.schema).toStrictEqual({
      type: "object",
      required: ["backup"],
      properties: {
        credentials: { type: "object", properties: { client_id: filledStr }, "x-filled-by-oauth": true },
        backup: { type: "object", required: ["client_id"], properties: { client_id: str } },
      },
    });
  });
});
