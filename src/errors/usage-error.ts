import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";

/**
 * The caller passed something the client cannot use: a bad option, header,
 * path parameter, query, body or environment variable. Thrown (or rejected)
 * before any request is made, and never retried: fix the call and try again.
 * The message names what was wrong, never a secret value.
 */
export class AirbyteUsageError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteUsageError";
}
