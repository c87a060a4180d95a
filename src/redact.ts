/**
 * Keeps credentials out of everything the client shows: error messages,
 * `toString()`, `JSON.stringify(error)`, `util.inspect(error)`, stacks and log
 * lines. Every secret the client knows (tokens, passwords, client secrets,
 * fetched access tokens, secret headers) is registered here, and every message
 * passes through `redact`.
 *
 * The length rule: every registered secret is redacted, whatever its length.
 * A secret of `MIN_SECRET_LENGTH` characters or more is redacted wherever it
 * appears, even inside a longer word; a shorter one (a 3-character password)
 * only where it stands alone, not touching a letter or digit, so that a
 * password "abc" hides "abc" in `password=abc` but leaves "abcdef" readable.
 * Beyond known secrets, the `user:password@` of any URL in a text and the
 * values of secret query parameters (`access_token=...`) are always hidden.
 *
 * Memory stays bounded: client-lifetime secrets (`add`, `addHeader`) are few,
 * and per-call secrets (`hold`) are forgotten when their call settles, so a
 * client making millions of calls with per-call tokens keeps only the secrets
 * of the calls in flight. A rotated token stays known while any call that
 * carries it is in flight (the call holds it), then is forgotten.
 */
export const REDACTED = "[REDACTED]";

/** Secrets at least this long are redacted anywhere; shorter ones only as a whole word. */
export const MIN_SECRET_LENGTH = 4;

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
    if (!isSecret(secret)) return;
    this.count(secret, Infinity);
    // A header value is sent trimmed: the trimmed form is what a server can echo.
    if (secret.trim() !== secret) this.count(secret.trim(), Infinity);
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
    // Percent escapes in one case (`%2f` → `%2F`), so the encoded forms of a secret match either.
    const scrubbed = scrubUrls(text).replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
    if (this.secrets.size === 0) return scrubbed;
    this.pattern ??= buildPattern([...this.secrets.keys()]);
    return scrubbed.replace(this.pattern, REDACTED);
  }
}

function noop(): void {}

