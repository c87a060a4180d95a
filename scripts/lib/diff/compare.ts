/**
 * The base spec against the head, operation by operation: servers and
 * security schemes of the document; then for each operation (matched by
 * method and path, path parameters by position) its id, group, deprecation,
 * security and scopes, parameters in every location, request body, and every
 * response (success, error and `default`) with its headers and body.
 */
import type { Json, Node } from "../conformance/model.js";
import { isNode } from "../conformance/resolve.js";
import { compareSchema, type SchemaContext } from "./compare-schema.js";
import { asArray, Doc, type Emit, escapePointer, type Finding, isSuccess, show, type Side, text } from "./doc.js";
import { ruleOf, ruleTable } from "./rules.js";
import { HTTP_METHODS as METHODS } from "../shared/openapi.mjs";

const DOCUMENT = "(document)";

interface Op {
  /** `GET /connections/{}`: path parameters by position, not by name. */
  key: string;
  label: string;
  path: string;
  operationId: string;
  op: Node;
  ptr: string;
  pathLevel: Json[];
  pathPtr: string;
}

function operationsOf(doc: Doc): Map<string, Op> {
  const out = new Map<string, Op>();
  const paths = isNode(doc.root.paths) ? doc.root.paths : {};
  for (const [path, raw] of Object.entries(paths)) {
    const item = doc.deref(raw, doc.ptr(`/paths/${escapePointer(path)}`));
    if (!item.node) continue;
    for (const method of METHODS) {
      const op = item.node[method];
      if (!isNode(op)) continue;
      const label = `${method.toUpperCase()} ${path}`;
      // The same operation whatever its path parameters are called.
      out.set(label.replace(/\{[^}]*\}/g, "{}"), {
        key: label,
        label,
        path,
        operationId: typeof op.operationId === "string" ? op.operationId : label,
        op,
        ptr: `${item.ptr}/${method}`,
        pathLevel: asArray(item.node.parameters),
        pathPtr: `${item.ptr}/parameters`,
      });
    }
  }
  return out;
}

/** Security alternatives in force: each alternative's schemes with their scopes; [] = anonymous allowed. */
function securityOf(doc: Doc, op: Node): Array<Map<string, string[]>> {
  const list = Array.isArray(op.security) ? op.security : asArray(doc.root.security);
  return list.filter(isNode).map((req) => new Map(Object.entries(req).map(([k, v]) => [k, asArray(v).map(String)])));
}

const altKey = (alt: Map<string, string[]>) => [...alt.keys()].sort().join("+") || "anonymous";

export class SpecComparison {
  private readonly findings: Finding[] = [];
  private readonly emit: Emit = (f) => void this.findings.push(f);
  private readonly rules = ruleTable();

  constructor(
    private readonly base: Doc,
    private readonly head: Doc,
  ) {}

  run(): Finding[] {
    this.compareServers();
    this.compareSecuritySchemes();
    const bOps = operationsOf(this.base);
    const hOps = operationsOf(this.head);
    for (const [key, b] of bOps) {
      const h = hOps.get(key);
      if (h) this.compareOperation(b, h);
      else this.emit({ rule: "operation-removed", operationId: b.operationId, where: "operation", detail: b.label, pointer: this.head.ptr("/paths") });
    }
    for (const [key, h] of hOps) {
      if (!bOps.has(key)) this.emit({ rule: "operation-added", operationId: h.operationId, where: "operation", detail: h.label, pointer: h.ptr });
    }
    return this.findings;
  }

  private doc(rule: string, detail: string, pointer: string) {
    this.emit({ rule, operationId: DOCUMENT, where: "document", detail, pointer: this.head.ptr(pointer) });
  }

  private compareServers(): void {
    const urls = (doc: Doc) => asArray(doc.root.servers).map((s) => (isNode(s) ? String(s.url) : ""));
    const b = urls(this.base);
    const h = urls(this.head);
    const moved = b[0] !== undefined && h[0] !== undefined && b[0] !== h[0];
    if (moved) this.doc("default-server-changed", `${b[0]} -> ${h[0]}`, "/servers/0");
    for (const [i, url] of b.entries()) if (!h.includes(url) && !(moved && i === 0)) this.doc("server-removed", url, "/servers");
    for (const [i, url] of h.entries()) if (!b.includes(url) && !(moved && i === 0)) this.doc("server-added", url, `/servers/${i}`);
  }

