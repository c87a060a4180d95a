import { AirbyteError } from "./airbyte-error.js";

/**
 * The server answered, but not with what the spec promises: an HTML page
 * (usually a wrong base URL or a proxy), truncated or invalid JSON, or an empty
 * body where JSON was expected.
 */
export class AirbyteUnexpectedResponseError extends AirbyteError {
  override name = "AirbyteUnexpectedResponseError";
  readonly status: number;
  readonly contentType: string | undefined;
  readonly method: string;
  /** URL of the request, without its query string. */
  readonly url: string;

  constructor(init: {
    message: string;
    status: number;
    contentType: string | undefined;
    method: string;
    url: string;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.contentType = init.contentType;
    this.method = init.method;
    this.url = init.url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, contentType: this.contentType, method: this.method, url: this.url };
  }
}
