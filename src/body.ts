/**
 * Reads a response body as text, at most `maxBytes` after decompression (a
 * small gzip answer can inflate to gigabytes), and stops reading when the
 * call aborts (a timeout, the caller), even with a fetch whose body ignores signals.
 */
import { unexpectedAnswer } from "./response.js";
import type { CallDeadlines } from "./timeout.js";

export interface BodyContext {
  method: string;
  /** URL without its query string. */
  url: string;
  /** The URL as messages name it when it is not `url` alone, e.g. "<url> (token request)"; error.url stays `url`. */
  shown?: string;
  maxBytes: number;
  /** The call's deadlines: an abort cancels the read. */
  abort: Pick<CallDeadlines, "watch" | "cause" | "reason"> | undefined;
}

/** The body as text; undefined when there is none (204, HEAD, empty). */
export async function readBody(response: Response, ctx: BodyContext): Promise<string | undefined> {
  const { body, headers } = response;
  if (!body) return undefined;
  const { maxBytes, abort } = ctx;
  const tooLarge = () =>
    unexpectedAnswer(ctx, response, `with a body larger than maxResponseBytes (${maxBytes} bytes, after decompression); reading stopped. Raise maxResponseBytes if such an answer is expected.`, ctx.shown);
  if (Number(headers.get("content-length")) > maxBytes && !headers.has("content-encoding")) {
    void body.cancel().catch(noop);
    throw tooLarge();
  }
  const reader = body.getReader();
  abort?.watch((reason) => void reader.cancel(reason).catch(noop));
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (abort?.cause) throw abort.reason;
      if (done) break;
      if ((size += value.byteLength) > maxBytes) {
        void reader.cancel().catch(noop);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } finally {
    abort?.watch(undefined);
  }
  if (!size) return undefined;
  // One decode of the whole body (TextDecoder's streaming mode is several times slower). The cast:
  // the DOM and Node typings disagree on which Uint8Array a Blob takes.
  return chunks.length === 1 ? utf8.decode(chunks[0]) : new Blob(chunks as unknown as ConstructorParameters<typeof Blob>[0]).text();
}

const noop = () => undefined;
/** Shared: a decode without `{ stream: true }` keeps no state between calls. */
const utf8 = new TextDecoder();
