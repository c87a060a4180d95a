/**
 * spec:diff's rule table: every kind of change it knows, with a stable id, a
 * level and one line saying what it does to a TypeScript caller of this
 * client. The comparison (compare.ts, compare-schema.ts) only names rule ids;
 * the verdict lives here.
 *
 * Levels:
 * - `breaking`, with a reason: `types` (code that compiled against the old
 *   client no longer compiles), `requests` (it compiles, but the server now
 *   rejects or answers the same call differently), `responses` (a value the
 *   caller read can no longer be read).
 * - `warning`: behaviour may change, nothing is rejected.
 * - `non-breaking`: an addition or a widening; `docs`: text only.
 *
 * To add a rule: add its entry below (or a keyword to constraints()), emit its
 * id where the comparison sees the change, and add a fixture pair to
 * test/spec-diff/fixtures/ (a test fails while a rule has none; another keeps
 * docs/spec-diff-rules.md equal to this table).
 */

export type Impact = "breaking" | "warning" | "non-breaking" | "docs";
export type Reason = "types" | "requests" | "responses";

export interface Rule {
  id: string;
  impact: Impact;
  reason: Reason | null;
  /** One line, plain text (no Markdown): what the change does to a caller. */
  message: string;
}

type Level = "types" | "requests" | "responses" | "warning" | "non-breaking" | "docs";

/**
 * [id, level, message]: a breaking rule's level is its reason. The tables are
 * built by functions, once per comparison, not at module load: Stryker's
 * per-test coverage can then tell which tests read them (module-level data is
 * "static" to it, and each static mutant would cost every test).
 */
