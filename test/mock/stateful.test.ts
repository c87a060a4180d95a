/**
 * A mock to develop against: what a client creates it keeps, errors come on
 * demand (Prefer header, failure rate, latency), every request is logged
 * without credentials, and hostile input never crashes it.
 */
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AirbyteNotFoundError, AirbyteRateLimitError, createAirbyteClient } from "airbyte-api-client";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { MAX_CONSENTS } from "../../scripts/lib/mock/oauth.js";
import { startMock, type RunningMock } from "../../scripts/lib/mock/server.js";
import { defaultSpec } from "../../scripts/lib/shared/paths.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";

let spec: BundledSpec;
let mock: RunningMock;
beforeAll(async () => {
  spec = (await bundleSpec(defaultSpec)) as BundledSpec;
  mock = await startMock({ spec });
});
afterAll(() => mock?.close());

const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A clock whose waits return at once and are recorded: retries without real time. */
function instantClock() {
  const waits: number[] = [];
  return {
    waits,
    clock: {
      sleep: (ms: number) => {
        waits.push(ms);
        return Promise.resolve();
      },
    },
  };
}

describe("done when: create, read back, list, delete, 404, 429 retried, all logged", () => {
  it("goes through the typed client", async () => {
    const { clock, waits } = instantClock();
    const airbyte = createAirbyteClient({ baseUrl: mock.url, auth: { bearerToken: "dev-token-123" }, clock });
    const before = mock.requests.length;

    const created = await airbyte.sources.createSource({
      name: "My Postgres",
      workspaceId,
      configuration: { sourceType: "postgres", host: "db.internal", port: 5432, database: "app", username: "app", password: "hunter2-secret" } as never,
    });
    expect(created.sourceId).toMatch(UUID);
    expect(created).toMatchObject({ name: "My Postgres", workspaceId });

    const read = await airbyte.sources.getSource(created.sourceId);
    expect(read).toEqual(created);

    const page = await airbyte.sources.listSources({ workspaceIds: [workspaceId], limit: 5 });
    expect(page.data.map((s) => s.sourceId)).toContain(created.sourceId);

    await airbyte.sources.deleteSource(created.sourceId);
    const gone = await airbyte.sources.getSource(created.sourceId).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(AirbyteNotFoundError);
    expect((gone as AirbyteNotFoundError).problem).toMatchObject({ status: 404, title: "not-found" });

    const limited = await airbyte.workspaces
      .listWorkspaces(undefined, { headers: { Prefer: "code=429" }, retry: { maxRetries: 2 } })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(AirbyteRateLimitError);
    expect(waits).toEqual([1000, 1000]); // Retry-After: 1, honoured twice

    const log = mock.requests.slice(before).map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`);
    expect(log).toEqual([
      "POST /v1/sources 200",
      `GET /v1/sources/${created.sourceId} 200`,
      "GET /v1/sources 200",
      `DELETE /v1/sources/${created.sourceId} 204`,
      `GET /v1/sources/${created.sourceId} 404`,
      "GET /v1/workspaces 429",
      "GET /v1/workspaces 429",
      "GET /v1/workspaces 429",
    ]);
    const logged = JSON.stringify(mock.requests.slice(before));
    expect(logged).not.toContain("dev-token-123");
    expect(logged).not.toContain("hunter2-secret");
    expect(mock.requests[before]?.headers["authorization"]).toBe("[REDACTED]");
  });
});

describe("state", () => {
  it.each([
    ["workspaces", { name: "Team A" }, "workspaceId", { name: "Team B" }],
    ["destinations", { name: "Lake", workspaceId, configuration: { destinationType: "dev-null" } }, "destinationId", { name: "Lake 2" }],
  ] as const)("%s: create keeps what was sent, patch changes it, delete makes it 404", async (kind, body, idField, patch) => {
    const call = (method: string, path: string, payload?: unknown) =>
      fetch(`${mock.url}${path}`, {
        method,
        headers: { authorization: "Bearer t", "content-type": "application/json" },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
    const created = (await (await call("POST", `/${kind}`, body)).json()) as Record<string, unknown>;
    const id = String(created[idField]);
    expect(id).toMatch(UUID);
    expect(created["name"]).toBe(body.name);
    const patched = await call("PATCH", `/${kind}/${id}`, patch);
    expect(patched.status).toBe(200);
    expect(await (await call("GET", `/${kind}/${id}`)).json()).toMatchObject({ [idField]: id, name: patch.name });
    expect((await call("DELETE", `/${kind}/${id}`)).status).toBe(204);
    const after = await call("GET", `/${kind}/${id}`);
    expect(after.status).toBe(404);
    expect(after.headers.get("content-type")).toBe("application/problem+json");
  });

  it("two creates get two fresh ids", async () => {
    const airbyte = createAirbyteClient({ baseUrl: mock.url, auth: { bearerToken: "t" }, retry: false });
    const a = await airbyte.workspaces.createWorkspace({ name: "one" });
    const b = await airbyte.workspaces.createWorkspace({ name: "two" });
    expect(a.workspaceId).not.toBe(b.workspaceId);
    await expect(airbyte.workspaces.getWorkspace(a.workspaceId)).resolves.toMatchObject({ name: "one" });
  });
});

describe("errors on demand", () => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${mock.url}${path}`, { headers: { authorization: "Bearer t", ...headers } });

  it.each([404, 500, 503])("Prefer: code=%i answers that status with a Problem", async (code) => {
    const res = await get("/workspaces", { prefer: `code=${code}` });
    expect(res.status).toBe(code);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { status: number }).status).toBe(code);
  });

  it("Prefer: example=<name> that the operation lacks is a 400 naming the examples it has", async () => {
    const res = await get("/workspaces", { prefer: "example=nope" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^listWorkspaces: Prefer: example=nope names no example of this operation/);
  });

  it("a failure rate fails the same requests for the same seed, and latency is drawn from the seed too", async () => {
    const runs: Array<{ statuses: number[]; waits: number[] }> = [];
    for (let round = 0; round < 2; round++) {
      const waits: number[] = [];
      const faulty = await startMock({
        spec,
        failureRate: 0.5,
        seed: 42,
        latencyMs: [10, 500],
        sleep: (ms) => {
          waits.push(ms);
          return Promise.resolve();
        },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fetch(`${faulty.url}/workspaces`, { headers: { authorization: "Bearer t" } })).status);
      await faulty.close();
      runs.push({ statuses, waits });
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]?.statuses).toContain(500);
    expect(runs[0]?.statuses).toContain(200);
    expect(runs[0]?.waits).toHaveLength(12);
    expect(runs[0]?.waits.every((ms) => ms >= 10 && ms <= 500)).toBe(true);
    expect(new Set(runs[0]?.waits).size).toBeGreaterThan(1);
  });

  it.each([
    [{ failureRate: 2 }, /failureRate must be a number from 0 to 1/],
    [{ latencyMs: -1 }, /latencyMs must be a number of ms from 0 to 60000/],
    [{ seed: 1.5 }, /seed must be an integer/],
  ])("bad options %j fail at start", async (options, message) => {
    await expect(startMock({ spec, ...options })).rejects.toThrow(message);
  });
});