  private compareSecuritySchemes(): void {
    const schemes = (doc: Doc) => {
      const c = isNode(doc.root.components) && isNode(doc.root.components.securitySchemes) ? doc.root.components.securitySchemes : {};
      return new Map(Object.entries(c).map(([k, v]) => [k, doc.deref(v, doc.ptr(`/components/securitySchemes/${escapePointer(k)}`)).node ?? {}]));
    };
    const b = schemes(this.base);
    const h = schemes(this.head);
    const shape = (s: Node) => JSON.stringify(["type", "scheme", "in", "name", "bearerFormat", "openIdConnectUrl", "flows"].map((k) => s[k] ?? null));
    for (const [name, bs] of b) {
      const hs = h.get(name);
      if (!hs) this.doc("security-scheme-removed", name, "/components/securitySchemes");
      else if (shape(bs) !== shape(hs)) this.doc("security-scheme-changed", name, `/components/securitySchemes/${escapePointer(name)}`);
    }
    for (const name of h.keys()) if (!b.has(name)) this.doc("security-scheme-added", name, `/components/securitySchemes/${escapePointer(name)}`);
  }

  private compareOperation(b: Op, h: Op): void {
    const emit = (rule: string, where: string, detail: string, pointer: string) => this.emit({ rule, operationId: b.operationId, where, detail, pointer });
    if (b.operationId !== h.operationId) emit("operation-id-changed", "operation", `${b.operationId} -> ${h.operationId}`, `${h.ptr}/operationId`);
    const tags = (op: Node) => asArray(op.tags).map(String).join(", ");
    if (tags(b.op) !== tags(h.op)) emit("operation-group-changed", "operation", `${tags(b.op) || "none"} -> ${tags(h.op) || "none"}`, `${h.ptr}/tags`);
    if ((b.op.deprecated === true) !== (h.op.deprecated === true)) emit(h.op.deprecated === true ? "operation-deprecated" : "operation-undeprecated", "operation", "", h.ptr);
    if (text(b.op.summary) !== text(h.op.summary) || text(b.op.description) !== text(h.op.description)) emit("operation-description-changed", "operation", "", h.ptr);
    this.compareSecurity(b, h, emit);
    this.compareParameters(b, h);
    this.compareRequestBody(b, h);
    this.compareResponses(b, h);
  }

  private compareSecurity(b: Op, h: Op, emit: (rule: string, where: string, detail: string, pointer: string) => void): void {
    const bs = securityOf(this.base, b.op);
    const hs = securityOf(this.head, h.op);
    const pointer = Array.isArray(h.op.security) ? `${h.ptr}/security` : this.head.ptr("/security");
    const anonymous = (alts: Array<Map<string, string[]>>) => alts.length === 0 || alts.some((a) => a.size === 0);
    const hKeys = new Map(hs.map((a) => [altKey(a), a]));
    const bKeys = new Map(bs.map((a) => [altKey(a), a]));
    // Anonymous access accepts every caller: nothing accepted before is refused.
    const lost = anonymous(hs) ? [] : anonymous(bs) ? ["anonymous"] : [...bKeys.keys()].filter((k) => !hKeys.has(k));
    const gained = anonymous(bs) ? [] : anonymous(hs) ? ["anonymous"] : [...hKeys.keys()].filter((k) => !bKeys.has(k));
    if (lost.length) emit("security-tightened", "security", `no longer accepted: ${lost.join(", ")}`, pointer);
    if (gained.length) emit("security-loosened", "security", `now also accepted: ${gained.join(", ")}`, pointer);
    for (const [k, ba] of bKeys) {
      const ha = hKeys.get(k);
      if (!ha) continue;
      for (const [scheme, scopes] of ba) {
        const now = ha.get(scheme) ?? [];
        const added = now.filter((s) => !scopes.includes(s));
        const removed = scopes.filter((s) => !now.includes(s));
        if (added.length) emit("security-scopes-added", "security", `${scheme}: ${added.join(", ")}`, pointer);
        if (removed.length) emit("security-scopes-removed", "security", `${scheme}: ${removed.join(", ")}`, pointer);
      }
    }
  }

  private schemaContext(operationId: string, side: Side, label: string, whole: string, emit: Emit = this.emit): SchemaContext {
    return { base: this.base, head: this.head, operationId, side, label, whole, emit, seen: new Set() };
  }

