/**
 * Operations of both specs matched by method + path; for each shared one,
 * operationId, parameters, request body and success response bodies, and the
 * error statuses the provider declares.
 */
import { compareSchemas, type Report } from "./compare-schemas.js";
import type { CompareOptions, Difference, DifferenceFacts, Json, Node } from "./model.js";
import { isNode, Resolver } from "./resolve.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

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

/** The security alternatives in force (the operation's, else the document's), each as its sorted scheme names. */
function securityOf(doc: Node, op: Node): string[] {
  const list = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : [];
  if (list.length === 0) return ["anonymous"];
  return list.map((req) => (isNode(req) && Object.keys(req).length ? Object.keys(req).sort().join("+") : "anonymous")).sort();
}

const mediaTypes = (content: Json | undefined) => (isNode(content) ? Object.keys(content).sort() : []);
const text = (value: Json | undefined) => (typeof value === "string" ? value.trim() : "");

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

/** What only a change between two versions of one spec can tell: group, security, documentation. */
function compareOperationExtras(oursDoc: Node, theirsDoc: Node, o: Node, t: Node, report: Report): void {
  const tag = (op: Node) => (Array.isArray(op.tags) ? op.tags.map(String) : []);
  if (tag(o).join(",") !== tag(t).join(",")) report("operation", "tag-differs", `ours: ${tag(o).join(", ") || "none"}; other: ${tag(t).join(", ") || "none"}`, { ours: tag(o), theirs: tag(t) });
  const oSec = securityOf(oursDoc, o);
  const tSec = securityOf(theirsDoc, t);
  // Tightened: some way of calling the operation that used to work (an anonymous call, or a scheme set) no longer does.
  // An anonymous alternative accepts every caller, so nothing is lost once it is there.
  const lost = oSec.includes("anonymous") ? [] : tSec.filter((alt) => !oSec.includes(alt));
  const gained = oSec.filter((alt) => !tSec.includes(alt));
  if (lost.length) report("security", "security-tightened", `no longer accepted: ${lost.join(", ")}`, { ours: oSec, theirs: tSec });
  else if (gained.length) report("security", "security-loosened", `now also accepted: ${gained.join(", ")}`, { ours: oSec, theirs: tSec });
  if (text(o.summary) !== text(t.summary) || text(o.description) !== text(t.description)) report("operation", "description-changed", "the summary or description differs");
  if ((o.deprecated === true) !== (t.deprecated === true)) report("operation", o.deprecated === true ? "deprecated-added" : "deprecated-removed", o.deprecated === true ? "now deprecated" : "no longer deprecated");
}

function compareMediaTypes(oContent: Json | undefined, tContent: Json | undefined, location: string, report: Report): void {
  const o = mediaTypes(oContent);
  const t = mediaTypes(tContent);
  for (const m of t) if (!o.includes(m)) report(location, `content-type-removed:${m}`, `ours: ${o.join(", ") || "none"}; other: ${t.join(", ")}`, { ours: o, theirs: t });
  for (const m of o) if (!t.includes(m)) report(location, `content-type-added:${m}`, `ours: ${o.join(", ")}; other: ${t.join(", ") || "none"}`, { ours: o, theirs: t });
}

export function compareOperations(oursDoc: Node, theirsDoc: Node, options: CompareOptions = {}): OperationComparison {
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
      compareSchemas({ resolver: ours, node: oNode }, { resolver: theirs, node: tNode }, at, report, new Set(), options);
    if (o.operationId !== t.operationId) report("operation", "operationId-differs", `ours: ${o.operationId}; provider: ${t.operationId}`, { ours: [o.operationId], theirs: [t.operationId] });
    if (options.diff) compareOperationExtras(oursDoc, theirsDoc, o.op, t.op, report);

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
      if (options.diff && text(oParam.description) !== text(tParam.description)) report(`param.${name}`, "description-changed", "the description differs");
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
      if (options.diff) compareMediaTypes(oBody.content, tBody.content, "request.body", report);
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
      if (options.diff) compareMediaTypes(ours.deref(oResponses[status]).node?.content, tResponse.node.content, `response.${status}`, report);
      if (tSchema === undefined && oSchema !== undefined) report(`response.${status}.body`, "schema-added", "ours gives this response a schema; the provider does not");
      else if (tSchema !== undefined) schemas(oSchema, tSchema, `response.${status}.body`);
    }
    if (options.diff) {
      for (const status of Object.keys(oResponses)) if (!(status in tResponses)) report(`response.${status}`, "status-added", "ours declares this status; the other side does not");
    }
  }
  const extra = [...oursOps.entries()].filter(([key]) => !theirOps.has(key)).map(([key, o]) => `${o.operationId} (${key})`);
  const providerDefects = [...theirs.dangling].sort().map((ref) => `dangling $ref ${ref}`);
  return { matched, missing, extra, differences, providerDefects };
}
