/**
 * `npm run contract` against a replay server on 127.0.0.1: canned answers,
 * some drifting from a small fixture spec (test/fixtures/contract/openapi.json).
 * The replay server fails the test on any write; the report must name each
 * drift by operation, JSON pointer and kind.
 */
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseContractArgs, type ContractArgs } from "../../scripts/lib/contract/args.js";
import { formatJson, formatMarkdown } from "../../scripts/lib/contract/report.js";
import { ContractFatalError, runContract, type ContractReport } from "../../scripts/lib/contract/run.js";
import { createSpecValidator, type SpecValidator } from "../../scripts/lib/spec/validator.js";
import { repoRoot, runScript } from "../helpers/run.js";
import { json, problem, startServer, type RecordedRequest, type TestServer } from "../helpers/server.js";

const specFile = join(repoRoot, "test", "fixtures", "contract", "openapi.json");
const TOKEN = "tok-SECRET-1f2e3d";
const CLIENT_SECRET = "cs-SECRET-9a8b7c";

const ws = "a1b2c3d4-0000-4000-8000-000000000001";
const src1 = "5e6f7a8b-0000-4000-8000-000000000011";
const src2 = "5e6f7a8b-0000-4000-8000-000000000012";
const src3 = "5e6f7a8b-0000-4000-8000-000000000013";

type Canned = [status: number, body: unknown, contentType?: string];

/** What a server drifting from the fixture spec answers, by path. */
const drifting: Record<string, Canned> = {
  "/health": [200, ""],
  "/workspaces": [200, { data: [{ workspaceId: ws, name: "Prod", dataResidency: "mars" }], next: "" }],
  [`/workspaces/${ws}`]: [200, { workspaceId: ws, name: "Prod", dataResidency: "auto" }],
  "/sources": [
    200,
    {
      data: [
        { sourceId: src1, name: "Postgres", workspaceId: ws, kind: "registry", configuration: {} },
        { sourceId: src2, name: "Stripe", workspaceId: ws },
        { sourceId: src3, name: "Third", workspaceId: ws },
      ],
    },
  ],
  // unexpected null, missing required field, unknown value of a closed enum
  [`/sources/${src1}`]: [200, { sourceId: src1, name: null, kind: "builder" }],
  // a status the spec does not declare for getSource
  [`/sources/${src2}`]: [409, { status: 409, title: "state-conflict", detail: "busy" }, "application/problem+json"],
  "/streams": [200, [{ streamName: "users" }]],
  "/connector_definitions": [200, [{ name: "Postgres" }]],
};

let server: TestServer;
let validator: SpecValidator;
let answers: Record<string, Canned> = drifting;
let writes: RecordedRequest[] = [];

function replay(req: RecordedRequest, res: ServerResponse): void {
  const fullPath = new URL(req.url, "http://x").pathname;
  if (!fullPath.startsWith("/api/public/v1/")) {
    res.writeHead(404, { "content-type": "text/plain" });
    return void res.end("Not Found");
  }
  const path = fullPath.slice("/api/public/v1".length);
  if (req.method === "POST" && path === "/applications/token") {
    const sent = JSON.parse(req.body) as { client_secret?: string };
    if (sent.client_secret !== CLIENT_SECRET) return problem(res, 401, "invalid-api-key", "bad client credentials");
    return json(res, 200, { access_token: TOKEN, token_type: "Bearer", expires_in: 180 });
  }
  if (req.method !== "GET") {
    writes.push(req);
    return problem(res, 405, "write-refused", `the replay server refuses ${req.method}`);
  }
  if (path !== "/health" && req.headers.authorization !== `Bearer ${TOKEN}`) return problem(res, 401, "invalid-api-key", "no or bad token");
  const canned = answers[path];
  if (!canned) return problem(res, 404, "resource-not-found", `nothing canned for ${path}`);
  const [status, body, contentType] = canned;
  if (typeof body === "string") {
    res.writeHead(status, { "content-type": contentType ?? "text/plain" });
    return void res.end(body);
  }
  json(res, status, body, contentType);
}

const argsFor = (baseUrl: string, extra: string[] = []): ContractArgs =>
  parseContractArgs(["--base-url", baseUrl, "--spec", specFile, ...extra], { AIRBYTE_BEARER_TOKEN: TOKEN });

