import type { Problem } from "../../generated/schemas.js";
import { AirbyteError } from "./airbyte-error.js";

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
}

/**
 * The server answered with an HTTP error status (4xx/5xx). Subclasses exist
 * for the statuses worth handling separately; other statuses use this class.
 */
export class AirbyteApiError extends AirbyteError {
  override name = "AirbyteApiError";
  /** HTTP status code. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The parsed RFC 9457 problem body, when the server sent one. */
  readonly problem: Problem | undefined;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL of the failed request, without its query string. */
  readonly url: string;
  /** The server's request id header, when present: quote it to Airbyte support. */
  readonly requestId: string | undefined;
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(apiErrorMessage(init));
    this.status = init.status;
    this.headers = init.headers;
    this.problem = init.problem;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.headers.get("x-request-id") ?? init.headers.get("x-amzn-requestid") ?? undefined;
    this.retryAfterMs = init.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      method: this.method,
      url: this.url,
      problem: this.problem,
      requestId: this.requestId,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

function apiErrorMessage(init: ApiErrorInit): string {
  const path = safePath(init.url);
  const what = [init.problem?.title, init.problem?.detail].filter(Boolean).join(": ");
  const text = what || init.bodyText || "(no error body)";
  return `${init.method} ${path} failed with ${init.status}: ${text}${init.hint ? ` ${init.hint}` : ""}`;
}

function safePath(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/** 400: a field of the request is missing or invalid (`problem.detail` says which). */
export class AirbyteBadRequestError extends AirbyteApiError {
  override name = "AirbyteBadRequestError";
}
/** 401: the credentials are missing, invalid or expired. */
export class AirbyteAuthenticationError extends AirbyteApiError {
  override name = "AirbyteAuthenticationError";
}
/** 403: the credentials are valid but not allowed to do this (or the API key is invalid). */
export class AirbytePermissionDeniedError extends AirbyteApiError {
  override name = "AirbytePermissionDeniedError";
}
/** 404: the resource does not exist, or the base URL is wrong. */
export class AirbyteNotFoundError extends AirbyteApiError {
  override name = "AirbyteNotFoundError";
}
/** 409: the request conflicts with the current state. */
export class AirbyteConflictError extends AirbyteApiError {
  override name = "AirbyteConflictError";
}
/** 422: the request is well-formed but cannot be applied. */
export class AirbyteUnprocessableEntityError extends AirbyteApiError {
  override name = "AirbyteUnprocessableEntityError";
}
/** 429: rate limited; `retryAfterMs` says how long the server asked to wait, when it did. */
export class AirbyteRateLimitError extends AirbyteApiError {
  override name = "AirbyteRateLimitError";
}
/** 5xx: the server failed (501 from self-managed OSS means the operation is not available there). */
export class AirbyteServerError extends AirbyteApiError {
  override name = "AirbyteServerError";
}

const BY_STATUS: Record<number, typeof AirbyteApiError> = {
  400: AirbyteBadRequestError,
  401: AirbyteAuthenticationError,
  403: AirbytePermissionDeniedError,
  404: AirbyteNotFoundError,
  409: AirbyteConflictError,
  422: AirbyteUnprocessableEntityError,
  429: AirbyteRateLimitError,
};

/** The most specific error class for a status. */
export function apiErrorFor(init: ApiErrorInit): AirbyteApiError {
  const Class = BY_STATUS[init.status] ?? (init.status >= 500 ? AirbyteServerError : AirbyteApiError);
  return new Class(init);
}
