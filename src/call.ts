/**
 * Performs one operation in named steps: `prepare` maps the method's
 * positional arguments onto the operation's path parameters, body, query and
 * options (usage errors are thrown here, before anything is sent, and never
 * retried); `transport` (send.ts) sends, decides retries and reads the body;
 * `readSuccess` parses the success body.
 */
import { apiPromise, requestIdOf, type ApiPromise, type WithResponse } from "./api-promise.js";
import { resolveCall, type ResolvedCall, type ResolvedConfig } from "./config.js";
import { AirbyteUsageError } from "./errors/index.js";
import type { OperationSpec } from "./operation-spec.js";
import { parseSuccess } from "./response.js";
import { transport, type Outgoing, type Where } from "./send.js";
import { fillPath, type QuerySerializer } from "./url.js";

/**
 * `serialize` is the query serializer, passed by the callers of operations
 * that have query parameters (the grouped client, pagination, the standalone
 * function of such an operation), so a bundle of operations without a query
 * leaves it out.
 */
export function callOperation(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[], serialize?: QuerySerializer): ApiPromise<unknown> {
  return apiPromise(run(config, id, spec, args, serialize));
}

async function run(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[], serialize?: QuerySerializer): Promise<WithResponse<unknown>> {
  const [out, call] = prepare(config, id, spec, args, serialize);
  const kind = spec.success === "redirect" ? "none" : spec.success;
  const { response, data } = await transport(config, out, call, (r, text, where: Where) => parseSuccess(kind, text, r, where));
  return { data, response, requestId: requestIdOf(response.headers) };
}

/** The request and the call's options from the method's arguments `(…pathParams, body | query, options?)`. */
function prepare(config: ResolvedConfig, id: string, spec: OperationSpec, args: readonly unknown[], serialize?: QuerySerializer): [Outgoing, ResolvedCall] {
  let next = spec.pathParams.length;
  const json = spec.body ? args[next++] : undefined;
  if (spec.body?.required && json === undefined) throw new AirbyteUsageError(`${id}: the request body (argument ${next}) is required.`);
  const query = spec.queryParams.length ? args[next++] : undefined;
  if (args.length > next + 1) throw new AirbyteUsageError(`${id}: takes at most ${next + 1} arguments (the last one is the options); got ${args.length}.`);
  const call = resolveCall(config, args[next], id);
  // Before any secret is held: an aborted call has nothing to release.
  call.signal?.throwIfAborted();
  const redirect = spec.success === "redirect";
  const out: Outgoing = {
    method: spec.method,
    url: config.baseUrl + fillPath(id, spec.path, spec.pathParams, args) + (serialize ? serialize(id, query, spec.queryParams) : ""),
    body: json === undefined ? undefined : JSON.stringify(json),
    authenticated: spec.authenticated,
    followRedirects: !redirect,
    ok: redirect ? isOkOrRedirect : isOk,
    validate: config.validateResponses && ((status, body, error) => config.validateResponses?.(id, status, body, config.logger, error)),
  };
  return [out, call];
}

const isOk = (response: Response) => response.ok;
const isOkOrRedirect = (response: Response) => response.ok || (response.status >= 300 && response.status < 400);
