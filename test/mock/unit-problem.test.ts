/**
 * problem.ts on its own: the Problem body a client reads (type, title,
 * status, detail, data.errors), the title of each status, and how Ajv's
 * errors become field errors: where (`body.x.y`, `query.limit`), why, once.
 */
import { describe, expect, it } from "vitest";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { fieldErrors, problem, statusTitle, validationProblem } from "../../scripts/lib/mock/problem.js";

/** Ajv's errors for `value` against `schema`, as openapi-backend gets them (allErrors). */
function ajvErrors(schema: object, value: unknown): ErrorObject[] {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  expect(validate(value)).toBe(false);
  return validate.errors ?? [];
}

const error = (keyword: string, instancePath: string, params: Record<string, unknown> = {}, message?: string): ErrorObject => ({
  keyword,
  instancePath,
  schemaPath: `#/${keyword}`,
  params,
  ...(message === undefined ? {} : { message }),
});

describe("problem", () => {
  it("is Airbyte's shape, type named after the title, no data without errors", () => {
    const body = problem(404, "not-found", "getSource: x was deleted on this mock.");
    expect(JSON.stringify(body)).toBe(
      JSON.stringify({
        type: "https://reference.airbyte.com/reference/errors#not-found",
        title: "not-found",
        status: 404,
        detail: "getSource: x was deleted on this mock.",
      }),
    );
    expect(Object.keys(problem(400, "bad-request", "d", []))).toEqual(["type", "title", "status", "detail"]);
  });

  it("carries its field errors under data.errors", () => {
    const errors = [{ field: "body.name", message: "is required" }];
    expect(problem(400, "bad-request", "d", errors)).toStrictEqual({
      type: "https://reference.airbyte.com/reference/errors#bad-request",
      title: "bad-request",
      status: 400,
      detail: "d",
      data: { errors: [{ field: "body.name", message: "is required" }] },
    });
  });
});

describe("statusTitle", () => {
  it.each([
    [400, "bad-request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not-found"],
    [409, "conflict"],
    [422, "unprocessable-entity"],
    [429, "too-many-requests"],
    [500, "internal-server-error"],
    [502, "bad-gateway"],
    [503, "service-unavailable"],
    [504, "gateway-timeout"],
    [418, "bad-request"],
    [499, "bad-request"],
    [501, "internal-server-error"],
    [599, "internal-server-error"],
  ])("%i is %s", (status, title) => {
    expect(statusTitle(status)).toBe(title);
  });
});

