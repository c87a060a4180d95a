/**
 * airbyte-api-client: a typed client for the Airbyte public API.
 * Everything public is exported here, by name.
 */
export { createAirbyteClient } from "./client.js";
export { createAirbyteCore, type AirbyteCore } from "./core.js";
export { createRawClient } from "./raw.js";
export { basic, bearer, clientCredentials, type AuthStrategy } from "./auth.js";
export type { ApiPromise, WithResponse } from "./api-promise.js";
export { readOAuthCallback, type OAuthCallbackResult } from "./oauth-callback.js";
export type {
  AuthOptions,
  BasicAuth,
  BearerAuth,
  ClientCredentialsAuth,
  ClientOptions,
  CoreOptions,
  FetchLike,
  RequestOptions,
  ResponseChecker,
} from "./options.js";
export type { AirbyteClient, AirbyteGroup } from "./client.js";
export type { OperationFunction, OperationMethod, OperationResult, OperationShape } from "./types.js";
export { PagePromise, type Page } from "./pagination.js";
export { RETRY_DEFAULTS, type RetryOptions } from "./retry.js";
export type { Clock } from "./clock.js";
export type { Logger } from "./logger.js";
export type { RedactedRequest } from "./redact.js";
export {
  AirbyteApiError,
  AirbyteAuthenticationError,
  AirbyteBadRequestError,
  AirbyteConflictError,
  AirbyteConnectionError,
  AirbyteError,
  AirbyteNotFoundError,
  AirbyteOAuthCallbackError,
  AirbytePermissionDeniedError,
  AirbyteRateLimitError,
  AirbyteServerError,
  AirbyteTimeoutError,
  AirbyteUnexpectedResponseError,
  AirbyteUnprocessableEntityError,
  AirbyteUsageError,
} from "./errors/index.js";
// The operation table, its types, and one standalone function per operation.
export * from "../generated/operations.js";
export type { components, operations, paths } from "../generated/openapi.js";
export type * from "../generated/schemas.js";
