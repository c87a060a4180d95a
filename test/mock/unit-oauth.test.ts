/**
 * The OAuth flow the mock plays, on its own clock: which redirect URLs it
 * refuses and why, the consent and callback URLs it hands out, consents that
 * expire or are used once, and the secrets createSource then accepts.
 */
import { describe, expect, it } from "vitest";
import { CONSENT_PATH, CONSENT_TTL_MS, MAX_CONSENTS, OAuthFlow, redirectUrlProblem } from "../../scripts/lib/mock/oauth.js";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const ORIGIN = "http://127.0.0.1:4010";

describe("redirectUrlProblem", () => {
  it.each(["http://app.example.com/cb", "https://app.example.com/cb?x=1", "http://127.0.0.1:1/"])("%s is fine", (url) => {
    expect(redirectUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ["not a url", "must be an absolute URL, e.g. https://app.example.com/oauth/callback"],
    ["/relative/cb", "must be an absolute URL, e.g. https://app.example.com/oauth/callback"],
    ["javascript:alert(1)", "must be an http or https URL, not javascript:"],
    ["ftp://files.example.com/", "must be an http or https URL, not ftp:"],
    ["data:text/html,x", "must be an http or https URL, not data:"],
    ["https://user@app.example.com/cb", "must not hold a user name or password"],
    ["https://:secret@app.example.com/cb", "must not hold a user name or password"],
    ["http://user:secret@app.example.com/cb", "must not hold a user name or password"],
  ])("%s: %s", (url, reason) => {
    expect(redirectUrlProblem(url)).toBe(reason);
  });
});

/** A flow on a clock the test moves. */
function flow(secrets: string[] = []) {
  const clock = { now: 1_700_000_000_000 };
  return { clock, oauth: new OAuthFlow(secrets, () => clock.now) };
}

function stateOf(consentUrl: string): string {
  return new URL(consentUrl).searchParams.get("state") ?? "";
}

describe("OAuthFlow", () => {
  it("initiate hands out a consent URL on the mock, with a fresh state", () => {
    const { oauth } = flow();
    const a = oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb", sourceType: "github" });
    const b = oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" });
    expect(CONSENT_PATH).toBe("/mock/oauth/consent");
    expect(a.consentUrl).toMatch(new RegExp(`^${ORIGIN}/mock/oauth/consent\\?state=${UUID}$`));
    expect(stateOf(a.consentUrl)).not.toBe(stateOf(b.consentUrl));
    expect(oauth.pendingCount).toBe(2);
  });

  it("consent sends the browser to the API's oauthCallback with a code and the state", () => {
    const { oauth } = flow();
    const state = stateOf(oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" }).consentUrl);
    const back = oauth.consent("http://localhost:9", "/v1", state);
    expect(back).toMatch(new RegExp(`^http://localhost:9/v1/oauth/callback\\?code=mock-code-${UUID}&state=${state}$`));
    // Consent does not use the state up: the callback does.
    expect(oauth.pendingCount).toBe(1);
    expect(oauth.consent(ORIGIN, "/v1", state)).toBeDefined();
  });

  it("consent refuses a missing or unknown state", () => {
    const { oauth } = flow();
    oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" });
    expect(oauth.consent(ORIGIN, "/v1", null)).toBeUndefined();
    expect(oauth.consent(ORIGIN, "/v1", "unknown")).toBeUndefined();
  });

  it("callback sends the browser back to redirectUrl with a secret_id, once, and that secret is accepted", () => {
    const { oauth } = flow();
    const state = stateOf(oauth.initiate(ORIGIN, { redirectUrl: "https://app.example.com/cb?keep=1" }).consentUrl);
    const back = oauth.callback(state) ?? "";
    expect(back).toMatch(new RegExp(`^https://app\\.example\\.com/cb\\?keep=1&secret_id=${UUID}$`));
    expect(oauth.pendingCount).toBe(0);
    expect(oauth.callback(state)).toBeUndefined();
    const secretId = new URL(back).searchParams.get("secret_id") ?? "";
    expect(oauth.accepts(secretId)).toBe(true);
    expect(oauth.accepts("forged")).toBe(false);
  });

  it("callback refuses a missing or unknown state", () => {
    const { oauth } = flow();
    oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" });
    expect(oauth.callback(undefined)).toBeUndefined();
    expect(oauth.callback("unknown")).toBeUndefined();
    expect(oauth.pendingCount).toBe(1);
  });

  it("the spec's example secrets are accepted without a consent", () => {
    const { oauth } = flow(["example-secret", "other"]);
    expect(oauth.accepts("example-secret")).toBe(true);
    expect(oauth.accepts("other")).toBe(true);
    expect(oauth.accepts("third")).toBe(false);
    expect(new OAuthFlow().accepts("example-secret")).toBe(false);
  });

  it(`a consent lives ${CONSENT_TTL_MS} ms, then is dropped`, () => {
    expect(CONSENT_TTL_MS).toBe(600_000);
    const { oauth, clock } = flow();
    const state = stateOf(oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" }).consentUrl);
    clock.now += CONSENT_TTL_MS - 1;
    expect(oauth.consent(ORIGIN, "/v1", state)).toBeDefined();
    clock.now += 1;
    expect(oauth.consent(ORIGIN, "/v1", state)).toBeUndefined();
    expect(oauth.pendingCount).toBe(0);
  });

  it("an expired consent has no callback either", () => {
    const { oauth, clock } = flow();
    const state = stateOf(oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" }).consentUrl);
    clock.now += CONSENT_TTL_MS;
    expect(oauth.callback(state)).toBeUndefined();
    expect(oauth.pendingCount).toBe(0);
  });

  it("the default clock is the wall clock: a new consent is live", () => {
    const oauth = new OAuthFlow();
    const state = stateOf(oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" }).consentUrl);
    expect(oauth.callback(state)).toMatch(/^http:\/\/app\/cb\?secret_id=/);
  });

  it(`keeps at most ${MAX_CONSENTS} pending consents and issued secrets, the oldest go first`, () => {
    expect(MAX_CONSENTS).toBe(1000);
    const { oauth } = flow();
    const states = Array.from({ length: MAX_CONSENTS + 2 }, () => stateOf(oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" }).consentUrl));
    expect(oauth.pendingCount).toBe(MAX_CONSENTS);
    expect(oauth.consent(ORIGIN, "/v1", states[0] ?? "")).toBeUndefined();
    expect(oauth.consent(ORIGIN, "/v1", states[1] ?? "")).toBeUndefined();
    expect(oauth.consent(ORIGIN, "/v1", states[2] ?? "")).toBeDefined();

    const secrets = states.slice(2).map((s) => new URL(oauth.callback(s) ?? "").searchParams.get("secret_id") ?? "");
    expect(secrets).toHaveLength(MAX_CONSENTS);
    expect(oauth.pendingCount).toBe(0);
    expect(secrets.every((s) => oauth.accepts(s))).toBe(true);
    const more = [0, 1].map(() => {
      const s = stateOf(oauth.initiate(ORIGIN, { redirectUrl: "http://app/cb" }).consentUrl);
      return new URL(oauth.callback(s) ?? "").searchParams.get("secret_id") ?? "";
    });
    expect(oauth.accepts(secrets[0] ?? "")).toBe(false);
    expect(oauth.accepts(secrets[1] ?? "")).toBe(false);
    expect(oauth.accepts(secrets[2] ?? "")).toBe(true);
    expect(more.every((s) => oauth.accepts(s))).toBe(true);
  });
});
