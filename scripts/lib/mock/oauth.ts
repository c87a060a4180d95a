/**
 * Airbyte-managed OAuth, played by the mock: initiateOAuth hands out a
 * consent URL on the mock itself, the consent page redirects the user to the
 * app's `redirectUrl?secret_id=...`, and createSource accepts that secret
 * (and only secrets the mock issued, or ones the spec's examples use).
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
  initiate(origin: string, request: { redirectUrl: string; sourceType?: string }): { consentUrl: string } {
    const state = randomUUID();
    this.#pending.set(state, { redirectUrl: request.redirectUrl, sourceType: request.sourceType ?? "unknown" });
    return { consentUrl: `${origin}${CONSENT_PATH}?state=${state}` };
  }

  /**
   * Steps 2-3: the user "consents"; where to send them back, with the new
   * secret, or undefined for a state the mock never issued (or already used).
   */
  consent(state: string | null): string | undefined {
    const pending = state === null ? undefined : this.#pending.get(state);
    if (pending === undefined || state === null) return undefined;
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
