/**
 * The client's shape, derived from the generated operation table: one group
 * per tag of the spec, one method per operation, named by its operationId.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import type { GroupName, OperationTypes } from "../generated/operations.js";
import type { RequestOptions } from "./options.js";
import type { Page, PagePromise } from "./pagination.js";

interface OperationShape {
  args: readonly unknown[];
  result: unknown;
  item?: unknown;
}

/**
 * A method: path parameters in path order, then the body (or the query object),
 * then per-call options. Resolves to the parsed success body; list operations
 * that page return a PagePromise (await: first page; for await: every item).
 */
export type OperationMethod<T extends OperationShape> = (
  ...args: [...T["args"], options?: RequestOptions]
) => T extends { item: infer Item } ? PagePromise<Extract<T["result"], Page<Item>>, Item> : Promise<T["result"]>;

/** The methods of one group, e.g. `AirbyteGroup<"sources">`. */
export type AirbyteGroup<G extends GroupName> = {
  readonly [K in keyof OperationTypes as OperationTypes[K]["group"] extends G ? K : never]: OperationMethod<
    OperationTypes[K]
  >;
};

export type AirbyteClient = {
  readonly [G in GroupName]: AirbyteGroup<G>;
} & {
  /**
   * The underlying openapi-fetch client, with the same base URL, headers and
   * credentials. Returns `{ data, error, response }` instead of throwing.
   */
  readonly raw: Client<paths>;
};
