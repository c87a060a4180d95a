/**
 * Performs one operation: maps the method's positional arguments onto the
 * operation's path parameters, body and query, sends the request through the
 * openapi-fetch client, and returns the parsed result or throws.
 */
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import type { OperationSpec } from "../generated/operations.js";
import type { Authenticator } from "./auth.js";
import { AirbyteConnectionError, AirbyteError } from "./errors/index.js";
import type { RequestOptions } from "./options.js";
import type { Redactor } from "./redact.js";
import { errorFromResponse, parseSuccess, type ResponseContext } from "./response.js";
import { joinUrl } from "./url.js";

export interface CallContext {
  raw: Client<paths>;
  baseUrl: string;
  auth: Authenticator;
  redactor: Redactor;
}

interface CallInput {
  path: Record<string, string | number>;
  body: unknown;
  query: Record<string, unknown> | undefined;
  options: RequestOptions;
}

/** Splits `(…pathParams, body | query, options?)` by the operation's table entry. */
export function splitArgs(operationId: string, spec: OperationSpec, args: readonly unknown[]): CallInput {
  const path: Record<string, string | number> = {};
  spec.pathParams.forEach((name, i) => {
    const value = args[i];
    if ((typeof value !== "string" || value === "") && typeof value !== "number") {
      throw new AirbyteError(
        `${operationId}: argument ${i + 1} (${name}) must be a non-empty string; got ${value === "" ? "an empty string" : typeof value}.`,
      );
    }
    path[name] = value;
  });
  let next = spec.pathParams.length;
  const body = spec.body ? args[next++] : undefined;
  if (spec.body?.required && body === undefined) {
    throw new AirbyteError(`${operationId}: the request body (argument ${next}) is required.`);
  }
  const query = spec.queryParams.length ? (args[next++] as Record<string, unknown> | undefined) : undefined;
  const options = (args[next] ?? {}) as RequestOptions;
  if (typeof options !== "object") {
    throw new AirbyteError(`${operationId}: the last argument must be an options object ({ signal, headers }).`);
  }
  return { path, body, query, options };
}

function fillPath(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return (signal?.aborted ?? false) || (error instanceof Error && error.name === "AbortError");
}

export async function callOperation(
  ctx: CallContext,
  operationId: string,
  spec: OperationSpec,
  args: readonly unknown[],
): Promise<unknown> {
  const input = splitArgs(operationId, spec, args);
  const { signal } = input.options;
  const responseContext: ResponseContext = {
    method: spec.method,
    url: joinUrl(ctx.baseUrl, fillPath(spec.path, input.path)),
    baseUrl: ctx.baseUrl,
    redactor: ctx.redactor,
  };

  // One replay after a 401, with renewed credentials, when the auth mode can renew them.
  for (let attempt = 0; ; attempt++) {
    const authorization = spec.authenticated ? await ctx.auth.header(signal) : undefined;
    const headers: Record<string, string> = { ...(authorization ? { Authorization: authorization } : {}), ...input.options.headers };
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = (await ctx.raw.request(spec.method.toLowerCase() as "get", spec.path as "/health", {
        params: { path: input.path, query: input.query },
        body: input.body,
        headers,
        signal,
        parseAs: "text",
      } as never)) as typeof result;
    } catch (error) {
      if (isAbort(error, signal) || error instanceof AirbyteError) throw error;
      throw new AirbyteConnectionError({ method: spec.method, url: responseContext.url, cause: error });
    }
    const { response } = result;
    if (response.ok) {
      return parseSuccess(spec.success.kind, result.data as string | undefined, response, responseContext);
    }
    if (response.status === 401 && authorization && ctx.auth.canRenew && attempt === 0 && !input.options.headers?.Authorization) {
      ctx.auth.rejected(authorization);
      continue;
    }
    throw errorFromResponse(result.error, response, responseContext);
  }
}
