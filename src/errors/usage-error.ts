import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";

/**
 * The caller passed something the client cannot send: a bad option, header,
 * path parameter, query or body. Thrown (or rejected) before any request is
 * made, and never retried: fix the call and try again.
 */
export class AirbyteUsageError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteUsageError";
}
