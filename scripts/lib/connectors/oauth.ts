/**
 * Which fields of an OAuth source's configuration Airbyte fills itself when
 * createSource (or patchSource) is given the `secretId` of the OAuth flow.
 *
 * The server (airbyte-platform, OAuthSecretHelper.setSecretsInConnectionConfiguration)
 * writes into the configuration every field of the connector's
 * advancedAuth `complete_oauth_server_output_specification` (the OAuth app's
 * client id and secret) and `complete_oauth_output_specification` (the tokens
 * the identity provider returned), each at its `path_in_connector_config`.
 * api_sdk.yaml does not carry advancedAuth; it carries the first set as the
 * per-connector OAuth schemas (`github`: credentials.client_id,
 * credentials.client_secret), and the second set is always made of the OAuth
 * branch's secrets (access_token, refresh_token). So the rule is:
 *
 *   the OAuth branch is the object (or `oneOf` branch) at the OAuth schema's
 *   path that has every one of its fields; in it, those fields and every
 *   `airbyte_secret` field are optional; an object left with nothing required
 *   is itself optional in its parent, since the server creates it. An OAuth
 *   schema with no fields means the branch is the configuration's root.
 */
import { isSchema, type JsonSchema } from "./json-schema.js";

export interface OAuthRelaxation {
  /** The configuration schema with the filled fields optional and marked. */
  schema: JsonSchema;
  /** Dotted paths of the fields made optional, e.g. `credentials.access_token`. */
  filled: string[];
  /** OAuth fields whose place in the configuration was not found. */
  unresolved: string[];
}

export function relaxForOAuth(configuration: JsonSchema, oauth: JsonSchema): OAuthRelaxation {
  const schema = cloneTree(configuration);
  const filled: string[] = [];
  const unresolved: string[] = [];
  // An OAuth schema without fields (intercom, trello): the app's credentials
  // never enter the configuration, and the tokens sit at its root.
  const groups = groupLeaves(oauth);
  for (const [parent, names] of groups.size ? groups : new Map([[[], []]])) {
    const result = relax(schema, parent, names, "", filled);
    if (!result.found) unresolved.push(...names.map((n) => [...parent, n].join(".")));
  }
  return { schema, filled: [...new Set(filled)], unresolved };
}

/**
 * A copy of `value` as a tree: a node the input reaches from two places (a YAML
 * alias) becomes two nodes, so relaxing one place leaves the other as it was
 * (structuredClone would keep them one object).
 */
function cloneTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTree) as T;
  if (isSchema(value)) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, cloneTree(child)])) as T;
  return value;
}

/** The OAuth schema's leaf fields, grouped by the path of the object holding them. */
function groupLeaves(oauth: JsonSchema): Map<string[], string[]> {
  const groups = new Map<string, { parent: string[]; names: string[] }>();
  const walk = (node: JsonSchema, path: string[]) => {
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (isSchema(child) && child.properties) walk(child, [...path, name]);
      else {
        const key = path.join("\0");
        const group = groups.get(key) ?? { parent: path, names: [] };
        group.names.push(name);
        groups.set(key, group);
      }
    }
  };
  walk(oauth, []);
  return new Map([...groups.values()].map((g) => [g.parent, g.names]));
}

function relax(node: JsonSchema, rest: string[], names: string[], prefix: string, filled: string[]): { found: boolean; omittable: boolean } {
  const objects = Array.isArray(node.oneOf) ? node.oneOf.filter(isSchema) : [node];
  let found = false;
  let omittable = false;
  for (const object of objects) {
    const properties = object.properties ?? {};
    const [head, ...tail] = rest;
    if (head === undefined) {
      if (!names.every((n) => n in properties)) continue; // another branch (e.g. a personal access token)
      for (const [name, field] of Object.entries(properties)) {
        if (names.includes(name) || field.airbyte_secret === true) {
          makeOptional(object, name);
          filled.push(prefix + name);
        }
      }
    } else {
      const child = properties[head];
      if (!isSchema(child)) continue;
      const inner = relax(child, tail, names, `${prefix}${head}.`, filled);
      if (!inner.found) continue;
      if (inner.omittable) makeOptional(object, head);
    }
    found = true;
    if (!object.required?.length) omittable = true;
  }
  return { found, omittable };
}

function makeOptional(object: JsonSchema, name: string): void {
  const field = object.properties?.[name];
  if (field) field["x-filled-by-oauth"] = true;
  const required = (object.required ?? []).filter((r) => r !== name);
  if (required.length) object.required = required;
  else delete object.required;
}
