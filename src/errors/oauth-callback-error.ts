import { AirbyteError } from "./airbyte-error.js";

/** The URL given to `readOAuthCallback` does not carry a `secret_id`, or reports an error from the identity provider. */
export class AirbyteOAuthCallbackError extends AirbyteError {
  override name = "AirbyteOAuthCallbackError";
  /** The provider's `error` code (e.g. `access_denied`), when it sent one. */
  readonly error: string | undefined;
  /** The provider's `error_description`, when it sent one. */
  readonly errorDescription: string | undefined;

  constructor(message: string, details: { error?: string; errorDescription?: string } = {}) {
    super(message);
    this.error = details.error;
    this.errorDescription = details.errorDescription;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), error: this.error, errorDescription: this.errorDescription };
  }
}
