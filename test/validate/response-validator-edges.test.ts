/**
 * The edges of airbyte-api-client/validate: which schema a status is checked
 * against (its own, the Problem for an undeclared error status from 400 on,
 * none for an undeclared success), what is never checked (no schema, no body,
 * an error body that is not JSON), the message of a single difference and of
 * one at the body's root, and that error mode does not also warn.
 */
import { describe, expect, it } from "vitest";
import { AirbyteBadRequestError, createAirbyteClient, type Logger } from "../../src/index.js";
import { AirbyteResponseValidationError, responseDifferences, responseValidator } from "../../src/validate/index.js";

const problemDifference = (operationId: string, status: number) => ({
  operationId,
  status,
  pointer: "/title",
  message: "must be string",
  rule: { keyword: "type", schemaPath: "#/properties/title/type" },
});

function clientAnswering(status: number, body: string, contentType: string, options: { mode?: "warn" | "error"; logger?: Logger } = {}) {
  return createAirbyteClient({
    baseUrl: "https://airbyte.test/v1",
    auth: false,
    retry: false,
    logger: options.logger,
    validateResponses: responseValidator({ mode: options.mode ?? "warn" }),
    fetch: async () => new Response(body, { status, headers: { "content-type": contentType } }),
  });
}

const ID = "9c1f4e7a-2d58-4b3c-8a06-e5f7b2d1c490";

describe("which schema a response is checked against", () => {
  it("an error status the operation does not declare, 400 included, is checked as a Problem", () => {
    // getHealthCheck declares 429, 500 and 503 only.
    expect(responseDifferences("getHealthCheck", 400, { title: 5 })).toEqual([problemDifference("getHealthCheck", 400)]);
    expect(responseDifferences("getConnection", 418, { title: 5 })).toEqual([problemDifference("getConnection", 418)]);
  });

  it("a success status the operation does not declare is not checked", () => {
    expect(responseDifferences("getConnection", 204, { title: 5 })).toEqual([]);
    expect(responseDifferences("getConnection", 299, "not an object")).toEqual([]);
  });

  it("an operation without schemas, or no body, is not checked", () => {
    expect(responseDifferences("noSuchOperation", 200, "not an object")).toEqual([]);
    expect(responseDifferences("getConnection", 200, undefined)).toEqual([]);
  });
});

describe("messages", () => {
  it("a single difference at the body's root: no pointer, no (and N more)", async () => {
    const airbyte = clientAnswering(200, '"just a string"', "application/json", { mode: "error" });
    const error = await airbyte.connections.getConnection(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteResponseValidationError);
    expect((error as Error).message).toBe(
      "getConnection 200: response body must be object (schema rule `type` at #/type). The server's answer does not match the spec; report it if the server is right.",
    );
  });

  it("error mode throws without also warning on the logger", async () => {
    const lines: string[] = [];
    const airbyte = clientAnswering(200, '"just a string"', "application/json", { mode: "error", logger: { debug: (line) => void lines.push(line) } });
    await expect(airbyte.connections.getConnection(ID)).rejects.toBeInstanceOf(AirbyteResponseValidationError);
    expect(lines.filter((l) => l.includes("differs from the spec"))).toEqual([]);
  });
});

describe("an error body that is not JSON", () => {
  it("is not checked: the call fails with its API error, not a validation error", async () => {
    const airbyte = clientAnswering(400, "bad request, plainly", "text/plain", { mode: "error" });
    const error = await airbyte.connections.getConnection(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AirbyteBadRequestError);
  });
});
