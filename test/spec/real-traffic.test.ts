/**
 * Bodies real Airbyte servers sent or accepted (test/fixtures/real/, each with
 * its public source): every one must validate against our spec, and the client
 * must replay every response the way its documentation promises.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AirbyteApiError, createAirbyteClient, operationTable } from "../../src/index.js";
import { loadSpecValidator, type SpecValidator } from "../../scripts/lib/spec/validator.js";
import { repoRoot } from "../helpers/run.js";
import { useTestServer } from "../helpers/server.js";

interface RealExchange {
  provenance: { url: string; date: string; server: string; notes?: string };
  operationId: string;
  request?: { body?: unknown; path?: Record<string, string | number>; query?: Record<string, unknown> };
  response?: { status: number; contentType: string; body?: unknown; text?: string };
}

const dir = join(repoRoot, "test", "fixtures", "real");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ file, exchange: JSON.parse(readFileSync(join(dir, file), "utf8")) as RealExchange }));

type Json = Record<string, unknown>;
let validator: SpecValidator;

function operation(operationId: string): Json {
  const paths = validator.bundled.paths as Record<string, Record<string, Json>>;
  for (const item of Object.values(paths)) for (const op of Object.values(item)) if (op.operationId === operationId) return op;
  throw new Error(`no operation ${operationId} in the spec`);
}

function deref(node: unknown): Json {
  let value = node as Json;
  while (typeof value?.$ref === "string") {
    value = (value.$ref as string)
      .slice(2)
      .split("/")
      .reduce<unknown>((n, key) => (n as Json)[key], validator.bundled) as Json;
  }
  return value;
}

/** The schema the spec gives a response, or, for a 5xx it does not list, the Problem every error may carry. */
function responseSchema(op: Json, status: number, contentType: string): { schema: unknown; declared: boolean } {
  const responses = op.responses as Json;
  const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  if (!response) return { schema: status >= 500 ? { $ref: "#/components/schemas/Problem" } : undefined, declared: false };
  const content = (deref(response).content ?? {}) as Record<string, { schema?: unknown }>;
  return { schema: (content[contentType] ?? content["application/json"])?.schema, declared: true };
}

const describeIssues = (file: string, where: string, issues: Array<{ pointer: string; message: string }>) =>
  issues.map((i) => `${file}: ${where}${i.pointer || "/"}: ${i.message}`);

beforeAll(async () => {
  validator = await loadSpecValidator();
});

