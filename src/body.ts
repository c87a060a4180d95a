/**
 * Reads a response body as text, at most `maxBytes` after decompression (a
 * small gzip answer can inflate to gigabytes), and stops reading when the
 * call's signal aborts, even with a fetch whose body ignores the signal.
 */
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
  const { body, headers } = response;
  if (!body) return undefined;
  const { maxBytes, signal } = ctx;
  const tooLarge = () =>
    unexpectedAnswer(ctx, response, `with a body larger than maxResponseBytes (${maxBytes} bytes, after decompression); reading stopped. Raise maxResponseBytes if such an answer is expected.`);
  if (Number(headers.get("content-length")) > maxBytes && !headers.has("content-encoding")) {
    void body.cancel().catch(noop);
    throw tooLarge();
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(noop);
  signal?.addEventListener("abort", onAbort, { once: true });
  // Decoded chunk by chunk (a character split across chunks is kept for the next), so no chunk is held twice.
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) return size ? text + decoder.decode() : undefined;
      if ((size += value.byteLength) > maxBytes) {
        void reader.cancel().catch(noop);
        throw tooLarge();
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

const noop = () => undefined;
