import { AirbyteError } from "./airbyte-error.js";

/**
 * The call took too long: one attempt passed `timeoutMs` (scope "attempt"),
 * or all attempts together passed `totalTimeoutMs` (scope "total").
 */
export class AirbyteTimeoutError extends AirbyteError {
  override name = "AirbyteTimeoutError";
  readonly scope: "attempt" | "total";
  readonly timeoutMs: number;
  readonly method: string;
  /** URL of the request, without its query string. */
  readonly url: string;

  constructor(init: { scope: "attempt" | "total"; timeoutMs: number; method: string; url: string }) {
    super(
      init.scope === "attempt"
        ? `${init.method} ${init.url} timed out: no complete answer within ${init.timeoutMs} ms (timeoutMs).`
        : `${init.method} ${init.url} timed out: retries exhausted the ${init.timeoutMs} ms budget (totalTimeoutMs).`,
    );
    this.scope = init.scope;
    this.timeoutMs = init.timeoutMs;
    this.method = init.method;
    this.url = init.url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), scope: this.scope, timeoutMs: this.timeoutMs, method: this.method, url: this.url };
  }
}
