import { AirbyteError } from "./errors/index.js";

export const DEFAULT_BASE_URL = "https://api.airbyte.com/v1";

/** Checks the base URL and drops its trailing slashes. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AirbyteError(
      `baseUrl must be an absolute http(s) URL such as ${DEFAULT_BASE_URL} or https://airbyte.example.com/api/public/v1; got "${baseUrl}".`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AirbyteError(`baseUrl must use http or https; got "${url.protocol}" in "${baseUrl}".`);
  }
  if (url.search || url.hash) {
    throw new AirbyteError(`baseUrl must not have a query string or fragment; got "${baseUrl}".`);
  }
  return baseUrl.replace(/\/+$/, "");
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
  const i = url.search(/[?#]/);
  return i === -1 ? url : url.slice(0, i);
}
