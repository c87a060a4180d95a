/**
 * Pagination against a local server that pages like Airbyte's: `limit` and
 * `offset` in, `{ data, next, previous }` out, absolute `next` links for every
 * non-empty page (a short last page too) and `next: ""` once a page is empty.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AirbyteUnexpectedResponseError, createAirbyteClient, type SourceResponse } from "../../src/index.js";
import { ioTurns } from "../helpers/fake-clock.js";
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
    await ioTurns(20);
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

describe("the four stop guards, each alone", () => {
  /** A client whose server answers the scripted pages in order (by request count), recording each offset asked. */
  const scripted = (pages: Array<Record<string, unknown>>) => {
    const asked: string[] = [];
    const fetch = async (request: Request) => {
      asked.push(new URL(request.url).searchParams.get("offset") ?? "0");
      const page = pages[asked.length - 1] ?? { data: [], next: "" };
      return Response.json(page);
    };
    return { asked, airbyte: createAirbyteClient({ auth: false, baseUrl: "https://api.example.com/v1", fetch }) };
  };
  const next = (offset: number) => `https://api.airbyte.com/v1/sources?limit=2&offset=${offset}`;
  const items = (...ids: number[]) => ids.map(item);

  // [guard, pages the server would send, offsets requested, items seen]. Each script makes
  // only its own guard stop the walk: the page after it exists, so a missing guard shows.
  const guards: Array<[string, Array<Record<string, unknown>>, string[], number]> = [
    ["1. an empty data, even with a next link that moves forward", [{ data: items(0, 1), next: next(2) }, { data: [], next: next(4) }, { data: items(4), next: next(6) }], ["0", "2"], 2],
    ["2. a full page without next", [{ data: items(0, 1) }, { data: items(2, 3), next: next(4) }], ["0"], 2],
    ['3. next === "" with a non-empty data', [{ data: items(0, 1), next: "" }, { data: items(2, 3), next: next(4) }], ["0"], 2],
    ["4a. a next that points back", [{ data: items(0, 1), next: next(2) }, { data: items(2, 3), next: next(0) }, { data: items(0, 1), next: next(2) }], ["0", "2"], 4],
    ["4b. a next that stays on the same offset", [{ data: items(0, 1), next: next(2) }, { data: items(2, 3), next: next(2) }, { data: items(2, 3), next: next(4) }], ["0", "2"], 4],
    ["a next of another type (a number)", [{ data: items(0, 1), next: 2 }, { data: items(2, 3) }], ["0"], 2],
    ["(control) a next without offset advances by the page length", [{ data: items(0, 1), next: "https://api.airbyte.com/v1/sources?limit=2" }, { data: items(2) }], ["0", "2"], 3],
    ["(control) a relative next link is read like an absolute one", [{ data: items(0, 1), next: "/v1/sources?limit=2&offset=3" }, { data: items(3) }], ["0", "3"], 3],
    ["(control) an offset after # is not the link's query", [{ data: items(0, 1), next: "https://api.airbyte.com/v1/sources?limit=2#&offset=7" }, { data: items(2) }], ["0", "2"], 3],
    ["(control) a next without ? has no query", [{ data: items(0, 1), next: "offset=7" }, { data: items(2) }], ["0", "2"], 3],
  ];

  it.each(guards)("for await stops on %s", async (_, pages, offsets, count) => {
    const { asked, airbyte } = scripted(pages);
    let n = 0;
    for await (const _item of airbyte.sources.listSources({ limit: 2 })) n++;
    expect(asked).toEqual(offsets);
    expect(n).toBe(count);
  });

  it.each(guards)(".pages() stops on %s", async (_, pages, offsets, count) => {
    const { asked, airbyte } = scripted(pages);
    let n = 0;
    for await (const page of airbyte.sources.listSources({ limit: 2 }).pages()) n += page.data.length;
    expect(asked).toEqual(offsets);
    expect(n).toBe(count);
  });
});

