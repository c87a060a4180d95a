/**
 * PagePromise as a promise and as a public class: `.catch` and `.finally` on
 * a list call, its `Symbol.toStringTag`, `withResponse()` on a page request
 * that carries no response, the error for a walk over something that is not a
 * page (a primitive body, or no body at all) and the `where` a PagePromise
 * made without one names. Plus how `next` links are read: their `limit` is
 * followed, a missing one keeps the caller's, and an offset or limit that is
 * not a plain non-negative integer is ignored.
 */
import { describe, expect, it } from "vitest";
import { AirbyteConnectionError, AirbyteUnexpectedResponseError, createAirbyteClient, PagePromise, type Page } from "../../src/index.js";

const item = (i: number) => ({ sourceId: `s-${i}` });

/** A client whose server answers the scripted bodies in order, recording each request's query. */
function scripted(bodies: unknown[]) {
  const asked: URLSearchParams[] = [];
  const airbyte = createAirbyteClient({
    auth: false,
    baseUrl: "https://api.example.com/v1",
    retry: false,
    fetch: async (request) => {
      asked.push(new URL(request.url).searchParams);
      return Response.json(bodies[asked.length - 1] ?? { data: [], next: "" });
    },
  });
  return { airbyte, asked };
}

async function rejection(walk: () => Promise<unknown>): Promise<unknown> {
  return walk().then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("the page promise as a promise", () => {
  it(".catch handles a failed first page", async () => {
    const airbyte = createAirbyteClient({ auth: false, retry: false, fetch: () => Promise.reject(new TypeError("fetch failed")) });
    const caught = await airbyte.sources.listSources().catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(AirbyteConnectionError);
  });

  it(".finally runs its callback and passes the first page through", async () => {
    const { airbyte, asked } = scripted([{ data: [item(0)], next: "" }]);
    let ran = 0;
    const page = await airbyte.sources.listSources().finally(() => void ran++);
    expect(page).toEqual({ data: [item(0)], next: "" });
    expect(ran).toBe(1);
    expect(asked).toHaveLength(1);
  });

  it('is tagged "PagePromise"', () => {
    const { airbyte } = scripted([]);
    expect(Object.prototype.toString.call(airbyte.sources.listSources())).toBe("[object PagePromise]");
  });
});

describe("a PagePromise made by hand", () => {
  it("withResponse() on a page request without a response throws a TypeError saying so", () => {
    const list = new PagePromise<Page<number>, number>(async () => ({ data: [1] }), {});
    expect(() => list.withResponse()).toThrow(new TypeError("withResponse: this page request carries no response."));
  });

  it("a walk over no page at all names the default where, (list)", async () => {
    const list = new PagePromise<Page<number>, number>(async () => undefined as unknown as Page<number>, {});
    const error = await rejection(async () => {
      for await (const _ of list);
    });
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect(error).toMatchObject({
      message: "GET (list) answered a page without a data array (got undefined where Airbyte sends { data: [...], next }). This is usually a wrong baseUrl or a proxy in between.",
      method: "GET",
      url: "(list)",
    });
  });
});

describe("a body that is a primitive is not a page", () => {
  it.each([
    ["a string", "s-0,s-1", "string"],
    ["a number", 42, "number"],
  ])("%s: the error names its type", async (_, body, got) => {
    const { airbyte } = scripted([body]);
    const error = await rejection(async () => {
      for await (const _ of airbyte.sources.listSources());
    });
    expect(error).toBeInstanceOf(AirbyteUnexpectedResponseError);
    expect((error as Error).message).toBe(
      `GET https://api.example.com/v1/sources answered a page without a data array (got ${got} where Airbyte sends { data: [...], next }). This is usually a wrong baseUrl or a proxy in between.`,
    );
  });
});

describe("reading limit and offset from next", () => {
  /** The limit and offset of every request of a walk over the scripted pages, the caller asking for `limit: 2`. */
  async function walk(pages: unknown[]): Promise<string[]> {
    const { airbyte, asked } = scripted(pages);
    for await (const _ of airbyte.sources.listSources({ limit: 2 }));
    return asked.map((q) => `limit=${q.get("limit")} offset=${q.get("offset")}`);
  }
  const link = (query: string) => `https://api.airbyte.com/v1/sources?${query}`;

  it("a limit in next is followed", async () => {
    expect(await walk([{ data: [item(0), item(1)], next: link("limit=5&offset=2") }, { data: [item(2)] }])).toEqual(["limit=2 offset=null", "limit=5 offset=2"]);
  });

  it("a next without limit keeps the caller's", async () => {
    expect(await walk([{ data: [item(0), item(1)], next: link("offset=2") }, { data: [item(2)] }])).toEqual(["limit=2 offset=null", "limit=2 offset=2"]);
  });

  it.each(["1e3", "x5", "5x", "2.5", "-4", ""])("an offset of %j is ignored: the walk advances by the page length", async (offset) => {
    expect(await walk([{ data: [item(0), item(1)], next: link(`limit=2&offset=${offset}`) }, { data: [item(2)] }])).toEqual(["limit=2 offset=null", "limit=2 offset=2"]);
  });

  it.each(["1e3", "x5", "5x", "2.5", "-4"])("a limit of %j is ignored: the caller's stays", async (limit) => {
    expect(await walk([{ data: [item(0), item(1)], next: link(`limit=${limit}&offset=2`) }, { data: [item(2)] }])).toEqual(["limit=2 offset=null", "limit=2 offset=2"]);
  });
});
