import type { RedactedRequest } from "../redact.js";

/**
 * Base class of every error this client throws, so one `instanceof` check
 * catches them all. Messages never contain credentials: the client redacts
 * known secrets before building any message.
 */
export class AirbyteError extends Error {
  override name = "AirbyteError";
  /**
   * The request that failed, redacted: method, URL (secret query values
   * replaced) and headers (Authorization, cookies replaced); never the body.
   */
  request: RedactedRequest | undefined;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /** What `JSON.stringify(error)` shows: name and message, plus subclass fields. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this.request ? { request: this.request } : {}) };
  }
}
