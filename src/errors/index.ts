export { AirbyteError } from "./airbyte-error.js";
export {
  AirbyteApiError,
  AirbyteAuthenticationError,
  AirbyteBadRequestError,
  AirbyteConflictError,
  AirbyteNotFoundError,
  AirbytePermissionDeniedError,
  AirbyteRateLimitError,
  AirbyteServerError,
  AirbyteUnprocessableEntityError,
  apiErrorFor,
  type ApiErrorInit,
} from "./api-error.js";
export { AirbyteConnectionError } from "./connection-error.js";
export { AirbyteOAuthCallbackError } from "./oauth-callback-error.js";
export { AirbyteTimeoutError } from "./timeout-error.js";
export { AirbyteUnexpectedResponseError } from "./unexpected-response-error.js";
