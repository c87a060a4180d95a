/**
 * server.ts over HTTP, as a client author sees it: CORS on every answer and
 * preflight, the body cap and bad bodies as Problems, which Host headers
 * build the links, request targets that are not a path, the request log and
 * its printed lines, latency drawn from the seed, the options, and close().
 * Every test starts its own mock.
 */
import { request as httpRequest } from "node:http";
import { connect, createServer, type AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { Faults } from "../../scripts/lib/mock/faults.js";
import { startMock, type MockOptions, type RunningMock } from "../../scripts/lib/mock/server.js";
import { defaultSpec } from "../../scripts/lib/shared/paths.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";
import { ioTurns } from "../helpers/fake-clock.js";

const spec = (await bundleSpec(defaultSpec)) as BundledSpec;
const MiB = 1024 * 1024;
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, user-agent, x-request-id",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-expose-headers": "x-request-id, retry-after",
};
const AUTH = { authorization: "Bearer t" };
const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";

let mock: RunningMock;
let printed: string[];
const started: RunningMock[] = [];
/** A mock closed after the test. */
async function own(options: MockOptions = {}): Promise<RunningMock> {
  const running = await startMock({ spec, ...options });
  started.push(running);
  return running;
}
beforeEach(async () => {
  printed = [];
  mock = await own({ log: (line) => printed.push(line) });
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((m) => m.close()));
  vi.restoreAllMocks();
});

const portOf = (m: RunningMock) => Number(new URL(m.origin).port);

/** Sends `text` as it is on a new connection and returns all the mock wrote back. */
function raw(m: RunningMock, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(portOf(m), "127.0.0.1", () => socket.end(text));
    let answer = "";
    socket.on("data", (d: Buffer) => (answer += d.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
  });
}

/** GET with a Host header of our choice (fetch sets its own). */
function withHost(m: RunningMock, path: string, host: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: portOf(m), path, headers: { host, ...AUTH } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on("error", reject);
    req.end();
  });
}

const headersOf = (res: Response) => Object.fromEntries(res.headers);
const problemBody = (status: number, title: string, detail: string, errors?: Array<{ field: string; message: string }>) => ({
  type: `https://reference.airbyte.com/reference/errors#${title}`,
  title,
  status,
  detail,
  ...(errors ? { data: { errors } } : {}),
});

