import type { RedactedRequest } from "../redact.js";

/**
 * Marks each error class with its kind under a registry symbol, so that an
 * error thrown by one installed copy of this package is recognised by
 * `instanceof` and `is()` of another copy (two versions in one node_modules,
 * or a bundled copy next to an installed one). Kinds are string literals, so
 * they survive minification; the key says which protocol they follow.
 */
export const ERROR_KIND = Symbol.for("airbyte-api-client.error-kind.v1");

export interface AirbyteErrorOptions {
  cause?: unknown;
  /** HTTP method of the call that failed. */
  method?: string;
  /** URL of the call that failed, without its query string. */
  url?: string;
}

type AnyErrorClass<T> = abstract new (...args: never[]) => T;

/**
 * Base class of every error this client throws, so one `instanceof` check
 * (or `AirbyteError.is(value)`) catches them all. Messages never contain
 * credentials: the client redacts known secrets before building any message.
 */
export class AirbyteError extends Error {
  static readonly [ERROR_KIND]: string = "AirbyteError";
  // Fields set by a constructor are `declare`d here and in the subclasses: a
  // class field would also be emitted as a definition, bytes in every bundle.
  /** HTTP method of the call that failed; undefined for errors raised before any request (bad arguments, bad options). */
  declare readonly method: string | undefined;
  /** URL of the call that failed, without its query string; undefined like `method`. */
  declare readonly url: string | undefined;
  /**
   * The request that failed, redacted: method, URL (secret query values
   * replaced) and headers (Authorization, cookies replaced); never the body.
   */
  request: RedactedRequest | undefined;

  constructor(message: string, options: AirbyteErrorOptions = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    // Each class's kind is its name: written once per class, and it survives minification.
    this.name = (new.target as unknown as Record<symbol, string>)[ERROR_KIND] ?? "AirbyteError";
    this.method = options.method;
    this.url = options.url;
  }

  /**
   * Whether `value` is an error of this class (or a subclass), thrown by this
   * copy of the package or by any other installed copy.
   * @example if (AirbyteNotFoundError.is(error)) console.log(error.status);
   */
  static is<T>(this: AnyErrorClass<T>, value: unknown): value is T {
    return hasKind(value, (this as unknown as Record<symbol, unknown>)[ERROR_KIND]);
  }

  /** `instanceof` works across copies of the package too (see `is`). */
  static override [Symbol.hasInstance]<T>(this: AnyErrorClass<T>, value: unknown): value is T {
    return Function.prototype[Symbol.hasInstance].call(this, value) || hasKind(value, (this as unknown as Record<symbol, unknown>)[ERROR_KIND]);
  }

  /**
   * What `JSON.stringify(error)` shows: name, message and every field the
   * error has (method, URL, the redacted request, status...), once each.
   * Response headers are left out (a `Headers` object has no JSON form).
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (value !== undefined && !(value instanceof Headers)) out[key] = value;
    return out;
  }
}

/** Walks the prototype chain of `value` looking for a class that declares `kind` as its own. */
function hasKind(value: unknown, kind: unknown): boolean {
  if (typeof kind !== "string" || value === null || typeof value !== "object") return false;
  for (let proto: unknown = Object.getPrototypeOf(value); proto !== null && typeof proto === "object"; proto = Object.getPrototypeOf(proto)) {
    const ctor: unknown = Object.hasOwn(proto, "constructor") ? (proto as { constructor: unknown }).constructor : undefined;
    if (typeof ctor === "function" && Object.hasOwn(ctor, ERROR_KIND) && (ctor as unknown as Record<symbol, unknown>)[ERROR_KIND] === kind) return true;
  }
  return false;
}
