// scripts/lib/contract/: a live server against the spec: the plan of safe calls, the run, the report. May import from scripts/lib: shared, spec.
/**
 * Runs the read-only contract check: calls the safe operations through the
 * client, and checks every answer (status and body) against the spec.
 */
import {
  AirbyteApiError,
  AirbyteConnectionError,
  AirbyteTimeoutError,
  AirbyteUnexpectedResponseError,
  createAirbyteClient,
  type FetchLike,
} from "../../../src/index.js";
import { openEnumNotes, type IssueKind, type SpecValidator } from "../spec/validator.js";
import type { ContractArgs } from "./args.js";
import { IdPool, safeOperations, UNSAFE_GETS, type PlannedOperation } from "./plan.js";

export type DifferenceKind = IssueKind | "undeclared-status" | "not-json";

export interface Difference {
  /** JSON pointer into the body; "" for the whole answer. */
  pointer: string;
  kind: DifferenceKind;
  message: string;
}

export interface CallResult {
  operationId: string;
  /** Method and path with the ids used (no host, no credentials). */
  request: string;
  status: number;
  differences: Difference[];
  /** Values of open enums the spec does not list yet: valid, but the spec is behind. */
  notes: Difference[];
}

export interface ContractReport {
  baseUrl: string;
  calls: CallResult[];
  skipped: Array<{ operationId: string; reason: string }>;
}

/** The check cannot run at all (wrong base URL, credentials, an HTML page): exit 2. */
export class ContractFatalError extends Error {
  override readonly name = "ContractFatalError";
}

interface LastAnswer {
  status: number;
  contentType: string;
}

interface Outcome {
  status: number;
  body: unknown;
  failure?: Difference;
}

export async function runContract(args: ContractArgs, validator: SpecValidator, fetchImpl: FetchLike = (r) => fetch(r)): Promise<ContractReport> {
  const last: LastAnswer = { status: 0, contentType: "" };
  const client = createAirbyteClient({
    baseUrl: args.baseUrl,
    auth: args.auth,
    retry: false,
    timeoutMs: 30_000,
    userAgent: "airbyte-api-client-contract",
    // Keeps the status of each answer: a method resolves to the body only.
    fetch: async (request) => {
      const response = await fetchImpl(request);
      if (!new URL(request.url).pathname.endsWith("/applications/token")) {
        last.status = response.status;
        last.contentType = response.headers.get("content-type") ?? "";
      }
      return response;
    },
  });
  const methods = client as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>;
  const groupOf = new Map<string, string>();
  for (const [group, ops] of Object.entries(methods)) if (group !== "raw") for (const id of Object.keys(ops)) groupOf.set(id, group);

  const pool = new IdPool(args.limit);
  const report: ContractReport = { baseUrl: args.baseUrl, calls: [], skipped: [] };
  let pending = safeOperations(validator.bundled);
  let authenticatedCalls = 0;
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const waiting: PlannedOperation[] = [];
    for (const op of pending) {
      const calls = argumentSets(op, pool, args.limit);
      if (!calls) {
        waiting.push(op);
        continue;
      }
      progress = true;
      const method = groupOf.get(op.operationId);
      const fn = method ? methods[method]?.[op.operationId] : undefined;
      if (!fn) {
        report.skipped.push({ operationId: op.operationId, reason: "the client has no method for it (regenerate?)" });
        continue;
      }
      for (const call of calls) {
        const first = op.authenticated && authenticatedCalls++ === 0;
        const outcome = await callOnce(() => fn(...call.path, ...(call.query ? [call.query] : [])), last, args.baseUrl, op, first || op.operationId === "getHealthCheck");
        if (outcome.body !== undefined && outcome.status < 300) pool.collect(op.path, outcome.body);
        report.calls.push(check(validator, op, call.display, outcome));
      }
    }
    pending = waiting;
  }
  for (const op of pending) {
    const missing = [...op.pathParams, ...op.requiredQuery].filter((p) => !op.enumValues[p] && pool.values(op.path, p, false).length === 0);
    report.skipped.push({ operationId: op.operationId, reason: `no ${missing.join(", ")} found in the answers of the other calls` });
  }
  for (const [operationId, reason] of Object.entries(UNSAFE_GETS)) report.skipped.push({ operationId, reason: `not called: ${reason}` });
  return report;
}

interface ArgumentSet {
  path: Array<string | number>;
  query: Record<string, unknown> | undefined;
  display: string;
}

/** Up to `limit` calls of the operation, or undefined while an id it needs is unknown. */
function argumentSets(op: PlannedOperation, pool: IdPool, limit: number): ArgumentSet[] | undefined {
  const pathValues = op.pathParams.map((p, i) => pool.values(op.path, p, i === op.pathParams.length - 1));
  const queryValues = op.requiredQuery.map((p) => op.enumValues[p] ?? pool.values(op.path, p, false));
  if ([...pathValues, ...queryValues].some((v) => v.length === 0)) return undefined;
  // The last path parameter (or, without one, the first required query) varies; the others take their first value.
  const varying = pathValues.length ? pathValues[pathValues.length - 1] : (queryValues[0] ?? [undefined]);
  return (varying ?? []).slice(0, limit).map((value) => {
    const path = pathValues.map((v, i) => (i === pathValues.length - 1 ? value : v[0]) as string | number);
    const query: Record<string, unknown> = {};
    op.requiredQuery.forEach((name, i) => (query[name] = !pathValues.length && i === 0 ? value : queryValues[i]?.[0]));
    if (op.takesLimit) query.limit = limit;
    const filled = op.pathParams.reduce((p, name, i) => p.replace(`{${name}}`, encodeURIComponent(String(path[i]))), op.path);
    const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return { path, query: Object.keys(query).length ? query : undefined, display: `GET ${filled}${search ? `?${search}` : ""}` };
  });
}

