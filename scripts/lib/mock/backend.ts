/**
 * The mock's brain, free of HTTP: openapi-backend routes each request by our
 * bundled spec, checks credentials, validates path, query, headers and body
 * with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 means), and answers from the
 * spec's examples, or from a schema-generated value where an operation has
 * none. Paged lists, the token endpoint and the OAuth flow get real behaviour.
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
import { OAuthFlow, CONSENT_PATH } from "./oauth.js";
import { idField, pageOf } from "./paging.js";
import { problem, validationProblem, type Problem } from "./problem.js";

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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface MockApi {
  handle(request: MockRequest): Promise<MockResponse>;
}

export async function createMockApi(spec: BundledSpec): Promise<MockApi> {
  const operations = readOperations(spec);
  const paged = new Set(
    operations.filter((op) => op.pageItemType !== undefined).map((op) => op.operationId),
  );
  const oauth = new OAuthFlow(exampleSecrets(spec));
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

  /** The spec's answer for an operation: its example, else a value generated from its schema. */
  const specAnswer = (c: Context): MockResponse => {
    const operationId = c.operation.operationId ?? "";
    const { status, mock } = c.api.mockResponseForOperation(operationId);
    const hasBody = Object.keys(c.operation.responses?.[String(status)] ?? {}).includes("content");
    // A copy: the example belongs to the spec, and answers are edited below.
    return hasBody ? { status, body: structuredClone(mock) as unknown } : { status };
  };

  const handlers: Record<string, Handler> = {
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
      const answer = specAnswer(c);
      if (paged.has(c.operation.operationId ?? "") && isObject(answer.body)) {
        const query = c.request.query as Record<string, string | string[] | undefined>;
        const ids = query["workspaceIds"];
        answer.body = pageOf(answer.body, {
          url: request.url,
          limit: query["limit"] === undefined ? undefined : Number(query["limit"]),
          offset: query["offset"] === undefined ? undefined : Number(query["offset"]),
          workspaceIds: ids === undefined ? [] : Array.isArray(ids) ? ids : [ids],
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
    initiateOAuth: (c: Context, request: MockRequest): MockResponse => ({
      status: 200,
      body: oauth.initiate(
        request.url.origin,
        c.request.requestBody as { redirectUrl: string; sourceType?: string },
      ),
    }),
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
      return api.handlers["notImplemented"]?.(c, request) as MockResponse;
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
  ];
  api.register(
    Object.fromEntries(
      Object.entries(handlers).filter(([name]) => generic.includes(name) || operationIds.has(name)),
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
