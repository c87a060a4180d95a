/**
 * The one hook of opt-in response validation (`validateResponses`): called
 * with every JSON body a call receives, success or error, once it is parsed.
 * The checker itself lives in `airbyte-api-client/validate`, so a client that
 * does not use it carries none of its code.
 */
import type { ResolvedConfig } from "./config.js";
import { logLine } from "./logger.js";

/** What the client hands a response checker: the operation, the status and the parsed body. */
export interface ResponseCheck {
  operationId: string;
  status: number;
  body: unknown;
  /** Writes one line to the client's `logger` (if any), with the client's prefix. */
  log(line: string): void;
}

/**
 * Checks a response body; throws to fail the call (the thrown error replaces
 * the call's result, or the API error it would have thrown, which becomes its
 * `cause`). Made by `responseValidator()` of `airbyte-api-client/validate`.
 */
export type ResponseChecker = (check: ResponseCheck) => void;

/** `text` is parsed only when a checker is set; a body that is not JSON is not checked. */
export function checkResponse(config: ResolvedConfig, operationId: string, status: number, text: string | undefined, parsed?: { value: unknown }): void {
  const checker = config.validateResponses;
  if (!checker) return;
  let body = parsed?.value;
  if (!parsed) {
    if (text === undefined) return;
    try {
      body = JSON.parse(text);
    } catch {
      return;
    }
  }
  checker({ operationId, status, body, log: (line) => logLine(config.logger, () => line) });
}
