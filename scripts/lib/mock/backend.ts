/**
 * The mock's brain, free of HTTP: openapi-backend routes each request by our
 * bundled spec, checks credentials, validates path, query, headers and body
 * with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 means), and answers from the
 * spec's examples, or from a schema-generated value where an operation has
 * none. Paged lists, the token endpoint and the OAuth flow get real behaviour;
 * sources, destinations, connections and workspaces keep state (store.ts);
 * `Prefer: code=...` and the fault options answer errors on demand
 * (faults.ts); every answer is validated against the spec before it leaves.
 *
 * openapi-backend runs in `quick` mode: it then dereferences with its small
 * synchronous dereferencer instead of @apidevtools/json-schema-ref-parser 16,
 * whose engines field asks for Node 22.19, and skips its OpenAPI 3.0 document
 * check (our 3.1 spec is linted by Redocly already).
 */
import { randomUUID } from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import {
  OpenAPIBackend,
  type Context,
  type Handler,
  type Request as BackendRequest,
} from "openapi-backend";
import { readOperations, type BundledSpec } from "../generate/model.js";
import { Faults, parsePrefer, type FaultOptions, type Prefer } from "./faults.js";
import { OAuthFlow, CONSENT_PATH, redirectUrlProblem } from "./oauth.js";
import { idField, pageOf } from "./paging.js";
import { fieldErrors, problem, statusTitle, validationProblem, type Problem } from "./problem.js";
import { MockStore, overlay, storeAction, type StoredRecord } from "./store.js";
import { isJsonObject as isObject } from "../shared/openapi.mjs";

export const API_ROOT = "/v1";

export interface MockRequest {
  method: string;
  /** Absolute URL of the request, as the caller reached the mock. */
  url: URL;
  headers: Record<string, string | undefined>;
  /** Parsed JSON or form body, or undefined. */
  body: unknown;
}

export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const PROBLEM_TYPE = { "content-type": "application/problem+json" };
const problemResponse = (p: Problem): MockResponse => ({
  status: p.status,
  headers: PROBLEM_TYPE,
  body: p,
});

/** Every `secretId` that the spec's request examples use, so those examples pass as they are. */
function exampleSecrets(spec: BundledSpec): string[] {
  const found = new Set<string>();
  JSON.stringify(spec, (key, value: unknown) => {
    if (key === "secretId" && typeof value === "string") found.add(value);
    return value;
  });
  return [...found];
}

export interface MockApi {
  handle(request: MockRequest): Promise<MockResponse>;
}

export interface MockApiOptions extends Pick<FaultOptions, "failureRate" | "seed"> {
  /** The clock that expires OAuth consents. @default Date.now */
  now?: () => number;
}

