/**
 * A Terraform example of airbytehq/terraform-provider-airbyte (its resource
 * per connector, before v1.0) -> the configuration the public API takes.
 *
 * The provider writes a oneOf as an object with one key per branch, named
 * after the branch's title in snake case, and leaves out the branch's const
 * discriminator (it fills it in itself): `ssl_mode = { verify_ca = { ... } }`
 * is `"ssl_mode": { "mode": "verify-ca", ... }` in the API; and it names every
 * property in snake case (`host_name_in_certificate` for `hostNameInCertificate`). So the conversion
 * parses the `configuration = { ... }` block (the plain subset of HCL the
 * examples use: strings, numbers, booleans, lists, objects, `#` comments),
 * then walks it beside the connector's schema, unwrapping each such object
 * into the branch whose title matches and adding that branch's consts.
 */
import { isSchema, type JsonSchema } from "./json-schema.js";

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/** The API configuration of one example, or undefined when it has no `configuration` block. */
export function terraformConfiguration(hcl: string, schema: JsonSchema): Record<string, unknown> | undefined {
  const start = hcl.indexOf("configuration = {");
  if (start < 0) return undefined;
  const parser = new Parser(hcl, start + "configuration = ".length);
  const parsed = parser.value();
  return isSchema(parsed) ? (toApi(parsed, schema) as Record<string, unknown>) : undefined;
}

const normal = (s: unknown) => (typeof s === "string" ? s.toLowerCase().replace(/[^a-z0-9]/g, "") : "");

function toApi(value: Value, schema: JsonSchema): Value {
  if (Array.isArray(value)) return value.map((v) => (isSchema(schema.items) ? toApi(v, schema.items) : v));
  if (value === null || typeof value !== "object") return value;
  const branches = (schema.oneOf ?? schema.anyOf ?? []).filter(isSchema);
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  const inner = only !== undefined ? value[only] : undefined;
  if (branches.length && only !== undefined && inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
    const branch = branches.find((b) => normal(b.title) === normal(only));
    if (branch) {
      const out: { [key: string]: Value } = {};
      for (const [name, field] of Object.entries(branch.properties ?? {})) {
        if ("const" in field) out[name] = field.const as Value;
        else if (Array.isArray(field.enum) && field.enum.length === 1 && (branch.required ?? []).includes(name)) out[name] = field.enum[0] as Value;
      }
      return { ...out, ...(toApi(inner, branch) as object) };
    }
  }
  // The provider names every property in snake case: `authentication_method` is the API's `authenticationMethod`.
  const names = new Map(Object.keys(schema.properties ?? {}).map((name) => [normal(name), name]));
  const out: { [key: string]: Value } = {};
  for (const [key, child] of Object.entries(value)) {
    const name = schema.properties?.[key] ? key : (names.get(normal(key)) ?? key);
    const field = schema.properties?.[name];
    out[name] = isSchema(field) ? toApi(child, field) : child;
  }
  return out;
}

class Parser {
  constructor(
    private readonly text: string,
    private at: number,
  ) {}

  value(): Value {
    this.skip();
    const c = this.text[this.at];
    if (c === "{") return this.object();
    if (c === "[") return this.list();
    if (c === '"') return this.string();
    const word = /^[^\s,\]}]+/.exec(this.text.slice(this.at))?.[0] ?? "";
    this.at += word.length;
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    const n = Number(word);
    if (word !== "" && Number.isFinite(n)) return n;
    throw new Error(`HCL: unexpected \`${word || c}\` at ${this.at}`);
  }

  private object(): { [key: string]: Value } {
    this.at++;
    const out: { [key: string]: Value } = {};
    for (;;) {
      this.skip();
      if (this.text[this.at] === "}") {
        this.at++;
        return out;
      }
      const key = this.key();
      this.skip();
      if (this.text[this.at] !== "=") throw new Error(`HCL: expected = after ${key}`);
      this.at++;
      out[key] = this.value();
    }
  }

  private key(): string {
    if (this.text[this.at] === '"') return this.string();
    const key = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.at))?.[0];
    if (!key) throw new Error(`HCL: expected a key at ${this.at}`);
    this.at += key.length;
    return key;
  }

  private list(): Value[] {
    this.at++;
    const out: Value[] = [];
    for (;;) {
      this.skip();
      if (this.text[this.at] === "]") {
        this.at++;
        return out;
      }
      out.push(this.value());
    }
  }

  private string(): string {
    let end = this.at + 1;
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === "\\" ? 2 : 1;
    const raw = this.text.slice(this.at, end + 1);
    this.at = end + 1;
    return JSON.parse(raw) as string;
  }

  /** Whitespace, commas and `#` comments. */
  private skip(): void {
    for (;;) {
      const rest = this.text.slice(this.at);
      const m = /^(?:[\s,]+|#[^\n]*)/.exec(rest);
      if (!m) return;
      this.at += m[0].length;
    }
  }
}
