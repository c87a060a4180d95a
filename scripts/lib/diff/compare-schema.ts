/**
 * One schema of the base against the same schema in the head, keyword by
 * keyword, on one side of a call: a request (what the caller sends: widening
 * is safe) or a response (what the caller reads: narrowing is safe). Every
 * change found is reported as a rule id of rules.ts.
 */
import type { Json, Node } from "../conformance/model.js";
import { isNode } from "../conformance/resolve.js";
import { asArray, type Doc, type Emit, escapePointer, sameOnBothSides, show, type Side, text } from "./doc.js";
import { type Constraint, constraintRule, constraints } from "./rules.js";

export interface SchemaContext {
  base: Doc;
  head: Doc;
  operationId: string;
  side: Side;
  /** `request`, `response 200`, `query parameter limit`, `response 200 header x-rate-limit`. */
  label: string;
  /** The label's own words when no field is named (`request body`, `query parameter limit`). */
  whole: string;
  emit: Emit;
  /** Pairs of refs already being compared (recursive schemas). */
  seen: Set<string>;
}

interface Place {
  node: Json | undefined;
  ptr: string;
}

const COMPOSITION = ["oneOf", "anyOf"] as const;

/** Types a schema allows, "null" included; empty = any. */
function typesOf(s: Node): Set<string> {
  const t = s.type;
  const list = Array.isArray(t) ? t.map(String) : typeof t === "string" ? [t] : [];
  if (s.nullable === true) list.push("null");
  if (list.length === 0 && isNode(s.properties)) list.push("object");
  return new Set(list);
}

interface Flat {
  schema: Node;
  props: Map<string, Place>;
  /** The pointers of the schemas (allOf members) the merged keywords come from; a keyword not listed is the schema's own. */
  from: Map<string, string>;
}

/** allOf members merged into one schema (properties, required, type, enum), each property and merged keyword with its own pointer. */
function flatten(doc: Doc, s: Node, ptr: string, visiting = new Set<Node>()): Flat {
  const props = new Map<string, Place>();
  const from = new Map<string, string>();
  if (isNode(s.properties)) for (const [k, v] of Object.entries(s.properties)) props.set(k, { node: v, ptr: `${ptr}/properties/${escapePointer(k)}` });
  if (!Array.isArray(s.allOf) || visiting.has(s)) return { schema: s, props, from };
  visiting.add(s);
  const merged: Node = { ...s };
  delete merged.allOf;
  const required = new Set(asArray(s.required).map(String));
  s.allOf.forEach((member, i) => {
    const m = doc.deref(member, `${ptr}/allOf/${i}`);
    if (!m.node) return;
    const flat = flatten(doc, m.node, m.ptr, visiting);
    for (const [k, v] of flat.props) if (!props.has(k)) props.set(k, v);
    for (const r of asArray(flat.schema.required)) required.add(String(r));
    for (const key of ["type", "nullable", "enum", "x-open-enum", "x-extensible-enum", "oneOf", "anyOf", "discriminator", "additionalProperties", "items", "format"]) {
      if (merged[key] === undefined && flat.schema[key] !== undefined) {
        merged[key] = flat.schema[key];
        from.set(key, flat.from.get(key) ?? m.ptr);
      }
    }
  });
  visiting.delete(s);
  merged.required = [...required];
  return { schema: merged, props, from };
}

function where(ctx: SchemaContext, path: string): string {
  return path ? `${ctx.label} field ${path}` : ctx.whole;
}

