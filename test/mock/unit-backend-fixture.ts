/**
 * A small spec for the backend's unit tests (test/mock/unit-backend*.test.ts):
 * one stateful collection, a non-stateful create, an answer that breaks its
 * own schema, a documented error body, and operations behind one scheme each.
 */
import type { BundledSpec } from "../../scripts/lib/generate/model.js";

export const EXAMPLE_ID = "5b0e3f1c-2a47-4d8e-9c61-7f3a2b9d4e10";
export const WIDGET_ID = "0d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

const Workspace = {
  type: "object",
  required: ["workspaceId", "name", "config"],
  properties: {
    workspaceId: { type: "string", format: "uuid" },
    name: { type: "string" },
    config: { type: "object", required: ["x"], properties: { x: { type: "integer" } } },
    tags: { type: "array", items: { type: "string" }, format: "set", uniqueItems: true },
  },
};
const Widget = {
  type: "object",
  required: ["widgetId", "name"],
  properties: {
    widgetId: { type: "string" },
    name: { type: "string" },
    size: { type: "integer" },
    meta: { type: "object" },
    count: { type: "integer" },
  },
};
const json = (schema: object, extra: object = {}) => ({ content: { "application/json": { schema, ...extra } } });
const idParam = { name: "workspaceId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const workspaceBody = {
  type: "object",
  additionalProperties: false,
  properties: { name: { type: "string" }, config: { type: "object" }, size: { type: "integer", minimum: 1 } },
};
const example = { workspaceId: EXAMPLE_ID, name: "Analytics", config: { x: 1 } };

export const fixture = {
  openapi: "3.1.0",
  info: { title: "fixture", version: "1" },
  security: [{ bearerAuth: [] }, { basicAuth: [] }],
  components: {
    securitySchemes: {
      bearerAuth: { type: "http", scheme: "bearer" },
      basicAuth: { type: "http", scheme: "basic" },
      apiKeyAuth: { type: "apiKey", in: "header", name: "x-api-key" },
      clientCredentials: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "/v1/applications/token", scopes: {} } } },
    },
    schemas: { Workspace, Widget },
  },
  paths: {
    "/workspaces": {
      get: {
        operationId: "listWorkspaces", tags: ["Things"],
        parameters: [
          { name: "workspaceIds", in: "query", schema: { type: "array", items: { type: "string", format: "uuid" } } },
          { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
          { name: "offset", in: "query", schema: { type: "integer", minimum: 0 } },
        ],
        responses: {
          "200": {
            description: "a page",
            ...json(
              { type: "object", properties: { data: { type: "array", items: Workspace }, next: { type: "string" }, previous: { type: "string" } } },
              { examples: { firstPage: { value: { data: [example], next: "", previous: "" } } } },
            ),
          },
        },
      },
      post: {
        operationId: "createWorkspace", tags: ["Things"],
        requestBody: { required: true, content: { "application/json": { schema: { ...workspaceBody, required: ["name"] } } } },
        responses: { "200": { description: "made", ...json(Workspace, { examples: { made: { value: example } } }) } },
      },
    },
    "/workspaces/{workspaceId}": {
      parameters: [idParam],
      get: {
        operationId: "getWorkspace", tags: ["Things"],
        responses: {
          "200": {
            description: "one",
            ...json(Workspace, {
              examples: { analytics: { value: example }, other: { value: { ...example, name: "Other" } } },
            }),
          },
          "404": { description: "none", ...json({ type: "object", properties: { message: { type: "string" } } }, { example: { message: "no such workspace" } }) },
        },
      },
      patch: {
        operationId: "updateWorkspace", tags: ["Things"],
        requestBody: { required: true, content: { "application/json": { schema: workspaceBody } } },
        responses: { "200": { description: "changed", ...json(Workspace, { example }) } },
      },
      delete: { operationId: "deleteWorkspace", tags: ["Things"], responses: { "204": { description: "gone" } } },
    },
    "/widgets": {
      post: {
        operationId: "createWidget", tags: ["Things"],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { widgetId: { type: "string" }, name: { type: "string" }, size: { type: "integer" }, meta: { type: "object" }, count: { type: "string" } } },
            },
          },
        },
        responses: { "200": { description: "made", ...json(Widget, { example: { widgetId: WIDGET_ID, name: "W", size: 1, meta: { a: 1 }, count: 5 } }) } },
      },
    },
    "/widgets/search": {
      post: {
        operationId: "findWidget", tags: ["Things"],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { name: { type: "string" } } } } } },
        responses: { "200": { description: "found", ...json(Widget, { example: { widgetId: WIDGET_ID, name: "W" } }) } },
      },
    },
    "/broken": {
      get: {
        operationId: "getBroken", tags: ["Things"],
        responses: { "200": { description: "breaks its schema", ...json({ type: "object", properties: { size: { type: "integer", minimum: 1 } } }, { example: { size: 0 } }) } },
      },
    },
    "/broken-whole": {
      get: {
        operationId: "getBrokenWhole", tags: ["Things"],
        responses: { "200": { description: "not even an object", ...json({ type: "object" }, { example: "text" }) } },
      },
    },
    "/plain": {
      get: { operationId: "getPlain", tags: ["Things"], responses: { "200": { description: "no body" }, "202": { description: "accepted" } } },
    },
    "/page": {
      get: {
        operationId: "getPage", tags: ["Things"],
        responses: { "200": { description: "HTML, not checked", content: { "text/html": { schema: { type: "string", maxLength: 3 }, example: "<p>hello</p>" } } } },
      },
    },
    "/connections": {
      post: { operationId: "createConnection", tags: ["Things"], responses: { "204": { description: "made, no body" } } },
    },
    "/destinations": {
      post: {
        operationId: "createDestination", tags: ["Things"],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { name: { type: "string" } } } } } },
        responses: { "200": { description: "made, no id", ...json({ type: "object", properties: { name: { type: "string" } } }, { example: { name: "D" } }) } },
      },
    },
    "/counters": {
      post: {
        operationId: "createCounter", tags: ["Things"],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { name: { type: "string" } } } } } },
        responses: {
          "200": {
            description: "a number id",
            ...json({ type: "object", properties: { counterId: { type: "integer" }, name: { type: "string" } } }, { example: { counterId: 7, name: "C" } }),
          },
        },
      },
    },
    "/key-only": {
      get: { operationId: "getKeyOnly", tags: ["Things"], security: [{ apiKeyAuth: [] }], responses: { "200": { description: "ok" } } },
    },
    "/applications/token": {
      post: {
        operationId: "createAccessToken", tags: ["Things"],
        security: [],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: {
          "200": {
            description: "a token",
            ...json({ type: "object", required: ["access_token"], properties: { access_token: { type: "string" }, token_type: { type: "string" }, expires_in: { type: "integer" } } }),
          },
        },
      },
    },
    "/basic-only": {
      get: { operationId: "getBasicOnly", tags: ["Things"], security: [{ basicAuth: [] }], responses: { "200": { description: "ok" } } },
    },
    "/bearer-only": {
      get: { operationId: "getBearerOnly", tags: ["Things"], security: [{ bearerAuth: [] }], responses: { "200": { description: "ok" } } },
    },
    "/cc-only": {
      get: { operationId: "getClientCredentialsOnly", tags: ["Things"], security: [{ clientCredentials: [] }], responses: { "200": { description: "ok" } } },
    },
  },
} as unknown as BundledSpec;