beforeAll(async () => {
  server = await startServer(replay);
  validator = createSpecValidator(JSON.parse(readFileSync(specFile, "utf8")) as Record<string, unknown>);
});
afterAll(() => server.close());
beforeEach(() => {
  answers = drifting;
  writes = [];
  server.requests.length = 0;
  server.handle(replay);
});

const baseUrl = () => `${server.origin}/api/public/v1`;
const flatten = (report: ContractReport) =>
  report.calls.flatMap((c) => [
    ...c.differences.map((d) => `${c.operationId} ${d.kind} ${d.pointer}`),
    ...c.notes.map((d) => `${c.operationId} note:${d.kind} ${d.pointer}`),
  ]);

describe("contract check against a drifting server", () => {
  it("names every drift by operation, kind and pointer, and nothing else", async () => {
    const report = await runContract(argsFor(baseUrl()), validator);
    expect(flatten(report).sort()).toEqual(
      [
        "getSource missing-required /workspaceId",
        "getSource unexpected-null /name",
        "getSource unknown-enum-value /kind",
        "getSource undeclared-status ",
        "listWorkspaces note:unknown-enum-value /0/dataResidency".replace("/0/", "/data/0/"),
      ].sort(),
    );
  });

  it("calls only GETs: the health check, the lists, then gets on listed ids, at most --limit of them", async () => {
    const report = await runContract(argsFor(baseUrl(), ["--limit", "2"]), validator);
    expect(writes).toEqual([]);
    expect(server.requests.every((r) => r.method === "GET")).toBe(true);
    expect(report.calls.map((c) => c.request)).toEqual([
      "GET /health",
      "GET /workspaces?limit=2",
      "GET /sources?limit=2",
      `GET /workspaces/${ws}`,
      `GET /sources/${src1}`,
      `GET /sources/${src2}`,
      `GET /streams?sourceId=${src1}`,
      `GET /streams?sourceId=${src2}`,
      // A required enum parameter takes each of its values.
      "GET /connector_definitions?type=source",
      "GET /connector_definitions?type=destination",
    ]);
    // The list gave three sources; --limit 2 keeps the third one out.
    expect(server.requests.some((r) => r.url.includes(src3))).toBe(false);
    expect(report.skipped.map((s) => s.operationId).sort()).toEqual(["getDocumentation", "getJob", "oauthCallback"]);
    expect(report.skipped.find((s) => s.operationId === "getJob")?.reason).toBe("no jobId found in the answers of the other calls");
  });

  it("reports a server that matches the spec as clean", async () => {
    answers = {
      ...drifting,
      "/workspaces": [200, { data: [{ workspaceId: ws, name: "Prod" }] }],
      [`/sources/${src1}`]: [200, { sourceId: src1, name: "Postgres", workspaceId: ws }],
      [`/sources/${src2}`]: [404, { status: 404, title: "resource-not-found" }, "application/problem+json"],
    };
    const report = await runContract(argsFor(baseUrl()), validator);
    expect(flatten(report)).toEqual([]);
    expect(formatMarkdown(report)).toContain("10 calls, 0 with differences (0 in all)");
  });

  it("prints the report as Markdown and as JSON", async () => {
    const report = await runContract(argsFor(baseUrl()), validator);
    const markdown = formatMarkdown(report);
    expect(markdown).toContain(`| getSource | \`GET /sources/${src1}\` | 200 | 3 |`);
    expect(markdown).toContain(`- unexpected-null at \`/name\` (GET /sources/${src1}): is null, but the spec says string`);
    expect(markdown).toContain(`- undeclared-status at \`/\` (GET /sources/${src2}): status 409 is not declared for getSource`);
    expect(markdown).toContain("- oauthCallback: not called: completes an OAuth consent and stores its secret");
    const parsed = JSON.parse(formatJson(report)) as { differences: number; calls: Array<{ operationId: string }> };
    expect(parsed.differences).toBe(4);
    expect(parsed.calls).toHaveLength(10);
  });
});

