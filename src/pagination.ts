/**
 * List operations that page (`limit`/`offset` in, `{ data, next, previous }`
 * out) return a PagePromise: `await` it for the first page, `for await` over
 * it for every item of every page, or walk `.pages()`.
 *
 * Walking stops exactly when the server is done: on an empty `data`, a missing
 * `next`, or `next === ""` (what Airbyte sends after the last page). The next
 * request is built from the caller's own query with the `limit` and `offset`
 * read from `next`, never by requesting `next` itself, so filters and base URL
 * stay the caller's. One page is held in memory at a time.
 */

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
   */
  constructor(
    private readonly fetchPage: (query: Query) => Promise<P>,
    private readonly query: Query,
    private readonly signal?: AbortSignal,
  ) {}

  /** The first page, requested once, when first awaited or iterated. */
  #firstPage(): Promise<P> {
    return (this.#first ??= this.fetchPage(this.query));
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
    let page = await this.#firstPage();
    const requested = new Set<number>([offsetOf(query)]);
    for (;;) {
      yield page;
      const next = nextQuery(query, page);
      // A server that points back to a page already seen would loop forever.
      if (!next || requested.has(offsetOf(next))) return;
      requested.add(offsetOf(next));
      query = next;
      page = await this.fetchPage(query);
    }
  }

  /** Every item of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) {
      for (const item of page.data) {
        this.signal?.throwIfAborted();
        yield item;
      }
    }
  }
}

function offsetOf(query: Query): number {
  const n = Number(query.offset ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** The query of the page after `page`, or undefined when there is none. */
export function nextQuery(query: Query, page: Page<unknown>): Query | undefined {
  if (!Array.isArray(page.data) || page.data.length === 0) return undefined;
  if (typeof page.next !== "string" || page.next === "") return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(page.next, "http://next.invalid").searchParams;
  } catch {
    params = new URLSearchParams();
  }
  const offset = integer(params.get("offset")) ?? offsetOf(query) + page.data.length;
  if (offset <= offsetOf(query)) return undefined;
  const limit = integer(params.get("limit"));
  return { ...query, offset, ...(limit !== undefined ? { limit } : {}) };
}

function integer(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  return Number(text);
}
