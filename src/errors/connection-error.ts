import { AirbyteError } from "./airbyte-error.js";

/** The request never got an HTTP answer (DNS failure, refused or reset connection...). `cause` holds the network error. */
export class AirbyteConnectionError extends AirbyteError {
  override name = "AirbyteConnectionError";
  readonly method: string;
  /** URL of the request, without its query string. */
  readonly url: string;

  constructor(init: { method: string; url: string; cause: unknown }) {
    const reason = init.cause instanceof Error ? describeCause(init.cause) : String(init.cause);
    super(`${init.method} ${init.url} could not reach the server: ${reason}`, { cause: init.cause });
    this.method = init.method;
    this.url = init.url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), method: this.method, url: this.url };
  }
}

function describeCause(error: Error): string {
  // undici wraps the system error (ECONNREFUSED...) in `cause`.
  const inner = (error as Error & { cause?: unknown }).cause;
  const code = inner && typeof inner === "object" && "code" in inner ? String((inner as { code: unknown }).code) : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