describe("contract check: cannot run", () => {
  const cases: Array<[string, (origin: string) => string, Record<string, Canned> | undefined, RegExp]> = [
    ["nothing listens at the base URL", () => "http://127.0.0.1:9/api/public/v1", undefined, /^wrong base URL: nothing answers at http:\/\/127\.0\.0\.1:9 /],
    ["the base URL misses the API path", (o) => `${o}/nope`, undefined, /^wrong base URL: GET .*\/nope\/health answered 404/],
    ["an HTML page answers", (o) => `${o}/api/public/v1`, { "/health": [200, "<!doctype html><title>Airbyte</title>", "text/html"] }, /^HTML answer: getHealthCheck got an HTML page \(status 200\)/],
  ];
  it.each(cases)("%s", async (_name, url, canned, want) => {
    if (canned) answers = { ...drifting, ...canned };
    const error = await runContract(argsFor(url(server.origin)), validator).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractFatalError);
    expect((error as Error).message).toMatch(want);
  });

  it("wrong credentials", async () => {
    const args = parseContractArgs(["--base-url", baseUrl(), "--spec", specFile], { AIRBYTE_BEARER_TOKEN: "wrong-token" });
    const error = await runContract(args, validator).catch((e: unknown) => e);
    expect((error as Error).message).toBe("wrong credentials: listWorkspaces was answered 401; check AIRBYTE_BEARER_TOKEN (or --token-file), or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET.");
  });

  it("wrong client credentials fail at the token request", async () => {
    const args = parseContractArgs(["--base-url", baseUrl(), "--client-id", "app", "--spec", specFile], { AIRBYTE_CLIENT_SECRET: "wrong-secret" });
    const error = await runContract(args, validator).catch((e: unknown) => e);
    expect((error as Error).message).toBe("wrong credentials: the token request was answered 401; check AIRBYTE_BEARER_TOKEN (or --token-file), or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET.");
  });
});

describe("contract arguments", () => {
  const token = { AIRBYTE_BEARER_TOKEN: "t" };
  const bad: Array<[string[], Record<string, string>, RegExp]> = [
    [[], token, /^--base-url is required/],
    [["--base-url", "airbyte.example.com"], token, /^--base-url is not an absolute URL/],
    [["--base-url", "https://u:p@airbyte.example.com"], token, /must not hold credentials/],
    [["--base-url", "https://a.example.com"], {}, /^credentials are required: set AIRBYTE_BEARER_TOKEN/],
    [["--base-url", "https://a.example.com", "--client-id", "i"], token, /either a token .* or client credentials/],
    [["--base-url", "https://a.example.com", "--client-id", "i"], {}, /^credentials are required/],
    [["--base-url", "https://a.example.com", "--limit", "0"], token, /^--limit must be a whole number from 1 to 20; got 0/],
    [["--base-url", "https://a.example.com", "--token-file"], {}, /^--token-file needs a value/],
    [["--bogus"], token, /^unknown argument `--bogus`/],
  ];
  it.each(bad)("%j with %j is refused", (argv, env, want) => {
    expect(() => parseContractArgs(argv, env, () => "")).toThrow(want);
  });
});

describe("npm run contract (the command)", () => {
  it("prints the JSON report with client credentials, never a credential, and exits 1 on differences", async () => {
    const result = await runScript("contract.ts", ["--base-url", baseUrl(), "--client-id", "app-id", "--spec", specFile, "--json"], undefined, {
      AIRBYTE_BEARER_TOKEN: undefined,
      AIRBYTE_CLIENT_SECRET: CLIENT_SECRET,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { differences: number };
    expect(report.differences).toBe(4);
    expect(writes).toEqual([]);
    expect(server.requests.filter((r) => r.method !== "GET").map((r) => r.url)).toEqual(["/api/public/v1/applications/token"]);
    for (const secret of [TOKEN, CLIENT_SECRET]) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("says in one line that the answer was HTML, without the token, and exits 2", async () => {
    answers = { ...drifting, "/health": [200, "<html><body>Welcome</body></html>", "text/html"] };
    const result = await runScript("contract.ts", ["--base-url", baseUrl(), "--spec", specFile], undefined, { AIRBYTE_BEARER_TOKEN: TOKEN });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^contract: HTML answer: getHealthCheck got an HTML page/);
    expect(result.stderr).not.toContain(TOKEN);
  });
});
