/**
 * The last step of Airbyte-managed OAuth on your side: read the `secret_id`
 * Airbyte appended to your redirect URL.
 */
import { AirbyteOAuthCallbackError } from "./errors/index.js";

export interface OAuthCallbackResult {
  /** Pass it to `airbyte.sources.createSource({ ..., secretId })`. */
  secretId: string;
}

/**
 * Reads the URL the user was redirected to after consenting.
 *
 * @param url The full redirect URL, or just its path and query (e.g. Node's `req.url`).
 * @throws AirbyteOAuthCallbackError when the provider reported an error or the URL has no `secret_id`.
 */
export function readOAuthCallback(url: string | URL): OAuthCallbackResult {
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
    throw new AirbyteOAuthCallbackError(
      `OAuth was not completed: the identity provider answered "${error}"${errorDescription ? ` (${errorDescription})` : ""}. Start again with initiateOAuth.`,
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
