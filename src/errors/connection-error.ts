import { redactCause, Redactor } from "../redact.js";
import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";
import { oneLine } from "./text.js";

/** What the common system codes mean, in the words a reader searches for. */
const MEANING: Partial<Record<string, string>> = {
  ECONNREFUSED: "connection refused, nothing listens at that host and port",
  ENOTFOUND: "host name not found (DNS)",
  EAI_AGAIN: "DNS lookup failed for now",
  ECONNRESET: "connection reset by the peer",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
};

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
    const code = codeOf(init.cause);
    const meaning = code ? ` (${code}${MEANING[code] ? `: ${MEANING[code]}` : ""})` : "";
    const reason = oneLine(redactor.redact(messagesOf(init.cause).join(": ")), 500);
    super(redactor.redact(`${init.method} ${init.url} could not reach the server: ${reason || "network error"}${meaning}`), {
      cause: redactCause(init.cause, redactor),
      method: init.method,
      url: init.url,
    });
    this.code = code;
  }
}

/** The cause chain, outermost first (at most 8 links; the first of an AggregateError's errors stands for them). */
function chain(error: unknown): object[] {
  const out: object[] = [];
  for (let e = error; e !== null && typeof e === "object" && out.length < 8 && !out.includes(e); ) {
    out.push(e);
    const { cause, errors } = e as { cause?: unknown; errors?: unknown };
    e = cause ?? (Array.isArray(errors) ? errors[0] : undefined);
  }
  return out;
}

/** The innermost string code along the chain: the one closest to the system. */
function codeOf(error: unknown): string | undefined {
  let found: string | undefined;
  for (const e of chain(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) found = code;
  }
  return found;
}

/** Each distinct message along the chain ("fetch failed", "connect ECONNREFUSED 127.0.0.1:1"). */
function messagesOf(error: unknown): string[] {
  if (!(error !== null && typeof error === "object")) return [String(error)];
  const out: string[] = [];
  for (const e of chain(error)) {
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && message && !out.includes(message)) out.push(message);
  }
  return out;
}
