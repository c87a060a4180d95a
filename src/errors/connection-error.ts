import { redactCause, Redactor } from "../redact.js";
import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";
import { oneLine } from "./text.js";

/**
 * The request never got an HTTP answer (DNS failure, refused or reset
 * connection...). `code` is the system code found along the cause chain
 * (ECONNREFUSED, ENOTFOUND, ECONNRESET, ETIMEDOUT, UND_ERR_...), and the
 * message names it. `cause` is a copy of the network error with every secret
 * redacted (a proxy or DNS error can quote a URL with credentials).
 */
export class AirbyteConnectionError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteConnectionError";
  declare readonly method: string;
  declare readonly url: string;
  /** The system error code (e.g. `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`), when the network error carried one. */
  declare readonly code: string | undefined;

  /** `redactor` holds the client's secrets; without one, only URL credentials and secret query values are hidden. */
  constructor(init: { method: string; url: string; cause: unknown; redactor?: Pick<Redactor, "redact"> | undefined }) {
    const redactor = init.redactor ?? new Redactor();
    const { code, messages } = walk(init.cause);
    const reason = oneLine(redactor.redact(messages.join(": ")), 500);
    super(redactor.redact(`${init.method} ${init.url} could not reach the server: ${reason || "network error"}${code ? ` (${code})` : ""}`), {
      cause: redactCause(init.cause, redactor),
      method: init.method,
      url: init.url,
    });
    this.code = code;
  }
}

/**
 * Walks the cause chain, outermost first (at most 8 links; the first of an
 * AggregateError's errors stands for them): each distinct message, and the
 * innermost string code (the one closest to the system).
 */
function walk(error: unknown): { code: string | undefined; messages: string[] } {
  const messages: string[] = [];
  let code: string | undefined;
  const seen: unknown[] = [];
  for (let e = error; e !== null && typeof e === "object" && seen.length < 8 && !seen.includes(e); ) {
    seen.push(e);
    const link = e as { message?: unknown; code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof link.message === "string" && link.message && !messages.includes(link.message)) messages.push(link.message);
    if (typeof link.code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(link.code)) code = link.code;
    e = link.cause ?? (Array.isArray(link.errors) ? link.errors[0] : undefined);
  }
  if (error === null || typeof error !== "object") messages.push(String(error));
  return { code, messages };
}
