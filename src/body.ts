/**
 * Reads a response body as text, at most `maxBytes` after decompression (a
 * small gzip answer can inflate to gigabytes), and stops reading when the
 * call's signal aborts, even with a fetch whose body ignores the signal.
 */
import type { AirbyteUnexpectedResponseError } from "./errors/index.js";
import { unexpectedAnswer } from "./response.js";

export interface BodyContext {
  method: string;
  /** URL without its query string. */
  url: string;
  maxBytes: number;
  signal: AbortSignal | undefined;
}

/** The body as text; undefined when there is none (204, HEAD, empty). */
export async function readBody(response: Response, ctx: BodyContext): Promise<string | undefined> {
  const body = response.body;
  if (!body) return undefined;
  const declared = Number(response.headers.get("content-length"));
  if (declared > ctx.maxBytes && !response.headers.has("content-encoding")) {
    void body.cancel().catch(() => undefined);
    throw tooLarge(response, ctx);
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(ctx.signal?.reason).catch(() => undefined);
  ctx.signal?.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      ctx.signal?.throwIfAborted();
      if (done) break;
      size += value.byteLength;
      if (size > ctx.maxBytes) {
        void reader.cancel().catch(() => undefined);
        throw tooLarge(response, ctx);
      }
      chunks.push(value);
    }
  } finally {
    ctx.signal?.removeEventListener("abort", onAbort);
  }
  if (size === 0) return undefined;
  const decoder = new TextDecoder();
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(all);
}

function tooLarge(response: Response, ctx: BodyContext): AirbyteUnexpectedResponseError {
  return unexpectedAnswer(
    ctx,
    response,
    `with a body larger than maxResponseBytes (${ctx.maxBytes} bytes, after decompression); reading stopped. Raise maxResponseBytes if such an answer is expected.`,
  );
}
