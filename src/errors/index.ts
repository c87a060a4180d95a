export { AirbyteError, ERROR_KIND, type AirbyteErrorOptions } from "./airbyte-error.js";
export { oneLine, valueShown } from "./text.js";
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
  MAX_DETAIL,
  MAX_TITLE,
  type ApiErrorInit,
} from "./api-error.js";
export { AirbyteConnectionError } from "./connection-error.js";
export { AirbyteOAuthCallbackError } from "./oauth-callback-error.js";
export { AirbyteTimeoutError } from "./timeout-error.js";
export { AirbyteUsageError } from "./usage-error.js";
export { AirbyteUnexpectedResponseError } from "./unexpected-response-error.js";
