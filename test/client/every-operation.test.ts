/**
 * No operation left behind: every operation of the spec (read from the spec
 * itself, not from the generated table) is callable as
 * `airbyte.<group>.<operationId>` and sends exactly its HTTP call, with the
 * spec's own request example as the body. The type half lives in
 * every-operation.test-d.ts.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";
import * as api from "../../src/index.js";
import { bearer, createAirbyteClient, createAirbyteCore } from "../../src/index.js";
import { repoRoot } from "../helpers/run.js";
import { startServer, type TestServer } from "../helpers/server.js";

interface Operation {
  operationId: string;
  tags: string[];
  parameters?: Array<{ $ref?: string; name?: string; in?: string; required?: boolean }>;
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, unknown>;
  security?: unknown[];
}
interface Spec {
  paths: Record<string, Record<string, Operation> & { parameters?: Operation["parameters"] }>;
  components: { parameters?: Record<string, { name: string; in: string; required?: boolean }> };
}

const spec = (await bundleSpec(join(repoRoot, "spec/openapi.yaml"))) as Spec;
const methods = ["get", "put", "post", "delete", "patch"] as const;
const rows = Object.entries(spec.paths).flatMap(([path, item]) =>
  methods.filter((m) => item[m]).map((m) => ({ path, method: m.toUpperCase(), op: item[m] as Operation, item })),
);

let server: TestServer;
let baseUrl: string;
beforeAll(async () => {
  server = await startServer((_, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
  baseUrl = `${server.origin}/api/public/v1`;
});
afterAll(() => server.close());

const resolveParam = (p: { $ref?: string; name?: string; in?: string; required?: boolean }) =>
  p.$ref ? spec.components.parameters?.[p.$ref.split("/").pop() ?? ""] : p;

describe("every operation of the spec", () => {
  // Counts come from the spec (never written here): the client has exactly its operations, in one group per tag.
  it("has one method per operation of the spec, in one group per tag", () => {
    const airbyte = createAirbyteClient({ baseUrl: "https://api.example.test/v1", auth: { bearerToken: "k" } });
    const groups = Object.entries(airbyte as unknown as Record<string, Record<string, unknown>>).filter(([name]) => name !== "raw");
    const methods = groups.flatMap(([, group]) => Object.keys(group).filter((name) => typeof group[name] === "function"));
    expect(rows.length).toBeGreaterThan(0);
    expect(methods.sort()).toEqual(rows.map((r) => r.op.operationId).sort());
    const tagGroups = new Set(rows.map((r) => (r.op.tags[0] ?? "").charAt(0).toLowerCase() + (r.op.tags[0] ?? "").slice(1)));
    expect(groups.map(([name]) => name).sort()).toEqual([...tagGroups].sort());
  });

  it.each(rows.map((r) => [`${r.op.tags[0]}.${r.op.operationId}`, r] as const))("%s is callable and sends its HTTP call", async (_, { path, method, op, item }) => {
    server.requests.length = 0;
    const airbyte = createAirbyteClient({ baseUrl, auth: { bearerToken: "k" }, retry: false });
    const group = (op.tags[0] ?? "").charAt(0).toLowerCase() + (op.tags[0] ?? "").slice(1);
    const fn = (airbyte as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>>)[group]?.[op.operationId];
    expect(typeof fn, `airbyte.${group}.${op.operationId}`).toBe("function");

    const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolveParam);
    const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
    const args: unknown[] = pathNames.map((name) => `${name}-1`);
    const example = op.requestBody ? Object.values(Object.values(op.requestBody.content)[0]?.examples ?? {})[0]?.value : undefined;
    if (op.requestBody) {
      expect(example, `${op.operationId} has a request body example`).toBeDefined();
      args.push(example);
    }
    const query = params.filter((p) => p?.in === "query");
    if (query.length) args.push(Object.fromEntries(query.filter((q) => q?.required).map((q) => [q?.name, "q"])));

    // The server answers `{}` (JSON): the method resolves to it, to undefined for an empty
    // success body, or to the text for a text body.
    const success = Object.keys(op.responses).find((c) => /^[23]/.test(c)) ?? "";
    const result = await fn?.(...args);
    const kind = /^3/.test(success) || !(op.responses[success] as { content?: object }).content ? "none" : "content";
    expect(result).toEqual(kind === "none" ? undefined : path === "/" ? "{}" : {});
    const sent = server.requests[0];
    expect(sent?.method).toBe(method);
    const expectedPath = path.replace(/\{([^}]+)\}/g, (_m, name: string) => `${name}-1`);
    expect(new URL(sent?.url ?? "", server.origin).pathname).toBe(`/api/public/v1${expectedPath}`);
    for (const q of query.filter((p) => p?.required)) expect(new URL(sent?.url ?? "", server.origin).searchParams.get(q?.name ?? "")).toBe("q");
    if (example !== undefined) expect(JSON.parse(sent?.body ?? "null")).toEqual(example);
    expect(sent?.headers.authorization).toBe(Array.isArray(op.security) && op.security.length === 0 ? undefined : "Bearer k");

    // The standalone function of the same operation sends the same request.
    const standalone = (api as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[op.operationId];
    expect(typeof standalone, `standalone ${op.operationId}`).toBe("function");
    await expect(standalone?.(createAirbyteCore({ baseUrl, auth: bearer("k"), retry: false }), ...args)).resolves.toEqual(result);
    expect({ ...server.requests[1], headers: { ...server.requests[1]?.headers, host: "" } }).toEqual({ ...sent, headers: { ...sent?.headers, host: "" } });
  });
});
