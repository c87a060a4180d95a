/**
 * The walks of the pagination bench (run each in a process of its own by
 * walk-worker.ts): 10,000 items in pages of 100, through the client's
 * `for await`, `.pages()`, a hand-written loop through the client, that loop
 * handing its items through the smallest async iterator (the floor of any
 * `for await`), and a loop over bare fetch.
 */
import type { FetchLike } from "../src/index.js";
import type { ClientModule } from "./client.js";

export type WalkName = "pager" | "loop" | "pagerSignal" | "loopSignal" | "pages" | "pagesSignal" | "floor" | "bare";

export interface WalkSpec {
  walk: WalkName;
  setting: "memory" | "loopback";
}

export const ITEMS = 10_000;
export const LIMIT = 100;

/** The page bodies, made once, so every walk pays the same for the server side. */
const pages = new Map<number, string>();
for (let offset = 0; offset <= ITEMS; offset += LIMIT) {
  const data = Array.from({ length: Math.min(LIMIT, ITEMS - offset) }, (_, i) => ({
    sourceId: `18dccc91-0ab1-4f72-9ed7-${String(offset + i).padStart(12, "0")}`,
    name: `source ${offset + i}`,
    sourceType: "postgres",
    workspaceId: "871d9b60-11d1-44cb-8c92-c246d53bf87e",
    configuration: { host: "db.example.com", port: 5432 },
    createdAt: 1_700_000_000 + offset + i,
  }));
  const next = data.length === 0 ? "" : `https://api.airbyte.com/v1/sources?limit=${LIMIT}&offset=${offset + LIMIT}`;
  pages.set(offset, JSON.stringify({ data, next, previous: "" }));
}
export const bodyFor = (url: string) => pages.get(Number(new URL(url, "http://x").searchParams.get("offset") ?? 0)) ?? '{"data":[],"next":""}';

/** One walk: calls `sample` once per page, returns the items seen. */
export type Walk = (sample: () => void) => Promise<number>;

/** The smallest async iterator over an array: one resolved promise and one result per item, nothing else. */
function asyncItems<T>(items: readonly T[]): AsyncIterable<T> {
  let i = 0;
  const iterator: AsyncIterator<T> = {
    next: () => Promise.resolve(i < items.length ? { done: false, value: items[i++] as T } : { done: true, value: undefined }),
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

type Create = ClientModule["createAirbyteClient"];

export function walks(createAirbyteClient: Create, baseUrl: string, fetch: FetchLike): Record<WalkName, Walk> {
  const airbyte = createAirbyteClient({ baseUrl, fetch, auth: { bearerToken: "bench-token" } });
  const signal = new AbortController().signal;
  const pager = (withSignal: boolean): Walk => async (sample) => {
    let n = 0;
    for await (const item of airbyte.sources.listSources({ limit: LIMIT }, withSignal ? { signal } : {})) {
      if (item.sourceId && ++n % LIMIT === 0) sample();
    }
    return n;
  };
  const pages = (withSignal: boolean): Walk => async (sample) => {
    let n = 0;
    for await (const page of airbyte.sources.listSources({ limit: LIMIT }, withSignal ? { signal } : {}).pages()) {
      for (const item of page.data) if (item.sourceId) n++;
      sample();
    }
    return n;
  };
  const loop = (withSignal: boolean, awaitEach = false): Walk => async (sample) => {
    let n = 0;
    for (let offset = 0; ; ) {
      const page = await airbyte.sources.listSources({ limit: LIMIT, offset }, withSignal ? { signal } : {});
      if (awaitEach) for await (const item of asyncItems(page.data)) item.sourceId && n++;
      else for (const item of page.data) if (item.sourceId) n++;
      sample();
      if (page.data.length === 0 || !page.next) return n;
      offset += page.data.length;
    }
  };
  const bare: Walk = async (sample) => {
    let n = 0;
    for (let offset = 0; ; ) {
      const response = await fetch(new Request(`${baseUrl}/sources?limit=${LIMIT}&offset=${offset}`, { headers: { authorization: "Bearer bench-token" } }));
      const page = (await response.json()) as { data: Array<{ sourceId: string }>; next?: string };
      for (const item of page.data) if (item.sourceId) n++;
      sample();
      if (page.data.length === 0 || !page.next) return n;
      offset += page.data.length;
    }
  };
  return { pager: pager(false), loop: loop(false), pagerSignal: pager(true), loopSignal: loop(true), pages: pages(false), pagesSignal: pages(true), floor: loop(false, true), bare };
}

