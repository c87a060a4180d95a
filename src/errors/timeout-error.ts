import { AirbyteError, ERROR_KIND } from "./airbyte-error.js";

/**
 * The call took too long: one attempt passed `timeoutMs` (scope "attempt"),
 * or all attempts together passed `totalTimeoutMs` (scope "total").
 */
export class AirbyteTimeoutError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteTimeoutError";
  declare readonly method: string;
  declare readonly url: string;
  declare readonly scope: "attempt" | "total";
  declare readonly timeoutMs: number;

  constructor(init: { scope: "attempt" | "total"; timeoutMs: number; method: string; url: string }) {
    super(
      init.scope === "attempt"
        ? `${init.method} ${init.url} timed out: no complete answer within ${init.timeoutMs} ms (timeoutMs).`
        : `${init.method} ${init.url} timed out: retries exhausted the ${init.timeoutMs} ms budget (totalTimeoutMs).`,
      { method: init.method, url: init.url },
    );
    this.scope = init.scope;
    this.timeoutMs = init.timeoutMs;
  }
}
