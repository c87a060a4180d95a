/**
 * The one place options are read. `resolveConfig` validates and normalises the
 * client's options once; `resolveCall` does the same for one call's options.
 * The rest of src/ reads only the resolved objects, so a bad value fails here,
 * before anything is sent, with a message naming the option and its range.
 */
import { resolveClock, type Clock } from "./clock.js";
import { AirbyteUsageError, valueShown } from "./errors/index.js";
import { checkHeaders, headerValue, isObject } from "./headers.js";
import type { Logger } from "./logger.js";
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, globalFetch, MAX_TIMER_MS, type Authenticator, type AuthStrategy, type CoreOptions, type FetchLike, type RequestOptions, type ResponseChecker } from "./options.js";
import { isSecretHeader, Redactor } from "./redact.js";
import { own } from "./own.js";
import { RETRY_DEFAULTS, type ResolvedRetry, type RetryOptions } from "./retry.js";
import { DEFAULT_BASE_URL, isSecure, normalizeBaseUrl, refuseInsecure } from "./url.js";
import { VERSION } from "./version.js";

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
  validateResponses: ResponseChecker | undefined;
}

export interface ResolvedCall {
  signal: AbortSignal | undefined;
  /** Per-call headers, names lower-cased; undefined when there are none. */
  headers: Record<string, string> | undefined;
  timeoutMs: number | false;
  totalTimeoutMs: number | false;
  retry: ResolvedRetry;
}

const CLIENT_KEYS = "baseUrl auth fetch headers userAgent retry timeoutMs totalTimeoutMs maxResponseBytes allowInsecureHttp dangerouslyAllowBrowser logger clock validateResponses".split(" ");
const CALL_KEYS = "signal headers timeoutMs totalTimeoutMs retry".split(" ");
const RETRY_KEYS = "maxRetries initialDelayMs maxDelayMs maxRetryAfterMs statuses nonIdempotent".split(" ");

/** "<name> must be <expected>; got <value>." */
const invalid = (name: string, expected: string, got: unknown) => new AirbyteUsageError(`${name} must be ${expected}; got ${valueShown(got)}.`);

/** Refuses keys outside `known`, listing the known ones: a misspelt option must not be ignored. */
function knownKeys(value: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(value)) if (!known.includes(key)) throw new AirbyteUsageError(`${what}: unknown option "${key}"; the options are ${known.join(", ")}.`);
}


/** What a value must satisfy, and how the message says it. */
type Rule = [ok: (value: unknown) => boolean, expected: string];
const ms = (min: number) => (value: unknown) => typeof value === "number" && value >= min && value <= MAX_TIMER_MS;
const flagRule: Rule = [(value) => typeof value === "boolean", "true or false"];
const delayRule: Rule = [ms(0), `a number of milliseconds from 0 to ${MAX_TIMER_MS}`];
/** A timer: whole ms that setTimeout can honour, or false (off). */
const timerRule: Rule = [(value) => value === false || ms(1)(value), `a number of milliseconds from 1 to ${MAX_TIMER_MS}, or false to turn the timeout off`];