export async function createMockApi(spec: BundledSpec, options: MockApiOptions = {}): Promise<MockApi> {
  const operations = readOperations(spec);
  const paged = new Set(
    operations.filter((op) => op.pageItemType !== undefined).map((op) => op.operationId),
  );
  const oauth = new OAuthFlow(exampleSecrets(spec), options.now);
  const store = new MockStore();
  const faults = new Faults({
    ...(options.failureRate === undefined ? {} : { failureRate: options.failureRate }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  let tokens = 0;

  const api = new OpenAPIBackend({
    // openapi-backend dereferences in place: give it its own copy.
    definition: structuredClone(spec) as never,
    apiRoot: API_ROOT,
    quick: true,
    validate: true,
    strict: false,
    customizeAjv: (_ajv, options) => {
      const ajv = new Ajv2020({ ...options, allErrors: true, strict: false });
      addFormats.default(ajv);
      // Our spec marks arrays of unique values `format: set` (uniqueItems does the checking).
      ajv.addFormat("set", true);
      return ajv as never;
    },
  });

  // Any credentials do: the mock checks that some were sent, not whose they are.
  const bearer = (c: Context) =>
    /^Bearer \S+/.test(String(c.request.headers["authorization"] ?? ""));
  const basic = (c: Context) => /^Basic \S+/.test(String(c.request.headers["authorization"] ?? ""));
  const checks: Record<string, (c: Context) => boolean> = {
    bearerAuth: bearer,
    clientCredentials: bearer,
    basicAuth: basic,
  };
  const schemes = (spec.components as { securitySchemes?: object } | undefined)?.securitySchemes;
  for (const name of Object.keys(schemes ?? {})) {
    const check = checks[name];
    if (check) api.registerSecurityHandler(name, check);
  }

  /** The spec's answer for an operation: its example (or the one `Prefer: example=` names), else a value generated from its schema. */
  const specAnswer = (c: Context, prefer: Prefer = {}): MockResponse => {
    const operationId = c.operation.operationId ?? "";
    const { status, mock } = c.api.mockResponseForOperation(operationId, {
      ...(prefer.code === undefined ? {} : { code: prefer.code }),
      ...(prefer.example === undefined ? {} : { example: prefer.example }),
    });
    const hasBody = Object.keys(c.operation.responses?.[String(status)] ?? {}).includes("content");
    // A copy: the example belongs to the spec, and answers are edited below.
    return hasBody ? { status, body: structuredClone(mock) as unknown } : { status };
  };

  /** The spec's answer when its body matches the spec; a 500 Problem naming the mismatch when not (a bug of the mock). */
  const checkedAnswer = (c: Context, response: MockResponse): MockResponse => {
    const documented = c.operation?.responses?.[String(response.status)] as { content?: Record<string, unknown> } | undefined;
    if (!c.operation || response.body === undefined || !documented?.content?.["application/json"]) return response;
    const result = c.api.validateResponse(response.body, c.operation, response.status);
    if (result.valid) return response;
    // Ajv's paths here start at the body itself (`/size`): named like a request's, `body.size`.
    const fields = fieldErrors(result.errors ?? []).map((f) => `body${f.field === "request" ? "" : `.${f.field}`} ${f.message}`);
    return problemResponse(problem(500, "internal-server-error", `The mock's ${response.status} answer to ${c.operation.operationId ?? "this operation"} does not match the spec: ${fields.join("; ")}.`));
  };
  const valid = (c: Context, status: number, body: unknown) => c.api.validateResponse(body, c.operation, status).valid;

  /** `Prefer: code=<4xx/5xx>`: the operation's documented answer for that status, else a Problem. */
  const preferredError = (c: Context, code: number): MockResponse => {
    const operationId = c.operation.operationId ?? "";
    const retry: Record<string, string> = code === 429 || code === 503 ? { "retry-after": "1" } : {};
    const documented = c.operation.responses?.[String(code)] as { content?: Record<string, unknown> } | undefined;
    const type = Object.keys(documented?.content ?? {})[0];
    if (type !== undefined) {
      const { mock } = c.api.mockResponseForOperation(operationId, { code });
      return { status: code, headers: { "content-type": type, ...retry }, body: structuredClone(mock) as unknown };
    }
    return { ...problemResponse(problem(code, statusTitle(code), `${operationId}: answered ${code} because the request asked for it (Prefer: code=${code}).`)), headers: { ...PROBLEM_TYPE, ...retry } };
  };

  /** A missing resource: 404 with the Problem body Airbyte sends. */
  const gone = (c: Context, id: string): MockResponse =>
    problemResponse(problem(404, "not-found", `${c.operation.operationId ?? ""}: ${id} was deleted on this mock.`));

  /** Sources, destinations, connections and workspaces: what the mock created, it remembers. */
  const stateful = (c: Context, request: MockRequest, prefer: Prefer): MockResponse | undefined => {
    const action = storeAction(c.request.method, c.operation.path);
    if (!action) return undefined;
    const sent = isObject(c.request.requestBody) ? (c.request.requestBody as StoredRecord) : {};
    if (action.kind === "create") {
      const answer = specAnswer(c, prefer);
      if (!isObject(answer.body)) return answer;
      const id = idField(answer.body);
      if (id === undefined) return answer;
      let record = overlay(answer.body, sent, true);
      if (!valid(c, answer.status, record)) record = overlay(answer.body, sent, false);
      record[id] = randomUUID();
      store.add(action.collection, record[id] as string, record);
      return { ...answer, body: record };
    }
    if (action.kind === "list") return undefined;
    const id = String((c.request.params as Record<string, unknown>)[action.idParam] ?? "");
    if (store.isDeleted(action.collection, id)) return gone(c, id);
    const record = store.get(action.collection, id);
    if (record === undefined) return undefined;
    const answer = specAnswer(c, prefer);
    if (action.kind === "delete") {
      store.delete(action.collection, id);
      return { status: answer.status };
    }
    if (action.kind === "get") return { status: answer.status, body: record };
    let changed = overlay(record, sent, true);
    if (!valid(c, answer.status, changed)) changed = overlay(record, sent, false);
    store.add(action.collection, id, changed);
    return { status: answer.status, body: changed };
  };

  const handlers: Record<string, Handler> = {
    postResponseHandler: (c: Context) => checkedAnswer(c, c.response as MockResponse),
    notFound: (c: Context) =>
      problemResponse(
        problem(
          404,
          "not-found",
          `No operation of the Airbyte API at ${c.request.method.toUpperCase()} ${c.request.path}.`,
        ),
      ),
    methodNotAllowed: (c: Context) =>
      problemResponse(
        problem(
          405,
          "method-not-allowed",
          `${c.request.path} does not take ${c.request.method.toUpperCase()}.`,
        ),
      ),
    unauthorizedHandler: (c: Context) =>
      problemResponse(
        problem(
          401,
          "unauthorized",
          `${c.operation.operationId ?? "This operation"} needs credentials: send Authorization: Bearer <token> (any token) or Basic.`,
        ),
      ),
    validationFail: (c: Context) =>
      problemResponse(
        validationProblem(c.operation.operationId ?? "request", c.validation.errors ?? []),
      ),
    notImplemented: (c: Context, request: MockRequest) => {
      const prefer = parsePrefer(request.headers["prefer"]);
      const kept = stateful(c, request, prefer);
      if (kept) return kept;
      const answer = specAnswer(c, prefer);
      if (paged.has(c.operation.operationId ?? "") && isObject(answer.body)) {
        const query = c.request.query as Record<string, string | string[] | undefined>;
        const ids = query["workspaceIds"];
        const workspaceIds = ids === undefined ? [] : Array.isArray(ids) ? ids : [ids];
        const action = storeAction(c.request.method, c.operation.path);
        const created = action ? store.list(action.collection) : [];
        answer.body = pageOf(answer.body, {
          url: request.url,
          limit: query["limit"] === undefined ? undefined : Number(query["limit"]),
          offset: query["offset"] === undefined ? undefined : Number(query["offset"]),
          workspaceIds,
          first: created.filter((r) => workspaceIds.length === 0 || workspaceIds.includes(String(r["workspaceId"]))),
        });
      } else if (
        c.request.method === "post" &&
        isObject(answer.body) &&
        isObject(c.request.requestBody)
      ) {
        // A created resource carries the name and owner it was created with.
        for (const [key, value] of Object.entries(c.request.requestBody)) {
          if (key in answer.body && typeof value === typeof answer.body[key] && !isObject(value))
            answer.body[key] = value;
        }
        // ...and an id of its own, as a new resource has.
        const id = idField(answer.body);
        const created = (c.operation.operationId ?? "").startsWith("create");
        if (
          created &&
          id !== undefined &&
          !(id in c.request.requestBody) &&
          typeof answer.body[id] === "string"
        )
          answer.body[id] = randomUUID();
      }
      return answer;
    },
    createAccessToken: (): MockResponse => ({
      status: 200,
      body: { access_token: `mock-token-${++tokens}`, token_type: "Bearer", expires_in: 180 },
    }),
    initiateOAuth: (c: Context, request: MockRequest): MockResponse => {
      const body = c.request.requestBody as { redirectUrl: string; sourceType?: string };
      const bad = redirectUrlProblem(body.redirectUrl);
      if (bad !== undefined) {
        return problemResponse(
          problem(400, "bad-request", `initiateOAuth: body.redirectUrl ${bad}.`, [{ field: "body.redirectUrl", message: bad }]),
        );
      }
      return { status: 200, body: oauth.initiate(request.url.origin, body) };
    },
    oauthCallback: (c: Context): MockResponse => {
      const state = (c.request.query as Record<string, string | undefined>)["state"];
      const back = oauth.callback(state);
      if (back === undefined) {
        return problemResponse(
          problem(
            400,
            "bad-request",
            `oauthCallback: query.state ${state ?? "(missing)"} is not a consent this mock started (call initiateOAuth first).`,
            [{ field: "query.state", message: "is not a consent this mock started" }],
          ),
        );
      }
      return { status: 302, headers: { location: back } };
    },
    createSource: (c: Context, request: MockRequest): MockResponse => {
      const body = c.request.requestBody as { secretId?: string };
      if (body.secretId !== undefined && !oauth.accepts(body.secretId)) {
        return problemResponse(
          problem(
            400,
            "value-not-found",
            `createSource: body.secretId ${body.secretId} was not issued by an OAuth consent on this mock.`,
            [
              {
                field: "body.secretId",
                message: "was not issued by an OAuth consent on this mock",
              },
            ],
          ),
        );
      }
      return handlers["notImplemented"]?.(c, request) as MockResponse;
    },
  };
  // Operation handlers only for operations the spec has (a smaller spec may lack them).
  const operationIds = new Set(operations.map((op) => op.operationId));
  const generic = [
    "notFound",
    "methodNotAllowed",
    "unauthorizedHandler",
    "validationFail",
    "notImplemented",
    "postResponseHandler",
  ];
  /** Before an operation runs: `Prefer: code=<error>` answers it, and the failure rate may fail it. */
  const withFaults =
    (handler: Handler): Handler =>
    (c: Context, request: MockRequest) => {
      const prefer = parsePrefer(request.headers["prefer"]);
      if (prefer.code !== undefined && prefer.code >= 400) return preferredError(c, prefer.code);
      if (prefer.example !== undefined) {
        const media = (c.operation.responses?.[String(specAnswer(c).status)] as { content?: Record<string, { examples?: object }> } | undefined)?.content?.["application/json"];
        const names = Object.keys(media?.examples ?? {});
        if (!names.includes(prefer.example)) {
          return problemResponse(problem(400, "bad-request", `${c.operation.operationId ?? ""}: Prefer: example=${prefer.example} names no example of this operation; ${names.length ? `it has: ${names.join(", ")}` : "it has no named examples"}.`));
        }
      }
      if (faults.fails()) {
        return problemResponse(problem(500, "internal-server-error", `${c.operation.operationId ?? ""}: an injected failure (the mock's failureRate); the request was not carried out.`));
      }
      return handler(c, request) as MockResponse;
    };
  api.register(
    Object.fromEntries(
      Object.entries(handlers)
        .filter(([name]) => generic.includes(name) || operationIds.has(name))
        .map(([name, handler]) => [name, name === "notImplemented" || operationIds.has(name) ? withFaults(handler) : handler]),
    ),
  );
  await api.init();

  return {
    async handle(request) {
      if (request.method === "GET" && request.url.pathname === CONSENT_PATH) {
        const back = oauth.consent(
          request.url.origin,
          API_ROOT,
          request.url.searchParams.get("state"),
        );
        if (back === undefined) {
          return problemResponse(
            problem(
              400,
              "bad-request",
              "query.state is not a consent this mock started (call initiateOAuth first).",
            ),
          );
        }
        return { status: 302, headers: { location: back } };
      }
      const backendRequest: BackendRequest = {
        method: request.method,
        path: request.url.pathname,
        query: request.url.search.slice(1),
        headers: request.headers as BackendRequest["headers"],
        body: request.body,
      };
      const response = (await api.handleRequest(backendRequest, request)) as MockResponse;
      return { ...response, headers: { "x-request-id": randomUUID(), ...response.headers } };
    },
  };
}
