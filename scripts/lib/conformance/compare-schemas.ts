/**
 * Field-by-field comparison of one of our schemas with another (the
 * provider's, or the base of a spec change): types, formats, enum values (and
 * openness), properties, required-ness, nested objects and array items,
 * composition keywords.
 */
import type { DifferenceFacts, Json, Node } from "./model.js";
import { isNode, type Resolver } from "./resolve.js";

export type Report = (location: string, kind: string, detail: string, facts?: DifferenceFacts) => void;

interface Side {
  resolver: Resolver;
  node: Json | undefined;
}

const COMPOSITION = ["oneOf", "anyOf"] as const;

export function typesOf(schema: Node): Set<string> {
  const t = schema.type;
  const list = Array.isArray(t) ? t.map(String) : typeof t === "string" ? [t] : [];
  if (schema.nullable === true) list.push("null");
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) list.push("null");
  if (list.length === 0 && isNode(schema.properties)) list.push("object");
  if (list.length === 0 && Array.isArray(schema.enum) && schema.enum.some((v) => typeof v === "string")) list.push("string");
  return new Set(list);
}

/**
 * allOf members merged into one object schema (properties, required, type).
 * `visiting` guards against allOf cycles (A allOf B allOf A), which a hostile
 * or broken provider file may contain: a member already being merged adds nothing.
 */
export function flatten(resolver: Resolver, schema: Node, visiting = new Set<Node>()): Node {
  if (!Array.isArray(schema.allOf)) return schema;
  if (visiting.has(schema)) return { ...schema, allOf: null };
  visiting.add(schema);
  const merged: Node = { ...schema, allOf: null };
  const properties: Node = { ...(isNode(schema.properties) ? schema.properties : {}) };
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required.map(String) : []);
  for (const member of schema.allOf) {
    const m = resolver.deref(member).node;
    if (!m) continue;
    const flat = flatten(resolver, m, visiting);
    if (isNode(flat.properties)) Object.assign(properties, flat.properties);
    if (Array.isArray(flat.required)) for (const r of flat.required) required.add(String(r));
    if (merged.type === undefined && flat.type !== undefined) merged.type = flat.type;
  }
  visiting.delete(schema);
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
  const recurse = (oNode: Json | undefined, tNode: Json | undefined, at: string) =>
    compareSchemas({ resolver: ours.resolver, node: oNode }, { resolver: theirs.resolver, node: tNode }, at, report, seen);


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
      if (i < ov.length) recurse(ov[i], variant, `${location}<${i}>`);
    });
  }

  const ot = typesOf(os);
  const tt = typesOf(ts);
  const oNonNull = new Set([...ot].filter((x) => x !== "null"));
  const tNonNull = new Set([...tt].filter((x) => x !== "null"));
  const typeFacts = { ours: [...ot].sort(), theirs: [...tt].sort() };
  if (tNonNull.size && oNonNull.size && fmt(oNonNull) !== fmt(tNonNull)) report(location, "type-differs", `ours: ${fmt(oNonNull)}; provider: ${fmt(tNonNull)}`, typeFacts);
  if (ot.has("null") !== tt.has("null") && (tNonNull.size || oNonNull.size)) report(location, ot.has("null") ? "nullable-added" : "nullable-removed", `ours: ${fmt(ot)}; provider: ${fmt(tt)}`, typeFacts);
  const of = typeof os.format === "string" ? os.format.toLowerCase() : undefined;
  const tf = typeof ts.format === "string" ? ts.format.toLowerCase() : undefined;
  if (of !== tf) report(location, "format-differs", `ours: ${of ?? "none"}; provider: ${tf ?? "none"}`, { ours: of ? [of] : [], theirs: tf ? [tf] : [] });

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
    recurse(oProps[name], tProps[name], at);
  }
  for (const name of Object.keys(oProps)) {
    if (!(name in tProps)) report(`${location}.${name}`, "property-added", "ours has this property; the provider does not", { required: oReq.has(name) });
  }
  for (const name of tReq) if (!(name in tProps) && !oReq.has(name)) report(`${location}.${name}`, "required-removed", "the provider requires a property it does not define");

  const oClosed = os.additionalProperties === false;
  const tClosed = ts.additionalProperties === false;
  if (oClosed !== tClosed) report(location, "additional-properties-differs", `ours: ${oClosed ? "closed" : "open"}; provider: ${tClosed ? "closed" : "open"}`, { ours: [oClosed ? "closed" : "open"], theirs: [tClosed ? "closed" : "open"] });

  if (ts.items !== undefined || os.items !== undefined) recurse(os.items, ts.items, `${location}[]`);
}

function compareEnums(os: Node, ts: Node, location: string, report: Report): void {
  const oe = Array.isArray(os.enum) ? os.enum : undefined;
  const te = Array.isArray(ts.enum) ? ts.enum : undefined;
  const open = os["x-open-enum"] === true;
  if (!oe && !te) return;
  if (!oe) {
    report(location, "enum-removed", `the provider lists ${te?.length} values; ours accepts any value`);
    return;
  }
  if (!te) {
    report(location, "enum-added", `ours lists ${oe.length} values; the provider has no enum`, { open });
    return;
  }
  const oSet = new Set(oe.map((v) => JSON.stringify(v)));
  const tSet = new Set(te.map((v) => JSON.stringify(v)));
  for (const v of tSet) if (!oSet.has(v)) report(location, `enum-value-missing:${JSON.parse(v) as string}`, "the provider has this value; ours does not", { open });
  for (const v of oSet) if (!tSet.has(v)) report(location, `enum-value-added:${JSON.parse(v) as string}`, "ours has this value; the provider does not", { open });
  if (open && ts["x-open-enum"] !== true) report(location, "enum-open", "ours accepts values beyond the list; the provider's enum is closed");
}
