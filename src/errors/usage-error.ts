import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";

/**
 * The caller asked for something the client cannot do: a bad option, argument
 * or environment variable. Thrown before anything is sent, and never retried;
 * the message names what was wrong and how to fix it (never a secret value).
 */
export class AirbyteUsageError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteUsageError";
}