/** Blank or whitespace-only values carry nothing to hide (and would match everywhere). */
function isSecret(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/**
 * The forms a secret takes once echoed back: as is, inside a JSON string
 * (`"` and `\` escaped), URL-encoded (with or without `!'()*` escaped; a
 * text's escapes are upper-cased before matching, so `%2f` matches too), form-encoded (spaces as `+`), and for a base64 value
 * (Basic credentials) without its `=` padding and in the URL-safe alphabet.
 * Longest first, so a secret that contains another is replaced whole.
 */
function buildPattern(secrets: readonly string[]): RegExp {
  const forms = new Map<string, string>();
  for (const secret of secrets) {
    const variants = [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), strictEncode(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
    if (/^[A-Za-z0-9+/]{4,}={0,2}$/.test(secret)) {
      const bare = secret.replace(/=+$/, "");
      variants.push(bare, bare.replace(/\+/g, "-").replace(/\//g, "_"));
    }
    for (const form of variants) {
      // Short forms only as a whole word.
      const source = escapeRegExp(form);
      forms.set(form, form.length >= MIN_SECRET_LENGTH ? source : `(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`);
    }
  }
  const sorted = [...forms].sort((a, b) => b[0].length - a[0].length);
  return new RegExp(sorted.map(([, source]) => source).join("|"), "gu");
}

/** RFC 3986 encoding, which also escapes `!'()*` (some servers echo that form). */
function strictEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `scheme://user:password@` in any text, and the value of a secret query parameter. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]*@/gi;

/**
 * Hides what needs no registration to be known secret: the credentials of any
 * URL (a proxy URL quoted by a network error) and secret query values.
 */
function scrubUrls(text: string): string {
  return text.replace(USERINFO, `$1${REDACTED}@`).replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** Query parameters whose values are secrets wherever they appear. */
const SECRET_PARAM_NAMES = "secret_id|secretid|client_secret|access_token|refresh_token|id_token|token|password|api_key|apikey|code";
const SECRET_PARAMS = new RegExp(`^(${SECRET_PARAM_NAMES})$`, "i");
/** `name=value` of a secret parameter in free text: after `?` or `&`, or (except `code`) after any non-word character. */
const SECRET_QUERY = new RegExp(`((?:[?&](?:${SECRET_PARAM_NAMES})|\\b(?:${SECRET_PARAM_NAMES.replace("|code", "")}))=)[^&#\\s"'<>)]+`, "gi");

/**
 * Headers whose values are secrets: cookies, and any name with a credential
 * word between dashes (`Authorization`, `Proxy-Authorization`,
 * `X-Authorization`, `X-Api-Key`, `Api-Key`, `X-Auth-Token`, `X-Access-Token`,
 * `X-Amz-Security-Token`, `X-Session-Id`, `X-Client-Secret`...).
 * `Idempotency-Key` is not one.
 */
const SECRET_HEADER = /^(set-)?cookie$|(^|-)(auth|authorization|token|secret|password|passwd|(api|access|secret|private|subscription)-?key|session|credentials?|signature)(-|$)/;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name.toLowerCase());
}

/**
 * The secrets a header carries: its whole value; for `Authorization`, the
 * credential after the scheme (and the password inside Basic); for cookies,
 * each cookie value. Empty for headers that carry no secret.
 */
export function secretsOfHeader(name: string, value: string): string[] {
  const lower = name.toLowerCase();
  if (!isSecretHeader(lower)) return [];
  const out = [value];
  if (lower === "authorization" || lower === "proxy-authorization") {
    const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(value);
    if (match?.[2]) {
      out.push(match[2]);
      if (match[1]?.toLowerCase() === "basic") out.push(...basicSecrets(match[2]));
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

/** What Basic credentials reveal once decoded: `user:password` and the password. */
function basicSecrets(encoded: string): string[] {
  try {
    const decoded = atob(encoded);
    const colon = decoded.indexOf(":");
    return colon === -1 ? [decoded] : [decoded, decoded.slice(colon + 1)];
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
    out[name.toLowerCase()] = isSecretHeader(name) ? REDACTED : redactor.redact(value);
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
 * A `"__proto__"` key from the server stays a plain key.
 */
export function redactJson<T>(value: T, redactor: Pick<Redactor, "redact">): T {
  return redactCause(value, redactor) as T;
}

/**
 * A copy of a thrown value (or a parsed JSON value) with every string in it,
 * keys included, redacted: for an error, its message, stack, fields (`code`,
 * `hostname`, `syscall`...), `cause` chain and AggregateError `errors`, nested
 * at most `MAX_JSON_DEPTH` levels. The copy
 * keeps the error's prototype, so `instanceof TypeError` and `name` still
 * hold. Getters are not called, and objects that are neither errors, arrays
 * nor plain objects are replaced by their `[object Type]` tag.
 */
export function redactCause(value: unknown, redactor: Pick<Redactor, "redact">, depth = 0): unknown {
  if (typeof value === "string") return redactor.redact(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_JSON_DEPTH) return TOO_DEEP;
  const proto: unknown = Object.getPrototypeOf(value);
  const tag = Object.prototype.toString.call(value);
  if (!(value instanceof Error || tag === "[object Error]" || Array.isArray(value) || proto === Object.prototype || proto === null)) return tag;
  const out: object = Array.isArray(value) ? [] : Object.create(proto as object | null);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !("value" in descriptor)) continue;
    descriptor.value = redactCause(descriptor.value, redactor, depth + 1);
    // defineProperty: a "__proto__" key stays a plain key. Array indexes are not text.
    Object.defineProperty(out, typeof key === "string" && !Array.isArray(out) ? redactor.redact(key) : key, descriptor);
  }
  return out;
}
