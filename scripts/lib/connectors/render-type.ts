/**
 * One connector's JSON Schema -> a TypeScript type expression with doc comments.
 *
 * Objects become object literal types (type aliases, never interfaces: an alias
 * is assignable to the client's open `{ [key: string]: unknown }` configuration,
 * an interface is not), `oneOf`/`anyOf` become unions (Airbyte's `const`
 * discriminators stay literal types, so the unions discriminate), `enum` and
 * `const` become literal types. Constructs with no faithful TypeScript
 * equivalent are collected as problems instead of being guessed at.
 */
import { isSchema, type JsonSchema } from "./json-schema.js";
import { stringType } from "./string-type.js";

export interface RenderProblem {
  /** Where in the connector's schema, e.g. `properties.credentials.oneOf[0]`. */
  path: string;
  /** The construct, e.g. `allOf` or `type: file`. */
  construct: string;
}

/** Keywords whose meaning a TypeScript type cannot carry (or only by guessing). */
const UNSUPPORTED = ["allOf", "not", "if", "then", "else", "$ref", "patternProperties", "dependencies", "dependentSchemas", "prefixItems"];
const PRIMITIVES: Record<string, string> = { string: "string", integer: "number", number: "number", boolean: "boolean", null: "null" };
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The member that marks an object whose schema says `additionalProperties: false`.
 * Optional and `never`, so no value ever has it; symbol-keyed, so completion never
 * offers it. The connector helpers read it to reject every other key there
 * (see the Checked type in check.d.ts); elsewhere a key the schema does not
 * name is allowed unless it looks like a misspelling of one it does.
 */
export const CLOSED_MARKER = "readonly [closedObject]?: never;";

export class TypeRenderer {
  readonly problems: RenderProblem[] = [];
  /** Whether a rendered type uses CLOSED_MARKER (the file then imports `closedObject`). */
  usesClosed = false;

  /** The type expression for `schema`; continuation lines are indented by `indent` spaces. */
  render(schema: JsonSchema, path: string, indent: number): string {
    for (const key of UNSUPPORTED) if (key in schema) return this.problem(path, key);
    if ("const" in schema) return this.literal(schema.const, path);
    if (Array.isArray(schema.enum)) return union(schema.enum.map((v) => this.literal(v, path)), indent);
    const choices = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(choices)) {
      const key = schema.oneOf ? "oneOf" : "anyOf";
      if (schema.properties) return this.problem(path, `${key} beside properties`);
      return union(choices.map((c, i) => this.render(asSchema(c), `${path}.${key}[${i}]`, indent + 4)), indent);
    }
    if (Array.isArray(schema.type)) {
      const rest = { ...schema, type: undefined };
      return union(schema.type.map((t) => this.render({ ...rest, type: t }, path, indent + 4)), indent);
    }
    const type = schema.type ?? (schema.properties ? "object" : schema.items ? "array" : undefined);
    if (type === undefined) return "unknown";
    if (type === "string") return stringType(schema.pattern, schema.format) ?? "string";
    const primitive = PRIMITIVES[type];
    if (primitive) return primitive;
    if (type === "array") return this.array(schema, path, indent);
    if (type === "object") return this.object(schema, path, indent);
    return this.problem(path, `type: ${type}`);
  }

  /**
   * An object literal type. Declared properties close it to an annotation or
   * `satisfies`, so a misspelt key is a compile error there; the helpers
   * (sourceConfiguration, destinationConfiguration) accept the other keys an
   * open schema allows.
   */
  object(schema: JsonSchema, path: string, indent: number): string {
    const properties = Object.entries(schema.properties ?? {});
    if (properties.length === 0) {
      const extra = schema.additionalProperties;
      const value = isSchema(extra) ? this.render(extra, `${path}.additionalProperties`, indent + 2) : "unknown";
      return `{ [key: string]: ${value} }`;
    }
    const required = new Set(schema.required ?? []);
    const pad = " ".repeat(indent + 2);
    const lines = ["{"];
    if (schema.additionalProperties === false) {
      lines.push(`${pad}${CLOSED_MARKER}`);
      this.usesClosed = true;
    }
    for (const [name, raw] of properties) {
      const prop = asSchema(raw);
      const doc = docComment(prop, pad);
      if (doc) lines.push(doc);
      const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
      const type = this.render(prop, `${path}.properties.${name}`, indent + 2);
      lines.push(`${pad}${key}${required.has(name) ? "" : "?"}:${type.startsWith("\n") ? "" : " "}${type};`);
    }
    lines.push(`${" ".repeat(indent)}}`);
    return lines.join("\n");
  }

  private array(schema: JsonSchema, path: string, indent: number): string {
    if (Array.isArray(schema.items)) return this.problem(path, "items as a tuple (array of schemas)");
    const item = schema.items === undefined ? "unknown" : this.render(asSchema(schema.items), `${path}.items`, indent);
    return /^[\w"]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
  }

  private literal(value: unknown, path: string): string {
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) return JSON.stringify(value);
    return this.problem(path, `const or enum value ${JSON.stringify(value)}`);
  }

  private problem(path: string, construct: string): string {
    this.problems.push({ path: path.replace(/^\./, ""), construct });
    return "unknown";
  }
}

