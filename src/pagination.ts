/**
 * List operations that page (`limit`/`offset` in, `{ data, next, previous }`
 * out) return a PagePromise: `await` it for the first page, `for await` over
 * it for every item of every page, or walk `.pages()`.
 *
 * Walking stops exactly when the server is done, by four guards (see
 * `nextQuery`): an empty `data`, a missing `next`, `next === ""` (what Airbyte
 * sends after the last page), or a `next` whose offset does not move forward
 * (a server pointing back would loop forever). The next request is built from
 * the caller's own query with the `limit` and `offset` read from `next`, never
 * by requesting `next` itself, so filters and base URL stay the caller's. One
 * page is held in memory at a time.
 *
 * Items are handed out by one plain async iterator over the pages array (no
 * generator per page and per item), so a walk costs what a hand-written
 * `for (offset...) for (item of page.data)` loop costs. Each result is a
 * fresh object: a caller may keep one and read it after asking for the next.
 *
 * `paginate` makes the PagePromise of a list call: the same arguments, each
 * page request going through `callOperation` with its own offset. A paged
 * operation always has a query (limit, offset), so the query serializer comes
 * with pagination.
 */
import { callOperation } from "./call.js";
import type { ResolvedConfig } from "./config.js";
import { AirbyteUnexpectedResponseError } from "./errors/index.js";
import type { OperationSpec } from "./operation-spec.js";
import { fillPath, serializeQuery } from "./url.js";

/** The shape every page of a paginated operation has. */
export interface Page<Item> {
  data: Item[];
  next?: string;
  previous?: string;
}

type Query = Record<string, unknown>;

/** A page request that can also report its response (the client's ApiPromise does). */
type PageRequest<P> = Promise<P> & { withResponse?(): Promise<{ data: P; response: Response; requestId: string | undefined }> };

export class PagePromise<P extends Page<Item>, Item> implements Promise<P>, AsyncIterable<Item> {
  #first: Promise<P> | undefined;

  /**
   * @param fetchPage Requests one page for a query.
   * @param query The caller's query (filters, and optionally the first page's limit/offset).
   * @param signal The caller's signal: aborting it also stops a walk between items.
   * @param where The list's method and URL (without query), for errors about a page.
   */
  constructor(
    private readonly fetchPage: (query: Query) => Promise<P>,
    private readonly query: Query,
    private readonly signal?: AbortSignal,
    private readonly where: { method: string; url: string } = { method: "GET", url: "(list)" },
  ) {}

  /** The first page, requested once, when first awaited or iterated. */
  #firstPage(): Promise<P> {
    return (this.#first ??= this.fetchPage(this.query));
  }

