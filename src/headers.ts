/**
 * Header names and values, checked before anything is sent. `Headers` and
 * `fetch` throw a TypeError (quoting the value) for a value HTTP cannot
 * carry; the client would then treat it like a network failure. Checking here
 * makes it a usage error, at once, naming the header and never its value.
 */
import { AirbyteUsageError, valueShown } from "./errors/index.js";

/** RFC 9110 token: what `Headers` accepts as a name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LINE_BREAK = /[\r\n\0]/;
/** What a header value cannot hold: line breaks, NUL, and anything beyond Latin-1 (a ByteString). */
const NOT_A_HEADER_VALUE = /[\r\n\0]|[^\u0000-\u00ff]/;

export const isObject = (value: unknown): value is object => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * A header value must be one line of Latin-1 text. The message never quotes the
 * value: it is often a credential. `latin1Only: false` checks one line only,
 * for a secret that is encoded before it is sent (basic auth, token request body).
 */
export function headerValue(value: unknown, what: string, latin1Only = true): string {
  if (typeof value !== "string") throw new AirbyteUsageError(`${what} must be a string; got ${typeof value}.`);
  if ((latin1Only ? NOT_A_HEADER_VALUE : LINE_BREAK).test(value)) {
    throw new AirbyteUsageError(
      `${what} contains ${LINE_BREAK.test(value) ? "a line break or NUL character" : "a character beyond Latin-1 (percent-encode it)"}, which a header cannot carry (the value is not shown: it may be a secret).`,
    );
  }
  return value;
}

/** Checks header names and values; returns them with lower-cased names (one value per name, the last wins). */
export function checkHeaders(headers: unknown, where: string): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (!isObject(headers)) throw new AirbyteUsageError(`${where} must be an object of header names to string values; got ${valueShown(headers)}.`);
  // Null prototype: a name absent here never reads Object.prototype.
  const out = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new AirbyteUsageError(`${where}: ${JSON.stringify(name.slice(0, 40))} is not a valid header name (letters, digits and !#$%&'*+.^_\`|~- only).`);
    out[name.toLowerCase()] = headerValue(value, `${where}: header "${name}"`);
  }
  return out;
}
