import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";

/** The request never got an HTTP answer (DNS failure, refused or reset connection...). `cause` holds the network error. */
export class AirbyteConnectionError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteConnectionError";
  declare readonly method: string;
  declare readonly url: string;

  constructor(init: { method: string; url: string; cause: unknown }) {
    const reason = init.cause instanceof Error ? describeCause(init.cause) : String(init.cause);
    super(`${init.method} ${init.url} could not reach the server: ${reason}`, { cause: init.cause, method: init.method, url: init.url });
  }
}

function describeCause(error: Error): string {
  // undici wraps the system error (ECONNREFUSED...) in `cause`.
  const inner = (error as Error & { cause?: unknown }).cause;
  const code = inner && typeof inner === "object" && "code" in inner ? String((inner as { code: unknown }).code) : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
