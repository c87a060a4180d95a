/**
 * The backend's promises to a client author, on a small spec
 * (unit-backend-fixture.ts): exact Problem bodies, which credentials pass,
 * errors and examples on demand, the seeded failure rate, what a create or
 * update keeps, paging of what was created, and the token endpoint.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { API_ROOT, createMockApi, type MockApi, type MockApiOptions, type MockResponse } from "../../scripts/lib/mock/backend.js";
import { Faults } from "../../scripts/lib/mock/faults.js";
import { mockUuid } from "../../scripts/lib/mock/paging.js";
import { EXAMPLE_ID, WIDGET_ID, fixture } from "./unit-backend-fixture.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BEARER = { authorization: "Bearer x" };
const TYPE = "https://reference.airbyte.com/reference/errors#";

let api: MockApi;
beforeEach(async () => {
  api = await createMockApi(fixture);
});

const callOn = (target: MockApi, method: string, path: string, body?: unknown, headers: Record<string, string> = BEARER) =>
  target.handle({ method, url: new URL(`http://127.0.0.1:1${API_ROOT}${path}`), headers, body });
const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = BEARER) => callOn(api, method, path, body, headers);

function expectProblem(response: MockResponse, status: number, title: string, detail: string) {
  expect(response.status).toBe(status);
  expect(response.headers?.["content-type"]).toBe("application/problem+json");
  expect(response.body).toEqual({ type: `${TYPE}${title}`, title, status, detail });
}

describe("answers that are not an operation", () => {
  it("an unknown path is a 404 naming the method and path", async () => {
    expectProblem(await call("GET", "/nowhere"), 404, "not-found", "No operation of the Airbyte API at GET /v1/nowhere.");
  });

  it("a method the path does not take is a 405", async () => {
    expectProblem(await call("PATCH", "/plain"), 405, "method-not-allowed", "/v1/plain does not take PATCH.");
  });

  it("every answer carries a fresh x-request-id", async () => {
    const a = await call("GET", "/plain");
    const b = await call("GET", "/nowhere");
    expect(a.headers?.["x-request-id"]).toMatch(UUID);
    expect(b.headers?.["x-request-id"]).toMatch(UUID);
    expect(a.headers?.["x-request-id"]).not.toBe(b.headers?.["x-request-id"]);
  });
});

describe("credentials", () => {
  const needs = (op: string) => `${op} needs credentials: send Authorization: Bearer <token> (any token) or Basic.`;

  it.each<Record<string, string>>([{}, { authorization: "" }, { authorization: "Bearer " }, { authorization: "Bearer" }, { authorization: "bearer x" }, { authorization: "Token x" }, { authorization: "x Bearer y" }, { authorization: "Basic " }, { authorization: "x Basic y" }])(
    "%j is refused with a 401 naming the operation",
    async (headers) => {
      expectProblem(await call("GET", "/plain", undefined, headers), 401, "unauthorized", needs("getPlain"));
    },
  );

  it.each([{ authorization: "Bearer any-token" }, { authorization: "Basic dTpw" }])("%j passes", async (headers) => {
    expect((await call("GET", "/plain", undefined, headers)).status).toBe(200);
  });

  it("a Basic-only operation wants Basic, a Bearer-only one Bearer; client credentials are a Bearer token", async () => {
    expect((await call("GET", "/basic-only", undefined, { authorization: "Basic dTpw" })).status).toBe(200);
    expectProblem(await call("GET", "/basic-only"), 401, "unauthorized", needs("getBasicOnly"));
    expect((await call("GET", "/bearer-only")).status).toBe(200);
    expectProblem(await call("GET", "/bearer-only", undefined, { authorization: "Basic dTpw" }), 401, "unauthorized", needs("getBearerOnly"));
    expect((await call("GET", "/cc-only")).status).toBe(200);
    expect((await call("GET", "/cc-only", undefined, { authorization: "Basic dTpw" })).status).toBe(401);
  });

  it("a scheme the mock has no check for is never satisfied", async () => {
    expectProblem(await call("GET", "/key-only", undefined, { ...BEARER, "x-api-key": "k" }), 401, "unauthorized", needs("getKeyOnly"));
  });

  it("the token endpoint needs none and counts its tokens", async () => {
    const first = await call("POST", "/applications/token", { client_id: "a", client_secret: "b" }, {});
    expect(first).toMatchObject({ status: 200, body: { access_token: "mock-token-1", token_type: "Bearer", expires_in: 180 } });
    const second = await call("POST", "/applications/token", {}, {});
    expect(second.body).toEqual({ access_token: "mock-token-2", token_type: "Bearer", expires_in: 180 });
  });
});

describe("validation", () => {
  it("names every invalid field of the request at once", async () => {
    const response = await call("POST", "/workspaces", { name: 3, size: 0 });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      detail: "createWorkspace: body.name must be string; body.size must be >= 1",
      data: { errors: [{ field: "body.name", message: "must be string" }, { field: "body.size", message: "must be >= 1" }] },
    });
  });

  it("checks formats (uuid) and accepts the spec's `format: set`", async () => {
    expect((await call("GET", "/workspaces?workspaceIds=nope")).body).toMatchObject({ data: { errors: [{ field: "query.workspaceIds.0", message: 'must match format "uuid"' }] } });
    const page = await call("GET", `/workspaces?limit=1`);
    expect(page.status).toBe(200);
  });

  it("an answer of the mock that breaks the spec is a 500 naming the field", async () => {
    expectProblem(await call("GET", "/broken"), 500, "internal-server-error", "The mock's 200 answer to getBroken does not match the spec: body.size must be >= 1.");
    expectProblem(await call("GET", "/broken-whole"), 500, "internal-server-error", "The mock's 200 answer to getBrokenWhole does not match the spec: body must be object.");
  });
});

describe("answers from the spec", () => {
  it("a non-JSON answer is sent as the spec has it, unchecked", async () => {
    expect(await call("GET", "/page")).toMatchObject({ status: 200, body: "<p>hello</p>" });
  });

  it("an answer never changes the spec's example for the next caller", async () => {
    expect((await call("POST", "/widgets/search", { name: "N" })).body).toEqual({ widgetId: WIDGET_ID, name: "N" });
    expect((await call("POST", "/widgets/search", {})).body).toEqual({ widgetId: WIDGET_ID, name: "W" });
    const documented = await call("GET", `/workspaces/${EXAMPLE_ID}`, undefined, { ...BEARER, prefer: "code=404" });
    (documented.body as { message: string }).message = "changed by a caller";
    expect((await call("GET", `/workspaces/${EXAMPLE_ID}`, undefined, { ...BEARER, prefer: "code=404" })).body).toEqual({ message: "no such workspace" });
  });
});

describe("Prefer", () => {
  const prefer = (value: string) => ({ ...BEARER, prefer: value });

  it("code=<documented status> answers the documented body with its media type", async () => {
    const response = await call("GET", `/workspaces/${EXAMPLE_ID}`, undefined, prefer("code=404"));
    expect(response.status).toBe(404);
    expect(response.headers).toEqual({ "x-request-id": expect.stringMatching(UUID), "content-type": "application/json" });
    expect(response.body).toEqual({ message: "no such workspace" });
  });

  it.each([
    [429, "too-many-requests", { "retry-after": "1" }],
    [503, "service-unavailable", { "retry-after": "1" }],
    [500, "internal-server-error", {}],
    [400, "bad-request", {}],
    [404, "not-found", {}],
    [502, "bad-gateway", {}],
  ])("code=%i without a documented body: a Problem, Retry-After only on 429 and 503", async (code, title, retry) => {
    const response = await call("GET", "/plain", undefined, prefer(`code=${code}`));
    expectProblem(response, code, title, `getPlain: answered ${code} because the request asked for it (Prefer: code=${code}).`);
    expect(response.headers).toEqual({ "x-request-id": expect.stringMatching(UUID), "content-type": "application/problem+json", ...retry });
  });

  it("code=<2xx or 3xx> is no error: the operation answers", async () => {
    expect(await call("GET", `/workspaces/${EXAMPLE_ID}`, undefined, prefer("code=200"))).toMatchObject({ status: 200, body: { name: "Analytics" } });
    expect((await call("GET", "/plain", undefined, prefer("code=399"))).status).toBe(200);
    const accepted = await call("GET", "/plain", undefined, prefer("code=202"));
    expect(accepted.status).toBe(202);
    expect("body" in accepted).toBe(false);
  });

  it("example=<name> picks that example", async () => {
    const response = await call("GET", `/workspaces/${EXAMPLE_ID}`, undefined, prefer("example=other"));
    expect(response).toMatchObject({ status: 200, body: { workspaceId: EXAMPLE_ID, name: "Other" } });
    expect((await call("GET", `/workspaces/${EXAMPLE_ID}`)).body).toMatchObject({ name: "Analytics" });
  });

  it("example=<unknown> is a 400 naming the examples there are, or that there are none", async () => {
    expectProblem(
      await call("GET", `/workspaces/${EXAMPLE_ID}`, undefined, prefer("example=nope")),
      400,
      "bad-request",
      "getWorkspace: Prefer: example=nope names no example of this operation; it has: analytics, other.",
    );
    expectProblem(await call("GET", "/plain", undefined, prefer("example=x")), 400, "bad-request", "getPlain: Prefer: example=x names no example of this operation; it has no named examples.");
  });

  it("an error code wins over an example", async () => {
    expect((await call("GET", "/plain", undefined, prefer("code=503, example=x"))).status).toBe(503);
  });
});

describe("the failure rate", () => {
  const statuses = async (options: MockApiOptions, n: number) => {
    const faulty = await createMockApi(fixture, options);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await callOn(faulty, "GET", "/plain")).status);
    return out;
  };
  const expected = (failureRate: number, seed: number, n: number) => {
    const faults = new Faults({ failureRate, seed });
    return Array.from({ length: n }, () => (faults.fails() ? 500 : 200));
  };

  it("fails the requests its seed draws, the same on every run", async () => {
    const seven = await statuses({ failureRate: 0.5, seed: 7 }, 16);
    expect(seven).toEqual(expected(0.5, 7, 16));
    expect(seven).not.toEqual(expected(0.5, 1, 16));
    expect(await statuses({ failureRate: 0.5 }, 16)).toEqual(expected(0.5, 1, 16));
  });

  it("an injected failure is a 500 Problem that says so; nothing fails without a rate", async () => {
    const faulty = await createMockApi(fixture, { failureRate: 1 });
    expectProblem(await callOn(faulty, "GET", "/plain"), 500, "internal-server-error", "getPlain: an injected failure (the mock's failureRate); the request was not carried out.");
    expect((await callOn(faulty, "POST", "/applications/token", {}, {})).status).toBe(500);
    expect(await statuses({ seed: 7 }, 8)).toEqual(Array.from({ length: 8 }, () => 200));
  });

  it("what is not an operation, or not allowed, answers as always", async () => {
    const faulty = await createMockApi(fixture, { failureRate: 1 });
    expect((await callOn(faulty, "GET", "/nowhere")).status).toBe(404);
    expect((await callOn(faulty, "PATCH", "/plain")).status).toBe(405);
    expect((await callOn(faulty, "GET", "/plain", undefined, {})).status).toBe(401);
    expect((await callOn(faulty, "POST", "/workspaces", { name: 3 })).status).toBe(400);
  });
});

describe("state", () => {
  it("a create keeps what was sent, with a fresh id, and get answers it", async () => {
    const created = await call("POST", "/workspaces", { name: "Mine", config: { x: 5 } });
    const record = created.body as { workspaceId: string };
    expect(created).toMatchObject({ status: 200, body: { name: "Mine", config: { x: 5 } } });
    expect(record.workspaceId).toMatch(UUID);
    expect(record.workspaceId).not.toBe(EXAMPLE_ID);
    const again = (await call("POST", "/workspaces", { name: "Mine" })).body as { workspaceId: string; config: unknown };
    expect(again.workspaceId).not.toBe(record.workspaceId);
    expect(again.config).toEqual({ x: 1 });
    expect((await call("GET", `/workspaces/${record.workspaceId}`)).body).toEqual(created.body);
  });

  it("a sent object that would break the answer's schema is left out, the other fields are kept", async () => {
    const created = await call("POST", "/workspaces", { name: "Mine", config: { y: 1 } });
    expect(created.body).toEqual({ workspaceId: expect.stringMatching(UUID), name: "Mine", config: { x: 1 } });
    const id = (created.body as { workspaceId: string }).workspaceId;
    const patched = await call("PATCH", `/workspaces/${id}`, { name: "Renamed", config: { y: 2 } });
    expect(patched).toMatchObject({ status: 200, body: { workspaceId: id, name: "Renamed", config: { x: 1 } } });
    const patched2 = await call("PATCH", `/workspaces/${id}`, { config: { x: 9 } });
    expect(patched2.body).toEqual({ workspaceId: id, name: "Renamed", config: { x: 9 } });
    expect((await call("GET", `/workspaces/${id}`)).body).toEqual(patched2.body);
  });

  it("a delete answers 204 without a body; then the id is a 404 on every method", async () => {
    const id = ((await call("POST", "/workspaces", { name: "Mine" })).body as { workspaceId: string }).workspaceId;
    const deleted = await call("DELETE", `/workspaces/${id}`);
    expect(deleted.status).toBe(204);
    expect("body" in deleted).toBe(false);
    for (const [method, body] of [["GET", undefined], ["PATCH", { name: "x" }], ["DELETE", undefined]] as const) {
      const op = { GET: "getWorkspace", PATCH: "updateWorkspace", DELETE: "deleteWorkspace" }[method];
      expectProblem(await call(method, `/workspaces/${id}`, body), 404, "not-found", `${op}: ${id} was deleted on this mock.`);
    }
  });

  it("ids the mock did not create answer the spec's example, as written, and nothing is stored", async () => {
    const other = "11111111-2222-4333-8444-555555555555";
    expect((await call("GET", `/workspaces/${other}`)).body).toEqual({ workspaceId: EXAMPLE_ID, name: "Analytics", config: { x: 1 } });
    const patched = await call("PATCH", `/workspaces/${other}`, { name: "Changed" });
    expect(patched.body).toMatchObject({ name: "Analytics" });
    expect((await call("GET", `/workspaces/${other}`)).body).toMatchObject({ name: "Analytics" });
    const deleted = await call("DELETE", `/workspaces/${other}`);
    expect(deleted.status).toBe(204);
    expect("body" in deleted).toBe(false);
    expect((await call("GET", `/workspaces/${other}`)).status).toBe(200);
  });

  it("a list pages what was created first, then the example collection", async () => {
    const a = (await call("POST", "/workspaces", { name: "A" })).body;
    const b = (await call("POST", "/workspaces", { name: "B" })).body;
    const page = await call("GET", "/workspaces?limit=3&offset=1");
    expect(page.body).toEqual({
      data: [b, { workspaceId: mockUuid(0, 1), name: "Analytics 1", config: { x: 1 } }, { workspaceId: mockUuid(1, 1), name: "Analytics 2", config: { x: 1 } }],
      next: "http://127.0.0.1:1/v1/workspaces?limit=3&offset=4",
      previous: "http://127.0.0.1:1/v1/workspaces?limit=3&offset=0",
    });
    expect(((await call("GET", "/workspaces")).body as { data: unknown[] }).data.slice(0, 2)).toEqual([a, b]);
    expect(((await call("GET", "/workspaces")).body as { data: unknown[] }).data).toHaveLength(20);
  });
});

describe("a create that is not stored", () => {
  it("takes the sent scalars of the same type and gets a fresh id", async () => {
    const response = await call("POST", "/widgets", { name: "N", size: 4, meta: { b: 2 }, count: "9" });
    expect(response.body).toEqual({ widgetId: expect.stringMatching(UUID), name: "N", size: 4, meta: { a: 1 }, count: 5 });
    expect((response.body as { widgetId: string }).widgetId).not.toBe(WIDGET_ID);
  });

  it("keeps an id the request sent", async () => {
    expect((await call("POST", "/widgets", { name: "N", widgetId: "mine" })).body).toMatchObject({ widgetId: "mine", name: "N" });
  });

  it("a number id is kept (a fresh id is a UUID string)", async () => {
    expect((await call("POST", "/counters", { name: "n" })).body).toEqual({ counterId: 7, name: "n" });
  });

  it("a stored collection's create without a body, or without an id, answers the spec as it is", async () => {
    const none = await call("POST", "/connections");
    expect(none.status).toBe(204);
    expect("body" in none).toBe(false);
    const noId = await call("POST", "/destinations", { name: "n" });
    expect(noId.status).toBe(200);
    expect(Object.keys(noId.body as object)).toEqual(["name"]);
  });

  it("an operation that does not create keeps the example's id", async () => {
    expect((await call("POST", "/widgets/search", { name: "N" })).body).toEqual({ widgetId: WIDGET_ID, name: "N" });
  });
});