describe("real traffic fixtures", () => {
  it("exist, each with its public source and an operation of the spec", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const { file, exchange } of fixtures) {
      expect(exchange.provenance.url, file).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull)\/\d+$/);
      expect(exchange.provenance.date, file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(exchange.operationId in operationTable, file).toBe(true);
      expect(exchange.request ?? exchange.response, file).toBeDefined();
    }
  });

  it("names the fixture file and the JSON pointer of a bad value", () => {
    const bad = { status: 400, title: "value-not-found", documentationUrl: 5, data: { value: "mixmax" } };
    const { schema } = responseSchema(operation("createSource"), 400, "application/json");
    expect(describeIssues("createSource-400-example.json", "response", validator.validate(schema, bad))).toEqual([
      "createSource-400-example.json: response/documentationUrl: is a number, but the spec says string or null",
    ]);
  });

  it.each([
    // [what the server does, operation, where, status, value]
    ["a token request without grant_type", "createAccessToken", "request", 0, { client_id: "id", client_secret: "secret" }],
    ["namespaceFormat: null in a created connection", "createConnection", "response", 200, {
      connectionId: "9c1f4e7a-2d58-4b3c-8a06-e5f7b2d1c490", name: "c", sourceId: "5b0e3f1c-2a47-4d8e-9c61-7f3a2b9d4e10",
      destinationId: "3f9a6c2e-8b14-4d07-a5e2-1c7b9d0f6a83", workspaceId: "871d9b60-11d1-44cb-8c92-c246d53bf87e",
      status: "active", schedule: { scheduleType: "manual" }, namespaceDefinition: "destination", namespaceFormat: null,
      configurations: { streams: [] },
    }],
    ["a 400 resource-not-found from patchConnection", "patchConnection", "response", 400, { type: "https://reference.airbyte.com/reference/errors#resource-not-found", title: "resource-not-found", status: 400 }],
    ["a 400 {errorId} from the bean-validation handler", "deleteSource", "response", 400, { errorId: "4c8d9a0e-53b1-4e5f-9a3c-2b7d6e1f0a94" }],
    ["a 500 {errorId} from the uncaught-exception handler", "getConnection", "response", 500, { errorId: "4c8d9a0e-53b1-4e5f-9a3c-2b7d6e1f0a94" }],
  ] as const)("accepts %s (%s)", (_what, operationId, where, status, value) => {
    const op = operation(operationId);
    const schema =
      where === "request"
        ? (deref(op.requestBody).content as Record<string, { schema?: unknown }>)["application/json"]?.schema
        : responseSchema(op, status, "application/json");
    if (where === "response") expect((schema as { declared: boolean }).declared).toBe(true);
    const target = where === "request" ? schema : (schema as { schema: unknown }).schema;
    expect(validator.validate(target, value)).toEqual([]);
  });

  it("still rejects a real body changed to what the server never sends", () => {
    const real = fixtures.find((f) => f.file === "createSource-400-value-not-found-linear-cloud.json")?.exchange.response?.body as Json;
    const { schema } = responseSchema(operation("createSource"), 400, "application/json");
    expect(describeIssues("linear", "response", validator.validate(schema, { ...real, status: "400", data: [] }))).toEqual([
      "linear: response/status: is a string, but the spec says integer",
      "linear: response/data: is an array, but the spec says object or null",
    ]);
  });

  it.each(fixtures.filter((f) => f.exchange.request?.body !== undefined))("$file: the request body validates", ({ file, exchange }) => {
    const body = deref((operation(exchange.operationId).requestBody ?? {}) as Json);
    const schema = (body.content as Record<string, { schema?: unknown }> | undefined)?.["application/json"]?.schema;
    expect(schema, `${file}: ${exchange.operationId} takes no JSON body`).toBeDefined();
    expect(describeIssues(file, "request", validator.validate(schema, exchange.request?.body))).toEqual([]);
  });

  it.each(fixtures.filter((f) => f.exchange.response?.body !== undefined))("$file: the response body validates", ({ file, exchange }) => {
    const response = exchange.response ?? { status: 0, contentType: "" };
    const { schema, declared } = responseSchema(operation(exchange.operationId), response.status, response.contentType);
    expect(schema, `${file}: ${exchange.operationId} does not declare status ${response.status}`).toBeDefined();
    if (!declared) expect(response.status, `${file}: only a 5xx may go undeclared`).toBeGreaterThanOrEqual(500);
    expect(describeIssues(file, "response", validator.validate(schema, response.body))).toEqual([]);
  });
});

describe("real traffic replayed through the client", () => {
  const test = useTestServer();
  const replayed = fixtures.filter((f) => f.exchange.response);

  it.each(replayed)("$file", async ({ exchange }) => {
    const response = exchange.response as NonNullable<RealExchange["response"]>;
    const { server, baseUrl } = test;
    server.handle((_req, res) => {
      res.writeHead(response.status, { "content-type": response.contentType });
      res.end(response.text ?? JSON.stringify(response.body));
    });
    const spec = operationTable[exchange.operationId as keyof typeof operationTable];
    const args: unknown[] = spec.pathParams.map((name) => exchange.request?.path?.[name] ?? "00000000-0000-4000-8000-000000000000");
    if (spec.body) args.push(exchange.request?.body ?? {});
    if (spec.queryParams.length) args.push(exchange.request?.query);
    const airbyte = createAirbyteClient({ baseUrl, auth: { bearerToken: "real-traffic-token" }, retry: false });
    const group = (airbyte as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[spec.group];
    const outcome = await Promise.resolve(group?.[exchange.operationId]?.(...args)).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe(spec.method);
    if (response.status < 400) {
      expect(outcome).toEqual({ ok: true, value: response.body });
      return;
    }
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(AirbyteApiError);
    const apiError = error as AirbyteApiError;
    expect(apiError.status).toBe(response.status);
    const body = response.body as Json | undefined;
    const isProblem = body !== undefined && ["title", "detail", "type", "status"].some((k) => k in body);
    if (isProblem) {
      // A problem reaches the caller whole, nulls included.
      expect(apiError.problem).toEqual(body);
    } else {
      expect(apiError.problem).toBeUndefined();
      if (response.text) expect(apiError.message).toContain("HTML page");
      else expect(apiError.message).toContain(JSON.stringify(body).slice(0, 40));
    }
  });
});