  /**
   * A page to walk, checked to be a page: a body without a `data` array would
   * break the walk with a TypeError. (Awaiting the first page returns the body
   * as sent, like every other method.)
   */
  #walkable(page: P): P {
    if (page === null || typeof page !== "object" || !Array.isArray(page.data)) {
      throw new AirbyteUnexpectedResponseError({
        message: `${this.where.method} ${this.where.url} answered a page without a data array (got ${describe(page)} where Airbyte sends { data: [...], next }). This is usually a wrong baseUrl or a proxy in between.`,
        // The page was a success response (errors are thrown before); its exact 2xx status is not kept.
        status: 200,
        contentType: undefined,
        method: this.where.method,
        url: this.where.url,
      });
    }
    return page;
  }

  async #fetch(query: Query): Promise<P> {
    return this.#walkable(await this.fetchPage(query));
  }

  then<A = P, B = never>(
    onFulfilled?: ((page: P) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<P | B> {
    return this.#firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<P> {
    return this.#firstPage().finally(onFinally);
  }

  /** The first page with its HTTP response and request id (the same request as `await`). */
  withResponse(): Promise<{ data: P; response: Response; requestId: string | undefined }> {
    const first = this.#firstPage() as PageRequest<P>;
    if (!first.withResponse) throw new TypeError("withResponse: this page request carries no response.");
    return first.withResponse();
  }

  readonly [Symbol.toStringTag] = "PagePromise";

  /** Every page, the first one included, each requested once. */
  async *pages(): AsyncGenerator<P, void, undefined> {
    let query = this.query;
    let page = this.#walkable(await this.#firstPage());
    for (;;) {
      yield page;
      const next = nextQuery(query, page);
      if (!next) return;
      query = next;
      page = await this.#fetch(query);
    }
  }

  /** Every item of every page. */
  [Symbol.asyncIterator](): AsyncIterator<Item, void, undefined> {
    let query = this.query;
    let page: P | undefined;
    let index = 0;
    let done = false;
    const signal = this.signal;
    const finish = (): IteratorResult<Item, void> => {
      done = true;
      page = undefined;
      return { done: true, value: undefined };
    };
    /** Gets the next page (or ends); only this path awaits, once per page. */
    const turnPage = async (): Promise<IteratorResult<Item, void>> => {
      try {
        for (;;) {
          if (done) return { done: true, value: undefined };
          signal?.throwIfAborted();
          if (page === undefined) {
            page = this.#walkable(await this.#firstPage());
          } else if (index < page.data.length) {
            return { done: false, value: page.data[index++] as Item };
          } else {
            const next = nextQuery(query, page);
            if (!next) return finish();
            query = next;
            index = 0;
            page = await this.#fetch(query);
          }
        }
      } catch (error) {
        finish();
        throw error;
      }
    };
    // Items of the page in hand are handed out without an async function per item: a resolved
    // promise of a fresh result each. (Reusing one result object for every item saves about 1 MiB
    // of garbage per 10,000 items, but a caller keeping a result it has read would see its value
    // change at the next next(): iterator results must stay what they were.)
    return {
      next: () => {
        if (page === undefined || index >= page.data.length || done || signal?.aborted) return turnPage();
        return Promise.resolve({ done: false, value: page.data[index++] as Item });
      },
      // `break` out of `for await`: nothing more is requested.
      return: async () => finish(),
    };
  }
}

function describe(value: unknown): string {
  if (value === null || typeof value !== "object") return value === null ? "null" : typeof value;
  const data = (value as { data?: unknown }).data;
  return `a data of type ${data === null ? "null" : typeof data}`;
}

function offsetOf(query: Query): number {
  const n = Number(query.offset ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** The query of the page after `page`, or undefined when there is none (the four stop guards). */
export function nextQuery(query: Query, page: Page<unknown>): Query | undefined {
  // 1. An empty page: the server is done.
  if (page.data.length === 0) return undefined;
  // 2 and 3. No next link, or Airbyte's "" after the last page.
  if (typeof page.next !== "string" || page.next === "") return undefined;
  // The query of the link (between `?` and any `#`), read without building a URL: a URL object per page was
  // a few percent of a walk's garbage.
  const [link = ""] = page.next.split("#", 1);
  const params = new URLSearchParams(link.includes("?") ? link.slice(link.indexOf("?") + 1) : "");
  const offset = integer(params.get("offset")) ?? offsetOf(query) + page.data.length;
  // 4. A next link that does not move forward would request a page already seen, forever.
  if (offset <= offsetOf(query)) return undefined;
  const limit = integer(params.get("limit"));
  return { ...query, offset, ...(limit !== undefined ? { limit } : {}) };
}

function integer(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}

export function paginate(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[]): PagePromise<Page<unknown>, unknown> {
  const n = spec.pathParams.length;
  const pathArgs = args.slice(0, n);
  const query = (args[n] ?? {}) as Record<string, unknown>;
  const options = args[n + 1] as { signal?: AbortSignal } | undefined;
  return new PagePromise<Page<unknown>, unknown>(
    (pageQuery) => callOperation(config, id, spec, [...pathArgs, pageQuery, options], serializeQuery) as never,
    query,
    options?.signal,
    { method: spec.method, url: listUrl(config, id, spec, pathArgs) },
  );
}

/** The list's URL (no query) for errors about a page; a bad path argument is reported by the page request itself. */
function listUrl(config: ResolvedConfig, id: string, spec: OperationSpec, pathArgs: readonly unknown[]): string {
  try {
    return config.baseUrl + fillPath(id, spec.path, spec.pathParams, pathArgs);
  } catch {
    return config.baseUrl + spec.path;
  }
}
