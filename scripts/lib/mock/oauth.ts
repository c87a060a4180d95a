/**
 * Airbyte-managed OAuth, played by the mock: initiateOAuth hands out a
 * consent URL on the mock itself (standing in for the identity provider),
 * consent sends the browser to oauthCallback, which redirects to the app's
 * `redirectUrl?secret_id=...`, and createSource accepts that secret (and only
 * secrets the mock issued, or ones the spec's examples use).
 */
import { randomUUID } from "node:crypto";

export const CONSENT_PATH = "/mock/oauth/consent";

interface PendingConsent {
  redirectUrl: string;
  sourceType: string;
}

export class OAuthFlow {
  readonly #pending = new Map<string, PendingConsent>();
  readonly #secrets = new Set<string>();

  /** Secrets that createSource accepts without a consent first (the spec's own examples). */
  constructor(knownSecrets: Iterable<string> = []) {
    for (const secret of knownSecrets) this.#secrets.add(secret);
  }

  /** Step 1: the consent URL for an initiateOAuth request. */
  initiate(
    origin: string,
    request: { redirectUrl: string; sourceType?: string },
  ): { consentUrl: string } {
    const state = randomUUID();
    this.#pending.set(state, {
      redirectUrl: request.redirectUrl,
      sourceType: request.sourceType ?? "unknown",
    });
    return { consentUrl: `${origin}${CONSENT_PATH}?state=${state}` };
  }

  /**
   * Step 2: the user consents on the "identity provider" (a page of the
   * mock), which sends the browser to Airbyte's oauthCallback with a code and
   * the state; undefined for a state the mock never issued.
   */
  consent(origin: string, apiRoot: string, state: string | null): string | undefined {
    if (state === null || !this.#pending.has(state)) return undefined;
    return `${origin}${apiRoot}/oauth/callback?code=mock-code-${randomUUID()}&state=${encodeURIComponent(state)}`;
  }

  /**
   * Step 3: Airbyte's oauthCallback stores the tokens as a secret and sends
   * the browser back to the app's redirectUrl with `secret_id`; undefined for
   * a state the mock never issued (or already used).
   */
  callback(state: string | undefined): string | undefined {
    const pending = state === undefined ? undefined : this.#pending.get(state);
    if (pending === undefined || state === undefined) return undefined;
    this.#pending.delete(state);
    const secretId = randomUUID();
    this.#secrets.add(secretId);
    const back = new URL(pending.redirectUrl);
    back.searchParams.set("secret_id", secretId);
    return back.toString();
  }

  /** Step 4: createSource's `secretId` must be one the flow issued. */
  accepts(secretId: string): boolean {
    return this.#secrets.has(secretId);
  }
}
