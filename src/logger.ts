/**
 * Optional debug logging: one line per request, response, retry and token
 * fetch. Lines never contain a secret: URLs and headers are redacted and
 * bodies are never logged.
 */
import type { Middleware } from "openapi-fetch";
import { redactHeaders, redactUrl, type Redactor } from "./redact.js";

export interface Logger {
  /** Receives one finished line per event. `console` works as is. */
  debug(message: string): void;
}

export function logLine(logger: Logger | undefined, line: () => string): void {
  if (!logger) return;
  try {
    logger.debug(`[airbyte-api-client] ${line()}`);
  } catch {
    // A broken logger must not break the call.
  }
}

/**
 * An openapi-fetch middleware that logs the requests and responses of
 * `airbyte.raw` (the methods log from send.ts, with their attempt number).
 */
export function loggingMiddleware(logger: Logger, redactor: Redactor): Middleware {
  const started = new Map<string, number>();
  return {
    onRequest({ request, id }) {
      started.set(id, Date.now());
      logLine(logger, () => `→ ${request.method} ${redactUrl(request.url, redactor)} ${JSON.stringify(redactHeaders(request.headers, redactor))}`);
      return undefined;
    },
    onResponse({ request, response, id }) {
      const ms = Date.now() - (started.get(id) ?? Date.now());
      started.delete(id);
      logLine(logger, () => `← ${response.status} ${request.method} ${redactUrl(request.url, redactor)} in ${ms} ms`);
      return undefined;
    },
    onError({ request, error, id }) {
      const ms = Date.now() - (started.get(id) ?? Date.now());
      started.delete(id);
      const reason = error instanceof Error ? error.name : "error";
      logLine(logger, () => `✗ ${request.method} ${redactUrl(request.url, redactor)} failed after ${ms} ms (${reason})`);
      return undefined;
    },
  };
}
