import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";

/**
 * The server answered, but not with what the spec promises: an HTML page
 * (usually a wrong base URL or a proxy), truncated or invalid JSON, an empty
 * body where JSON was expected, or a list page without a `data` array.
 */
export class AirbyteUnexpectedResponseError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteUnexpectedResponseError";
  declare readonly method: string;
  declare readonly url: string;
  /** HTTP status of the answer. */
  declare readonly status: number;
  declare readonly contentType: string | undefined;

  constructor(init: {
    message: string;
    status: number;
    contentType: string | undefined;
    method: string;
    url: string;
    cause?: unknown;
  }) {
    super(init.message, { method: init.method, url: init.url, ...(init.cause === undefined ? {} : { cause: init.cause }) });
    this.status = init.status;
    this.contentType = init.contentType;
  }
}