/** Compares a schema present on both sides; `path` names the field (`data[].name`, "" for the root). */
export function compareSchema(ctx: SchemaContext, b: Place, h: Place, path: string): void {
  const bf = ctx.base.deref(b.node, b.ptr);
  const hf = ctx.head.deref(h.node, h.ptr);
  if (!bf.node || !hf.node) return;
  // Most of a spec is unchanged by a pull request: the same schema, with all it refers to, needs no walk.
  if (sameOnBothSides(ctx.base, ctx.head, bf, hf)) return;
  if (bf.ref || hf.ref) {
    const key = `${ctx.side}|${bf.ptr}|${hf.ptr}`;
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
  }
  const bflat = flatten(ctx.base, bf.node, bf.ptr);
  const hflat = flatten(ctx.head, hf.node, hf.ptr);
  const bs = bflat.schema;
  const hs = hflat.schema;
  const at = where(ctx, path);
  const emit = (rule: string, detail = "", pointer = hf.ptr) => ctx.emit({ rule, operationId: ctx.operationId, where: at, detail, pointer });
  const side = ctx.side;

  if (text(bs.description) !== text(hs.description) || text(bs.title) !== text(hs.title)) emit("schema-description-changed", "", `${hf.ptr}/description`);
  if ((bs.deprecated === true) !== (hs.deprecated === true)) emit(hs.deprecated === true ? "property-deprecated" : "property-undeprecated");
  if (side === "request" && (bs.readOnly === true) !== (hs.readOnly === true)) emit(hs.readOnly === true ? "request-property-became-read-only" : "request-property-no-longer-read-only");
  if (side === "response" && (bs.writeOnly === true) !== (hs.writeOnly === true)) emit(hs.writeOnly === true ? "response-property-became-write-only" : "response-property-no-longer-write-only");

  // A schema that became a union (or stopped being one) has no type to compare with the other side.
  // Where a keyword is: in the schema, or in the allOf member it was merged from.
  const bAt = (key: string) => `${bflat.from.get(key) ?? bf.ptr}/${key}`;
  const hAt = (key: string) => `${hflat.from.get(key) ?? hf.ptr}/${key}`;
  if (compareComposition(ctx, bs, hs, bAt, hAt, path, emit)) compareTypes(side, bs, hs, emit);
  compareFormat(side, bs, hs, emit);
  compareEnums(side, bs, hs, emit);
  compareConstraints(side, bs, hs, emit, hf.ptr);
  compareDefault(side, bs, hs, emit, hf.ptr);
  compareProperties(ctx, bflat.props, hflat.props, bs, hs, path, hf.ptr);

  const bOpen = bs.additionalProperties !== false;
  const hOpen = hs.additionalProperties !== false;
  // An object with declared fields, its own or its allOf members': closing a plain map is a type change, reported by the map's rules.
  const declared = isNode(bs.properties) || isNode(hs.properties) || bflat.props.size > 0 || hflat.props.size > 0;
  if (bOpen !== hOpen && declared) {
    emit(`${side}-additional-properties-${hOpen ? "opened" : "closed"}`, "", hAt("additionalProperties"));
  }
  if (isNode(bs.additionalProperties) && isNode(hs.additionalProperties)) {
    compareSchema(ctx, { node: bs.additionalProperties, ptr: bAt("additionalProperties") }, { node: hs.additionalProperties, ptr: hAt("additionalProperties") }, `${path || ""}{*}`);
  }
  if (bs.items !== undefined && hs.items !== undefined) compareSchema(ctx, { node: bs.items, ptr: bAt("items") }, { node: hs.items, ptr: hAt("items") }, `${path}[]`);
}

type LocalEmit = (rule: string, detail?: string, pointer?: string) => void;

/** A schema's own content, without its documentation, for telling whether two are the same. */
function shapeOf(schema: Node): string {
  const { description: _d, title: _t, example: _e, examples: _x, ...rest } = schema;
  return JSON.stringify(rest);
}

/** The shape of the schema at `ptr` (its `$ref`s read from the file it is in), "" for none. */
function shape(doc: Doc, node: Json | undefined, ptr: string): string {
  const found = doc.deref(node, ptr).node;
  return found ? shapeOf(found) : "";
}

interface Variant extends Place {
  /** The `$ref`'s last segment, or `#<position>` for an inline schema. */
  name: string;
  shape: string;
}

const variantName = (v: Json, i: number) => (isNode(v) && typeof v.$ref === "string" ? (v.$ref.split("/").pop() ?? v.$ref) : `#${i}`);