function asSchema(value: unknown): JsonSchema {
  return isSchema(value) ? value : {};
}

function union(members: string[], indent: number): string {
  const unique = [...new Set(members)];
  if (unique.length === 0) return "never";
  if (unique.length === 1) return unique[0] ?? "never";
  if (unique.every((m) => !m.includes("\n"))) return unique.join(" | ");
  const pad = " ".repeat(indent + 2);
  // A member that is itself a multi-line union (a oneOf branch with a list of
  // types) keeps its own leading bars inside parentheses.
  return unique.map((m) => `\n${pad}| ${m.startsWith("\n") ? `(${m}\n${pad}  )` : m}`).join("");
}

/**
 * The doc comment of a field: title, description, whether it is a secret or
 * filled from the OAuth secret, default, examples and constraints.
 */
export function docComment(schema: JsonSchema, pad: string): string {
  const text: string[] = [];
  const paragraph = (s: string) => {
    if (text.length) text.push("");
    text.push(...s.trim().split("\n").map((l) => l.trimEnd()));
  };
  if (typeof schema.title === "string" && schema.title.trim()) paragraph(schema.title);
  if (typeof schema.description === "string" && schema.description.trim()) paragraph(schema.description);
  if (schema.airbyte_secret === true) paragraph("Secret (`airbyte_secret`): Airbyte stores it encrypted and returns it masked.");
  if (schema["x-filled-by-oauth"] === true) {
    paragraph("Optional here: Airbyte fills it from the OAuth secret given as `secretId`.");
  }
  const tags: string[] = [];
  if ("default" in schema) tags.push(`@default ${JSON.stringify(schema.default)}`);
  const examples = Array.isArray(schema.examples) ? schema.examples : "example" in schema ? [schema.example] : [];
  for (const example of examples) tags.push(`@example ${JSON.stringify(example)}`);
  if (typeof schema.format === "string") tags.push(`@format ${schema.format}`);
  if (typeof schema.pattern === "string") tags.push(`@pattern ${schema.pattern}`);
  if (typeof schema.minimum === "number") tags.push(`@minimum ${schema.minimum}`);
  if (typeof schema.maximum === "number") tags.push(`@maximum ${schema.maximum}`);
  const all = [...text, ...tags];
  if (all.length === 0) return "";
  // `*/` inside any text would end the comment early.
  const body = all.map((l) => `${pad} *${l ? ` ${l.replaceAll("*/", "*\\/")}` : ""}`);
  return [`${pad}/**`, ...body, `${pad} */`].join("\n");
}
