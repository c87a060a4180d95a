/**
 * Keeps credentials out of everything the client shows: error messages,
 * `toString()`, `JSON.stringify(error)` and stacks. Every secret the client
 * knows (tokens, passwords, client secrets, fetched access tokens) is
 * registered here, and every message passes through `redact`.
 */
export const REDACTED = "[REDACTED]";

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers a secret (and its base64 form in a Basic header) so it never shows. */
  add(secret: string | undefined): void {
    // Very short values would redact ordinary words; credentials are never that short.
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  /** Remembers the value of a header that carries a secret (and each cookie value in it). */
  addHeader(name: string, value: string): void {
    if (!SECRET_HEADERS.has(name.toLowerCase())) return;
    this.add(value);
    if (name.toLowerCase() === "cookie") {
      for (const pair of value.split(";")) this.add(pair.split("=").slice(1).join("=").trim());
    }
  }

  /**
   * Registers secrets for one call (per-call headers, minted tokens); the
   * returned function forgets them when the call settles, so memory stays bounded.
   * (Minimal stand-in for client-edges' implementation of the same contract.)
   */
  hold(values: readonly string[]): () => void {
    const held = values.filter((v) => v && v.length >= 4 && !this.secrets.has(v));
    for (const v of held) {
      this.holds.set(v, (this.holds.get(v) ?? 0) + 1);
    }
    return () => {
      for (const v of held) {
        const n = (this.holds.get(v) ?? 1) - 1;
        if (n > 0) this.holds.set(v, n);
        else this.holds.delete(v);
      }
    };
  }

  /** Secrets of calls in flight, counted: two calls may hold the same token. */
  private readonly holds = new Map<string, number>();

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    for (const secret of this.holds.keys()) out = out.split(secret).join(REDACTED);
    return out;
  }
}

/** Query parameters whose values are secrets wherever they appear. */
const SECRET_PARAMS = /^(secret_id|secretid|client_secret|access_token|refresh_token|token|password|api_key|apikey|code)$/i;
/** Headers whose values are secrets. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"]);

/** Whether a header carries a secret (its value is redacted everywhere). */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
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
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) {
    out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactor.redact(value);
  }
  return out;
}
