import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";

/**
 * `readOAuthCallback` was given something that is not a URL, a URL without a
 * `secret_id`, or one where the identity provider reports an error.
 */
export class AirbyteOAuthCallbackError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteOAuthCallbackError";
  /** The provider's `error` code (e.g. `access_denied`), as sent, when it sent one. */
  declare readonly error: string | undefined;
  /** The provider's `error_description`, as sent, when it sent one. */
  declare readonly errorDescription: string | undefined;

  constructor(message: string, details: { error?: string | undefined; errorDescription?: string | undefined } = {}) {
    super(message);
    this.error = details.error;
    this.errorDescription = details.errorDescription;
  }
}
