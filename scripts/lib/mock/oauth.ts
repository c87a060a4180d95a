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

/** How many consents, and issued secrets, the mock keeps (the oldest go first). */
export const MAX_CONSENTS = 1000;
/** How long a started consent stays usable. */
export const CONSENT_TTL_MS = 10 * 60_000;

/** Why a redirect URL is refused, or undefined: only absolute http(s) URLs (never `javascript:` or `data:`). */
export function redirectUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL, e.g. https://app.example.com/oauth/callback";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `must be an http or https URL, not ${url.protocol}`;
  if (url.username || url.password) return "must not hold a user name or password";
  return undefined;
}

export class OAuthFlow {
  readonly #pending = new Map<string, PendingConsent & { expires: number }>();
  readonly #secrets = new Set<string>();
  readonly #exampleSecrets = new Set<string>();

  /**
   * @param knownSecrets secrets that createSource accepts without a consent first (the spec's own examples)
   * @param now the clock that expires consents (tests pass their own)
   */
  constructor(
    knownSecrets: Iterable<string> = [],
    private readonly now: () => number = Date.now,
  ) {
    for (const secret of knownSecrets) this.#exampleSecrets.add(secret);
  }

  /** Consents waiting for their callback (bounded by MAX_CONSENTS). */
  get pendingCount(): number {
    return this.#pending.size;
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
      expires: this.now() + CONSENT_TTL_MS,
    });
    if (this.#pending.size > MAX_CONSENTS) this.#pending.delete(this.#pending.keys().next().value as string);
    return { consentUrl: `${origin}${CONSENT_PATH}?state=${state}` };
  }

  /**
   * Step 2: the user consents on the "identity provider" (a page of the
   * mock), which sends the browser to Airbyte's oauthCallback with a code and
   * the state; undefined for a state the mock never issued.
   */
  consent(origin: string, apiRoot: string, state: string | null): string | undefined {
    if (state === null || this.#live(state) === undefined) return undefined;
    return `${origin}${apiRoot}/oauth/callback?code=mock-code-${randomUUID()}&state=${encodeURIComponent(state)}`;
  }

  /**
   * Step 3: Airbyte's oauthCallback stores the tokens as a secret and sends
   * the browser back to the app's redirectUrl with `secret_id`; undefined for
   * a state the mock never issued (or already used).
   */
  callback(state: string | undefined): string | undefined {
    const pending = state === undefined ? undefined : this.#live(state);
    if (pending === undefined || state === undefined) return undefined;
    this.#pending.delete(state);
    const secretId = randomUUID();
    this.#secrets.add(secretId);
    if (this.#secrets.size > MAX_CONSENTS) this.#secrets.delete(this.#secrets.values().next().value as string);
    const back = new URL(pending.redirectUrl);
    back.searchParams.set("secret_id", secretId);
    return back.toString();
  }

  /** Step 4: createSource's `secretId` must be one the flow issued. */
  accepts(secretId: string): boolean {
    return this.#secrets.has(secretId) || this.#exampleSecrets.has(secretId);
  }

  /** A pending consent that has not expired (an expired one is dropped). */
  #live(state: string): PendingConsent | undefined {
    const pending = this.#pending.get(state);
    if (pending !== undefined && pending.expires <= this.now()) {
      this.#pending.delete(state);
      return undefined;
    }
    return pending;
  }
}
