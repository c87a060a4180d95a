/**
 * readOperations on inline specs: what each operation becomes (method name,
 * group, arguments, body and success types) and the exact message for each
 * spec the client generator refuses.
 */
import { describe, expect, it } from "vitest";
import { readOperations } from "../../scripts/lib/generate/model.js";
import { OK, modelOf, operation, operationProblems, problemsOf, specOf } from "./unit-model-helpers.js";

const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

describe("operationId and tag", () => {
  it.each([
    ["a missing operationId", undefined, "GET /things: operationId `` must be a JavaScript identifier; it becomes the method name."],
    ["an operationId with a dash", "list-things", "GET /things: operationId `list-things` must be a JavaScript identifier; it becomes the method name."],
    ["an operationId starting with a digit", "2things", "GET /things: operationId `2things` must be a JavaScript identifier; it becomes the method name."],
  ])("%s is refused", (_, operationId, message) => {
    expect(operationProblems(operation({ operationId }))).toEqual([message]);
  });

  it.each([
    ["no tags", undefined],
    ["two tags", ["Things", "Other"]],
    ["a tag that is not one word", ["Things Other"]],
    ["an empty tag (YAML `tags: [~]`)", [null]],
  ])("an operation with %s is refused", (_, tags) => {
    expect(operationProblems(operation({ tags }), "/things", "post")).toEqual([
      "getThing (POST /things): needs exactly one tag, a PascalCase word naming its group.",
    ]);
  });

  it.each([
    ["Constructor", "constructor"],
    ["Prototype", "prototype"],
    ["__proto__", "__proto__"],
    ["Then", "then"],
  ])("the tag %s names a group the client reserves", (tag, group) => {
    expect(operationProblems(operation({ tags: [tag] }))).toEqual([
      `getThing (GET /things): the group \`${group}\` is reserved by the client; choose another tag.`,
    ]);
  });

  it("every problem of the spec is reported at once, and valid operations come out sorted by group, then name", () => {
    const spec = specOf({
      "/a": { get: operation({ operationId: "bad id" }), post: operation({ operationId: "zeta", tags: ["Alpha"] }) },
      "/b": { get: operation({ tags: [] }), put: operation({ operationId: "alpha", tags: ["Beta"] }) },
    });
    expect(problemsOf(() => readOperations(spec))).toEqual([
      "GET /a: operationId `bad id` must be a JavaScript identifier; it becomes the method name.",
      "getThing (GET /b): needs exactly one tag, a PascalCase word naming its group.",
    ]);
    const valid = specOf({
      "/a": { get: operation({ operationId: "zeta", tags: ["Beta"] }), post: operation({ operationId: "beta", tags: ["Alpha"] }) },
      "/b": { get: operation({ operationId: "alpha", tags: ["Beta"] }) },
    });
    expect(readOperations(valid).map((op) => `${op.group}.${op.operationId}`)).toEqual(["alpha.beta", "beta.alpha", "beta.zeta"]);
  });

  it("the model of a plain operation", () => {
    expect(modelOf(operation({ summary: "Get", description: "Gets." }))).toEqual({
      operationId: "getThing",
      group: "things",
      method: "GET",
      path: "/things",
      summary: "Get",
      description: "Gets.",
      deprecated: false,
      authenticated: true,
      pathParams: [],
      queryParams: [],
      queryType: undefined,
      body: undefined,
      success: { status: 200, kind: "none", type: "void", display: "void" },
      pageItemType: undefined,
    });
  });

  it("deprecated and security: [] are carried over", () => {
    expect(modelOf(operation({ deprecated: true, security: [] }))).toMatchObject({ deprecated: true, authenticated: false });
    expect(modelOf(operation({ deprecated: false, security: [{ bearerAuth: [] }] }))).toMatchObject({ deprecated: false, authenticated: true });
  });
});

