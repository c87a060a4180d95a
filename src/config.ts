/**
 * The one place options are read. `resolveConfig` validates and normalises the
 * client's options once; `resolveCall` does the same for one call's options.
 * The rest of src/ reads only the resolved objects, so a bad value fails here,
 * before anything is sent, with a message naming the option and its range.
 */
import type { Authenticator, AuthStrategy } from "./auth.js";
import { resolveClock, type Clock } from "./clock.js";
import { AirbyteError } from "./errors/index.js";
import type { Logger } from "./logger.js";
import type { CoreOptions, FetchLike, RequestOptions } from "./options.js";
import { isSecretHeader, Redactor } from "./redact.js";
import { RETRY_DEFAULTS, type ResolvedRetry, type RetryOptions } from "./retry.js";
import { DEFAULT_BASE_URL, isSecure, normalizeBaseUrl, refuseInsecure } from "./url.js";
import { VERSION } from "./version.js";

/** setTimeout fires at once for delays of 2^31 ms or more, so no timer may be longer. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

export interface ResolvedConfig {
  baseUrl: string;
  /** Origin of the base URL: API calls never send anything to another one. */
  origin: string;
  fetch: FetchLike;
  /** Client headers, names lower-cased, Accept and User-Agent included. */
  headers: Record<string, string>;
  auth: Authenticator;
  redactor: Redactor;
  clock: Clock;
  /** The client's `retry` as given (per-call `retry` merges over it) and resolved. */
  retryOption: RetryOptions | false | undefined;
  retry: ResolvedRetry;
  timeoutMs: number | false;
  /** The token request's own timeout: "off" is an unbounded wait. */
  tokenTimeoutMs: number;
  totalTimeoutMs: number | false;
  maxResponseBytes: number;
  /** https, or http on a loopback host. */
  secure: boolean;
  allowInsecureHttp: boolean;
  dangerouslyAllowBrowser: boolean;
  logger: Logger | undefined;
}

export interface ResolvedCall {
  signal: AbortSignal | undefined;
  /** Per-call headers, names lower-cased; undefined when there are none. */
  headers: Record<string, string> | undefined;
  timeoutMs: number | false;
  totalTimeoutMs: number | false;
  retry: ResolvedRetry;
}

const CLIENT_KEYS = "baseUrl auth fetch headers userAgent retry timeoutMs totalTimeoutMs maxResponseBytes allowInsecureHttp dangerouslyAllowBrowser logger clock".split(" ");
const CALL_KEYS = "signal headers timeoutMs totalTimeoutMs retry".split(" ");
const RETRY_KEYS = "maxRetries initialDelayMs maxDelayMs maxRetryAfterMs statuses nonIdempotent".split(" ");

/** "<name> must be <expected>; got <value>." */
const invalid = (name: string, expected: string, got: unknown) => new AirbyteError(`${name} must be ${expected}; got ${typeof got === "number" ? got : typeof got}.`);

/** Refuses keys outside `known`, listing the known ones: a misspelt option must not be ignored. */
function knownKeys(value: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) throw new AirbyteError(`${what}: unknown option "${key}"; the options are ${known.join(", ")}.`);
}

const isObject = (value: unknown): value is object => value !== null && typeof value === "object" && !Array.isArray(value);

export function resolveConfig(options: CoreOptions, auth: AuthStrategy | undefined): ResolvedConfig {
  if (!isObject(options)) throw invalid("The client options", "an object", options);
  knownKeys(options, CLIENT_KEYS, "client options");
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const url = new URL(baseUrl);
  const allowInsecureHttp = flag(options.allowInsecureHttp, "allowInsecureHttp");
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw invalid("fetch", "a function (request: Request) => Promise<Response>", options.fetch);
  const { logger, userAgent } = options;
  if (logger !== undefined && typeof logger?.debug !== "function") throw invalid("logger", "an object with a debug(line) method, such as console", logger);
  if (userAgent !== undefined) headerValue(userAgent, "userAgent");
  const userHeaders = checkHeaders(options.headers, "headers") ?? {};
  const redactor = new Redactor();
  for (const [name, value] of Object.entries(userHeaders)) redactor.addHeader(name, value);
  if (auth || Object.keys(userHeaders).some(isSecretHeader)) refuseInsecure(url, allowInsecureHttp, "credentials");
  const timeoutMs = timer(options.timeoutMs, "timeoutMs") ?? DEFAULT_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) throw invalid("maxResponseBytes", "a whole number of bytes of at least 1", maxResponseBytes);
  const config: ResolvedConfig = {
    baseUrl,
    origin: url.origin,
    // Looked up at call time, so a fetch patched in after creating the client is used.
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
    headers: { accept: "application/json", "user-agent": `${userAgent ? `${userAgent} ` : ""}airbyte-api-client/${VERSION}`, ...userHeaders },
    auth: { header: () => undefined, rejected() {}, canRenew: false },
    redactor,
    clock: resolveClock(options.clock),
    retryOption: checkRetry(options.retry, "retry"),
    retry: mergeRetry(options.retry, undefined),
    timeoutMs,
    tokenTimeoutMs: timeoutMs === false ? Infinity : timeoutMs,
    totalTimeoutMs: timer(options.totalTimeoutMs, "totalTimeoutMs") ?? false,
    maxResponseBytes,
    secure: isSecure(url),
    allowInsecureHttp,
    dangerouslyAllowBrowser: flag(options.dangerouslyAllowBrowser, "dangerouslyAllowBrowser"),
    logger,
  };
  if (auth) config.auth = auth.create(config);
  return config;
}

