/**
 * airbyte-api-client/validate: a client given `validateResponses` checks
 * every JSON body it receives against the spec (compiled validators in
 * generated/validators.ts) and reports each difference by operation, status,
 * JSON pointer and schema rule, as a warning or as an error.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AirbyteBadRequestError, AirbyteError, createAirbyteClient } from "../../src/index.js";
import { AirbyteResponseValidationError, responseDifferences, responseValidator, type ResponseDifference } from "../../src/validate/index.js";
import { loadSpecValidator } from "../../scripts/lib/spec/validator.js";
import { repoRoot } from "../helpers/run.js";

const connection = {
  connectionId: "9c1f4e7a-2d58-4b3c-8a06-e5f7b2d1c490",
  name: "Orders to warehouse",
  sourceId: "5b0e3f1c-2a47-4d8e-9c61-7f3a2b9d4e10",
  destinationId: "3f9a6c2e-8b14-4d07-a5e2-1c7b9d0f6a83",
  workspaceId: "871d9b60-11d1-44cb-8c92-c246d53bf87e",
  status: "active",
  schedule: { scheduleType: "manual" },
  configurations: { streams: [{ name: "orders", syncMode: "full_refresh_overwrite" }] },
};
/** The same connection after the server drifted: a stream name became a number, the schedule lost its type. */
const drifted = { ...connection, schedule: {}, configurations: { streams: [{ name: 42, syncMode: "full_refresh_overwrite" }] } };

function clientAnswering(status: number, body: unknown, extra: Parameters<typeof createAirbyteClient>[0] = {}) {
  const fetch = async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  return createAirbyteClient({ baseUrl: "https://airbyte.test/v1", auth: { bearerToken: "validate-token" }, retry: false, fetch, ...extra });
}

const ID = connection.connectionId;

