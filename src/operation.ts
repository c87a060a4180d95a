/**
 * Builders of the standalone operation functions generated into
 * generated/operations.ts. Each call is annotated pure there, so a bundler
 * drops every function (and its table entry) an app does not import.
 */
import type { OperationSpec } from "../generated/operations.js";
import { apiPromise } from "./api-promise.js";
import { callOperation } from "./call.js";
import { configOf, type AirbyteCore } from "./core.js";
import { paginate } from "./paged.js";
import type { OperationFunction, OperationShape } from "./types.js";

export function operation<T extends OperationShape>(id: string, spec: OperationSpec): OperationFunction<T> {
  const fn = (core: AirbyteCore, ...args: unknown[]) => {
    let config;
    try {
      config = configOf(core, id);
    } catch (error) {
      // Like every usage error of a call: a rejection, not a synchronous throw.
      return apiPromise(Promise.reject(error));
    }
    return callOperation(config, id, spec, args);
  };
  return fn as unknown as OperationFunction<T>;
}

export function pagedOperation<T extends OperationShape>(id: string, spec: OperationSpec): OperationFunction<T> {
  return ((core: AirbyteCore, ...args: unknown[]) => paginate(configOf(core, id), id, spec, args)) as unknown as OperationFunction<T>;
}
