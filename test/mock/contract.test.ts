/**
 * Contract: every client operation, called as a user calls it with the spec's
 * examples, passes the mock's validator (which checks path, query, headers and
 * body against the spec); and calls the spec does not allow are rejected with
 * a Problem that names the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AirbyteApiError,
  createAirbyteClient,
  operationTable,
  type AirbyteClient,
} from "airbyte-api-client";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { defaultSpec } from "../../scripts/lib/shared/paths.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";
import { startMock, type RunningMock } from "../../scripts/lib/mock/server.js";
import { exampleCalls, type ExampleCall } from "./spec-examples.js";

type AnyMethod = (...args: unknown[]) => Promise<unknown>;

// The calls are known when the tests are collected: one test per operation, so a failure names it, and
// a mutant of one handler (npm run test:mutation -- mock) runs the tests of the operations that reach it.
const spec = (await bundleSpec(defaultSpec)) as BundledSpec;
const calls: ExampleCall[] = exampleCalls(spec);
let mock: RunningMock;
let airbyte: AirbyteClient;

beforeAll(async () => {
  mock = await startMock(spec);
  airbyte = createAirbyteClient({
    baseUrl: mock.baseUrl,
    auth: { bearerToken: "any-token" },
    retry: false,
  });
});
afterAll(() => mock?.close());

function method(
  client: AirbyteClient,
  call: Pick<ExampleCall, "group" | "operationId">,
): AnyMethod {
  const group = (client as unknown as Record<string, Record<string, AnyMethod>>)[call.group];
  const fn = group?.[call.operationId];
  if (!fn) throw new Error(`the client has no ${call.group}.${call.operationId}`);
  return fn;
}

describe("every operation with its spec example", () => {
  it("covers every operation of the client", () => {
    expect(calls.map((c) => c.operationId).sort()).toEqual(Object.keys(operationTable).sort());
  });

  it.each(calls.filter((c) => c.operationId !== "oauthCallback").map((c) => [`${c.group}.${c.operationId}`, c] as const))(
    "%s is accepted by the mock's validator and answered",
    async (_name, call) => {
      await expect(method(airbyte, call)(...call.args)).resolves.not.toBeInstanceOf(Error);
    },
  );

  it("oauthCallback passes validation and then needs a state that initiateOAuth issued", async () => {
    const call = calls.find((c) => c.operationId === "oauthCallback");
    expect(call?.args).toEqual([
      { queryParams: expect.objectContaining({ state: expect.any(String) }) },
    ]);
    const error = (await method(
      airbyte,
      call ?? { group: "", operationId: "" },
    )(...(call?.args ?? [])).catch((e: unknown) => e)) as AirbyteApiError;
    // Validation would name the query object; the flow names the state it does not know.
    expect(error.problem?.detail).toMatch(
      /^oauthCallback: query\.state \S+ is not a consent this mock started/,
    );
  });
});

describe("a call the spec does not allow", () => {
  const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
  const cases: Array<
    [name: string, call: (a: AirbyteClient) => Promise<unknown>, status: number, field: string]
  > = [
    [
      "a number where the body wants a string",
      (a) =>
        a.sources.initiateOAuth({ redirectUrl: 42, workspaceId, sourceType: "github" } as never),
      400,
      "body.redirectUrl",
    ],
    [
      "a required body field left out",
      (a) =>
        a.sources.initiateOAuth({
          redirectUrl: "https://app.example.com/cb",
          workspaceId,
        } as never),
      400,
      "body.sourceType",
    ],
    [
      "a path parameter that is not a UUID",
      (a) => a.sources.getSource("not-a-uuid"),
      400,
      "path.sourceId",
    ],
    [
      "a query value over its maximum",
      (a) => a.sources.listSources({ limit: 500 }),
      400,
      "query.limit",
    ],
    [
      "a secretId no consent issued",
      (a) =>
        a.sources.createSource({
          name: "x",
          workspaceId,
          secretId: "forged",
          configuration: { sourceType: "github" },
        }),
      400,
      "body.secretId",
    ],
  ];
  it.each(
    cases.map(
      ([name, call, status, field]) =>
        [`${name}: ${status} naming ${field}`, call, status, field] as const,
    ),
  )("%s", async (_name, call, status, field) => {
    const error = await call(airbyte).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AirbyteApiError);
    const apiError = error as AirbyteApiError;
    expect(apiError.status).toBe(status);
    expect(apiError.headers.get("content-type")).toBe("application/problem+json");
    expect(apiError.problem?.detail).toContain(field);
    expect(JSON.stringify(apiError.problem)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it("without credentials is a 401 Problem, with any token it passes", async () => {
    const anonymous = createAirbyteClient({ auth: false, baseUrl: mock.baseUrl, retry: false });
    const error = (await anonymous.workspaces
      .listWorkspaces()
      .catch((e: unknown) => e)) as AirbyteApiError;
    expect(error.status).toBe(401);
    expect(error.problem?.title).toBe("unauthorized");
    await expect(airbyte.workspaces.listWorkspaces()).resolves.toHaveProperty("data");
  });
});
