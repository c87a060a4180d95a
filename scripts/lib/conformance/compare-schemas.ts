/**
 * Field-by-field comparison of one of our schemas with the provider's:
 * types, formats, enum values (and openness), properties, required-ness,
 * nested objects and array items, composition keywords.
 */
import type { Json, Node } from "./model.js";
import { isNode, type Resolver } from "./resolve.js";

export type Report = (location: string, kind: string, detail: string) => void;

interface Side {
  resolver: Resolver;
  node: Json | undefined;
}

const COMPOSITION = ["oneOf", "anyOf"] as const;

function types(schema: Node): Set<string> {
  const t = schema.type;
  const list = Array.isArray(t) ? t.map(String) : typeof t === "string" ? [t] : [];
  if (schema.nullable === true) list.push("null");
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) list.push("null");
  if (list.length === 0 && isNode(schema.properties)) list.push("object");
  if (list.length === 0 && Array.isArray(schema.enum) && schema.enum.some((v) => typeof v === "string")) list.push("string");
  return new Set(list);
}

/** allOf members merged into one object schema (properties, required, type). */
function flatten(resolver: Resolver, schema: Node): Node {
  if (!Array.isArray(schema.allOf)) return schema;
  const merged: Node = { ...schema, allOf: null };
  const properties: Node = { ...(isNode(schema.properties) ? schema.properties : {}) };
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required.map(String) : []);
  for (const member of schema.allOf) {
    const m = resolver.deref(member).node;
    if (!m) continue;
    const flat = flatten(resolver, m);
    if (isNode(flat.properties)) Object.assign(properties, flat.properties);
    if (Array.isArray(flat.required)) for (const r of flat.required) required.add(String(r));
    if (merged.type === undefined && flat.type !== undefined) merged.type = flat.type;
  }
  merged.properties = properties;
  merged.required = [...required];
  return merged;
}

const fmt = (set: Set<string>) => [...set].sort().join("|") || "any";