describe("fieldErrors from Ajv's errors", () => {
  const request = {
    type: "object",
    properties: {
      requestBody: {
        type: "object",
        required: ["name", "size"],
        additionalProperties: false,
        properties: {
          name: { type: "string" },
          size: { type: "integer", minimum: 1 },
          kind: { enum: ["a", 2, null] },
          "a/b~c": { type: "string" },
          configuration: { type: "object", properties: { port: { type: "integer" } } },
          login: { type: "object", dependentRequired: { user: ["password"] } },
        },
      },
      query: { type: "object", properties: { limit: { type: "integer", maximum: 100 } } },
      path: { type: "object", properties: { sourceId: { type: "string", minLength: 36 } } },
      headers: { type: "object", properties: { "x-count": { type: "integer" } } },
    },
    required: ["requestBody"],
  };

  it("names each field under its location, with the reason", () => {
    const errors = ajvErrors(request, {
      requestBody: { name: 1, kind: "z", colour: "red", "a/b~c": 3, configuration: { port: "x" } },
      query: { limit: 101 },
      path: { sourceId: "short" },
      headers: { "x-count": "many" },
    });
    expect(fieldErrors(errors)).toEqual([
      { field: "body.size", message: "is required" },
      { field: "body.colour", message: "is not a field of this request" },
      { field: "body.name", message: "must be string" },
      { field: 'body.kind', message: 'must be one of "a", 2, null' },
      { field: "body.a/b~c", message: "must be string" },
      { field: "body.configuration.port", message: "must be integer" },
      { field: "query.limit", message: "must be <= 100" },
      { field: "path.sourceId", message: "must NOT have fewer than 36 characters" },
      { field: "header.x-count", message: "must be integer" },
    ]);
  });

  it("a whole missing body is `body`; a missing property elsewhere keeps Ajv's message", () => {
    expect(fieldErrors(ajvErrors(request, { query: {} }))).toEqual([{ field: "body", message: "is required" }]);
    expect(fieldErrors(ajvErrors(request, { requestBody: { name: "n", size: 1, login: { user: "u" } } }))).toEqual([
      { field: "body.login", message: "must have property password when property user is present" },
    ]);
  });

  it("an error at the root of the request is `request`; an unknown location keeps its name", () => {
    expect(fieldErrors(ajvErrors({ type: "object" }, 3))).toEqual([{ field: "request", message: "must be object" }]);
    expect(fieldErrors([error("type", "/cookies/session", {}, "must be string")])).toEqual([
      { field: "cookies.session", message: "must be string" },
    ]);
    expect(fieldErrors([error("type", "/requestBody", {}, "must be object")])).toEqual([{ field: "body", message: "must be object" }]);
  });

  it("unescapes every ~1 and ~0 of a JSON pointer", () => {
    expect(fieldErrors([error("type", "/requestBody/a~1b~1c/d~0e~0f/~01", {}, "must be string")])).toEqual([
      { field: "body.a/b/c.d~e~f.~1", message: "must be string" },
    ]);
  });

  it("an error without a message is invalid", () => {
    expect(fieldErrors([error("format", "/query/when")])).toEqual([{ field: "query.when", message: "is invalid" }]);
  });

  it("drops oneOf/anyOf/if umbrellas when a precise error is there, keeps them when alone", () => {
    const precise = error("type", "/requestBody/x", {}, "must be string");
    for (const umbrella of ["oneOf", "anyOf", "if"]) {
      const wide = error(umbrella, "/requestBody", {}, `must match "${umbrella}" schema`);
      expect(fieldErrors([wide, precise])).toEqual([{ field: "body.x", message: "must be string" }]);
      expect(fieldErrors([wide])).toEqual([{ field: "body", message: `must match "${umbrella}" schema` }]);
    }
    const real = ajvErrors({ oneOf: [{ type: "string" }, { type: "integer" }] }, null);
    expect(fieldErrors(real)).toEqual([
      { field: "request", message: "must be string" },
      { field: "request", message: "must be integer" },
    ]);
  });

  it("one entry per field and reason", () => {
    const twice = error("type", "/query/limit", {}, "must be integer");
    const other = error("minimum", "/query/limit", {}, "must be >= 1");
    expect(fieldErrors([twice, twice, other, twice])).toEqual([
      { field: "query.limit", message: "must be integer" },
      { field: "query.limit", message: "must be >= 1" },
    ]);
  });
});

describe("validationProblem", () => {
  it("a 400 whose detail lists every field, operation first", () => {
    const errors = [
      error("type", "/requestBody/name", {}, "must be string"),
      error("required", "/requestBody", { missingProperty: "size" }, "must have required property 'size'"),
    ];
    expect(validationProblem("createThing", errors)).toStrictEqual({
      type: "https://reference.airbyte.com/reference/errors#bad-request",
      title: "bad-request",
      status: 400,
      detail: "createThing: body.name must be string; body.size is required",
      data: {
        errors: [
          { field: "body.name", message: "must be string" },
          { field: "body.size", message: "is required" },
        ],
      },
    });
  });

  it("without errors says the request does not match, with no data", () => {
    expect(validationProblem("listThings", [])).toStrictEqual({
      type: "https://reference.airbyte.com/reference/errors#bad-request",
      title: "bad-request",
      status: 400,
      detail: "listThings: the request does not match the spec",
    });
  });
});
