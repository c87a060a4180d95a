/**
 * What every method returns: a promise of the parsed body that also offers
 * `.withResponse()`, resolving to `{ data, response, requestId }` so a caller
 * gets headers and the request id without dropping to `createRawClient`.
 */

/** A success with its HTTP response. The body has already been read into `data`. */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** The server's request id header (`x-request-id`), when present: quote it to Airbyte support. */
  requestId: string | undefined;
}

/** A promise of the parsed body (typed exactly like a Promise) that also offers `.withResponse()`. */
export interface ApiPromise<T> extends Promise<T> {
  /** The parsed body together with the response and request id (same request, not a second one). */
  withResponse(): Promise<WithResponse<T>>;
}

export class ResponsePromise<T> implements ApiPromise<T> {
  #data: Promise<T> | undefined;

  constructor(private readonly result: Promise<WithResponse<T>>) {}

  withResponse(): Promise<WithResponse<T>> {
    return this.result;
  }

  #parsed(): Promise<T> {
    return (this.#data ??= this.result.then((r) => r.data));
  }

  then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#parsed().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#parsed().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onFinally);
  }

  readonly [Symbol.toStringTag] = "ApiPromise";
}

export function apiPromise<T>(result: Promise<WithResponse<T>>): ApiPromise<T> {
  return new ResponsePromise(result);
}

export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("x-amzn-requestid") ?? undefined;
}