  /** Parameters by location and name (header names case-insensitive); path parameters by position. */
  private parameters(doc: Doc, op: Op) {
    const out = new Map<string, { node: Node; ptr: string; label: string; position: number }>();
    const all: Array<[Json, string]> = [...op.pathLevel.map((p, i): [Json, string] => [p, `${op.pathPtr}/${i}`]), ...asArray(op.op.parameters).map((p, i): [Json, string] => [p, `${op.ptr}/parameters/${i}`])];
    const names = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? "");
    for (const [raw, ptr] of all) {
      const found = doc.deref(raw, ptr);
      const p = found.node;
      if (!p || typeof p.name !== "string") continue;
      const place = String(p.in);
      const position = place === "path" ? names.indexOf(p.name) : -1;
      const key = place === "path" && position >= 0 ? `path.#${position}` : `${place}.${place === "header" ? p.name.toLowerCase() : p.name}`;
      out.set(key, { node: p, ptr: found.ptr, label: `${place} parameter ${p.name}`, position });
    }
    return out;
  }

  private compareParameters(b: Op, h: Op): void {
    const bp = this.parameters(this.base, b);
    const hp = this.parameters(this.head, h);
    const emit = (rule: string, where: string, detail: string, pointer: string) => this.emit({ rule, operationId: b.operationId, where, detail, pointer });
    for (const [key, bParam] of bp) {
      const hParam = hp.get(key);
      if (!hParam) {
        emit("request-parameter-removed", bParam.label, "", `${h.ptr}/parameters`);
        continue;
      }
      const bn = bParam.node;
      const hn = hParam.node;
      if (bn.name !== hn.name && bn.in === "path") emit("request-path-parameter-renamed", bParam.label, `${String(bn.name)} -> ${String(hn.name)} (${b.path} -> ${h.path})`, `${hParam.ptr}/name`);
      const required = (p: Node) => p.required === true || p.in === "path";
      if (required(bn) !== required(hn)) emit(`request-parameter-became-${required(hn) ? "required" : "optional"}`, hParam.label, "", hParam.ptr);
      if ((bn.style ?? null) !== (hn.style ?? null) || (bn.explode ?? null) !== (hn.explode ?? null)) {
        emit("request-parameter-serialization-changed", hParam.label, `style ${show(bn.style)}, explode ${show(bn.explode)} -> style ${show(hn.style)}, explode ${show(hn.explode)}`, hParam.ptr);
      }
      if ((bn.deprecated === true) !== (hn.deprecated === true)) emit(hn.deprecated === true ? "request-parameter-deprecated" : "request-parameter-undeprecated", hParam.label, "", hParam.ptr);
      if (text(bn.description) !== text(hn.description)) emit("request-parameter-description-changed", hParam.label, "", hParam.ptr);
      const ctx = this.schemaContext(b.operationId, "request", hParam.label, hParam.label);
      compareSchema(ctx, { node: bn.schema, ptr: `${bParam.ptr}/schema` }, { node: hn.schema, ptr: `${hParam.ptr}/schema` }, "");
    }
    for (const [key, hParam] of hp) {
      if (bp.has(key)) continue;
      const required = hParam.node.required === true || hParam.node.in === "path";
      emit(required ? "request-required-parameter-added" : "request-optional-parameter-added", hParam.label, "", hParam.ptr);
    }
  }

  private compareRequestBody(b: Op, h: Op): void {
    const bb = this.base.deref(b.op.requestBody, `${b.ptr}/requestBody`);
    const hb = this.head.deref(h.op.requestBody, `${h.ptr}/requestBody`);
    const emit = (rule: string, detail: string, pointer: string) => this.emit({ rule, operationId: b.operationId, where: "request body", detail, pointer });
    if (!bb.node && !hb.node) return;
    if (!hb.node) return emit("request-body-removed", "", h.ptr);
    if (!bb.node) return emit(hb.node.required === true ? "request-body-added-required" : "request-body-added-optional", "", hb.ptr);
    if ((bb.node.required === true) !== (hb.node.required === true)) emit(`request-body-became-${hb.node.required === true ? "required" : "optional"}`, "", hb.ptr);
    this.compareContent(b.operationId, "request", bb.node.content, hb.node.content, `${bb.ptr}/content`, `${hb.ptr}/content`, "request", "request body", this.emit, "request-media-type");
  }

  /** Media types, then the JSON (or first) media type's schema. */
  private compareContent(operationId: string, side: Side, bc: Json | undefined, hc: Json | undefined, bptr: string, hptr: string, label: string, whole: string, emit: Emit, mediaRule: string): void {
    const b = isNode(bc) ? bc : {};
    const h = isNode(hc) ? hc : {};
    for (const m of Object.keys(b)) if (!(m in h)) emit({ rule: `${mediaRule}-removed`, operationId, where: whole, detail: m, pointer: hptr });
    for (const m of Object.keys(h)) if (!(m in b)) emit({ rule: `${mediaRule}-added`, operationId, where: whole, detail: m, pointer: `${hptr}/${escapePointer(m)}` });
    const pick = (c: Node) => Object.keys(c).find((k) => k === "application/json") ?? Object.keys(c).find((k) => /json/.test(k)) ?? Object.keys(c)[0];
    const bm = pick(b);
    const hm = pick(h);
    if (!bm || !hm) return;
    const bs = isNode(b[bm]) ? b[bm].schema : undefined;
    const hs = isNode(h[hm]) ? h[hm].schema : undefined;
    if (bs === undefined && hs !== undefined && side === "response") emit({ rule: "response-body-added", operationId, where: whole, detail: "", pointer: `${hptr}/${escapePointer(hm)}/schema` });
    if (bs !== undefined && hs === undefined && side === "response") emit({ rule: "response-body-removed", operationId, where: whole, detail: "", pointer: `${hptr}/${escapePointer(hm)}` });
    if (bs === undefined || hs === undefined) return;
    compareSchema(this.schemaContext(operationId, side, label, whole, emit), { node: bs, ptr: `${bptr}/${escapePointer(bm)}/schema` }, { node: hs, ptr: `${hptr}/${escapePointer(hm)}/schema` }, "");
  }

  private compareResponses(b: Op, h: Op): void {
    const br = isNode(b.op.responses) ? b.op.responses : {};
    const hr = isNode(h.op.responses) ? h.op.responses : {};
    const id = b.operationId;
    for (const [status, raw] of Object.entries(br)) {
      const whole = `response ${status}`;
      const hraw = hr[status];
      const hPtr = `${h.ptr}/responses/${escapePointer(status)}`;
      if (hraw === undefined) {
        this.emit({ rule: isSuccess(status) ? "response-success-status-removed" : "response-error-status-removed", operationId: id, where: whole, detail: "", pointer: `${h.ptr}/responses` });
        continue;
      }
      const bres = this.base.deref(raw, `${b.ptr}/responses/${escapePointer(status)}`);
      const hres = this.head.deref(hraw, hPtr);
      if (!bres.node || !hres.node) continue;
      // An error body (4xx, 5xx, default) is read only by error handling: what would break a success body is a warning there.
      const emit: Emit = isSuccess(status)
        ? this.emit
        : (f) => {
            if (ruleOf(f.rule, this.rules).impact === "breaking") this.emit({ ...f, rule: "response-error-body-changed", detail: [f.rule, f.detail].filter(Boolean).join(": ") });
            else this.emit(f);
          };
      if (text(bres.node.description) !== text(hres.node.description)) this.emit({ rule: "response-description-changed", operationId: id, where: whole, detail: "", pointer: `${hres.ptr}/description` });
      this.compareHeaders(id, status, bres.node, hres.node, bres.ptr, hres.ptr, emit);
      this.compareContent(id, "response", bres.node.content, hres.node.content, `${bres.ptr}/content`, `${hres.ptr}/content`, whole, `${whole} body`, emit, "response-media-type");
    }
    for (const status of Object.keys(hr)) {
      if (!(status in br)) this.emit({ rule: "response-status-added", operationId: id, where: `response ${status}`, detail: "", pointer: `${h.ptr}/responses/${escapePointer(status)}` });
    }
  }

  private compareHeaders(operationId: string, status: string, b: Node, h: Node, bptr: string, hptr: string, emit: Emit): void {
    const headers = (doc: Doc, res: Node, ptr: string) => {
      const out = new Map<string, { node: Node; ptr: string; name: string }>();
      for (const [name, raw] of Object.entries(isNode(res.headers) ? res.headers : {})) {
        const found = doc.deref(raw, `${ptr}/headers/${escapePointer(name)}`);
        if (found.node) out.set(name.toLowerCase(), { node: found.node, ptr: found.ptr, name });
      }
      return out;
    };
    const bh = headers(this.base, b, bptr);
    const hh = headers(this.head, h, hptr);
    for (const [key, bHeader] of bh) {
      const where = `response ${status} header ${bHeader.name}`;
      const hHeader = hh.get(key);
      if (!hHeader) {
        emit({ rule: bHeader.node.required === true ? "response-required-header-removed" : "response-optional-header-removed", operationId, where, detail: "", pointer: hptr });
        continue;
      }
      if ((bHeader.node.required === true) !== (hHeader.node.required === true)) {
        emit({ rule: `response-header-became-${hHeader.node.required === true ? "required" : "optional"}`, operationId, where, detail: "", pointer: hHeader.ptr });
      }
      compareSchema(this.schemaContext(operationId, "response", where, where, emit), { node: bHeader.node.schema, ptr: `${bHeader.ptr}/schema` }, { node: hHeader.node.schema, ptr: `${hHeader.ptr}/schema` }, "");
    }
    for (const [key, hHeader] of hh) if (!bh.has(key)) emit({ rule: "response-header-added", operationId, where: `response ${status} header ${hHeader.name}`, detail: "", pointer: hHeader.ptr });
  }
}

/** Every change from the base document to the head document, as rule findings. */
export function compareSpecs(base: Doc, head: Doc): Finding[] {
  return new SpecComparison(base, head).run();
}