async function callOnce(
  call: () => Promise<unknown>,
  last: LastAnswer,
  baseUrl: string,
  op: PlannedOperation,
  decisive: boolean,
): Promise<Outcome> {
  last.status = 0;
  last.contentType = "";
  try {
    const body = await call();
    // An operation without a body (the health check) resolves whatever came: a proxy's HTML page too.
    if (/html/i.test(last.contentType)) throw new AirbyteUnexpectedResponseError({ message: "HTML answer", status: last.status, contentType: last.contentType, method: "GET", url: baseUrl });
    return { status: last.status, body };
  } catch (error) {
    if (decisive) fatalIfSetupIsWrong(error, baseUrl, op);
    if (error instanceof AirbyteApiError) return { status: error.status, body: error.problem };
    if (error instanceof AirbyteUnexpectedResponseError) {
      return { status: error.status, body: undefined, failure: { pointer: "", kind: "not-json", message: `answered ${error.contentType ?? "without a content type"} instead of JSON` } };
    }
    if (error instanceof Error) return { status: 0, body: undefined, failure: { pointer: "", kind: "other", message: error.message } };
    throw error;
  }
}

/** On the health check and the first authenticated call, some failures mean the check cannot run. */
function fatalIfSetupIsWrong(error: unknown, baseUrl: string, op: PlannedOperation): void {
  if (error instanceof AirbyteConnectionError || error instanceof AirbyteTimeoutError) {
    throw new ContractFatalError(`wrong base URL: nothing answers at ${new URL(baseUrl).origin} (${error.message}); check --base-url.`);
  }
  if (error instanceof AirbyteUnexpectedResponseError && /html/i.test(error.contentType ?? "")) {
    throw new ContractFatalError(
      `HTML answer: ${op.operationId} got an HTML page (status ${error.status}), not the Airbyte API; check --base-url (self-managed servers serve the API under /api/public/v1).`,
    );
  }
  const status = error instanceof AirbyteApiError || error instanceof AirbyteUnexpectedResponseError ? error.status : 0;
  if (op.operationId === "getHealthCheck" && (status === 404 || status === 405)) {
    throw new ContractFatalError(`wrong base URL: GET ${baseUrl.replace(/\/$/, "")}/health answered ${status}; the API usually lives at https://<host>/api/public/v1.`);
  }
  if (!(error instanceof AirbyteApiError)) return;
  if (error.url.endsWith("/applications/token") || error.status === 401) {
    throw new ContractFatalError(
      `wrong credentials: ${error.url.endsWith("/applications/token") ? "the token request" : op.operationId} was answered ${error.status}; check AIRBYTE_BEARER_TOKEN (or --token-file), or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET.`,
    );
  }
}

function check(validator: SpecValidator, op: PlannedOperation, request: string, outcome: Outcome): CallResult {
  const result: CallResult = { operationId: op.operationId, request, status: outcome.status, differences: [], notes: [] };
  if (outcome.failure) result.differences.push(outcome.failure);
  const declared = declaredResponse(validator.bundled, op.path, outcome.status);
  if (outcome.status !== 0 && !declared) {
    result.differences.push({ pointer: "", kind: "undeclared-status", message: `status ${outcome.status} is not declared for ${op.operationId}` });
  }
  if (declared?.schema && outcome.body !== undefined) {
    for (const issue of validator.validate(declared.schema, outcome.body)) result.differences.push({ pointer: issue.pointer, kind: issue.kind ?? "other", message: issue.message });
    for (const note of openEnumNotes(validator, declared.schema, outcome.body)) {
      result.notes.push({ pointer: note.pointer, kind: "unknown-enum-value", message: `"${note.value}" is new to the open enum (known: ${note.known.join(", ")})` });
    }
  }
  return result;
}

function declaredResponse(bundled: Record<string, unknown>, path: string, status: number): { schema: unknown } | undefined {
  const op = ((bundled.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>)[path]?.get ?? {}) as { responses?: Record<string, unknown> };
  const responses = op.responses ?? {};
  let response = (responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default) as Record<string, unknown> | undefined;
  if (!response) return undefined;
  const ref = response.$ref;
  if (typeof ref === "string") response = (bundled.components as Record<string, Record<string, Record<string, unknown>>>).responses?.[ref.split("/").pop() ?? ""];
  const content = (response?.content ?? {}) as Record<string, { schema?: unknown }>;
  const media = Object.keys(content).find((type) => /json/.test(type));
  return { schema: media ? content[media]?.schema : undefined };
}
