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

/** The parsed body is derived only when awaited, so a caller of `.withResponse()` alone leaves no second promise to reject unhandled. */
export function apiPromise<T>(result: Promise<WithResponse<T>>): ApiPromise<T> {
  let data: Promise<T> | undefined;
  const parsed = () => (data ??= result.then((r) => r.data));
  return {
    withResponse: () => result,
    then: (onFulfilled, onRejected) => parsed().then(onFulfilled, onRejected),
    catch: (onRejected) => parsed().catch(onRejected),
    finally: (onFinally) => parsed().finally(onFinally),
    [Symbol.toStringTag]: "ApiPromise",
  };
}

export function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("x-amzn-requestid") ?? undefined;
}
