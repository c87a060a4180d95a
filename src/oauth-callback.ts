/**
 * The last step of Airbyte-managed OAuth on your side: read the `secret_id`
 * Airbyte appended to your redirect URL.
 */
import { AirbyteOAuthCallbackError, oneLine } from "./errors/index.js";

/** How much of the provider's error code and description a message quotes. */
const MAX_QUOTED = 200;

export interface OAuthCallbackResult {
  /** Pass it to `airbyte.sources.createSource({ ..., secretId })`. */
  secretId: string;
}

/**
 * Reads the URL the user was redirected to after consenting.
 *
 * @param url The full redirect URL, or just its path and query (e.g. Node's `req.url`).
 * @throws AirbyteOAuthCallbackError when the argument is not a URL, the provider reported an error, or the URL has no `secret_id`.
 */
export function readOAuthCallback(url: string | URL): OAuthCallbackResult {
  if (typeof url !== "string" && !(url instanceof URL)) {
    // JavaScript callers may pass the request object itself, or undefined.
    throw new AirbyteOAuthCallbackError(
      `readOAuthCallback: expected the redirect URL as a string or URL (e.g. Node's req.url); got ${describe(url)}.`,
    );
  }
  let parsed: URL;
  try {
    parsed = typeof url === "string" ? new URL(url, "http://callback.invalid") : url;
  } catch {
    throw new AirbyteOAuthCallbackError("readOAuthCallback: the argument is not a URL. Pass the URL the user was redirected to.");
  }
  // Some providers put the answer in the fragment rather than the query.
  const params = new URLSearchParams(parsed.search);
  const fragment = new URLSearchParams(parsed.hash.replace(/^#/, ""));
  const get = (name: string) => params.get(name) ?? fragment.get(name) ?? undefined;

  const error = get("error");
  if (error) {
    const errorDescription = get("error_description");
    // Both come from whoever crafted the URL: quoted as one bounded printable line (no CR/LF, no terminal escapes).
    const quoted = oneLine(error, MAX_QUOTED);
    const description = errorDescription ? oneLine(errorDescription, MAX_QUOTED) : "";
    throw new AirbyteOAuthCallbackError(
      `OAuth was not completed: the identity provider answered "${quoted}"${description ? ` (${description})` : ""}. Start again with initiateOAuth.`,
      { error, errorDescription },
    );
  }
  const secretId = get("secret_id")?.trim();
  if (!secretId) {
    const hasQuery = parsed.search.length > 1;
    throw new AirbyteOAuthCallbackError(
      hasQuery
        ? "The redirect URL has no secret_id parameter. Was this URL reached through Airbyte's OAuth redirect (initiateOAuth's consentUrl)?"
        : "The redirect URL has no query string, so no secret_id. Pass the whole URL, including everything after `?`.",
    );
  }
  return { secretId };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return typeof value;
}
