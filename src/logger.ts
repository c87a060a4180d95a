/**
 * Optional debug logging: one line per request, response, retry and token
 * fetch. Lines never contain a secret: URLs and headers are redacted and
 * bodies are never logged.
 */

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