/** One call's options, validated and merged over the client's. */
export function resolveCall(config: ResolvedConfig, options: unknown, where: string): ResolvedCall {
  if (options === undefined) {
    return { signal: undefined, headers: undefined, timeoutMs: config.timeoutMs, totalTimeoutMs: config.totalTimeoutMs, retry: config.retry };
  }
  if (!isObject(options)) throw new AirbyteError(`${where}: the last argument must be an options object ({ ${CALL_KEYS.join(", ")} }).`);
  knownKeys(options, CALL_KEYS, where);
  const o = options as RequestOptions;
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw invalid(`${where}: signal`, "an AbortSignal", o.signal);
  const headers = checkHeaders(o.headers, `${where}: headers`);
  if (headers && Object.keys(headers).some(isSecretHeader)) if (!config.secure) refuseInsecure(new URL(config.origin), config.allowInsecureHttp, "credentials");
  return {
    signal: o.signal,
    headers,
    timeoutMs: timer(o.timeoutMs, `${where}: timeoutMs`) ?? config.timeoutMs,
    totalTimeoutMs: timer(o.totalTimeoutMs, `${where}: totalTimeoutMs`) ?? config.totalTimeoutMs,
    retry: o.retry === undefined ? config.retry : mergeRetry(config.retryOption, checkRetry(o.retry, `${where}: retry`)),
  };
}

/** Client-level and call-level `retry` merged; `false` turns retries off. */
function mergeRetry(client: RetryOptions | false | undefined, call: RetryOptions | false | undefined): ResolvedRetry {
  if (call === false || (client === false && call === undefined)) return { ...RETRY_DEFAULTS, maxRetries: 0 };
  return { ...RETRY_DEFAULTS, ...client, ...call };
}

function checkRetry(retry: RetryOptions | false | undefined, where: string): RetryOptions | false | undefined {
  if (retry === undefined || retry === false) return retry;
  if (!isObject(retry)) throw invalid(where, "an object or false", retry);
  knownKeys(retry, RETRY_KEYS, where);
  const { maxRetries, statuses, nonIdempotent } = retry;
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0 && maxRetries <= 100)) throw invalid(`${where}.maxRetries`, "a whole number from 0 to 100", maxRetries);
  for (const key of ["initialDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    const value = retry[key];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS)) throw invalid(`${where}.${key}`, `a number of milliseconds from 0 to ${MAX_TIMER_MS}`, value);
  }
  if (statuses !== undefined && !(Array.isArray(statuses) && statuses.every((s) => Number.isInteger(s) && s >= 100 && s <= 599))) {
    throw invalid(`${where}.statuses`, "an array of HTTP statuses (100 to 599)", statuses);
  }
  flag(nonIdempotent, `${where}.nonIdempotent`);
  return retry;
}

/** A timer option: undefined (use the default), false (off), or whole ms that setTimeout can honour. */
function timer(value: number | false | undefined, name: string): number | false | undefined {
  if (value === undefined || value === false || (typeof value === "number" && value >= 1 && value <= MAX_TIMER_MS)) return value;
  throw invalid(name, `a number of milliseconds from 1 to ${MAX_TIMER_MS}, or false to turn the timeout off`, value);
}

function flag(value: boolean | undefined, name: string): boolean {
  if (value !== undefined && typeof value !== "boolean") throw invalid(name, "true or false", value);
  return value ?? false;
}

/** RFC 9110 token: what `Headers` accepts as a name. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Checks header names and values; returns them with lower-cased names (one value per name, the last wins). */
export function checkHeaders(headers: Record<string, string> | undefined, where: string): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (!isObject(headers)) throw invalid(where, "an object of header names to string values", headers);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new AirbyteError(`${where}: ${JSON.stringify(name.slice(0, 40))} is not a valid header name (letters, digits and !#$%&'*+.^_\`|~- only).`);
    out[name.toLowerCase()] = headerValue(value, `${where}: header "${name}"`);
  }
  return out;
}

/**
 * A header value must be one line of text. The message never quotes the value:
 * it is often a credential.
 */
export function headerValue(value: unknown, what: string): string {
  if (typeof value !== "string") throw new AirbyteError(`${what} must be a string; got ${typeof value}.`);
  if (/[\r\n\0]/.test(value)) throw new AirbyteError(`${what} contains a line break or NUL character, which a header cannot carry (the value is not shown: it may be a secret).`);
  return value;
}
