/**
 * The mock's rules on a tiny spec (no bundling): an example is answered as
 * written, an operation without one gets a value generated from its schema,
 * lists page, and each invalid part of a request is named in the Problem.
 */
import { describe, expect, it } from "vitest";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { API_ROOT, createMockApi, type MockRequest } from "../../scripts/lib/mock/backend.js";

const Thing = {
  type: "object",
  required: ["thingId", "name", "size"],
  properties: {
    thingId: { type: "string", format: "uuid" },
    name: { type: "string" },
    size: { type: "integer", minimum: 1 },
  },
};
const spec = {
  openapi: "3.1.0",
  info: { title: "fixture", version: "1" },
  security: [{ bearerAuth: [] }],
  components: {
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
    schemas: { Thing },
  },
  paths: {
    "/things": {
      get: {
        operationId: "listThings",
        tags: ["Things"],
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
          { name: "offset", in: "query", schema: { type: "integer", minimum: 0 } },
        ],
        responses: {
          "200": {
            description: "a page",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    data: { type: "array", items: { $ref: "#/components/schemas/Thing" } },
                    next: { type: "string" },
                    previous: { type: "string" },
                  },
                },
                example: {
                  data: [
                    { thingId: "5b0e3f1c-2a47-4d8e-9c61-7f3a2b9d4e10", name: "Widget", size: 3 },
                  ],
                  next: "",
                  previous: "",
                },
              },
            },
          },
        },
      },
      post: {
        operationId: "createThing",
        tags: ["Things"],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["name", "size"],
                additionalProperties: false,
                properties: {
                  name: { type: "string" },
                  size: { type: "integer", minimum: 1 },
                  tags: { type: "array", items: { enum: ["a", "b"] } },
                },
              },
            },
          },
        },
        responses: {
          "200": {
            description: "created",
            content: {
              "application/json": {
                schema: { $ref: "#/components/schemas/Thing" },
                example: {
                  thingId: "5b0e3f1c-2a47-4d8e-9c61-7f3a2b9d4e10",
                  name: "Widget",
                  size: 3,
                },
              },
            },
          },
        },
      },
    },
    "/things/{thingId}": {
      get: {
        operationId: "getThing",
        tags: ["Things"],
        parameters: [
          {
            name: "thingId",
            in: "path",
            required: true,
            schema: { type: "string", format: "uuid" },
          },
        ],
        // No example on purpose: the answer is generated from the schema.
        responses: {
          "200": {
            description: "one",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
        },
      },
    },
  },
} as unknown as BundledSpec;

const api = await createMockApi(spec);
const call = (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: "Bearer x" },
) =>
  api.handle({
    method,
    url: new URL(`http://127.0.0.1:1${API_ROOT}${path}`),
    headers,
    body,
  } satisfies MockRequest);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("answers", () => {
  it("an operation without an example gets a value that matches its schema", async () => {
    const { status, body } = await call("GET", "/things/5b0e3f1c-2a47-4d8e-9c61-7f3a2b9d4e10");
    expect(status).toBe(200);
    expect(body).toEqual({
      thingId: expect.stringMatching(UUID),
      name: expect.any(String),
      size: expect.any(Number),
    });
  });

  it("a create answers its example with the given name and a new id", async () => {
    const a = await call("POST", "/things", { name: "Gadget", size: 2 });
    const b = await call("POST", "/things", { name: "Gadget", size: 2 });
    expect(a.body).toMatchObject({ name: "Gadget", size: 2, thingId: expect.stringMatching(UUID) });
    expect((a.body as { thingId: string }).thingId).not.toBe(
      (b.body as { thingId: string }).thingId,
    );
  });

  it('a list pages the example\'s item: next on a non-empty page, next "" on the empty one', async () => {
    const last = await call("GET", "/things?limit=10&offset=60");
    expect(last.body).toMatchObject({
      next: "http://127.0.0.1:1/v1/things?limit=10&offset=70",
      previous: "http://127.0.0.1:1/v1/things?limit=10&offset=50",
    });
    expect((last.body as { data: Array<{ name: string }> }).data.map((t) => t.name)).toEqual([
      "Widget 61",
      "Widget 62",
      "Widget 63",
      "Widget 64",
      "Widget 65",
    ]);
    const empty = await call("GET", "/things?limit=10&offset=70");
    expect(empty.body).toMatchObject({ data: [], next: "" });
  });
});

describe("rejections name the field", () => {
  it.each([
    [
      "body field of the wrong type",
      "POST",
      "/things",
      { name: 1, size: 2 },
      400,
      [{ field: "body.name", message: "must be string" }],
    ],
    [
      "missing body field",
      "POST",
      "/things",
      { name: "x" },
      400,
      [{ field: "body.size", message: "is required" }],
    ],
    [
      "unknown body field",
      "POST",
      "/things",
      { name: "x", size: 1, colour: "red" },
      400,
      [{ field: "body.colour", message: "is not a field of this request" }],
    ],
    [
      "value outside an enum",
      "POST",
      "/things",
      { name: "x", size: 1, tags: ["c"] },
      400,
      [{ field: "body.tags.0", message: 'must be one of "a", "b"' }],
    ],
    [
      "query over its maximum",
      "GET",
      "/things?limit=101",
      undefined,
      400,
      [{ field: "query.limit", message: "must be <= 100" }],
    ],
    [
      "path parameter of the wrong format",
      "GET",
      "/things/42",
      undefined,
      400,
      [{ field: "path.thingId", message: 'must match format "uuid"' }],
    ],
  ])("%s", async (_name, method, path, body, status, errors) => {
    const response = await call(method, path, body);
    expect(response.status).toBe(status);
    expect(response.headers?.["content-type"]).toBe("application/problem+json");
    expect(response.body).toMatchObject({ status, title: "bad-request", data: { errors } });
    expect((response.body as { detail: string }).detail).toContain(errors[0]?.field);
  });

  it("no credentials: 401", async () => {
    const response = await call("GET", "/things", undefined, {});
    expect(response).toMatchObject({ status: 401, body: { title: "unauthorized" } });
  });
});
