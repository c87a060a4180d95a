/**
 * Property-based: no generated secret (bearer tokens, passwords, client
 * secrets, per-call header values; short ones and ones full of URL-special
 * characters) appears in an error's message, `String()`, JSON, `util.inspect`
 * (cause included) or a debug log line, whatever form the server or the
 * network error echoes it in.
 *
 * What "appears" means follows the redactor's length rule: a secret of 4
 * characters or more must not occur anywhere; a shorter one must not occur as
 * a whole word (not touching a letter or digit). Stack frames (file paths) are
 * left out, and a secret that the same scenario prints anyway with another
 * secret (a word of the message such as "GET", a property name such as
 * "code") is skipped: it is not the secret that shows there.
 */
import fc from "fast-check";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AirbyteError, createAirbyteClient, type AuthOptions } from "../../src/index.js";

/** Letters, digits and every character URLs, JSON, forms and base64 treat specially. */
const alphabet = [..."aZ09 -_.~!*'();:@&=+$,/?#[]%\"\\<>{}|^`é§"];
const secretOf = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength }).filter((s) => s.trim() === s && s.trim() !== "" && !"[REDACTED]".includes(s));
/** Short (1 to 3 characters) and long secrets in about equal numbers. */
const secret = fc.oneof(secretOf(1, 3), secretOf(4, 24));

/** How a server or a network error echoes a secret back. */
const echoes: Array<[string, (s: string) => string]> = [
  ["as is", (s) => s],
  ["JSON-escaped", (s) => JSON.stringify(s).slice(1, -1)],
  ["URL-encoded", (s) => encodeURIComponent(s)],
  ["URL-encoded, lowercase escapes", (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
  ["form-encoded", (s) => new URLSearchParams({ s }).toString().slice(2)],
];
const echo = fc.constantFrom(...echoes);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Whether `secret` shows in `text`, by the length rule. */
const shows = (text: string, secret: string) =>
  secret.length >= 4 ? text.includes(secret) : new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, "u").test(text);

/** Everything a caller could print of an error, and the log, without stack frames. */
const printed = (error: unknown, log: readonly string[]) => {
  const e = error as Error;
  return [e.message, String(e), JSON.stringify(e), inspect(e, { depth: 10 }), inspect(e.cause, { depth: 10 }), ...log]
    .join("\n")
    .split("\n")
    .filter((line) => !/^\s+at /.test(line))
    .join("\n");
};

type Scenario = (secret: string, echoed: string) => Promise<string>;

/** Runs `scenario` with a fixed secret to learn what it prints anyway, then checks `secret` against it. */
async function check(scenario: Scenario, value: string, form: (s: string) => string): Promise<void> {
  const fixed = "Fixed-Secret-§1";
  const background = await scenario(fixed, form(fixed));
  fc.pre(!shows(background, value) && !shows(background, form(value)));
  const text = await scenario(value, form(value));
  expect(shows(text, value), `secret ${JSON.stringify(value)} shows in:\n${text}`).toBe(false);
  // Forms that differ from the secret must not show whole either (long ones: short forms are only words).
  if (form(value) !== value && form(value).length >= 4) expect(text.includes(form(value)), `echo ${JSON.stringify(form(value))} shows in:\n${text}`).toBe(false);
}

/** A client whose server echoes `echoed` in a problem detail, a text body line and a response header, logging to `log`. */
async function apiError(auth: AuthOptions | false, echoed: string, callHeaders?: Record<string, string>): Promise<string> {
  const log: string[] = [];
  const fetch = async (request: Request) => {
    if (request.url.endsWith("/applications/token")) return Response.json({ access_token: "acc-token-1", expires_in: 600 });
    const headers = new Headers({ "content-type": "application/problem+json" });
    try {
      headers.set("x-echo", echoed);
    } catch {
      // Not a valid header value (beyond Latin-1): echoed in the body only.
    }
    return new Response(JSON.stringify({ status: 400, title: "bad request", detail: `you sent ${echoed} here` }), { status: 400, headers });
  };
  const airbyte = createAirbyteClient({ auth, fetch, retry: false, logger: { debug: (line) => log.push(line) } });
  const error = await airbyte.sources.getSource("s", undefined, callHeaders ? { headers: callHeaders } : undefined).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AirbyteError);
  return printed(error, log);
}

/** A network error quoting `echoed` in its message and in a proxy URL, under undici's TypeError. */
async function connectionError(token: string, echoed: string): Promise<string> {
  const log: string[] = [];
  const fetch = async () => {
    throw new TypeError("fetch failed", {
      cause: Object.assign(new Error(`proxy http://user:${echoed}@proxy.local:3128 refused Bearer ${echoed}`), { code: "ECONNREFUSED", detail: echoed }),
    });
  };
  const airbyte = createAirbyteClient({ auth: { bearerToken: token }, fetch, retry: false, logger: { debug: (line) => log.push(line) } });
  const error = await airbyte.health.getHealthCheck().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AirbyteError);
  return printed(error, log);
}

/** Header values must be Latin-1 without line breaks: what a bearer token or header can be. */
const latin1 = (s: string) => /^[\u0020-\u007e\u00a0-\u00ff]+$/.test(s);
const runs = { numRuns: 60 };

describe("no generated secret shows in any error, cause or log line", () => {
  it("a bearer token, echoed by the server in any form", async () => {
    await fc.assert(fc.asyncProperty(secret.filter(latin1), echo, async (token, [, form]) => check((s, e) => apiError({ bearerToken: s }, e), token, form)), runs);
  });

  it("a basic-auth password, and the base64 credentials", async () => {
    await fc.assert(
      fc.asyncProperty(secret, fc.boolean(), async (password, asBase64) => {
        const form = asBase64 ? (s: string) => btoa(unescape(encodeURIComponent(`admin:${s}`))).replace(/=+$/, "") : (s: string) => s;
        await check((s, e) => apiError({ username: "admin", password: s }, e), password, form);
      }),
      runs,
    );
  });

  it("a client secret, echoed by the API", async () => {
    await fc.assert(fc.asyncProperty(secret.filter(latin1), echo, async (clientSecret, [, form]) => check((s, e) => apiError({ clientId: "cid", clientSecret: s }, e), clientSecret, form)), runs);
  });

  it("a per-call X-Auth-Token header value, in the log and the error", async () => {
    await fc.assert(fc.asyncProperty(secret.filter(latin1), echo, async (value, [, form]) => check((s, e) => apiError({ bearerToken: "tok-1" }, e, { "X-Auth-Token": s }), value, form)), runs);
  });

  it("a token quoted by a network error (message, proxy URL, cause fields)", async () => {
    await fc.assert(fc.asyncProperty(secret.filter(latin1), echo, async (token, [, form]) => check((s, e) => connectionError(s, e), token, form)), runs);
  });
});
