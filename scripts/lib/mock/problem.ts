/**
 * RFC 9457 problem bodies, shaped like the ones Airbyte sends
 * (`{type, title, status, detail, data}`), so the client's error classes read
 * them exactly as they read the real server's. Never a stack trace.
 */
import type { ErrorObject } from "ajv";

export interface FieldError {
  /** Where the bad value is: `body.redirectUrl`, `query.limit`, `path.sourceId`, `header.authorization`. */
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  data?: { errors: FieldError[] };
}

export function problem(
  status: number,
  title: string,
  detail: string,
  errors?: FieldError[],
): Problem {
  return {
    type: `https://reference.airbyte.com/reference/errors#${title}`,
    title,
    status,
    detail,
    ...(errors && errors.length > 0 ? { data: { errors } } : {}),
  };
}

const TITLES: Record<number, string> = {
  400: "bad-request",
  401: "unauthorized",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  422: "unprocessable-entity",
  429: "too-many-requests",
  500: "internal-server-error",
  502: "bad-gateway",
  503: "service-unavailable",
  504: "gateway-timeout",
};

/** The Problem title Airbyte uses for a status (`too-many-requests` for 429). */
export function statusTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? "internal-server-error" : "bad-request");
}

// openapi-backend validates one object `{ path, query, headers, requestBody }`.
const LOCATIONS: Record<string, string> = {
  requestBody: "body",
  query: "query",
  path: "path",
  headers: "header",
};

/** `/requestBody/configuration/port` -> `body.configuration.port`; a missing property is named too. */
function fieldOf(error: ErrorObject): string {
  const parts = error.instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  const missing =
    error.keyword === "required"
      ? (error.params as { missingProperty?: string }).missingProperty
      : undefined;
  const extra =
    error.keyword === "additionalProperties"
      ? (error.params as { additionalProperty?: string }).additionalProperty
      : undefined;
  if (missing !== undefined) parts.push(missing);
  if (extra !== undefined) parts.push(extra);
  const [where = "request", ...rest] = parts;
  const head = LOCATIONS[where] ?? where;
  // A whole missing body has no property path.
  return rest.length === 0 ? head : `${head}.${rest.join(".")}`;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case "required":
      return "is required";
    case "additionalProperties":
      return "is not a field of this request";
    case "enum":
      return `must be one of ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return error.message ?? "is invalid";
  }
}

/**
 * Ajv's errors as field errors, one per field and reason. `oneOf`/`anyOf`
 * umbrella errors are dropped when a more precise error names the same field.
 */
export function fieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  const precise = errors.filter((e) => !["oneOf", "anyOf", "if"].includes(e.keyword));
  for (const error of precise.length > 0 ? precise : errors) {
    const entry = { field: fieldOf(error), message: messageOf(error) };
    const key = `${entry.field} ${entry.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
  }
  return out;
}

/** The 400 answer to a request the spec does not allow. */
export function validationProblem(operationId: string, errors: readonly ErrorObject[]): Problem {
  const fields = fieldErrors(errors);
  const detail = fields.map((f) => `${f.field} ${f.message}`).join("; ");
  return problem(
    400,
    "bad-request",
    `${operationId}: ${detail || "the request does not match the spec"}`,
    fields,
  );
}