/** The variants of a oneOf/anyOf list found at `at`. */
function variantsOf(doc: Doc, list: Json[], at: string): Variant[] {
  return list.map((v, i) => {
    const ptr = `${at}/${i}`;
    return { node: v, ptr, name: variantName(v, i), shape: shape(doc, v, ptr) };
  });
}

/**
 * Base and head variants side by side: by `$ref` name, then inline ones of the
 * same content (a reordering is no change), then the remaining inline ones in
 * order (an edited variant is compared field by field, not removed and added).
 * A variant with no partner is on one side only.
 */
function pairVariants(bv: Variant[], hv: Variant[]): Array<[Variant | undefined, Variant | undefined]> {
  const pairs: Array<[Variant | undefined, Variant | undefined]> = [];
  const left = new Set(hv);
  const take = (b: Variant, match: (h: Variant) => boolean) => {
    const h = [...left].find(match);
    if (h) left.delete(h);
    return h;
  };
  const inline = (v: Variant) => v.name.startsWith("#");
  const unpaired: Variant[] = [];
  for (const b of bv) {
    const h = inline(b) ? take(b, (x) => inline(x) && x.shape === b.shape) : take(b, (x) => x.name === b.name);
    if (h) pairs.push([b, h]);
    else if (inline(b)) unpaired.push(b);
    else pairs.push([b, undefined]);
  }
  for (const b of unpaired) pairs.push([b, take(b, inline)]);
  for (const h of left) pairs.push([undefined, h]);
  return pairs;
}

/**
 * Variants are matched by their `$ref` (or position for inline ones); a
 * widening of a request is safe, of a response it breaks exhaustive
 * handling. A schema that became a union of itself and more is a widening
 * too. False when one side is a union and the other is not.
 */
function compareComposition(ctx: SchemaContext, bs: Node, hs: Node, bAt: (key: string) => string, hAt: (key: string) => string, path: string, emit: LocalEmit): boolean {
  const bk = COMPOSITION.find((k) => Array.isArray(bs[k]));
  const hk = COMPOSITION.find((k) => Array.isArray(hs[k]));
  if (!bk && !hk) return true;
  if (!bk || !hk) {
    const [single, union, unionDoc, unionAt] = bk ? [hs, asArray(bs[bk]), ctx.base, bAt(bk)] : [bs, asArray(hs[hk ?? "oneOf"]), ctx.head, hAt(hk ?? "oneOf")];
    const kept = variantsOf(unionDoc, union, unionAt).some((v) => v.shape === shapeOf(single));
    const detail = `${bk ?? "one schema"} -> ${hk ?? "one schema"}`;
    emit(kept ? `${ctx.side}-variant-${bk ? "removed" : "added"}` : "schema-composition-changed", detail);
    return false;
  }
  if (bk !== hk) emit("composition-keyword-changed", `${bk} -> ${hk}`, hAt(hk));
  for (const [b, h] of pairVariants(variantsOf(ctx.base, asArray(bs[bk]), bAt(bk)), variantsOf(ctx.head, asArray(hs[hk]), hAt(hk)))) {
    if (b && h) compareSchema(ctx, b, h, path);
    else if (b) emit(`${ctx.side}-variant-removed`, b.name, hAt(hk));
    else if (h) emit(`${ctx.side}-variant-added`, h.name, h.ptr);
  }

  const bd = isNode(bs.discriminator) ? bs.discriminator : undefined;
  const hd = isNode(hs.discriminator) ? hs.discriminator : undefined;
  if (bd && hd) {
    if (bd.propertyName !== hd.propertyName) emit("discriminator-property-changed", `${show(bd.propertyName)} -> ${show(hd.propertyName)}`, hAt("discriminator"));
    const bm = isNode(bd.mapping) ? Object.keys(bd.mapping) : [];
    const hm = isNode(hd.mapping) ? Object.keys(hd.mapping) : [];
    for (const v of bm) if (!hm.includes(v)) emit(`${ctx.side}-discriminator-value-removed`, v, hAt("discriminator"));
    for (const v of hm) if (!bm.includes(v)) emit(`${ctx.side}-discriminator-value-added`, v, `${hAt("discriminator")}/mapping/${escapePointer(v)}`);
  } else if (bd || hd) emit("discriminator-property-changed", `${show(bd?.propertyName)} -> ${show(hd?.propertyName)}`);
  return true;
}