describe("a page that is not a page", () => {
  const serving = (body: unknown) =>
    createAirbyteClient({ auth: false, baseUrl: "https://api.example.com/v1", fetch: async () => Response.json(body) });

  it.each([
    ["data is an object", { data: { sourceId: "s" }, next: "" }, "a data of type object"],
    ["data is a string", { data: "s-0,s-1" }, "a data of type string"],
    ["data is null", { data: null }, "a data of type null"],
    ["data is missing", { items: [] }, "a data of type undefined"],
    ["the body is null", null, "null"],
    ["the body is an array", [item(0)], "a data of type undefined"],
  ])("%s: AirbyteUnexpectedResponseError, whether iterated or paged", async (_, body, got) => {
    const message = `GET https://api.example.com/v1/sources answered a page without a data array (got ${got} where Airbyte sends { data: [...], next }). This is usually a wrong baseUrl or a proxy in between.`;
    // Awaiting the first page returns the body as sent, like any other method.
    await expect(serving(body).sources.listSources()).resolves.toEqual(body);
    const walks: Array<() => Promise<unknown>> = [
      async () => {
        for await (const _item of serving(body).sources.listSources());
      },
      async () => {
        for await (const _page of serving(body).sources.listSources().pages());
      },
    ];
    for (const walk of walks) {
      const error = await walk().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
      expect(error).toMatchObject({ message, method: "GET", url: "https://api.example.com/v1/sources", status: 200 });
    }
  });

  it("a later page without data stops the walk with the error, after the items before it", async () => {
    let n = 0;
    const airbyte = createAirbyteClient({ auth: false,
      baseUrl: "https://api.example.com/v1",
      fetch: async () => Response.json(n++ === 0 ? { data: [item(0)], next: "https://api.airbyte.com/v1/sources?offset=1" } : { data: "oops" }),
    });
    const seen: string[] = [];
    const walk = (async () => {
      for await (const s of airbyte.groups.listGroupMembers("g-1")) seen.push((s as unknown as SourceResponse).sourceId);
    })();
    await expect(walk).rejects.toMatchObject({ name: "AirbyteUnexpectedResponseError", url: "https://api.example.com/v1/groups/g-1/members" });
    expect(seen).toEqual(["s-0"]);
  });
});

describe("the item iterator", () => {
  it("after break, next() says done and requests nothing", async () => {
    total = 100;
    const iterator = client().sources.listSources()[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ sourceId: "s-0" });
    await iterator.return?.();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(offsets()).toEqual(["0"]);
  });

  it.each([
    ["awaited one by one", false],
    ["requested several at once, then awaited", true],
  ])("hands out every item once, in order, when %s", async (_, together) => {
    total = 7;
    const iterator = client().sources.listSources({ limit: 3 })[Symbol.asyncIterator]();
    const ids: unknown[] = [];
    if (together) {
      ids.push(((await iterator.next()).value as { sourceId: string }).sourceId);
      // With the page in hand: results not read yet when next() is called again must each keep their own item.
      const results = await Promise.all(Array.from({ length: 3 }, () => iterator.next()));
      ids.push(...results.map((r) => (r.value as { sourceId: string }).sourceId));
    }
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) ids.push((r.value as { sourceId: string }).sourceId);
    expect(ids).toEqual(["s-0", "s-1", "s-2", "s-3", "s-4", "s-5", "s-6"]);
  });

  it("results read and kept still hold their items after the next ones", async () => {
    total = 5;
    const iterator = client().sources.listSources({ limit: 3 })[Symbol.asyncIterator]();
    const kept: IteratorResult<unknown>[] = [];
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) {
      expect(r.value).toBeDefined(); // read as it arrives, as any loop does
      kept.push(r);
    }
    expect(kept.map((r) => (r.value as { sourceId: string }).sourceId)).toEqual(["s-0", "s-1", "s-2", "s-3", "s-4"]);
  });

  it("after a failure, next() says done and requests nothing", async () => {
    let n = 0;
    const airbyte = createAirbyteClient({ auth: false,
      baseUrl: "https://api.example.com/v1",
      retry: false,
      fetch: async () => (n++ === 0 ? Response.json({ data: [item(0)], next: "https://x/sources?offset=1" }) : new Response("", { status: 500 })),
    });
    const iterator = airbyte.sources.listSources()[Symbol.asyncIterator]();
    await iterator.next();
    await expect(iterator.next()).rejects.toMatchObject({ name: "AirbyteServerError" });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(n).toBe(2);
  });

  it("an abort between items rejects at the next item, without a request", async () => {
    total = 100;
    const controller = new AbortController();
    const iterator = client().sources.listSources(undefined, { signal: controller.signal })[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await expect(iterator.next()).rejects.toMatchObject({ name: "AbortError" });
    expect(offsets()).toEqual(["0"]);
  });
});
