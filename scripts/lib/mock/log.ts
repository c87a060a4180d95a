/**
 * The mock's request log: what a test reads from `mock.requests` and what
 * `npm run mock` prints. Credentials never land in it: the Authorization,
 * Cookie and API-key headers, and secret-looking body fields, are redacted.
 */

export interface LoggedRequest {
  method: string;
  /** Path and query as sent, e.g. `/v1/sources?limit=2`. */
  path: string;
  status: number;
  /** Request headers, lower-case names, credentials replaced by `[REDACTED]`. */
  headers: Record<string, string | undefined>;
  /** The parsed request body, secret fields replaced by `[REDACTED]`. */
  body: unknown;
  /** Time to answer, in ms. */
  ms: number;
}

const SECRET_HEADERS = new Set(["authorization", "cookie", "x-api-key", "proxy-authorization"]);
// A name ending in key or key id (ssh_key, access_key_id, openai_key, sshKey) is one too: connectors name their secrets so.
const SECRET_FIELD = /secret|password|token|api_?key|key(?:_?id)?$|credential|private|signature/i;

export function redactHeaders(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) && v !== undefined ? "[REDACTED]" : v]));
}

/** A copy of `body` with every secret-looking field's value replaced. */
export function redactBody(body: unknown, depth = 0): unknown {
  if (depth > 32 || body === null || typeof body !== "object") return body;
  if (Array.isArray(body)) return body.map((v) => redactBody(v, depth + 1));
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, SECRET_FIELD.test(k) && v !== undefined && v !== null ? "[REDACTED]" : redactBody(v, depth + 1)]),
  );
}
