/**
 * Turns an HTTP answer into what a method resolves to, or into the error it
 * throws: the success body typed by the spec, an `AirbyteApiError` subclass
 * for error statuses, or `AirbyteUnexpectedResponseError` when the body is not
 * what the spec promises.
 */
import type { Problem } from "../generated/schemas.js";
import { AirbyteApiError, AirbyteUnexpectedResponseError, oneLine } from "./errors/index.js";
import { redactJson, type Redactor } from "./redact.js";
import { parseRetryAfter } from "./retry-after.js";

export interface ResponseContext {
  method: string;
  /** Request URL without query string. */
  url: string;
  baseUrl: string;
  redactor: Redactor;
  /** Current time, for Retry-After dates. */
  now: () => number;
}

const SNIPPET = 200;

function contentTypeOf(response: Response): string | undefined {
  return response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() || undefined;
}

function isJsonType(type: string | undefined): boolean {
  return type === "application/json" || (type?.endsWith("+json") ?? false);
}

function isHtml(type: string | undefined, text: string): boolean {
  return type === "text/html" || /^\s*<(!doctype html|html|head|body)\b/i.test(text);
}

function baseUrlHint(ctx: ResponseContext): string {
  return `This is usually a wrong baseUrl (it is ${ctx.baseUrl}; Airbyte Cloud is https://api.airbyte.com/v1, self-managed installs usually https://<host>/api/public/v1) or a proxy in between.`;
}

/** Up to SNIPPET characters of a body, redacted, on one printable line. */
function snippet(text: string, ctx: ResponseContext): string {
  return oneLine(ctx.redactor.redact(text), SNIPPET + 1);
}

/**
 * The error for an answer that is not what the spec promises: "<method> <shown> answered <status> <why>"
 * (`shown` is the URL as the message names it, e.g. "<url> (token request)").
 */
export function unexpectedAnswer(where: { method: string; url: string }, response: Response, why: string, shown = where.url): AirbyteUnexpectedResponseError {
  const { method, url } = where;
  return new AirbyteUnexpectedResponseError({ message: `${method} ${shown} answered ${response.status} ${why}`, status: response.status, contentType: contentTypeOf(response), method, url });
}

function looksLikeProblem(value: unknown): value is Problem {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return ["title", "detail", "type", "status"].some((k) => k in v);
}

/**
 * Parses a success body.
 * @param text The body as text; undefined when the response had no body (204, HEAD, Content-Length: 0).
 */
export function parseSuccess(
  kind: "json" | "text" | "none",
  text: string | undefined,
  response: Response,
  ctx: ResponseContext,
): unknown {
  if (kind === "none") return undefined;
  if (kind === "text") return text ?? "";
  const type = contentTypeOf(response);
  const fail = (why: string) => unexpectedAnswer(ctx, response, why);
  if (text === undefined || text.trim() === "") {
    throw fail(`with an empty body where the spec promises JSON.`);
  }
  if (isHtml(type, text)) {
    throw fail(`with an HTML page instead of JSON ("${snippet(text, ctx)}"). ${baseUrlHint(ctx)}`);
  }
  if (type && !isJsonType(type)) {
    throw fail(`with ${type} instead of JSON ("${snippet(text, ctx)}"). ${baseUrlHint(ctx)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The SyntaxError quotes the body, which may hold secrets: it is not kept as the cause.
    throw fail(
      `with a body that is not valid JSON (${text.length} characters, perhaps truncated: the connection may have been cut).`,
    );
  }
}

/**
 * Builds the error for an error status.
 * @param text The body as read; undefined when there was none. A problem document when it parses as one.
 */
export function errorFromResponse(text: string | undefined, response: Response, ctx: ResponseContext): AirbyteApiError {
  let body: unknown = text;
  try {
    if (text !== undefined) body = JSON.parse(text);
  } catch {
    // Not JSON: the text is shown (redacted, cut short).
  }
  const type = contentTypeOf(response);
  let problem: Problem | undefined;
  let bodyText: string | undefined;
  let hint: string | undefined;
  if (looksLikeProblem(body)) {
    problem = redactJson(body, ctx.redactor);
  } else if (typeof body === "string" && body.trim()) {
    if (isHtml(type, body)) {
      bodyText = "the server answered with an HTML page, not an Airbyte error.";
      hint = baseUrlHint(ctx);
    } else {
      bodyText = snippet(body, ctx);
    }
  } else if (typeof body !== "string" && body !== undefined && text !== undefined) {
    // Parsed JSON that is not a problem, shown as the server sent it: serializing it again could overflow
    // the stack on a deeply nested body (a RangeError, once mistaken for a network failure and retried).
    bodyText = snippet(text, ctx);
  }
  return AirbyteApiError.generate({
    method: ctx.method,
    url: ctx.url,
    status: response.status,
    headers: response.headers,
    problem,
    bodyText,
    hint,
    retryAfterMs: parseRetryAfter(response.headers, ctx.now()),
    redactor: ctx.redactor,
  });
}
