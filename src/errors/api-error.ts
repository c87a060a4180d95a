import type { Problem } from "../../generated/schemas.js";
import { requestIdOf } from "../api-promise.js";
import { isSecretHeader, REDACTED, type Redactor } from "../redact.js";
import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";
import { oneLine } from "./text.js";

export interface ApiErrorInit {
  method: string;
  /** Request URL without its query string. */
  url: string;
  status: number;
  headers: Headers;
  problem?: Problem;
  /** The body as text when it was not a problem document (truncated). */
  bodyText?: string;
  /** Extra sentence appended to the message (e.g. a base-URL hint). */
  hint?: string;
  /** How long the server asked to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  /** Hides known secrets echoed in the values of ordinary response headers. */
  redactor?: Pick<Redactor, "redact">;
}

/** How much of the server's problem title and detail a message quotes. */
export const MAX_TITLE = 200;
export const MAX_DETAIL = 1000;

/**
 * The server answered with an HTTP error status (4xx/5xx). Subclasses exist
 * for the statuses worth handling separately; other statuses use this class.
 * `AirbyteApiError.generate(init)` picks the subclass for a status.
 */
export class AirbyteApiError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteApiError";
  declare readonly method: string;
  declare readonly url: string;
  /** HTTP status code. */
  declare readonly status: number;
  /**
   * Response headers, with the values of secret headers (`Set-Cookie`,
   * `Authorization`, `X-Auth-Token`...) replaced by `[REDACTED]`, and any
   * known secret echoed in another header's value redacted, so that logging
   * or inspecting the error never shows a session cookie or the token sent.
   */
  declare readonly headers: Headers;
  /** The parsed RFC 9457 problem body, when the server sent one (secrets redacted). */
  declare readonly problem: Problem | undefined;
  /** The server's request id header, when present: quote it to Airbyte support. */
  declare readonly requestId: string | undefined;
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(apiErrorMessage(init), { method: init.method, url: init.url });
    this.status = init.status;
    this.headers = withoutSecrets(init.headers, init.redactor);
    this.problem = init.problem;
    this.requestId = requestIdOf(init.headers);
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The most specific error class for the status of `init`. */
  static generate(init: ApiErrorInit): AirbyteApiError {
    // Own keys only: Object.prototype[404] set elsewhere is not a class.
    const Class = (Object.hasOwn(BY_STATUS, init.status) ? BY_STATUS[init.status] : undefined) ?? (init.status >= 500 ? AirbyteServerError : AirbyteApiError);
    return new Class(init);
  }
}

function apiErrorMessage(init: ApiErrorInit): string {
  const title = init.problem?.title === undefined ? "" : oneLine(shownField(init.problem.title), MAX_TITLE);
  const detail = init.problem?.detail === undefined ? "" : oneLine(shownField(init.problem.detail), MAX_DETAIL);
  const what = [title, detail].filter(Boolean).join(": ");
  const text = what || (init.bodyText === undefined ? "" : oneLine(init.bodyText, MAX_DETAIL)) || "(no error body)";
  return `${init.method} ${safePath(init.url)} failed with ${init.status}: ${text}${init.hint ? ` ${init.hint}` : ""}`;
}

/** A problem field as text: a string as is, anything else (an object, an array) as JSON, never "[object Object]". */
function shownField(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
}

function safePath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

function withoutSecrets(headers: Headers, redactor: Pick<Redactor, "redact"> | undefined): Headers {
  const copy = new Headers();
  for (const [name, value] of headers) copy.append(name, isSecretHeader(name) ? REDACTED : (redactor?.redact(value) ?? value));
  return copy;
}

/** 400: a field of the request is missing or invalid (`problem.detail` says which). */
export class AirbyteBadRequestError extends AirbyteApiError {
  static override readonly [ERROR_KIND]: string = "AirbyteBadRequestError";
}
/** 401: the credentials are missing, invalid or expired. */
export class AirbyteAuthenticationError extends AirbyteApiError {
  static override readonly [ERROR_KIND]: string = "AirbyteAuthenticationError";
}
/** 403: the credentials are valid but not allowed to do this (or the API key is invalid). */
export class AirbytePermissionDeniedError extends AirbyteApiError {
  static override readonly [ERROR_KIND]: string = "AirbytePermissionDeniedError";
}
/** 404: the resource does not exist, or the base URL is wrong. */
export class AirbyteNotFoundError extends AirbyteApiError {
  static override readonly [ERROR_KIND]: string = "AirbyteNotFoundError";
}
/** 409: the request conflicts with the current state. */
export class AirbyteConflictError extends AirbyteApiError {
  static override readonly [ERROR_KIND]: string = "AirbyteConflictError";
}
/** 422: the request is well-formed but cannot be applied. */
export class AirbyteUnprocessableEntityError extends AirbyteApiError {
  static override readonly [ERROR_KIND]: string = "AirbyteUnprocessableEntityError";
}
/** 429: rate limited; `retryAfterMs` says how long the server asked to wait, when it did. */
export class AirbyteRateLimitError extends AirbyteApiError {
  static override readonly [ERROR_KIND]: string = "AirbyteRateLimitError";
}
/** 5xx: the server failed (501 from self-managed OSS means the operation is not available there). */
export class AirbyteServerError extends AirbyteApiError {
  static override readonly [ERROR_KIND]: string = "AirbyteServerError";
}

const BY_STATUS: Partial<Record<number, typeof AirbyteApiError>> = {
  400: AirbyteBadRequestError,
  401: AirbyteAuthenticationError,
  403: AirbytePermissionDeniedError,
  404: AirbyteNotFoundError,
  409: AirbyteConflictError,
  422: AirbyteUnprocessableEntityError,
  429: AirbyteRateLimitError,
};
