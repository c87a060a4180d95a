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

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
}
