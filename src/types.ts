/**
 * The shape of one operation as a method or a standalone function, for any
 * operation table. The generated table imports these; the grouped client's
 * type (`AirbyteClient`, in client.ts) is built from them and the table.
 */
import type { ApiPromise } from "./api-promise.js";
import type { AirbyteCore } from "./core.js";
import type { RequestOptions } from "./options.js";
import type { Page, PagePromise } from "./pagination.js";

/** One entry of OperationTypes: the arguments and result of an operation. */
export interface OperationShape {
  args: readonly unknown[];
  result: unknown;
  item?: unknown;
}

/**
 * A method: path parameters in path order, then the body (or the query object),
 * then per-call options. Resolves to the parsed success body (`.withResponse()`
 * adds the response and request id); list operations that page return a
 * PagePromise (await: first page; for await: every item).
 */
export type OperationMethod<T extends OperationShape> = (
  ...args: [...T["args"], options?: RequestOptions]
) => OperationResult<T>;

/** What a method or operation function returns. */
export type OperationResult<T extends OperationShape> = T extends { item: infer Item }
  ? PagePromise<Extract<T["result"], Page<Item>>, Item>
  : ApiPromise<T["result"]>;

/** A standalone operation function: the core first, then the method's arguments. */
export type OperationFunction<T extends OperationShape> = (
  core: AirbyteCore,
  ...args: [...T["args"], options?: RequestOptions]
) => OperationResult<T>;
