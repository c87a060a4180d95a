/**
 * airbyte-api-client/validate: opt-in checking of every response body
 * against the spec, with validators compiled when the package was generated
 * (generated/validators.ts: Ajv standalone code, no schema compiled at run
 * time, no dependency). Pass the checker as the client's `validateResponses`:
 *
 * @example
 * import { createAirbyteClient } from "airbyte-api-client";
 * import { responseValidator } from "airbyte-api-client/validate";
 * const airbyte = createAirbyteClient({ auth, logger: console, validateResponses: responseValidator() });
 */
import { responseValidators, type CompiledValidator } from "../../generated/validators.js";
import { AirbyteError, ERROR_KIND } from "../errors/airbyte-error.js";
import type { AirbyteApiError } from "../errors/index.js";
import type { Logger } from "../logger.js";
import type { ResponseChecker } from "../options.js";

export type { ResponseChecker } from "../options.js";

/** One way a response body differs from the spec. */
export interface ResponseDifference {
  operationId: string;
  status: number;
  /** JSON pointer (RFC 6901) of the value inside the body; "" is the body itself. */
  pointer: string;
  /** What is wrong, in words (Ajv's message, e.g. `must be string`). */
  message: string;
  /**
   * The schema rule that failed: its keyword (`type`, `required`, `enum`...)
   * and where it sits, as a pointer into the schema of the value at `pointer`
   * (the named schema of the spec that holds the rule, e.g. `#/properties/name/type`).
   */
  rule: { keyword: string; schemaPath: string };
}

export interface ResponseValidatorOptions {
  /**
   * `"warn"`: report each difference and hand the body over as it came;
   * `"error"`: fail the call with `AirbyteResponseValidationError`.
   * @default "warn"
   */
  mode?: "warn" | "error" | undefined;
  /**
   * Receives each difference (in both modes). Without it, a warning is one
   * line on the client's `logger` per difference (nothing if it has none).
   */
  onDifference?: ((difference: ResponseDifference) => void) | undefined;
}

/** A response body that does not match the spec, in `mode: "error"`. */
export class AirbyteResponseValidationError extends AirbyteError {
  static override readonly [ERROR_KIND]: string = "AirbyteResponseValidationError";
  declare readonly operationId: string;
  declare readonly status: number;
  declare readonly differences: readonly ResponseDifference[];

  /** `cause`: for an error status, the API error the call would have thrown. */
  constructor(differences: readonly ResponseDifference[], cause?: AirbyteApiError) {
    const first = differences[0] as ResponseDifference;
    const more = differences.length > 1 ? ` (and ${differences.length - 1} more)` : "";
    super(`${describe(first)}${more}. The server's answer does not match the spec; report it if the server is right.`, cause ? { cause } : {});
    this.operationId = first.operationId;
    this.status = first.status;
    this.differences = differences;
  }
}

const validators = responseValidators;

/** The validator of a response: its status, its class (`4XX`), or for an undeclared error status the Problem every error may carry. */
function validatorFor(operationId: string, status: number): CompiledValidator | undefined {
  return validators[`${operationId} ${status}`] ?? validators[`${operationId} ${String(status)[0]}XX`] ?? (status >= 400 ? validators.Problem : undefined);
}

function describe(d: ResponseDifference): string {
  return `${d.operationId} ${d.status}: response body${d.pointer || ""} ${d.message} (schema rule \`${d.rule.keyword}\` at ${d.rule.schemaPath})`;
}

/** The differences between a body and the spec's schema of that response; none when the operation or status has no schema. */
export function responseDifferences(operationId: string, status: number, body: unknown): ResponseDifference[] {
  const validate = validatorFor(operationId, status);
  if (!validate || body === undefined || validate(body)) return [];
  return (validate.errors ?? []).map((e) => ({
    operationId,
    status,
    pointer: e.instancePath,
    message: e.message ?? `fails \`${e.keyword}\``,
    rule: { keyword: e.keyword, schemaPath: e.schemaPath },
  }));
}

/** Makes the checker for `createAirbyteClient({ validateResponses })`. */
export function responseValidator(options: ResponseValidatorOptions = {}): ResponseChecker {
  const { mode = "warn", onDifference } = options;
  if (mode !== "warn" && mode !== "error") throw new AirbyteError(`responseValidator: mode must be "warn" or "error"; got ${JSON.stringify(mode)}.`);
  if (onDifference !== undefined && typeof onDifference !== "function") throw new AirbyteError("responseValidator: onDifference must be a function (difference) => void.");
  return (operationId: string, status: number, body: unknown, logger: Logger | undefined, apiError?: AirbyteApiError) => {
    if (apiError) {
      // An error status hands over the body as text: only JSON is checked.
      try {
        body = typeof body === "string" ? JSON.parse(body) : undefined;
      } catch {
        return;
      }
    }
    const differences = responseDifferences(operationId, status, body);
    if (!differences.length) return;
    for (const difference of differences) {
      if (onDifference) onDifference(difference);
      else if (mode === "warn") warn(logger, `response differs from the spec: ${describe(difference)}`);
    }
    if (mode === "error") throw new AirbyteResponseValidationError(differences, apiError);
  };
}

function warn(logger: Logger | undefined, line: string): void {
  try {
    logger?.debug(`[airbyte-api-client] ${line}`);
  } catch {
    // A broken logger must not break the call.
  }
}
