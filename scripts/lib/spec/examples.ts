/**
 * Every example of the spec, with the schema it illustrates and where it is
 * written (source file + JSON pointer inside it), so a bad example can be
 * reported at the exact line a person edits. Also lists the operations'
 * request bodies and JSON responses that have no example at all.
 *
 * Works on the bundled document; the source file of an operation comes from
 * the `paths` refs of spec/openapi.yaml, the source file of a shared
 * component (`#/components/responses/NotFound`) from Redocly's naming of
 * bundled components after their file.
 */
import { HTTP_METHODS, isJsonObject } from "../shared/openapi.mjs";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { loadYaml } from "../shared/yaml.js";

export interface SpecExample {
  /** Source file, relative to the repository root (e.g. `spec/paths/tags.yaml`). */
  file: string;
  /** JSON pointer of the example's value inside that file. */
  pointer: string;
  /** The schema the example must satisfy (may hold `#/components/...` refs). */
  schema: unknown;
  value: unknown;
  /** Operations that show this example (several for a shared response). */
  operations: string[];
}

export interface ExampleInventory {
  examples: SpecExample[];
  /** `<operationId> <what>` for each request body / JSON response without any example. */
  missing: string[];
}

type Node = Record<string, unknown>;
const isNode = isJsonObject as (v: unknown) => v is Node;

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

interface Place {
  file: string;
  pointer: string;
}

export async function collectExamples(specPath: string, bundled: Node, repoRoot: string): Promise<ExampleInventory> {
  const specDir = dirname(specPath);
  const root = loadYaml(await readFile(specPath, "utf8"), specPath) as Node;
  const rawPaths = isNode(root.paths) ? root.paths : {};
  const rel = (file: string) => relative(repoRoot, file);
  const found = new Map<string, SpecExample>();
  const missing: string[] = [];

  /** Follows a bundled `$ref`; a component ref moves the place to the component's own file. */
  const follow = (node: unknown, at: Place): { node: Node | undefined; at: Place } => {
    let current = node;
    let place = at;
    for (let hops = 0; hops < 16 && isNode(current) && typeof current.$ref === "string"; hops++) {
      const ref = current.$ref;
      const parts = ref.replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
      let target: unknown = bundled;
      for (const part of parts) target = isNode(target) ? target[part] : undefined;
      const [section, kind, name] = parts;
      const file = section === "components" && kind && name ? join(specDir, "components", kind, `${name}.yaml`) : undefined;
      place = file && existsSync(file) ? { file: rel(file), pointer: "" } : { file: rel(specPath), pointer: ref.slice(1) };
      current = target;
    }
    return { node: isNode(current) ? current : undefined, at: place };
  };

  /** Records the examples of a media type or parameter object; false when it has none. */
  const record = (holder: Node, at: Place, operationId: string): boolean => {
    const values: Array<[string, unknown]> = [];
    if ("example" in holder) values.push([`${at.pointer}/example`, holder.example]);
    if (isNode(holder.examples)) {
      for (const [name, raw] of Object.entries(holder.examples)) {
        const { node: example, at: exampleAt } = follow(raw, { file: at.file, pointer: `${at.pointer}/examples/${escape(name)}` });
        if (example && "value" in example) values.push([exampleAt.pointer + "/value", example.value]);
        else values.push([exampleAt.pointer, undefined]);
      }
    }
    for (const [pointer, value] of values) {
      const key = `${at.file}#${pointer}`;
      const seen = found.get(key);
      if (seen) {
        if (!seen.operations.includes(operationId)) seen.operations.push(operationId);
      } else found.set(key, { file: at.file, pointer, schema: holder.schema, value, operations: [operationId] });
    }
    return values.length > 0;
  };

  const paths = isNode(bundled.paths) ? bundled.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const rawRef = isNode(rawPaths[path]) ? rawPaths[path].$ref : undefined;
    const itemAt: Place = typeof rawRef === "string" ? { file: rel(join(specDir, rawRef)), pointer: "" } : { file: rel(specPath), pointer: `/paths/${escape(path)}` };
    const { node: item } = follow(rawItem, itemAt);
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      const operationId = typeof op.operationId === "string" ? op.operationId : `${method.toUpperCase()} ${path}`;
      const opAt: Place = { file: itemAt.file, pointer: `${itemAt.pointer}/${method}` };

      // Path-level parameters live beside the methods, operation-level ones inside.
      const params = [
        ...(Array.isArray(item.parameters) ? item.parameters : []).map((raw, i) => [raw, `${itemAt.pointer}/parameters/${i}`] as const),
        ...(Array.isArray(op.parameters) ? op.parameters : []).map((raw, i) => [raw, `${opAt.pointer}/parameters/${i}`] as const),
      ];
      for (const [raw, pointer] of params) {
        const { node: param, at } = follow(raw, { file: opAt.file, pointer });
        if (param) record(param, at, operationId);
      }

      const body = follow(op.requestBody, { file: opAt.file, pointer: `${opAt.pointer}/requestBody` });
      for (const [type, media] of Object.entries(isNode(body.node?.content) ? body.node.content : {})) {
        if (!isNode(media) || !/json/.test(type)) continue;
        if (!record(media, { file: body.at.file, pointer: `${body.at.pointer}/content/${escape(type)}` }, operationId)) missing.push(`${operationId} request body (${type})`);
      }

      for (const [status, raw] of Object.entries(isNode(op.responses) ? op.responses : {})) {
        const response = follow(raw, { file: opAt.file, pointer: `${opAt.pointer}/responses/${escape(status)}` });
        for (const [type, media] of Object.entries(isNode(response.node?.content) ? response.node.content : {})) {
          if (!isNode(media) || !/json/.test(type)) continue;
          if (!record(media, { file: response.at.file, pointer: `${response.at.pointer}/content/${escape(type)}` }, operationId)) missing.push(`${operationId} response ${status} (${type})`);
        }
      }
    }
  }
  return { examples: [...found.values()], missing };
}