const table = (): Array<[string, Level, string]> => [
  // Document
  ["server-removed", "warning", "a server was removed: callers that chose it by URL must move"],
  ["server-added", "non-breaking", "a server was added"],
  ["default-server-changed", "warning", "the first server (the client's default base URL) changed: calls go to another URL unless baseUrl is set"],
  ["security-scheme-changed", "requests", "a security scheme's type or parameters changed: credentials sent the old way are refused"],
  ["security-scheme-removed", "requests", "a security scheme was removed: callers authenticating with it are refused"],
  ["security-scheme-added", "non-breaking", "a security scheme was added"],
  // Operations
  ["operation-removed", "types", "operation removed: its client method no longer exists"],
  ["operation-added", "non-breaking", "operation added"],
  ["operation-id-changed", "types", "operationId renamed: the client method is renamed"],
  ["operation-group-changed", "types", "tag changed: the client method moves to another group"],
  ["operation-deprecated", "warning", "operation deprecated"],
  ["operation-undeprecated", "docs", "operation no longer deprecated"],
  ["operation-description-changed", "docs", "summary or description changed"],
  ["security-tightened", "requests", "a way of authenticating this operation accepted before is now refused"],
  ["security-loosened", "non-breaking", "this operation now accepts more ways of authenticating"],
  ["security-scopes-added", "requests", "a security requirement now needs more scopes: tokens without them are refused"],
  ["security-scopes-removed", "non-breaking", "a security requirement needs fewer scopes"],
  // Parameters (path, query, header, cookie)
  ["request-parameter-removed", "types", "parameter removed: code passing it no longer compiles"],
  ["request-required-parameter-added", "types", "required parameter added: existing calls lack it"],
  ["request-optional-parameter-added", "non-breaking", "optional parameter added"],
  ["request-parameter-became-required", "types", "parameter now required: calls without it no longer compile"],
  ["request-parameter-became-optional", "non-breaking", "parameter now optional"],
  ["request-path-parameter-renamed", "types", "path parameter renamed: the typed client passes it by position (unchanged), but createRawClient callers must rename the path key and params.path field"],
  ["request-parameter-serialization-changed", "requests", "parameter style or explode changed: the same value is sent in another form"],
  ["request-parameter-deprecated", "warning", "parameter deprecated"],
  ["request-parameter-undeprecated", "docs", "parameter no longer deprecated"],
  ["request-parameter-description-changed", "docs", "parameter description changed"],
  // Request body
  ["request-body-removed", "types", "request body removed: code passing one no longer compiles"],
  ["request-body-added-required", "types", "required request body added: existing calls lack it"],
  ["request-body-added-optional", "non-breaking", "optional request body added"],
  ["request-body-became-required", "types", "request body now required"],
  ["request-body-became-optional", "non-breaking", "request body now optional"],
  ["request-media-type-removed", "requests", "request content type removed: bodies sent as it are refused"],
  ["request-media-type-added", "non-breaking", "request content type added"],
  // Responses
  ["response-success-status-removed", "responses", "success status removed: the answer the caller handled no longer comes"],
  ["response-error-status-removed", "warning", "error or default response no longer declared: error handling written for it may not run"],
  ["response-status-added", "non-breaking", "response status added"],
  ["response-media-type-removed", "responses", "response content type removed: the caller no longer receives that form"],
  ["response-media-type-added", "non-breaking", "response content type added"],
  ["response-body-removed", "types", "success response body removed: the typed result loses its fields"],
  ["response-body-added", "non-breaking", "response body schema added"],
  ["response-error-body-changed", "warning", "error response body changed: code reading error details may read other fields"],
  ["response-description-changed", "docs", "response description changed"],
  ["response-required-header-removed", "responses", "required response header removed: code reading it gets nothing"],
  ["response-optional-header-removed", "warning", "optional response header removed"],
  ["response-header-added", "non-breaking", "response header added"],
  ["response-header-became-optional", "responses", "response header now optional: it may be missing"],
  ["response-header-became-required", "non-breaking", "response header now always sent"],
  // Schemas: properties
  ["request-property-removed", "types", "request field removed (or renamed): code setting it no longer compiles"],
  ["request-required-property-added", "types", "required request field added: existing calls lack it"],
  ["request-optional-property-added", "non-breaking", "optional request field added"],
  ["request-property-became-required", "types", "request field now required: calls without it no longer compile"],
  ["request-property-became-optional", "non-breaking", "request field now optional"],
  ["request-property-became-read-only", "requests", "request field now readOnly: the server ignores or refuses it"],
  ["request-property-no-longer-read-only", "non-breaking", "request field no longer readOnly: callers may set it"],
  ["response-property-removed", "responses", "response field removed (or renamed): code reading it gets nothing"],
  ["response-property-added", "non-breaking", "response field added"],
  ["response-property-became-optional", "types", "response field now optional: code using it as always present no longer compiles"],
  ["response-property-became-required", "non-breaking", "response field now always present"],
  ["response-property-became-write-only", "responses", "response field now writeOnly: the server no longer sends it"],
  ["response-property-no-longer-write-only", "non-breaking", "response field no longer writeOnly: the server may send it"],
  ["property-deprecated", "warning", "field or schema deprecated"],
  ["property-undeprecated", "docs", "field or schema no longer deprecated"],
  ["schema-description-changed", "docs", "description changed"],
  // Schemas: types
  ["request-type-widened", "non-breaking", "request type widened: every value accepted before still is (integer to number is the same TypeScript number)"],
  ["request-type-changed", "types", "request type changed: values of the old type no longer compile"],
  ["request-number-became-integer", "requests", "request number became integer: same TypeScript number, but fractional values are now rejected"],
  ["response-type-narrowed", "non-breaking", "response type narrowed: every value now sent was possible before"],
  ["response-type-changed", "types", "response type changed: code reading the old type no longer compiles"],
  ["response-integer-became-number", "warning", "response integer became number: same TypeScript number, but values may now be fractional"],
  ["request-nullable-added", "non-breaking", "request field now accepts null"],
  ["request-nullable-removed", "types", "request field no longer accepts null: code passing null no longer compiles"],
  ["response-nullable-added", "types", "response field may now be null: code using it as never null no longer compiles"],
  ["response-nullable-removed", "non-breaking", "response field never null now"],
  ["request-format-changed", "requests", "request format added or changed: values valid before may be rejected"],
  ["request-format-removed", "non-breaking", "request format removed: any value of the type is accepted"],
  ["response-format-changed", "warning", "response format removed or changed: values may no longer parse as before"],
  ["response-format-added", "non-breaking", "response format added"],
  // Schemas: enums (x-open-enum: true or x-extensible-enum make an enum open)
  ["request-enum-value-removed", "types", "request enum value removed: code passing it no longer compiles"],
  ["request-open-enum-value-removed", "requests", "open request enum value removed: it still compiles, the server may refuse it"],
  ["request-enum-value-added", "non-breaking", "request enum value added"],
  ["response-enum-value-added", "types", "closed response enum gained a value: exhaustive switches no longer compile"],
  ["response-open-enum-value-added", "non-breaking", "open response enum gained a value (its type already accepts any string)"],
  ["response-enum-value-removed", "non-breaking", "response enum value removed: it is no longer sent"],
  ["request-enum-added", "types", "request field now restricted to an enum: other values no longer compile"],
  ["request-enum-removed", "non-breaking", "request field no longer an enum: any value accepted"],
  ["response-enum-added", "non-breaking", "response field now restricted to an enum"],
  ["response-enum-removed", "types", "response field no longer an enum: any value may come, code typed with the union no longer compiles"],
  ["request-enum-opened", "non-breaking", "request enum now open: any string accepted"],
  ["request-enum-closed", "types", "request enum now closed: values beyond the list no longer compile"],
  ["response-enum-opened", "types", "response enum now open: any string may come, code typed with the union no longer compiles"],
  ["response-enum-closed", "non-breaking", "response enum now closed"],
  // Schemas: composition
  ["request-variant-added", "non-breaking", "request oneOf/anyOf gained a variant: a widening, every value accepted before still is"],
  ["request-variant-removed", "types", "request oneOf/anyOf lost a variant: code passing it no longer compiles"],
  ["response-variant-added", "types", "response oneOf/anyOf gained a variant: exhaustive handling of the union no longer compiles"],
  ["response-variant-removed", "non-breaking", "response oneOf/anyOf lost a variant: it is no longer sent"],
  ["composition-keyword-changed", "warning", "oneOf became anyOf or back: the same TypeScript union, validation differs"],
  ["schema-composition-changed", "types", "a schema became a oneOf/anyOf union or stopped being one"],
  ["discriminator-property-changed", "types", "discriminator property changed: narrowing on the old property no longer compiles"],
  ["request-discriminator-value-removed", "types", "request discriminator value removed: code passing it no longer compiles"],
  ["request-discriminator-value-added", "non-breaking", "request discriminator value added"],
  ["response-discriminator-value-added", "types", "response discriminator value added: exhaustive switches no longer compile"],
  ["response-discriminator-value-removed", "non-breaking", "response discriminator value removed"],
  // Schemas: objects
  ["request-additional-properties-closed", "requests", "request object closed (additionalProperties: false): extra fields are refused"],
  ["request-additional-properties-opened", "non-breaking", "request object open to extra fields"],
  ["response-additional-properties-opened", "warning", "response object open to extra fields: unknown fields may come"],
  ["response-additional-properties-closed", "non-breaking", "response object closed to extra fields"],
  // Schemas: defaults
  ["request-default-changed", "requests", "request default changed: an omitted field now means another value"],
  ["request-default-added", "non-breaking", "request default documented"],
  ["request-default-removed", "warning", "request default removed: what an omitted field means is no longer stated"],
  ["response-default-changed", "warning", "response default added, removed or changed: a missing field may mean another value"],
];