describe("responseValidator() as a client's validateResponses", () => {
  it("warns through the client's logger, naming operation, status, JSON pointer and schema rule, and returns the body as sent", async () => {
    const lines: string[] = [];
    const airbyte = clientAnswering(200, drifted, { logger: { debug: (line) => lines.push(line) }, validateResponses: responseValidator() });
    await expect(airbyte.connections.getConnection(ID)).resolves.toEqual(drifted);
    const warnings = lines.filter((l) => l.includes("differs from the spec"));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^\[airbyte-api-client\] response differs from the spec: getConnection 200: response body\/schedule must have required property 'scheduleType' \(schema rule `required` at #\/required\)$/);
    expect(warnings[1]).toMatch(/getConnection 200: response body\/configurations\/streams\/0\/name must be string \(schema rule `type` at #\/properties\/name\/type\)$/);
    expect(lines.join("\n")).not.toContain("validate-token");
  });

  it("fails the call with AirbyteResponseValidationError in error mode", async () => {
    const airbyte = clientAnswering(200, drifted, { validateResponses: responseValidator({ mode: "error" }) });
    const error = await airbyte.connections.getConnection(ID).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AirbyteResponseValidationError);
    expect(error).toBeInstanceOf(AirbyteError);
    const invalid = error as AirbyteResponseValidationError;
    expect(invalid.name).toBe("AirbyteResponseValidationError");
    expect([invalid.operationId, invalid.status]).toEqual(["getConnection", 200]);
    expect(invalid.differences.map((d) => [d.pointer, d.rule.keyword])).toEqual([
      ["/schedule", "required"],
      ["/configurations/streams/0/name", "type"],
    ]);
    expect(invalid.message).toMatch(/^getConnection 200: response body\/schedule must have required property 'scheduleType' .+ \(and 1 more\)\./);
  });

  it("hands every difference to onDifference instead of the logger", async () => {
    const seen: ResponseDifference[] = [];
    const lines: string[] = [];
    const airbyte = clientAnswering(200, drifted, { logger: { debug: (l) => lines.push(l) }, validateResponses: responseValidator({ onDifference: (d) => seen.push(d) }) });
    await airbyte.connections.getConnection(ID);
    expect(seen.map((d) => `${d.operationId} ${d.status} ${d.pointer}`)).toEqual(["getConnection 200 /schedule", "getConnection 200 /configurations/streams/0/name"]);
    expect(lines.filter((l) => l.includes("differs"))).toEqual([]);
  });

  it("is silent for a body that matches, including a value an open enum did not list and a null namespaceFormat", async () => {
    const lines: string[] = [];
    const body = { ...connection, status: "archived_by_a_newer_server", namespaceFormat: null };
    const airbyte = clientAnswering(200, body, { logger: { debug: (l) => lines.push(l) }, validateResponses: responseValidator({ mode: "error" }) });
    await expect(airbyte.connections.getConnection(ID)).resolves.toEqual(body);
    expect(lines.filter((l) => l.includes("differs"))).toEqual([]);
  });

  it("checks error bodies too; in error mode the API error becomes the cause", async () => {
    const airbyte = clientAnswering(400, { title: "bad-request", status: "400" }, { validateResponses: responseValidator({ mode: "error" }) });
    const error = (await airbyte.connections.getConnection(ID).catch((e: unknown) => e)) as AirbyteResponseValidationError;
    expect(error).toBeInstanceOf(AirbyteResponseValidationError);
    expect(error.differences.map((d) => `${d.operationId} ${d.status} ${d.pointer} ${d.rule.keyword}`)).toEqual(["getConnection 400 /status type"]);
    expect(error.cause).toBeInstanceOf(AirbyteBadRequestError);
  });

  it("refuses a bad mode, a bad callback and a validateResponses that is no checker, saying what to pass", () => {
    expect(() => responseValidator({ mode: "loud" as "warn" })).toThrow('responseValidator: mode must be "warn" or "error"; got "loud".');
    expect(() => responseValidator({ onDifference: 5 as never })).toThrow("responseValidator: onDifference must be a function (difference) => void.");
    expect(() => createAirbyteClient({ validateResponses: { mode: "error" } as never })).toThrow(
      "validateResponses must be responseValidator() of airbyte-api-client/validate; got",
    );
  });
});

describe("the compiled validators agree with the spec on real traffic", () => {
  const dir = join(repoRoot, "test", "fixtures", "real");
  const responses = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, exchange: JSON.parse(readFileSync(join(dir, file), "utf8")) as { operationId: string; response?: { status: number; body?: unknown } } }))
    .filter((f) => f.exchange.response?.body !== undefined);

  it.each(responses)("$file", ({ exchange }) => {
    const { status, body } = exchange.response as { status: number; body: unknown };
    expect(responseDifferences(exchange.operationId, status, body)).toEqual([]);
  });

  it("and find the difference a drifted body has", () => {
    expect(responseDifferences("createSource", 400, { title: "value-not-found", documentationUrl: 5 })).toEqual([
      {
        operationId: "createSource",
        status: 400,
        pointer: "/documentationUrl",
        message: "must be string,null",
        rule: { keyword: "type", schemaPath: "#/properties/documentationUrl/type" },
      },
    ]);
  });
});

describe("the compiled validators and the spec validator of npm run contract", () => {
  it("find the same bad places in drifted bodies", async () => {
    const validator = await loadSpecValidator();
    const cases: Array<[string, number, string, unknown]> = [
      ["getConnection", 200, "#/components/schemas/ConnectionResponse", drifted],
      ["getConnection", 200, "#/components/schemas/ConnectionResponse", { ...connection, namespaceFormat: 7, tags: [{ name: "x" }] }],
      ["createSource", 400, "#/components/schemas/Problem", { status: "400", data: [] }],
      ["listJobs", 500, "#/components/schemas/Problem", { type: 1, detail: false }],
    ];
    for (const [operationId, status, ref, body] of cases) {
      const compiled = responseDifferences(operationId, status, body).map((d) => d.pointer);
      // The spec validator points a missing property at the property itself; Ajv's raw error at its object.
      const runtime = validator.validate({ $ref: ref }, body).map((i) => (i.kind === "missing-required" ? i.pointer.replace(/\/[^/]+$/, "") : i.pointer));
      expect(compiled.length, `${operationId} ${status}`).toBeGreaterThan(0);
      expect(new Set(compiled), `${operationId} ${status}`).toEqual(new Set(runtime));
    }
  });
});

describe("the package subpath", () => {
  it("is exported for import and require, built from src/validate/index.ts", async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(pkg.exports["./validate"]).toEqual({ require: "./dist/cjs/src/validate/index.js", default: "./dist/src/validate/index.js" });
  });
});

