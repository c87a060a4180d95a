/**
 * Keeps credentials out of everything the client shows: error messages,
 * `toString()`, `JSON.stringify(error)`, `util.inspect(error)`, stacks and log
 * lines. Every secret the client knows (tokens, passwords, client secrets,
 * fetched access tokens, secret headers) is registered here, and every message
 * passes through `redact`.
 *
 * Memory stays bounded: client-lifetime secrets (`add`, `addHeader`) are few,
 * and per-call secrets (`hold`) are forgotten when their call settles, so a
 * client making millions of calls with per-call tokens keeps only the secrets
 * of the calls in flight.
 */
export const REDACTED = "[REDACTED]";

/** Credentials are never this short; redacting shorter values would redact ordinary words. */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  /**
   * Every secret known now, with how many calls in flight hold it (two calls
   * may hold the same token); Infinity for the client's own secrets, which
   * are never forgotten.
   */
  private readonly secrets = new Map<string, number>();
  /** One regular expression over every form of every secret, rebuilt only when the secrets change. */
  private pattern: RegExp | undefined;

  /** Remembers a secret for the client's lifetime (a configured token, password, client secret). */
  add(secret: string | undefined): void {
    if (isSecret(secret)) this.count(secret, Infinity);
  }

  /** Remembers, for the client's lifetime, the secrets in a header (see `secretsOfHeader`). */
  addHeader(name: string, value: string): void {
    for (const secret of secretsOfHeader(name, value)) this.add(secret);
  }

  /**
   * Registers the secrets of one call (per-call Authorization headers, minted
   * or fetched tokens) and returns the function that forgets them, to call
   * when the call settles. Releasing twice is harmless.
   */
  hold(values: readonly string[]): () => void {
    const secrets = values.filter(isSecret);
    if (secrets.length === 0) return noop;
    for (const secret of secrets) this.count(secret, 1);
    let released = false;
    return () => {
      if (!released) for (const secret of secrets) this.count(secret, -1);
      released = true;
    };
  }

  private count(secret: string, by: number): void {
    const had = this.secrets.has(secret);
    const n = (this.secrets.get(secret) ?? 0) + by;
    if (n > 0) this.secrets.set(secret, n);
    else this.secrets.delete(secret);
    // A secret came or went: the pattern changes.
    if (had !== n > 0) this.pattern = undefined;
  }

  /** How many distinct secrets are remembered now (client secrets plus those of calls in flight). */
  get size(): number {
    return this.secrets.size;
  }

  /** Replaces every known secret, raw or in an escaped form (JSON, URL, form), with `[REDACTED]`. */
  redact(text: string): string {
    if (this.secrets.size === 0) return text;
    this.pattern ??= buildPattern([...this.secrets.keys()]);
    return text.replace(this.pattern, REDACTED);
  }
}

function noop(): void {}

function isSecret(value: unknown): value is string {
  return typeof value === "string" && value.length >= MIN_SECRET_LENGTH;
}

/**
 * The forms a secret takes once echoed back: as is, inside a JSON string
 * (`"` and `\` escaped), URL-encoded, form-encoded (spaces as `+`).
 * Longest first, so a secret that contains another is replaced whole.
 */
function buildPattern(secrets: readonly string[]): RegExp {
  const forms = new Set<string>();
  for (const secret of secrets) {
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  const sorted = [...forms].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escapeRegExp).join("|"), "g");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Query parameters whose values are secrets wherever they appear. */
const SECRET_PARAMS = /^(secret_id|secretid|client_secret|access_token|refresh_token|token|password|api_key|apikey|code)$/i;
/** Headers whose values are secrets. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/**
 * The secrets a header carries: its whole value; for `Authorization`, the
 * credential after the scheme (and the password inside Basic); for cookies,
 * each cookie value. Empty for headers that carry no secret.
 */
export function secretsOfHeader(name: string, value: string): string[] {
  const lower = name.toLowerCase();
  if (!SECRET_HEADERS.has(lower)) return [];
  const out = [value];
  if (lower === "authorization" || lower === "proxy-authorization") {
    const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(value);
    if (match?.[2]) {
      out.push(match[2]);
      if (match[1]?.toLowerCase() === "basic") out.push(...basicPassword(match[2]));
    }
  } else if (lower === "cookie" || lower === "set-cookie") {
    // Set-Cookie attributes (Path, Expires...) follow the first `;`; a Cookie header is all pairs.
    const pairs = lower === "cookie" ? value.split(";") : value.split(";").slice(0, 1);
    for (const pair of pairs) out.push(pair.split("=").slice(1).join("=").trim());
  }
  return out;
}

/** The secrets of every secret header in a set of headers. */
export function secretsOfHeaders(headers: Record<string, string> | undefined): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) out.push(...secretsOfHeader(name, value));
  return out;
}

function basicPassword(encoded: string): string[] {
  try {
    const decoded = atob(encoded);
    const colon = decoded.indexOf(":");
    return colon === -1 ? [] : [decoded.slice(colon + 1)];
  } catch {
    return [];
  }
}

/** What errors and logs keep of a request: never its body, and no secret. */
export interface RedactedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export function redactUrl(url: string, redactor: Redactor): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactor.redact(url);
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  return redactor.redact(parsed.toString().replace(/%5BREDACTED%5D/g, REDACTED));
}

export function redactHeaders(headers: Headers | Record<string, string>, redactor: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers instanceof Headers ? headers : Object.entries(headers)) {
    out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactor.redact(value);
  }
  return out;
}

/** Nesting deeper than this is cut: no Airbyte problem nests anywhere near it, and a hostile one must not overflow the stack. */
export const MAX_JSON_DEPTH = 32;
export const TOO_DEEP = "[nested too deep]";

/**
 * A copy of a parsed JSON value with every secret redacted from its strings
 * (keys included), nested at most `MAX_JSON_DEPTH` levels. Works on the
 * parsed strings, so secrets the server JSON-escaped are matched as sent.
 */
export function redactJson<T>(value: T, redactor: Redactor): T {
  return copy(value, redactor, 0) as T;
}

function copy(value: unknown, redactor: Redactor, depth: number): unknown {
  if (typeof value === "string") return redactor.redact(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => copy(item, redactor, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // defineProperty: a "__proto__" key from the server stays a plain key.
    Object.defineProperty(out, redactor.redact(key), { value: copy(item, redactor, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
