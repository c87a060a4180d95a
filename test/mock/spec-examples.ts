/**
 * One client call per operation of the spec, with the spec's own examples as
 * arguments (path parameters in path order, then the body or the query
 * object: the client's argument rule). Where the spec has no example yet, a
 * value generated from the schema stands in, and the call says so.
 */
import { mock } from "mock-json-schema";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { groupOfTag } from "../../scripts/lib/generate/model.js";

type Node = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

export interface ExampleCall {
  operationId: string;
  group: string;
  args: unknown[];
  /** Argument parts that came from the schema, not from an example (e.g. `path.sourceId`). */
  generated: string[];
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null;
}

/** Follows local `$ref`s, recursively, up to a depth (for recursive schemas). */
function deref(spec: BundledSpec, value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => deref(spec, v, depth));
  if (!isNode(value)) return value;
  if (typeof value["$ref"] === "string") {
    if (depth > 12) return {};
    let target: unknown = spec;
    for (const part of value["$ref"].slice(2).split("/"))
      target = isNode(target) ? target[part] : undefined;
    return deref(spec, target, depth + 1);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deref(spec, v, depth)]));
}

/** An example value from a parameter or media type, or undefined. */
function exampleOf(holder: Node): unknown {
  if ("example" in holder) return holder["example"];
  const examples = holder["examples"];
  if (isNode(examples)) {
    const first = Object.values(examples)[0];
    if (isNode(first) && "value" in first) return first["value"];
  }
  const schema = holder["schema"];
  if (isNode(schema) && "example" in schema) return schema["example"];
  return undefined;
}

export function exampleCalls(raw: BundledSpec): ExampleCall[] {
  const spec = deref(raw, raw) as BundledSpec;
  const calls: ExampleCall[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const itemNode = item as Node;
    for (const method of METHODS) {
      const op = itemNode[method] as Node | undefined;
      if (!op) continue;
      const generated: string[] = [];
      const valueOf = (where: string, holder: Node) => {
        const example = exampleOf(holder);
        if (example !== undefined) return example;
        generated.push(where);
        return mock(holder["schema"] as never);
      };
      const params = [
        ...((itemNode["parameters"] as Node[] | undefined) ?? []),
        ...((op["parameters"] as Node[] | undefined) ?? []),
      ];
      const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const args: unknown[] = pathNames.map((name) => {
        const param = params.find((p) => p["in"] === "path" && p["name"] === name) ?? {};
        return valueOf(`path.${name}`, param);
      });
      const body = op["requestBody"] as Node | undefined;
      const queryParams = params.filter((p) => p["in"] === "query");
      if (body) {
        const content = body["content"] as Record<string, Node>;
        const [mediaType, media] = Object.entries(content)[0] ?? ["", {}];
        args.push(valueOf(`body(${mediaType})`, media));
      } else if (queryParams.length > 0) {
        const query: Record<string, unknown> = {};
        for (const p of queryParams) {
          // Optional parameters go in only with an example of their own.
          if (p["required"] === true || exampleOf(p) !== undefined)
            query[String(p["name"])] = valueOf(`query.${String(p["name"])}`, p);
        }
        args.push(query);
      }
      calls.push({
        operationId: String(op["operationId"]),
        group: groupOfTag(String((op["tags"] as string[])[0])),
        args,
        generated,
      });
    }
  }
  return calls;
}