/** integer is a subset of number (both TypeScript `number`); no type at all accepts anything. */
function covers(types: Set<string>, t: string): boolean {
  return types.size === 0 || types.has(t) || (t === "integer" && types.has("number"));
}

function compareTypes(side: Side, bs: Node, hs: Node, emit: LocalEmit): void {
  const bt = typesOf(bs);
  const ht = typesOf(hs);
  const bNull = bt.delete("null");
  const hNull = ht.delete("null");
  const list = (s: Set<string>) => [...s].sort().join("|") || "any";
  if (list(bt) !== list(ht)) {
    const widened = ht.size === 0 || (bt.size > 0 && [...bt].every((t) => covers(ht, t)));
    const narrowed = bt.size === 0 || (ht.size > 0 && [...ht].every((t) => covers(bt, t)));
    const detail = `${list(bt)} -> ${list(ht)}`;
    const only = (s: Set<string>, t: string) => s.size === 1 && s.has(t);
    if (side === "request") {
      if (widened) emit("request-type-widened", detail);
      else if (only(bt, "number") && only(ht, "integer")) emit("request-number-became-integer", detail);
      else emit("request-type-changed", detail);
    } else if (narrowed) emit("response-type-narrowed", detail);
    else if (only(bt, "integer") && only(ht, "number")) emit("response-integer-became-number", detail);
    else emit("response-type-changed", detail);
  }
  if (bNull !== hNull) emit(`${side}-nullable-${hNull ? "added" : "removed"}`);
}

function compareFormat(side: Side, bs: Node, hs: Node, emit: LocalEmit): void {
  const bf = typeof bs.format === "string" ? bs.format : undefined;
  const hf = typeof hs.format === "string" ? hs.format : undefined;
  if (bf === hf) return;
  const detail = `${bf ?? "none"} -> ${hf ?? "none"}`;
  if (side === "request") emit(hf === undefined ? "request-format-removed" : "request-format-changed", detail);
  else emit(bf === undefined ? "response-format-added" : "response-format-changed", detail);
}

/** The values of `enum`, `x-extensible-enum` (open by definition) or `const`. */
function enumOf(s: Node): { values: Set<string>; open: boolean } | undefined {
  // `const` (OpenAPI 3.1) is an enum of one value.
  const list = Array.isArray(s.enum) ? s.enum : Array.isArray(s["x-extensible-enum"]) ? s["x-extensible-enum"] : "const" in s ? [s.const ?? null] : undefined;
  if (!list) return undefined;
  const values = new Set(list.filter((v) => v !== null).map(show));
  return { values, open: s["x-open-enum"] === true || Array.isArray(s["x-extensible-enum"]) };
}

function compareEnums(side: Side, bs: Node, hs: Node, emit: LocalEmit): void {
  const be = enumOf(bs);
  const he = enumOf(hs);
  if (!be && !he) return;
  if (!be || !he) {
    emit(`${side}-enum-${he ? "added" : "removed"}`, `${be ? [...be.values].join("|") : "any"} -> ${he ? [...he.values].join("|") : "any"}`);
    return;
  }
  for (const v of be.values) {
    if (he.values.has(v)) continue;
    if (side === "request") emit(he.open ? "request-open-enum-value-removed" : "request-enum-value-removed", v);
    else emit("response-enum-value-removed", v);
  }
  for (const v of he.values) {
    if (be.values.has(v)) continue;
    if (side === "response") emit(he.open ? "response-open-enum-value-added" : "response-enum-value-added", v);
    else emit("request-enum-value-added", v);
  }
  if (be.open !== he.open) emit(`${side}-enum-${he.open ? "opened" : "closed"}`);
}