export function compareSchemas(ours: Side, theirs: Side, location: string, report: Report, seen = new Set<string>()): void {
  const o = ours.resolver.deref(ours.node);
  const t = theirs.resolver.deref(theirs.node);
  if (!t.node) {
    if (t.ref) report(location, "provider-dangling-ref", `the provider refers to ${t.ref}, which it does not define`);
    return;
  }
  if (!o.node) {
    report(location, "schema-missing", "the provider describes a schema here; ours has none");
    return;
  }
  const key = `${o.ref ?? location}|${t.ref ?? location}`;
  if ((o.ref || t.ref) && seen.has(key)) return;
  seen.add(key);
  const os = flatten(ours.resolver, o.node);
  const ts = flatten(theirs.resolver, t.node);

  // Composition: one difference at this place, without descending into (possibly hundreds of) variants.
  const oComp = COMPOSITION.find((k) => Array.isArray(os[k]));
  const tComp = COMPOSITION.find((k) => Array.isArray(ts[k]));
  if (oComp !== tComp) {
    if (!oComp || !tComp) {
      report(location, "composition-differs", `ours: ${oComp ?? "a single schema"}; provider: ${tComp ?? "a single schema"}${tComp ? ` of ${(ts[tComp] as Json[]).length}` : ""}`);
      return;
    }
    report(location, "composition-keyword-differs", `ours: ${oComp}; provider: ${tComp}`);
  }
  if (oComp && tComp) {
    const ov = os[oComp] as Json[];
    const tv = ts[tComp] as Json[];
    if (ov.length !== tv.length) report(location, "composition-variants-differ", `ours: ${ov.length} variants; provider: ${tv.length}`);
    tv.forEach((variant, i) => {
      if (i < ov.length) compareSchemas({ resolver: ours.resolver, node: ov[i] }, { resolver: theirs.resolver, node: variant }, `${location}<${i}>`, report, seen);
    });
  }

  const ot = types(os);
  const tt = types(ts);
  const oNonNull = new Set([...ot].filter((x) => x !== "null"));
  const tNonNull = new Set([...tt].filter((x) => x !== "null"));
  if (tNonNull.size && oNonNull.size && fmt(oNonNull) !== fmt(tNonNull)) report(location, "type-differs", `ours: ${fmt(oNonNull)}; provider: ${fmt(tNonNull)}`);
  if (ot.has("null") !== tt.has("null") && (tNonNull.size || oNonNull.size)) report(location, ot.has("null") ? "nullable-added" : "nullable-removed", `ours: ${fmt(ot)}; provider: ${fmt(tt)}`);
  const of = typeof os.format === "string" ? os.format.toLowerCase() : undefined;
  const tf = typeof ts.format === "string" ? ts.format.toLowerCase() : undefined;
  if (of !== tf) report(location, "format-differs", `ours: ${of ?? "none"}; provider: ${tf ?? "none"}`);

  compareEnums(os, ts, location, report);

  const oProps = isNode(os.properties) ? os.properties : {};
  const tProps = isNode(ts.properties) ? ts.properties : {};
  const oReq = new Set(Array.isArray(os.required) ? os.required.map(String) : []);
  const tReq = new Set(Array.isArray(ts.required) ? ts.required.map(String) : []);
  for (const name of Object.keys(tProps)) {
    const at = `${location}.${name}`;
    if (!(name in oProps)) {
      report(at, "property-missing", "the provider has this property; ours does not");
      continue;
    }
    if (oReq.has(name) !== tReq.has(name)) report(at, oReq.has(name) ? "required-added" : "required-removed", `ours: ${oReq.has(name) ? "required" : "optional"}; provider: ${tReq.has(name) ? "required" : "optional"}`);
    compareSchemas({ resolver: ours.resolver, node: oProps[name] }, { resolver: theirs.resolver, node: tProps[name] }, at, report, seen);
  }
  for (const name of Object.keys(oProps)) {
    if (!(name in tProps)) report(`${location}.${name}`, "property-added", "ours has this property; the provider does not");
  }
  for (const name of tReq) if (!(name in tProps) && !oReq.has(name)) report(`${location}.${name}`, "required-removed", "the provider requires a property it does not define");

  const oClosed = os.additionalProperties === false;
  const tClosed = ts.additionalProperties === false;
  if (oClosed !== tClosed) report(location, "additional-properties-differs", `ours: ${oClosed ? "closed" : "open"}; provider: ${tClosed ? "closed" : "open"}`);

  if (ts.items !== undefined || os.items !== undefined) {
    compareSchemas({ resolver: ours.resolver, node: os.items }, { resolver: theirs.resolver, node: ts.items }, `${location}[]`, report, seen);
  }
}

function compareEnums(os: Node, ts: Node, location: string, report: Report): void {
  const oe = Array.isArray(os.enum) ? os.enum : undefined;
  const te = Array.isArray(ts.enum) ? ts.enum : undefined;
  if (!oe && !te) return;
  if (!oe) {
    report(location, "enum-removed", `the provider lists ${te?.length} values; ours accepts any value`);
    return;
  }
  if (!te) {
    report(location, "enum-added", `ours lists ${oe.length} values; the provider has no enum`);
    return;
  }
  const oSet = new Set(oe.map((v) => JSON.stringify(v)));
  const tSet = new Set(te.map((v) => JSON.stringify(v)));
  for (const v of tSet) if (!oSet.has(v)) report(location, `enum-value-missing:${JSON.parse(v) as string}`, "the provider has this value; ours does not");
  for (const v of oSet) if (!tSet.has(v)) report(location, `enum-value-added:${JSON.parse(v) as string}`, "ours has this value; the provider does not");
  if (os["x-open-enum"] === true && ts["x-open-enum"] !== true) report(location, "enum-open", "ours accepts values beyond the list; the provider's enum is closed");
}