describe("hostile input", () => {
  it.each(["[::1", "a b", "x/../y", "%", "evil.example.com@127.0.0.1"])("a Host header %j never crashes it", async (host) => {
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(mock.origin);
      const req = httpRequest({ host: "127.0.0.1", port, path: "/v1/health", headers: { host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect([200, 400]).toContain(status);
    expect((await fetch(`${mock.url}/health`)).status).toBe(200);
  });

  it("a request target that is not a path is a 400, and the mock keeps serving", async () => {
    const { port } = new URL(mock.origin);
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1", () => socket.end("GET http://evil.example.com/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"));
      let text = "";
      socket.on("data", (d: Buffer) => (text += d.toString()));
      socket.on("close", () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${mock.url}/health`)).status).toBe(200);
  });

  it.each(["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "not a url"])("initiateOAuth refuses redirectUrl %j", async (redirectUrl) => {
    const res = await fetch(`${mock.url}/sources/initiateOAuth`, {
      method: "POST",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      body: JSON.stringify({ sourceType: "github", workspaceId, redirectUrl }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { data: { errors: Array<{ field: string }> } }).data.errors[0]?.field).toBe("body.redirectUrl");
  });

  it(`keeps at most ${MAX_CONSENTS} consents (the oldest go first) and expires them`, async () => {
    let now = 1_700_000_000_000;
    const own = await startMock({ spec, now: () => now });
    const initiate = async () => {
      const res = await fetch(`${own.url}/sources/initiateOAuth`, {
        method: "POST",
        headers: { authorization: "Bearer t", "content-type": "application/json" },
        body: JSON.stringify({ sourceType: "github", workspaceId, redirectUrl: "http://127.0.0.1:1/cb" }),
      });
      return ((await res.json()) as { consentUrl: string }).consentUrl;
    };
    const consent = async (url: string) => (await fetch(url, { redirect: "manual" })).status;
    try {
      const first = await initiate();
      for (let i = 0; i < MAX_CONSENTS; i++) await initiate();
      const last = await initiate();
      expect(await consent(first)).toBe(400);
      expect(await consent(last)).toBe(302);
      now += 11 * 60_000;
      expect(await consent(last)).toBe(400);
    } finally {
      await own.close();
    }
  }, 60_000);
});