/** true: `after` accepts less than `before`; false: more; undefined: the same. */
function tightened(c: Constraint, before: Json | undefined, after: Json | undefined): boolean | undefined {
  if (c.kind === "flag") return before === true === (after === true) ? undefined : after === true;
  if (c.kind === "pattern") {
    if (before === after) return undefined;
    return after !== undefined;
  }
  // exclusiveMaximum/-Minimum: a boolean (OpenAPI 3.0) turns the limit exclusive; compare the flag.
  if (typeof before === "boolean" || typeof after === "boolean") return before === true === (after === true) ? undefined : after === true;
  const b = typeof before === "number" ? before : undefined;
  const a = typeof after === "number" ? after : undefined;
  if (b === a) return undefined;
  if (c.kind === "multipleOf") {
    // Looser only when every old multiple is a new one (the new step divides the old).
    if (a === undefined) return false;
    return b === undefined || !Number.isInteger(b / a);
  }
  const bound = (v: number | undefined) => v ?? (c.kind === "max" ? Infinity : -Infinity);
  return c.kind === "max" ? bound(a) < bound(b) : bound(a) > bound(b);
}

function compareConstraints(side: Side, bs: Node, hs: Node, emit: LocalEmit, ptr: string): void {
  for (const c of constraints()) {
    const t = tightened(c, bs[c.keyword], hs[c.keyword]);
    if (t === undefined) continue;
    emit(constraintRule(side, c, t), `${c.keyword} ${show(bs[c.keyword])} -> ${show(hs[c.keyword])}`, hs[c.keyword] === undefined ? ptr : `${ptr}/${c.keyword}`);
  }
}

function compareDefault(side: Side, bs: Node, hs: Node, emit: LocalEmit, ptr: string): void {
  const b = "default" in bs ? JSON.stringify(bs.default) : undefined;
  const h = "default" in hs ? JSON.stringify(hs.default) : undefined;
  if (b === h) return;
  const detail = `${b ?? "none"} -> ${h ?? "none"}`;
  const pointer = h === undefined ? ptr : `${ptr}/default`;
  if (side === "response") emit("response-default-changed", detail, pointer);
  else emit(b === undefined ? "request-default-added" : h === undefined ? "request-default-removed" : "request-default-changed", detail, pointer);
}

function compareProperties(ctx: SchemaContext, bp: Map<string, Place>, hp: Map<string, Place>, bs: Node, hs: Node, path: string, hptr: string): void {
  const bReq = new Set(asArray(bs.required).map(String));
  const hReq = new Set(asArray(hs.required).map(String));
  const side = ctx.side;
  const readOnlyIn = (doc: Doc, place: Place) => doc.deref(place.node, place.ptr).node?.readOnly === true;
  const writeOnlyIn = (doc: Doc, place: Place) => doc.deref(place.node, place.ptr).node?.writeOnly === true;
  // A request never sends readOnly fields, a response never carries writeOnly ones.
  const hidden = (doc: Doc, place: Place) => (side === "request" ? readOnlyIn(doc, place) : writeOnlyIn(doc, place));
  for (const [name, b] of bp) {
    const sub = path ? `${path}.${name}` : name;
    const at = `${ctx.label} field ${sub}`;
    const emit = (rule: string, pointer: string) => ctx.emit({ rule, operationId: ctx.operationId, where: at, detail: "", pointer });
    const h = hp.get(name);
    if (!h) {
      if (!hidden(ctx.base, b)) emit(`${side}-property-removed`, hptr);
      continue;
    }
    if (bReq.has(name) !== hReq.has(name) && !hidden(ctx.base, b) && !hidden(ctx.head, h)) {
      emit(`${side}-property-became-${hReq.has(name) ? "required" : "optional"}`, h.ptr);
    }
    compareSchema(ctx, b, h, sub);
  }
  for (const [name, h] of hp) {
    if (bp.has(name) || hidden(ctx.head, h)) continue;
    const sub = path ? `${path}.${name}` : name;
    const rule = side === "response" ? "response-property-added" : hReq.has(name) ? "request-required-property-added" : "request-optional-property-added";
    ctx.emit({ rule, operationId: ctx.operationId, where: `${ctx.label} field ${sub}`, detail: "", pointer: h.ptr });
  }
}
