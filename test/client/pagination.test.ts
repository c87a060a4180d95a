/**
 * Pagination against a local server that pages like Airbyte's: `limit` and
 * `offset` in, `{ data, next, previous }` out, absolute `next` links for every
 * non-empty page (a short last page too) and `next: ""` once a page is empty.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAirbyteClient, type SourceResponse } from "../../src/index.js";
import { json, startServer, type TestServer } from "../helpers/server.js";

let server: TestServer;
let baseUrl: string;
let total = 0;
/** How the server builds `next`, per test. */
let nextLink: (offset: number, limit: number, url: URL) => string | undefined;

const item = (i: number): SourceResponse => ({
  sourceId: `s-${i}`,
  name: `source ${i}`,
  workspaceId: "w",
  configuration: {},
  createdAt: i,
});

beforeAll(async () => {
  server = await startServer((req, res) => {
    const url = new URL(req.url, "http://airbyte.internal");
    const limit = Number(url.searchParams.get("limit") ?? 20);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const data = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => item(offset + i));
    const next = data.length === 0 ? "" : nextLink(offset, limit, url);
    json(res, 200, { data, ...(next === undefined ? {} : { next }), previous: "" });
  });
  baseUrl = `${server.origin}/api/public/v1`;
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  // Like Airbyte: an absolute URL on its own public host, repeating the filters.
  nextLink = (offset, limit, url) => {
    const next = new URL(`https://api.airbyte.com/v1/sources${url.search}`);
    next.searchParams.set("limit", String(limit));
    next.searchParams.set("offset", String(offset + limit));
    return next.toString();
  };
});

const client = () => createAirbyteClient({ baseUrl, auth: { bearerToken: "k" } });
const offsets = () => server.requests.map((r) => new URL(r.url, "http://x").searchParams.get("offset") ?? "0");

describe("for await over a list", () => {
  it.each([
    ["45 items (short last page)", 45, 45, ["0", "20", "40", "60"]],
    ["40 items (exact pages)", 40, 40, ["0", "20", "40"]],
    ["no items", 0, 0, ["0"]],
    ["one item", 1, 1, ["0", "20"]],
  ])("%s: every item once, each page requested once, stops on the empty page", async (_, count, expected, requested) => {
    total = count;
    const ids: string[] = [];
    for await (const source of client().sources.listSources()) ids.push(source.sourceId);
    expect(ids).toEqual(Array.from({ length: expected }, (_, i) => `s-${i}`));
    expect(offsets()).toEqual(requested);
  });

  it("stops when next is missing", async () => {
    total = 100;
    nextLink = () => undefined;
    let n = 0;
    for await (const _ of client().sources.listSources()) n++;
    expect(n).toBe(20);
    expect(server.requests).toHaveLength(1);
  });

  it("follows limit/offset from next, keeps the caller's filters and base URL, sends arrays as repeated keys", async () => {
    total = 7;
    const ws = ["a1", "b2"];
    const seen: string[] = [];
    for await (const s of client().sources.listSources({ workspaceIds: ws, limit: 3, includeDeleted: true })) seen.push(s.sourceId);
    expect(seen).toHaveLength(7);
    expect(server.requests.map((r) => r.url)).toEqual([
      "/api/public/v1/sources?workspaceIds=a1&workspaceIds=b2&limit=3&includeDeleted=true",
      "/api/public/v1/sources?workspaceIds=a1&workspaceIds=b2&limit=3&includeDeleted=true&offset=3",
      "/api/public/v1/sources?workspaceIds=a1&workspaceIds=b2&limit=3&includeDeleted=true&offset=6",
      "/api/public/v1/sources?workspaceIds=a1&workspaceIds=b2&limit=3&includeDeleted=true&offset=9",
    ]);
  });

  it("never requests a page twice, even when next points back", async () => {
    total = 100;
    nextLink = () => "https://api.airbyte.com/v1/sources?limit=20&offset=0";
    let n = 0;
    for await (const _ of client().sources.listSources()) n++;
    expect(n).toBe(20);
    expect(offsets()).toEqual(["0"]);
  });

  it("stops cleanly on break: no request after it", async () => {
    total = 100;
    let n = 0;
    for await (const _ of client().sources.listSources()) if (++n === 25) break;
    expect(offsets()).toEqual(["0", "20"]);
  });

  it("stops on an AbortSignal with the AbortError, and requests nothing more", async () => {
    total = 100;
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = (async () => {
      for await (const s of client().sources.listSources(undefined, { signal: controller.signal })) {
        seen.push(s.sourceId);
        if (seen.length === 30) controller.abort();
      }
    })();
    await expect(walk).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toHaveLength(30);
    expect(offsets()).toEqual(["0", "20"]);
  });
});

describe("the page promise", () => {
  it("await gives the first page, typed as the spec's page", async () => {
    total = 45;
    const page = await client().sources.listSources({ limit: 10 });
    expect(page.data).toHaveLength(10);
    expect(page.next).toBe("https://api.airbyte.com/v1/sources?limit=10&offset=10");
    expect(server.requests).toHaveLength(1);
  });

  it("awaiting, then iterating the same promise reuses the first page", async () => {
    total = 30;
    const list = client().sources.listSources();
    const first = await list;
    let n = 0;
    for await (const _ of list) n++;
    expect(first.data).toHaveLength(20);
    expect(n).toBe(30);
    expect(offsets()).toEqual(["0", "20", "40"]);
  });

  it(".pages() walks page by page", async () => {
    total = 45;
    const sizes: number[] = [];
    for await (const page of client().sources.listSources().pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([20, 20, 5, 0]);
  });

  it("does not request anything until awaited or iterated", async () => {
    total = 5;
    const list = client().sources.listSources();
    await new Promise((r) => setTimeout(r, 20));
    expect(server.requests).toHaveLength(0);
    await list;
    expect(server.requests).toHaveLength(1);
  });

  it("works for a paginated operation with a path parameter (listGroupMembers)", async () => {
    total = 25;
    let n = 0;
    for await (const _ of client().groups.listGroupMembers("g-1", { limit: 10 })) n++;
    expect(n).toBe(25);
    expect(server.requests.map((r) => r.url.split("?")[0])).toEqual(Array(4).fill("/api/public/v1/groups/g-1/members"));
  });

  it.each(["listSources", "listDestinations", "listConnections", "listWorkspaces", "listJobs"] as const)("%s pages", async (name) => {
    total = 3;
    const group = { listSources: "sources", listDestinations: "destinations", listConnections: "connections", listWorkspaces: "workspaces", listJobs: "jobs" }[name];
    const list = (client() as unknown as Record<string, Record<string, (q?: unknown) => AsyncIterable<unknown>>>)[group]?.[name]?.({ limit: 2 });
    let n = 0;
    for await (const _ of list ?? []) n++;
    expect(n).toBe(3);
  });
});