/**
 * Validation keywords, compared direction-aware: tightening a request (the
 * server refuses more) is breaking/requests, loosening one non-breaking;
 * loosening a response (more may come) is a warning, tightening one
 * non-breaking. An absent max is +infinity, an absent min -infinity.
 */
export interface Constraint {
  keyword: string;
  kind: "max" | "min" | "pattern" | "multipleOf" | "flag";
  /** Id words: `request-<slug>-<tighter>` / `-<looser>`. */
  slug: string;
  tighter: string;
  looser: string;
}

export const constraints = (): Constraint[] => [
  { keyword: "maxLength", kind: "max", slug: "max-length", tighter: "decreased", looser: "increased" },
  { keyword: "minLength", kind: "min", slug: "min-length", tighter: "increased", looser: "decreased" },
  { keyword: "maximum", kind: "max", slug: "maximum", tighter: "decreased", looser: "increased" },
  { keyword: "minimum", kind: "min", slug: "minimum", tighter: "increased", looser: "decreased" },
  { keyword: "exclusiveMaximum", kind: "max", slug: "exclusive-maximum", tighter: "decreased", looser: "increased" },
  { keyword: "exclusiveMinimum", kind: "min", slug: "exclusive-minimum", tighter: "increased", looser: "decreased" },
  { keyword: "maxItems", kind: "max", slug: "max-items", tighter: "decreased", looser: "increased" },
  { keyword: "minItems", kind: "min", slug: "min-items", tighter: "increased", looser: "decreased" },
  { keyword: "maxProperties", kind: "max", slug: "max-properties", tighter: "decreased", looser: "increased" },
  { keyword: "minProperties", kind: "min", slug: "min-properties", tighter: "increased", looser: "decreased" },
  { keyword: "multipleOf", kind: "multipleOf", slug: "multiple-of", tighter: "tightened", looser: "relaxed" },
  { keyword: "pattern", kind: "pattern", slug: "pattern", tighter: "changed", looser: "removed" },
  { keyword: "uniqueItems", kind: "flag", slug: "unique-items", tighter: "added", looser: "removed" },
];

const constraintRules = (): Array<[string, Level, string]> =>
  constraints().flatMap((c) => [
    [`request-${c.slug}-${c.tighter}`, "requests", `request ${c.keyword} tightened: values accepted before may be rejected`],
    [`request-${c.slug}-${c.looser}`, "non-breaking", `request ${c.keyword} loosened`],
    [`response-${c.slug}-${c.tighter}`, "non-breaking", `response ${c.keyword} tightened`],
    [`response-${c.slug}-${c.looser}`, "warning", `response ${c.keyword} loosened: values outside the old limit may come`],
  ]);

/** Every rule by id (a new map on each call: a comparison builds it once). */
export function ruleTable(): ReadonlyMap<string, Rule> {
  const out = new Map<string, Rule>();
  for (const [id, level, message] of [...table(), ...constraintRules()]) {
    if (out.has(id)) throw new Error(`spec:diff rule ${id} is listed twice`);
    const breaking = level === "types" || level === "requests" || level === "responses";
    out.set(id, { id, impact: breaking ? "breaking" : level, reason: breaking ? level : null, message });
  }
  return out;
}

export function ruleOf(id: string, rules: ReadonlyMap<string, Rule> = ruleTable()): Rule {
  const rule = rules.get(id);
  if (!rule) throw new Error(`spec:diff has no rule ${id}: add it to scripts/lib/diff/rules.ts`);
  return rule;
}

/** The rule id for a constraint tightened or loosened on one side. */
export const constraintRule = (side: "request" | "response", c: Constraint, tighter: boolean) => `${side}-${c.slug}-${tighter ? c.tighter : c.looser}`;