describe("parameters", () => {
  it.each(["header", "cookie"])("a %s parameter is refused", (where) => {
    expect(operationProblems(operation({ parameters: [{ name: "X-Trace", in: where, schema: { type: "string" } }] }))).toEqual([
      `getThing (GET /things): ${where} parameter \`X-Trace\` is not supported by the client generator; send it through per-call \`headers\`.`,
    ]);
  });

  it("an undeclared path parameter is refused", () => {
    expect(operationProblems(operation(), "/things/{id}")).toEqual(["getThing (GET /things/{id}): path parameter `{id}` is not declared."]);
  });

  it("a path parameter that is not an identifier is refused", () => {
    const param = { name: "thing-id", in: "path", required: true, schema: { type: "string" } };
    expect(operationProblems(operation({ parameters: [param] }), "/things/{thing-id}")).toEqual([
      "getThing (GET /things/{thing-id}): path parameter `thing-id` must be a JavaScript identifier.",
    ]);
  });

  it("path parameters follow the path's order; path-level ones are overridden by the operation's", () => {
    const spec = specOf({
      "/groups/{groupId}/things/{id}": {
        parameters: [
          { name: "groupId", in: "path", required: true, description: "Path level.", schema: { type: "string" } },
          { name: "id", in: "path", required: true, description: "Replaced.", schema: { type: "string" } },
        ],
        get: operation({
          parameters: [
            { name: "id", in: "path", required: true, description: "The thing.", schema: { $ref: "#/components/schemas/ThingId" } },
            { name: "id", in: "query", schema: { type: "boolean" } },
          ],
        }),
      },
    }, { components: { schemas: { ThingId: { type: "integer" } } } });
    const [op] = readOperations(spec);
    expect(op?.pathParams).toEqual([
      { name: "groupId", type: 'operations["getThing"]["parameters"]["path"]["groupId"]', display: "string", description: "Path level." },
      { name: "id", type: "ThingId", display: "ThingId", description: "The thing." },
    ]);
    expect(op?.queryParams).toEqual([{ name: "id", required: false, display: "boolean" }]);
    expect(op?.queryType).toBe('NonNullable<operations["getThing"]["parameters"]["query"]>');
  });

  it("a path parameter without a schema has the type from openapi.ts and displays as unknown", () => {
    expect(modelOf(operation({ parameters: [{ name: "id", in: "path", required: true }] }), "/things/{id}").pathParams).toEqual([
      { name: "id", type: 'operations["getThing"]["parameters"]["path"]["id"]', display: "unknown", description: undefined },
    ]);
  });

  it("a parameter $ref with escaped characters (~1 for /, ~0 for ~) is followed", () => {
    const op = operation({
      parameters: [{ $ref: "#/paths/~1things~1{id}/x-shared/0" }, { $ref: "#/components/parameters/page~0size" }],
    });
    const spec = specOf(
      { "/things/{id}": { "x-shared": [idParam], get: op } },
      { components: { parameters: { "page~size": { name: "pageSize", in: "query", required: true, schema: { type: "integer" } } } } },
    );
    const [model] = readOperations(spec);
    expect(model?.pathParams.map((p) => p.name)).toEqual(["id"]);
    expect(model?.queryParams).toEqual([{ name: "pageSize", required: true, display: "number" }]);
  });

  it.each([
    ["a dangling $ref", "#/components/parameters/Missing"],
    ["a $ref through a null", "#/x-nothing/id"],
    ["a $ref into a string", "#/info/title/0"],
    ["a $ref that is not local", "./components/parameters/Id"],
  ])("a path parameter declared by %s is not declared", (_, ref) => {
    const extra = { components: { parameters: { Id: idParam } }, "x-nothing": null };
    expect(operationProblems(operation({ parameters: [{ $ref: ref }] }), "/things/{id}", "get", extra)).toEqual([
      "getThing (GET /things/{id}): path parameter `{id}` is not declared.",
    ]);
  });

  it("a schema $ref outside #/components/schemas/Name is not taken for a schema name", () => {
    const extra = { components: { schemas: { Thing: { type: "object", properties: { id: { type: "integer" } } } } } };
    const params = [
      { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Thing/properties/id" } },
      { name: "other", in: "path", required: true, schema: { $ref: "other.yaml#/components/schemas/Thing" } },
    ];
    expect(modelOf(operation({ parameters: params }), "/things/{id}/{other}", "get", extra).pathParams).toEqual([
      { name: "id", type: 'operations["getThing"]["parameters"]["path"]["id"]', display: "number", description: undefined },
      { name: "other", type: 'operations["getThing"]["parameters"]["path"]["other"]', display: "unknown", description: undefined },
    ]);
  });
});

describe("request body", () => {
  const body = (content: Record<string, unknown>, required?: boolean) => operation({ requestBody: { required, content } });

  it("a required body without a schema name has the type from openapi.ts", () => {
    expect(modelOf(body({ "application/json": { schema: { type: "object" } } }, true), "/things", "post").body).toEqual({
      mediaType: "application/json",
      required: true,
      type: 'operations["getThing"]["requestBody"]["content"]["application/json"]',
      display: "object",
    });
  });

  it("an optional body without a schema", () => {
    expect(modelOf(body({ "application/json": {} }), "/things", "post").body).toEqual({
      mediaType: "application/json",
      required: false,
      type: 'NonNullable<operations["getThing"]["requestBody"]>["content"]["application/json"]',
      display: "unknown",
    });
  });

  it("application/json is preferred to another JSON media type listed first", () => {
    const content = { "application/problem+json": { schema: { type: "object" } }, "application/json": { schema: { $ref: "#/components/schemas/Thing" } } };
    expect(modelOf(body(content, true), "/things", "post").body).toEqual({ mediaType: "application/json", required: true, type: "Thing", display: "Thing" });
  });

  it("a +json media type with parameters is taken when there is no application/json", () => {
    const content = { "text/plain": {}, "application/vnd.api+json; charset=utf-8": { schema: { $ref: "#/components/schemas/Thing" } } };
    expect(modelOf(body(content, true), "/things", "post").body).toEqual({
      mediaType: "application/vnd.api+json; charset=utf-8",
      required: true,
      type: "Thing",
      display: "Thing",
    });
  });

  it.each([
    ["text/plain", { "text/plain": {} }],
    ["application/jsonl", { "application/jsonl": {} }],
    ["application/x-ndjson", { "application/x-ndjson": {} }],
  ])("a body with only %s is refused", (_, content) => {
    expect(operationProblems(body(content), "/things", "post")).toEqual([
      "getThing (POST /things): the request body needs an application/json media type; the client sends JSON.",
    ]);
  });

  it("a body $ref into a string is no body", () => {
    expect(modelOf(operation({ requestBody: { $ref: "#/info/title/0" } }), "/things", "post").body).toBeUndefined();
  });

  it("a null requestBody is no body", () => {
    expect(modelOf(operation({ requestBody: null }), "/things", "post").body).toBeUndefined();
  });
});

describe("success response", () => {
  const json = (schema: Record<string, unknown>) => ({ description: "OK", content: { "application/json": { schema } } });

  it("the lowest 2xx is the success, whatever the order in the spec", () => {
    const responses = { "201": json({ type: "string" }), "200": json({ $ref: "#/components/schemas/Thing" }) };
    expect(modelOf(operation({ responses })).success).toEqual({ status: 200, kind: "json", type: "Thing", display: "Thing" });
  });

  it("a JSON success without a schema name has the type from openapi.ts", () => {
    expect(modelOf(operation({ responses: { "203": json({ type: "object" }) } })).success).toEqual({
      status: 203,
      kind: "json",
      type: 'operations["getThing"]["responses"][203]["content"]["application/json"]',
      display: "object",
    });
  });

  it("an inline list of a named schema shows as that name's array in REFERENCE.md", () => {
    const extra = { components: { schemas: { Thing: { type: "object" } } } };
    const responses = { "200": json({ type: "array", items: { $ref: "#/components/schemas/Thing" } }) };
    expect(modelOf(operation({ responses }), "/things", "get", extra).success.display).toBe("Thing[]");
  });

  it("a non-JSON success is text", () => {
    const responses = { "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } } };
    expect(modelOf(operation({ responses })).success).toEqual({ status: 200, kind: "text", type: "string", display: "string" });
  });

  it("a redirect (only a 3xx) succeeds with no typed body, even if the 3xx declares JSON", () => {
    const responses = { "404": { description: "Missing" }, "301": json({ type: "object" }) };
    expect(modelOf(operation({ responses })).success).toEqual({ status: 301, kind: "none", type: "void", display: "void" });
  });

  it("a success $ref that does not resolve has no body", () => {
    const responses = { "200": { $ref: "#/components/responses/Missing" } };
    expect(modelOf(operation({ responses }), "/things", "get", { components: {} }).success).toEqual({ status: 200, kind: "none", type: "void", display: "void" });
  });

  it.each([
    ["only errors", { "404": { description: "Missing" }, default: { description: "Error" } }],
    ["no responses", undefined],
    ["only extensions that end in a status", { "404": { description: "Missing" }, "x-legacy-200": {}, "x-legacy-301": {} }],
  ])("an operation with %s is refused", (_, responses) => {
    expect(operationProblems(operation({ responses }))).toEqual([
      "getThing (GET /things): declares no 2xx (or 3xx) response, so the client cannot type its result.",
    ]);
  });

  it("the fixture's OK response is a success without a body", () => {
    expect(modelOf(operation({ responses: OK })).success).toEqual({ status: 200, kind: "none", type: "void", display: "void" });
  });
});
