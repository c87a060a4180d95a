/**
 * Operations of both specs matched by method + path; for each shared one,
 * operationId, parameters, request body and success response bodies, and the
 * error statuses the provider declares.
 */
import { compareSchemas, type Report } from "./compare-schemas.js";
import type { Difference, DifferenceFacts, Json, Node } from "./model.js";
import { isNode, Resolver } from "./resolve.js";
import { HTTP_METHODS as METHODS } from "../shared/openapi.mjs";


interface Op {
  key: string;
  operationId: string;
  op: Node;
  pathParams: Json[];
}

function operationsOf(doc: Node): Map<string, Op> {
  const out = new Map<string, Op>();
  const paths = isNode(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isNode(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      out.set(key, {
        key,
        operationId: typeof op.operationId === "string" ? op.operationId : key,
        op,
        pathParams: Array.isArray(item.parameters) ? item.parameters : [],
      });
    }
  }
  return out;
}


function jsonMedia(content: Json | undefined): Json | undefined {
  if (!isNode(content)) return undefined;
  const key = Object.keys(content).find((k) => k === "application/json") ?? Object.keys(content).find((k) => /json/.test(k)) ?? Object.keys(content)[0];
  const media = key ? content[key] : undefined;
  return isNode(media) ? media.schema : undefined;
}

export interface OperationComparison {
  matched: number;
  missing: string[];
  extra: string[];
  differences: Difference[];
  providerDefects: string[];
}

export function compareOperations(oursDoc: Node, theirsDoc: Node): OperationComparison {
  const ours = new Resolver(oursDoc);
  const theirs = new Resolver(theirsDoc);
  const oursOps = operationsOf(oursDoc);
  const theirOps = operationsOf(theirsDoc);
  const differences: Difference[] = [];
  const missing: string[] = [];
  let matched = 0;

  for (const [key, t] of theirOps) {
    const o = oursOps.get(key);
    if (!o) {
      missing.push(`${t.operationId} (${key})`);
      differences.push({ id: `${t.operationId} operation missing`, operationId: t.operationId, location: "operation", kind: "missing", detail: `${key} is in the provider's spec, not in ours` });
      continue;
    }
    matched++;
    const id = t.operationId;
    const report = (location: string, kind: string, detail: string, facts?: DifferenceFacts) =>
      differences.push({ id: `${id} ${location} ${kind}`, operationId: id, location, kind, detail, ...(facts ? { facts } : {}) });
    const schemas = (oNode: Json | undefined, tNode: Json | undefined, at: string) =>
      compareSchemas({ resolver: ours, node: oNode }, { resolver: theirs, node: tNode }, at, report, new Set());
    if (o.operationId !== t.operationId) report("operation", "operationId-differs", `ours: ${o.operationId}; provider: ${t.operationId}`, { ours: [o.operationId], theirs: [t.operationId] });

    // Parameters, by location and name.
    const params = (resolver: Resolver, op: Op) => {
      const map = new Map<string, Node>();
      for (const raw of [...op.pathParams, ...(Array.isArray(op.op.parameters) ? op.op.parameters : [])]) {
        const p = resolver.deref(raw).node;
        if (p && typeof p.name === "string") map.set(`${String(p.in)}.${p.name}`, p);
      }
      return map;
    };
    const op_ = params(ours, o);
    const tp = params(theirs, t);
    for (const [name, tParam] of tp) {
      const oParam = op_.get(name);
      if (!oParam) {
        report(`param.${name}`, "param-missing", "the provider has this parameter; ours does not");
        continue;
      }
      if ((oParam.required === true) !== (tParam.required === true)) report(`param.${name}`, oParam.required === true ? "required-added" : "required-removed", `ours: ${oParam.required === true ? "required" : "optional"}; provider: ${tParam.required === true ? "required" : "optional"}`);
      schemas(oParam.schema, tParam.schema, `param.${name}`);
    }
    for (const [name, oParam] of op_) if (!tp.has(name)) report(`param.${name}`, "param-added", "ours has this parameter; the provider does not", { required: oParam.required === true });

    // Request body.
    const oBody = ours.deref(o.op.requestBody).node;
    const tBody = theirs.deref(t.op.requestBody).node;
    if (tBody && !oBody) report("request.body", "body-missing", "the provider takes a request body; ours does not");
    else if (oBody && !tBody) report("request.body", "body-added", "ours takes a request body; the provider does not", { required: oBody.required === true });
    else if (oBody && tBody) {
      if ((oBody.required === true) !== (tBody.required === true)) report("request.body", oBody.required === true ? "required-added" : "required-removed", `ours: ${oBody.required === true ? "required" : "optional"}; provider: ${tBody.required === true ? "required" : "optional"}`);
      schemas(jsonMedia(oBody.content), jsonMedia(tBody.content), "request.body");
    }

    // Responses: statuses the provider declares, and success bodies.
    const oResponses = isNode(o.op.responses) ? o.op.responses : {};
    const tResponses = isNode(t.op.responses) ? t.op.responses : {};
    for (const [status, raw] of Object.entries(tResponses)) {
      theirs.deref(raw); // records a dangling ref even where the body is not compared
      if (!(status in oResponses)) {
        report(`response.${status}`, "status-missing", "the provider declares this status; ours does not");
        continue;
      }
      if (!/^[23]/.test(status)) continue;
      const tResponse = theirs.deref(raw);
      if (!tResponse.node) {
        report(`response.${status}`, "provider-dangling-ref", `the provider refers to ${tResponse.ref ?? "?"}, which it does not define`);
        continue;
      }
      const oSchema = jsonMedia(ours.deref(oResponses[status]).node?.content);
      const tSchema = jsonMedia(tResponse.node.content);
      if (tSchema === undefined && oSchema !== undefined) report(`response.${status}.body`, "schema-added", "ours gives this response a schema; the provider does not");
      else if (tSchema !== undefined) schemas(oSchema, tSchema, `response.${status}.body`);
    }
  }
  const extra = [...oursOps.entries()].filter(([key]) => !theirOps.has(key)).map(([key, o]) => `${o.operationId} (${key})`);
  const providerDefects = [...theirs.dangling].sort().map((ref) => `dangling $ref ${ref}`);
  return { matched, missing, extra, differences, providerDefects };
}
