/**
 * The one URL builder: base URL checks, path parameters as opaque segments and
 * the query serializer. The URL built here is the URL sent, logged and shown
 * in errors.
 */
import { AirbyteUsageError, valueShown } from "./errors/index.js";

export const DEFAULT_BASE_URL = "https://api.airbyte.com/v1";

/** The base URL for messages: any `user:password@` part is hidden, never quoted. */
function shown(baseUrl: string): string {
  return baseUrl.replace(/^([^/]*\/\/)?[^/@]*@/, (_, scheme: string | undefined) => `${scheme ?? ""}[REDACTED]@`);
}

/** Checks the base URL and drops its trailing slashes. */
export function normalizeBaseUrl(baseUrl: string): string {
  if (typeof baseUrl !== "string") throw new AirbyteUsageError(`baseUrl must be a string such as ${DEFAULT_BASE_URL}; got ${typeof baseUrl}.`);
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    // Reported below.
  }
  const problem = !url
    ? `be an absolute http(s) URL such as ${DEFAULT_BASE_URL} or https://airbyte.example.com/api/public/v1`
    : url.username || url.password
      ? "not contain credentials (user:password@); pass them as auth: { username, password } instead"
      : url.protocol !== "http:" && url.protocol !== "https:"
        ? `use http or https, not ${url.protocol}`
        : url.search || url.hash || /[?#]/.test(baseUrl)
          ? "not have a query string or fragment"
          : undefined;
  if (problem) throw new AirbyteUsageError(`baseUrl must ${problem}; got "${shown(baseUrl)}".`);
  return baseUrl.replace(/\/+$/, "");
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** https, or http to a loopback host: where a secret may be sent without `allowInsecureHttp`. */
export function isSecure(url: URL): boolean {
  return url.protocol === "https:" || isLoopback(url.hostname);
}

/** The one refusal of plain http for secrets (base URL with credentials, token URL). */
export function refuseInsecure(url: URL, allowed: boolean, what: string, shownUrl = url.host): void {
  if (allowed || isSecure(url)) return;
  throw new AirbyteUsageError(
    `Refusing to send ${what} over plain http to ${shownUrl}: anyone on the network path could read them (it is not a loopback host). Use https, or pass allowInsecureHttp: true if this network is trusted.`,
  );
}

/**
 * Joins a path onto the base URL, keeping the base URL's own path:
 * `https://api.airbyte.com/v1` + `/applications/token` is
 * `https://api.airbyte.com/v1/applications/token` (RFC 3986 resolution would
 * drop `/v1`). Absolute URLs are returned unchanged.
 */
export function joinUrl(baseUrl: string, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  return `${baseUrl.replace(/\/+$/, "")}/${pathOrUrl.replace(/^\/+/, "")}`;
}

/** The URL without its query string, for messages (query values may be secret). */
export function withoutQuery(url: string): string {
  // Two indexOf calls: a regular expression here was a measurable part of a call's own CPU.
  const q = url.indexOf("?");
  const h = url.indexOf("#");
  const i = q === -1 ? h : h === -1 ? q : Math.min(q, h);
  return i === -1 ? url : url.slice(0, i);
}

/**
 * Fills a path template. Every value is one opaque segment: `/` is encoded,
 * and `.` or `..` (which URL parsing would resolve into another endpoint) are
 * refused, as are empty strings, NaN and Infinity. `named` says how a message
 * names the value: "argument 2 (sourceId)" for a method, "params.path.sourceId"
 * for the raw client.
 */
export function fillPath(where: string, template: string, names: readonly string[], values: readonly unknown[], named = (i: number, name: string) => `argument ${i + 1} (${name})`): string {
  let path = template;
  names.forEach((name, i) => {
    const value = values[i];
    const text = typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
    if (!text || text === "." || text === "..") {
      const got = value === "" ? "an empty string" : text ? `"${text}", which URL parsing would turn into another endpoint` : valueShown(value);
      throw new AirbyteUsageError(`${where}: ${named(i, name)} must be a non-empty string; got ${got}.`);
    }
    path = path.replace(`{${name}}`, encodeURIComponent(text));
  });
  return path;
}

/**
 * Serializes the query object the way the README documents: arrays as
 * repeated keys (`ids=a&ids=b`), object parameters form-exploded
 * (`code=1&state=2`, keys encoded), undefined and null left out. Keys the
 * operation does not declare are refused, so request options passed in the
 * query's place (say `{ headers: { Authorization } }`) never reach the URL.
 */
export function serializeQuery(where: string, query: unknown, known: readonly string[]): string {
  if (query === undefined || query === null) return "";
  if (typeof query !== "object" || Array.isArray(query)) throw new AirbyteUsageError(`${where}: the query must be an object of { ${known.join(", ")} }.`);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (!known.includes(key)) {
      throw new AirbyteUsageError(
        `${where}: unknown query parameter "${key}"; it takes ${known.length ? known.join(", ") : "none"}. Request options ({ signal, headers, timeoutMs, totalTimeoutMs, retry }) go last, after the query object.`,
      );
    }
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) parts.push(pair(where, key, key, item));
    } else if (typeof value === "object") {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) parts.push(pair(where, key, k, v));
    } else {
      parts.push(pair(where, key, key, value));
    }
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/** The type of serializeQuery, for the callers that pass it on (src/call.ts). */
export type QuerySerializer = typeof serializeQuery;

function pair(where: string, param: string, key: string, value: unknown): string {
  if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
    return `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
  }
  const what = typeof value === "object" ? "a nested object or array" : valueShown(value);
  throw new AirbyteUsageError(`${where}: query parameter "${param}" holds ${what}; a query can only carry strings, finite numbers and booleans (arrays of them repeat the key).`);
}