describe("CORS", () => {
  it("a preflight is a 204 with the CORS headers and nothing else, logged", async () => {
    const res = await fetch(`${mock.baseUrl}/sources`, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(headersOf(res)).toMatchObject(CORS);
    expect(res.headers.get("content-type")).toBeNull();
    expect(await res.text()).toBe("");
    expect(mock.requests.at(-1)).toMatchObject({ method: "OPTIONS", path: "/v1/sources", status: 204, body: undefined });
    expect(printed).toEqual([expect.stringMatching(/^OPTIONS \/v1\/sources 204 \d+ms$/)]);
  });

  it("every answer carries them: JSON as application/json, a Problem as problem+json, a 204 without a type", async () => {
    const ok = await fetch(`${mock.baseUrl}/workspaces`, { headers: AUTH });
    expect(ok.status).toBe(200);
    expect(headersOf(ok)).toMatchObject({ ...CORS, "content-type": "application/json" });
    expect(((await ok.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);

    const missing = await fetch(`${mock.baseUrl}/nowhere`, { headers: AUTH });
    expect(headersOf(missing)).toMatchObject({ ...CORS, "content-type": "application/problem+json" });
    expect(await missing.json()).toMatchObject({ status: 404, title: "not-found" });

    const created = (await (
      await fetch(`${mock.baseUrl}/workspaces`, { method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: JSON.stringify({ name: "w" }) })
    ).json()) as { workspaceId: string };
    const deleted = await fetch(`${mock.baseUrl}/workspaces/${created.workspaceId}`, { method: "DELETE", headers: AUTH });
    expect(deleted.status).toBe(204);
    expect(headersOf(deleted)).toMatchObject(CORS);
    expect(deleted.headers.get("content-type")).toBeNull();
    expect(await deleted.text()).toBe("");
  });
});

describe("request bodies", () => {
  const post = (body: string | Uint8Array, type = "application/json") =>
    fetch(`${mock.baseUrl}/sources/initiateOAuth`, { method: "POST", headers: { ...AUTH, "content-type": type }, body });

  it("over 1 MiB is a 400 Problem naming the cap", async () => {
    const res = await post(new Uint8Array(MiB + 1).fill(0x20));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const message = "the body is larger than 1048576 bytes";
    expect(await res.json()).toStrictEqual(problemBody(400, "bad-request", `body: ${message}`, [{ field: "body", message }]));
    expect(mock.requests.at(-1)).toMatchObject({ method: "POST", path: "/v1/sources/initiateOAuth", status: 400 });
  });

  it("of exactly 1 MiB is read (and then answered by the API)", async () => {
    const json = `"${"a".repeat(MiB - 2)}"`;
    const res = await fetch(`${mock.baseUrl}/health`, { method: "PATCH", headers: { ...AUTH, "content-type": "application/json" }, body: json });
    expect(res.status).toBe(405);
  });

  it("that is not JSON is a 400 Problem saying so", async () => {
    const res = await post("{nope");
    expect(res.status).toBe(400);
    const message = "the body is not valid JSON";
    expect(await res.json()).toStrictEqual(problemBody(400, "bad-request", `body: ${message}`, [{ field: "body", message }]));
  });

  it("a form body (with a charset) is read as fields, and its secret is not logged", async () => {
    const res = await fetch(`${mock.baseUrl}/applications/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: "client_id=id&client_secret=s3cr3t&grant-type=client_credentials",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ access_token: expect.stringMatching(/^mock-token-\d+$/) });
    expect(mock.requests.at(-1)?.body).toStrictEqual({ client_id: "id", client_secret: "[REDACTED]", "grant-type": "client_credentials" });
  });

  it("a body is read as UTF-8", async () => {
    const res = await fetch(`${mock.baseUrl}/workspaces`, {
      method: "POST",
      headers: { ...AUTH, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: "Zürich ☃ 東京" }),
    });
    expect(await res.json()).toMatchObject({ name: "Zürich ☃ 東京" });
  });

  it("a JSON body is logged parsed, secrets redacted, and the credentials header too", async () => {
    const res = await fetch(`${mock.baseUrl}/sources`, {
      method: "POST",
      headers: { authorization: "Bearer hush", "content-type": "application/json", "x-trace": "1" },
      body: JSON.stringify({ name: "pg", workspaceId, configuration: { sourceType: "postgres", password: "hunter2" } }),
    });
    const entry = mock.requests.at(-1);
    expect(entry).toMatchObject({ method: "POST", path: "/v1/sources", status: res.status });
    expect(entry?.body).toStrictEqual({ name: "pg", workspaceId, configuration: { sourceType: "postgres", password: "[REDACTED]" } });
    expect(entry?.headers).toMatchObject({ authorization: "[REDACTED]", "x-trace": "1", "content-type": "application/json" });
  });
});

describe("the Host header", () => {
  const nextOf = async (m: RunningMock, host: string) => {
    const { status, body } = await withHost(m, "/v1/sources?limit=30", host);
    expect(status).toBe(200);
    return (body as { next: string }).next;
  };

  it.each([
    ["api.example.test:12345", "http://api.example.test:12345"],
    ["api.example.test", "http://api.example.test"],
    ["Mixed-Case.TEST:8", "http://mixed-case.test:8"],
    ["localhost:80", "http://localhost"],
    ["[::1]:8080", "http://[::1]:8080"],
    ["[::1]", "http://[::1]"],
    ["[::1]:12345", "http://[::1]:12345"],
    ["[::1]:8", "http://[::1]:8"],
    ["10.0.0.7:4010", "http://10.0.0.7:4010"],
    ["a-b.c-d.test", "http://a-b.c-d.test"],
    [`${"a".repeat(63)}.test`, `http://${"a".repeat(63)}.test`],
    // 253 characters, DNS's longest name, with a port.
    [`${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}:4010`, `http://${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}:4010`],
  ])("a plain host[:port] %j builds the links", async (host, origin) => {
    expect(await nextOf(mock, host)).toBe(`${origin}/v1/sources?limit=30&offset=30`);
  });

  it.each(["evil.test/x", "user@evil.test", "evil.test:123456", "evil.test:99999", "evil.test:", "[::1]x", "[::1]:", "[zz]", "x.test:80:80", "-_-", "x.test:000080", "[::1]:000080", "user@[::1]:8080", "..", ".", "..:80", "a..test", ".a.test", "a.test.", "-a.test", "a-.test", `${"a".repeat(64)}.test`, `${"abc.".repeat(64)}test`, `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`])(
    "anything else (%j) is ignored: the links use the mock's origin",
    async (host) => {
      expect(await nextOf(mock, host)).toBe(`${mock.origin}/v1/sources?limit=30&offset=30`);
    },
  );

  it("no Host at all (HTTP/1.0): the mock's origin", async () => {
    const answer = await raw(mock, "GET /v1/sources?limit=30 HTTP/1.0\r\nAuthorization: Bearer t\r\n\r\n");
    const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as { next: string };
    expect(body.next).toBe(`${mock.origin}/v1/sources?limit=30&offset=30`);
  });
});

describe("request targets", () => {
  const refused = problemBody(400, "bad-request", "The request target must be a path starting with a single /.");
  const bodyOf = (answer: string) => {
    const text = answer.slice(answer.indexOf("\r\n\r\n") + 4);
    return JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as unknown;
  };

  it.each([
    ["GET //evil.test/v1/health", "//evil.test/v1/health"],
    ["GET http://evil.test/v1/health", "/"],
    ["OPTIONS *", "/"],
  ])("%s is a 400 Problem, logged as %s", async (line, logged) => {
    const answer = await raw(mock, `${line} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("content-type: application/problem+json");
    expect(bodyOf(answer)).toStrictEqual(refused);
    expect(mock.requests.at(-1)).toMatchObject({ method: line.split(" ")[0], path: logged, status: 400, body: undefined });
  });

  it.each(["/v1/sources/..", "/v1/sources/.", "/v1/sources/%2e%2e", "/v1/sources/%2E.", "/v1/./health", "/v1/sources/../workspaces?limit=1", "/v1/sources/.%2e#x", "/v1/sources\\..", "/v1/workspaces\\..\\health", "/v1/sources/%2e%2e\\"])(
    "%s (a dot segment, which would name another endpoint) is a 400 Problem",
    async (target) => {
      const answer = await raw(mock, `GET ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(bodyOf(answer)).toStrictEqual(problemBody(400, "bad-request", "The request target must not have . or .. path segments: they would name another endpoint."));
    },
  );

  it.each([
    ["/v1/sources/a.b", "getSource: path.sourceId must match format"],
    ["/v1/sources/...", "getSource: path.sourceId must match format"],
    ["/v1/sources/.x", "getSource: path.sourceId must match format"],
    ["/v1/sources/..x", "getSource: path.sourceId must match format"],
    ["/v1/health?x=..", "getHealthCheck: query.x is not a field"],
    ["/v1/health#/..", "HTTP/1.1 200 "],
  ])("%s (dots that are not a whole path segment) reaches its operation", async (target, reached) => {
    const answer = await raw(mock, `GET ${target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n`);
    expect(answer).toContain(reached);
    expect(answer).not.toContain("path segments");
  });

  it("one the mock cannot read is a 500 Problem that says what failed, not where", async () => {
    const answer = await raw(mock, "GET /\\evil.test:99999/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 500 /);
    expect(answer).toContain("content-type: application/problem+json");
    expect(bodyOf(answer)).toStrictEqual(problemBody(500, "internal-server-error", "The mock could not answer GET /."));
    expect((await fetch(`${mock.baseUrl}/health`)).status).toBe(200);
  });

  it("a malformed request gets Node's bare 400 and the mock keeps serving", async () => {
    expect(await raw(mock, "GARBAGE\r\n\r\n")).toBe("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    expect((await fetch(`${mock.baseUrl}/health`)).status).toBe(200);
  });

  it("a query reaches the API as sent", async () => {
    const page = (await (await fetch(`${mock.baseUrl}/sources?limit=3&offset=6`, { headers: AUTH })).json()) as { data: unknown[]; next: string };
    expect(page.data).toHaveLength(3);
    expect(page.next).toBe(`${mock.origin}/v1/sources?limit=3&offset=9`);
  });
});

describe("the request log", () => {
  it("one entry and one printed line per request: method, path and query, status, time", async () => {
    const before = performance.now();
    await fetch(`${mock.baseUrl}/workspaces?limit=2`, { headers: AUTH });
    await fetch(`${mock.baseUrl}/workspaces`);
    const took = performance.now() - before;
    expect(mock.requests.map(({ method, path, status }) => `${method} ${path} ${status}`)).toEqual([
      "GET /v1/workspaces?limit=2 200",
      "GET /v1/workspaces 401",
    ]);
    for (const entry of mock.requests) {
      expect(entry.ms).toBeGreaterThanOrEqual(0);
      expect(entry.ms).toBeLessThanOrEqual(Math.ceil(took));
    }
    expect(printed).toEqual([
      `GET /v1/workspaces?limit=2 200 ${mock.requests[0]?.ms}ms`,
      `GET /v1/workspaces 401 ${mock.requests[1]?.ms}ms`,
    ]);
  });

  it("repeated request headers are logged joined", async () => {
    await raw(mock, "GET /v1/health HTTP/1.1\r\nHost: x\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nConnection: close\r\n\r\n");
    expect(mock.requests.at(-1)?.headers["set-cookie"]).toBe("a=1, b=2");
  });

  it("a client that left before the answer is logged, and the mock carries on", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (asked = resolve));
    // The first answer waits until the client has gone; later ones do not wait.
    const m = await own({ latencyMs: 5, sleep: () => (asked(), held) });
    const socket = connect(portOf(m), "127.0.0.1", () => socket.write("GET /v1/workspaces HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n"));
    const gone = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    await waiting;
    socket.destroy();
    await gone;
    await ioTurns(5);
    release();
    while (m.requests.length === 0) await ioTurns(1);
    await ioTurns(5);
    expect(m.requests).toMatchObject([{ method: "GET", path: "/v1/workspaces", status: 200 }]);
    expect((await fetch(`${m.baseUrl}/health`)).status).toBe(200);
  });

  it("keeps the last 10000 requests", async () => {
    const count = 10_001;
    const socket = connect(portOf(mock), "127.0.0.1");
    socket.on("data", () => undefined);
    socket.write(Array.from({ length: count }, (_, i) => `OPTIONS /v1/r${i} HTTP/1.1\r\nHost: x\r\n\r\n`).join(""));
    while (printed.length < count) await ioTurns(1);
    socket.destroy();
    expect(mock.requests).toHaveLength(10_000);
    expect(mock.requests[0]?.path).toBe("/v1/r1");
    expect(mock.requests.at(-1)?.path).toBe(`/v1/r${count - 1}`);
  }, 30_000);
});

describe("latency", () => {
  const recorder = () => {
    const waits: number[] = [];
    return { waits, sleep: (ms: number) => (waits.push(ms), Promise.resolve()) };
  };
  const drawn = (options: ConstructorParameters<typeof Faults>[0], n: number) => {
    const faults = new Faults(options);
    return Array.from({ length: n }, () => faults.delayMs());
  };
  const hit = async (m: RunningMock, n: number) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await fetch(`${m.baseUrl}/workspaces`, { headers: AUTH })).status);
    return statuses;
  };

  it("waits before each answer, drawn from seed + 1", async () => {
    const { waits, sleep } = recorder();
    const m = await own({ latencyMs: [100, 900], seed: 7, sleep });
    await hit(m, 4);
    expect(waits).toEqual(drawn({ latencyMs: [100, 900], seed: 8 }, 4));
  });

  it("without a seed, from seed 2", async () => {
    const { waits, sleep } = recorder();
    const m = await own({ latencyMs: [0, 1000], sleep });
    await hit(m, 3);
    expect(waits).toEqual(drawn({ latencyMs: [0, 1000], seed: 2 }, 3));
  });

  it("a fixed latency waits that long; none waits not at all; a preflight never waits", async () => {
    const fixed = recorder();
    const slow = await own({ latencyMs: 250, sleep: fixed.sleep });
    await hit(slow, 2);
    await fetch(`${slow.baseUrl}/workspaces`, { method: "OPTIONS" });
    expect(fixed.waits).toEqual([250, 250]);
    const none = recorder();
    await hit(await own({ sleep: none.sleep }), 2);
    await hit(await own({ latencyMs: 0, sleep: none.sleep }), 2);
    expect(none.waits).toEqual([]);
  });

  it("waits with setTimeout when no sleep is given", async () => {
    const original = globalThis.setTimeout;
    const waits: number[] = [];
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((run: () => void, ms?: number) => {
      if (ms !== 1234) return original(run, ms);
      waits.push(ms);
      return original(run, 0);
    }) as typeof setTimeout);
    const m = await own({ latencyMs: 1234 });
    expect(await hit(m, 2)).toEqual([200, 200]);
    expect(waits).toEqual([1234, 1234]);
  });

  it("adding latency does not move which requests fail, and the seed picks them", async () => {
    const plain = await own({ spec, failureRate: 0.5, seed: 42 });
    const slowed = await own({ spec, failureRate: 0.5, seed: 42, latencyMs: [1, 50], sleep: recorder().sleep });
    const faults = new Faults({ failureRate: 0.5, seed: 42 });
    const expected = Array.from({ length: 10 }, () => (faults.fails() ? 500 : 200));
    expect(expected).toContain(500);
    expect(expected).toContain(200);
    expect(await hit(plain, 10)).toEqual(expected);
    expect(await hit(slowed, 10)).toEqual(expected);
  });
});

describe("startMock's arguments and result", () => {
  const failing = async (m: RunningMock) => {
    const res = await fetch(`${m.baseUrl}/workspaces`, { headers: AUTH });
    return { status: res.status, detail: ((await res.json()) as { detail?: string }).detail };
  };
  const injected = { status: 500, detail: "listWorkspaces: an injected failure (the mock's failureRate); the request was not carried out." };

  it("takes a spec and options, or options, or options and more options (more win)", async () => {
    const a = await startMock(spec, { failureRate: 1 });
    started.push(a);
    expect(await failing(a)).toEqual(injected);
    const b = await startMock({ spec }, { failureRate: 1 });
    started.push(b);
    expect(await failing(b)).toEqual(injected);
    const c = await startMock({ spec, failureRate: 1 }, { failureRate: 0 });
    started.push(c);
    expect((await failing(c)).status).toBe(200);
  });

  it("refuses bad fault options before it listens", async () => {
    await expect(startMock(spec, { latencyMs: [5, 1] })).rejects.toThrow(RangeError);
  });

  it("listens on 127.0.0.1 and a free port by default; baseUrl and url add /v1", async () => {
    expect(mock.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portOf(mock)).toBeGreaterThan(0);
    expect(mock.baseUrl).toBe(`${mock.origin}/v1`);
    expect(mock.url).toBe(`${mock.origin}/v1`);
  });

  it("an IPv6 host is bracketed in the origin", async () => {
    const m = await own({ host: "::1" });
    expect(m.origin).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await fetch(`${m.baseUrl}/health`)).status).toBe(200);
  });

  it("listens on the port given, and fails when it is taken", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const m = await own({ port });
    expect(m.origin).toBe(`http://127.0.0.1:${port}`);
    await expect(startMock(spec, { port })).rejects.toMatchObject({ code: "EADDRINUSE" });
  });

  it("close() ends open connections, one in the middle of a request too", async () => {
    const m = await startMock(spec);
    const socket = connect(portOf(m), "127.0.0.1");
    const closed = new Promise<string>((resolve) => socket.on("close", () => resolve("socket closed")));
    socket.on("error", () => undefined);
    await new Promise<void>((resolve) => socket.on("connect", resolve));
    socket.write("POST /v1/workspaces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"na");
    await ioTurns(5);
    const stopped = m.close().then(() => "closed");
    expect(await Promise.race([stopped, ioTurns(200).then(() => "still open")])).toBe("closed");
    expect(await closed).toBe("socket closed");
  });
});
