/**
 * The operation table ships as one short string per operation
 * (scripts/lib/generate/emit-operations.ts encodes, src/operation.ts decodes). Every
 * field the client reads must survive the round trip, for every flag.
 */
import { describe, expect, it } from "vitest";
import { operationTable } from "../../generated/operations.js";
import type { OperationModel } from "../../scripts/lib/generate/model.js";
import { specEntry, specString } from "../../scripts/lib/generate/emit-operations.js";
import { decodeSpec } from "../../src/operation.js";

type Part = Partial<Omit<OperationModel, "pathParams" | "queryParams" | "body" | "success">> & {
  pathParams?: string[];
  queryParams?: string[];
  body?: { required: boolean };
  success?: { status: number; kind: "json" | "text" | "none" };
};

function model(part: Part): OperationModel {
  return {
    operationId: "op",
    group: "things",
    method: "GET",
    path: "/things",
    authenticated: true,
    ...part,
    pathParams: (part.pathParams ?? []).map((name) => ({ name, type: "string", display: "string" })),
    queryParams: (part.queryParams ?? []).map((name) => ({ name, required: false, display: "string" })),
    body: part.body && { ...part.body, type: "Thing" },
    success: { type: "Thing", ...(part.success ?? { status: 200, kind: "json" }) },
  } as unknown as OperationModel;
}

const cases: Array<[string, Part]> = [
  ["plain GET", {}],
  ["required body", { method: "POST", body: { required: true } }],
  ["optional body", { method: "PUT", body: { required: false } }],
  ["path parameters in path order", { method: "DELETE", path: "/a/{aId}/b/{bId}", pathParams: ["aId", "bId"] }],
  ["query parameters", { queryParams: ["workspaceIds", "includeDeleted"] }],
  ["text success", { success: { status: 200, kind: "text" } }],
  ["no content", { success: { status: 204, kind: "none" } }],
  ["a documented redirect", { path: "/oauth/callback", success: { status: 302, kind: "none" }, authenticated: false }],
  ["no credentials", { method: "POST", path: "/token", authenticated: false, body: { required: true } }],
  ["paginated, with everything", { group: "aB", method: "PATCH", path: "/x/{id}/y", pathParams: ["id"], queryParams: ["limit", "offset"], body: { required: false }, success: { status: 201, kind: "text" }, pageItemType: "Thing", authenticated: false }],
];

describe("operation table encoding", () => {
  it.each(cases)("%s: decodes to the entry it encodes", (_name, part) => {
    const op = model(part);
    expect(decodeSpec(JSON.parse(specString(op)) as string)).toEqual(specEntry(op));
  });

  it.each<[string, Part, RegExp]>([
    ["path parameters out of path order", { path: "/a/{aId}/b/{bId}", pathParams: ["bId", "aId"] }, /not those of \/a\/\{aId\}\/b\/\{bId\}, in order/],
    ["a path parameter missing from the path", { path: "/a", pathParams: ["aId"] }, /not those of \/a, in order/],
    ["a query parameter with a comma", { queryParams: ["a,b"] }, /"a,b" cannot be encoded/],
    ["a path with a space", { path: "/a b" }, /"\/a b" cannot be encoded/],
  ])("refuses %s", (_name, part, message) => {
    expect(() => specString(model(part))).toThrow(message);
  });

  it("the shipped table decodes to well-formed entries (path parameters from the path, known methods)", () => {
    for (const [id, spec] of Object.entries(operationTable)) {
      expect(spec.pathParams, id).toEqual([...spec.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
      expect(["GET", "PUT", "POST", "DELETE", "PATCH"], id).toContain(spec.method);
      expect(["json", "text", "none", "redirect"], id).toContain(spec.success);
    }
    expect(operationTable.initiateOAuth).toEqual({ group: "sources", method: "POST", path: "/sources/initiateOAuth", pathParams: [], queryParams: [], body: { required: true }, success: "json", authenticated: true, paginated: false });
    expect(operationTable.listSources).toMatchObject({ method: "GET", path: "/sources", body: null, paginated: true, queryParams: ["workspaceIds", "includeDeleted", "limit", "offset"] });
    expect(operationTable.createAccessToken).toMatchObject({ authenticated: false, body: { required: true } });
  });
});