/** The rule of every option that has one, by name: client, call and retry options share them. */
const RULES: Partial<Record<string, Rule>> = {
  fetch: [(value) => typeof value === "function", "a function (request: Request) => Promise<Response>"],
  logger: [(value) => typeof (value as { debug?: unknown } | null)?.debug === "function", "an object with a debug(line) method, such as console"],
  validateResponses: [(value) => typeof value === "function", "responseValidator() of airbyte-api-client/validate"],
  maxResponseBytes: [(value) => Number.isSafeInteger(value) && (value as number) >= 1, "a whole number of bytes of at least 1"],
  allowInsecureHttp: flagRule,
  dangerouslyAllowBrowser: flagRule,
  nonIdempotent: flagRule,
  timeoutMs: timerRule,
  totalTimeoutMs: timerRule,
  signal: [(value) => value instanceof AbortSignal, "an AbortSignal"],
  maxRetries: [(value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100, "a whole number from 0 to 100"],
  initialDelayMs: delayRule,
  maxDelayMs: delayRule,
  maxRetryAfterMs: delayRule,
  statuses: [(value) => Array.isArray(value) && value.every((s) => Number.isInteger(s) && s >= 100 && s <= 599), "an array of HTTP statuses (100 to 599)"],
};

/** Refuses unknown keys, then checks each given value against its rule; `prefix` says where they sit ("", "getSource: ", "retry."). */
function checkOptions(options: object, known: readonly string[], what: string, prefix: string): void {
  knownKeys(options, known, what);
  for (const [key, value] of Object.entries(options)) {
    // Own keys only: Object.prototype[key] set elsewhere is not a rule.
    const rule = Object.hasOwn(RULES, key) ? RULES[key] : undefined;
    if (rule && value !== undefined && !rule[0](value)) throw invalid(prefix + key, rule[1], value);
  }
}

export function resolveConfig(options: CoreOptions, auth: AuthStrategy | undefined): ResolvedConfig {
  if (!isObject(options)) throw invalid("The client options", "an object", options);
  // Own properties only: Object.prototype.baseUrl (or .fetch, .logger...) set elsewhere must not count.
  options = own(options);
  checkOptions(options, CLIENT_KEYS, "client options", "");
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const url = new URL(baseUrl);
  const { logger, userAgent, allowInsecureHttp = false } = options;
  if (userAgent !== undefined) headerValue(userAgent, "userAgent");
  const userHeaders = checkHeaders(options.headers, "headers") ?? {};
  const redactor = new Redactor();
  for (const [name, value] of Object.entries(userHeaders)) redactor.addHeader(name, value);
  if (auth || Object.keys(userHeaders).some(isSecretHeader)) refuseInsecure(url, allowInsecureHttp, "credentials");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const config: ResolvedConfig = {
    baseUrl,
    origin: url.origin,
    fetch: options.fetch ?? globalFetch,
    headers: { accept: "application/json", "user-agent": `${userAgent ? `${userAgent} ` : ""}airbyte-api-client/${VERSION}`, ...userHeaders },
    auth: { header: () => undefined, rejected() {}, canRenew: false },
    redactor,
    clock: resolveClock(own(options.clock)),
    retryOption: checkRetry(options.retry, "retry"),
    retry: mergeRetry(options.retry, undefined),
    timeoutMs,
    tokenTimeoutMs: timeoutMs === false ? Infinity : timeoutMs,
    totalTimeoutMs: options.totalTimeoutMs ?? false,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    secure: isSecure(url),
    allowInsecureHttp,
    dangerouslyAllowBrowser: options.dangerouslyAllowBrowser ?? false,
    logger,
    validateResponses: options.validateResponses,
  };
  if (auth) config.auth = auth.create(config);
  return config;
}

/** One call's options, validated and merged over the client's. */
export function resolveCall(config: ResolvedConfig, options: unknown, where: string): ResolvedCall {
  if (options === undefined) {
    return { signal: undefined, headers: undefined, timeoutMs: config.timeoutMs, totalTimeoutMs: config.totalTimeoutMs, retry: config.retry };
  }
  if (!isObject(options)) throw new AirbyteUsageError(`${where}: the last argument must be an options object ({ ${CALL_KEYS.join(", ")} }).`);
  checkOptions(options, CALL_KEYS, where, `${where}: `);
  const o = own(options as RequestOptions);
  const headers = checkHeaders(o.headers, `${where}: headers`);
  if (headers && Object.keys(headers).some(isSecretHeader)) if (!config.secure) refuseInsecure(new URL(config.origin), config.allowInsecureHttp, "credentials");
  return {
    signal: o.signal,
    headers,
    timeoutMs: o.timeoutMs ?? config.timeoutMs,
    totalTimeoutMs: o.totalTimeoutMs ?? config.totalTimeoutMs,
    retry: o.retry === undefined ? config.retry : mergeRetry(config.retryOption, checkRetry(o.retry, `${where}: retry`)),
  };
}

/** Client-level and call-level `retry` merged; `false` turns retries off. */
function mergeRetry(client: RetryOptions | false | undefined, call: RetryOptions | false | undefined): ResolvedRetry {
  if (call === false || (client === false && call === undefined)) return { ...RETRY_DEFAULTS, maxRetries: 0 };
  return { ...RETRY_DEFAULTS, ...defined(client), ...defined(call) };
}

/** The entries whose value is not undefined: `{ maxRetries: undefined }` keeps the default. */
function defined<T extends object>(options: T | false | undefined): Partial<T> {
  if (!options) return {};
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function checkRetry(retry: RetryOptions | false | undefined, where: string): RetryOptions | false | undefined {
  if (retry === undefined || retry === false) return retry;
  if (!isObject(retry)) throw invalid(where, "an object or false", retry);
  checkOptions(retry, RETRY_KEYS, where, `${where}.`);
  return own(retry);
}
